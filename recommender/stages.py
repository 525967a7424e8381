"""The pipeline's stages before ranking, each filling in part of the `ShopperState`: who is asking
and what they said (`_state`), the hard constraints, what was named (`_target`), the recipient and
colour facets, the encoded request and history; and the trust policy that sets exploration."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
import torch

from recommender.ages import ages_in_digits, said_ages
from recommender.catalog import Catalog, Product
from recommender.clauses import said_liked, without_chat
from recommender.config import Config
from recommender.encoder import Encoder
from recommender.errors import BadRequest
from recommender.exclusions import KIND_AFTER_A_NAME
from recommender.facets import NEWBORN_AGES, hard_facets
from recommender.focus import find_focus, refusing_turn
from recommender.franchises import with_lines
from recommender.history import PurchaseHistory
from recommender.impressions import ShownList, item_at
from recommender.index import VectorIndex
from recommender.lexical import LexicalIndex, measures, piece_bounds, query_tokens, tokens, word_tokens
from recommender.parsing import RequestFacts, content_free, merge_facts
from recommender.ranker import CatalogArrays, Constraints, names_only
from recommender.refusals import RefusalReader, holders
from recommender.refusing import REFUSED_BY_PRONOUN, without_refusals
from recommender.sequential.model import HistoryModel
from recommender.shopper import RecommendRequest, ShopperState, wanted_turns
from recommender.store import Store
from recommender.targeting import Focus, coverage, essential, on_target
from recommender.words import phrase_pattern, phrase_words, stem


class RequestStages:
    """The stages of `Recommender` (which provides these attributes and `impression`)."""

    config: Config
    catalog: Catalog
    encoder: Encoder
    vectors: torch.Tensor
    index: VectorIndex
    lexical: LexicalIndex
    arrays: CatalogArrays
    store: Store
    history: PurchaseHistory
    history_model: HistoryModel | None
    refusals: RefusalReader | None
    cheap_ceiling: float | None
    currency: str
    rates: dict[str, float]
    impression: Callable[[str, str | None], ShownList]  # ListFollowUps.impression

    def _state(self, req: RecommendRequest) -> ShopperState:
        if not req.sender_id:
            raise BadRequest("sender_id is required")
        customer = self.store.customer(req.customer_id) if req.customer_id else None
        purchases = tuple(customer["purchases"]) if customer else ()
        return ShopperState(req, self.request_facts(req), purchases, self.store.session_signals(req.sender_id))

    def request_facts(self, req: RecommendRequest) -> RequestFacts:
        """What the conversation states (`merge_facts`), with the refusals the learned reader reads
        beside the rules' (`refusals`), and what a later turn refuses by a pronoun ("he's grown out of
        them") named before."""
        facts = merge_facts(list(req.messages), self.currency, self.rates)
        facts = self._learned_refusals(req, replace(facts, exclusions=self._pairs_read(facts.exclusions)))
        first = max(0, len(req.messages) - _PRONOUN_TURNS)
        for n, turn in enumerate(req.messages[first:], start=first):  # the latest few turns, and a few before each
            if (said := REFUSED_BY_PRONOUN.search(turn[:2000])) and not refusing_turn(turn, facts.exclusions):
                # (a turn that says what it refuses refuses nothing more: "way over pokemon so not that")
                # what was named before it, in the turn or earlier: "loves transformers", then "he's grown
                # out of them"; "folkmanis is gorgeous but too pricey, skip that brand"
                earlier_turns = list(req.messages[max(0, n - _PRONOUN_TURNS):n])
                before = [*earlier_turns, turn[:said.start()]] if turn[:said.start()].strip() else earlier_turns
                earlier = find_focus(before, self.lexical, facts.exclusions) if before else None
                if earlier is not None and earlier.phrase and not earlier.missing:
                    facts = _refusing(facts, (earlier.phrase.lower(),))
        return facts

    def _learned_refusals(self, req: RecommendRequest, facts: RequestFacts) -> RequestFacts:
        if self.refusals is None:
            return facts
        read, spans = self.refusals.refused_spans(req.messages, self.lexical)
        # the rules' phrase of three words or more says which of a thing is refused: "already got him
        # the Star Wars lightsaber" refuses the lightsaber, never all of Star Wars, where the reader's
        # span is inside it (one said apart stands: "Star Wars is so last year for him"; a phrase of
        # two may be two things run together, "nintendo things, mario pokemon etc", save a name the
        # shopper says is liked and a kind of it: "unicorn-mad ... enough unicorn soft toys" refuses
        # no unicorn, "no more pokemon cards" all of Pokemon)
        inside = [m.span() for e in facts.exclusions
                  if len(said := phrase_words(e)) >= 3
                  or len(said) == 2 and said[1].lower() in KIND_AFTER_A_NAME and said_liked(read, said[0])
                  for m in phrase_pattern(e).finditer(read)]
        learned = dict.fromkeys(s.text.lower() for s in spans if not any(a <= s.start and s.end <= b for a, b in inside))
        return _refusing(facts, tuple(learned))

    def wanted_turns(self, req: RecommendRequest) -> list[str]:
        """The turns as `recommend` encodes them (what they refuse left out), for callers that
        batch the encodings."""
        return wanted_turns(req.turns(), self.request_facts(req).exclusions)

    def _policy(self, req: RecommendRequest) -> dict[str, float]:
        """How much to explore, from how far this shopper trusts the picks so far.

        Acceptance is a Beta posterior (uniform prior, so 0.5 with no feedback). A shopper who
        rejects a lot gets safer, closer picks (less exploration, less diversity); a trusting
        one sees more things they have not been shown.
        """
        who = req.customer_id or req.sender_id
        trust = self.store.acceptance_mean(who)
        low, high = self.config.mmr_bounds
        return {
            "trust": round(trust, 3),
            "exploration_weight": round(self.config.weights.exploration * 2 * trust, 4),
            "mmr_lambda": round(min(high, max(low, self.config.mmr_lambda + self.config.mmr_trust_slope * (0.5 - trust))), 3),
        }

    def _constrain(self, state: ShopperState) -> None:
        facts, signals, refine = state.facts, state.signals, state.request.refine
        budget_max = facts.budget_max
        if facts.cheap and budget_max is None:
            budget_max = self.cheap_ceiling
        exclude_ids = set(signals.rejected)
        # Owning one already makes another copy a poor suggestion for these catalogs.
        exclude_ids.update(p["product_id"] for p in state.purchases)
        exclude_brands: tuple[str, ...] = ()
        if refine is not None:
            previous = self.impression(refine.recommendation_id, state.request.sender_id)
            exclude_ids.update(it.product_id for it in previous.items)
            if refine.op == "different_brand":
                exclude_brands = tuple({it.brand for it in previous.items if it.brand})
            elif refine.op == "more_like":
                item = item_at(previous, refine.position)
                state.anchor = self.catalog.get(item.product_id)
        terms = self._spelled_exclusions(facts.exclusions)
        # the listing's text is read for the thing as said, never for the names of its lines, which
        # descriptions use in other senses ("no disney" and "frozen yogurt", "no screens" and "color tablets")
        said = tuple(t for t in terms if not names_only(t))
        state.constraints = Constraints(
            budget_min=facts.budget_min, budget_max=budget_max, price_below=signals.price_ceiling,
            exclude_terms=terms, exclude_said=said, exclude_brands=exclude_brands,
            exclude_ids=tuple(sorted(exclude_ids)), age=facts.age,
            ages=None if facts.age is not None else (said_ages(" \n ".join(state.request.turns()))
                                                     or (NEWBORN_AGES if facts.recipient and facts.recipient.newborn else None)),
            by_pieces=not any(unit == "piece" for turn in state.request.turns() for _, unit in measures(turn)),
            pieces=piece_bounds(state.request.turns()), neutral=facts.neutral)

    def _pairs_read(self, exclusions: tuple[str, ...]) -> tuple[str, ...]:
        """Two words said owned together ("already owns Clank! and Firefly so not those": "clank &
        firefly", `exclusions._have_parts`) are two things where no product's names hold both, and
        one name where some do ("melissa & doug")."""
        if not any(" & " in term for term in exclusions):
            return exclusions
        holding = holders(self.lexical)
        out = []
        for term in exclusions:
            first, joined, second = term.partition(" & ")
            out += [first, second] if joined and not len(holding([first, second])) else [term]
        return tuple(dict.fromkeys(out))

    def _spelled_exclusions(self, exclusions: tuple[str, ...]) -> tuple[str, ...]:
        """The exclusions, and for one whose word no name holds, the catalog's spelling of it
        too ("nothing with princesess" leaves out princesses): a misspelt limit still holds."""
        out = list(exclusions)
        for term in exclusions:
            if len(with_lines(term)) > 1:
                continue  # a word the project knows ("no screens": tablets, consoles; never "screws")
            words = term.split()
            fixed = [w if not (w.isalpha() and len(w) >= 4) or any(self.lexical.name_df(t) for t in word_tokens(w))
                     else (self.lexical.closest_name(w) or self.lexical.closest_beside(w, words[:i] + words[i + 1:]) or w)
                     for i, w in enumerate(words)]  # "k2" is written as it is
            if fixed != words:
                out.append(" ".join(fixed))
        return tuple(dict.fromkeys(out))

    def _facets(self, state: ShopperState) -> None:
        """The recipient and colour as hard constraints where they can hold. A recipient holds
        whenever some product fits it and the rest of the constraints: "a witch costume for my
        son" where the one witch costume is for girls lists boys' costumes, never that one. A
        colour holds when something named comes in it (on target, or else missing only a
        describing word); "a green party dress for my daughter" where no girls' dress is green
        is relaxed, and said."""
        base, facts = state.constraints, state.facts
        if not (facts.recipient and self.arrays.audience) and not (facts.colours and self.arrays.colour):
            state.facets = {"note": None}  # nothing to decide: no mask on the hot path
            return
        fitting = self.arrays.mask(base, self.catalog)  # once; each facet tried is a cheap AND on it

        def fits(groups: tuple[str, ...], hues: tuple[str, ...]) -> bool:
            pool = fitting
            if hues and state.essential is not None and bool((fitting & state.essential).any()):
                pool = fitting & state.essential  # a colour: something named (on target is essential too)
            return bool((pool & self.arrays.facet_mask(groups, hues)).any())

        audience, colours, state.facets = hard_facets(
            facts.recipient, facts.age, facts.colours, has_audience=bool(self.arrays.audience),
            has_colour=bool(self.arrays.colour), fits=fits)
        state.constraints = replace(base, audience=audience, colours=colours)

    def _target(self, state: ShopperState) -> None:
        """What the shopper named (`focus`, `targeting`), and how much of it each product holds."""
        if self.config.retrieval != "hybrid" or state.anchor is not None or state.from_history:
            return  # "more like #2" is about that product, not the words of the first request
        focus = find_focus(state.request.turns(), self.lexical, state.facts.exclusions)
        covered = coverage(focus, self.lexical) if focus else None
        if covered is not None and self._inside_exclusions(state, focus, covered):
            focus, covered = Focus(), None  # "no melissa and doug": "doug" names only what was excluded
        state.focus = focus
        if covered is not None:
            state.coverage = torch.from_numpy(covered).to(self.encoder.device)
            state.essential = torch.from_numpy(essential(state.focus, self.lexical)).to(self.encoder.device)
            state.on_target = torch.from_numpy(on_target(state.focus, self.lexical)).to(self.encoder.device)

    def _inside_exclusions(self, state: ShopperState, focus: Focus, covered: np.ndarray) -> bool:
        """True when every product that holds a word of `focus` (`covered`, its coverage) is one
        the shopper excluded: what was read as named is part of the thing refused ("no melissa
        and doug" leaves "doug", which only Melissa & Doug's names hold), so it names nothing."""
        terms = state.constraints.exclude_terms
        if not terms or focus.in_listings:
            return False
        named = covered > 0
        if not named.any():
            return False
        kept = self.arrays.mask(Constraints(exclude_terms=terms, in_stock_only=False), self.catalog).cpu().numpy()
        return not (named & kept).any()

    @staticmethod
    def _named(state: ShopperState, fits: torch.Tensor) -> torch.Tensor:
        """`fits` narrowed to what was named: the products on target when any fits, else those
        that miss only describing words (close alternatives), else `fits` as it is."""
        for named in (state.on_target, state.essential):
            if named is not None and bool((fits & named).any()):
                return fits & named
        return fits

    def _encode(self, state: ShopperState, turn_vectors: torch.Tensor | None = None) -> None:
        # the same as `wanted_turns`, from the exclusions already read
        turns = wanted_turns(state.request.turns(), state.facts.exclusions)
        if turns:
            vectors = self.encoder.encode(turns) if turn_vectors is None else turn_vectors.to(self.vectors.device)
            # The latest turn says most about what is wanted now; earlier ones halve per turn back.
            weights = torch.tensor([0.5 ** (len(turns) - 1 - i) for i in range(len(turns))],
                                   device=vectors.device).unsqueeze(1)
            query = (vectors * weights).sum(0)
            state.query = query / query.norm().clamp_min(1e-8)
        if state.anchor is not None:
            i = self.catalog.index_of(state.anchor.product_id)
            anchor = self.vectors[i]
            share = self.config.more_like_anchor
            query = anchor if state.query is None else share * anchor + (1 - share) * state.query
            state.query = query / query.norm().clamp_min(1e-8)
        if state.purchases:
            learned = None
            if self.history_model is not None:
                learned = self.history_model.scores([p["product_id"] for p in state.purchases])
            if learned is not None:
                state.history = learned.to(self.encoder.device)
                state.from_history = state.anchor is None and content_free(state.facts)
            else:
                vector = self.history.vector(state.request.customer_id or "", state.purchases)
                state.history = self._similarities(vector)

    def _lexical(self, state: ShopperState) -> torch.Tensor:
        """BM25 of the request's words (its chat and the exclusions left out) over the listings, best 1."""
        excluded = {t for e in state.facts.exclusions for t in tokens(e)}
        words = [t for turn in state.request.turns() for t in query_tokens(without_refusals(without_chat(ages_in_digits(turn))), excluded)]
        return torch.from_numpy(self.lexical.scores(words)).to(self.encoder.device)

    def _zeros(self) -> torch.Tensor:
        return torch.zeros(len(self.catalog), device=self.encoder.device)

    def _similarities(self, query: torch.Tensor | None) -> torch.Tensor:
        """Cosine of `query` with every product: exact below the ANN threshold; above it, the
        ANN index's top candidates get their cosine and the rest count as unrelated (-1)."""
        n = len(self.catalog)
        if query is None:
            return torch.zeros(n, device=self.encoder.device)
        return self.index.similarities(query, min(n, self.config.ann_candidates)).to(self.encoder.device)

    def _cheapest(self, state: ShopperState) -> dict[str, Any] | None:
        """When a price limit left nothing: the cheapest product that fits everything else
        (what was named included), so the shopper learns what the budget would have to be."""
        c = state.constraints
        if c.budget_max is None and c.price_below is None:
            return None
        fits = self.arrays.mask(replace(c, budget_max=None, price_below=None), self.catalog)
        fits &= ~torch.isnan(self.arrays.price)
        if state.essential is not None and not bool((fits & state.essential).any()):
            return None  # nothing named fits but for the price: no unrelated product is "the cheapest"
        fits = self._named(state, fits)
        if not bool(fits.any()):
            return None
        i = int(torch.where(fits, self.arrays.price, torch.inf).argmin())
        p: Product = self.catalog.products[i]
        return {"product_id": p.product_id, "title": p.title, "price": p.price,
                "named": state.focus.phrase if state.essential is not None else None}  # what was named, when anything was


_PRONOUN_TURNS = 3  # the turns read for a refusal by a pronoun, and the turns before each read for what it means


def _refusing(facts: RequestFacts, refused: tuple[str, ...]) -> RequestFacts:
    """`facts` with `refused` among its exclusions, their words no longer keywords."""
    if not (added := tuple(e for e in refused if e not in facts.exclusions)):
        return facts
    words = {stem(w) for e in added for w in e.split()}
    return replace(facts, exclusions=facts.exclusions + added, keywords=tuple(k for k in facts.keywords if k not in words))
