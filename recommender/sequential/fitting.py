"""Fitting the history scorer on training sequences only: statistics, the next-item model,
and the learned mix on cross-fitted tuning features."""
from __future__ import annotations

from collections.abc import Callable

import torch

from recommender.sequential.data import Row, full_sequences, split_for_tuning
from recommender.sequential.features import FEATURES, SequenceScorer, SequenceStats, batched_features, bought_mask
from recommender.sequential.mixer import LearnedMix, MixerConfig
from recommender.sequential.next_item import NextItemConfig, NextItemModel


def fit_mixer(features: dict[str, torch.Tensor], rows: list[Row], config: MixerConfig | None = None) -> LearnedMix:
    """A `LearnedMix` of `features` (rows, I) of tuning `rows`."""
    bought = bought_mask([r.history for r in rows], features[FEATURES[0]].shape[1])
    return LearnedMix.fit(features, [r.target for r in rows], bought, FEATURES, config)



def fit_scorer(sequences: dict[int, tuple[int, ...]], vectors: torch.Tensor,
               config: NextItemConfig | None = None) -> SequenceScorer:
    """Statistics and the next-item model fitted on `sequences`; no mixing weights yet."""
    return SequenceScorer(SequenceStats.fit(sequences, len(vectors)), vectors,
                          next_item=NextItemModel.fit(sequences, vectors, config))



def cross_fitted_features(train: list[Row], vectors: torch.Tensor, folds: int = 4,
                          sequences: dict[int, tuple[int, ...]] | None = None,
                          tick: Callable[[str], None] | None = None,
                          config: NextItemConfig | None = None) -> tuple[list[Row], dict[str, torch.Tensor]]:
    """Each customer's last training row, with features from models that never saw its target.

    Customers are split into `folds`. For each fold the statistics and the next-item model are
    fitted on every training sequence, with that fold's customers cut before their last
    purchase, and the fold's rows are scored with them. Every row is so scored by models
    fitted on all but 1/folds of the tuning targets: close to the data the final scorer has
    when it ranks. Holding every customer's last purchase out at once (21% of the Scientific
    purchases, the sequences being short) made the count features weaker while tuning than
    when ranking, and the mix learned to trust them too little.

    `sequences` are every customer's purchases when `train` does not hold them all (customers
    with one purchase have no row but count in the statistics); `tick` hears of each fold.
    """
    if folds < 2:
        raise ValueError(f"folds must be 2 or more, got {folds}")
    _, tune = split_for_tuning(train)
    everything = sequences if sequences is not None else full_sequences(train)
    by_user = sorted(range(len(tune)), key=lambda i: tune[i].user)
    out = {n: torch.empty(len(tune), len(vectors)) for n in FEATURES}
    for fold in range(min(folds, len(tune))):
        if tick is not None:
            tick(f"fold {fold + 1} of {min(folds, len(tune))}")
        rows = by_user[fold::folds]
        scorer = fit_scorer({**everything, **{tune[i].user: tune[i].history for i in rows}}, vectors, config)
        feats = batched_features(scorer, [tune[i].history for i in rows])
        for n in FEATURES:
            out[n][rows] = feats[n]
    return tune, out

