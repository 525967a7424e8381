"""Grounded reasons: claims built from the ranker's evidence, rendered, and verified.

Every sentence a shopper sees is rendered from `Claim`s (`recommender.claims`, one class per
kind), and `verify_reason` re-checks each claim against the catalog entry, the request and the
customer's data, and every number and quotation in the sentence against its claims. A reason
that fails is dropped, never shown.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from recommender.catalog import Product
from recommender.claims import (
    Claim,
    Context,
    age_claim,
    bought_next_claim,
    fit_claims,
    kind_of,
    loose_claim,
    match_claims,
    money,
    price_claim,
    purchase_claim,
    render,
    short_name,
    verify_claim,
)

__all__ = ["Claim", "Context", "Reason", "build_reasons", "collect_claims", "money", "render", "verify_claim",
           "verify_reason"]

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_QUOTE = re.compile(r"“([^”]+)”")


@dataclass(frozen=True)
class Reason:
    text: str
    claims: tuple[Claim, ...]


def collect_claims(p: Product, ctx: Context, related: dict[str, Any] | None) -> list[Claim]:
    """The claims the evidence supports for product `p`, most specific first: the best match,
    the price against the shopper's limit, who and what colour it fits, what other customers
    bought next after one of the shopper's purchases, a related purchase, the age, then the
    other matches.

    Claims name the product (a verbatim prefix of its title) so that sentences stay specific
    to it; the verifier checks that name too. When nothing in the listing meets the request,
    the one claim says so plainly (`loose_match`) instead of implying a match.
    """
    name = short_name(p)
    matches = match_claims(p, ctx, name)
    claims: list[Claim] = matches[:1]
    claims += [c for c in (price_claim(p, ctx, name),) if c is not None]
    claims += fit_claims(p, ctx, name)
    claims += [c for c in (bought_next_claim(p, ctx, name), purchase_claim(related, name), age_claim(p, ctx, name))
               if c is not None]
    claims += matches[1:]
    if not claims and ctx.rank is not None:
        claims.append(loose_claim(p, ctx, name))
    return claims


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
        allowed_numbers |= kind_of(c).allowed_numbers(c.values)  # every kind is known: its claim verified
    text_numbers = _NUMBER.findall(reason.text.replace(",", ""))
    if any(n not in allowed_numbers for n in text_numbers):
        return False
    return all(q in allowed_quotes for q in _QUOTE.findall(reason.text))

