"""What every part of the store shares: the database engine and its sessions."""
from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker


class StoreBase:
    """The engine and a session factory; the store's parts (customers, feedback, trust, privacy) read
    and write through these."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions: sessionmaker[Session] = sessionmaker(engine, expire_on_commit=False)
