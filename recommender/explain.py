"""Answers to "why this one?" and "compare 1 and 3", from the evidence stored with a list."""
from __future__ import annotations

from typing import Any

from recommender.catalog import Product
from recommender.reasons import money

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


def explanation(impression: dict[str, Any], item: dict[str, Any], weights: dict[str, float],
                currency: str = "USD") -> str:
    """A few sentences on why `item` was shown: the claims first, then the score parts."""
    claims = item["evidence"].get("claims", [])
    said: list[str] = []

    def amount(claim: dict[str, Any], key: str) -> str:  # in the claim's currency (older lists: the store's)
        return money(claim[key], claim.get("currency", currency))

    matches = [c for c in claims if c["kind"] == "matches_request"]
    direct = [c for c in matches if "via" not in c]
    if direct:
        asked = [c.get("asked") or c["term"] for c in direct]
        said.append(f"it matches {_and([f'“{a}”' for a in asked])} from your request (“{direct[0]['quote']}”)")
    for c in matches:
        if "via" in c:
            said.append(f"its listing says “{c['via']}”, close to the “{c['asked']}” you asked for")
    for c in claims:
        if c["kind"] == "age_fit":
            rating = f"{c['lo']}+" if c["hi"] >= 99 else f"{c['lo']}-{c['hi']}"
            said.append(f"it is rated for ages {rating}, which fits age {c['age']}")
        elif c["kind"] == "within_budget":
            said.append(f"at {amount(c, 'price')} it is within your {amount(c, 'budget')} budget")
        elif c["kind"] == "above_minimum":
            said.append(f"at {amount(c, 'price')} it is above the {amount(c, 'budget')} you wanted to spend at least")
        elif c["kind"] == "cheaper_than_before":
            said.append(f"at {amount(c, 'price')} it is below the {amount(c, 'ceiling')} ceiling set after you said the last picks were too expensive")
        elif c["kind"] == "cheap_fit":
            said.append(f"you asked for cheap, and at {amount(c, 'price')} it is in the store's cheapest third (up to {amount(c, 'ceiling')})")
        elif c["kind"] == "relates_to_purchase":
            said.append(f"it relates to “{c['title']}”, which you bought on {c['purchased_at']}")
    title = item["title"]
    parts = item.get("score_parts", {})
    contribution = {name: weights.get(name, 0.0) * value for name, value in parts.items()}
    strongest = [n for n, v in sorted(contribution.items(), key=lambda kv: -kv[1]) if v > 0.02][:2]
    lead = f"I suggested “{title}” (number {item['position']})"
    if said:
        text = f"{lead} because {_and(said)}."
    elif any(c["kind"] == "loose_match" for c in claims):
        # Nothing in the listing meets the request (the claim was verified): say so plainly.
        text = f"{lead} as a looser pick: none of your request's key words is in its listing."
    else:  # never echo what the shopper typed: it may hold markup
        text = f"{lead} on its overall fit with your request."
    target = item["evidence"].get("target")
    if target and not target["on_target"] and target.get("named"):
        text += f" It is a close alternative: its title, brand and category do not hold all of “{target['named']}”."
    if strongest:
        text += f" What weighed most: {_and([PART_WORDS[n] for n in strongest])}."
    if "semantic" in parts:
        text += f" (Match score {parts['semantic']:.2f}"
        if parts.get("history"):
            text += f", history fit {parts['history']:.2f}"
        text += ".)"
    return text


def comparison(items: list[dict[str, Any]], products: list[Product]) -> str:
    """A short side-by-side of the attributes that differ between the products."""
    if len(products) < 2:
        return "I need two items from the list to compare."
    a, b = products[0], products[1]
    pa, pb = items[0]["position"], items[1]["position"]
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
    lo, hi = p.age_range
    return f"{lo}+" if hi >= 99 else f"{lo}-{hi}"


def _and(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
