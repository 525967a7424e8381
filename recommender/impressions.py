"""A list as it was stored and shown (an impression), typed: what the engine saves, the store
gives back, and the follow-ups ("why?", "compare", "too expensive", feedback) read.

`ShownItem`'s fields are the `impression_items` table's columns (but the list's id).
"""
from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from recommender.errors import BadRequest, NotFound


@dataclass(frozen=True)
class ShownItem:
    """One product of a list, with what it was shown for."""

    position: int  # 1-based
    product_id: str
    title: str
    price: float | None
    brand: str
    category_path: str
    score: float
    score_parts: dict[str, float] = field(default_factory=dict)  # the ranker's named parts
    reasons: list[str] = field(default_factory=list)  # the sentences shown
    # claims (stored form), reasons with their claims, related_purchase, target (the focus it holds)
    evidence: dict[str, Any] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        """The columns' values as they are (no deep copy: this runs for every item shown)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class ShownList:
    """A stored list: who was shown it, for what request, under which constraints."""

    recommendation_id: str
    sender_id: str
    customer_id: str | None
    request_text: str
    constraints: dict[str, Any]
    model_version: str
    created_at: str  # ISO 8601
    items: tuple[ShownItem, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (a customer's data export)."""
        return {**asdict(self), "items": [it.row() for it in self.items]}


def median_price(shown: ShownList) -> float | None:
    """The median price of a stored list's priced items: "too expensive" means below it."""
    prices = [it.price for it in shown.items if it.price is not None]
    return statistics.median(prices) if prices else None


def item_at(shown: ShownList, position: int | None) -> ShownItem:
    """The item at 1-based `position` (-1: the last), or NotFound for a position the list lacks."""
    items = shown.items
    if position is None:
        raise BadRequest("position is required")
    if position == -1 and items:
        return items[-1]
    if not 1 <= position <= len(items):
        raise NotFound(f"position {position} is not in this list of {len(items)}")
    return items[position - 1]
