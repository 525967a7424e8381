"""Command line: `python -m recommender {serve,index,ask,feedback,customers,forget,trust,bench}`.

The storefront is its own package and process: `python -m storefront`.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from recommender.config import ROOT, Config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m recommender", description=__doc__)
    parser.add_argument("--catalog", help="catalog file (default: $CATALOG or data/catalog.csv)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="run the recommender service (port $RECOMMENDER_PORT, 8000)")
    sub.add_parser("index", help="build the product embedding and BM25 caches for the catalog (progress bar)")
    ak = sub.add_parser("ask", help="answer product questions from the listings: JSON lines in, JSON lines out")
    ak.add_argument("--catalog", dest="ask_catalog", type=Path, default=None, help="default: $CATALOG")
    ak.add_argument("--questions", type=Path, required=True,
                    help='JSON lines {"product_id", "question"}; "-" reads standard input')
    ak.add_argument("--json", action="store_true", help="JSON lines (the only format)")
    fb = sub.add_parser("feedback", help="print stored feedback events, one JSON object per line")
    fb.add_argument("--customer", help="customer id or REST sender id (default: everyone)")
    fb.add_argument("--json", action="store_true", help="JSON lines (the only format)")
    cu = sub.add_parser("customers", help="list customers with their purchases")
    cu.add_argument("--json", action="store_true", help="JSON lines (the only format)")
    fo = sub.add_parser("forget", help="delete everything stored about a customer or sender id")
    fo.add_argument("who")
    tr = sub.add_parser("trust", help="acceptance and explanation helpfulness (Beta posteriors), one JSON object")
    tr.add_argument("--customer", help="one customer id or REST sender id (default: overall and every id)")
    tr.add_argument("--json", action="store_true", help="JSON (the only format)")
    bench = sub.add_parser("bench", help="benchmarks; each prints one JSON object").add_subparsers(
        dest="bench", required=True)
    for name, text in (("sequential", "next-purchase ranking on real sequences"),
                       ("conversational", "the same sequences with a request per target: request, history, both")):
        seq = bench.add_parser(name, help=text)
        seq.add_argument("--items", required=True, type=Path)
        seq.add_argument("--train", required=True, type=Path)
        seq.add_argument("--sequences", required=True, type=Path, help="evaluation rows (history -> target)")
        seq.add_argument("--k", type=int, default=10)
        seq.add_argument("--json", action="store_true", help="print JSON (the only format)")
    rs = bench.add_parser("reasons", help="verified, grounded, varied reasons over generated requests")
    rs.add_argument("--catalog", dest="bench_catalog", type=Path, default=None)
    rs.add_argument("--requests", type=int, default=240)
    rs.add_argument("--json", action="store_true", help="print JSON (the only format)")
    qb = bench.add_parser("qa", help="product questions: evidence, answer rate, abstention; lexical vs shipped")
    qb.add_argument("--questions", type=Path, default=None, help="labelled set (default: data/qa/questions.jsonl)")
    qb.add_argument("--sweep", action="store_true", help="also try settings on the dev split (best five)")
    qb.add_argument("--json", action="store_true", help="print JSON (the only format)")
    rl = bench.add_parser("relevance", help="precision@5, NDCG@5, lists all on target: dense, lexical, shipped")
    rl.add_argument("--catalog", dest="bench_catalog", type=Path, default=None)
    rl.add_argument("--requests", dest="relevance_requests", type=Path, default=None,
                    help="labelled requests (JSONL; default: data/relevance/ for the catalog)")
    rl.add_argument("--lexical-weights", default="", help="comma-separated BM25 weights: the shipped figures for each")
    rl.add_argument("--json", action="store_true", help="print JSON (the only format)")
    la = bench.add_parser("latency", help="p50/p95 of full recommend requests per catalog size vs the floor")
    la.add_argument("--catalog", dest="bench_catalog", type=Path, default=None)
    la.add_argument("--catalog-sizes", default="1000,10000,100000")
    la.add_argument("--repeats", type=int, default=40)
    la.add_argument("--json", action="store_true", help="print JSON (the only format)")
    sh = bench.add_parser("shoppers", help="simulated shoppers over sessions, with and without learning")
    shared = ROOT.parent / "shared" / "data" / "amazon-scientific-2018"
    sh.add_argument("--items", type=Path, default=shared / "items.csv")
    sh.add_argument("--sequences", type=Path, default=shared / "sequences_valid.csv")
    sh.add_argument("--shoppers", type=int, default=60)
    sh.add_argument("--sessions", type=int, default=4)
    sh.add_argument("--json", action="store_true", help="print JSON (the only format)")
    ld = bench.add_parser("load", help="concurrent conversations through the running stack's REST channel")
    ld.add_argument("--rasa-url", default=f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}")
    ld.add_argument("--conversations", type=int, default=50)
    ld.add_argument("--turns", type=int, default=8)
    ld.add_argument("--warmup", type=int, default=5, help="untimed conversations first (a fresh stack is cold)")
    ld.add_argument("--pids", type=Path, default=ROOT / "var" / "logs" / "pids.json",
                    help="scripts/stack.py's pids file, to report CPU seconds per process")
    ld.add_argument("--json", action="store_true", help="print JSON (the only format)")
    ft = sub.add_parser("finetune", help="fine-tune the encoder on sequences and feedback; promote if better")
    ft.add_argument("--items", type=Path, help="items.csv of purchase sequences (optional)")
    ft.add_argument("--train", type=Path, help="training sequences (history -> target)")
    ft.add_argument("--sequences", type=Path, help="held-out sequences to compare old and new models on")
    ft.add_argument("--epochs", type=int, default=1)
    ft.add_argument("--batch-size", type=int, default=32)
    ft.add_argument("--max-minutes", type=float, default=10.0)
    ft.add_argument("--max-pairs", type=int, default=0, help="cap the pairs used (0: all)")
    ft.add_argument("--json", action="store_true", help="print JSON (the only format)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    overrides = {"catalog_path": args.catalog} if args.catalog else {}
    config = Config.from_env(**overrides)  # type: ignore[arg-type]

    if args.command == "finetune":
        from recommender.finetune import run_finetune

        print(json.dumps(run_finetune(config, args)))
    elif args.command == "bench":
        from recommender.bench import conversational, latency, load, qa, reasons, relevance, sequential, shoppers

        if args.bench == "qa":
            result = qa.run(config, args.questions or qa.QUESTIONS, args.sweep)
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
                result = relevance.run(catalog, config, args.relevance_requests)
        elif args.bench == "reasons":
            result = reasons.run(args.bench_catalog or config.catalog_path, config, args.requests)
        elif args.bench in ("sequential", "conversational"):
            module = sequential if args.bench == "sequential" else conversational
            result = module.run(args.items, args.train, args.sequences, args.k, config)
        print(json.dumps(result))
    elif args.command == "ask":
        return _ask(config, args.ask_catalog or config.catalog_path, args.questions)
    elif args.command == "serve":
        from aiohttp import web

        from recommender.access_log import RouteAccessLogger
        from recommender.service import create_app

        if config.torch_threads > 0:
            import torch

            torch.set_num_threads(config.torch_threads)
        if not config.token:
            logging.getLogger("recommender.service").warning(
                "RECOMMENDER_TOKEN is not set: every caller that reaches port %d is answered", config.port)
        web.run_app(create_app(config), host=config.host, port=config.port, print=None,
                    access_log_class=RouteAccessLogger)
    elif args.command == "index":
        from recommender.catalog import load_catalog
        from recommender.encoder import SentenceTransformerEncoder
        from recommender.index import cache_path, product_vectors
        from recommender.lexical import LexicalIndex

        catalog = load_catalog(config.catalog_path, config.catalog_columns, config.default_currency)
        encoder = SentenceTransformerEncoder(config.model_path, config.device)
        path = cache_path(config.cache_dir, catalog, encoder)
        cached = path.is_file()
        product_vectors(catalog, encoder, config.cache_dir, config.batch_size, progress=True)
        LexicalIndex.cached(catalog, config.cache_dir)  # BM25 beside the vectors, so `serve` starts on both
        print(f"{len(catalog)} products ({len(catalog.issues)} rows skipped or repaired), "
              f"{'cached' if cached else 'built'}: {path}")
    else:
        from recommender.store import Store

        store = Store.from_url(config.database_url)
        store.load_customers(config.customers_path)
        if args.command == "trust":
            report = store.trust(args.customer) if args.customer else store.trust_report()
            sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
            return 0
        if args.command == "feedback":
            rows = store.feedback(args.customer)
        elif args.command == "customers":
            rows = store.customers()
        else:
            rows = [store.forget(args.who)]
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


def _ask(config: Config, catalog_path: Path, questions: Path) -> int:
    """One JSON line out per line in; a bad line or an unknown product gets an `error`, never a crash."""
    from recommender.catalog import load_catalog
    from recommender.encoder import SentenceTransformerEncoder
    from recommender.qa import Answerer, checked_question

    catalog = load_catalog(catalog_path, config.catalog_columns, config.default_currency)
    answerer = Answerer(SentenceTransformerEncoder(config.model_path, config.device).encode)
    lines = sys.stdin if str(questions) == "-" else questions.open(encoding="utf-8")
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            row = None
        if not isinstance(row, dict):
            out: dict[str, object] = {"line": n, "error": "not a JSON object"}
        else:
            pid, question = row.get("product_id"), row.get("question")
            out = {"product_id": pid, "question": question}
            product = catalog.get(pid) if isinstance(pid, str) else None
            try:
                asked = checked_question(question)
            except ValueError as exc:
                out["error"] = str(exc)
                asked = ""
            if asked and product is None:
                out["error"] = f"no product {pid!r} in {catalog_path}"
            elif asked and product is not None:
                out.update(answerer.ask(product, asked))
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
