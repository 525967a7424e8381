"""`bench limits`: a stated budget, exclusion or recipient broken by a listed product is counted."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import limits
from recommender.config import ROOT, Config


def item(title: str, price: float | None = 10.0, category: str = "Toys & Games", brand: str = "") -> dict:
    return {"title": title, "price": price, "category": category, "brand": brand}


def test_each_limit_is_read_from_the_listed_product() -> None:
    probe = {"turns": ["x"], "cap": 20, "forbid": "funko", "groups": ["girls"]}
    assert limits.breaks(probe, item("A plush", 19.99)) == []
    assert limits.breaks(probe, item("A plush", 20.01)) == ["budget"]
    assert limits.breaks(probe, item("A plush", None)) == ["budget"]  # unpriced never fits a budget
    assert limits.breaks(probe, item("A vinyl figure", brand="Funko")) == ["exclusion"]
    assert limits.breaks(probe, item("Boys' Ninja Costume")) == ["recipient"]
    assert limits.breaks(probe, item("Ninja Costume", category="Costumes > Men")) == ["recipient"]


def test_whom_a_listing_names_is_read_from_its_title_first() -> None:
    assert limits.named_groups("Child's Dora Costume", "Costumes > Kids & Baby > Girls") == {"boys", "girls", "baby"}
    assert limits.named_groups("Dora Costume", "Costumes > Kids & Baby > Girls > Costumes") == {"girls"}
    assert limits.named_groups("Fat Suit For Adults And Children") == {"men", "women", "boys", "girls", "baby"}
    assert limits.named_groups("Unisex Rain Poncho") == set()
    assert limits.named_groups("DC Artists Alley: Wonder Woman Figure") == set()
    assert limits.named_groups("Spider-Man Mask for Boys") == {"boys"}
    assert limits.named_groups("Baby Alive Luv 'n Snuggle Baby Doll", "Toys & Games > Dolls") == set()
    assert limits.named_groups("Best Dad Ever Mug") == {"men"}


def test_the_demo_probes_keep_every_stated_limit() -> None:
    out = limits.run(ROOT / "data" / "catalog.csv", Config.from_env())
    assert out["probes"] == 14 and out["by_limit"]["budget"]["stated"] == 10
    assert out["broken"] == 0 and out["empty_lists"] == 0, out["broken_probes"]


def test_a_list_that_breaks_a_limit_is_reported(tmp_path: Path) -> None:
    probes = tmp_path / "p.jsonl"
    probes.write_text(json.dumps({"turns": ["a lego set"], "forbid": "lego", "cap": None, "groups": None}) + "\n"
                      + json.dumps({"turns": ["a telescope", "under $100"], "cap": 5}) + "\n")
    out = limits.run(ROOT / "data" / "catalog.csv", Config.from_env(), probes)
    assert out["broken"] == 2 and out["by_limit"]["exclusion"] == {"stated": 1, "broken": 1}
    assert out["by_limit"]["budget"] == {"stated": 1, "broken": 1}
    assert all(p["broken"] and not p["empty"] for p in out["broken_probes"])


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "data" / "limits").glob("*.jsonl")))
def test_the_probe_files_are_well_formed(name: str) -> None:
    assert limits.load_probes(ROOT / "data" / "limits" / name)


@pytest.mark.parametrize("line, error", [('{"turns": []}', "turns"), ('{"turns": "hi"}', "turns"),
                                         ('{"turns": ["hi"], "groups": ["kids"]}', "unknown groups")])
def test_a_bad_probe_is_named(tmp_path: Path, line: str, error: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(ValueError, match=error):
        limits.load_probes(path)
