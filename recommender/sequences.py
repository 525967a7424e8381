"""Purchase sequences (history -> next item): loading, statistics and a fitted scorer.

Offline for now: `python -m bench sequential` fits and measures it on training sequences
only. The live service does not use it yet; its history part is the recency-weighted mean of
purchase embeddings in `engine` (serving this scorer is the next step, and why it lives in
the runtime package rather than under `bench/`).
"""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import torch

from recommender.ease import ease_weights
from recommender.mixer import LearnedMix
from recommender.next_item import NextItemModel

FEATURES = ("sim_mean", "sim_last", "sim_max", "pop", "trans_last", "trans_all", "cooc", "followed", "cooc_nn",
            "ease", "next_item")
# Next-item logits spread ~16x wider than the cosine features; scaling them puts one weight grid over all.
_LOGIT_SCALE = 1 / 16


@dataclass(frozen=True)
class Item:
    index: int
    asin: str
    title: str
    category_path: str
    brand: str

    @property
    def text(self) -> str:
        return ". ".join(x for x in (self.title, self.category_path, self.brand) if x)

    @property
    def parts(self) -> tuple[str, str, str]:
        """(title, details, body) as a catalog product's (`Product.parts`), for `Encoder.within_budget`."""
        return self.title, ". ".join(x for x in (self.category_path, self.brand) if x), ""


@dataclass(frozen=True)
class Row:
    user: int
    history: tuple[int, ...]  # oldest first
    target: int


def load_items(path: Path) -> list[Item]:
    with Path(path).open(newline="", encoding="utf-8") as f:
        items = [Item(int(r["item_idx"]), r["asin"], r["title"], r.get("category_path", ""), r.get("brand", ""))
                 for r in csv.DictReader(f)]
    items.sort(key=lambda i: i.index)
    if [i.index for i in items] != list(range(len(items))):
        raise ValueError(f"{path}: item_idx must run 0..n-1")
    return items


def load_rows(path: Path) -> list[Row]:
    with Path(path).open(newline="", encoding="utf-8") as f:
        return [Row(int(r["user_idx"]), tuple(int(x) for x in r["history"].split()), int(r["target"]))
                for r in csv.DictReader(f) if r["history"].strip()]


def full_sequences(rows: list[Row]) -> dict[int, tuple[int, ...]]:
    """Each user's longest known sequence (history + target); prefixes add nothing new."""
    best: dict[int, tuple[int, ...]] = {}
    for r in rows:
        seq = r.history + (r.target,)
        if len(seq) > len(best.get(r.user, ())):
            best[r.user] = seq
    return best


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
        sims = self.item_vectors @ self.item_vectors.T
        sim_max = torch.full((b, n), -1.0)
        for row, hist in enumerate(histories):
            sim_max[row] = sims[list(hist)].max(dim=0).values
        log_trans = torch.log1p(self.stats.transitions)
        log_cooc = torch.log1p(self.stats.cooccurrence)
        pop = torch.log1p(self.stats.popularity)
        return {
            "sim_mean": mean @ self.item_vectors.T,
            "sim_last": last @ self.item_vectors.T,
            "pop": (pop / pop.max().clamp_min(1e-8)).expand(b, n),
            "trans_last": last_onehot @ log_trans,
            "trans_all": recency @ log_trans,
            "cooc": recency @ log_cooc,
            "followed": recency @ torch.log1p(self.stats.followed_by),
            "sim_max": sim_max,
            "cooc_nn": (recency @ log_cooc) @ self._neighbours(),
            "ease": recency @ self.stats.ease,
            "next_item": (self.next_item.scores(histories) * _LOGIT_SCALE if self.next_item is not None
                          else torch.zeros(b, n)),
        }

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


def batched_scores(scorer: SequenceScorer, rows: list[Row], batch: int = 512) -> torch.Tensor:
    return torch.cat([scorer.scores([r.history for r in rows[i:i + batch]]) for i in range(0, len(rows), batch)])


def batched_features(scorer: SequenceScorer, histories: list[tuple[int, ...]],
                     batch: int = 512) -> dict[str, torch.Tensor]:
    """`scorer.features` over many histories, computed `batch` at a time."""
    parts = [scorer.features(histories[i:i + batch]) for i in range(0, len(histories), batch)]
    return {n: torch.cat([p[n] for p in parts]) for n in FEATURES}


def ndcg_alone(features: dict[str, torch.Tensor], rows: list[Row], k: int = 10) -> dict[str, float]:
    """NDCG@k of each feature ranking `rows` on its own."""
    bought = bought_mask([r.history for r in rows], features[FEATURES[0]].shape[1])
    targets = [r.target for r in rows]
    return {n: evaluate(features[n].masked_fill(bought, -math.inf), targets, k)[f"ndcg@{k}"] for n in FEATURES}


def bought_mask(histories: list[tuple[int, ...]], n_items: int) -> torch.Tensor:
    """(batch, I) True where the item is already in the history (never the answer)."""
    mask = torch.zeros(len(histories), n_items, dtype=torch.bool)
    for row, hist in enumerate(histories):
        mask[row, list(hist)] = True
    return mask


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


def fit_mixer(features: dict[str, torch.Tensor], rows: list[Row]) -> LearnedMix:
    """A `LearnedMix` of `features` (rows, I) of tuning `rows`."""
    bought = bought_mask([r.history for r in rows], features[FEATURES[0]].shape[1])
    return LearnedMix.fit(features, [r.target for r in rows], bought, FEATURES)


def fit_scorer(sequences: dict[int, tuple[int, ...]], vectors: torch.Tensor) -> SequenceScorer:
    """Statistics and the next-item model fitted on `sequences`; no mixing weights yet."""
    return SequenceScorer(SequenceStats.fit(sequences, len(vectors)), vectors,
                          next_item=NextItemModel.fit(sequences, vectors))


def cross_fitted_features(train: list[Row], vectors: torch.Tensor,
                          folds: int = 4) -> tuple[list[Row], dict[str, torch.Tensor]]:
    """Each customer's last training row, with features from models that never saw its target.

    Customers are split into `folds`. For each fold the statistics and the next-item model are
    fitted on every training sequence, with that fold's customers cut before their last
    purchase, and the fold's rows are scored with them. Every row is so scored by models
    fitted on all but 1/folds of the tuning targets: close to the data the final scorer has
    when it ranks. Holding every customer's last purchase out at once (21% of the Scientific
    purchases, the sequences being short) made the count features weaker while tuning than
    when ranking, and the mix learned to trust them too little.
    """
    if folds < 2:
        raise ValueError(f"folds must be 2 or more, got {folds}")
    _, tune = split_for_tuning(train)
    everything = full_sequences(train)
    by_user = sorted(range(len(tune)), key=lambda i: tune[i].user)
    out = {n: torch.empty(len(tune), len(vectors)) for n in FEATURES}
    for fold in range(min(folds, len(tune))):
        rows = by_user[fold::folds]
        scorer = fit_scorer({**everything, **{tune[i].user: tune[i].history for i in rows}}, vectors)
        feats = batched_features(scorer, [tune[i].history for i in rows])
        for n in FEATURES:
            out[n][rows] = feats[n]
    return tune, out


def split_for_tuning(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """(the earlier rows, each user's last training row): the last rows are the tuning rows."""
    last: dict[int, Row] = {}
    for r in rows:
        if len(r.history) >= len(last.get(r.user, Row(r.user, (), -1)).history):
            last[r.user] = r
    tune = list(last.values())
    tuned = {id(r) for r in tune}
    return [r for r in rows if id(r) not in tuned], tune
