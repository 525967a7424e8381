"""Answers to "why this one?" and "compare 1 and 3", from the evidence stored with a list."""
from __future__ import annotations

from typing import Any

from recommender.catalog import Product
from recommender.claims import KINDS, Claim, money
from recommender.claims.base import and_list
from recommender.claims.fit import age_span
from recommender.claims.match import MatchesRequest
from recommender.impressions import ShownItem

MATCHES = MatchesRequest.kind

# Plain words for each named score part, as a shopper would understand them.
PART_WORDS = {
    "semantic": "how closely it matches what you asked for",
    "lexical": "how many of your words its listing uses",
    "history": "how it fits what you have bought before",
    "popularity": "how popular it is with other shoppers",
    "price_fit": "how well its price sits in your budget",
    "feedback": "what your earlier feedback told me",
    "exploration": "that you have not seen it yet",
}


def explanation(item: ShownItem, weights: dict[str, float], currency: str = "USD") -> str:
    """A few sentences on why `item` was shown: the claims first, then the score parts."""
    claims = [Claim.load(c) for c in item.evidence.get("claims", [])]
    by_kind: dict[str, list[dict[str, Any]]] = {MATCHES: []}  # the matches first, then in order
    for c in claims:
        by_kind.setdefault(c.kind, []).append(c.values)
    said = [clause for kind, values in by_kind.items() if kind in KINDS
            for clause in KINDS[kind].clauses(values, currency)]
    title = item.title
    parts = item.score_parts
    contribution = {name: weights.get(name, 0.0) * value for name, value in parts.items()}
    strongest = [n for n, v in sorted(contribution.items(), key=lambda kv: -kv[1]) if v > 0.02][:2]
    lead = f"I suggested “{title}” (number {item.position})"
    if said:
        text = f"{lead} because {and_list(said)}."
    elif any(c.kind == "loose_match" for c in claims):
        # Nothing in the listing meets the request (the claim was verified): say so plainly.
        text = f"{lead} as a looser pick: none of your request's key words is in its listing."
    else:  # never echo what the shopper typed: it may hold markup
        text = f"{lead} on its overall fit with your request."
    target = item.evidence.get("target")
    if target and not target["on_target"] and target.get("named"):
        text += f" It is a close alternative: its title, brand and category do not hold all of “{target['named']}”."
    if strongest:
        text += f" What weighed most: {and_list([PART_WORDS[n] for n in strongest])}."
    if "semantic" in parts:
        text += f" (Match score {parts['semantic']:.2f}"
        if parts.get("history"):
            text += f", history fit {parts['history']:.2f}"
        text += ".)"
    return text


def comparison(items: list[ShownItem], products: list[Product]) -> str:
    """A short side-by-side of the attributes that differ between the products."""
    if len(products) < 2:
        return "I need two items from the list to compare."
    a, b = products[0], products[1]
    pa, pb = items[0].position, items[1].position
    lines = [f"#{pa} “{a.title}” vs #{pb} “{b.title}”:"]
    if a.price != b.price:
        lines.append(f"- Price: {_price(a)} vs {_price(b)}"
                     + (f" (#{pa if (a.price or 0) < (b.price or 0) else pb} is cheaper)"
                        if a.price is not None and b.price is not None else ""))
    if a.brand != b.brand and (a.brand or b.brand):
        lines.append(f"- Brand: {a.brand or 'unbranded'} vs {b.brand or 'unbranded'}")
    if a.category != b.category:
        lines.append(f"- Category: {a.category or 'none'} vs {b.category or 'none'}")
    if a.age_range != b.age_range:
        lines.append(f"- Ages: {_ages(a)} vs {_ages(b)}")
    for key in sorted(set(a.attributes) | set(b.attributes)):
        if key.startswith("age_") or key in ("url", "model_number"):
            continue
        va, vb = a.attributes.get(key), b.attributes.get(key)
        if va != vb and va is not None and vb is not None:
            lines.append(f"- {key.replace('_', ' ').capitalize()}: {va} vs {vb}")
    if a.in_stock != b.in_stock:
        lines.append(f"- Stock: {'in stock' if a.in_stock else 'out of stock'} vs {'in stock' if b.in_stock else 'out of stock'}")
    if len(lines) == 1:
        lines.append("- They do not differ in price, brand, category or listed attributes.")
    return "\n".join(lines)


def _price(p: Product) -> str:
    return money(p.price, p.currency) if p.price is not None else "no listed price"


def _ages(p: Product) -> str:
    if p.age_range is None:
        return "not stated"
    return age_span(*p.age_range)
