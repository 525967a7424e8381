"""Claims: the checkable statements every reason is made of, one class per kind.

`base` holds the `Claim` (and its stored form), the `Context` it is checked against and the
kinds registry; `match`, `price` and `fit` hold the kinds, each worded, checked and explained
in one place. `reasons` orders them into sentences and verifies those.
"""
from recommender.claims.base import (
    KINDS,
    STORED_VERSION,
    Claim,
    ClaimKind,
    Context,
    kind_of,
    money,
    render,
    short_name,
    verify_claim,
)
from recommender.claims.fit import age_claim, bought_next_claim, fit_claims, purchase_claim
from recommender.claims.match import loose_claim, match_claims
from recommender.claims.price import price_claim

__all__ = [
    "KINDS", "STORED_VERSION", "Claim", "ClaimKind", "Context", "age_claim", "bought_next_claim", "fit_claims",
    "kind_of",
    "loose_claim", "match_claims", "money", "price_claim", "purchase_claim", "render", "short_name",
    "verify_claim",
]
