"""Grounded reasons: claims built from the ranker's evidence, rendered, and verified.

Every sentence a shopper sees is rendered from `Claim`s, and `verify_reason` re-checks each
claim against the catalog entry, the request and the customer's data, and every number and
quotation in the sentence against its claims. A reason that fails is dropped, never shown.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from recommender.catalog import Product
from recommender.facets import colour_words, value_groups
from recommender.matching import (
    DANGLING,
    FIELDS,
    LETTERS,
    asked_phrase,
    find_word,
    head_noun,
    is_related,
    listing_fields,
    quote_window,
    request_words,
    same_word,
    word_stem,
)
from recommender.money import format_money
from recommender.parsing import STOPWORDS, RequestFacts, stem

_WORD = re.compile(r"[a-z][a-z0-9'&-]*")
_PLAIN_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*(?:[ &,]+[^\W\d_]+(?:['’-][^\W\d_]+)*)*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_QUOTE = re.compile(r"“([^”]+)”")


@dataclass(frozen=True)
class Claim:
    """One checkable statement: a kind plus the values it asserts."""

    # matches_request | age_fit | within_budget | above_minimum | cheaper_than_before |
    # cheap_fit | relates_to_purchase | audience_fit | colour_fit | loose_match (nothing in common;
    # says so) | close_match (older lists)
    kind: str
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
    # The ceiling the ranker applies to "cheap" with no number (top of the catalog's cheapest
    # third of prices); None until the engine passes it, and then no `cheap_fit` claim is made.
    cheap_ceiling: float | None = None
    rank: int | None = None  # 1-based position in the list


def money(value: float, currency: str = "USD") -> str:
    """An amount in the product's currency, as Babel writes it ("$40", "₹1,299.50")."""
    return format_money(value, currency)


def short_name(p: Product, words: int = 5) -> str:
    """The start of the title, up to its first comma, dash or bracket: a verbatim prefix,
    whole when it is at most one word longer than `words`, else its first `words` words."""
    head = re.split(r"\s[-–|(]|[,:(!]", p.title, maxsplit=1)[0].strip()
    tokens = head.split()
    tokens = tokens if len(tokens) <= words + 1 else tokens[:words]
    while len(tokens) > 1 and tokens[-1].lower() in DANGLING:
        tokens.pop()
    return " ".join(tokens) if tokens else p.title[:40]


def collect_claims(p: Product, ctx: Context, related: dict[str, Any] | None) -> list[Claim]:
    """The claims the evidence supports for product `p`, most specific first.

    Claims name the product (a verbatim prefix of its title) so that sentences stay specific
    to it; the verifier checks that name too. When nothing in the listing meets the request,
    the one claim says so plainly (`loose_match`) instead of implying a match.
    """
    name = short_name(p)
    matches = match_claims(p, ctx, name)
    claims: list[Claim] = matches[:1]
    if p.price is not None:
        if ctx.price_ceiling is not None:
            claims.append(Claim("cheaper_than_before", {"price": p.price, "ceiling": ctx.price_ceiling, "name": name, "currency": p.currency}))
        elif ctx.facts.budget_max is not None:
            claims.append(Claim("within_budget", {"price": p.price, "budget": ctx.facts.budget_max, "name": name, "currency": p.currency}))
        elif ctx.facts.budget_min is not None:
            claims.append(Claim("above_minimum", {"price": p.price, "budget": ctx.facts.budget_min, "name": name, "currency": p.currency}))
        elif ctx.facts.cheap and ctx.cheap_ceiling is not None:
            claims.append(Claim("cheap_fit", {"price": p.price, "ceiling": ctx.cheap_ceiling, "name": name, "currency": p.currency}))
    claims.extend(facet_claims(p, ctx, name))
    if related is not None:
        claims.append(Claim("relates_to_purchase", {
            "title": related["title"], "purchased_at": related["purchased_at"], "name": name}))
    span = p.age_range
    if ctx.facts.age is not None and span is not None:
        claims.append(Claim("age_fit", {"age": ctx.facts.age, "lo": span[0], "hi": span[1], "name": name}))
    claims.extend(matches[1:])
    if not claims and ctx.rank is not None:
        loose = {"rank": ctx.rank, "name": name, "category": p.category}
        claims.append(Claim("loose_match", loose if p.price is None else {**loose, "price": p.price, "currency": p.currency}))
    return claims


def facet_claims(p: Product, ctx: Context, name: str) -> list[Claim]:
    """The store's own audience and colour columns meeting who and what colour was asked for."""
    claims = []
    who = ctx.facts.recipient
    if who is not None and p.audience and value_groups(p.audience) & who.groups(ctx.facts.age):
        claims.append(Claim("audience_fit", {"audience": p.audience, "said": who.said, "name": name}))
    if asked := sorted(colour_words(p.colour) & ctx.facts.colours):
        claims.append(Claim("colour_fit", {"colour": p.colour, "asked": asked[0], "name": name}))
    return claims


def match_claims(p: Product, ctx: Context, name: str) -> list[Claim]:
    """`matches_request` claims: request words found in the listing, then related words.

    Request words that hit the same listing span, and sit next to each other in the request,
    share one claim ("stuffed animals" -> "Stuffed Animals & Teddy Bears").
    """
    fields = listing_fields(p)
    hits: dict[tuple[str, str], list[tuple[tuple[str, str, int], re.Match[str]]]] = {}
    unmatched: list[tuple[str, str, int]] = []
    for s, word, at in request_words(ctx.request_text, ctx.facts.exclusions):
        found = find_word(fields, lambda w, s=s: same_word(w, s))  # type: ignore[misc]
        if found is None:
            unmatched.append((s, word, at))
        else:
            hits.setdefault(found[:2], []).append(((s, word, at), found[2]))
    claims = []
    for (where, text), found_words in hits.items():
        while found_words:
            asked, n = asked_phrase(ctx.request_text, [w for w, _ in found_words])
            spans = [m for _, m in found_words[:n]]
            quote = text if where in ("category", "brand") else quote_window(
                text, min(m.start() for m in spans), max(m.end() for m in spans))
            if n > 1 and len(quote.split()) > 10:  # far apart in the listing: one word per claim
                asked, n = found_words[0][0][1], 1
                quote = quote_window(text, found_words[0][1].start(), found_words[0][1].end())
            found_words = found_words[n:]
            claims.append(Claim("matches_request", {"asked": asked, "quote": quote, "field": where, "name": name}))
    claims.sort(key=lambda c: -len(str(c.values["asked"]).split()))
    for s, word, _ in unmatched:
        # A related word counts only where it says what the product is: the store's category,
        # or the noun that ends the title's head ("... Chief Hat"); other title words may be a brand.
        found = find_word([f for f in fields if f[0] == "category"], lambda w, s=s: is_related(w, s))  # type: ignore[misc]
        if found is not None:
            near = Claim("matches_request", {"asked": word, "quote": found[1], "field": "category",
                                             "via": found[2].group(), "name": name})
        elif (head := head_noun(p.title)) is not None and is_related(word_stem(head.group()), s):
            near = Claim("matches_request", {"asked": word, "quote": quote_window(p.title, head.start(), head.end()),
                                             "field": "title", "via": head.group(), "name": name})
        else:
            continue
        if not any(c.values["quote"] == near.values["quote"] for c in claims):  # "clothes" after "clothing"
            claims.append(near)
    return claims


def _the(name: str) -> str:
    """"the X", unless the name starts with its own article or possessive."""
    first = name.split(" ", 1)[0].lower()
    return name if first in ("the", "a", "an", "our", "my", "your") or first.endswith("'s") else f"the {name}"


def render(claim: Claim, variant: int) -> str:
    """One sentence for `claim`; `variant` picks among equivalent wordings."""
    cur = str(claim.values.get("currency") or "USD")  # lists stored before currencies were kept: dollars
    v = dict(claim.values)
    if "name" in v:
        v["name"] = _the(str(v["name"]))
        v["Name"] = v["name"][0].upper() + v["name"][1:]
    if claim.kind == "matches_request":
        options = _match_wordings(v)
    elif claim.kind == "age_fit":
        rating = f"ages {v['lo']}+" if v["hi"] >= 99 else f"ages {v['lo']}-{v['hi']}"
        options = (f"{v['Name']} is rated for {rating}, so it suits age {v['age']}.",
                   f"Made for {rating}: {v['name']} is right for age {v['age']}.",
                   f"Age {v['age']} fits {v['name']}, which is rated for {rating}.",
                   f"{v['Name']} carries an {rating} rating, which covers age {v['age']}.")
    elif claim.kind == "within_budget":
        price, budget = money(v["price"], cur), money(v["budget"], cur)
        options = (f"At {price}, {v['name']} is within your {budget} budget.",
                   f"{v['Name']} costs {price}, inside your {budget} limit.",
                   f"{price} for {v['name']}, under the {budget} you mentioned.",
                   f"{v['Name']} fits your {budget} budget at {price}.",
                   f"Priced at {price}, {v['name']} stays under your {budget} budget.",
                   f"Your {budget} covers {v['name']}: it is {price}.",
                   f"{v['Name']} comes in at {price}, below your {budget} cap.")
        if v["price"] == v["budget"]:
            options = (f"At {price}, {v['name']} is exactly your budget.",
                       f"{v['Name']} costs {price}, right at your budget.")
    elif claim.kind == "above_minimum":
        options = (f"At {money(v['price'], cur)}, {v['name']} is above the {money(v['budget'], cur)} you wanted to spend at least.",
                   f"{v['Name']} is {money(v['price'], cur)}, over your {money(v['budget'], cur)} minimum.")
    elif claim.kind == "cheaper_than_before":
        options = (f"At {money(v['price'], cur)}, {v['name']} is under {money(v['ceiling'], cur)}, cheaper than the picks you found too expensive.",
                   f"Cheaper than before: {v['name']} is {money(v['price'], cur)}, below {money(v['ceiling'], cur)}.")
    elif claim.kind == "cheap_fit":
        options = (f"You asked for cheap: at {money(v['price'], cur)}, {v['name']} is in the store's cheapest third (up to {money(v['ceiling'], cur)}).",
                   f"Cheap, as asked: {v['name']} is {money(v['price'], cur)}, within the lowest-priced third of the store (up to {money(v['ceiling'], cur)}).",
                   f"{v['Name']} costs {money(v['price'], cur)}; anything up to {money(v['ceiling'], cur)} is in the store's cheapest third.")
    elif claim.kind == "relates_to_purchase":
        when = date.fromisoformat(v["purchased_at"]).strftime("%B %Y")
        if "name" not in v:  # lists stored before purchase reasons named the product
            v["name"] = v["Name"] = "It"
        options = (f"{v['Name']} relates to the “{v['title']}” you bought in {when}.",
                   f"Picked with your {when} purchase, “{v['title']}”, in mind: {v['name']}.",
                   f"You bought “{v['title']}” in {when}; {v['name']} is in a related vein.",
                   f"{v['Name']} connects to your {when} purchase, “{v['title']}”.")
    elif claim.kind == "audience_fit":
        options = (f"{v['Name']} is listed for “{v['audience']}”, which fits your “{v['said']}”.",
                   f"Listed for “{v['audience']}”: right for your “{v['said']}”.",
                   f"The store lists {v['name']} for “{v['audience']}”, in line with your “{v['said']}”.")
    elif claim.kind == "colour_fit":
        options = (f"{v['Name']} comes in “{v['colour']}”, the {v['asked']} you asked for.",
                   f"In “{v['colour']}”, as you wanted {v['asked']}.",
                   f"You asked for {v['asked']}: {v['name']} is listed in “{v['colour']}”.")
    elif claim.kind == "loose_match":
        what = " ".join(x for x in (money(v["price"], cur) if "price" in v else "",
                                    f"“{v['category']}”" if v["category"] else "", "item") if x)
        where = f"{'an' if what.lstrip('“$')[:1].lower() in 'aeiou' else 'a'} {what}"
        options = (f"Not a word-for-word match: {v['name']} is {where} ranked #{v['rank']} on overall fit.",
                   f"A looser pick: none of your key words is in the listing for {v['name']}, {where} ranked #{v['rank']}.",
                   f"{v['Name']} is {where} with none of your key words in its listing; it ranked #{v['rank']} on overall fit.")
    elif claim.kind == "close_match":
        options = (f"{v['Name']} is one of the closest matches in the catalog to “{v['request']}”.",
                   f"{v['Name']} is among the nearest fits in the catalog to “{v['request']}”.")
    else:
        raise ValueError(f"unknown claim kind {claim.kind!r}")
    return options[variant % len(options)]


def _match_wordings(v: dict[str, Any]) -> tuple[str, ...]:
    """Wordings of a `matches_request` claim: by the field it quotes, and whether the match
    is the shopper's own word or a related one (said as "close to", never as the same)."""
    if "term" in v:  # lists stored before matches carried the shopper's own words
        return (f"Matches your mention of {v['term']}: “{v['quote']}”.",)
    a, q, name, Name = v["asked"], v["quote"], v["name"], v["Name"]
    if "via" in v:
        if v["field"] == "title":
            return (f"Close to your “{a}”: the title reads “{q}”.",
                    f"Near what you asked (“{a}”): “{q}”.",
                    f"Not the word “{a}”, but close: “{q}”.")
        return (f"Close to your “{a}”: {name} is listed under “{q}”.",
                f"{Name} is in “{q}”, a near fit for “{a}”.",
                f"For “{a}”, a related category: {name} is under “{q}”.")
    if v["field"] == "title":
        return (f"You asked for “{a}”, and this is “{q}”.",
                f"Matches your “{a}”: “{q}”.",
                f"For “{a}”, the title reads “{q}”.",
                f"“{q}” answers your “{a}”.",
                f"Right on “{a}”: “{q}”.")
    if v["field"] == "category":
        return (f"You asked for “{a}”; {name} is listed under “{q}”.",
                f"{Name} is in “{q}”, which matches your “{a}”.",
                f"Listed under “{q}”, {name} fits your “{a}”.",
                f"For “{a}”: {name} sits in the “{q}” category.",
                f"{Name} comes from “{q}”, in line with your “{a}”.")
    if v["field"] == "brand":
        return (f"You named “{a}”, and {name} is by “{q}”.",
                f"{Name} is a “{q}” product, the brand you named.")
    return (f"On “{a}”, the listing for {name} says “{q}”.",
            f"You mentioned “{a}”; {name}'s description says “{q}”.",
            f"For “{a}”: {name} is described with “{q}”.",
            f"{Name} matches your “{a}”: its listing says “{q}”.")


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
    if "currency" in v and v["currency"] != p.currency:
        return False  # a price is only ever said in the currency the product is sold in
    if claim.kind == "matches_request":
        if "term" in v:  # lists stored before matches carried the shopper's own words
            term, quote = str(v["term"]), str(v["quote"])
            request_stems = {stem(w) for w in _WORD.findall(request)}
            quote_stems = {stem(w) for w in _WORD.findall(quote.lower())}
            return (quote.lower() in p.searchable and stem(term) in request_stems
                    and any(same_word(q, stem(term)) for q in quote_stems))
        return _verify_match(v, p, ctx)
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
    if claim.kind == "cheap_fit":
        return (p.price is not None and p.price == v["price"] and ctx.facts.cheap
                and ctx.cheap_ceiling is not None and ctx.cheap_ceiling == v["ceiling"] and p.price <= v["ceiling"])
    if claim.kind == "audience_fit":
        who = ctx.facts.recipient
        return (who is not None and v["audience"] == p.audience and v["said"] == who.said
                and bool(value_groups(p.audience) & who.groups(ctx.facts.age)))
    if claim.kind == "colour_fit":
        return (v["colour"] == p.colour and v["asked"] in ctx.facts.colours
                and v["asked"] in colour_words(p.colour))
    if claim.kind == "relates_to_purchase":
        return any(x["title"] == v["title"] and x["purchased_at"] == v["purchased_at"] for x in ctx.purchases)
    if claim.kind == "loose_match":
        # "Not a word-for-word match" must be true: no request word, nor a related one, is in the listing.
        return (ctx.rank == v["rank"] and v["category"] == p.category and v.get("price") == p.price
                and not match_claims(p, ctx, str(v["name"])))
    if claim.kind == "close_match":
        return ctx.rank == v["rank"] and str(v["request"]) in ctx.request_text
    return False


def _verify_match(v: dict[str, Any], p: Product, ctx: Context) -> bool:
    """The quote is verbatim in the named field; the asked words are the shopper's, not
    excluded, and each is in the quote (or, with `via`, related to a word of it)."""
    asked, quote, where = str(v["asked"]), str(v["quote"]), v.get("field")
    if where not in FIELDS or not _PLAIN_WORDS.fullmatch(asked) or asked not in ctx.request_text:
        return False
    if not any(quote in text for f, text in listing_fields(p) if f == where):
        return False
    allowed = {s for s, _, _ in request_words(ctx.request_text, ctx.facts.exclusions)}
    content = [word_stem(w) for w in LETTERS.findall(asked) if word_stem(w) not in STOPWORDS and w.lower() not in STOPWORDS]
    if not content or any(s not in allowed for s in content):
        return False
    quote_stems = [word_stem(w) for w in LETTERS.findall(quote)]
    if "via" in v:
        via = str(v["via"])
        head = head_noun(p.title)
        where_ok = where == "category" or (head is not None and head.group() == via)
        return (len(content) == 1 and via in LETTERS.findall(quote) and where_ok
                and is_related(word_stem(via), content[0]))
    return all(any(same_word(q, s) for q in quote_stems) for s in content)


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
