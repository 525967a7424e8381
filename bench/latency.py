"""`bench latency`: full recommend requests per catalog size, against the floor of one query
encoding plus one exact scoring pass over the catalog on the same device. Every request pays the
learned refusal reader's reading (its kept readings are dropped first, as a new message's would
not be there); its own part is reported beside (`refusal_reader_p50_ms`).

Catalogs above the real one's size are made by perturbing real products: copies with new
ids, jittered prices and their vectors moved by small noise (encoding 100,000 new texts
would take minutes on CPU and measure the encoder, not the request).
"""
from __future__ import annotations

import random
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import torch

from recommender.catalog import Catalog, load_catalog
from recommender.config import Config
from recommender.encoder import Encoder, load_encoder
from recommender.engine import Recommender, RecommendRequest
from recommender.index import product_vectors
from recommender.refusals import RefusalReader
from recommender.store import Store

REQUESTS = (
    "I'm looking for a birthday gift for my 8 year old nephew who loves science, under $40",
    "a building set, not Lego, between $20 and $50", "something cheap for a toddler",
    "board game for the family under 30 bucks", "art supplies for a 10 year old",
    "outdoor toys for ages 6 to 8", "a puzzle for an adult, around $25", "plush toy under $15",
)


def grow(catalog: Catalog, vectors: torch.Tensor, size: int, seed: int = 5) -> tuple[Catalog, torch.Tensor]:
    """A catalog of `size` products: the real ones, then perturbed copies."""
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    products = list(catalog.products[:size])
    rows = list(range(min(size, len(catalog))))
    while len(products) < size:
        i = rng.randrange(len(catalog))
        p = catalog.products[i]
        price = None if p.price is None else round(p.price * rng.uniform(0.8, 1.25), 2)
        products.append(replace(p, product_id=f"{p.product_id}-v{len(products)}", price=price))
        rows.append(i)
    base = vectors.detach().cpu()[rows]
    noisy = base + 0.03 * torch.randn(base.shape, generator=gen)
    noisy = noisy / noisy.norm(dim=1, keepdim=True)
    return Catalog(products, f"{catalog.version}-x{size}", catalog.source), noisy.to(vectors.device)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(catalog_path: Path, sizes: list[int], config: Config, repeats: int = 40,
        encoder: Encoder | None = None) -> dict[str, Any]:
    encoder = encoder or load_encoder(config)
    base = load_catalog(catalog_path, config.catalog_columns, config.default_currency)
    base_vectors = product_vectors(base, encoder, config.cache_dir, config.batch_size)
    out: dict[str, Any] = {"sizes": {}, "device": encoder.device, "model": encoder.model_id,
                           "catalog": str(catalog_path), "repeats": repeats}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            catalog, vectors = grow(base, base_vectors, size)
            store = Store.from_url(f"sqlite:///{tmp}/latency-{size}.db")
            store.load_customers(config.customers_path)
            engine = Recommender(replace(config, catalog_path=catalog_path), catalog, encoder, vectors, store,
                                 refusals=RefusalReader.load(config, encoder.device))
            for text in REQUESTS[:3]:  # warm-up: first calls allocate and fill caches
                engine.recommend(RecommendRequest(sender_id="warm", messages=(text,), customer_id="C001"))
            timings = []
            for i in range(repeats):
                text = REQUESTS[i % len(REQUESTS)]
                if engine.refusals is not None:
                    engine.refusals.forget()  # each request read anew, as a new message is
                started = time.perf_counter()
                engine.recommend(RecommendRequest(sender_id=f"lat-{size}-{i}", messages=(text,),
                                                  customer_id="C001" if i % 2 else None))
                timings.append((time.perf_counter() - started) * 1000)
            floors = []
            for i in range(repeats):
                started = time.perf_counter()
                query = encoder.encode([REQUESTS[i % len(REQUESTS)]])[0]
                scores = vectors @ query
                torch.topk(scores, 10)
                if scores.is_cuda:
                    torch.cuda.synchronize()
                floors.append((time.perf_counter() - started) * 1000)
            reads = []  # the learned refusal reader's own part of a request
            for i in range(repeats if engine.refusals is not None else 0):
                engine.refusals.forget()  # type: ignore[union-attr]
                started = time.perf_counter()
                engine.refusals.refused((REQUESTS[i % len(REQUESTS)],), engine.lexical)  # type: ignore[union-attr]
                reads.append((time.perf_counter() - started) * 1000)
            out["sizes"][str(size)] = {
                "p50_ms": round(statistics.median(timings), 1), "p95_ms": round(percentile(timings, 0.95), 1),
                "floor_ms": round(statistics.median(floors), 1),
                "refusal_reader_p50_ms": round(statistics.median(reads), 1) if reads else None,
                "index": type(engine.index).__name__,
            }
            engine.store.engine.dispose()
    return out
