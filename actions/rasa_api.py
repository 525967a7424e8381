"""Rasa's own HTTP API as the action server uses it: wiping the trackers of a forgotten shopper.

Rasa serves it only with `--enable-api`, to requests carrying its token (scripts/stack.py
starts it so and hands RASA_URL and RASA_AUTH_TOKEN to the action server).
"""
from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterable
from urllib.parse import quote

import aiohttp
from sqlalchemy.exc import SQLAlchemyError

from recommender.transcripts import delete_transcripts

log = logging.getLogger(__name__)
# Replacing a tracker waits for Rasa's lock on the conversation: the forget turn that asked for
# it holds the lock until it ends, and Rasa's lock lifetime is 60 s.
WIPE_TIMEOUT_S = 90.0


class RasaApi:
    """A client of Rasa's HTTP API; `configured` is False where no URL or token was given."""

    def __init__(self, base_url: str | None = None, token: str | None = None,
                 timeout_s: float = WIPE_TIMEOUT_S) -> None:
        self.base_url = (base_url if base_url is not None else os.environ.get("RASA_URL", "")).rstrip("/")
        self.token = token if token is not None else os.environ.get("RASA_AUTH_TOKEN", "")
        self.tracker_store_url = os.environ.get("TRACKER_STORE_URL", "")
        self.timeout = aiohttp.ClientTimeout(total=timeout_s)

    @property
    def configured(self) -> bool:
        return bool(self.base_url and self.token)

    async def wipe_trackers(self, sender_ids: Iterable[str]) -> int:
        """Replace each conversation's events with none, then delete its rows in the SQL tracker
        store (TRACKER_STORE_URL); returns how many conversations were wiped.

        Replacing waits for Rasa's lock on the conversation, so the rows are deleted only once the
        turn that asked has ended (rows deleted mid-turn would be written again at its end).
        Failures are logged by status only (never a sender id) and do not stop the rest.
        """
        senders = list(sender_ids)
        wiped = 0
        async with aiohttp.ClientSession(timeout=self.timeout) as http:
            for sender in senders:
                url = f"{self.base_url}/conversations/{quote(sender, safe='')}/tracker/events"
                try:
                    async with http.put(url, json=[], params={"token": self.token}) as resp:
                        if resp.status == 200:
                            wiped += 1
                        else:
                            log.warning("tracker not wiped: Rasa answered HTTP %d", resp.status)
                except (TimeoutError, aiohttp.ClientError) as exc:
                    log.warning("tracker not wiped: %s", type(exc).__name__)
        if self.tracker_store_url:
            try:
                rows = await asyncio.to_thread(delete_transcripts, self.tracker_store_url, senders)
                log.info("deleted %d tracker store rows of %d conversations", rows, len(senders))
            except SQLAlchemyError:
                pass  # logged by delete_transcripts; the recommender's data is gone already
        return wiped


_pending: set[asyncio.Task[int]] = set()  # strong references until each background wipe ends


def wipe_trackers_later(api: RasaApi, sender_ids: Iterable[str]) -> asyncio.Task[int]:
    """Start wiping in the background and return at once.

    Called from inside a turn: Rasa holds that conversation's lock until the action's events
    are applied, and replacing the tracker waits for that lock, so awaiting it in the action
    would deadlock. In the background it runs once the turn has ended.
    """
    task = asyncio.get_running_loop().create_task(api.wipe_trackers(list(sender_ids)))
    _pending.add(task)
    task.add_done_callback(_pending.discard)
    return task
