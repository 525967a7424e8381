"""Claims that the product fits the person: their age, who it is for, the colour asked for, and
what they bought before."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from recommender.catalog import Product
from recommender.claims.base import Claim, ClaimKind, Context, register
from recommender.facets import EVERYONE, colour_words, listing_phrases, value_groups


def fit_claims(p: Product, ctx: Context, name: str) -> list[Claim]:
    """The store's own audience and colour columns meeting who and what colour was asked for;
    without an audience column, the listing's own words for who it is for."""
    claims = []
    who = ctx.facts.recipient
    if who is not None and p.audience and value_groups(p.audience) & who.groups(ctx.facts.age):
        claims.append(Claim(AudienceFit.kind, {"audience": p.audience, "said": who.said, "name": name}))
    elif who is not None and not p.audience and (phrase := _listed_phrase(p, ctx)) is not None:
        claims.append(Claim(ListedFor.kind, {"where": phrase[1], "quote": phrase[2], "said": who.said, "name": name}))
    if asked := sorted(colour_words(p.colour) & ctx.facts.colours):
        claims.append(Claim(ColourFit.kind, {"colour": p.colour, "asked": asked[0], "name": name}))
    return claims


def _listed_phrase(p: Product, ctx: Context) -> tuple[frozenset[str], str, str] | None:
    """The narrowest phrase of the listing that names the recipient's group ("for Girls" over
    "Kids & Baby"), or None (a catalog without an audience column: `facets.listed_for`)."""
    who = ctx.facts.recipient
    if who is None:
        return None
    wanted = who.groups(ctx.facts.age)
    fitting = [x for x in listing_phrases(p.title, p.category_path) if x[0] & wanted and x[0] != EVERYONE]
    return min(fitting, key=lambda x: len(x[0])) if fitting else None


def age_claim(p: Product, ctx: Context, name: str) -> Claim | None:
    span = p.age_range
    if ctx.facts.age is None or span is None:
        return None
    return Claim(AgeFit.kind, {"age": ctx.facts.age, "lo": span[0], "hi": span[1], "name": name})


def purchase_claim(related: dict[str, Any] | None, name: str) -> Claim | None:
    if related is None:
        return None
    return Claim(RelatesToPurchase.kind, {"title": related["title"], "purchased_at": related["purchased_at"], "name": name})


# Customers who must have bought the pair for "often bought this next" to be said.
BOUGHT_NEXT_MIN = 3


def bought_next_claim(p: Product, ctx: Context, name: str) -> Claim | None:
    """The shopper's purchase that most other customers followed with `p` as their next one,
    when at least `BOUGHT_NEXT_MIN` did (latest purchase first on a tie)."""
    if ctx.bought_next is None:
        return None
    best: tuple[int, dict[str, Any]] | None = None
    for x in reversed(ctx.purchases):
        n = ctx.bought_next(x["product_id"], p.product_id)
        if n >= BOUGHT_NEXT_MIN and (best is None or n > best[0]):
            best = (n, x)
    if best is None:
        return None
    n, x = best
    return Claim(BoughtNext.kind, {"title": x["title"], "before": x["product_id"], "count": n, "name": name})


def age_span(lo: int, hi: int) -> str:
    """An age rating as written: "8+" (no upper bound) or "3-5"."""
    return f"{lo}+" if hi >= 99 else f"{lo}-{hi}"


def _rating(v: dict[str, Any]) -> str:
    return age_span(v["lo"], v["hi"])


@register
class AgeFit(ClaimKind):
    kind = "age_fit"

    def wordings(self, v: dict[str, Any], currency: str) -> tuple[str, ...]:
        rating = f"ages {_rating(v)}"
        return (f"{v['Name']} is rated for {rating}, so it suits age {v['age']}.",
                f"Made for {rating}: {v['name']} is right for age {v['age']}.",
                f"Age {v['age']} fits {v['name']}, which is rated for {rating}.",
                f"{v['Name']} carries an {rating} rating, which covers age {v['age']}.")

    def check(self, v: dict[str, Any], p: Product, ctx: Context) -> bool:
        return p.age_range == (v["lo"], v["hi"]) and ctx.facts.age == v["age"] and v["lo"] <= v["age"] <= v["hi"]

    def clauses(self, claims: list[dict[str, Any]], currency: str) -> list[str]:
        return [f"it is rated for ages {_rating(c)}, which fits age {c['age']}" for c in claims]


@register
class AudienceFit(ClaimKind):
    kind = "audience_fit"

    def wordings(self, v: dict[str, Any], currency: str) -> tuple[str, ...]:
        return (f"{v['Name']} is listed for “{v['audience']}”, which fits your “{v['said']}”.",
                f"Listed for “{v['audience']}”: right for your “{v['said']}”.",
                f"The store lists {v['name']} for “{v['audience']}”, in line with your “{v['said']}”.")

    def check(self, v: dict[str, Any], p: Product, ctx: Context) -> bool:
        who = ctx.facts.recipient
        return (who is not None and v["audience"] == p.audience and v["said"] == who.said
                and bool(value_groups(p.audience) & who.groups(ctx.facts.age)))


@register
class ListedFor(ClaimKind):
    """Who the listing itself says the product is for, quoted, where the store has no audience
    column: its title ("for Girls", "Men's") or the section of the store it is filed in."""

    kind = "listed_for"

    def wordings(self, v: dict[str, Any], currency: str) -> tuple[str, ...]:
        if v["where"] == "title":
            return (f"The title of {v['name']} says “{v['quote']}”, which fits your “{v['said']}”.",
                    f"“{v['quote']}”, says the title: right for your “{v['said']}”.",
                    f"Its title says “{v['quote']}”, in line with your “{v['said']}”.")
        return (f"{v['Name']} is in the store's “{v['quote']}” section, which fits your “{v['said']}”.",
                f"From the store's “{v['quote']}” section: right for your “{v['said']}”.",
                f"The store files {v['name']} under “{v['quote']}”, in line with your “{v['said']}”.")

    def check(self, v: dict[str, Any], p: Product, ctx: Context) -> bool:
        phrase = _listed_phrase(p, ctx) if not p.audience else None
        return (phrase is not None and ctx.facts.recipient is not None and v["said"] == ctx.facts.recipient.said
                and (phrase[1], phrase[2]) == (v["where"], v["quote"]))

    def clauses(self, claims: list[dict[str, Any]], currency: str) -> list[str]:
        return [f"its {'title' if c['where'] == 'title' else 'store section'} says “{c['quote']}”, which fits your "
                f"“{c['said']}”" for c in claims]


@register
class ColourFit(ClaimKind):
    kind = "colour_fit"

    def wordings(self, v: dict[str, Any], currency: str) -> tuple[str, ...]:
        return (f"{v['Name']} comes in “{v['colour']}”, the {v['asked']} you asked for.",
                f"In “{v['colour']}”, as you wanted {v['asked']}.",
                f"You asked for {v['asked']}: {v['name']} is listed in “{v['colour']}”.")

    def check(self, v: dict[str, Any], p: Product, ctx: Context) -> bool:
        return v["colour"] == p.colour and v["asked"] in ctx.facts.colours and v["asked"] in colour_words(p.colour)


@register
class RelatesToPurchase(ClaimKind):
    kind = "relates_to_purchase"

    def wordings(self, v: dict[str, Any], currency: str) -> tuple[str, ...]:
        when = date.fromisoformat(v["purchased_at"]).strftime("%B %Y")
        if "name" not in v:  # lists stored before purchase reasons named the product
            v["name"] = v["Name"] = "It"
        return (f"{v['Name']} relates to the “{v['title']}” you bought in {when}.",
                f"Picked with your {when} purchase, “{v['title']}”, in mind: {v['name']}.",
                f"You bought “{v['title']}” in {when}; {v['name']} is in a related vein.",
                f"{v['Name']} connects to your {when} purchase, “{v['title']}”.")

    def check(self, v: dict[str, Any], p: Product, ctx: Context) -> bool:
        return any(x["title"] == v["title"] and x["purchased_at"] == v["purchased_at"] for x in ctx.purchases)

    def clauses(self, claims: list[dict[str, Any]], currency: str) -> list[str]:
        return [f"it relates to “{c['title']}”, which you bought on {c['purchased_at']}" for c in claims]

    def allowed_numbers(self, v: dict[str, Any]) -> set[str]:
        when = str(v.get("purchased_at", ""))
        return {when[:4]} if re.fullmatch(r"\d{4}-\d{2}-\d{2}", when) else set()


@register
class BoughtNext(ClaimKind):
    kind = "bought_next"

    def wordings(self, v: dict[str, Any], currency: str) -> tuple[str, ...]:
        return (f"Customers who bought “{v['title']}” often bought {v['name']} next: {v['count']} of them.",
                f"{v['count']} customers who bought “{v['title']}”, as you did, bought {v['name']} next.",
                f"After “{v['title']}”, {v['count']} customers went on to buy {v['name']}.")

    def check(self, v: dict[str, Any], p: Product, ctx: Context) -> bool:
        return (ctx.bought_next is not None and v["count"] >= BOUGHT_NEXT_MIN
                and ctx.bought_next(v["before"], p.product_id) == v["count"]
                and any(x["product_id"] == v["before"] and x["title"] == v["title"] for x in ctx.purchases))

    def clauses(self, claims: list[dict[str, Any]], currency: str) -> list[str]:
        return [f"{c['count']} customers who bought “{c['title']}” bought it next" for c in claims]
