"""Shopper messages the bot was not trained on, through the trained bot's NLU: per-intent
precision and recall, and the rates that matter for trust (`make nlu-eval`).

Runs on the bot's Python (.venv-rasa) with the repository root on PYTHONPATH. Reads JSONL
files of {"text", "intent", "after_list", "kind"}, by default both of data/nlu-eval/ (written
apart from bot/data/nlu by helpers that never read it): shoppers.jsonl, the development set
whose misreads have been looked at, and shoppers-test.jsonl, the test set, committed before any
model saw it and never looked at message by message. Reports, for the classifier alone and for
the classifier followed by the verdict gate (bot/verdicts.py), side by side:

- judging misfires: messages that are no judgement (not accept, reject, too_expensive,
  add_to_cart, explanation_helpful/unhelpful) read as one, i.e. a feedback event stored that the
  shopper never gave; the issue's goal is at most 1%;
- needs handled as requests: kinds need, need_not_sold and refinement read as ask_recommendation
  (goal at least 90%);
- product questions routed to an answer (ask_price for a price) or to a clarifying question
  (nlu_fallback: "Just to check ..."), goal at least 80%.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import logging
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.verdicts import JUDGING

NEEDS = ("need", "need_not_sold", "refinement")
QUESTIONS = ("product_question", "price_question")
ANSWERED = ("ask_price", "ask_product_question", "nlu_fallback", "ask_why", "compare")


def rates(rows: list[dict], predicted: list[str]) -> dict[str, object]:
    """The trust rates and per-intent precision/recall of one set of predictions."""
    not_judging = [p for r, p in zip(rows, predicted) if r["intent"] not in JUDGING]
    needs = [p for r, p in zip(rows, predicted) if r["kind"] in NEEDS]
    questions = [p for r, p in zip(rows, predicted) if r["kind"] in QUESTIONS]
    per_intent: dict[str, dict[str, float]] = {}
    for intent in sorted({r["intent"] for r in rows} | set(predicted)):
        tp = sum(r["intent"] == intent and p == intent for r, p in zip(rows, predicted))
        gold = sum(r["intent"] == intent for r in rows)
        said = sum(p == intent for p in predicted)
        per_intent[intent] = {"support": gold, "precision": round(tp / said, 3) if said else 0.0,
                              "recall": round(tp / gold, 3) if gold else 0.0}
    return {
        "judging_misfire": round(sum(p in JUDGING for p in not_judging) / max(1, len(not_judging)), 4),
        "misfired": sum(p in JUDGING for p in not_judging), "not_judging": len(not_judging),
        "needs_as_requests": round(sum(p == "ask_recommendation" for p in needs) / max(1, len(needs)), 4),
        "questions_answered_or_clarified": round(sum(p in ANSWERED for p in questions) / max(1, len(questions)), 4),
        "accuracy": round(sum(r["intent"] == p for r, p in zip(rows, predicted)) / len(rows), 4),
        "per_intent": per_intent,
    }


def training_texts(nlu_dir: Path) -> list[str]:
    """Every example of the bot's NLU data, annotations removed ("[lego](brand)" -> "lego")."""
    import yaml

    texts = []
    for path in sorted(nlu_dir.glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if "intent" not in block:  # lookup tables, synonyms and regexes
                continue
            for line in str(block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    texts.append(re.sub(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\{[^}]*\}", r"\1\2", line.strip()[2:]))
    return texts


def near_training(texts: list[str], training: list[str], threshold: float) -> list[bool]:
    """Whether each message shares at least `threshold` of its words (Jaccard) with a training
    example: "is the first one machine washable" beside "is the rug machine washable"."""
    def words(text: str) -> frozenset[str]:
        return frozenset(re.findall(r"[a-z0-9']+", text.lower()))

    seen = [words(t) for t in training]
    return [any(len(w & s) / len(w | s) >= threshold for s in seen if s) if w else False
            for w in map(words, texts)]


def show(name: str, rows: list[dict], gated: list[str], report: dict, errors: int) -> None:
    print(f"\n{len(rows)} messages from {name}")
    print(f"{'':38} {'classifier alone':>17} {'with verdict gate':>18}")
    a, g = report["classifier_alone"], report["with_verdict_gate"]
    print(f"{'judging misfires (goal <= 1%)':38} {a['judging_misfire']:>16.1%} {g['judging_misfire']:>17.1%}"
          f"   ({a['misfired']} -> {g['misfired']} of {g['not_judging']})")
    print(f"{'needs handled as requests (>= 90%)':38} {a['needs_as_requests']:>16.1%} {g['needs_as_requests']:>17.1%}")
    print(f"{'questions answered/clarified (>= 80%)':38} {a['questions_answered_or_clarified']:>16.1%} "
          f"{g['questions_answered_or_clarified']:>17.1%}")
    print(f"{'intent accuracy':38} {a['accuracy']:>16.1%} {g['accuracy']:>17.1%}")
    far = report["far_from_training"]
    f = far["with_verdict_gate"]
    print(f"without the {len(rows) - far['messages']} messages sharing >= {far['near']:.0%} of their words with a "
          f"training example: misfires {f['judging_misfire']:.1%}, needs {f['needs_as_requests']:.1%}, "
          f"questions {f['questions_answered_or_clarified']:.1%}, accuracy {f['accuracy']:.1%} (with the gate)")
    print(f"\n{'intent (with gate)':24} {'support':>7} {'precision':>9} {'recall':>7}")
    for intent, v in g["per_intent"].items():
        print(f"{intent:24} {v['support']:>7} {v['precision']:>9.2f} {v['recall']:>7.2f}")
    wrong = [(r, p) for r, p in zip(rows, gated) if r["intent"] != p]
    print(f"\nmisread ({len(wrong)}; first {min(errors, len(wrong))}):")
    for r, p in wrong[:errors]:
        print(f"  {r['intent']:>22} -> {p:<22} {r['text']}")


async def parse_all(model: Path, texts: list[str]) -> list[dict]:
    from rasa.core.agent import Agent

    with contextlib.redirect_stdout(io.StringIO()):  # Rasa's structlog prints every parse
        agent = Agent.load(str(model))
        return [await agent.parse_message(text) for text in texts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, nargs="+",
                        default=[ROOT / "data" / "nlu-eval" / name for name in ("shoppers.jsonl", "shoppers-test.jsonl")])
    parser.add_argument("--model", type=Path, default=ROOT / "bot" / "models" / "shopping.tar.gz")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of tables")
    parser.add_argument("--errors", type=int, default=15, help="misread messages to list")
    parser.add_argument("--near", type=float, default=0.5,
                        help="also report without messages this close (word Jaccard) to a training example")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    training = training_texts(ROOT / "bot" / "data" / "nlu")
    sets = {path: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            for path in args.data}
    parsed = asyncio.run(parse_all(args.model, [r["text"] for rows in sets.values() for r in rows]))
    reports = {}
    for path, rows in sets.items():
        mine, parsed = parsed[:len(rows)], parsed[len(rows):]
        gated = [p["intent"]["name"] for p in mine]
        alone = [(p.get("verdict_gate") or {}).get("classified", p["intent"]["name"]) for p in mine]
        name = str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        far = [not near for near in near_training([r["text"] for r in rows], training, args.near)]
        reports[name] = {"messages": len(rows), "kinds": dict(Counter(r["kind"] for r in rows)),
                         "classifier_alone": rates(rows, alone), "with_verdict_gate": rates(rows, gated),
                         "far_from_training": {"near": args.near, "messages": sum(far), "with_verdict_gate": rates(
                             [r for r, keep in zip(rows, far) if keep], [p for p, keep in zip(gated, far) if keep])}}
        if not args.json:
            show(name, rows, gated, reports[name], args.errors)
    if args.json:
        print(json.dumps(reports, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
