"""What a customer's purchases say about the next one: the history part of the score, and the
past purchase a reason may cite.

When the store's orders trained a history model (`sequential.model`, `history_model` here
loads or trains it), the history part is its score. Without one (too few customers, or a
customer it does not know) it is the cosine with a recency-weighted mean of the purchases'
embeddings (oldest first), as before.
"""
from __future__ import annotations

import logging
import pickle
import time
from pathlib import Path
from typing import Any

import torch
from tqdm import tqdm

from recommender.catalog import Catalog
from recommender.config import Config
from recommender.encoder import Encoder
from recommender.index import build_vectors
from recommender.orders import OrdersError, OrdersReport, load_orders
from recommender.sequential.model import HistoryModel, artifact_key
from recommender.store import Store

log = logging.getLogger(__name__)

Purchases = tuple[dict[str, Any], ...]  # oldest first: product_id, title, category_path, purchased_at


class PurchaseHistory:
    """Purchase embeddings per customer, cached while their history is unchanged."""

    def __init__(self, config: Config, catalog: Catalog, encoder: Encoder, vectors: torch.Tensor) -> None:
        self.config, self.catalog, self.encoder, self.vectors = config, catalog, encoder, vectors
        self._cache: dict[tuple[str, int], torch.Tensor] = {}

    def purchase_vectors(self, customer_id: str, purchases: Purchases) -> torch.Tensor:
        """Embeddings of a customer's purchases."""
        key = (customer_id, len(purchases))
        if key not in self._cache:
            texts = [f"{p['title']}. {p.get('category_path', '').replace(' > ', ', ')}" for p in purchases]
            self._cache[key] = self.encoder.encode(texts)
        return self._cache[key]

    def vector(self, customer_id: str, purchases: Purchases) -> torch.Tensor:
        """Recency-weighted mean of the purchase embeddings: a purchase's weight halves every
        `history_half_life` purchases back."""
        vectors = self.purchase_vectors(customer_id, purchases)
        n, half = len(purchases), self.config.history_half_life
        w = torch.tensor([0.5 ** ((n - 1 - i) / half) for i in range(n)], device=vectors.device)
        v = (vectors * w.unsqueeze(1)).sum(0)
        return v / v.norm().clamp_min(1e-8)

    def related(self, index: int, customer_id: str, purchases: Purchases) -> dict[str, Any] | None:
        """The past purchase most similar to product `index`, when it is clearly related
        (cosine at least `related_purchase`), for a reason to cite."""
        if not purchases:
            return None
        pid = self.catalog.products[index].product_id
        sims = self.purchase_vectors(customer_id, purchases) @ self.vectors[index]
        for j in torch.argsort(sims, descending=True).tolist():
            if purchases[j]["product_id"] == pid:
                continue
            if float(sims[j]) < self.config.related_purchase:
                return None
            x = purchases[j]
            return {"product_id": x["product_id"], "title": x["title"], "purchased_at": x["purchased_at"]}
        return None

    def forget(self, who: str) -> None:
        """Drop what this process cached about `who`."""
        for key in [k for k in self._cache if k[0] == who]:
            del self._cache[key]


def import_orders(config: Config, catalog: Catalog, store: Store) -> OrdersReport | None:
    """Load `ORDERS` into the store (new lines only); None without one. A file that cannot be
    read is logged, and the service goes on with the orders it has."""
    if not config.orders_path:
        return None
    try:
        return load_orders(store, catalog, config.orders_path, config.orders_columns)
    except OrdersError as exc:
        log.error("orders not loaded: %s", exc)
        return None


def history_model(config: Config, catalog: Catalog, encoder: Encoder, store: Store,
                  progress: bool = False, retrain: bool = False) -> HistoryModel | None:
    """The history model for this catalog and the store's orders: the artifact under
    `history_dir` when one fits, else trained now (and saved); None when the orders are too few.

    Its products are encoded from `history_product_tokens` (cached per product like the
    catalog's vectors, under a source of their own)."""
    sequences = store.purchase_sequences()
    if not sequences:
        return None
    texts = encoder.with_budget(config.history_product_tokens)
    key = artifact_key(catalog, sequences, texts.key, config.history_max_items, config.history_seed)
    path = Path(config.history_dir) / f"{key}.pt"
    if path.is_file() and not retrain:
        try:
            loaded = HistoryModel.load(path, catalog)
            log.info("history model %s loaded: %d customers, %d products", path.name, loaded.customers,
                     len(loaded.product_ids))
            return loaded
        except (OSError, ValueError, RuntimeError, KeyError, EOFError, pickle.UnpicklingError) as exc:
            log.warning("history model %s unreadable (%s); training it again", path.name, exc)
    started = time.perf_counter()
    product_ids = HistoryModel.items(sequences, catalog, config.history_max_items)
    known = set(product_ids)
    repeat = sum(sum(p in known for p in seq) >= 2 for seq in sequences.values())
    if repeat < config.history_min_customers:  # before encoding anything (the demo store's six customers)
        log.info("history model: %d customers bought twice or more (%d needed); lists use the purchase "
                 "embeddings instead", repeat, config.history_min_customers)
        return None
    ordered = Catalog([p for pid in product_ids if (p := catalog.get(pid)) is not None], catalog.version,
                      f"{catalog.source}#history", [])
    item_vectors, _ = build_vectors(ordered, texts, config.cache_dir, config.batch_size, progress)
    with tqdm(total=5, desc="history model", disable=not progress) as bar:
        started_stage: list[str] = []

        def tick(stage: str) -> None:  # a stage starts: the one before it is done
            if started_stage:
                bar.update(1)
            started_stage.append(stage)
            bar.set_postfix_str(stage)

        model = HistoryModel.train(sequences, product_ids, item_vectors, catalog, key, tick=tick,
                                   seed=config.history_seed)
        bar.update(bar.total - bar.n)
    saved = model.save(Path(config.history_dir))
    log.info("history model trained on %d customers' %d purchases in %.0f s: %s", model.customers,
             model.purchases, time.perf_counter() - started, saved)
    return model
