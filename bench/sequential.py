"""`bench sequential`: next-purchase ranking on real sequences, against baselines."""
from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from recommender.config import Config
from recommender.encoder import Encoder, load_encoder
from recommender.sequences import (
    FEATURES,
    Item,
    Row,
    SequenceScorer,
    SequenceStats,
    batched_features,
    batched_scores,
    bought_mask,
    cross_fitted_features,
    evaluate,
    fit_mixer,
    fit_scorer,
    fit_weights,
    full_sequences,
    load_items,
    load_rows,
    ndcg_alone,
)


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
    vectors = item_vectors(items, encoder, config.cache_dir).float().cpu()
    # The mix is fitted on tuning rows of the training data (never on --sequences),
    tune_rows, tune_features = cross_fitted_features(train, vectors)
    scorer = fit_scorer(full_sequences(train), vectors)  # then everything is refitted on all training rows.
    scorer.weights = fit_weights(tune_features, tune_rows, k)  # the linear mix, reported as a baseline
    scorer.mixer = fit_mixer(tune_features, tune_rows)  # what ranks: out-of-fold on the tuning rows it beat the linear mix
    return Fitted(items, load_rows(eval_path), vectors, encoder, tune_rows, tune_features, scorer)


def run(items_path: Path, train_path: Path, eval_path: Path, k: int, config: Config,
        encoder: Encoder | None = None) -> dict[str, Any]:
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
