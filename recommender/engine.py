"""The recommendation pipeline: state -> encode -> constrain -> rank -> diversify -> reasons -> log."""
from __future__ import annotations

import logging
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

import torch

from recommender.api import (
    ItemPayload,
    RecommendationPayload,
    RecommendResponse,
    RefineOp,
)
from recommender.catalog import Catalog, Product, load_catalog
from recommender.clarify import clarifying_question
from recommender.config import Config
from recommender.encoder import Encoder, load_encoder
from recommender.errors import BadRequest
from recommender.facets import hard_facets
from recommender.followups import ListFollowUps
from recommender.history import PurchaseHistory, history_model, import_orders
from recommender.impressions import ShownItem, item_at
from recommender.index import VectorIndex, build_vectors, make_index
from recommender.lexical import LexicalIndex, query_tokens, tokens
from recommender.lexical_cache import cached_lexical
from recommender.money import round_up
from recommender.parsing import RequestFacts, content_free, ignored_entry, merge_facts
from recommender.qa import Answerer
from recommender.ranker import CatalogArrays, Constraints, rank, score_parts
from recommender.reasons import Context, build_reasons
from recommender.rephrase import VerifiedRephrasing, make_rephraser
from recommender.score_inputs import StoreSignals
from recommender.sequential.model import HistoryModel
from recommender.store import SessionSignals, Store
from recommender.targeting import FLOOR, Focus, coverage, essential, find_focus, match_summary

log = logging.getLogger(__name__)

_CHEAP_QUANTILE = 0.33  # "cheap" with no number: the cheapest third of the catalog's prices


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
    facets: dict[str, Any] = field(default_factory=dict)  # recipient and colour asked, and whether applied


class Recommender(ListFollowUps):
    """Owns the catalog, the model, the product vectors and the store; one per process."""

    def __init__(self, config: Config, catalog: Catalog, encoder: Encoder, vectors: torch.Tensor,
                 store: Store, lexical: LexicalIndex | None = None,
                 reword: VerifiedRephrasing | None = None, history_model: HistoryModel | None = None) -> None:
        self.config = config
        self.catalog = catalog
        self.encoder = encoder
        self.vectors = vectors
        self.index: VectorIndex = make_index(vectors, config.ann_threshold)
        self.lexical = lexical if lexical is not None else LexicalIndex.build(catalog)
        self.arrays = CatalogArrays.build(catalog, encoder.device)
        self.store = store
        self.history_model = history_model
        # model, precision, token budget, catalog; and the history model's artifact when there is one
        self.model_version = f"{encoder.key}@{catalog.version}" + (
            f"+history@{history_model.key}" if history_model is not None else "")
        prices = sorted(p.price for p in catalog.products if p.price is not None)
        self.cheap_ceiling = prices[int(len(prices) * _CHEAP_QUANTILE)] if prices else None
        # The store's currency: what its products are priced in (budgets are read in it).
        currencies = Counter(p.currency for p in catalog.products if p.price is not None)
        self.currency = currencies.most_common(1)[0][0] if currencies else config.default_currency
        self.example_budget = round_up(statistics.median(prices)) if prices else 30.0  # "under $30", "under ₹2,000"
        self.store_signals = StoreSignals(config, catalog, store, self.arrays, encoder.device)
        self.history = PurchaseHistory(config, catalog, encoder, vectors)
        self.reword = reword or VerifiedRephrasing(make_rephraser(config.rephrase_model, encoder.device))
        self.answerer = Answerer(encoder.encode)

    @classmethod
    def load(cls, config: Config, progress: bool = False) -> Recommender:
        """Load everything heavy once: catalog, model, cached vectors, database."""
        started = time.perf_counter()
        catalog = load_catalog(config.catalog_path, config.catalog_columns, config.default_currency)
        store = Store.from_url(config.database_url)
        store.load_customers(config.customers_path)
        engine, _ = cls.on_catalog(config, catalog, load_encoder(config), store, progress=progress)
        log.info("recommender ready: %d products, %s, %.1fs", len(catalog), engine.encoder.device,
                 time.perf_counter() - started)
        return engine

    @classmethod
    def on_catalog(cls, config: Config, catalog: Catalog, encoder: Encoder, store: Store,
                   reword: VerifiedRephrasing | None = None,
                   progress: bool = False) -> tuple[Recommender, dict[str, int]]:
        """An engine on `catalog` from the per-product caches (start-up, a reload, bench index),
        and what that took: products encoded and reused, products tokenized. The store's orders
        (`ORDERS`) are loaded first and the history model loaded or trained on them."""
        vectors, built = build_vectors(catalog, encoder, config.cache_dir, config.batch_size, progress)
        lexical, words = cached_lexical(catalog, config.cache_dir)
        import_orders(config, catalog, store)  # new lines only; a product the catalog now holds is picked up
        model = history_model(config, catalog, encoder, store, progress=progress)
        engine = cls(config, catalog, encoder, vectors, store, lexical, reword=reword, history_model=model)
        return engine, {"encoded": built.encoded, "reused": built.reused, "tokenized": words.tokenized}

    # --- the pipeline --------------------------------------------------------------------
    @staticmethod
    def turns_to_encode(req: RecommendRequest) -> list[str]:
        """The texts `recommend` encodes, so a caller can encode them in a shared batch."""
        return [t for t in req.messages if t.strip()]

    def recommend(self, req: RecommendRequest, turn_vectors: torch.Tensor | None = None) -> RecommendResponse:
        """A new list for the shopper; returns the payload plus the constraints applied.

        `turn_vectors` are the encodings of `turns_to_encode(req)` when the caller batched them.
        """
        state = self._state(req)
        self._constrain(state)
        self._encode(state, turn_vectors)
        self._target(state)
        self._facets(state)
        retrieval = self.config.retrieval
        request = not state.from_history  # a request with content: its match ranks first
        parts = score_parts(
            semantic=self._similarities(state.query) if retrieval != "lexical" and request else self._zeros(),
            lexical=self._lexical(state) if retrieval != "dense" and request else None,
            history=state.history,
            popularity=self.store_signals.popularity(),
            arrays=self.arrays, constraints=state.constraints,
            feedback=self.store_signals.feedback(req.customer_id),
            unseen=self.store_signals.unseen(state.signals.shown),
        )
        mask = self.arrays.mask(state.constraints, self.catalog)
        tier = None
        if state.coverage is not None and state.essential is not None:
            # What was named, when the catalog holds any of it within the hard constraints
            # (a shorter list rather than padding), on-target products first (the tier), then
            # products that miss only a describing word ("a costume" for "a halloween costume");
            # when none is even that, the closest partial matches above the floor.
            near = mask & state.essential  # on target implies essential
            mask = near if bool(near.any()) else mask & (state.coverage >= FLOOR)
            tier = state.coverage
        k = req.k or self.config.top_k
        policy = self._policy(req)
        weights = replace(self.config.weights, exploration=policy["exploration_weight"])
        if retrieval == "lexical":  # the semantic part is zeros already
            weights = replace(weights, lexical=1.0)
        if state.from_history:  # the learned history part is the relevance; the rest break ties
            weights = replace(weights, semantic=0.0, lexical=0.0, history=1.0)
        mmr = self.config.history_mmr_lambda if state.from_history else policy["mmr_lambda"]
        same = self.config.history_near_duplicate if state.from_history else self.config.near_duplicate
        ranked = rank(parts, weights, mask, self.vectors, k, mmr, same,
                      tier=tier)
        request_text = "\n".join(req.messages)
        ctx = Context(request_text=request_text, facts=state.facts, purchases=state.purchases,
                      bought_next=self.history_model.bought_next if self.history_model is not None else None,
                      price_ceiling=state.constraints.price_below,
                      cheap_ceiling=self.cheap_ceiling if state.facts.cheap and state.facts.budget_max is None else None)
        items: list[ShownItem] = []
        used: set[str] = set()
        salt = f"{req.sender_id}:{len(state.signals.shown)}"
        for position, r in enumerate(ranked, start=1):
            p = self.catalog.products[r.index]
            related = self.history.related(r.index, req.customer_id or "", state.purchases)
            reasons = build_reasons(p, replace(ctx, rank=position), related, salt, used, reword=self.reword)
            target = None
            if state.coverage is not None:
                target = {"named": state.focus.phrase, "on_target": bool(state.coverage[r.index] >= 1.0),
                          "coverage": round(float(state.coverage[r.index]), 3)}
            items.append(ShownItem(
                position=position, product_id=p.product_id, title=p.title, price=p.price, brand=p.brand,
                category_path=p.category_path, score=round(r.score, 4), score_parts=r.parts,
                reasons=[x.text for x in reasons],
                evidence={"claims": [c.stored() for x in reasons for c in x.claims],
                          "reasons": [{"text": x.text, "claims": [c.stored() for c in x.claims]} for x in reasons],
                          "related_purchase": related, "target": target},
            ))
        constraints = state.constraints.to_dict()
        rec_id = self.store.save_impression(
            sender_id=req.sender_id, customer_id=req.customer_id, request_text=request_text,
            constraints=constraints, model_version=self.model_version, items=items)
        payload: RecommendationPayload = {
            "type": "recommendations", "recommendation_id": rec_id,
            "items": [self._item_payload(it) for it in items],
        }
        return {"recommendation": payload, "constraints": constraints, "policy": policy,
                "match": match_summary(state.focus, items, k), "facets": state.facets,
                "cheapest": None if items else self._cheapest(state),
                "question": None if req.refine is not None else clarifying_question(
                    state.facts, req.messages, bool(state.purchases), items, self.currency),
                "notes": state.facts.notes,  # in words; `ignored` is the same for programs
                "currency": self.currency, "example_budget": self.example_budget,
                "ignored": [ignored_entry(what, amount) for what, amount in state.facts.ignored],
                # "more like this": the item the list is like, so saying so needs no /v1/explain
                # (which would record an "asked why" the shopper never said)
                "anchor": None if state.anchor is None else {"product_id": state.anchor.product_id,
                                                               "title": state.anchor.title}}

    def _cheapest(self, state: ShopperState) -> dict[str, Any] | None:
        """When a price limit left nothing: the cheapest product that fits everything else
        (what was named included), so the shopper learns what the budget would have to be."""
        c = state.constraints
        if c.budget_max is None and c.price_below is None:
            return None
        fits = self.arrays.mask(replace(c, budget_max=None, price_below=None), self.catalog)
        fits &= ~torch.isnan(self.arrays.price)
        if state.essential is not None and bool((fits & state.essential).any()):
            fits &= state.essential
        if not bool(fits.any()):
            return None
        i = int(torch.where(fits, self.arrays.price, torch.inf).argmin())
        p = self.catalog.products[i]
        return {"product_id": p.product_id, "title": p.title, "price": p.price,
                "named": state.focus.phrase if state.essential is not None and bool(state.essential[i]) else None}

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

    def _state(self, req: RecommendRequest) -> ShopperState:
        if not req.sender_id:
            raise BadRequest("sender_id is required")
        customer = self.store.customer(req.customer_id) if req.customer_id else None
        purchases = tuple(customer["purchases"]) if customer else ()
        facts = merge_facts(list(req.messages), self.currency)
        return ShopperState(req, facts, purchases, self.store.session_signals(req.sender_id))

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
        state.constraints = Constraints(
            budget_min=facts.budget_min, budget_max=budget_max, price_below=signals.price_ceiling,
            exclude_terms=facts.exclusions, exclude_brands=exclude_brands,
            exclude_ids=tuple(sorted(exclude_ids)), age=facts.age)

    def _facets(self, state: ShopperState) -> None:
        """The recipient and colour as hard constraints where they can hold: some product fits
        them and the rest of the constraints, and when any named product fits the rest, one of
        those ("a beanie for my son" where every beanie is unisex is relaxed, and said)."""
        base, facts = state.constraints, state.facts
        if not (facts.recipient and self.arrays.audience) and not (facts.colours and self.arrays.colour):
            state.facets = {"note": None}  # nothing to decide: no mask on the hot path
            return
        fitting = self.arrays.mask(base, self.catalog)  # once; each facet tried is a cheap AND on it
        if state.essential is not None and bool((fitting & state.essential).any()):
            fitting = fitting & state.essential  # something named fits: the facets must keep one

        def fits(groups: tuple[str, ...], hues: tuple[str, ...]) -> bool:
            return bool((fitting & self.arrays.facet_mask(groups, hues)).any())

        audience, colours, state.facets = hard_facets(
            facts.recipient, facts.age, facts.colours, has_audience=bool(self.arrays.audience),
            has_colour=bool(self.arrays.colour), fits=fits)
        state.constraints = replace(base, audience=audience, colours=colours)

    def _target(self, state: ShopperState) -> None:
        """What the shopper named (`targeting`), and how much of it each product holds."""
        if self.config.retrieval != "hybrid" or state.anchor is not None or state.from_history:
            return  # "more like #2" is about that product, not the words of the first request
        state.focus = find_focus(self.turns_to_encode(state.request), self.lexical, state.facts.exclusions)
        if state.focus:
            state.coverage = torch.from_numpy(coverage(state.focus, self.lexical)).to(self.encoder.device)
            state.essential = torch.from_numpy(essential(state.focus, self.lexical)).to(self.encoder.device)

    def _lexical(self, state: ShopperState) -> torch.Tensor:
        """BM25 of the request's words (the exclusions left out) over the listings, best 1."""
        excluded = {t for e in state.facts.exclusions for t in tokens(e)}
        words = [t for turn in self.turns_to_encode(state.request) for t in query_tokens(turn, excluded)]
        return torch.from_numpy(self.lexical.scores(words)).to(self.encoder.device)

    def _zeros(self) -> torch.Tensor:
        return torch.zeros(len(self.catalog), device=self.encoder.device)

    def _encode(self, state: ShopperState, turn_vectors: torch.Tensor | None = None) -> None:
        turns = self.turns_to_encode(state.request)
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

    def _similarities(self, query: torch.Tensor | None) -> torch.Tensor:
        """Cosine of `query` with every product: exact below the ANN threshold; above it, the
        ANN index's top candidates get their cosine and the rest count as unrelated (-1)."""
        n = len(self.catalog)
        if query is None:
            return torch.zeros(n, device=self.encoder.device)
        return self.index.similarities(query, min(n, self.config.ann_candidates)).to(self.encoder.device)

    def _item_payload(self, item: ShownItem) -> ItemPayload:
        product = self.catalog.get(item.product_id)
        payload: ItemPayload = {
            "product_id": item.product_id, "title": item.title, "price": item.price,
            "currency": product.currency if product else self.config.default_currency,
            "category": item.category_path, "image_url": product.image_url if product else None,
            "reasons": item.reasons, "score": item.score,
        }
        if product and product.audience:
            payload["audience"] = product.audience
        if product and product.colour:
            payload["colour"] = product.colour
        return payload

    def forget(self, who: str) -> dict[str, int]:
        """Delete everything stored about `who` and drop what this process cached about them."""
        deleted = self.store.forget(who)
        self.history.forget(who)
        return deleted

    def search(self, q: str, limit: int) -> list[Product]:
        """Products for the storefront grid: semantic search, or catalog order without `q`."""
        if not q.strip():
            return self.catalog.products[:limit]
        _, idx = self.index.search(self.encoder.encode([q[:500]])[0], limit)
        return [self.catalog.products[i] for i in idx.tolist()]

