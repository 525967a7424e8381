"""Admission control for Rasa's turns (used by bot/channels.py; no Rasa imports, so the
tests can run it in either environment)."""
from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

log = logging.getLogger(__name__)
M = TypeVar("M")


class TurnGate:
    """At most `limit` turns inside Rasa's processing at once; later ones wait at the door.

    Rasa handles every turn on one event loop. A turn that runs a custom action leaves the
    loop while the action server works and must then queue again behind every turn that
    arrived meanwhile: under load it paid for the crowd twice, a turn without an action once.
    Waiting here instead, before the turn starts, keeps that second queue short. Throughput
    stays the same; queueing is shared evenly between the two kinds of turn (figures from
    `bench load` in the README).

    A turn that waited `max_wait_s` goes in anyway, so that a stuck action server slows the
    bot down rather than stopping it.
    """

    def __init__(self, limit: int, max_wait_s: float) -> None:
        self.limit = limit
        self.max_wait_s = max_wait_s
        self._slots: asyncio.Semaphore | None = None  # made on the server's own loop

    @classmethod
    def from_env(cls) -> TurnGate:
        return cls(int(os.environ.get("RASA_MAX_CONCURRENT_TURNS", "8")),
                   float(os.environ.get("RASA_TURN_WAIT_S", "10")))

    def wrap(self, on_new_message: Callable[[M], Awaitable[Any]]) -> Callable[[M], Awaitable[Any]]:
        if self.limit <= 0:
            return on_new_message

        async def gated(message: M) -> Any:
            if self._slots is None:
                self._slots = asyncio.Semaphore(self.limit)
            try:
                acquired = await asyncio.wait_for(self._slots.acquire(), self.max_wait_s)
            except asyncio.TimeoutError:  # Python 3.10 (Rasa): not yet the builtin TimeoutError
                acquired = False
                log.warning("a turn waited %.0f s for one of %d slots; letting it in", self.max_wait_s, self.limit)
            try:
                return await on_new_message(message)
            finally:
                if acquired:
                    self._slots.release()

        return gated
