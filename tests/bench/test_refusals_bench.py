"""`bench refusals`' choice of the served threshold (bench/refusals.py `choose`), on the figures its
grouped cross-validation gave on the current training file (README, "Refusals")."""
from __future__ import annotations

from typing import Any

from bench.refusals import choose

# rules and reader (precision, recall) per threshold; the rules alone: 0.852 / 0.830
_SEED_0 = {0.5: (0.833, 0.954), 0.7: (0.842, 0.943), 0.8: (0.846, 0.936), 0.9: (0.849, 0.927), 0.95: (0.852, 0.917)}
_SEED_1 = {0.5: (0.831, 0.940), 0.7: (0.839, 0.926), 0.8: (0.845, 0.919), 0.9: (0.850, 0.909), 0.95: (0.852, 0.899)}


def _table(*seeds: dict[float, tuple[float, float]]) -> dict[str, Any]:
    return {str(th): {"rules_and_reader": {m: {"mean": round(sum(s[th][i] for s in seeds) / len(seeds), 4)}
                                           for i, m in enumerate(("precision", "recall"))}}
            for th in seeds[0]}


def test_the_most_recall_within_a_point_of_the_rules_precision_is_chosen() -> None:
    assert choose(0.852, _table(_SEED_0)) == 0.7  # exactly a point lost: still within
    assert choose(0.852, _table(_SEED_1)) == 0.8  # 0.7 loses 1.3 points
    assert choose(0.852, _table(_SEED_0, _SEED_1)) == 0.8  # what is served: the mean over both seeds


def test_where_every_threshold_costs_more_than_a_point_the_strictest_is_chosen() -> None:
    costly = {th: (0.85, 0.95 - th / 10) for th in _SEED_0}  # 2 points under the rules' 0.87 at every threshold
    assert choose(0.87, _table(costly)) == 0.95
    assert choose(0.86, _table(costly)) == 0.5  # one point: all kept, the most recall
