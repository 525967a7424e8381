"""Indexing speed: listings encoded per second cold, shipped encoder against full-text MiniLM
in the same run, and the seconds to apply a catalog update against a cold build.

The update changes 1% of the descriptions and 5% of the prices. "Applied" means what a reload
does once the file is read (`recommender.reload.reloaded`): vectors (per-product cache), the
lexical indexes (per-product tokens) and a serving engine built on them. A `--synthetic N`
catalog recombines the given one's bullets into N long listings (three products' each).
"""
from __future__ import annotations

import csv
import math
import random
import resource
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from recommender.catalog import Catalog, Product, load_catalog
from recommender.config import Config
from recommender.encoder import Encoder, SentenceTransformerEncoder, load_encoder
from recommender.engine import Recommender
from recommender.store import Store


def synthetic(base: Catalog, size: int, path: Path, seed: int) -> Path:
    """`size` long listings: a base product's title, brand and category, three products' bullets."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["product_id", "title", "brand", "category_path", "price", "description"])
        for i in range(size):
            p = rng.choice(base.products)
            bullets = " | ".join(rng.choice(base.products).description for _ in range(3))
            price = "" if p.price is None else f"{p.price * rng.uniform(0.8, 1.25):.2f}"
            out.writerow([f"S{i:07d}", f"{p.title} #{i}", p.brand, p.category_path, price, bullets])
    return path


def updated(catalog: Catalog, seed: int) -> Catalog:
    """1% of the descriptions changed and 5% of the prices, same file: what a daily feed does."""
    rng = random.Random(seed)
    n = len(catalog)
    described = set(rng.sample(range(n), max(1, n // 100)))
    priced = set(rng.sample(range(n), max(1, n // 20)))
    products = []
    for i, p in enumerate(catalog.products):
        if i in described:
            p = replace(p, description=f"New this season, with a storage bag. | {p.description}")
        if i in priced and p.price is not None:
            p = replace(p, price=round(p.price * 0.9, 2))
        products.append(p)
    return Catalog(products, f"{catalog.version}-update", catalog.source)


def encoding_rate(encoder: Encoder, products: list[Product], batch_size: int, runs: int = 2) -> float:
    """Listings per second, fitting each to the encoder's token budget included; the best of
    `runs` (the machine's other work only ever slows a run down)."""
    encoder.encode([p.text for p in products[:32]], batch_size=batch_size)  # warm-up, not timed
    best = math.inf
    for _ in range(runs):
        started = time.perf_counter()
        encoder.encode(encoder.within_budget([p.parts for p in products]), batch_size=batch_size)
        best = min(best, time.perf_counter() - started)
    return len(products) / best


def apply(catalog: Catalog, encoder: Encoder, config: Config, store: Store) -> tuple[float, dict[str, int]]:
    """Seconds to have a serving engine on `catalog` from the caches, and what was (re)built."""
    started = time.perf_counter()
    _, built = Recommender.on_catalog(config, catalog, encoder, store)
    return time.perf_counter() - started, {"encoded": built["encoded"], "tokenized": built["tokenized"]}


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def run(catalog_path: Path, config: Config, sample: int = 1000, size: int = 0, seed: int = 0) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        if size:
            catalog_path = synthetic(load_catalog(catalog_path, config.catalog_columns), size,
                                     Path(tmp) / "synthetic.csv", seed)
        started = time.perf_counter()
        catalog = load_catalog(catalog_path, config.catalog_columns, config.default_currency)
        read_s = time.perf_counter() - started
        chosen = random.Random(seed).sample(catalog.products, min(sample, len(catalog)))
        shipped = load_encoder(config)
        full = SentenceTransformerEncoder(config.model_path, config.device, "float32", 0)
        rate_full = encoding_rate(full, chosen, config.batch_size)
        rate_before = encoding_rate(full, chosen, 64)  # the batch size indexing used before
        rate_shipped = encoding_rate(shipped, chosen, config.batch_size)
        del full
        config = replace(config, cache_dir=Path(tmp) / "cache")
        store = Store.from_url(f"sqlite:///{tmp}/index.db")
        cold_s, cold = apply(catalog, shipped, config, store)
        update_s, update = apply(updated(catalog, seed), shipped, config, store)
        store.engine.dispose()
    return {
        "catalog": str(catalog_path) if not size else f"synthetic {size} from its listings", "products": len(catalog),
        "device": shipped.device, "shipped_encoder": shipped.key, "sample": len(chosen),
        "sample_median_chars": statistics.median(len(p.text) for p in chosen),
        "batch_size": config.batch_size,
        "listings_per_s": {"shipped": round(rate_shipped, 1), "full_text_minilm": round(rate_full, 1),
                           "full_text_minilm_batch_64": round(rate_before, 1),
                           "speedup": round(rate_shipped / rate_full, 2),
                           "speedup_over_batch_64": round(rate_shipped / rate_before, 2)},
        "catalog_read_s": round(read_s, 2),
        "cold_build_s": round(cold_s, 2), "cold": cold,
        "update_1pct_text_5pct_price_s": round(update_s, 2), "update": update,
        "update_speedup": round(cold_s / update_s, 1), "peak_rss_mb": peak_mb(),
    }
