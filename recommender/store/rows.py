"""Stored rows as the values the rest of the runtime uses (shown lists, event and customer dicts)."""
from __future__ import annotations

from typing import Any

from recommender.impressions import ShownItem, ShownList
from recommender.tables import Customer, FeedbackEvent, Impression


def shown_list(imp: Impression) -> ShownList:
    return ShownList(
        recommendation_id=imp.recommendation_id, sender_id=imp.sender_id, customer_id=imp.customer_id,
        request_text=imp.request_text, constraints=imp.constraints, model_version=imp.model_version,
        created_at=imp.created_at.isoformat(),
        items=tuple(ShownItem(position=it.position, product_id=it.product_id, title=it.title, price=it.price,
                              brand=it.brand, category_path=it.category_path, score=it.score,
                              score_parts=it.score_parts, reasons=it.reasons, evidence=it.evidence)
                    for it in imp.items))


def event_dict(e: FeedbackEvent) -> dict[str, Any]:
    return {
        "id": e.id, "type": e.type, "product_id": e.product_id, "position": e.position,
        "recommendation_id": e.recommendation_id, "sender_id": e.sender_id,
        "customer_id": e.customer_id, "detail": e.detail, "created_at": e.created_at.isoformat(),
    }


def customer_dict(c: Customer) -> dict[str, Any]:
    return {
        "customer_id": c.customer_id, "name": c.name, "email": c.email,
        "purchases": [{
            "product_id": p.product_id, "title": p.title, "category_path": p.category_path,
            "price": p.price, "purchased_at": p.purchased_at.isoformat(),
        } for p in c.purchases],
    }
