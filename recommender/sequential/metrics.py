"""Next-purchase ranking metrics: Recall@k and NDCG@k with one held-out target per row."""
from __future__ import annotations

import math

import torch

from recommender.sequential.data import Row
from recommender.sequential.features import FEATURES, bought_mask


def evaluate(scores: torch.Tensor, targets: list[int], k: int = 10) -> dict[str, float]:
    """Recall@k and NDCG@k for one held-out target per row."""
    target = torch.tensor(targets)
    target_score = scores[torch.arange(len(targets)), target]
    # 0-based rank of the target; ties count against it, so a constant scorer scores ~0.
    t = target_score.unsqueeze(1)
    rank = (scores > t).sum(dim=1) + (scores == t).sum(dim=1) - 1
    hit = rank < k
    ndcg = torch.where(hit, 1.0 / torch.log2(rank.float() + 2.0), torch.zeros_like(rank, dtype=torch.float))
    return {f"recall@{k}": round(float(hit.float().mean()), 4), f"ndcg@{k}": round(float(ndcg.mean()), 4)}



def ndcg_alone(features: dict[str, torch.Tensor], rows: list[Row], k: int = 10) -> dict[str, float]:
    """NDCG@k of each feature ranking `rows` on its own."""
    bought = bought_mask([r.history for r in rows], features[FEATURES[0]].shape[1])
    targets = [r.target for r in rows]
    return {n: evaluate(features[n].masked_fill(bought, -math.inf), targets, k)[f"ndcg@{k}"] for n in FEATURES}



def fit_weights(features: dict[str, torch.Tensor], rows: list[Row], k: int = 10, rounds: int = 4,
                grid: tuple[float, ...] = (0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)) -> dict[str, float]:
    """Coordinate ascent on NDCG@k of a linear mix of `features` (rows, I) of tuning `rows`."""
    targets = [r.target for r in rows]
    bought = bought_mask([r.history for r in rows], features[FEATURES[0]].shape[1])

    def ndcg(weights: dict[str, float]) -> float:
        s = sum(weights[n] * features[n] for n in FEATURES)
        assert isinstance(s, torch.Tensor)
        return evaluate(s.masked_fill(bought, -math.inf), targets, k)[f"ndcg@{k}"]

    weights = {"sim_mean": 1.0, **{n: 0.0 for n in FEATURES if n != "sim_mean"}}
    best = ndcg(weights)
    for _ in range(rounds):
        improved = False
        for name in FEATURES:
            for value in grid:
                trial = {**weights, name: value}
                if trial == weights or not any(trial.values()):
                    continue
                score = ndcg(trial)
                if score > best + 1e-5:
                    best, weights, improved = score, trial, True
        if not improved:
            break
    return weights

