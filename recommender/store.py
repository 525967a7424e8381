"""Trust-feedback store: customers, purchases, impressions and typed feedback (SQLAlchemy 2.0).

The engine, its SQLite settings and the migrations are in `database`.

The schema is owned by the Alembic migrations in `recommender/migrations/`; `Store.from_url`
brings any database to their head revision.
"""
from __future__ import annotations

import hashlib
import json
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.engine import CursorResult, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from recommender.catalog import Catalog
from recommender.database import make_engine, upgrade
from recommender.feedback_types import ACCEPTED, NOT_ACCEPTED, REJECTIONS
from recommender.impressions import ShownItem, ShownList
from recommender.orders import OrderLine
from recommender.spool import write_feedback
from recommender.tables import (
    Customer,
    FeedbackEvent,
    ForgottenCustomer,
    Impression,
    ImpressionItem,
    Purchase,
    utcnow,
)
from recommender.trust import TrustFigures, trust_figures


@dataclass(frozen=True)
class SessionSignals:
    """What this conversation's feedback implies for the next list."""

    price_ceiling: float | None  # from "too expensive": strictly below this
    rejected: frozenset[str]  # product ids rejected in this conversation
    shown: frozenset[str]  # everything shown so far in this conversation


class Store:
    """All reads and writes of customer data and feedback go through here."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def from_url(cls, url: str) -> Store:
        """A store on `url`, its schema brought to the newest migration first."""
        store = cls(make_engine(url))
        store.create_schema()
        return store

    def create_schema(self) -> None:
        """Bring the database to the head migration (a no-op when it is there already)."""
        upgrade(self.engine)

    # --- customers ---------------------------------------------------------------------
    def load_customers(self, path: Path) -> int:
        """Insert the demo customers from a JSON file (idempotent: existing ones are kept)."""
        if not Path(path).is_file():
            return 0
        records = json.loads(Path(path).read_text(encoding="utf-8"))
        try:
            return self._add_customers(records)
        except IntegrityError:  # another process added some at the same moment: skip those now
            return self._add_customers(records)

    def _add_customers(self, records: list[dict[str, Any]]) -> int:
        added = 0
        with self.sessions() as s, s.begin():
            for rec in records:
                if s.get(Customer, rec["customer_id"]) is not None:
                    continue
                customer = Customer(customer_id=rec["customer_id"], name=rec.get("name", ""),
                                    email=rec.get("email", ""))
                for p in rec.get("purchases", []):
                    customer.purchases.append(Purchase(
                        product_id=p["product_id"], title=p["title"],
                        category_path=p.get("category_path", ""), price=p.get("price"),
                        purchased_at=date.fromisoformat(p["purchased_at"])))
                s.add(customer)
                added += 1
        return added

    def add_orders(self, lines: list[OrderLine], catalog: Catalog) -> tuple[int, int, int, int]:
        """Store imported order lines whose keys are new (`orders.load_orders`); returns (added,
        already stored, skipped as forgotten, customers created)."""
        try:
            return self._add_orders(lines, catalog)
        except IntegrityError:  # another replica loaded the same file at the same moment
            return self._add_orders(lines, catalog)

    def _add_orders(self, lines: list[OrderLine], catalog: Catalog) -> tuple[int, int, int, int]:
        with self.sessions() as s, s.begin():
            # A forgotten customer's lines up to the day they were forgotten stay out; later orders
            # are theirs to make again.
            forgotten: dict[str, datetime] = {h: at for h, at in s.execute(
                select(ForgottenCustomer.id_hash, ForgottenCustomer.forgotten_at)).tuples()}
            kept = [x for x in lines
                    if (when := forgotten.get(id_hash(x.customer_id))) is None or x.purchased_at > when.date()]
            stored: set[str] = set()
            customers: set[str] = set()
            keys = [x.key for x in kept]
            ids = sorted({x.customer_id for x in kept})
            for i in range(0, len(keys), 500):
                stored.update(s.scalars(select(Purchase.import_key).where(Purchase.import_key.in_(keys[i:i + 500]))))
            for i in range(0, len(ids), 500):
                customers.update(s.scalars(select(Customer.customer_id).where(Customer.customer_id.in_(ids[i:i + 500]))))
            new = [x for x in kept if x.key not in stored]
            created = sorted({x.customer_id for x in new} - customers)
            if created:
                s.execute(insert(Customer), [{"customer_id": c, "name": "", "email": "", "created_at": utcnow()}
                                             for c in created])
            rows = []
            for x in sorted(new, key=lambda x: (x.customer_id, x.purchased_at)):  # stable: file order on a day
                p = catalog.get(x.product_id)
                assert p is not None  # load_orders passes only products of the catalog
                rows.append({"customer_id": x.customer_id, "product_id": x.product_id, "title": p.title,
                             "category_path": p.category_path, "price": x.price if x.price is not None else p.price,
                             "purchased_at": x.purchased_at, "quantity": x.quantity, "import_key": x.key})
            if rows:
                s.execute(insert(Purchase), rows)
        return len(new), len(kept) - len(new), len(lines) - len(kept), len(created)

    def purchase_sequences(self) -> dict[str, list[str]]:
        """Every customer's purchased product ids, oldest first (the history model's training data)."""
        out: dict[str, list[str]] = {}
        with self.sessions() as s:
            rows = s.execute(select(Purchase.customer_id, Purchase.product_id)
                             .order_by(Purchase.customer_id, Purchase.purchased_at, Purchase.id))
            for customer_id, product_id in rows:
                out.setdefault(customer_id, []).append(product_id)
        return out

    def customer(self, customer_id: str) -> dict[str, Any] | None:
        with self.sessions() as s:
            c = s.get(Customer, customer_id)
            return None if c is None else _customer_dict(c)

    def customers(self) -> list[dict[str, Any]]:
        with self.sessions() as s:
            return [_customer_dict(c) for c in s.scalars(select(Customer).order_by(Customer.customer_id))]

    # --- impressions and feedback --------------------------------------------------------
    def save_impression(self, *, sender_id: str, customer_id: str | None, request_text: str,
                        constraints: dict[str, Any], model_version: str,
                        items: Iterable[ShownItem]) -> str:
        rec_id = str(uuid.uuid4())
        rows = [{"recommendation_id": rec_id, **item.row()} for item in items]
        # Core inserts (one statement per table): this runs on every recommending turn.
        with self.engine.begin() as conn:
            conn.execute(insert(Impression), [{
                "recommendation_id": rec_id, "sender_id": sender_id, "customer_id": customer_id,
                "request_text": request_text[:4000], "constraints": constraints,
                "model_version": model_version, "created_at": utcnow()}])
            if rows:
                conn.execute(insert(ImpressionItem), rows)
        return rec_id

    def impression(self, recommendation_id: str) -> ShownList | None:
        with self.sessions() as s:
            imp = s.get(Impression, recommendation_id)
            if imp is None:
                return None
            return _shown_list(imp)

    def record_feedback(self, *, type: str, sender_id: str, customer_id: str | None = None,
                        recommendation_id: str | None = None, product_id: str | None = None,
                        position: int | None = None, detail: dict[str, Any] | None = None) -> int:
        """Write one feedback event now (the service writes through its spool; both use `write_feedback`)."""
        row = {"type": type, "sender_id": sender_id, "customer_id": customer_id, "recommendation_id": recommendation_id,
               "product_id": product_id, "position": position, "detail": detail or {}, "created_at": utcnow()}
        with self.engine.begin() as conn:
            return write_feedback(conn, row)

    def feedback(self, who: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
        """Feedback events of a customer id or REST sender id (all when `who` is None), oldest first."""
        query = select(FeedbackEvent).order_by(FeedbackEvent.id)
        if who is not None:
            query = query.where(or_(FeedbackEvent.customer_id == who, FeedbackEvent.sender_id == who))
        with self.sessions() as s:
            return [_event_dict(e) for e in s.scalars(query.limit(limit))]

    def session_signals(self, sender_id: str) -> SessionSignals:
        """Constraints that this conversation's feedback imposes on the next list."""
        ceiling: float | None = None
        rejected: set[str] = set()
        with self.sessions() as s:
            shown = set(s.scalars(
                select(ImpressionItem.product_id).join(Impression).where(Impression.sender_id == sender_id)))
            events = s.scalars(select(FeedbackEvent).where(FeedbackEvent.sender_id == sender_id))
            for ev in events:
                if ev.type in REJECTIONS and ev.product_id:
                    rejected.add(ev.product_id)
                elif ev.type == "too_expensive" and ev.detail.get("ceiling") is not None:
                    value = float(ev.detail["ceiling"])
                    ceiling = value if ceiling is None else min(ceiling, value)
        return SessionSignals(ceiling, frozenset(rejected), frozenset(shown))

    def category_feedback(self, customer_id: str) -> dict[str, int]:
        """Net rejections per top-level category for a customer, across conversations."""
        with self.sessions() as s:
            rows = s.execute(
                select(ImpressionItem.category_path, FeedbackEvent.type, func.count())
                .join(FeedbackEvent, (FeedbackEvent.recommendation_id == ImpressionItem.recommendation_id)
                      & (FeedbackEvent.product_id == ImpressionItem.product_id))
                .where(FeedbackEvent.customer_id == customer_id)
                .group_by(ImpressionItem.category_path, FeedbackEvent.type))
            counts: dict[str, int] = {}
            for path, kind, n in rows:
                sign = -1 if kind in REJECTIONS else (1 if kind in ACCEPTED else 0)
                if sign and path:
                    counts[path] = counts.get(path, 0) + sign * n
            return counts

    def popularity(self) -> dict[str, int]:
        """Purchases plus positive feedback per product id (the popularity prior)."""
        with self.sessions() as s:
            counts: dict[str, int] = dict(s.execute(
                select(Purchase.product_id, func.count()).group_by(Purchase.product_id)).all())
            for pid, n in s.execute(
                    select(FeedbackEvent.product_id, func.count())
                    .where(FeedbackEvent.type.in_(ACCEPTED),
                           FeedbackEvent.product_id.is_not(None))
                    .group_by(FeedbackEvent.product_id)):
                if pid is not None:  # filtered above; this tells the type checker
                    counts[pid] = counts.get(pid, 0) + n
            return counts

    # --- trust figures --------------------------------------------------------------------
    def trust(self, who: str | None = None) -> TrustFigures:
        """Acceptance and explanation helpfulness of a customer or sender id (everyone when None)."""
        query = select(FeedbackEvent.type, func.count()).group_by(FeedbackEvent.type)
        asked = select(FeedbackEvent.detail).where(FeedbackEvent.type == "asked_question")
        if who is not None:
            mine = or_(FeedbackEvent.customer_id == who, FeedbackEvent.sender_id == who)
            query, asked = query.where(mine), asked.where(mine)
        with self.sessions() as s:
            answered = sum(bool((d or {}).get("answered")) for d in s.scalars(asked))
            return trust_figures(dict(s.execute(query).tuples().all()), answered)

    def acceptance_mean(self, who: str) -> float:
        """Posterior mean of acceptance (uniform prior): the cheap figure the ranker needs per request."""
        kinds = ACCEPTED + NOT_ACCEPTED
        query = (select(FeedbackEvent.type, func.count())
                 .where(or_(FeedbackEvent.customer_id == who, FeedbackEvent.sender_id == who),
                        FeedbackEvent.type.in_(kinds))
                 .group_by(FeedbackEvent.type))
        with self.sessions() as s:
            counts = dict(s.execute(query).tuples().all())
        yes = sum(counts.get(k, 0) for k in ACCEPTED)
        no = sum(counts.get(k, 0) for k in NOT_ACCEPTED)
        return (1 + yes) / (2 + yes + no)

    def trust_report(self) -> dict[str, Any]:
        """{"overall": figures, "customers": {id: figures}} for every customer and sender id with feedback."""
        with self.sessions() as s:
            rows = s.execute(
                select(FeedbackEvent.customer_id, FeedbackEvent.sender_id, FeedbackEvent.type, func.count())
                .group_by(FeedbackEvent.customer_id, FeedbackEvent.sender_id, FeedbackEvent.type)).tuples().all()
            asked = s.execute(select(FeedbackEvent.customer_id, FeedbackEvent.sender_id, FeedbackEvent.detail)
                              .where(FeedbackEvent.type == "asked_question")).tuples().all()
        overall: Counter[str] = Counter()
        per_id: dict[str, Counter[str]] = {}
        for customer_id, sender_id, kind, n in rows:
            overall[kind] += n
            for who in {customer_id, sender_id}:
                if who:
                    per_id.setdefault(who, Counter())[kind] += n
        answered: Counter[str] = Counter()  # "" counts everyone
        for customer_id, sender_id, detail in asked:
            if (detail or {}).get("answered"):
                answered.update({w for w in (customer_id, sender_id) if w} | {""})
        return {"overall": trust_figures(overall, answered[""]),
                "customers": {who: trust_figures(counts, answered[who]) for who, counts in sorted(per_id.items())}}

    # --- privacy ---------------------------------------------------------------------------
    def customer_data(self, who: str) -> dict[str, Any]:
        """Everything stored about a customer id or sender id: exactly what `forget` deletes."""
        with self.sessions() as s:
            imps, events = _about(s, who)
            events = or_(events, FeedbackEvent.recommendation_id.in_(select(Impression.recommendation_id).where(imps)))
            customer = s.get(Customer, who)
            return {
                "id": who,
                "customer": None if customer is None else _customer_dict(customer),
                "impressions": [_shown_list(imp).to_dict() for imp in s.scalars(
                    select(Impression).where(imps).options(selectinload(Impression.items))
                    .order_by(Impression.created_at, Impression.recommendation_id))],
                "feedback_events": [_event_dict(e) for e in s.scalars(
                    select(FeedbackEvent).where(events).order_by(FeedbackEvent.id))],
            }

    def forget(self, who: str) -> dict[str, int]:
        """Delete everything stored about a customer id or sender id; returns rows deleted per table.

        For a customer id that includes the conversations (sender ids) it was used in, except
        rows there that name another customer (an agent helping several customers in one session).
        """
        with self.sessions() as s, s.begin():
            imps, events = _about(s, who)
            doomed = select(Impression.recommendation_id).where(imps)
            statements = {
                "feedback_events": delete(FeedbackEvent).where(
                    or_(events, FeedbackEvent.recommendation_id.in_(doomed))),
                "impression_items": delete(ImpressionItem).where(ImpressionItem.recommendation_id.in_(doomed)),
                "impressions": delete(Impression).where(imps),
                "purchases": delete(Purchase).where(Purchase.customer_id == who),
                "customers": delete(Customer).where(Customer.customer_id == who),
            }
            deleted = {table: cast(CursorResult[Any], s.execute(stmt)).rowcount
                       for table, stmt in statements.items()}
            if deleted["customers"]:  # an orders file loaded again skips their lines up to today
                s.merge(ForgottenCustomer(id_hash=id_hash(who), forgotten_at=utcnow()))
            return deleted


def id_hash(customer_id: str) -> str:
    """How a forgotten customer id is kept: enough to skip their order lines, not to read the id."""
    return hashlib.sha256(f"forgotten:{customer_id}".encode()).hexdigest()


def _about(s: Session, who: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """WHERE clauses for the impressions and feedback events about `who` (customer or sender id)."""
    senders = set(s.scalars(select(Impression.sender_id).where(Impression.customer_id == who)))
    senders |= set(s.scalars(select(FeedbackEvent.sender_id).where(FeedbackEvent.customer_id == who)))
    senders.discard(who)

    def clause(table: type[Impression | FeedbackEvent]) -> ColumnElement[bool]:
        anonymous_in_their_conversations = and_(table.sender_id.in_(senders), table.customer_id.is_(None))
        return or_(table.customer_id == who, table.sender_id == who, anonymous_in_their_conversations)

    return clause(Impression), clause(FeedbackEvent)


def _shown_list(imp: Impression) -> ShownList:
    return ShownList(
        recommendation_id=imp.recommendation_id, sender_id=imp.sender_id, customer_id=imp.customer_id,
        request_text=imp.request_text, constraints=imp.constraints, model_version=imp.model_version,
        created_at=imp.created_at.isoformat(),
        items=tuple(ShownItem(position=it.position, product_id=it.product_id, title=it.title, price=it.price,
                              brand=it.brand, category_path=it.category_path, score=it.score,
                              score_parts=it.score_parts, reasons=it.reasons, evidence=it.evidence)
                    for it in imp.items))


def _event_dict(e: FeedbackEvent) -> dict[str, Any]:
    return {
        "id": e.id, "type": e.type, "product_id": e.product_id, "position": e.position,
        "recommendation_id": e.recommendation_id, "sender_id": e.sender_id,
        "customer_id": e.customer_id, "detail": e.detail, "created_at": e.created_at.isoformat(),
    }


def _customer_dict(c: Customer) -> dict[str, Any]:
    return {
        "customer_id": c.customer_id, "name": c.name, "email": c.email,
        "purchases": [{
            "product_id": p.product_id, "title": p.title, "category_path": p.category_path,
            "price": p.price, "purchased_at": p.purchased_at.isoformat(),
        } for p in c.purchases],
    }
