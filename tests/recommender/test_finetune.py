"""Fine-tuning writes a loadable, versioned model and promotes it only when it is better."""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from conftest import SHARED

from recommender.config import Config
from recommender.encoder import SentenceTransformerEncoder
from recommender.finetune import FinetuneConfig, finetune, promote, run_finetune

SCI = SHARED / "amazon-scientific-2018"


def test_finetune_writes_a_model_that_encodes(tmp_path: Path) -> None:
    pairs = [(f"kids science kit number {i}", f"microscope set {i}", f"garden hose {i}") for i in range(8)]
    out = finetune(Config().model_path, pairs, tmp_path / "m", FinetuneConfig(batch_size=4))
    vectors = SentenceTransformerEncoder(out).encode(["a microscope"])
    assert vectors.shape == (1, 384) and (out / "finetune.json").is_file()


def test_promote_points_current_at_the_candidate(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    promote(tmp_path, a)
    promote(tmp_path, b)
    assert (tmp_path / "current").resolve() == b.resolve()


def test_finetune_command_evaluates_and_decides(tmp_path: Path) -> None:
    if not SCI.is_dir():
        pytest.skip("shared sequences absent")
    train, held = tmp_path / "train.csv", tmp_path / "valid.csv"
    train.write_text("".join((SCI / "sequences_train.csv").open().readlines()[:150]))
    held.write_text("".join((SCI / "sequences_valid.csv").open().readlines()[:80]))
    config = Config.from_env({}, models_dir=tmp_path / "models", cache_dir=tmp_path / "cache",
                             database_url=f"sqlite:///{tmp_path / 'db.sqlite'}")
    args = argparse.Namespace(items=SCI / "items.csv", train=train, sequences=held, epochs=1, batch_size=16,
                              max_minutes=2.0, max_pairs=48)
    result = run_finetune(config, args)
    assert Path(result["model"]).is_dir()
    assert result["promoted"] == (result["ndcg@10_new"] > result["ndcg@10_base"])
    assert (tmp_path / "models" / "current").exists() == result["promoted"]
