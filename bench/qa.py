"""`bench qa`: are product questions answered from the right words of the listing, and refused when it is silent?

The labelled set (`data/qa/questions.jsonl`) was written by hand over the demo catalog and the
shared Amazon toys catalog, apart from this code: each line names a product, a question,
whether the listing answers it and, when it does, verbatim pieces of the listing that a right
quote holds. Its `split` is "dev" or "test": "test" was measured once and then, like "dev", developed on.
`questions-dev2.jsonl` to `questions-dev6.jsonl` (splits "dev2" to "dev6") and
`questions-final.jsonl` to `questions-final3.jsonl` ("final", "final2", "final3") were written
later by helper sessions that read no QA code, in shoppers' words rather than the listing's; the
dev splits are developed on, the final ones are the figures to expect. `--sweep` chooses settings
on dev, test and dev2 to dev6 only (`objective`), with cross-validated figures.
Rows of the toys catalog are skipped when `../shared/data` is absent (`skipped` counts them).

Per method and split:
- answer_rate: answerable questions answered;
- evidence_correct: answerable questions answered with a right quote (one that holds a labelled
  piece, lies inside one, or shares most of its words), over all answerable questions;
- evidence_precision: right quotes over the answerable questions answered;
- abstention: unanswerable questions answered "the listing doesn't say";
- p50/p95 latency of one question (the shipped method; the passage vectors of a product are
  encoded on its first question).
Methods: "lexical" (question words only, the baseline) and "shipped" (sentence encoder, words
and aspects, `recommender/qa.py`).
"""
from __future__ import annotations

import json
import math
import random
import statistics
import time
from collections import Counter
from dataclasses import asdict, replace
from itertools import product as grid
from pathlib import Path
from typing import Any

from recommender.api import Answer
from recommender.catalog import Catalog, load_catalog
from recommender.config import ROOT, Config
from recommender.encoder import load_encoder
from recommender.qa import Answerer, Settings, compose
from recommender.question_reading import words

QUESTIONS = ROOT / "data" / "qa" / "questions.jsonl"
# A second set, written later by a helper session that read no QA code, all of it split "final":
# measured at the ends of rounds and sessions (aggregates only), never developed on.
FINAL = ROOT / "data" / "qa" / "questions-final.jsonl"
# A third, written by another helper session in many shoppers' voices and mostly not in the
# listing's words: development data (its misses were read), split "dev2".
DEV2 = ROOT / "data" / "qa" / "questions-dev2.jsonl"
# Two more, written in the same way by two further helper sessions (150 and 160 questions over
# products none of the earlier sets asks about): "dev3" developed on, "final2" never read.
DEV3 = ROOT / "data" / "qa" / "questions-dev3.jsonl"
FINAL2 = ROOT / "data" / "qa" / "questions-final2.jsonl"
# Four more of 150 (110 toys over products no earlier set asks about, 40 demo), written the same
# way by four helper sessions at once: "dev4" to "dev6" developed on (each measured once unread
# first), "final3" never read.
DEV4, DEV5, DEV6 = (ROOT / "data" / "qa" / f"questions-dev{n}.jsonl" for n in (4, 5, 6))
FINAL3 = ROOT / "data" / "qa" / "questions-final3.jsonl"
# Three more of 150 (110 toys over 55 products no earlier set asks about, 40 demo), written the same
# way by three helper sessions at once: "dev7" and "dev8" developed on (each measured once unread
# first), "final4" never read.
DEV7, DEV8 = (ROOT / "data" / "qa" / f"questions-dev{n}.jsonl" for n in (7, 8))
FINAL4 = ROOT / "data" / "qa" / "questions-final4.jsonl"
SETS = (QUESTIONS, DEV2, DEV3, DEV4, DEV5, DEV6, DEV7, DEV8, FINAL, FINAL2, FINAL3, FINAL4)
DEVELOPMENT = ("dev", "test", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8")
SPLITS = (*DEVELOPMENT, "final", "final2", "final3", "final4")
TOYS = ROOT.parent / "shared" / "data" / "amazon-toys-2020" / "catalog.csv"
LEXICAL = Settings(lexical=1.0, aspect=0.0, threshold=0.5, floor=math.inf, margin=math.inf)


def load_set(path: Path = QUESTIONS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]


def catalogs(config: Config, toys: Path = TOYS) -> dict[str, Catalog]:
    found = {"demo": load_catalog(ROOT / "data" / "catalog.csv", "", config.default_currency)}
    if toys.is_file():
        found["toys"] = load_catalog(toys, "", config.default_currency)
    return found


def right_quote(quote: str, gold: list[str]) -> bool:
    """Whether a quote holds a labelled piece, lies inside one (3+ words), or shares most of its words."""
    for g in gold:
        if g in quote or (quote in g and len(quote.split()) >= 3):
            return True
        want = set(words(g))
        if want and len(want & set(words(quote))) >= 0.6 * len(want):
            return True
    return False


def score(rows: list[dict[str, Any]], answers: list[Answer]) -> dict[str, Any]:
    answerable = [(r, a) for r, a in zip(rows, answers, strict=True) if r["answerable"]]
    silent = [(r, a) for r, a in zip(rows, answers, strict=True) if not r["answerable"]]
    answered = [(r, a) for r, a in answerable if a["answered"]]
    right = [(r, a) for r, a in answered
             if any(right_quote(e["text"], r["evidence"]) or e["field"] == r.get("field") for e in a["evidence"])]
    n = max(len(answerable), 1)
    return {"questions": len(rows), "answerable": len(answerable), "unanswerable": len(silent),
            "answer_rate": round(len(answered) / n, 3), "evidence_correct": round(len(right) / n, 3),
            "evidence_precision": round(len(right) / max(len(answered), 1), 3),
            "abstention": round(sum(not a["answered"] for _, a in silent) / max(len(silent), 1), 3)}


def answer_all(answerer: Answerer, rows: list[dict[str, Any]], found: dict[str, Catalog]) -> tuple[list[Answer], list[float]]:
    answers, seconds = [], []
    for r in rows:
        product = found[r["catalog"]].get(r["product_id"])
        assert product is not None, f"{r['catalog']} has no product {r['product_id']}"
        started = time.perf_counter()
        answers.append(answerer.ask(product, r["question"]))
        seconds.append(time.perf_counter() - started)
    return answers, seconds


GOALS = {"evidence_correct": 0.80, "answer_rate": 0.85, "abstention": 0.85}  # issue #13's done-when


def objective(figures: dict[str, Any]) -> float:
    """What settings are chosen for: the figure furthest below its goal, as a share of the goal
    (1.0 = every goal met), so answering more is never bought with guessing more, nor the reverse."""
    return min(figures[k] / goal for k, goal in GOALS.items())


def run(config: Config, paths: tuple[Path, ...] = SETS, sweep: bool = False) -> dict[str, Any]:
    found = catalogs(config)
    rows = [r for path in paths if path.is_file() for r in load_set(path)]
    usable = [r for r in rows if r["catalog"] in found]
    encoder = load_encoder(config)
    encode = encoder.encode
    shipped = Answerer(encode)
    result: dict[str, Any] = {"sets": [str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p) for p in paths],
                              "skipped": len(rows) - len(usable), "catalogs": sorted(found),
                              "settings": {"shipped": _settings(asdict(shipped.settings)), "lexical": _settings(asdict(LEXICAL))}}
    if sweep:  # choose on the development splits only, never on "final"
        result["sweep"] = _sweep([r for r in usable if r["split"] in DEVELOPMENT], found, encode)
    pooled: dict[str, dict[str, list[Any]]] = {k: {"rows": [], "lexical": [], "shipped": []} for k in ("development", "blind")}
    for split in SPLITS:
        part = [r for r in usable if r["split"] == split]
        if not part:
            continue
        lexical, _ = answer_all(Answerer(None, LEXICAL), part, found)
        answers, seconds = answer_all(shipped, part, found)
        ms = sorted(s * 1000 for s in seconds) or [0.0]
        result[split] = {"lexical": score(part, lexical), "shipped": score(part, answers),
                         "latency_ms": {"p50": round(statistics.median(ms), 1),
                                        "p95": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 1)}}
        into = pooled["development" if split in DEVELOPMENT else "blind"]
        into["rows"] += part
        into["lexical"] += lexical
        into["shipped"] += answers
    for name, p in pooled.items():  # the development splits together, and the final ones
        if p["rows"]:
            result[name] = {m: score(p["rows"], p[m]) for m in ("lexical", "shipped")}
    result["answers_refused_by_verifier"] = shipped.refused  # composed, failed `verify`, said as "doesn't say"
    return result


# lexical, aspect: how passages are scored (1.5 and 0.6 added once 1.0 and 0.4, the grid's edge, were chosen)
SCORING = tuple(grid((0.3, 0.6, 1.0, 1.5), (0.0, 0.15, 0.25, 0.4, 0.6)))
DECIDING = tuple(grid((0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 1.0), (0.4, 0.5, 0.55, 0.6, 0.7, math.inf),
                      (0.1, 0.15, 0.2, 0.3)))  # threshold, floor, margin
SWEEP = tuple((*a, *b) for a in SCORING for b in DECIDING if b[1] < b[0] or (b[1] == math.inf and b[2] == 0.1))
NAMES = ("lexical", "aspect", "threshold", "floor", "margin")
Key = tuple[float, ...]


def _sweep(rows: list[dict[str, Any]], found: dict[str, Catalog], encode: Any, folds: int = 5,
           seeds: tuple[int, ...] = (0, 1, 2)) -> dict[str, Any]:
    """Every setting of the grid on `rows`: the best five on all of them, and what choosing that way
    gives on data it was not chosen on (folds by product, over seeds). Passages are scored once per
    (lexical, aspect); each way of deciding is then applied to those scores."""
    answerer = Answerer(encode)  # one passage-vector cache for every setting tried
    products = [found[r["catalog"]].get(r["product_id"]) for r in rows]
    assert all(products), "every row's product is in its catalog"
    answers: dict[Key, list[Answer]] = {}
    for lexical, aspect in SCORING:
        answerer.settings = replace(Settings(), lexical=lexical, aspect=aspect)
        ranked = [answerer.ranked(p, r["question"]) for p, r in zip(products, rows, strict=True) if p]
        for key in (k for k in SWEEP if k[:2] == (lexical, aspect)):
            answerer.settings = Settings(**dict(zip(NAMES, key, strict=True)))
            answers[key] = [compose(p, r["question"], answerer.choose(found_))
                            for p, r, found_ in zip(products, rows, ranked, strict=True) if p]

    def figures(idx: list[int], key: Key) -> dict[str, Any]:
        return score([rows[i] for i in idx], [answers[key][i] for i in idx])

    everything = list(range(len(rows)))
    best = sorted(SWEEP, key=lambda key: -objective(figures(everything, key)))[:5]
    held_out: list[dict[str, Any]] = []
    chosen: list[Key] = []
    for seed in seeds:
        ids = sorted({r["product_id"] for r in rows})
        random.Random(seed).shuffle(ids)
        fold = {pid: i % folds for i, pid in enumerate(ids)}
        for k in range(folds):
            train = [i for i, r in enumerate(rows) if fold[r["product_id"]] != k]
            test = [i for i, r in enumerate(rows) if fold[r["product_id"]] == k]
            key = max(SWEEP, key=lambda key: objective(figures(train, key)))
            chosen.append(key)
            held_out.append(figures(test, key))
    return {
        "best": [{"settings": _settings(dict(zip(NAMES, key, strict=True))),
                  **figures(everything, key), "objective": round(objective(figures(everything, key)), 3)} for key in best],
        "cross_validated": {k: {"mean": round(statistics.mean(f[k] for f in held_out), 3),
                                "sd": round(statistics.stdev(f[k] for f in held_out), 3)} for k in GOALS},
        "chosen_most_often": _settings(dict(zip(NAMES, Counter(chosen).most_common(1)[0][0], strict=True))),
    }


def _settings(values: dict[str, float]) -> dict[str, float | None]:
    """Settings as JSON: a rule that is off (an infinite floor or margin) as null."""
    return {k: None if math.isinf(v) else v for k, v in values.items()}
