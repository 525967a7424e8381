"""Benchmarks: `python -m bench {sequential,conversational,reasons,qa,relevance,limits,refusals,latency,shoppers,load,index,orders}`.

Each prints one JSON object. They measure the serving runtime (`recommender`) from outside it:
the runtime never imports this package.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
from pathlib import Path

from bench import conversational, index, latency, limits, load, qa, reasons, refusals, relevance, sequential, shoppers
from recommender.config import ROOT, Config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    sub = parser.add_subparsers(dest="bench", required=True)
    for name, text in (("sequential", "next-purchase ranking on real sequences"),
                       ("conversational", "the same sequences with a request per target: request, history, both")):
        seq = sub.add_parser(name, help=text)
        seq.add_argument("--items", required=True, type=Path)
        seq.add_argument("--train", required=True, type=Path)
        seq.add_argument("--sequences", required=True, type=Path, help="evaluation rows (history -> target)")
        seq.add_argument("--k", type=int, default=10)
        seq.add_argument("--json", action="store_true", help="print JSON (the only format)")
        if name == "sequential":
            seq.add_argument("--offline", action="store_true",
                             help="also the research path: the scorer over all items, linear mix, each feature alone")
            seq.add_argument("--seeds", default="0", help="training seeds, comma-separated: mean and spread")
            seq.add_argument("--tune", action="store_true",
                             help="measure on train only (each customer's last training purchase held out)")
    od = sub.add_parser("orders", help="an orders file (customer u<user_idx>, asin, a day apart) from research sequences")
    od.add_argument("--items", required=True, type=Path)
    od.add_argument("--train", required=True, type=Path, help="sequences whose customers' purchases become orders")
    od.add_argument("--out", required=True, type=Path)
    od.add_argument("--json", action="store_true", help="print JSON (the only format)")
    rs = sub.add_parser("reasons", help="verified, grounded, varied reasons over generated requests")
    rs.add_argument("--catalog", dest="bench_catalog", type=Path, default=None)
    rs.add_argument("--requests", type=int, default=240)
    rs.add_argument("--json", action="store_true", help="print JSON (the only format)")
    qb = sub.add_parser("qa", help="product questions: evidence, answer rate, abstention; lexical vs shipped")
    qb.add_argument("--questions", type=Path, nargs="+", default=None,
                    help="labelled sets (default: every set in data/qa: questions.jsonl, questions-dev2..6, questions-final..3)")
    qb.add_argument("--sweep", action="store_true", help="also choose settings on the seven development splits (best five, cross-validated)")
    qb.add_argument("--json", action="store_true", help="print JSON (the only format)")
    rl = sub.add_parser("relevance", help="precision@5, NDCG@5, lists all on target: dense, lexical, shipped")
    rl.add_argument("--catalog", dest="bench_catalog", type=Path, default=None)
    rl.add_argument("--requests", dest="relevance_requests", type=Path, default=None,
                    help="labelled requests (JSONL; default: data/relevance/ for the catalog)")
    rl.add_argument("--lexical-weights", default="", help="comma-separated BM25 weights: the shipped figures for each")
    rl.add_argument("--per-request", action="store_true",
                    help="also each request's shipped precision@5, to compare two versions request by request")
    rl.add_argument("--json", action="store_true", help="print JSON (the only format)")
    lm = sub.add_parser("limits", help="stated budgets, exclusions and recipients: probes whose list broke one")
    lm.add_argument("--catalog", dest="bench_catalog", type=Path, default=None)
    lm.add_argument("--probes", type=Path, default=None,
                    help="probes (JSONL; default: data/limits/ for the catalog)")
    lm.add_argument("--json", action="store_true", help="print JSON (the only format)")
    rf = sub.add_parser("refusals", help="the learned refusal reader in grouped cross-validation, beside the rules")
    rf.add_argument("--folds", type=int, default=3)
    rf.add_argument("--seeds", default="0", help="training seeds, comma-separated: mean and spread")
    rf.add_argument("--swap", type=float, default=None, help="share of named things swapped in training (default: served)")
    rf.add_argument("--layers", type=int, default=None, help="encoder layers the reader keeps (default: served)")
    rf.add_argument("--json", action="store_true", help="print JSON (the only format)")
    la = sub.add_parser("latency", help="p50/p95 of full recommend requests per catalog size vs the floor")
    la.add_argument("--catalog", dest="bench_catalog", type=Path, default=None)
    la.add_argument("--catalog-sizes", default="1000,10000,100000")
    la.add_argument("--repeats", type=int, default=40)
    la.add_argument("--json", action="store_true", help="print JSON (the only format)")
    sh = sub.add_parser("shoppers", help="simulated shoppers over sessions, with and without learning")
    shared = ROOT.parent / "shared" / "data" / "amazon-scientific-2018"
    sh.add_argument("--items", type=Path, default=shared / "items.csv")
    sh.add_argument("--sequences", type=Path, default=shared / "sequences_valid.csv")
    sh.add_argument("--shoppers", type=int, default=60)
    sh.add_argument("--sessions", type=int, default=4)
    sh.add_argument("--json", action="store_true", help="print JSON (the only format)")
    ld = sub.add_parser("load", help="concurrent conversations through the running stack's REST channel")
    ld.add_argument("--rasa-url", default=f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}")
    ld.add_argument("--conversations", type=int, default=50)
    ld.add_argument("--turns", type=int, default=8)
    ld.add_argument("--warmup", type=int, default=5, help="untimed conversations first (a fresh stack is cold)")
    ld.add_argument("--pids", type=Path, default=ROOT / "var" / "logs" / "pids.json",
                    help="scripts/stack.py's pids file, to report CPU seconds per process")
    ld.add_argument("--json", action="store_true", help="print JSON (the only format)")
    ix = sub.add_parser("index", help="listings/s cold (shipped vs full-text MiniLM), update vs cold build, memory")
    ix.add_argument("--catalog", dest="bench_catalog", type=Path, default=None)
    ix.add_argument("--sample", type=int, default=1000, help="listings encoded by each encoder")
    ix.add_argument("--synthetic", type=int, default=0, help="this many long listings made from the catalog's")
    ix.add_argument("--json", action="store_true", help="print JSON (the only format)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = Config.from_env()

    if args.bench == "orders":
        from recommender.sequential.data import full_sequences, load_items, load_rows

        lines = sequential.write_orders(load_items(args.items), full_sequences(load_rows(args.train)), args.out)
        result = {"orders": str(args.out), "lines": lines}
    elif args.bench == "qa":
        result = qa.run(config, tuple(args.questions or qa.SETS), args.sweep)
    elif args.bench == "index":
        result = index.run(args.bench_catalog or config.catalog_path, config, args.sample, args.synthetic)
    elif args.bench == "load":
        result = load.run(args.rasa_url, args.conversations, args.turns, args.pids, args.warmup)
    elif args.bench == "shoppers":
        result = shoppers.run(args.items, args.sequences, config, args.shoppers, args.sessions)
    elif args.bench == "latency":
        sizes = [int(x) for x in args.catalog_sizes.split(",") if x.strip()]
        result = latency.run(args.bench_catalog or config.catalog_path, sizes, config, args.repeats)
    elif args.bench == "relevance":
        catalog = args.bench_catalog or config.catalog_path
        if args.lexical_weights:
            weights = [float(w) for w in args.lexical_weights.split(",") if w.strip()]
            result = relevance.sweep(catalog, config, weights, args.relevance_requests)
        else:
            result = relevance.run(catalog, config, args.relevance_requests, per_request=args.per_request)
    elif args.bench == "limits":
        result = limits.run(args.bench_catalog or config.catalog_path, config, args.probes)
    elif args.bench == "refusals":
        result = refusals.run(config, args.folds, tuple(int(x) for x in args.seeds.split(",") if x.strip()),
                              **{k: v for k, v in (("swap", args.swap), ("layers", args.layers)) if v is not None})
    elif args.bench == "reasons":
        result = reasons.run(args.bench_catalog or config.catalog_path, config, args.requests)
    elif args.bench == "sequential":
        seeds = tuple(int(x) for x in args.seeds.split(",") if x.strip())
        result = sequential.run(args.items, args.train, args.sequences, args.k, config, offline=args.offline,
                                seeds=seeds, tune=args.tune)
    elif args.bench == "conversational":
        result = conversational.run(args.items, args.train, args.sequences, args.k, config)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
