"""A claim: one checkable statement about a product, its stored form, and the kinds registry.

Each kind of claim is one class (`ClaimKind`) that words it, checks it against the catalog
entry, the request and the customer's data, and says it in an explanation ("why this one?").
"""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from recommender.catalog import Product
from recommender.matching import DANGLING
from recommender.money import format_money
from recommender.parsing import RequestFacts

# The stored form's version: 2 is {"kind", "version", "values"}. Version 1 (lists stored before
# this round) is {"kind", **values} in an item's evidence and {"kind", "values"} in its reasons.
STORED_VERSION = 2


@dataclass(frozen=True)
class Claim:
    """One checkable statement: a kind (a `ClaimKind.kind`) plus the values it asserts."""

    kind: str
    values: dict[str, Any] = field(default_factory=dict)

    def stored(self) -> dict[str, Any]:
        return {"kind": self.kind, "version": STORED_VERSION, "values": self.values}

    @classmethod
    def load(cls, stored: dict[str, Any]) -> Claim:
        """A claim from any stored version."""
        if isinstance(stored.get("values"), dict):
            return cls(str(stored["kind"]), dict(stored["values"]))
        return cls(str(stored["kind"]), {k: v for k, v in stored.items() if k not in ("kind", "version")})


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
    # Customers in the store's orders who bought product a and then product b next: the served
    # history model's counts (`HistoryModel.bought_next`); None without one.
    bought_next: Callable[[str, str], int] | None = None


class ClaimKind(ABC):
    """How one kind of claim is worded, checked and explained. Subclasses register themselves."""

    kind: ClassVar[str]

    @abstractmethod
    def wordings(self, v: dict[str, Any], currency: str) -> tuple[str, ...]:
        """Equivalent sentences for values `v` (with "name" as "the X" and "Name" capitalised)."""

    @abstractmethod
    def check(self, v: dict[str, Any], p: Product, ctx: Context) -> bool:
        """Re-derive the claim's values from the product, the request and the customer's data."""

    def clauses(self, claims: list[dict[str, Any]], currency: str) -> list[str]:
        """What "why this one?" says for this kind's claims of one item (nothing by default)."""
        return []

    def allowed_numbers(self, v: dict[str, Any]) -> set[str]:
        """Numbers a sentence may say beyond the claim's own values (a date's year)."""
        return set()


KINDS: dict[str, ClaimKind] = {}


def register(cls: type[ClaimKind]) -> type[ClaimKind]:
    KINDS[cls.kind] = cls()
    return cls


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


def and_list(parts: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return "".join(parts) if len(parts) <= 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def the(name: str) -> str:
    """"the X", unless the name starts with its own article or possessive."""
    first = name.split(" ", 1)[0].lower()
    return name if first in ("the", "a", "an", "our", "my", "your") or first.endswith("'s") else f"the {name}"


def kind_of(claim: Claim) -> ClaimKind:
    try:
        return KINDS[claim.kind]
    except KeyError:
        raise ValueError(f"unknown claim kind {claim.kind!r}") from None


def render(claim: Claim, variant: int) -> str:
    """One sentence for `claim`; `variant` picks among equivalent wordings."""
    currency = str(claim.values.get("currency") or "USD")  # lists stored before currencies were kept: dollars
    v = dict(claim.values)
    if "name" in v:
        v["name"] = the(str(v["name"]))
        v["Name"] = v["name"][0].upper() + v["name"][1:]
    options = kind_of(claim).wordings(v, currency)
    return options[variant % len(options)]


def verify_claim(claim: Claim, p: Product, ctx: Context) -> bool:
    """Re-derive `claim` from the catalog entry, the request and the customer's data."""
    v = claim.values
    if "name" in v and not p.title.startswith(str(v["name"])):
        return False
    if "currency" in v and v["currency"] != p.currency:
        return False  # a price is only ever said in the currency the product is sold in
    kind = KINDS.get(claim.kind)
    return kind is not None and kind.check(v, p, ctx)
