"""`bench conversational`: the same real sequences with a short shopper request per target.

The request is written from the target's category path only (never its title), the way a
shopper names what they need. Three rankings: request only, history only, both; the mixing
weight of the request against the history is fitted on the training rows.
"""
from __future__ import annotations

import hashlib
import math
import time
from pathlib import Path
from typing import Any

import torch

from bench.sequential import fit, item_vectors
from recommender.config import Config
from recommender.encoder import Encoder
from recommender.sequential.data import Item, Row
from recommender.sequential.features import batched_scores, bought_mask
from recommender.sequential.metrics import evaluate

TEMPLATES = (
    "I'm looking for {}", "do you have any {}?", "I need some {}", "show me {}",
    "looking for {} for work", "can you recommend {}",
)
_ROOT_CATEGORIES = ("Industrial & Scientific",)


def request_for(item: Item) -> str:
    """A short request from the item's category path; the title is never used."""
    path = item.category_path
    for root in _ROOT_CATEGORIES:
        path = path.removeprefix(root).strip()
    words = path.split()
    phrase = " ".join(words[-4:]).lower() if words else "something useful"
    seed = int(hashlib.sha1(item.asin.encode()).hexdigest()[:6], 16)
    return TEMPLATES[seed % len(TEMPLATES)].format(phrase)


def request_scores(items: list[Item], rows: list[Row], vectors: torch.Tensor, encoder: Encoder) -> torch.Tensor:
    queries = encoder.encode([request_for(items[r.target]) for r in rows]).float().cpu()
    return (queries @ vectors.T).masked_fill(bought_mask([r.history for r in rows], len(vectors)), -math.inf)


def fit_mix(history: torch.Tensor, request: torch.Tensor, rows: list[Row], k: int) -> float:
    """Weight of the request score against the (fitted) history score, by grid search."""
    targets = [r.target for r in rows]
    grid = (0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256)
    best = max(grid, key=lambda a: evaluate(history + a * request, targets, k)[f"ndcg@{k}"])
    return float(best)


def run(items_path: Path, train_path: Path, eval_path: Path, k: int, config: Config,
        encoder: Encoder | None = None) -> dict[str, Any]:
    started = time.perf_counter()
    f = fit(items_path, train_path, eval_path, k, config, encoder)
    # Requests meet the listings as the catalog index encodes them (`product_tokens`); the
    # history scorer reads its own texts (`history_product_tokens`).
    listings = item_vectors(f.items, f.encoder, config.cache_dir).float().cpu()
    alpha = fit_mix(f.tune_scores(),
                    request_scores(f.items, f.tune_rows, listings, f.encoder), f.tune_rows, k)
    history = batched_scores(f.scorer, f.rows)
    request = request_scores(f.items, f.rows, listings, f.encoder)
    targets = [r.target for r in f.rows]
    return {
        "request_only": evaluate(request, targets, k),
        "history_only": evaluate(history, targets, k),
        "both": evaluate(history + alpha * request, targets, k),
        "request_weight": alpha, "example_requests": [request_for(f.items[r.target]) for r in f.rows[:3]],
        "rows": len(f.rows), "model": f.encoder.model_id, "seconds": round(time.perf_counter() - started, 1),
    }
