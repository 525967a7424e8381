"""The sequence metrics and benchmark plumbing (figures themselves are printed, not asserted)."""
from __future__ import annotations

from pathlib import Path

import pytest
import torch

from conftest import SHARED
from recommender.config import Config
from recommender.sequences import Row, SequenceStats, evaluate, full_sequences, split_for_tuning

SCI = SHARED / "amazon-scientific-2018"


def test_evaluate_ranks_ties_against_the_target() -> None:
    scores = torch.tensor([[0.9, 0.1, 0.5], [0.0, 0.0, 0.0]])
    result = evaluate(scores, [0, 2], k=1)
    assert result == {"recall@1": 0.5, "ndcg@1": 0.5}  # a constant scorer earns nothing
    assert evaluate(torch.tensor([[0.1, 0.9]]), [0], k=2)["ndcg@2"] == pytest.approx(1 / torch.log2(torch.tensor(3.0)).item(), abs=1e-4)


def test_statistics_use_each_customer_once_and_tuning_rows_are_held_out() -> None:
    rows = [Row(0, (0,), 1), Row(0, (0, 1), 2), Row(1, (2,), 0)]
    assert full_sequences(rows) == {0: (0, 1, 2), 1: (2, 0)}
    fit_rows, tune = split_for_tuning(rows)
    assert {r.target for r in tune} == {2, 0} and fit_rows == [Row(0, (0,), 1)]
    stats = SequenceStats.fit(full_sequences(fit_rows), 3)
    assert stats.transitions[0, 1] == 1 and stats.popularity.tolist() == [1, 1, 0]


@pytest.mark.parametrize("name", ["sequential", "conversational"])
def test_benchmarks_run_on_a_slice_and_report_baselines(name: str, tmp_path: Path) -> None:
    if not SCI.is_dir():
        pytest.skip("shared sequences absent")
    from recommender.bench import conversational, sequential

    train, held = tmp_path / "train.csv", tmp_path / "valid.csv"
    train.write_text("".join((SCI / "sequences_train.csv").open().readlines()[:600]))
    held.write_text("".join((SCI / "sequences_valid.csv").open().readlines()[:120]))
    module = sequential if name == "sequential" else conversational
    result = module.run(SCI / "items.csv", train, held, 10, Config.from_env({}))
    if name == "sequential":
        assert set(result["baselines"]) >= {"most_popular", "item_cooccurrence"}
        assert 0 <= result["ndcg@10"] <= result["recall@10"] <= 1
    else:
        assert set(result) >= {"request_only", "history_only", "both"}
