"""Benchmarks: each prints one JSON object of figures and asserts nothing."""
from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from recommender.config import Config

__all__ = ["labelled_set", "scratch_config", "sequential"]


@contextmanager
def scratch_config(config: Config, catalog_path: Path) -> Iterator[Config]:
    """`config` over `catalog_path` with a database of its own, removed when the bench is done."""
    with tempfile.TemporaryDirectory() as tmp:
        yield replace(config, catalog_path=catalog_path, database_url=f"sqlite:///{tmp}/bench.db")


def labelled_set(folder: Path, catalog_path: Path) -> Path:
    """A bench's labelled file for a catalog: `toys.jsonl` for the shared Amazon toys catalog,
    else `demo.jsonl` (the demo catalog)."""
    return folder / ("toys.jsonl" if "amazon-toys" in str(catalog_path) else "demo.jsonl")
