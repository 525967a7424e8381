"""`bench sequential`: next-purchase ranking on real sequences, through the served path.

The reported figure is what a shopper gets: the training sequences become a store's orders,
the history model is trained on them as `python -m recommender serve` trains it, and each
evaluation customer's list comes from `Recommender.recommend`. `--offline` adds the research
path (the same scorer ranking all items directly, its linear mix, each feature alone).
"""
from __future__ import annotations

import csv
import hashlib
import math
import statistics
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import torch

from recommender.catalog import load_catalog
from recommender.config import Config
from recommender.encoder import Encoder, load_encoder
from recommender.engine import Recommender, RecommendRequest
from recommender.sequential.data import Item, Row, full_sequences, load_items, load_rows, split_for_tuning
from recommender.sequential.features import (
    FEATURES,
    SequenceScorer,
    SequenceStats,
    batched_features,
    batched_scores,
    bought_mask,
)
from recommender.sequential.fitting import cross_fitted_features, fit_mixer, fit_scorer
from recommender.sequential.metrics import evaluate, fit_weights, ndcg_alone
from recommender.store import Store


def item_vectors(items: list[Item], encoder: Encoder, cache_dir: Path) -> torch.Tensor:
    """Embeddings of the items' texts, fitted to the token budget as the service's products are;
    cached on disk per item list and encoder."""
    key = hashlib.sha256("\n".join(i.text for i in items).encode()).hexdigest()[:16]
    path = Path(cache_dir) / f"items-{key}-{encoder.key}.npy"
    if path.is_file():
        return torch.from_numpy(np.load(path))
    vectors = encoder.encode(encoder.within_budget([i.parts for i in items]), progress=False).cpu()
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors.numpy())
    return vectors


def baseline_scores(stats: SequenceStats, histories: list[tuple[int, ...]], kind: str) -> torch.Tensor:
    bought = bought_mask(histories, stats.n_items)
    if kind == "most_popular":
        scores = stats.popularity.expand(len(histories), stats.n_items)
    else:  # item co-occurrence: counts of (history item -> next item), popularity breaks ties
        scores = bought.float() @ stats.followed_by + 1e-6 * stats.popularity
    return scores.masked_fill(bought, -math.inf)


@dataclass
class Fitted:
    """Data and the history scorer fitted on training rows only, shared by the benchmarks."""

    items: list[Item]
    rows: list[Row]  # evaluation rows (--sequences)
    vectors: torch.Tensor
    encoder: Encoder
    tune_rows: list[Row]  # each customer's last training row
    tune_features: dict[str, torch.Tensor]  # theirs, cross-fitted: from models that never saw their targets
    scorer: SequenceScorer  # statistics from every training row, the mix fitted on the tuning rows

    def tune_scores(self) -> torch.Tensor:
        """The scorer's mix over the tuning rows' features, history excluded."""
        assert self.scorer.mixer is not None
        bought = bought_mask([r.history for r in self.tune_rows], len(self.vectors))
        return self.scorer.mixer(self.tune_features).masked_fill(bought, -math.inf)


def fit(items_path: Path, train_path: Path, eval_path: Path, k: int, config: Config,
        encoder: Encoder | None = None) -> Fitted:
    items = load_items(items_path)
    train = load_rows(train_path)
    encoder = encoder or load_encoder(config)
    # The history model's texts, as the served one encodes them (`history_product_tokens`).
    vectors = item_vectors(items, encoder.with_budget(config.history_product_tokens), config.cache_dir).float().cpu()
    # The mix is fitted on tuning rows of the training data (never on --sequences),
    tune_rows, tune_features = cross_fitted_features(train, vectors)
    scorer = fit_scorer(full_sequences(train), vectors)  # then everything is refitted on all training rows.
    scorer.weights = fit_weights(tune_features, tune_rows, k)  # the linear mix, reported as a baseline
    scorer.mixer = fit_mixer(tune_features, tune_rows)  # what ranks: out-of-fold on the tuning rows it beat the linear mix
    return Fitted(items, load_rows(eval_path), vectors, encoder, tune_rows, tune_features, scorer)


def write_orders(items: list[Item], sequences: dict[int, tuple[int, ...]], path: Path) -> int:
    """An orders file from research sequences (which carry no dates): customer "u<user_idx>",
    the item's asin, one day apart in the sequence's order. Returns the lines written."""
    start = date(2018, 1, 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = 0
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["customer_id", "product_id", "purchased_at"])
        for user in sorted(sequences):
            for day, item in enumerate(sequences[user]):
                out.writerow([f"u{user}", items[item].asin, (start + timedelta(days=day)).isoformat()])
                lines += 1
    return lines


def served(items: list[Item], items_path: Path, sequences: dict[int, tuple[int, ...]], rows: list[Row], k: int,
           config: Config, encoder: Encoder, work: Path) -> dict[str, Any]:
    """NDCG@k and Recall@k of the lists the service gives: `sequences` loaded as a store's
    orders (`write_orders`), the history model trained on them as `serve` trains it, and each
    evaluation customer's list from `Recommender.recommend` with their customer id and no
    request (answered from history alone), their orders being the row's history."""
    orders = work / "orders.csv"
    write_orders(items, sequences, orders)
    cfg = replace(config, catalog_path=items_path, database_url=f"sqlite:///{work / 'bench.db'}",
                  orders_path=str(orders), orders_columns="", history_dir=work / "history",
                  customers_path=work / "no-demo-customers.json")
    catalog = load_catalog(items_path)
    started = time.perf_counter()
    engine, _ = Recommender.on_catalog(cfg, catalog, encoder, Store.from_url(cfg.database_url))
    trained_s = time.perf_counter() - started
    started = time.perf_counter()
    hits, gains, known = 0, 0.0, 0
    for r in rows:
        customer = engine.store.customer(f"u{r.user}")
        if customer is not None and tuple(p["product_id"] for p in customer["purchases"]) == tuple(
                items[i].asin for i in r.history):
            known += 1
        listed = engine.recommend(RecommendRequest(sender_id=f"bench-{r.user}", customer_id=f"u{r.user}", k=k))
        ids = [it["product_id"] for it in listed["recommendation"]["items"]]
        if items[r.target].asin in ids:
            hits += 1
            gains += 1.0 / math.log2(ids.index(items[r.target].asin) + 2)
    n = max(len(rows), 1)
    model = engine.history_model
    return {f"recall@{k}": round(hits / n, 4), f"ndcg@{k}": round(gains / n, 4),
            "rows_whose_history_is_their_stored_orders": known,
            "history_model": None if model is None else {"customers": model.customers, "products": len(model.product_ids),
                                                          "purchases": model.purchases},
            "train_seconds": round(trained_s, 1),
            "ms_per_list": round(1000 * (time.perf_counter() - started) / n, 1)}


def run(items_path: Path, train_path: Path, eval_path: Path, k: int, config: Config,
        encoder: Encoder | None = None, offline: bool = False, seeds: tuple[int, ...] = (0,),
        tune: bool = False) -> dict[str, Any]:
    """The served figure (`served`) for each training seed, baselines on the same rows, and with
    `offline` the research path's scorer over all items too (its linear mix, each feature alone).

    `tune` measures on training data only: every customer's last training purchase is held out
    of the orders and is the row's target (`split_for_tuning`); `eval_path` is not read. Settings
    are chosen there, never on the evaluation file.
    """
    started = time.perf_counter()
    encoder = encoder or load_encoder(config)
    items = load_items(items_path)
    train = load_rows(train_path)
    if tune:
        _, rows = split_for_tuning(train)
        sequences = {r.user: r.history for r in rows}  # each customer's purchases but the last
    else:
        rows, sequences = load_rows(eval_path), full_sequences(train)
    per_seed = {}
    for seed in seeds:
        with tempfile.TemporaryDirectory(prefix="bench-sequential-") as work:
            per_seed[seed] = served(items, items_path, sequences, rows, k, replace(config, history_seed=seed),
                                    encoder, Path(work))
    ndcgs = [r[f"ndcg@{k}"] for r in per_seed.values()]
    recalls = [r[f"recall@{k}"] for r in per_seed.values()]
    result: dict[str, Any] = {f"recall@{k}": round(statistics.mean(recalls), 4), f"ndcg@{k}": round(statistics.mean(ndcgs), 4)}
    if len(seeds) > 1:
        result[f"ndcg@{k}_std_over_seeds"] = round(statistics.stdev(ndcgs), 4)
    result["seeds"] = per_seed
    result["split"] = "tuning split of train (each customer's last training purchase)" if tune else str(eval_path)
    stats = SequenceStats.fit(sequences, len(items))
    vectors = item_vectors(items, encoder.with_budget(config.history_product_tokens), config.cache_dir).float().cpu()
    targets = [r.target for r in rows]
    histories = [r.history for r in rows]
    baselines = {name: evaluate(baseline_scores(stats, histories, name), targets, k)
                 for name in ("most_popular", "item_cooccurrence")}
    zero_shot = SequenceScorer(stats, vectors, {**dict.fromkeys(FEATURES, 0.0), "sim_mean": 1.0})
    baselines["zero_shot_embedding"] = evaluate(batched_scores(zero_shot, rows), targets, k)
    result |= {"baselines": baselines, "rows": len(rows), "items": len(items), "model": encoder.model_id,
               "device": encoder.device}
    if offline and not tune:
        result["offline"] = run_offline(items_path, train_path, eval_path, k, config, encoder)
    result["total_seconds"] = round(time.perf_counter() - started, 1)
    return result


def run_offline(items_path: Path, train_path: Path, eval_path: Path, k: int, config: Config,
        encoder: Encoder | None = None) -> dict[str, Any]:
    """The research path: the scorer fitted as the served one is, ranking all items directly."""
    started = time.perf_counter()
    f = fit(items_path, train_path, eval_path, k, config, encoder)
    fitted_s = time.perf_counter() - started
    rows, stats = f.rows, f.scorer.stats
    targets = [r.target for r in rows]
    result = evaluate(batched_scores(f.scorer, rows), targets, k)
    histories = [r.history for r in rows]
    baselines = {name: evaluate(baseline_scores(stats, histories, name), targets, k)
                 for name in ("most_popular", "item_cooccurrence")}
    zero_shot = SequenceScorer(stats, f.vectors, {**dict.fromkeys(FEATURES, 0.0), "sim_mean": 1.0})
    baselines["zero_shot_embedding"] = evaluate(batched_scores(zero_shot, rows), targets, k)
    linear = SequenceScorer(stats, f.vectors, f.scorer.weights, next_item=f.scorer.next_item)
    baselines["linear_mix"] = evaluate(batched_scores(linear, rows), targets, k)
    alone = {"tuning": ndcg_alone(f.tune_features, f.tune_rows, k),  # cross-fitted, as the mix learned them
             "valid": ndcg_alone(batched_features(f.scorer, histories), rows, k)}
    return {
        **result, "baselines": baselines, "weights": f.scorer.weights, f"ndcg@{k}_each_feature_alone": alone,
        "rows": len(rows),
        "items": len(f.items), "model": f.encoder.model_id, "device": f.encoder.device,
        "fit_seconds": round(fitted_s, 1), "total_seconds": round(time.perf_counter() - started, 1),
    }
