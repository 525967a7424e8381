"""A list as it was stored and shown (an impression): finding an item in it by position, and
the price "too expensive" is measured against."""
from __future__ import annotations

import statistics
from typing import Any

from recommender.errors import BadRequest, NotFound


def median_price(impression: dict[str, Any]) -> float | None:
    """The median price of a stored list's priced items: "too expensive" means below it."""
    prices = [it["price"] for it in impression["items"] if it["price"] is not None]
    return statistics.median(prices) if prices else None


def item_at(impression: dict[str, Any], position: int | None) -> dict[str, Any]:
    """The item at 1-based `position` (-1: the last), or NotFound for a position the list lacks."""
    items = impression["items"]
    if position is None:
        raise BadRequest("position is required")
    if position == -1 and items:
        return items[-1]
    if not 1 <= position <= len(items):
        raise NotFound(f"position {position} is not in this list of {len(items)}")
    return items[position - 1]
