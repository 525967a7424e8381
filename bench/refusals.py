"""`bench refusals`: the learned refusal reader (recommender/refusals.py) in grouped
cross-validation over its training file, beside the rules of `exclusions`.

The training conversations come from the development limit probe sets and relevance request
sets (`set`, 28 of them); each fold holds out whole sets, trains a reader on the others and scores the held-out spans, so every figure
is of shoppers whose set the reader never saw. Per threshold it prints precision and recall of
"refused" over the labelled spans, for the reader, the rules (a span is refused by them when one
of their exclusions holds all its words; the rules were written on these very sets, so their
figures are flattered) and both together (what is served), with the spread over seeds, and
`chosen_threshold`: the one where both together, averaged over the seeds run, lose at most a point
of the rules' precision and add the most recall (`choose`). The served threshold is that choice
over seeds 0 and 1 (0.8 on the current file; seed 0 alone picks 0.7, which loses exactly a point).
"""
from __future__ import annotations

import statistics
import time
from typing import Any

from recommender.config import Config
from recommender.parsing import merge_facts
from recommender.refusals import LAYERS, SWAP, load_examples, train
from recommender.words import stem

THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95)


def _rule_refused(example: dict[str, Any]) -> list[bool]:
    excluded = [{stem(w) for w in e.lower().split()} for e in merge_facts(example["text"].split("\n")).exclusions]
    text = example["text"]
    return [any({stem(w) for w in text[s["start"]:s["end"]].lower().replace("&", " ").split()} <= e for e in excluded)
            for s in example["spans"]]


def _pr(pairs: list[tuple[int, bool]]) -> dict[str, float]:
    tp = sum(1 for y, p in pairs if y and p)
    fp = sum(1 for y, p in pairs if not y and p)
    positives = sum(y for y, _ in pairs)
    return {"precision": round(tp / max(1, tp + fp), 3), "recall": round(tp / max(1, positives), 3)}


def choose(rules_precision: float, by_threshold: dict[str, Any]) -> float:
    """The threshold whose rules-and-reader figures (means over seeds) keep the rules' precision
    within a point and have the most recall; the highest threshold where recall ties, and where none
    keeps it, the highest."""
    kept = [th for th in THRESHOLDS
            if round(rules_precision - by_threshold[str(th)]["rules_and_reader"]["precision"]["mean"], 3) <= 0.01]
    return max(kept, key=lambda th: (by_threshold[str(th)]["rules_and_reader"]["recall"]["mean"], th),
               default=THRESHOLDS[-1])


def run(config: Config, folds: int = 3, seeds: tuple[int, ...] = (0,), swap: float = SWAP,
        layers: int = LAYERS) -> dict[str, Any]:
    import torch

    started = time.perf_counter()
    examples = load_examples()
    sets = sorted({ex["set"] for ex in examples})
    rules = [_rule_refused(ex) for ex in examples]
    per_seed: list[dict[str, Any]] = []
    for seed in seeds:
        scores: list[list[float]] = [[] for _ in examples]
        for k in range(folds):
            held = set(sets[k::folds])
            scorer = train([ex for ex in examples if ex["set"] not in held], config.model_path, seed=seed, swap=swap,
                           layers=layers)
            with torch.inference_mode():
                for i, ex in enumerate(examples):
                    if ex["set"] in held and ex["spans"]:
                        z, _ = scorer.logits(ex["text"], [(s["start"], s["end"]) for s in ex["spans"]])
                        scores[i] = torch.sigmoid(z).tolist()
        figures: dict[str, Any] = {}
        for th in THRESHOLDS:
            reader = [(s["label"], p >= th) for ex, ps in zip(examples, scores) for s, p in zip(ex["spans"], ps)]
            both = [(s["label"], p >= th or r) for ex, ps, rs in zip(examples, scores, rules)
                    for s, p, r in zip(ex["spans"], ps, rs)]
            figures[str(th)] = {"reader": _pr(reader), "rules_and_reader": _pr(both)}
        per_seed.append(figures)
    rule_pairs = [(s["label"], r) for ex, rs in zip(examples, rules) for s, r in zip(ex["spans"], rs)]
    summary: dict[str, Any] = {}
    for name in map(str, THRESHOLDS):
        summary[name] = {}
        for who in ("reader", "rules_and_reader"):
            summary[name][who] = {m: {"mean": round(statistics.mean(f[name][who][m] for f in per_seed), 3),
                                      "sd": round(statistics.pstdev(f[name][who][m] for f in per_seed), 3)}
                                for m in ("precision", "recall")}
    rules_figures = _pr(rule_pairs)
    return {"conversations": len(examples), "spans": sum(len(ex["spans"]) for ex in examples),
            "refused": sum(s["label"] for ex in examples for s in ex["spans"]), "sets": sets, "folds": folds,
            "seeds": list(seeds), "swap": swap, "layers": layers, "served_threshold": config.refusal_threshold,
            "chosen_threshold": choose(rules_figures["precision"], summary), "rules": rules_figures,
            "by_threshold": summary, "seconds": round(time.perf_counter() - started, 1)}
