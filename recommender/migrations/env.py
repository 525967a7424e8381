"""Alembic environment of the feedback store.

`Store.from_url` runs the migrations in code and hands its own connection in through
`config.attributes["connection"]` (inside the transaction that holds the migration lock).
The `alembic` command line (alembic.ini at the repository root) connects to `$DATABASE_URL`,
or to the default database of `recommender.config.Config`, with the same engine settings.
"""
from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from recommender.config import Config
from recommender.database import make_engine
from recommender.tables import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("connection") is None:
    fileConfig(config.config_file_name)  # the command line's logging, never the service's


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection, target_metadata=Base.metadata,
        # SQLite alters tables by copying them; batch mode does that for later migrations.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def run_offline() -> None:
    """`alembic upgrade head --sql`: print the SQL instead of running it."""
    context.configure(url=_url(), target_metadata=Base.metadata, literal_binds=True,
                      dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():  # a no-op inside the caller's transaction
            context.run_migrations()
        return
    engine = make_engine(_url())
    try:
        with engine.connect() as connection:
            _configure(connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or Config.from_env().database_url


if context.is_offline_mode():
    run_offline()
else:
    run_online()
