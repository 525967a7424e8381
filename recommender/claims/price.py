"""Claims about the price against what the shopper set: a budget, a minimum, "cheaper", "cheap"."""
from __future__ import annotations

from typing import Any, ClassVar

from recommender.catalog import Product
from recommender.claims.base import Claim, ClaimKind, Context, money, register


class PriceClaim(ClaimKind):
    """The product's price (said in its own currency) against one limit, `limit_key`."""

    limit_key: ClassVar[str]

    def check(self, v: dict[str, Any], p: Product, ctx: Context) -> bool:
        limit = self.limit(ctx)
        return (p.price is not None and p.price == v["price"] and limit is not None
                and limit == v[self.limit_key] and self.holds(p.price, limit))

    def limit(self, ctx: Context) -> float | None:
        raise NotImplementedError

    def holds(self, price: float, limit: float) -> bool:
        raise NotImplementedError

    def clauses(self, claims: list[dict[str, Any]], currency: str) -> list[str]:
        return [self.clause(money(c["price"], c.get("currency", currency)),
                            money(c[self.limit_key], c.get("currency", currency))) for c in claims]

    def clause(self, price: str, limit: str) -> str:
        raise NotImplementedError


def price_claim(p: Product, ctx: Context, name: str) -> Claim | None:
    """The one price claim the request calls for, most specific first."""
    if p.price is None:
        return None
    for kind in (CheaperThanBefore, WithinBudget, AboveMinimum, CheapFit):  # the first that applies
        limit = kind().limit(ctx)
        if limit is not None:
            return Claim(kind.kind, {"price": p.price, kind.limit_key: limit, "name": name, "currency": p.currency})
    return None


@register
class CheaperThanBefore(PriceClaim):
    kind = "cheaper_than_before"
    limit_key = "ceiling"

    def limit(self, ctx: Context) -> float | None:
        return ctx.price_ceiling

    def holds(self, price: float, limit: float) -> bool:
        return price < limit

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

    def limit(self, ctx: Context) -> float | None:
        return ctx.facts.budget_max

    def check(self, v: dict[str, Any], p: Product, ctx: Context) -> bool:
        return (p.price is not None and p.price == v["price"] and ctx.facts.budget_max == v["budget"]
                and p.price <= v["budget"])

    def holds(self, price: float, limit: float) -> bool:
        return price <= limit

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

    def limit(self, ctx: Context) -> float | None:
        return ctx.facts.budget_min

    def check(self, v: dict[str, Any], p: Product, ctx: Context) -> bool:
        return (p.price is not None and p.price == v["price"] and ctx.facts.budget_min == v["budget"]
                and p.price >= v["budget"])

    def holds(self, price: float, limit: float) -> bool:
        return price >= limit

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

    def limit(self, ctx: Context) -> float | None:
        return ctx.cheap_ceiling if ctx.facts.cheap else None

    def check(self, v: dict[str, Any], p: Product, ctx: Context) -> bool:
        return (p.price is not None and p.price == v["price"] and ctx.facts.cheap
                and ctx.cheap_ceiling is not None and ctx.cheap_ceiling == v["ceiling"] and p.price <= v["ceiling"])

    def holds(self, price: float, limit: float) -> bool:
        return price <= limit

    def wordings(self, v: dict[str, Any], currency: str) -> tuple[str, ...]:
        price, ceiling = money(v["price"], currency), money(v["ceiling"], currency)
        return (f"You asked for cheap: at {price}, {v['name']} is in the store's cheapest third (up to {ceiling}).",
                f"Cheap, as asked: {v['name']} is {price}, within the lowest-priced third of the store (up to {ceiling}).",
                f"{v['Name']} costs {price}; anything up to {ceiling} is in the store's cheapest third.")

    def clause(self, price: str, limit: str) -> str:
        return f"you asked for cheap, and at {price} it is in the store's cheapest third (up to {limit})"
