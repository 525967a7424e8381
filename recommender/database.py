"""The database under the store: an engine per URL (SQLite files in WAL mode, PostgreSQL as
given) and the Alembic migrations that own the schema, run one process at a time."""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from alembic.config import Config as AlembicConfig
from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine

from recommender.tables import Customer

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
INITIAL_REVISION = "0001"  # the schema that create_all made before there were migrations
_MIGRATION_LOCK = 7_302_215_401  # pg_advisory_xact_lock key: one migrator at a time per database


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get WAL mode, a busy timeout and their folder created."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    # hide_parameters: an error's text (logged) never holds a shopper's words or ids.
    engine = create_engine(url, pool_pre_ping=True, hide_parameters=True,
                           connect_args={"timeout": 30} if url.startswith("sqlite") else {})
    if url.startswith("sqlite"):
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            _wal_mode(cursor)
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()
    return engine


def _wal_mode(cursor: Any, attempts: int = 200) -> None:
    """Switch a SQLite database to WAL mode, waiting out other connections that hold it.

    SQLite answers "database is locked" at once, without its busy timeout, when another
    connection is switching a new file to WAL at the same moment (services starting together).
    """
    for attempt in range(attempts):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05)


def alembic_config(connection: Connection | None = None) -> AlembicConfig:
    """Alembic's configuration, built in code: the migrations ship inside the package."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to `revision`, one process at a time.

    Everything runs in one transaction that first takes a lock (SQLite: BEGIN IMMEDIATE;
    PostgreSQL: an advisory lock), so services starting together never race. A database
    that create_all made before migrations existed (tables, no alembic_version) is stamped
    with the initial revision, whose schema it has, and upgraded from there.
    """
    from alembic import command

    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        tables = set(inspect(conn).get_table_names())
        config = alembic_config(conn)
        if "alembic_version" not in tables and Customer.__tablename__ in tables:
            command.stamp(config, INITIAL_REVISION)
        command.upgrade(config, revision)
        conn.commit()
