"""Feedback that the database cannot take right now is kept on disk and written later, in order.

The service writes every feedback event through a `FeedbackSpool`. When the write fails with
an `OperationalError` (a SQLite file locked past `feedback_write_timeout_s`, a database that
cannot be reached), the event is appended to a JSON-lines file and fsynced before the request
is answered (202). While anything is spooled, new events queue behind it, so the table keeps
the order the events arrived in. `replay()` (the service calls it every `spool_retry_s`)
writes the whole spool in one transaction, keeping each event's original time, then empties
the file. An event already in the table (the process died between the commit and emptying
the file) is not written twice.

One service process owns one spool file. Until an event is replayed, ranking does not see it.
"""
from __future__ import annotations

import json
import logging
import math
import os
import threading
from datetime import datetime
from pathlib import Path
from typing import Any, TypedDict

from sqlalchemy import create_engine, event, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from recommender.config import ROOT
from recommender.errors import StoreUnavailable
from recommender.feedback_types import FEEDBACK_TYPES
from recommender.tables import FeedbackEvent, Impression, utcnow

log = logging.getLogger(__name__)


class FeedbackRecord(TypedDict):
    """One feedback event as the service records it (the columns of `feedback_events`)."""

    type: str
    sender_id: str
    customer_id: str | None
    recommendation_id: str | None
    product_id: str | None
    position: int | None
    detail: dict[str, Any]


def write_feedback(conn: Connection, row: dict[str, Any]) -> int:
    """The one writer of feedback events: the service's spool (at once or on replay), the
    store's `record_feedback` (tests, benchmarks, the command line) all insert through here.
    `row` holds a `FeedbackRecord`'s columns and `created_at`; its type must be a FeedbackType."""
    if row["type"] not in FEEDBACK_TYPES:
        raise ValueError(f"unknown feedback type {row['type']!r}; expected one of {FEEDBACK_TYPES}")
    key = conn.execute(insert(FeedbackEvent).values(row)).inserted_primary_key
    return int(key[0]) if key is not None else 0


def default_path(database_url: str) -> Path:
    """Beside a SQLite database file (`assistant.db` -> `assistant.feedback-spool.jsonl`), else var/."""
    if database_url.startswith("sqlite:///") and ":memory:" not in database_url:
        return Path(database_url.removeprefix("sqlite:///")).with_suffix(".feedback-spool.jsonl")
    return ROOT / "var" / "feedback-spool.jsonl"


def writer_engine(database_url: str, timeout_s: float) -> Engine:
    """A small pool for feedback writes that gives up after `timeout_s` instead of waiting long.

    The store's own engine waits 30 s on a locked SQLite file, longer than a caller waits for
    an answer; this one gives up sooner so that the event is spooled while the caller is there.
    SQLite connections keep the default synchronous=FULL: a written event survives power loss.
    """
    if database_url.startswith("sqlite"):
        engine = create_engine(database_url, pool_pre_ping=True, hide_parameters=True,
                               connect_args={"timeout": timeout_s})

        @event.listens_for(engine, "connect")
        def _foreign_keys(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute("PRAGMA foreign_keys=ON")

        return engine
    connect_args: dict[str, Any] = {}
    if database_url.startswith("postgresql"):
        ms = int(timeout_s * 1000)
        connect_args = {"connect_timeout": max(2, math.ceil(timeout_s)), "options": f"-c lock_timeout={ms}"}
    return create_engine(database_url, pool_pre_ping=True, hide_parameters=True, connect_args=connect_args)


class FeedbackSpool:
    """Writes feedback events now, or keeps them durably until the database takes them.

    Thread-safe within one process (the service calls it from its worker threads).

    Example:
        spool = FeedbackSpool(Path("var/assistant.feedback-spool.jsonl"), writer_engine(url, 2.0))
        event_id = spool.record(event)  # None: spooled, written by a later spool.replay()
    """

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = Path(path)
        self.engine = engine
        self._lock = threading.Lock()

    def record(self, record: FeedbackRecord) -> int | None:
        """Write one event; its row id, or None when it was spooled instead."""
        row = {**record, "created_at": utcnow()}
        with self._lock:
            if not self.has_pending():
                try:
                    with self.engine.begin() as conn:
                        return write_feedback(conn, row)
                except OperationalError as exc:
                    # The reason names the database's state, never the event (no personal data).
                    log.warning("feedback spooled: the database refused the write (%s)", _reason(exc))
            self._append(row)
            return None

    def replay(self) -> int:
        """Write every spooled event in one transaction, oldest first; the number written.

        Returns 0 and keeps the spool when the database still refuses. Events tied to a list
        that no longer exists (its shopper was forgotten meanwhile) are dropped.
        """
        with self._lock:
            rows = self._read()
            if not rows:
                return 0
            written = 0
            try:
                with self.engine.begin() as conn:
                    for row in rows:
                        if _stored(conn, row) or _orphan(conn, row):
                            continue
                        write_feedback(conn, row)
                        written += 1
            except OperationalError as exc:
                log.info("spooled feedback kept: the database still refuses writes (%s)", _reason(exc))
                return 0
            self._clear()
            log.info("spooled feedback written: %d events", written)
            return written

    def pending(self) -> int:
        """How many events wait in the spool (a line count, without waiting for a write)."""
        try:
            with open(self.path, "rb") as f:
                return sum(1 for line in f if line.strip())
        except FileNotFoundError:
            return 0

    def discard(self, who: str) -> int:
        """Drop spooled events of a customer id or sender id (they asked to be forgotten)."""
        with self._lock:
            rows = self._read()
            kept = [r for r in rows if who not in (r["sender_id"], r["customer_id"])]
            if len(kept) == len(rows):
                return 0
            tmp = self.path.with_suffix(".tmp")
            with open(tmp, "w", encoding="utf-8") as f:
                f.writelines(_line(r) for r in kept)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
            _sync_dir(self.path.parent)
            return len(rows) - len(kept)

    def close(self) -> None:
        self.engine.dispose()

    # --- the file ------------------------------------------------------------------------
    def has_pending(self) -> bool:
        """Whether anything is spooled (a stat, no read: cheap enough to ask every second)."""
        try:
            return self.path.stat().st_size > 0
        except FileNotFoundError:
            return False

    def _append(self, row: dict[str, Any]) -> None:
        """Append one line and fsync it before the caller is told the event is kept."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            created = not self.path.exists()
            with open(self.path, "ab") as f:
                if f.tell() > 0 and not _ends_with_newline(self.path):
                    f.write(b"\n")  # a line torn by a crash must not swallow this one
                f.write(_line(row).encode("utf-8"))
                f.flush()
                os.fsync(f.fileno())
            if created:
                _sync_dir(self.path.parent)
        except OSError as exc:
            raise StoreUnavailable(
                "the feedback store is unavailable and the event could not be kept; try again") from exc

    def _read(self) -> list[dict[str, Any]]:
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return []
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                rows.append({**raw, "created_at": datetime.fromisoformat(raw["created_at"])})
            except (ValueError, KeyError, TypeError):
                # Only a write torn by a crash looks like this; it was never acknowledged.
                log.warning("spool line %d is not an event; skipped", number)
        return rows

    def _clear(self) -> None:
        self.path.unlink(missing_ok=True)
        _sync_dir(self.path.parent)


def _line(row: dict[str, Any]) -> str:
    return json.dumps({**row, "created_at": row["created_at"].isoformat()}, ensure_ascii=False) + "\n"


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"


def _sync_dir(folder: Path) -> None:
    """Make a file's creation or removal durable (POSIX: fsync the directory)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _stored(conn: Connection, row: dict[str, Any]) -> bool:
    """Whether this very event is in the table already (same sender, type and microsecond)."""
    found = conn.execute(select(FeedbackEvent.id).where(
        FeedbackEvent.sender_id == row["sender_id"], FeedbackEvent.type == row["type"],
        FeedbackEvent.created_at == row["created_at"]).limit(1)).first()
    return found is not None


def _orphan(conn: Connection, row: dict[str, Any]) -> bool:
    rec_id = row.get("recommendation_id")
    if not rec_id:
        return False
    found = conn.execute(select(Impression.recommendation_id).where(
        Impression.recommendation_id == rec_id)).first()
    if found is None:
        log.warning("spooled feedback dropped: its recommendation list no longer exists")
    return found is None


def _reason(exc: OperationalError) -> str:
    """SQLite's or the driver's own words ("database is locked"), without the statement."""
    return str(exc.orig).splitlines()[0][:200] if exc.orig is not None else type(exc).__name__
