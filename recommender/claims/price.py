"""Claims about the price against what the shopper set: a budget, a minimum, "cheaper", "cheap"."""
from __future__ import annotations

import operator
from abc import abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar

from recommender.catalog import Product
from recommender.claims.base import Claim, ClaimKind, Context, money, register


class PriceClaim(ClaimKind):
    """The product's price (said in its own currency) against one limit the shopper set: which
    limit (`limit`, stored under `limit_key`) and how the price must stand to it (`holds`)."""

    limit_key: ClassVar[str]
    holds: ClassVar[Callable[[float, float], bool]]

    @abstractmethod
    def limit(self, ctx: Context) -> float | None:
        """The limit this request set, if any."""

    @abstractmethod
    def clause(self, price: str, limit: str) -> str:
        """What "why this one?" says, given the amounts as written."""

    def check(self, v: dict[str, Any], p: Product, ctx: Context) -> bool:
        limit = self.limit(ctx)
        return (p.price is not None and p.price == v["price"] and limit is not None
                and limit == v[self.limit_key] and type(self).holds(p.price, limit))

    def clauses(self, claims: list[dict[str, Any]], currency: str) -> list[str]:
        return [self.clause(money(c["price"], c.get("currency", currency)),
                            money(c[self.limit_key], c.get("currency", currency))) for c in claims]


def price_claim(p: Product, ctx: Context, name: str) -> Claim | None:
    """The one price claim the request calls for, most specific first."""
    if p.price is None:
        return None
    for kind in _PRECEDENCE:  # the first that applies
        limit = kind.limit(ctx)
        if limit is not None:
            return Claim(kind.kind, {"price": p.price, kind.limit_key: limit, "name": name, "currency": p.currency})
    return None


@register
class CheaperThanBefore(PriceClaim):
    kind = "cheaper_than_before"
    limit_key = "ceiling"
    holds = operator.lt

    def limit(self, ctx: Context) -> float | None:
        return ctx.price_ceiling

    def wordings(self, v: dict[str, Any], currency: str) -> tuple[str, ...]:
        price, ceiling = money(v["price"], currency), money(v["ceiling"], currency)
        return (f"At {price}, {v['name']} is under {ceiling}, cheaper than the picks you found too expensive.",
                f"Cheaper than before: {v['name']} is {price}, below {ceiling}.")

    def clause(self, price: str, limit: str) -> str:
        return f"at {price} it is below the {limit} ceiling set after you said the last picks were too expensive"


@register
class WithinBudget(PriceClaim):
    kind = "within_budget"
    limit_key = "budget"
    holds = operator.le

    def limit(self, ctx: Context) -> float | None:
        if ctx.facts.converted is not None:
            return None  # "under 20 quid" is no "$20 budget": the bot says what it was read as
        return ctx.facts.around if ctx.facts.around is not None else ctx.facts.budget_max  # "about $30": $30, as said

    def wordings(self, v: dict[str, Any], currency: str) -> tuple[str, ...]:
        price, budget = money(v["price"], currency), money(v["budget"], currency)
        if v["price"] == v["budget"]:
            return (f"At {price}, {v['name']} is exactly your budget.",
                    f"{v['Name']} costs {price}, right at your budget.")
        return (f"At {price}, {v['name']} is within your {budget} budget.",
                f"{v['Name']} costs {price}, inside your {budget} limit.",
                f"{price} for {v['name']}, under the {budget} you mentioned.",
                f"{v['Name']} fits your {budget} budget at {price}.",
                f"Priced at {price}, {v['name']} stays under your {budget} budget.",
                f"Your {budget} covers {v['name']}: it is {price}.",
                f"{v['Name']} comes in at {price}, below your {budget} cap.")

    def clause(self, price: str, limit: str) -> str:
        return f"at {price} it is within your {limit} budget"


@register
class AboveMinimum(PriceClaim):
    kind = "above_minimum"
    limit_key = "budget"
    holds = operator.ge

    def limit(self, ctx: Context) -> float | None:
        if ctx.facts.floor_guessed or ctx.facts.converted is not None:
            return None  # "about $30" set no minimum; "over 20 quid" is no "$20" minimum
        return ctx.facts.budget_min

    def wordings(self, v: dict[str, Any], currency: str) -> tuple[str, ...]:
        price, budget = money(v["price"], currency), money(v["budget"], currency)
        return (f"At {price}, {v['name']} is above the {budget} you wanted to spend at least.",
                f"{v['Name']} is {price}, over your {budget} minimum.")

    def clause(self, price: str, limit: str) -> str:
        return f"at {price} it is above the {limit} you wanted to spend at least"


@register
class CheapFit(PriceClaim):
    kind = "cheap_fit"
    limit_key = "ceiling"
    holds = operator.le

    def limit(self, ctx: Context) -> float | None:
        return ctx.cheap_ceiling if ctx.facts.cheap else None

    def wordings(self, v: dict[str, Any], currency: str) -> tuple[str, ...]:
        price, ceiling = money(v["price"], currency), money(v["ceiling"], currency)
        return (f"You asked for cheap: at {price}, {v['name']} is in the store's cheapest third (up to {ceiling}).",
                f"Cheap, as asked: {v['name']} is {price}, within the lowest-priced third of the store (up to {ceiling}).",
                f"{v['Name']} costs {price}; anything up to {ceiling} is in the store's cheapest third.")

    def clause(self, price: str, limit: str) -> str:
        return f"you asked for cheap, and at {price} it is in the store's cheapest third (up to {limit})"


_PRECEDENCE = (CheaperThanBefore(), WithinBudget(), AboveMinimum(), CheapFit())
