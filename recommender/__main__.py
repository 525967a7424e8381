"""Command line: `python -m recommender {serve,index,train,refusals,ask,feedback,customers,forget,trust,finetune}`.

The storefront is its own package and process (`python -m storefront`), and so are the
benchmarks (`python -m bench`).
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from recommender.config import Config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m recommender", description=__doc__)
    parser.add_argument("--catalog", help="catalog file (default: $CATALOG or data/catalog.csv)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="run the recommender service (port $RECOMMENDER_PORT, 8000)")
    sub.add_parser("index", help="build the product embedding and BM25 caches for the catalog (progress bar)")
    tn = sub.add_parser("train", help="load the store's orders ($ORDERS) and fit the history model on them (progress bar)")
    tn.add_argument("--orders", help="orders file (default: $ORDERS; without one, the orders already stored)")
    tn.add_argument("--orders-columns", help="column mapping (default: $ORDERS_COLUMNS)")
    tn.add_argument("--force", action="store_true", help="train again even when an artifact fits")
    tn.add_argument("--json", action="store_true", help="JSON (the only format)")
    sub.add_parser("refusals", help="train the learned refusal reader on data/refusals/train.jsonl (a no-op when trained)")
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

    if args.command == "refusals":
        from recommender.refusals import train_and_save

        print(json.dumps({"refusal_reader": str(train_and_save(config))}))
        return 0
    if args.command == "finetune":
        from recommender.finetune import run_finetune

        print(json.dumps(run_finetune(config, args)))
    elif args.command == "train":
        return _train(config, args.orders, args.orders_columns, args.force)
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
        from recommender.encoder import load_encoder
        from recommender.index import build_vectors
        from recommender.lexical_cache import cached_lexical

        catalog = load_catalog(config.catalog_path, config.catalog_columns, config.default_currency)
        encoder = load_encoder(config)
        _, built = build_vectors(catalog, encoder, config.cache_dir, config.batch_size, True)
        cached_lexical(catalog, config.cache_dir)  # BM25 beside the vectors, so `serve` starts on both
        print(f"{len(catalog)} products ({len(catalog.issues)} rows skipped or repaired): "
              f"{built.encoded} encoded, {built.reused} from the cache, {built.dropped} dropped: {built.path}")
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


def _train(config: Config, orders: str | None, columns: str | None, force: bool) -> int:
    """Load the orders, then load or fit the history model; one JSON object. 1 when the orders
    file cannot be read."""
    import time
    from dataclasses import replace

    from recommender.catalog import load_catalog
    from recommender.encoder import load_encoder
    from recommender.history import history_model
    from recommender.orders import OrdersError, load_orders
    from recommender.store import Store

    config = replace(config, orders_path=orders if orders is not None else config.orders_path,
                     orders_columns=columns if columns is not None else config.orders_columns)
    catalog = load_catalog(config.catalog_path, config.catalog_columns, config.default_currency)
    store = Store.from_url(config.database_url)
    store.load_customers(config.customers_path)
    out: dict[str, object] = {"orders": None}
    if config.orders_path:
        try:
            out["orders"] = load_orders(store, catalog, config.orders_path, config.orders_columns).to_dict()
        except OrdersError as exc:
            sys.stdout.write(json.dumps({"error": str(exc)}) + "\n")
            return 1
    encoder = load_encoder(config)
    started = time.perf_counter()
    model = history_model(config, catalog, encoder, store, progress=True, retrain=force)
    out["history_model"] = None if model is None else {
        "artifact": str(Path(config.history_dir) / f"{model.key}.pt"), "customers": model.customers,
        "purchases": model.purchases, "products": len(model.product_ids),
        "seconds": round(time.perf_counter() - started, 1)}
    if model is None:
        out["why_none"] = (f"fewer than {config.history_min_customers} customers bought twice or more "
                           "(HISTORY_MIN_CUSTOMERS); lists use the purchase embeddings")
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 0


def _ask(config: Config, catalog_path: Path, questions: Path) -> int:
    """One JSON line out per line in; a bad line or an unknown product gets an `error`, never a crash."""
    from recommender.catalog import load_catalog
    from recommender.encoder import load_encoder
    from recommender.qa import Answerer, checked_question

    catalog = load_catalog(catalog_path, config.catalog_columns, config.default_currency)
    answerer = Answerer(load_encoder(config).encode)
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
