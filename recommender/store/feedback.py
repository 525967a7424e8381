"""Impressions (the lists shown) and typed feedback on them, and what they imply for the next list."""
from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, or_, select

from recommender.feedback_types import ACCEPTED, REJECTIONS
from recommender.impressions import ShownItem, ShownList
from recommender.spool import write_feedback
from recommender.store.base import StoreBase
from recommender.store.rows import event_dict, shown_list
from recommender.tables import FeedbackEvent, Impression, ImpressionItem, Purchase, utcnow


@dataclass(frozen=True)
class SessionSignals:
    """What this conversation's feedback implies for the next list."""

    price_ceiling: float | None  # from "too expensive": strictly below this
    rejected: frozenset[str]  # product ids rejected in this conversation
    shown: frozenset[str]  # everything shown so far in this conversation


class FeedbackRecords(StoreBase):
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
            return shown_list(imp)

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
            return [event_dict(e) for e in s.scalars(query.limit(limit))]

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
