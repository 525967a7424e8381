"""The REST input channel of the shopping assistant, with its request body checked first.

Rasa imports this module by the path named in credentials.yml (`bot.channels.CheckedRestInput`):
the Rasa server runs with the repository root as its working directory, which Rasa puts on
`sys.path`. It runs in the bot's environment (Python 3.10, Rasa 3.6), not the actions'.
"""
from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.turn_gate import TurnGate

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


class CheckedRestInput(RestInput):
    """Rasa's REST channel, except that a malformed body gets 400 and `{"error": "..."}`.

    Rasa 3.6's own channel answers a JSON list, or a body whose fields have the wrong types,
    with a generic 500. Turns pass a `TurnGate` (RASA_MAX_CONCURRENT_TURNS, default 8; 0 for
    none). Everything else (the path /webhooks/rest/webhook, `?stream=true`, the
    answers) is Rasa's own channel: `name()` is still "rest".
    """

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(TurnGate.from_env().wrap(on_new_message))

        # Blueprint middleware runs for this blueprint's routes only (Sanic 21.12).
        @webhook.middleware("request")
        async def check_body(request: Request) -> HTTPResponse | None:
            if request.method != "POST":
                return None
            error = body_error(request.body or b"")
            return response.json({"error": error}, status=400) if error else None

        return webhook
