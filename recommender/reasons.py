"""Grounded reasons: claims built from the ranker's evidence, rendered, and verified.

Every sentence a shopper sees is rendered from `Claim`s, and `verify_reason` re-checks each
claim against the catalog entry, the request and the customer's data, and every number and
quotation in the sentence against its claims. A reason that fails is dropped, never shown.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from recommender.catalog import Product
from recommender.parsing import RequestFacts, stem

_WORD = re.compile(r"[a-z][a-z0-9'&-]*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_QUOTE = re.compile(r"“([^”]+)”")
_DANGLING = {"of", "for", "with", "and", "the", "a", "an", "&", "to", "in", "by", "-", "on", "or"}


@dataclass(frozen=True)
class Claim:
    """One checkable statement: a kind plus the values it asserts."""

    kind: str  # matches_request | age_fit | within_budget | above_minimum | cheaper_than_before | relates_to_purchase | close_match
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Reason:
    text: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Context:
    """What a claim may be checked against besides the product itself."""

    request_text: str
    facts: RequestFacts
    purchases: tuple[dict[str, Any], ...] = ()
    price_ceiling: float | None = None  # from "too expensive" feedback
    rank: int | None = None  # 1-based position in the list


def money(value: float) -> str:
    return f"${value:,.2f}" if value % 1 else f"${value:,.0f}"


def short_name(p: Product, words: int = 5) -> str:
    """The start of the title, up to its first comma, dash or bracket: a verbatim prefix."""
    head = re.split(r"\s[-–|(]|,|\(", p.title, maxsplit=1)[0].strip()
    tokens = head.split()[:words]
    while len(tokens) > 1 and tokens[-1].lower() in _DANGLING:
        tokens.pop()
    return " ".join(tokens) if tokens else p.title[:40]


def collect_claims(p: Product, ctx: Context, related: dict[str, Any] | None) -> list[Claim]:
    """The claims the evidence supports for product `p`, most specific first.

    Each claim names the product (a verbatim prefix of its title) so that sentences stay
    specific to it; the verifier checks that name too.
    """
    claims: list[Claim] = []
    name = short_name(p)
    matches = [Claim("matches_request", {"term": t, "quote": q}) for t, q in _matches(p, ctx.facts.keywords)[:2]]
    claims.extend(matches[:1])
    if p.price is not None:
        if ctx.price_ceiling is not None:
            claims.append(Claim("cheaper_than_before", {"price": p.price, "ceiling": ctx.price_ceiling, "name": name}))
        elif ctx.facts.budget_max is not None:
            claims.append(Claim("within_budget", {"price": p.price, "budget": ctx.facts.budget_max, "name": name}))
        elif ctx.facts.budget_min is not None:
            claims.append(Claim("above_minimum", {"price": p.price, "budget": ctx.facts.budget_min, "name": name}))
    claims.extend(matches[1:])
    span = p.age_range
    if ctx.facts.age is not None and span is not None:
        claims.append(Claim("age_fit", {"age": ctx.facts.age, "lo": span[0], "hi": span[1], "name": name}))
    if related is not None:
        claims.append(Claim("relates_to_purchase", {
            "title": related["title"], "purchased_at": related["purchased_at"]}))
    phrase = _request_phrase(ctx.request_text)
    if not claims and ctx.rank is not None and phrase:
        claims.append(Claim("close_match", {"rank": ctx.rank, "name": name, "request": phrase}))
    return claims


def _the(name: str) -> str:
    """"the X", unless the name starts with its own article or possessive."""
    first = name.split(" ", 1)[0].lower()
    return name if first in ("the", "a", "an", "our", "my", "your") or first.endswith("'s") else f"the {name}"


def render(claim: Claim, variant: int) -> str:
    """One sentence for `claim`; `variant` picks among equivalent wordings."""
    v = dict(claim.values)
    if "name" in v:
        v["name"] = _the(str(v["name"]))
        v["Name"] = v["name"][0].upper() + v["name"][1:]
    if claim.kind == "matches_request":
        options = (f"Matches your mention of {v['term']}: “{v['quote']}”.",
                   f"You asked about {v['term']}, and this is “{v['quote']}”.",
                   f"Fits your interest in {v['term']}: “{v['quote']}”.",
                   f"On {v['term']}, the listing says “{v['quote']}”.",
                   f"For {v['term']}: “{v['quote']}”.")
    elif claim.kind == "age_fit":
        rating = f"ages {v['lo']}+" if v["hi"] >= 99 else f"ages {v['lo']}-{v['hi']}"
        options = (f"{v['Name']} is rated for {rating}, so it suits age {v['age']}.",
                   f"Made for {rating}: {v['name']} is right for age {v['age']}.",
                   f"Age {v['age']} fits {v['name']}, which is rated for {rating}.")
    elif claim.kind == "within_budget":
        options = (f"At {money(v['price'])}, {v['name']} is within your {money(v['budget'])} budget.",
                   f"{v['Name']} costs {money(v['price'])}, inside your {money(v['budget'])} limit.",
                   f"{money(v['price'])} for {v['name']}, under the {money(v['budget'])} you mentioned.",
                   f"{v['Name']} fits your {money(v['budget'])} budget at {money(v['price'])}.",
                   f"Priced at {money(v['price'])}, {v['name']} leaves room in your {money(v['budget'])} budget.")
        if v["price"] == v["budget"]:
            options = (f"At {money(v['price'])}, {v['name']} is exactly your budget.",)
    elif claim.kind == "above_minimum":
        options = (f"At {money(v['price'])}, {v['name']} is above the {money(v['budget'])} you wanted to spend at least.",)
    elif claim.kind == "cheaper_than_before":
        options = (f"At {money(v['price'])}, {v['name']} is under {money(v['ceiling'])}, cheaper than the picks you found too expensive.",
                   f"Cheaper than before: {v['name']} is {money(v['price'])}, below {money(v['ceiling'])}.")
    elif claim.kind == "relates_to_purchase":
        when = date.fromisoformat(v["purchased_at"]).strftime("%B %Y")
        options = (f"Goes well with the “{v['title']}” you bought in {when}.",
                   f"Related to your {when} purchase, “{v['title']}”.")
    elif claim.kind == "close_match":
        options = (f"{v['Name']} is one of the closest matches in the catalog to “{v['request']}”.",
                   f"{v['Name']} is among the nearest fits in the catalog to “{v['request']}”.")
    else:
        raise ValueError(f"unknown claim kind {claim.kind!r}")
    return options[variant % len(options)]


def build_reasons(p: Product, ctx: Context, related: dict[str, Any] | None, salt: str,
                  used: set[str], limit: int = 3,
                  reword: Callable[[Reason, Product, Context], Reason] | None = None) -> list[Reason]:
    """Up to `limit` verified reasons for `p`, none repeating a sentence in `used`.

    `reword` may replace a verified sentence with another wording it has verified itself
    (see rephrase.VerifiedRephrasing); the grounded sentence stays the fallback.
    """
    reasons: list[Reason] = []
    for claim in collect_claims(p, ctx, related):
        if len(reasons) >= limit:
            break
        seed = int(hashlib.sha1(f"{salt}:{p.product_id}:{claim.kind}".encode()).hexdigest()[:8], 16)
        for attempt in range(4):
            text = render(claim, seed + attempt)
            if text not in used:
                break
        reason = Reason(text, (claim,))
        if text in used or not verify_reason(reason, p, ctx):
            continue
        if reword is not None:
            reason = reword(reason, p, ctx)
        used.add(reason.text)
        reasons.append(reason)
    return reasons


def verify_claim(claim: Claim, p: Product, ctx: Context) -> bool:
    """Re-derive `claim` from the catalog entry, the request and the customer's data."""
    v = claim.values
    request = ctx.request_text.lower()
    if "name" in v and not p.title.startswith(str(v["name"])):
        return False
    if claim.kind == "matches_request":
        term, quote = str(v["term"]), str(v["quote"])
        request_stems = {stem(w) for w in _WORD.findall(request)}
        quote_stems = {stem(w) for w in _WORD.findall(quote.lower())}
        return (quote.lower() in p.searchable and stem(term) in request_stems
                and any(_same_word(q, stem(term)) for q in quote_stems))
    if claim.kind == "age_fit":
        return (p.age_range == (v["lo"], v["hi"]) and ctx.facts.age == v["age"]
                and v["lo"] <= v["age"] <= v["hi"])
    if claim.kind == "within_budget":
        return (p.price is not None and p.price == v["price"] and ctx.facts.budget_max == v["budget"]
                and p.price <= v["budget"])
    if claim.kind == "above_minimum":
        return (p.price is not None and p.price == v["price"] and ctx.facts.budget_min == v["budget"]
                and p.price >= v["budget"])
    if claim.kind == "cheaper_than_before":
        return (p.price is not None and p.price == v["price"] and ctx.price_ceiling == v["ceiling"]
                and p.price < v["ceiling"])
    if claim.kind == "relates_to_purchase":
        return any(x["title"] == v["title"] and x["purchased_at"] == v["purchased_at"] for x in ctx.purchases)
    if claim.kind == "close_match":
        return ctx.rank == v["rank"] and str(v["request"]) in ctx.request_text
    return False


def verify_reason(reason: Reason, p: Product, ctx: Context) -> bool:
    """True when every claim verifies and the text asserts nothing beyond its claims.

    The text check catches a wording (template or generated) that slips in a number or a
    quotation that no claim carries.
    """
    if not reason.claims or not all(verify_claim(c, p, ctx) for c in reason.claims):
        return False
    allowed_numbers: set[str] = set()
    allowed_quotes: set[str] = set()
    for c in reason.claims:
        for value in c.values.values():
            if isinstance(value, (int, float)):
                allowed_numbers.update({f"{value:g}", f"{value:.2f}", f"{value:,.2f}".replace(",", ""), str(int(value))})
            elif isinstance(value, str):
                allowed_quotes.add(value)
                allowed_numbers.update(_NUMBER.findall(value))
                if c.kind == "relates_to_purchase" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    allowed_numbers.add(value[:4])
    text_numbers = _NUMBER.findall(reason.text.replace(",", ""))
    if any(n not in allowed_numbers for n in text_numbers):
        return False
    return all(q in allowed_quotes for q in _QUOTE.findall(reason.text))


def _matches(p: Product, keywords: tuple[str, ...]) -> list[tuple[str, str]]:
    """(request word, quote from the product) pairs; the quote is a verbatim span of its text."""
    found: list[tuple[str, str]] = []
    # Most specific first: the title, then the product's own bullets, then its category.
    fields = [p.title] + [b.strip() for b in p.description.split(" | ") if b.strip()]
    if p.category:
        fields.append(p.category)
    for term in keywords:
        for text in fields:
            words = list(_WORD.finditer(text.lower()))
            hit = next((i for i, w in enumerate(words) if _same_word(stem(w.group()), term)), None)
            if hit is None:
                continue
            found.append((term, _window(text, words, hit)))
            break
    return found


_PLAIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.'$%&-]*")


def _request_phrase(text: str, limit: int = 60) -> str:
    """The shopper's latest turn, cut at a word boundary: a verbatim slice of the request.

    Only a run of plain words is quoted, so markup or control characters the shopper typed
    ("<script>…") are never echoed back; the longest such run is taken.
    """
    last = text.strip().split("\n")[-1].strip()
    runs = [m.group().strip(" ,.-") for m in _PLAIN_RUN.finditer(last)]
    last = max(runs, key=len, default="")
    if len(last) <= limit:
        return last
    cut = last[:limit].rsplit(" ", 1)[0]
    return cut or last[:limit]


def _same_word(a: str, b: str) -> bool:
    """Equal stems, or one a prefix of the other of at least 5 letters ("build"/"building")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 5 and long_.startswith(short)


def _window(text: str, words: list[re.Match[str]], hit: int, span: int = 5) -> str:
    """A verbatim slice of `text` around word `hit`, at most ~2*span words, trimmed tidily."""
    start = words[max(0, hit - span)].start()
    end = words[min(len(words) - 1, hit + span)].end()
    return text[start:end].strip(" ,;:-")
