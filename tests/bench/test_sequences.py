"""The sequence metrics and benchmark plumbing (figures themselves are printed, not asserted)."""
from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest
import torch
from conftest import SHARED

from recommender.config import Config
from recommender.sequential.data import Row, full_sequences, split_for_tuning
from recommender.sequential.ease import ease_weights
from recommender.sequential.features import FEATURES, SequenceScorer, SequenceStats
from recommender.sequential.fitting import cross_fitted_features
from recommender.sequential.metrics import evaluate
from recommender.sequential.mixer import LearnedMix, MixerConfig
from recommender.sequential.next_item import NextItemConfig, NextItemModel

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


def test_cross_fitted_features_never_see_their_own_target_but_see_the_other_folds() -> None:
    # Customers 0 and 1 land in different folds (sorted users, round robin over 2 folds).
    # Each one's last purchase is an item nobody else bought: 4 for customer 0, 5 for customer 1.
    rows = [Row(0, (0,), 1), Row(0, (0, 1), 4), Row(1, (0,), 1), Row(1, (0, 1), 5), Row(2, (1,), 0)]
    vectors = torch.nn.functional.normalize(torch.randn(6, 8, generator=torch.Generator().manual_seed(0)), dim=1)
    tune, feats = cross_fitted_features(rows, vectors, folds=2)
    row = {r.user: i for i, r in enumerate(tune)}
    assert {r.user: r.target for r in tune} == {0: 4, 1: 5, 2: 0}
    # Its own target is unseen: no co-occurrence, no transition into it...
    assert feats["cooc"][row[0], 4] == 0 and feats["trans_last"][row[0], 4] == 0
    assert feats["cooc"][row[1], 5] == 0 and feats["trans_last"][row[1], 5] == 0
    # ...while the other fold's last purchase is: 1 -> 5 (customer 1) counts for customer 0, and back.
    assert feats["trans_last"][row[0], 5] > 0 and feats["trans_last"][row[1], 4] > 0


@pytest.mark.parametrize("name", ["sequential", "conversational"])
def test_benchmarks_run_on_a_slice_and_report_baselines(name: str, tmp_path: Path) -> None:
    if not SCI.is_dir():
        pytest.skip("shared sequences absent")
    from bench import conversational, sequential

    train, held = tmp_path / "train.csv", tmp_path / "valid.csv"
    train.write_text("".join((SCI / "sequences_train.csv").open().readlines()[:600]))
    held.write_text("".join((SCI / "sequences_valid.csv").open().readlines()[:120]))
    if name == "sequential":
        result = sequential.run(SCI / "items.csv", train, held, 10, Config.from_env({}), offline=True)
        assert set(result["baselines"]) >= {"most_popular", "item_cooccurrence"}
        assert 0 <= result["ndcg@10"] <= result["recall@10"] <= 1
        # Served: the slice's training customers became a store's orders and a trained model.
        served = result["seeds"][0]
        assert served["history_model"]["customers"] == 117 and served["rows_whose_history_is_their_stored_orders"] > 0
        assert set(result["offline"]["ndcg@10_each_feature_alone"]["valid"]) == set(FEATURES)
        tuned = sequential.run(SCI / "items.csv", train, tmp_path / "never-read.csv", 10, Config.from_env({}), tune=True)
        assert tuned["rows"] == 117 and tuned["seeds"][0]["rows_whose_history_is_their_stored_orders"] == 117
    else:
        result = conversational.run(SCI / "items.csv", train, held, 10, Config.from_env({}))
        assert set(result) >= {"request_only", "history_only", "both"}


def test_ease_reconstructs_a_planted_co_purchase_pattern() -> None:
    # Items 0 and 1 are always bought together, 2 and 3 likewise; 4 is bought alone, often.
    sequences = {u: (0, 1) for u in range(20)} | {20 + u: (2, 3) for u in range(20)}
    sequences |= {40 + u: (4,) for u in range(30)}
    weights = ease_weights(sequences, 5, l2=1.0)
    assert weights.diagonal().abs().max() == 0
    assert weights[0].argmax() == 1 and weights[2].argmax() == 3
    assert weights[0, 4] <= 0 < weights[0, 1]  # popularity alone earns no weight
    with pytest.raises(ValueError, match="l2 must be positive"):
        ease_weights(sequences, 5, l2=0.0)


@pytest.mark.parametrize("arch", ["attention", "gru"])
def test_next_item_model_learns_a_planted_order(arch: str) -> None:
    # Customers buy 0 -> 1 -> 2 -> 3 (or the tail of it); the text vectors carry no hint.
    torch.manual_seed(0)
    vectors = torch.nn.functional.normalize(torch.randn(8, 12), dim=1)
    sequences = {u: tuple(range(u % 3, 4)) for u in range(60)}
    config = NextItemConfig(arch=arch, dim=16, epochs=30, batch_size=16, seeds=1)
    model = NextItemModel.fit(sequences, vectors, config)
    scores = model.scores([(0,), (0, 1), (1, 2)])
    assert scores.argmax(dim=1).tolist() == [1, 2, 3]
    with pytest.raises(ValueError, match="unknown next-item arch"):
        NextItemModel.fit(sequences, vectors, NextItemConfig(arch="lstm"))


def test_scorer_features_include_ease_and_the_next_item_model() -> None:
    vectors = torch.nn.functional.normalize(torch.randn(6, 8), dim=1)
    sequences = {u: (0, 1, 2) for u in range(10)}
    stats = SequenceStats.fit(sequences, 6)
    plain = SequenceScorer(stats, vectors).features([(0,)])
    assert set(plain) == set(FEATURES) and plain["next_item"].abs().max() == 0  # no model, no signal
    assert plain["ease"][0].argmax() in (1, 2)
    model = NextItemModel.fit(sequences, vectors, NextItemConfig(dim=8, epochs=2, seeds=1))
    assert SequenceScorer(stats, vectors, next_item=model).features([(0,)])["next_item"].abs().max() > 0


def test_next_item_fits_from_one_seed_are_identical() -> None:
    # Big enough for the threads to split the embedding backward: without deterministic
    # kernels two fits differed by ~1.5e-6 here.
    g = torch.Generator().manual_seed(0)
    vectors = torch.nn.functional.normalize(torch.randn(400, 32, generator=g), dim=1)
    sequences = {u: tuple(torch.randint(0, 400, (6,), generator=g).tolist()) for u in range(600)}
    config = NextItemConfig(seeds=1, epochs=2)
    histories = [s[:3] for s in list(sequences.values())[:50]]
    first, second = (NextItemModel.fit(sequences, vectors, config).scores(histories) for _ in range(2))
    assert torch.equal(first, second)
    assert not torch.are_deterministic_algorithms_enabled()  # the caller's setting is restored


def test_nothing_fitted_reads_the_evaluation_rows(tmp_path: Path) -> None:
    from bench.sequential import fit

    titles = ["pipette tips", "pipette", "beaker", "glass beaker", "safety goggles", "lab coat"]
    (tmp_path / "items.csv").write_text("asin,title,category_path,brand,item_idx\n" + "".join(
        f"A{i},{t},Lab,,{i}\n" for i, t in enumerate(titles)))
    (tmp_path / "train.csv").write_text("user_idx,history,target\n" + "".join(
        f"{u},{' '.join(map(str, seq[:j]))},{seq[j]}\n"
        for u, seq in enumerate([(1, 0, 2, 3), (2, 3, 4), (4, 5, 1), (1, 0, 4)] * 3) for j in range(1, len(seq))))
    config = replace(Config.from_env({}), cache_dir=tmp_path / "cache")
    fitted = []
    for name, target in (("a.csv", 5), ("b.csv", 0)):
        (tmp_path / name).write_text(f"user_idx,history,target\n0,1 0 2 3,{target}\n1,2 3 4,{target}\n")
        fitted.append(fit(tmp_path / "items.csv", tmp_path / "train.csv", tmp_path / name, 10, config))
    a, b = fitted
    assert a.scorer.weights == b.scorer.weights
    histories = [r.history for r in a.rows]
    assert torch.equal(a.scorer.scores(histories), b.scorer.scores(histories))


def test_learned_mix_finds_the_informative_feature_and_ignores_noise() -> None:
    torch.manual_seed(0)
    signal, noise = torch.randn(300, 20), torch.randn(300, 20)
    bought = torch.zeros(300, 20, dtype=torch.bool)
    bought[:, 0] = True  # item 0 is always already bought, so never the answer
    targets = signal.masked_fill(bought, -math.inf).argmax(dim=1).tolist()
    feats = {"signal": signal, "noise": noise}
    mix = LearnedMix.fit({n: f[:200] for n, f in feats.items()}, targets[:200], bought[:200], ("signal", "noise"),
                         MixerConfig(epochs=30, batch_size=32, seeds=2))
    held = mix({n: f[200:] for n, f in feats.items()}).masked_fill(bought[200:], -math.inf)
    assert evaluate(held, targets[200:], k=1)["recall@1"] > 0.9
