"""Rasa's transcripts in its SQL tracker store (`bot/endpoints.yml`), deleted when a shopper is forgotten.

Rasa keeps every event of a conversation as a row of its `events` table, keyed by sender id,
and has no API that deletes them: replacing a tracker's events appends nothing but keeps the
rows. So forgetting deletes the rows. Only after the conversation's turn has ended: Rasa writes
a tracker's events that the table lacks when a turn ends, so rows deleted mid-turn come back.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import bindparam, create_engine, text
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)


def own_driver(url: str) -> str:
    """The tracker store's URL for this process's SQLAlchemy: Rasa's Python has psycopg2, ours psycopg 3."""
    scheme, sep, rest = url.partition("://")
    if sep and scheme in ("postgresql", "postgres", "postgresql+psycopg2"):
        return f"postgresql+psycopg://{rest}"
    return url


def delete_transcripts(url: str, sender_ids: Iterable[str]) -> int:
    """Delete every tracker-store row of these conversations; returns rows deleted (0 when the
    store has no table yet). A database error is logged by its kind only and re-raised."""
    senders = sorted(set(sender_ids))
    if not url or not senders:
        return 0
    engine = create_engine(own_driver(url))
    try:
        with engine.begin() as conn:
            if not engine.dialect.has_table(conn, "events"):
                return 0
            statement = text("DELETE FROM events WHERE sender_id IN :senders").bindparams(
                bindparam("senders", expanding=True))
            return int(conn.execute(statement, {"senders": senders}).rowcount or 0)
    except SQLAlchemyError as exc:
        log.error("transcripts not deleted: %s", type(exc).__name__)
        raise
    finally:
        engine.dispose()


def transcript_rows(url: str, sender_id: str) -> int:
    """How many rows the tracker store holds for a conversation (tests, `forget` reports)."""
    engine = create_engine(own_driver(url))
    try:
        with engine.connect() as conn:
            if not engine.dialect.has_table(conn, "events"):
                return 0
            return int(conn.execute(text("SELECT COUNT(*) FROM events WHERE sender_id = :s"), {"s": sender_id}).scalar() or 0)
    finally:
        engine.dispose()
