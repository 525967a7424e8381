"""Pure helpers: which item a shopper means, what they asked for, how to list products."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from recommender.money import currency_name, currency_symbol, format_money, valid_currency  # Babel only: no torch here

ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "two": 2, "third": 3, "3rd": 3,
    "three": 3, "fourth": 4, "4th": 4, "four": 4, "fifth": 5, "5th": 5, "five": 5,
    "sixth": 6, "6th": 6, "six": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8, "ninth": 9,
    "9th": 9, "tenth": 10, "10th": 10, "last": -1, "final": -1,
    # Typos shoppers make, as in the NLU training data.
    "frist": 1, "fisrt": 1, "secnd": 2, "seccond": 2, "scond": 2, "thrid": 3, "thrd": 3, "fith": 5,
}
# Intents whose text describes what the shopper wants (the rest are follow-ups about a list).
REQUEST_INTENTS = frozenset({"ask_recommendation"})
FALLBACK_INTENT = "nlu_fallback"
# A number is a position unless it is an amount: "$30", "a 3 year old", "24 tubes", "2 players".
_AMOUNT_AFTER = (r"(?![ -]?(?:years?|yrs?|yo|y/o|months?|mos?|weeks?|packs?|pcs|pieces?|tubes?|sets?|cm|mm|m|inch(?:es)?|"
                 r"in|ft|feet|kg|g|lbs?|oz|ml|l|gb|tb|mb|w|v|mah|players?|people|persons?|kids?|x|%)\b)")
_POSITION = re.compile(r"(?<![$£€¥₹\d.,])#?\b(\d{1,3})(?:st|nd|rd|th)?\b" + _AMOUNT_AFTER + r"(?!\s*[%$£€])|"
                       r"\b(" + "|".join(ORDINALS) + r")\b", re.IGNORECASE)
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


# Words that name no product: "does the paint set come with brushes?" names the paint set.
_NOT_NAMES = frozenset("""a an and any are at be but by can could did do does for from get got has have how i if in
is it its it's me my of on one ones or so than that the them these they this those to too was what when where which
who why will with would you your come comes came need needs made make many much long big old good ok okay fit fits
work works include includes included hi hey please pls thanks also just about tell more really""".split())
_NAME_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*[a-z0-9]")


def _name_words(text: str) -> set[str]:
    return {w.removesuffix("'s") for w in _NAME_WORD.findall(text.lower()) if w not in _NOT_NAMES}


def _same_word(a: str, b: str) -> bool:
    return a == b or a.rstrip("s") == b.rstrip("s") or a.removesuffix("es") == b.removesuffix("es")


_DETERMINERS = frozenset({"the", "that", "this", "those", "these"})


def named_by_title(text: str, titles: list[str]) -> int | None:
    """The 1-based position of the one shown item a message names by what it is ("does the
    paint set come with brushes?"): every word of a phrase after "the"/"that"/"this" is in
    that item's title and in no other title holds them all. None when nothing is named that
    way ("is it waterproof?" means the item in focus) or the words fit several items or none,
    so the shopper is asked.

    >>> named_by_title("does the paint set come with brushes?",
    ...                ["Robot Kit", "Acrylic Paint Set, 24 Tubes", "Marker Set"])
    2
    >>> named_by_title("is the set any good", ["Robot Kit", "Acrylic Paint Set", "Marker Set"]) is None
    True
    """
    words = [_name_words(title) for title in titles]
    said = _NAME_WORD.findall(text.lower())
    found: set[int] = set()
    for at, determiner in enumerate(said):
        if determiner not in _DETERMINERS:
            continue
        # What follows up to the first word that names nothing: "does the [paint set] come
        # with brushes", "is the [robot] one rechargeable".
        phrase: list[str] = []
        for word in said[at + 1:]:
            if word in _NOT_NAMES:  # determiners among them
                break
            phrase.append(word.removesuffix("'s"))
        if not phrase:
            continue
        holders = [i for i, title in enumerate(words) if all(any(_same_word(w, t) for t in title) for w in phrase)]
        if len(holders) == 1:
            found.add(holders[0])
    return found.pop() + 1 if len(found) == 1 else None


def customer_id_in(text: str) -> str | None:
    """A customer id such as C001 written in free text."""
    m = _CUSTOMER.search(text or "")
    return m.group(1).upper() if m else None


def request_turns(events: Iterable[dict[str, Any]]) -> list[str]:
    """Texts of the shopper's request turns in this conversation, oldest first.

    Button payloads ("/intent{...}") carry no request text and are skipped, except that a
    "/ask_recommendation" payload that confirms the two-stage fallback's "Did you mean ...?"
    makes the unsure message before it a request turn.

    >>> def user(text, intent):
    ...     return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}
    >>> request_turns([user("a kite", "ask_recommendation"), user("why 2", "ask_why"),
    ...                user("smth 4 a 5yo", "nlu_fallback"), user("/ask_recommendation", "ask_recommendation"),
    ...                {"event": "rewind"}, user("/ask_recommendation", "ask_recommendation")])
    ['a kite', 'smth 4 a 5yo']
    """
    turns: list[str] = []
    unsure: str | None = None
    before_last_user: tuple[int, str | None] = (0, None)
    for e in events:
        if e.get("event") == "rewind":
            # UserUtteranceReverted: the fallback replays the last user message; undo it once.
            del turns[before_last_user[0]:]
            unsure = before_last_user[1]
            continue
        if e.get("event") != "user":
            continue
        before_last_user = (len(turns), unsure)
        text = (e.get("text") or "").strip()
        intent = ((e.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent == FALLBACK_INTENT:
            unsure = text or unsure
            continue
        if text.startswith("/"):
            if unsure and intent in REQUEST_INTENTS:
                turns.append(unsure)
            if not text.startswith("/out_of_scope"):  # "No" to "Did you mean ...?" keeps it pending
                unsure = None
            continue
        unsure = None
        if text and intent in REQUEST_INTENTS:
            turns.append(text)
    return turns


def item_lines(items: Sequence[Mapping[str, Any]]) -> str:
    """A numbered plain-text list for channels that show no cards (rasa shell), each price in
    its own currency."""
    lines = []
    for i, item in enumerate(items, start=1):
        price = (format_money(item["price"], item.get("currency") or "USD", cents=True)
                 if item.get("price") is not None else "price not listed")
        lines.append(f"{i}. {item['title']} ({price})")
        if item.get("reasons"):
            lines.append(f"   {item['reasons'][0]}")
    return "\n".join(lines)


def describe_constraints(constraints: dict[str, Any], currency: str = "USD") -> str:
    """Words for the hard constraints, for "nothing fits ..." answers, in the store's currency."""
    parts = []
    if constraints.get("budget_max") is not None:
        parts.append(f"a budget of {_money(constraints['budget_max'], currency)}")
    if constraints.get("price_below") is not None:
        parts.append(f"a price under {_money(constraints['price_below'], currency)}")
    if constraints.get("budget_min") is not None:
        parts.append(f"a minimum of {_money(constraints['budget_min'], currency)}")
    if constraints.get("exclude_terms"):
        parts.append("excluding " + ", ".join(constraints["exclude_terms"]))
    if constraints.get("age") is not None:
        parts.append(f"age {constraints['age']}")
    if constraints.get("audience"):
        parts.append("listed for " + " or ".join(constraints["audience"]))
    if constraints.get("colours"):
        parts.append("in " + " or ".join(constraints["colours"]))
    return " and ".join(parts) if parts else "your request"


PRICE_LIMITS = ("budget_max", "budget_min", "price_below")


def has_price_limit(constraints: dict[str, Any]) -> bool:
    """Whether a budget or a "cheaper than" ceiling constrained the list."""
    return any(constraints.get(key) is not None for key in PRICE_LIMITS)


def budget_notes(ignored: Iterable[dict[str, Any]], constraints: dict[str, Any],
                 currency: str = "USD", example: float = 30.0) -> list[dict[str, Any]]:
    """Responses (key plus fill) saying which budget the recommender could not apply.

    `ignored` is the recommender's list of budgets it did not apply as written ({"what": "budget_max",
    "amount": 0}; {"what": "converted", "amount": 20, "currency": "GBP"} for a budget in another
    currency than the store's, read in the store's money; {"what": "currency", ...} for one in a
    currency it knows no rate for); it adds up over the conversation, so each is only said while
    no later budget took its place. `example` is a round budget for this store, shown
    as how to say one ("under $30", "under ₹2,000").

    >>> budget_notes([{"what": "budget_max", "amount": 0}], {"budget_max": None})[0]["amount"]
    '$0.00'
    >>> budget_notes([{"what": "negative", "amount": None}], {"budget_max": 30.0})
    []
    >>> budget_notes([{"what": "currency", "amount": 30, "currency": "EUR"}], {}, "INR")[0]["store_currency"]
    'Indian rupees'
    >>> budget_notes([{"what": "currency", "amount": 30, "currency": "USD"}], {"budget_max": 40.0, "age": 9}, "EUR")[0]["kept"]
    'a budget of €40.00'
    >>> budget_notes([{"what": "converted", "amount": 20, "currency": "GBP"}], {"budget_max": 20.0}, "USD")[0]["kept"]
    'a budget of $20.00'
    """
    out: list[dict[str, Any]] = []
    examples = {"example": format_money(example, currency), "low_example": format_money(round(example / 3), currency)}
    for item in ignored:
        what = item.get("what") if isinstance(item, dict) else None
        if what == "negative":
            if not has_price_limit(constraints):
                out.append({"response": "utter_budget_ignored_negative", **examples})
        elif what in ("budget_max", "budget_min"):
            if constraints.get(what) is None:
                out.append({"response": f"utter_budget_ignored_{what[len('budget_'):]}",
                            "amount": _money(item.get("amount"), currency), **examples})
        elif what == "converted":
            foreign = str(item.get("currency") or "")
            if has_price_limit(constraints) and valid_currency(foreign):
                out.append({"response": "utter_budget_converted", "amount": _money(item.get("amount"), foreign),
                            "store_currency": currency_name(currency),
                            "kept": describe_constraints({k: constraints.get(k) for k in PRICE_LIMITS}, currency)})
        elif what == "currency":
            foreign = str(item.get("currency") or "")
            note = {"amount": _money(item.get("amount"), foreign if valid_currency(foreign) else currency),
                    "store_currency": currency_name(currency), **examples}
            if has_price_limit(constraints):  # an earlier budget in the store's currency still holds
                out.append({"response": "utter_budget_other_currency_kept", **note,
                            "kept": describe_constraints({k: constraints.get(k) for k in PRICE_LIMITS}, currency)})
            else:
                out.append({"response": "utter_budget_other_currency", **note})
        else:  # something this version does not know: still say that part was not applied
            out.append({"response": "utter_request_part_ignored"})
    return list({json.dumps(o, sort_keys=True): o for o in out}.values())


def _money(value: Any, currency: str = "USD") -> str:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return "that amount"  # too large to write down, or missing
    if abs(value) < 1e12:
        return format_money(value, currency, cents=True)
    return f"{currency_symbol(currency)}{value:g}"  # "$1e+99": too long for digit grouping


def stored_counts(data: dict[str, Any]) -> dict[str, int]:
    """Counts for "what do you know about me" from GET /v1/customers/{id}/data."""
    customer = data.get("customer") or {}
    return {"purchases": len(customer.get("purchases") or []),
            "lists": len(data.get("impressions") or []),
            "feedback": len(data.get("feedback_events") or [])}


def trust_counts(figures: dict[str, Any]) -> dict[str, int]:
    """Acceptance and explanation figures from GET /v1/trust?customer=ID, as whole numbers.

    `rated`/`explained` are 0 when the shopper gave no such feedback (nothing to say then).

    >>> trust_counts({"acceptance": {"successes": 3, "failures": 1, "mean": 0.6667},
    ...               "explanation_helpfulness": {"successes": 0, "failures": 0, "mean": 0.5}})
    {'accepted': 3, 'rated': 4, 'acceptance': 67, 'helpful': 0, 'explained': 0}
    """
    acc = figures.get("acceptance") or {}
    exp = figures.get("explanation_helpfulness") or {}
    accepted, rejected = int(acc.get("successes", 0)), int(acc.get("failures", 0))
    helpful, unhelpful = int(exp.get("successes", 0)), int(exp.get("failures", 0))
    return {"accepted": accepted, "rated": accepted + rejected,
            "acceptance": round(100 * float(acc.get("mean", 0.5))),
            "helpful": helpful, "explained": helpful + unhelpful}


def deleted_counts(answers: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Rows deleted, summed over DELETE /v1/customers/{id}/data answers (customer and sender id)."""
    tables: dict[str, int] = {}
    for answer in answers:
        for table, rows in (answer.get("deleted") or {}).items():
            tables[table] = tables.get(table, 0) + int(rows)
    return {"rows": sum(tables.values()), "lists": tables.get("impressions", 0),
            "feedback": tables.get("feedback_events", 0), "purchases": tables.get("purchases", 0)}


def affirmation_payload(intent: str, entities: Iterable[dict[str, Any]]) -> str:
    """The "/intent{...}" payload that re-sends an unsure message's intent and entities.

    >>> affirmation_payload("compare", [{"entity": "position", "value": "1"}, {"entity": "position", "value": "3"}])
    '/compare{"position": ["1", "3"]}'
    >>> affirmation_payload("ask_why", [])
    '/ask_why'
    """
    values: dict[str, list[Any]] = {}
    for e in entities:
        if e.get("entity") and e.get("value") is not None:
            values.setdefault(str(e["entity"]), []).append(e["value"])
    if not values:
        return f"/{intent}"
    packed = {k: v[0] if len(v) == 1 else v for k, v in values.items()}
    return f"/{intent}{json.dumps(packed)}"
