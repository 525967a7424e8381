"""Trust-feedback store: customers, purchases, impressions and typed feedback (SQLAlchemy 2.0).

One concept per module: `customers` (demo records, imported orders, purchase sequences),
`feedback` (lists shown and feedback on them), `figures` (trust figures), `privacy` (a
customer's data shown and forgotten); `rows` turns stored rows into values. The engine, its
SQLite settings and the migrations are in `recommender.database`; the schema is owned by the
Alembic migrations in `recommender/migrations/`, and `Store.from_url` brings any database to
their head revision.
"""
from __future__ import annotations

from recommender.database import make_engine, upgrade
from recommender.store.customers import CustomerRecords
from recommender.store.feedback import FeedbackRecords, SessionSignals
from recommender.store.figures import TrustReads
from recommender.store.privacy import PrivacyRequests, id_hash

__all__ = ["SessionSignals", "Store", "id_hash"]


class Store(CustomerRecords, FeedbackRecords, TrustReads, PrivacyRequests):
    """All reads and writes of customer data and feedback go through here."""

    @classmethod
    def from_url(cls, url: str) -> Store:
        """A store on `url`, its schema brought to the newest migration first."""
        store = cls(make_engine(url))
        store.create_schema()
        return store

    def create_schema(self) -> None:
        """Bring the database to the head migration (a no-op when it is there already)."""
        upgrade(self.engine)
