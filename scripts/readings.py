"""What the rules read from every development conversation, and which readings two versions of
the code disagree on: the "readings changed" counts of the README come from this command.

A reading is what the conversation states by rules alone (no model): the budget (floor, ceiling,
the amount said with "about"), the age, the exclusions, whom it is for, and the focus (what was
named, over the catalog the set was written for). The conversations are the development ones
only, never the blind sets: the limit probes, the relevance requests and the refusal reader's
training file. Usage, from the root of each version (a git worktree of the older one):

    python scripts/readings.py --toys ../shared/data/amazon-toys-2020/catalog.csv --out /tmp/new.json
    python scripts/readings.py --diff /tmp/old.json /tmp/new.json

Without `--toys` the sets written over the toys catalog are read for budgets, ages, exclusions and
recipients alone (no focus).
"""
from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recommender.catalog import load_catalog
from recommender.config import ROOT
from recommender.focus import find_focus
from recommender.lexical import LexicalIndex
from recommender.parsing import merge_facts
from recommender.refusals import TRAINING_FILE

# The development sets (the refusal reader trains on those of scripts/refusal_data.py, written before
# toys-new19 to new21 and toys-final12);
# toys-new16, toys-new18, the toys-blind sets and relevance toys-final5/6/7/8/10 are never read.
LIMITS = ["demo", "toys", "toys-new", *(f"toys-new{n}" for n in [*range(2, 16), 17, 19, 20, 21])]
RELEVANCE = ["demo", "toys", "toys-test", "toys-heldout", "toys-phrasing", "toys-final", "toys-final2",
             "toys-final3", "toys-final4", "toys-final9", "toys-final11", "toys-final12"]
DEMO_CATALOG = ROOT / "data" / "catalog.csv"


def conversations() -> list[tuple[str, list[str]]]:
    """(set, turns) of every development conversation, the demo sets first."""
    out = []
    for name in LIMITS:
        for line in (ROOT / "data" / "limits" / f"{name}.jsonl").read_text().splitlines():
            if line.strip():
                out.append((f"limits/{name}", json.loads(line)["turns"]))
    for name in RELEVANCE:
        for line in (ROOT / "data" / "relevance" / f"{name}.jsonl").read_text().splitlines():
            if line.strip():
                out.append((f"relevance/{name}", [json.loads(line)["text"]]))
    for line in TRAINING_FILE.read_text().splitlines():
        if line.strip():
            example = json.loads(line)
            out.append((example["set"], example["text"].split("\n")))
    return out


@functools.cache
def _index(path: Path) -> LexicalIndex:
    return LexicalIndex.build(load_catalog(path))


def reading(turns: list[str], index: LexicalIndex | None) -> dict[str, Any]:
    facts = merge_facts(turns)
    out: dict[str, Any] = {
        "budget": [facts.budget_min, facts.budget_max, facts.around], "cheap": facts.cheap,
        "age": facts.age, "age_range": list(facts.age_range) if facts.age_range else None,
        "exclusions": list(facts.exclusions),
        "recipient": sorted(facts.recipient.child | facts.recipient.adult) if facts.recipient else None,
    }
    if index is not None:
        focus = find_focus(turns, index, facts.exclusions)
        out["focus"] = [focus.phrase, [list(a) for a in focus.alternatives], list(focus.missing)]
    return out


def read_all(toys: Path | None) -> dict[str, Any]:
    out = {}
    for where, turns in conversations():
        demo = where.endswith("/demo")
        catalog = DEMO_CATALOG if demo else toys
        index = _index(catalog) if catalog is not None and catalog.exists() else None
        out["\n".join(turns)] = {"set": where, **reading(turns, index)}  # a conversation in several sets: read once
    return out


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """The conversations read in both whose readings differ, field by field."""
    changed = []
    for text in old.keys() & new.keys():
        fields = {k: [old[text].get(k), new[text].get(k)] for k in new[text]
                  if k != "set" and old[text].get(k) != new[text].get(k)}
        if fields:
            changed.append({"set": new[text]["set"], "text": text, **fields})
    return sorted(changed, key=lambda c: (c["set"], c["text"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--toys", type=Path, help="the shared Amazon toys catalog.csv (for the focus)")
    parser.add_argument("--out", type=Path, help="write the readings here (JSON)")
    parser.add_argument("--diff", type=Path, nargs=2, metavar=("OLD", "NEW"), help="two files --out wrote")
    args = parser.parse_args()
    if args.diff:
        old, new = (json.loads(p.read_text()) for p in args.diff)
        changed = diff(old, new)
        for c in changed:
            print(json.dumps(c, ensure_ascii=False))
        print(json.dumps({"read": len(old.keys() & new.keys()), "changed": len(changed),
                          "only_old": len(old.keys() - new.keys()), "only_new": len(new.keys() - old.keys())}))
        return
    if not args.out:
        parser.error("--out or --diff is required")
    readings = read_all(args.toys)
    args.out.write_text(json.dumps(readings, ensure_ascii=False, indent=0))
    print(json.dumps({"conversations": len(readings), "with_focus": sum("focus" in r for r in readings.values())}))


if __name__ == "__main__":
    main()
