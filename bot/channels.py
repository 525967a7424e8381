"""The REST input channel of the shopping assistant, with its request body checked first.

Rasa imports this module by the path named in credentials.yml (`bot.channels.CheckedRestInput`):
the Rasa server runs with the repository root as its working directory, which Rasa puts on
`sys.path`. It runs in the bot's environment (Python 3.10, Rasa 3.6), not the actions'.
"""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.turn_gate import TurnGate
from recommender.identity import verified_metadata  # PyJWT only; the recommender package imports lazily

log = logging.getLogger(__name__)

__all__ = ["CheckedRestInput", "body_error"]


def body_error(raw: bytes) -> str | None:
    """Why `raw` is not a message body the REST channel can take, or None when it is one.

    >>> body_error(b'{"sender": "s1", "message": "hi", "metadata": {"customer_id": "C001"}}') is None
    True
    >>> body_error(b'[1]')
    'the body must be a JSON object: {"sender": "...", "message": "...", "metadata": {...}}'
    """
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return "the body must be JSON in UTF-8"
    except (ValueError, RecursionError):
        return "the body must be JSON"
    if not isinstance(body, dict):
        return 'the body must be a JSON object: {"sender": "...", "message": "...", "metadata": {...}}'
    sender = body.get("sender")
    if not isinstance(sender, str) or not sender:
        return "sender must be a non-empty string (the conversation id)"
    if not isinstance(body.get("message"), str):
        return "message must be a string"
    if body.get("metadata") is not None and not isinstance(body["metadata"], dict):
        return "metadata must be an object"
    # Rasa's channel lets the body name any input channel. The actions trust only "cmdline"
    # (an agent in `rasa shell`) to switch customers, so a web client may not claim it.
    if body.get("input_channel") not in (None, RestInput.name()):
        return f"input_channel cannot be chosen; leave it out (it is {RestInput.name()!r})"
    return None


# Said when a turn fails inside Rasa: the tracker store or the lock store unreachable or locked.
TURN_FAILED = ("Sorry, I'm having trouble right now and couldn't take that in. "
               "Please send it again in a moment.")


def answered_on_failure(on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[Any]]:
    """A turn that raises (its conversation's database locked or down, Redis gone) is answered
    with TURN_FAILED instead of nothing, and logged by the error's kind only: Rasa's own channel
    would log the shopper's words. The processes keep running; the next turn tries again."""

    async def guarded(message: UserMessage) -> Any:
        try:
            return await on_new_message(message)
        except Exception as exc:  # noqa: BLE001 - any failure of the turn gets the same honest answer
            log.error("a turn failed (%s); the shopper was asked to send it again", type(exc).__name__)
            await message.output_channel.send_text_message(message.sender_id, TURN_FAILED)
            return None

    return guarded


class CheckedRestInput(RestInput):
    """Rasa's REST channel, except that a malformed body gets 400 and `{"error": "..."}`, and a
    customer is taken only from a signed token (`get_metadata`).

    Rasa 3.6's own channel answers a JSON list, or a body whose fields have the wrong types,
    with a generic 500. Turns pass a `TurnGate` (RASA_MAX_CONCURRENT_TURNS, default 8; 0 for
    none). Everything else (the path /webhooks/rest/webhook, `?stream=true`, the
    answers) is Rasa's own channel: `name()` is still "rest".
    """

    identity_secret: str = ""

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> CheckedRestInput:
        channel = cls()
        channel.identity_secret = os.environ.get("ASSISTANT_IDENTITY_SECRET", "")
        if not channel.identity_secret:
            log.warning("ASSISTANT_IDENTITY_SECRET is not set: every REST conversation is a guest's")
        return channel

    def get_metadata(self, request: Request) -> dict[str, Any]:
        """The body's metadata with `customer_id` set only from a valid `customer_token`
        (recommender/identity.py): a client that writes a customer id itself is a guest."""
        return verified_metadata(super().get_metadata(request), self.identity_secret)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(TurnGate.from_env().wrap(answered_on_failure(on_new_message)))

        # Blueprint middleware runs for this blueprint's routes only (Sanic 21.12).
        @webhook.middleware("request")
        async def check_body(request: Request) -> HTTPResponse | None:
            if request.method != "POST":
                return None
            error = body_error(request.body or b"")
            return response.json({"error": error}, status=400) if error else None

        return webhook
