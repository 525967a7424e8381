"""The recommendation pipeline: state -> encode -> constrain -> rank -> diversify -> reasons -> log."""
from __future__ import annotations

import copy
import logging
import statistics
import time
from collections import Counter
from dataclasses import replace

import torch

from recommender.api import ItemPayload, RecommendationPayload, RecommendResponse
from recommender.catalog import Catalog, Product, load_catalog
from recommender.clarify import clarifying_question
from recommender.config import Config
from recommender.encoder import Encoder, load_encoder
from recommender.facets import BABY_WORDS, INFANCY_PAST, SCHOOL_AGE
from recommender.followups import ListFollowUps
from recommender.history import PurchaseHistory, history_model, import_orders
from recommender.impressions import ShownItem
from recommender.index import VectorIndex, build_vectors, make_index
from recommender.lexical import LexicalIndex, word_tokens
from recommender.lexical_cache import cached_lexical
from recommender.money import parse_rates, round_up
from recommender.parsing import ignored_entry
from recommender.qa import Answerer
from recommender.ranker import CatalogArrays, Ranked, rank, score_parts
from recommender.reasons import Context, build_reasons
from recommender.refusals import RefusalReader
from recommender.rephrase import VerifiedRephrasing, make_rephraser
from recommender.score_inputs import StoreSignals
from recommender.sequential.model import HistoryModel
from recommender.shopper import RecommendRequest, Refine, ShopperState
from recommender.stages import RequestStages
from recommender.store import Store
from recommender.targeting import FLOOR, close_to_target, match_summary

__all__ = ["RecommendRequest", "Recommender", "Refine"]  # the request types live in `shopper`

log = logging.getLogger(__name__)

_SMALL_STEMS = frozenset(t for w in BABY_WORDS for t in word_tokens(w))  # a focus's terms that name the small ("baby doll")
_CHEAP_QUANTILE = 0.33  # "cheap" with no number: the cheapest third of the catalog's prices


class Recommender(ListFollowUps, RequestStages):
    """Owns the catalog, the model, the product vectors and the store; one per process."""

    def __init__(self, config: Config, catalog: Catalog, encoder: Encoder, vectors: torch.Tensor,
                 store: Store, lexical: LexicalIndex | None = None,
                 reword: VerifiedRephrasing | None = None, history_model: HistoryModel | None = None,
                 refusals: RefusalReader | None = None) -> None:
        self.config = config
        self.catalog = catalog
        self.encoder = encoder
        self.vectors = vectors
        self.index: VectorIndex = make_index(vectors, config.ann_threshold)
        self.lexical = lexical if lexical is not None else LexicalIndex.build(catalog)
        if (vocabulary := encoder.vocabulary()) != self.lexical.known_words:  # a copy: the index may be shared
            self.lexical = copy.copy(self.lexical)
            self.lexical.known_words = vocabulary
        self.arrays = CatalogArrays.build(catalog, encoder.device)
        self.store = store
        self.history_model = history_model
        self.refusals = refusals  # the learned reader of refusals, beside the rules; None: the rules alone
        # model, precision, token budget, catalog; the history model's artifact and the refusal
        # reader when there is one
        self.model_version = f"{encoder.key}@{catalog.version}" + (
            f"+history@{history_model.key}" if history_model is not None else "") + (
            f"+refusals@{refusals.key}" if refusals is not None else "")
        prices = sorted(p.price for p in catalog.products if p.price is not None)
        self.cheap_ceiling = prices[int(len(prices) * _CHEAP_QUANTILE)] if prices else None
        # The store's currency: what its products are priced in (budgets are read in it).
        currencies = Counter(p.currency for p in catalog.products if p.price is not None)
        self.currency = currencies.most_common(1)[0][0] if currencies else config.default_currency
        self.rates = parse_rates(config.exchange_rates)  # a budget in another currency is read through these
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
        engine = cls(config, catalog, encoder, vectors, store, lexical, reword=reword, history_model=model,
                     refusals=RefusalReader.load(config, encoder.device))
        return engine, {"encoded": built.encoded, "reused": built.reused, "tokenized": words.tokenized}

    # --- the pipeline --------------------------------------------------------------------
    def recommend(self, req: RecommendRequest, turn_vectors: torch.Tensor | None = None) -> RecommendResponse:
        """A new list for the shopper; returns the payload plus the constraints applied.

        `turn_vectors` are the encodings of `self.wanted_turns(req)` when the caller batched them.
        """
        state = self._state(req)
        self._constrain(state)
        self._encode(state, turn_vectors)
        self._target(state)
        self._facets(state)
        policy = self._policy(req)
        k = req.k or self.config.top_k
        items = self._shown_items(state, self._rank(state, policy, k))
        request_text = "\n".join(req.messages)
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

    def _rank(self, state: ShopperState, policy: dict[str, float], k: int) -> list[Ranked]:
        """The score parts weighed, the hard constraints and what was named applied, the best `k`."""
        req, retrieval = state.request, self.config.retrieval
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
        if state.facts.floor_guessed and state.essential is not None and not bool((mask & state.essential).any()):
            # "a funny gag gift, about $30": the floor is a guess, no limit said; what was named
            # under it is listed rather than nothing (the ceiling holds), and the constraints
            # applied say so
            unfloored = replace(state.constraints, budget_min=None)
            if bool(((below := self.arrays.mask(unfloored, self.catalog)) & state.essential).any()):
                state.constraints, mask = unfloored, below
        tier = None
        if state.coverage is not None and state.essential is not None:
            # What was named, when the catalog holds any of it within the hard constraints: the
            # products on target, then, while they are fewer than the list holds, those that are
            # it but for a word of how it is, labelled close alternatives ("a cuddly stuffed
            # animal": one says "cuddly", other stuffed animals follow it; a hand puppet never
            # follows finger puppets); when none is on target, products that miss only a
            # describing word; when none is even that, the closest partial matches above the
            # floor. The fuller matches rank first.
            # A thing no product is called, that none of what fits mentions, leaves the list as
            # the rest of the request makes it ("a doll" in a shop whose one mention is over budget;
            # "anime stuff" where no product's names hold "anime": the encoder's anime figures).
            fits, named = mask, self._named(state, mask)
            if bool((named & state.essential).any()):
                mask = named
                if int(named.sum()) < k:  # short: what is it but for how it is said to be follows
                    close = torch.from_numpy(close_to_target(state.focus, self.lexical)).to(named.device)
                    mask = named | (fits & state.essential & close)
            elif not state.focus.in_listings and bool((state.coverage > 0).any()):
                held = state.coverage >= FLOOR
                if bool((mask & held).any()) or self._priced_out(state, held):
                    mask = mask & held  # none when only the price rules it out: the cheapest is said
                # When nothing holds even most of it within the limits but the price, the list is
                # what the rest of the request makes it, the partial matches first, and the note
                # says nothing matches: an empty list would refuse what the shopper never refused.
            tier = state.coverage
        # Whom it is for: where anything else fits, no product whose title calls someone else ("PRINZ
        # Man Money Bank" for a granddaughter, "Who's That Girl Dress up Trunk" for a nephew, "Kid
        # Galaxy" bumper cars for a husband): a shorter list rather than one for someone else.
        others = self.arrays.calling_others(state.constraints.audience)
        if others is not None and bool((mask & ~others).any()):
            mask = mask & ~others
        # ... and for a child past the baby shelf by the age said, or a grown-up, nothing from it
        # while anything else fits: a shorter list rather than a toddler's toy for a
        # fourteen-year-old (a son of no age said may be a baby; a baby in the first year is
        # called one: a niece of no age said gets no teether, nor a rattle "for Newborns")
        audience, span = state.constraints.audience, state.constraints.age_span
        past = span[0] >= SCHOOL_AGE if span is not None else bool(audience) and set(audience) <= {"men", "women"}
        past_infancy = span[0] >= INFANCY_PAST if span is not None else bool(audience) and "baby" not in audience
        outgrown = (self.arrays.on_shelf_outgrown(audience) if past else  # a two-year-old is past "for Newborns"
                    self.arrays.infant_titles if past_infancy else None)
        if outgrown is not None and state.on_target is not None:
            asked = mask & state.on_target
            if not bool((asked & ~outgrown).any()) or _SMALL_STEMS & set(state.focus.terms):
                # what was named is only on the shelf ("a growth chart"), or is named by a baby
                # word ("a baby doll for my 6 year old"): it stays, nothing else from the shelf
                outgrown = outgrown & ~asked
        if outgrown is not None and bool((mask & ~outgrown).any()):
            mask = mask & ~outgrown
        weights = replace(self.config.weights, exploration=policy["exploration_weight"])
        if retrieval == "lexical":  # the semantic part is zeros already
            weights = replace(weights, lexical=1.0)
        if state.from_history:  # the learned history part is the relevance; the rest break ties
            weights = replace(weights, semantic=0.0, lexical=0.0, history=1.0)
        mmr = self.config.history_mmr_lambda if state.from_history else policy["mmr_lambda"]
        same = self.config.history_near_duplicate if state.from_history else self.config.near_duplicate
        return rank(parts, weights, mask, self.vectors, k, mmr, same, tier=tier, listing=self.arrays.listing)

    def _priced_out(self, state: ShopperState, held: torch.Tensor) -> bool:
        """True when some product in `held` fits every limit but the price ("a cashmere jumper
        under 20 euros": the list is empty and the reply names the cheapest, `_cheapest`)."""
        c = state.constraints
        if c.budget_max is None and c.budget_min is None and c.price_below is None:
            return False
        unpriced = replace(c, budget_max=None, budget_min=None, price_below=None)
        return bool((self.arrays.mask(unpriced, self.catalog) & held).any())

    def _shown_items(self, state: ShopperState, ranked: list[Ranked]) -> list[ShownItem]:
        """The ranked products as shown: each with its verified reasons and what they rest on."""
        req = state.request
        ctx = Context(request_text="\n".join(req.messages), facts=state.facts, purchases=state.purchases,
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
                on = state.on_target is not None and bool(state.on_target[r.index])
                target = {"named": state.focus.phrase, "on_target": on,
                          "coverage": round(float(state.coverage[r.index]), 3)}
            items.append(ShownItem(
                position=position, product_id=p.product_id, title=p.title, price=p.price, brand=p.brand,
                category_path=p.category_path, score=round(r.score, 4), score_parts=r.parts,
                reasons=[x.text for x in reasons],
                evidence={"claims": [c.stored() for x in reasons for c in x.claims],
                          "reasons": [{"text": x.text, "claims": [c.stored() for c in x.claims]} for x in reasons],
                          "related_purchase": related, "target": target},
            ))
        return items

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

