"""Write data/refusals/train.jsonl, the refusal reader's training file (recommender/refusals.py),
from the development sets only, never the blind ones: the limit probes (data/limits/) and the
relevance requests (data/relevance/), over the catalog they were written for (the shared Amazon
toys catalog; the demo sets over data/catalog.csv).

Each conversation (its turns joined by newlines) is one line; each candidate span is labelled by
what its set says is refused (a probe's `forbid`, a request's `not`): refused (1) when at least
60% of the products it names are, not refused (0) when at most 15% are, left out between. A span
that its set says is what was asked for (a probe's `kind`, a request's `relevant`: "roller skates"
of "roller skates, not inline ones", "funko" of "funko stuff that isn't a pop figure") is not
refused, though most of what it names may be. The relevance requests mostly name what is wanted
("a massive star wars fan"): they teach the reader that a thing shoppers often refuse is not
refused whenever it is named. Usage:
    python scripts/refusal_data.py --toys ../shared/data/amazon-toys-2020/catalog.csv
"""
from __future__ import annotations

import argparse
import functools
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recommender.catalog import Catalog, load_catalog
from recommender.config import ROOT
from recommender.lexical import LexicalIndex
from recommender.refusals import TRAINING_FILE, WORD, candidates, holders

# toys-new16, toys-new18 and the toys-blind sets are kept unread (measured, never developed on), so they are left out.
LIMITS = ["toys", "toys-new", *(f"toys-new{n}" for n in [*range(2, 16), 17])]
RELEVANCE = ["toys", "toys-test", "toys-heldout", "toys-phrasing", "toys-final", "toys-final2", "toys-final3",
             "toys-final4", "toys-final9"]
REFUSED, NOT_REFUSED = 0.6, 0.15


@functools.cache
def _indexed(catalog_path: Path) -> tuple[Catalog, LexicalIndex]:
    """A catalog and its index, built once for all the sets written over it."""
    catalog = load_catalog(catalog_path)
    return catalog, LexicalIndex.build(catalog)


def examples(probes: Path, catalog_path: Path, refused_key: str = "forbid", wanted_key: str = "kind") -> list[dict]:
    catalog, lexical = _indexed(catalog_path)
    holding = holders(lexical)
    # what each bench reads: `bench limits` a product's title and category, `bench relevance` its brand too
    names = [f"{p.title} | {p.brand if refused_key == 'not' else ''} | {p.category_path}" for p in catalog.products]
    out = []
    for line in probes.read_text().splitlines():
        if not line.strip():
            continue
        probe = json.loads(line)
        forbid = re.compile(probe[refused_key], re.IGNORECASE) if probe.get(refused_key) else None
        wanted = re.compile(probe[wanted_key], re.IGNORECASE) if probe.get(wanted_key) else None
        forbidden = {i for i, name in enumerate(names) if forbid and forbid.search(name)}
        text = "\n".join(probe["turns"]) if "turns" in probe else probe["text"]
        spans = []
        for span in candidates(text, lambda words: len(holding(words))):
            held = holding([m.group().lower() for m in WORD.finditer(span.text)])
            share = len(forbidden.intersection(held.tolist())) / len(held)
            if wanted and wanted.search(span.text) and not (forbid and forbid.search(span.text)):
                spans.append({"start": span.start, "end": span.end, "label": 0})  # what was asked for
            elif share >= REFUSED or share <= NOT_REFUSED:
                spans.append({"start": span.start, "end": span.end, "label": int(share >= REFUSED)})
        out.append({"set": f"{probes.parent.name}/{probes.stem}", "text": text, "spans": spans})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--toys", type=Path, required=True, help="the shared Amazon toys catalog.csv")
    args = parser.parse_args()
    rows = examples(ROOT / "data" / "limits" / "demo.jsonl", ROOT / "data" / "catalog.csv")
    for name in LIMITS:
        rows += examples(ROOT / "data" / "limits" / f"{name}.jsonl", args.toys)
    rows += examples(ROOT / "data" / "relevance" / "demo.jsonl", ROOT / "data" / "catalog.csv", "not", "relevant")
    for name in RELEVANCE:
        rows += examples(ROOT / "data" / "relevance" / f"{name}.jsonl", args.toys, "not", "relevant")
    TRAINING_FILE.parent.mkdir(parents=True, exist_ok=True)
    TRAINING_FILE.write_text("".join(json.dumps(r) + "\n" for r in rows))
    labels = [s["label"] for r in rows for s in r["spans"]]
    print(f"{len(rows)} conversations, {len(labels)} spans, {sum(labels)} refused -> {TRAINING_FILE}")


if __name__ == "__main__":
    main()
