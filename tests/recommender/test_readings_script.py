"""scripts/readings.py: the rules' readings of the development conversations, and their diff."""
from __future__ import annotations

import importlib.util

from conftest import KEPT_UNREAD

from recommender.config import ROOT


def _script():
    spec = importlib.util.spec_from_file_location("readings", ROOT / "scripts" / "readings.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


def test_reads_no_blind_set_and_every_development_one():
    script = _script()
    sets = {where for where, _ in script.conversations()}
    assert not {s for s in sets if KEPT_UNREAD.search(s)}
    assert {"limits/toys-new17", "relevance/toys-final11", "limits/demo"} <= sets


def test_a_reading_states_the_budget_exclusions_and_focus_and_the_diff_names_what_changed():
    script = _script()
    index = script._index(script.DEMO_CATALOG)
    turns = ["a puzzle for my nephew, not disney, under $30"]
    read = script.reading(turns, index)
    assert read["budget"][1] == 30 and "disney" in read["exclusions"] and read["focus"][0] == "puzzle"
    old = {"\n".join(turns): {"set": "limits/demo", **read}}
    new = {"\n".join(turns): {"set": "limits/demo", **read, "exclusions": []}, "only new": {"set": "x"}}
    changed = script.diff(old, new)
    assert changed == [{"set": "limits/demo", "text": turns[0], "exclusions": [["disney"], []]}]
    assert script.diff(old, old) == []
