"""The one question that would narrow the next list most, asked beside a list when the request
left it open: who a gift is for, what kind of thing, or a budget when prices spread wide."""
from __future__ import annotations

import re
from collections.abc import Sequence

from recommender.impressions import ShownItem
from recommender.money import format_money
from recommender.parsing import RequestFacts

_GIFT = re.compile(r"\b(gift|present|birthday|christmas|for my (?:son|daughter|nephew|niece|grandson|granddaughter|kid|child))\b")


def clarifying_question(facts: RequestFacts, messages: tuple[str, ...], has_purchases: bool,
                        items: Sequence[ShownItem], currency: str) -> str | None:
    """None when the request is clear enough, or when there is no list to narrow."""
    if not items:
        return None
    text = " ".join(messages).lower()
    if facts.age is None and facts.age_range is None and _GIFT.search(text):
        interests = "" if facts.keywords else ", and what do they enjoy"
        return f"How old is the person it's for{interests}? Then I can match the age ratings."
    if not facts.keywords and not has_purchases:
        return "What kind of thing are you looking for, and who is it for?"
    prices = [it.price for it in items if it.price is not None]
    no_budget = facts.budget_max is None and facts.budget_min is None and not facts.cheap
    if no_budget and len(prices) >= 2 and max(prices) > 3 * min(prices):
        low, high = format_money(min(prices), currency), format_money(max(prices), currency)
        return f"These range from {low} to {high}. Is there a budget I should stay within?"
    return None
