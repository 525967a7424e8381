"""What one recommend call knows: the request, and the shopper's state carried along the pipeline."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import torch

from recommender.ages import ages_in_digits
from recommender.api import RefineOp
from recommender.catalog import Product
from recommender.clauses import without_chat
from recommender.lexical import query_tokens
from recommender.matching import LETTERS
from recommender.parsing import RequestFacts
from recommender.ranker import Constraints
from recommender.refusing import wanted_text
from recommender.store import SessionSignals
from recommender.targeting import Focus


@dataclass(frozen=True)
class Refine:
    """A refinement of an earlier list: which list, what to change, which item it is about."""

    op: RefineOp
    recommendation_id: str
    position: int | None = None


@dataclass(frozen=True)
class RecommendRequest:
    sender_id: str
    messages: tuple[str, ...] = ()  # the shopper's request turns, oldest first
    customer_id: str | None = None
    refine: Refine | None = None
    k: int | None = None

    def turns(self) -> list[str]:
        """The turns that say something."""
        return [t for t in self.messages if t.strip()]


def wanted_turns(turns: list[str], exclusions: tuple[str, ...]) -> list[str]:
    """`turns` with what each refuses left out, as a sentence encoder reads "not lego" much like
    "lego" (`refusing.wanted_text`). A turn that only refuses ("no lego", "nerf? nope") says
    nothing of what is wanted: it is left out, rather than encoded as "no" with the latest
    turn's weight. An age said in words is written in digits: "five" of "a five year old" is
    no name ("Five Way Engine Shed")."""
    turns = [said if LETTERS.search(said := without_chat(ages_in_digits(t))) else ages_in_digits(t) for t in turns]
    if not exclusions:
        return turns
    wanted = [wanted_text(t, exclusions) for t in turns]
    kept = [w for t, w in zip(turns, wanted) if query_tokens(w) or not query_tokens(t)]
    return kept or wanted


@dataclass
class ShopperState:
    """The one value passed along the pipeline's stages."""

    request: RecommendRequest
    facts: RequestFacts
    purchases: tuple[dict[str, Any], ...]
    signals: SessionSignals
    constraints: Constraints = field(default_factory=Constraints)
    query: torch.Tensor | None = None
    history: torch.Tensor | None = None  # per product, the history part of the score
    # The request says nothing about what is wanted ("surprise me"): the list comes from the
    # learned history model alone (set only when there is one for this customer).
    from_history: bool = False
    anchor: Product | None = None
    focus: Focus = field(default_factory=Focus)
    coverage: torch.Tensor | None = None  # per product, the share of the focus its names hold
    essential: torch.Tensor | None = None  # per product, holds all of the focus but describing words
    on_target: torch.Tensor | None = None  # per product, is what was named (`targeting.on_target`)
    facets: dict[str, Any] = field(default_factory=dict)  # recipient and colour asked, and whether applied
