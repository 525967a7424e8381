"""A customer's or conversation's data: all of it shown (`customer_data`), all of it deleted (`forget`)."""
from __future__ import annotations

import hashlib
from typing import Any, cast

from sqlalchemy import ColumnElement, and_, delete, or_, select
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session, selectinload

from recommender.store.base import StoreBase
from recommender.store.rows import customer_dict, event_dict, shown_list
from recommender.tables import Customer, FeedbackEvent, ForgottenCustomer, Impression, ImpressionItem, Purchase, utcnow


class PrivacyRequests(StoreBase):
    def customer_data(self, who: str) -> dict[str, Any]:
        """Everything stored about a customer id or sender id: exactly what `forget` deletes."""
        with self.sessions() as s:
            imps, events = _about(s, who)
            events = or_(events, FeedbackEvent.recommendation_id.in_(select(Impression.recommendation_id).where(imps)))
            customer = s.get(Customer, who)
            return {
                "id": who,
                "customer": None if customer is None else customer_dict(customer),
                "impressions": [shown_list(imp).to_dict() for imp in s.scalars(
                    select(Impression).where(imps).options(selectinload(Impression.items))
                    .order_by(Impression.created_at, Impression.recommendation_id))],
                "feedback_events": [event_dict(e) for e in s.scalars(
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
