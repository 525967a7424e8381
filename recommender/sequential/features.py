"""History features (similarities, counts, EASE, the next-item model) and the scorer that mixes them.

`SequenceStats` are counts fitted on training sequences only; `SequenceScorer.features` turns a
batch of histories into one (batch, items) matrix per feature, and `scores` mixes them (the
learned `LearnedMix`, or linear weights for the benchmark's baseline). Items are indexes into
the model's item space (the served model maps them to catalog products, `model.HistoryModel`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import pairwise

import torch

from recommender.sequential.data import Row
from recommender.sequential.ease import ease_weights
from recommender.sequential.mixer import LearnedMix
from recommender.sequential.next_item import NextItemModel

FEATURES = ("sim_mean", "sim_last", "sim_max", "pop", "trans_last", "trans_all", "cooc", "followed", "cooc_nn",
            "ease", "next_item")
# Next-item logits spread ~16x wider than the cosine features; scaling them puts one weight grid over all.
_LOGIT_SCALE = 1 / 16


@dataclass
class SequenceStats:
    """Counts fitted on training sequences only."""

    n_items: int
    popularity: torch.Tensor  # (I,) purchases per item
    transitions: torch.Tensor  # (I, I) a bought right before b
    cooccurrence: torch.Tensor  # (I, I) a and b in the same customer's sequence
    followed_by: torch.Tensor  # (I, I) a anywhere before b (the co-occurrence baseline's counts)
    ease: torch.Tensor  # (I, I) EASE item-item weights, scaled to a largest magnitude of 1

    @classmethod
    def fit(cls, sequences: dict[int, tuple[int, ...]], n_items: int, ease_l2: float = 200.0) -> SequenceStats:
        pop = torch.zeros(n_items)
        trans = torch.zeros(n_items, n_items)
        cooc = torch.zeros(n_items, n_items)
        followed = torch.zeros(n_items, n_items)
        for seq in sequences.values():
            for j in range(1, len(seq)):
                for a in set(seq[:j]):
                    followed[a, seq[j]] += 1
            for i in seq:
                pop[i] += 1
            for a, b in pairwise(seq):
                trans[a, b] += 1
            unique = sorted(set(seq))
            idx = torch.tensor(unique)
            cooc[idx.unsqueeze(1), idx.unsqueeze(0)] += 1
        cooc.fill_diagonal_(0)
        ease = ease_weights(sequences, n_items, ease_l2) if sequences else torch.zeros(n_items, n_items)
        return cls(n_items, pop, trans, cooc, followed, ease / ease.abs().max().clamp_min(1e-12))


@dataclass
class SequenceScorer:
    """score(history, item) = sum_k w_k * feature_k, features scaled to comparable ranges."""

    stats: SequenceStats
    item_vectors: torch.Tensor  # (I, d) unit vectors
    weights: dict[str, float] = field(default_factory=lambda: dict.fromkeys(FEATURES, 0.0))
    half_life: float = 2.0  # history positions back at which an item's weight halves
    next_item: NextItemModel | None = None  # the "next_item" feature; zero without one
    mixer: LearnedMix | None = None  # replaces the linear `weights` when set

    def features(self, histories: list[tuple[int, ...]]) -> dict[str, torch.Tensor]:
        """Each feature as a (batch, I) matrix."""
        n, d = self.item_vectors.shape
        b = len(histories)
        mean = torch.zeros(b, d)
        last = torch.zeros(b, d)
        recency = torch.zeros(b, n)  # recency weight of each history item
        last_onehot = torch.zeros(b, n)
        for row, hist in enumerate(histories):
            k = len(hist)
            for pos, item in enumerate(hist):
                recency[row, item] += 0.5 ** ((k - 1 - pos) / self.half_life)
            last_onehot[row, hist[-1]] = 1.0
        mean = recency @ self.item_vectors
        mean = mean / mean.norm(dim=1, keepdim=True).clamp_min(1e-8)
        last = last_onehot @ self.item_vectors
        sim_max = torch.full((b, n), -1.0)
        for row, hist in enumerate(histories):  # the history's rows of the similarity matrix only
            sim_max[row] = (self.item_vectors[list(hist)] @ self.item_vectors.T).max(dim=0).values
        log_trans, log_cooc, log_followed = self._log_counts()
        pop = torch.log1p(self.stats.popularity)
        return {
            "sim_mean": mean @ self.item_vectors.T,
            "sim_last": last @ self.item_vectors.T,
            "pop": (pop / pop.max().clamp_min(1e-8)).expand(b, n),
            "trans_last": last_onehot @ log_trans,
            "trans_all": recency @ log_trans,
            "cooc": recency @ log_cooc,
            "followed": recency @ log_followed,
            "sim_max": sim_max,
            "cooc_nn": (recency @ log_cooc) @ self._neighbours(),
            "ease": recency @ self.stats.ease,
            "next_item": (self.next_item.scores(histories) * _LOGIT_SCALE if self.next_item is not None
                          else torch.zeros(b, n)),
        }

    def _log_counts(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """log1p of the transition, co-occurrence and followed-by counts, computed once."""
        if getattr(self, "_logs", None) is None:
            stats = self.stats
            self._logs = (torch.log1p(stats.transitions), torch.log1p(stats.cooccurrence),
                          torch.log1p(stats.followed_by))
        return self._logs

    def _neighbours(self, k: int = 10) -> torch.Tensor:
        """Row-normalised top-k similarity graph: spreads co-occurrence to similar items."""
        if getattr(self, "_nn", None) is None:
            sims = self.item_vectors @ self.item_vectors.T
            values, idx = torch.topk(sims, min(k + 1, len(sims)), dim=1)
            graph = torch.zeros_like(sims).scatter_(1, idx, values.clamp_min(0))
            self._nn = graph / graph.sum(dim=1, keepdim=True).clamp_min(1e-8)
        return self._nn

    def scores(self, histories: list[tuple[int, ...]], exclude_history: bool = True) -> torch.Tensor:
        feats = self.features(histories)
        total = self.mixer(feats) if self.mixer is not None else sum(self.weights[n] * feats[n] for n in FEATURES)
        assert isinstance(total, torch.Tensor)
        return total.masked_fill(bought_mask(histories, total.shape[1]), -math.inf) if exclude_history else total



def batched_scores(scorer: SequenceScorer, rows: list[Row], batch: int = 512) -> torch.Tensor:
    return torch.cat([scorer.scores([r.history for r in rows[i:i + batch]]) for i in range(0, len(rows), batch)])



def batched_features(scorer: SequenceScorer, histories: list[tuple[int, ...]],
                     batch: int = 512) -> dict[str, torch.Tensor]:
    """`scorer.features` over many histories, computed `batch` at a time."""
    parts = [scorer.features(histories[i:i + batch]) for i in range(0, len(histories), batch)]
    return {n: torch.cat([p[n] for p in parts]) for n in FEATURES}



def bought_mask(histories: list[tuple[int, ...]], n_items: int) -> torch.Tensor:
    """(batch, I) True where the item is already in the history (never the answer)."""
    mask = torch.zeros(len(histories), n_items, dtype=torch.bool)
    for row, hist in enumerate(histories):
        mask[row, list(hist)] = True
    return mask

