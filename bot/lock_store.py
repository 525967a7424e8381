"""Rasa's conversation lock on Redis, safe when several Rasa servers take tickets at once.

Rasa Open Source's RedisLockStore keeps a conversation's tickets as one JSON value that each
server reads, changes and writes back; two servers taking a ticket at the same moment both
get the same number, and both process their message at once (RasaHQ/rasa#9213; the fix,
ConcurrentRedisLockStore, was reverted from the open-source release). Seen here: of 20
messages sent at once to one conversation on two replicas, 4 were answered but never stored.

This store keeps the ticket lock algorithm (`rasa.core.lock.TicketLock`) and changes only
where tickets live: numbers come from Redis INCR (atomic, so unique), and each ticket is one
field of a Redis hash, added and removed on its own. A ticket still expires after the lock's
lifetime (a server killed mid-turn does not block the conversation for longer).

bot/endpoints.yml with replicas (scripts/replicas.py):
    lock_store:
      type: bot.lock_store.AtomicRedisLockStore
      url: 127.0.0.1
      port: 6390
"""
from __future__ import annotations

import time
from collections import deque
from typing import Any

from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

COUNTER_TTL_S = 24 * 3600  # outlives every ticket, so numbers never restart below a live one


class AtomicRedisLockStore(LockStore):
    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        import redis

        options = {**(endpoint_config.kwargs if endpoint_config else {}), **kwargs}
        self.red = redis.StrictRedis(
            host=(endpoint_config.url if endpoint_config and endpoint_config.url else options.get("host", "localhost")),
            port=int(options.get("port", 6379)), db=int(options.get("db", 1)), password=options.get("password"),
            socket_timeout=float(options.get("socket_timeout", 10)))
        self.prefix = f"{options.get('key_prefix', 'assistant')}:lock:"
        super().__init__()

    def _tickets(self, conversation_id: str) -> str:
        return f"{self.prefix}{conversation_id}:tickets"  # hash: ticket number -> expiry (epoch s)

    def _counter(self, conversation_id: str) -> str:
        return f"{self.prefix}{conversation_id}:last"

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            number = int(self.red.incr(self._counter(conversation_id)))
            pipe = self.red.pipeline()
            pipe.expire(self._counter(conversation_id), COUNTER_TTL_S)
            pipe.hset(self._tickets(conversation_id), str(number), str(time.time() + lock_lifetime))
            pipe.expire(self._tickets(conversation_id), int(lock_lifetime) + 60)
            pipe.execute()
            return number
        except Exception as exc:  # as Rasa's own stores: the channel answers with an error
            raise LockError(f"Error while acquiring lock. Error:\n{exc}") from exc

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        now = time.time()
        fields = self.red.hgetall(self._tickets(conversation_id))
        tickets = sorted((Ticket(int(n), float(e)) for n, e in fields.items() if float(e) > now),
                         key=lambda t: t.number)
        return TicketLock(conversation_id, deque(tickets)) if tickets else None

    def update_lock(self, conversation_id: str) -> None:
        now = time.time()
        expired = [n for n, e in self.red.hgetall(self._tickets(conversation_id)).items() if float(e) <= now]
        if expired:
            self.red.hdel(self._tickets(conversation_id), *expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self.red.hdel(self._tickets(conversation_id), str(ticket_number))

    def delete_lock(self, conversation_id: str) -> None:
        # Tickets leave one by one (finish_serving, expiry) and Redis drops an empty hash: deleting
        # the whole lock here could take a ticket another server has just been issued.
        pass

    def save_lock(self, lock: TicketLock) -> None:
        # Only Rasa's own issue_ticket/update_lock/finish_serving call this, all replaced above
        # by single-ticket operations; writing a whole lock back is the race this store avoids.
        raise NotImplementedError("AtomicRedisLockStore changes tickets one at a time")
