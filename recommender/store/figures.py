"""Trust figures read from the feedback events: per customer or sender id, and for everyone."""
from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, or_, select

from recommender.feedback_types import ACCEPTED, NOT_ACCEPTED
from recommender.store.base import StoreBase
from recommender.tables import FeedbackEvent
from recommender.trust import TrustFigures, trust_figures


class TrustReads(StoreBase):
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
