"""Purchase sequences as the history models read them: items, (history -> next) rows, loaders.

`load_items` and `load_rows` read the shared research files (items.csv, sequences_*.csv:
item_idx, history, target); the served model builds the same `Row`s from a store's orders
(`rows_from_sequences`).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


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



def rows_from_sequences(sequences: dict[int, tuple[int, ...]]) -> list[Row]:
    """Every (prefix -> next purchase) of each customer's sequence, as the research files hold them."""
    return [Row(user, seq[:j], seq[j]) for user, seq in sequences.items() for j in range(1, len(seq))]


def split_for_tuning(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """(the earlier rows, each user's last training row): the last rows are the tuning rows."""
    last: dict[int, Row] = {}
    for r in rows:
        if len(r.history) >= len(last.get(r.user, Row(r.user, (), -1)).history):
            last[r.user] = r
    tune = list(last.values())
    tuned = {id(r) for r in tune}
    return [r for r in rows if id(r) not in tuned], tune

