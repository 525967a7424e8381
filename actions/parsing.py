"""Pure helpers: which item a shopper means, what they asked for, how to list products."""
from __future__ import annotations

import re
from typing import Any, Iterable

ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "two": 2, "third": 3, "3rd": 3,
    "three": 3, "fourth": 4, "4th": 4, "four": 4, "fifth": 5, "5th": 5, "five": 5,
    "sixth": 6, "6th": 6, "six": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8, "ninth": 9,
    "9th": 9, "tenth": 10, "10th": 10, "last": -1, "final": -1,
}
LAST = -1
# Intents whose text describes what the shopper wants (the rest are follow-ups about a list).
REQUEST_INTENTS = frozenset({"ask_recommendation"})
_POSITION = re.compile(r"#?\b(\d{1,3})(?:st|nd|rd|th)?\b|\b(" + "|".join(ORDINALS) + r")\b", re.I)
_CUSTOMER = re.compile(r"\b([A-Za-z]\d{3,8})\b")


def parse_position(value: Any) -> int | None:
    """1-based position from an entity value or text; -1 for "last"; None when none is named.

    >>> parse_position("the second one"), parse_position("#3"), parse_position("last")
    (2, 3, -1)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if int(value) == value else None
    if not isinstance(value, str):
        return None
    m = _POSITION.search(value)
    if not m:
        return None
    if m.group(1):
        return int(m.group(1))
    return ORDINALS[m.group(2).lower()]


def positions(entities: Iterable[dict[str, Any]], text: str) -> list[int]:
    """All positions named in a message, from `position` entities first, else from its text."""
    found = [p for e in entities if e.get("entity") == "position"
             if (p := parse_position(e.get("value"))) is not None]
    if not found:
        found = [p for m in _POSITION.finditer(text or "")
                 if (p := parse_position(m.group(0))) is not None]
    return list(dict.fromkeys(found))


def customer_id_in(text: str) -> str | None:
    """A customer id such as C001 written in free text."""
    m = _CUSTOMER.search(text or "")
    return m.group(1).upper() if m else None


def request_turns(events: Iterable[dict[str, Any]]) -> list[str]:
    """Texts of the shopper's request turns in this conversation, oldest first.

    Button payloads ("/intent{...}") carry no request text and are skipped.
    """
    turns = []
    for e in events:
        if e.get("event") != "user":
            continue
        text = (e.get("text") or "").strip()
        intent = ((e.get("parse_data") or {}).get("intent") or {}).get("name")
        if text and not text.startswith("/") and intent in REQUEST_INTENTS:
            turns.append(text)
    return turns


def item_lines(items: list[dict[str, Any]]) -> str:
    """A numbered plain-text list for channels that show no cards (rasa shell)."""
    lines = []
    for i, item in enumerate(items, start=1):
        price = f"${item['price']:,.2f}" if item.get("price") is not None else "price not listed"
        lines.append(f"{i}. {item['title']} ({price})")
        if item.get("reasons"):
            lines.append(f"   {item['reasons'][0]}")
    return "\n".join(lines)


def describe_constraints(constraints: dict[str, Any]) -> str:
    """Words for the hard constraints, for "nothing fits ..." answers."""
    parts = []
    if constraints.get("budget_max") is not None:
        parts.append(f"a budget of ${constraints['budget_max']:,.2f}")
    if constraints.get("price_below") is not None:
        parts.append(f"a price under ${constraints['price_below']:,.2f}")
    if constraints.get("budget_min") is not None:
        parts.append(f"a minimum of ${constraints['budget_min']:,.2f}")
    if constraints.get("exclude_terms"):
        parts.append("excluding " + ", ".join(constraints["exclude_terms"]))
    if constraints.get("age") is not None:
        parts.append(f"age {constraints['age']}")
    return " and ".join(parts) if parts else "your request"
