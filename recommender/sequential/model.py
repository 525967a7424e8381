"""The served history model: trained on a store's orders, saved as a versioned artifact, loaded
by the service.

Its items are the catalog products that appear in the orders (the `history_max_items` most
bought when there are more). `train` fits the statistics, the next-item model and the learned
mix exactly as `bench sequential` measures them (`fitting`); `scores` turns a customer's
purchases (oldest first) into the history part of every catalog product's score. An artifact
is named by what it was fitted on: the catalog's products and texts, the orders, the encoder
and this code's settings, so a change to any of them means training again.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import torch
from torch import nn

from recommender.catalog import Catalog
from recommender.sequential.data import rows_from_sequences
from recommender.sequential.features import FEATURES, SequenceScorer, SequenceStats
from recommender.sequential.fitting import cross_fitted_features, fit_mixer, fit_scorer
from recommender.sequential.mixer import LearnedMix, MixerConfig
from recommender.sequential.next_item import NextItemConfig, NextItemModel

ARTIFACT_VERSION = 1  # the stored form; a change invalidates every artifact
KEEP = 3  # artifacts kept in the folder (newest first); older ones are pruned


def catalog_key(catalog: Catalog) -> str:
    """The catalog as the model sees it: product ids and texts, in order (prices do not count)."""
    h = hashlib.sha256()
    for p in catalog.products:
        h.update(p.product_id.encode() + b"\0" + p.text.encode() + b"\n")
    return h.hexdigest()[:16]


def orders_key(sequences: dict[str, list[str]]) -> str:
    """The orders as the model sees them: each customer's product ids, oldest first."""
    h = hashlib.sha256()
    for customer in sorted(sequences):
        h.update(customer.encode() + b"\0" + "\0".join(sequences[customer]).encode() + b"\n")
    return h.hexdigest()[:16]


def configs(seed: int) -> tuple[NextItemConfig, MixerConfig]:
    """The next-item and mixer settings, their seeds starting at `seed` (`HISTORY_SEED`)."""
    return NextItemConfig(first_seed=seed), MixerConfig(first_seed=seed)


def artifact_key(catalog: Catalog, sequences: dict[str, list[str]], encoder_key: str, max_items: int,
                 seed: int = 0) -> str:
    """Names what a model was fitted on: `encoder_key` is the history encoder's (model, tokens)."""
    next_config, mixer_config = configs(seed)
    settings = json.dumps([ARTIFACT_VERSION, encoder_key, max_items, asdict(next_config), asdict(mixer_config)],
                          sort_keys=True)
    return f"{catalog_key(catalog)}-{orders_key(sequences)}-{hashlib.sha256(settings.encode()).hexdigest()[:8]}"


@dataclass
class HistoryModel:
    """What the orders say about each customer's next purchase, over `product_ids`."""

    key: str
    product_ids: tuple[str, ...]  # the model's items, in its index order
    scorer: SequenceScorer
    next_pairs: dict[tuple[int, int], int]  # customers who bought item a and then item b next (2 or more)
    customers: int  # customers whose orders it was fitted on
    purchases: int

    def __post_init__(self) -> None:
        self._position = {pid: i for i, pid in enumerate(self.product_ids)}

    def attach(self, catalog: Catalog) -> None:
        """Where each of the model's items sits in `catalog` (the one it was trained on)."""
        rows = [catalog.index_of(pid) for pid in self.product_ids]
        if any(r is None for r in rows):
            raise ValueError("the history model names products the catalog does not hold")
        self.rows = torch.tensor(rows, dtype=torch.long)
        self.n_catalog = len(catalog)

    def scores(self, purchased: list[str]) -> torch.Tensor | None:
        """(catalog size,) the history part for a customer whose purchases (oldest first) are
        `purchased`; None when the model knows none of them.

        The mix's scores over the model's items, as a log-probability of being the next
        purchase, rescaled so that a product as likely as a uniform guess scores 0 and a
        certain one 1 (floor -1). Products the orders never name get the median of the rest.
        """
        history = tuple(self._position[p] for p in purchased if p in self._position)
        if not history:
            return None
        mix = self.scorer.scores([history], exclude_history=False)[0]
        n = len(self.product_ids)
        part = ((torch.log_softmax(mix, dim=0) + math.log(n)) / math.log(max(n, 2))).clamp(-1.0, 1.0)
        out = torch.full((self.n_catalog,), float(part.median()))
        out[self.rows] = part
        return out

    def bought_next(self, before: str, after: str) -> int:
        """How many customers bought `after` as their very next purchase after `before` (counts under 2 are 0)."""
        a, b = self._position.get(before), self._position.get(after)
        return 0 if a is None or b is None else self.next_pairs.get((a, b), 0)

    # --- training ----------------------------------------------------------------------------
    @staticmethod
    def items(sequences: dict[str, list[str]], catalog: Catalog, max_items: int) -> tuple[str, ...]:
        """The model's products: those of `catalog` in the orders, the `max_items` most bought,
        in catalog order."""
        counts = Counter(p for seq in sequences.values() for p in seq if catalog.index_of(p) is not None)
        chosen = {p for p, _ in counts.most_common(max_items)}
        return tuple(p.product_id for p in catalog.products if p.product_id in chosen)

    @classmethod
    def train(cls, sequences: dict[str, list[str]], product_ids: tuple[str, ...], item_vectors: torch.Tensor,
              catalog: Catalog, key: str, tick: Callable[[str], None] | None = None,
              seed: int = 0) -> HistoryModel:
        """Fit on each customer's purchases (product ids, oldest first) over `product_ids` (`items`),
        whose text vectors are `item_vectors`. The caller decides whether there are enough
        (`history.history_model`: customers who bought twice or more)."""
        position = {pid: i for i, pid in enumerate(product_ids)}
        seqs: dict[int, tuple[int, ...]] = {}
        for user, customer in enumerate(sorted(sequences)):
            seq = tuple(position[p] for p in sequences[customer] if p in position)
            if seq:
                seqs[user] = seq
        item_vectors = item_vectors.detach().float().cpu()
        train_rows = rows_from_sequences(seqs)
        next_config, mixer_config = configs(seed)
        tune_rows, tune_features = cross_fitted_features(train_rows, item_vectors, sequences=seqs, tick=tick,
                                                         config=next_config)
        if tick is not None:
            tick("final fit")
        scorer = fit_scorer(seqs, item_vectors, next_config)
        scorer.mixer = fit_mixer(tune_features, tune_rows, mixer_config)
        pairs: Counter[tuple[int, int]] = Counter()
        for seq in seqs.values():
            pairs.update(set(pairwise(seq)))
        model = cls(key, product_ids, scorer, {ab: n for ab, n in pairs.items() if n >= 2},
                    len(seqs), sum(len(s) for s in seqs.values()))
        model.attach(catalog)
        return model

    # --- the artifact --------------------------------------------------------------------------
    def save(self, folder: Path) -> Path:
        """Write the artifact atomically as `folder/<key>.pt`, pruning all but the newest `KEEP`."""
        stats, mixer, next_item = self.scorer.stats, self.scorer.mixer, self.scorer.next_item
        assert mixer is not None and next_item is not None  # `train` fits both
        state = {
            "version": ARTIFACT_VERSION, "key": self.key, "product_ids": list(self.product_ids),
            "customers": self.customers, "purchases": self.purchases, "half_life": self.scorer.half_life,
            "item_vectors": self.scorer.item_vectors,
            "stats": {"popularity": stats.popularity, "ease": stats.ease,
                      **{name: _sparse(getattr(stats, name)) for name in ("transitions", "cooccurrence", "followed_by")}},
            "next_item": {"config": asdict(next_item.config), "states": [m.state_dict() for m in next_item.models]},
            "mixer": {"names": list(mixer.names), "mean": mixer.mean, "std": mixer.std,
                      "hidden": _hidden(mixer), "states": [m.state_dict() for m in mixer.models]},
            "next_pairs": torch.tensor([[a, b, n] for (a, b), n in sorted(self.next_pairs.items())],
                                       dtype=torch.long).reshape(-1, 3),
        }
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.key}.pt"
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        os.close(fd)
        torch.save(state, tmp)
        os.replace(tmp, path)
        for old in sorted(folder.glob("*.pt"), key=lambda f: f.stat().st_mtime, reverse=True)[KEEP:]:
            old.unlink(missing_ok=True)
        return path

    @classmethod
    def load(cls, path: Path, catalog: Catalog) -> HistoryModel:
        """The artifact at `path` on the catalog it was trained on (tensors only: no code is unpickled)."""
        state: dict[str, Any] = torch.load(path, map_location="cpu", weights_only=True)
        if state.get("version") != ARTIFACT_VERSION:
            raise ValueError(f"{path.name}: artifact version {state.get('version')}, expected {ARTIFACT_VERSION}")
        product_ids = tuple(state["product_ids"])
        item_vectors = state["item_vectors"]
        s = state["stats"]
        n = len(product_ids)
        stats = SequenceStats(n, s["popularity"], _dense(s["transitions"], n), _dense(s["cooccurrence"], n),
                              _dense(s["followed_by"], n), s["ease"])
        next_item = NextItemModel.from_states(item_vectors, NextItemConfig(**state["next_item"]["config"]),
                                              state["next_item"]["states"])
        m = state["mixer"]
        mixers: list[nn.Module] = []
        for weights in m["states"]:
            mlp = nn.Sequential(nn.Linear(len(m["names"]), m["hidden"]), nn.Tanh(), nn.Linear(m["hidden"], 1))
            mlp.load_state_dict(weights)
            mixers.append(mlp.eval())
        if tuple(m["names"]) != FEATURES:
            raise ValueError(f"{path.name}: mixer features {m['names']} are not {FEATURES}")
        scorer = SequenceScorer(stats, item_vectors, half_life=state["half_life"],
                                next_item=next_item,
                                mixer=LearnedMix(tuple(m["names"]), m["mean"], m["std"], mixers))
        pairs = {(int(a), int(b)): int(c) for a, b, c in state["next_pairs"].tolist()}
        model = cls(state["key"], product_ids, scorer, pairs, int(state["customers"]), int(state["purchases"]))
        model.attach(catalog)
        return model


def _hidden(mixer: LearnedMix) -> int:
    first = mixer.models[0]
    assert isinstance(first, nn.Sequential) and isinstance(first[0], nn.Linear)
    return first[0].out_features


def _sparse(counts: torch.Tensor) -> dict[str, torch.Tensor]:
    index = counts.nonzero()
    return {"index": index, "values": counts[index[:, 0], index[:, 1]]}


def _dense(stored: dict[str, torch.Tensor], n: int) -> torch.Tensor:
    out = torch.zeros(n, n)
    out[stored["index"][:, 0], stored["index"][:, 1]] = stored["values"]
    return out
