"""`bench relevance`: do the lists hold what was asked for? Dense, lexical and shipped, same run.

Each labelled request (`data/relevance/*.jsonl`: `text`, `relevant`, optionally `not`) decides
relevance by a regular expression over a product's "title | brand | category path", written by
hand for the request (synonyms included: "rc" for "remote control"), never by the code under
test. A product is relevant when `relevant` matches and `not` does not.

Per request, `available` counts the relevant products that pass the hard constraints the
recommender read from the request (budget, exclusions, stock): a list can hold at most
min(k, available) of them. Requests with nothing available are left out of the means
(`scored` says how many count).

- precision@k: relevant items shown / the larger of min(k, available) and the items shown
  (an off-target item and a needlessly short list both cost);
- ndcg@k: binary gains against the ideal of min(k, available) relevant items first;
- all_on_target: the share of lists whose items are all relevant and that hold at least
  min(k, available) items (a short list when more were available does not count).
"""
from __future__ import annotations

import json
import math
import re
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench import labelled_set, scratch_config
from recommender.config import ROOT, Config
from recommender.engine import Recommender, RecommendRequest
from recommender.ranker import Constraints

REQUESTS_DIR = ROOT / "data" / "relevance"
MODES = ("dense", "lexical", "hybrid")


def default_requests(catalog_path: Path) -> Path:
    """The labelled set for a catalog: the toys set for the shared Amazon toys catalog, else the demo set."""
    return labelled_set(REQUESTS_DIR, catalog_path)


def load_requests(path: Path) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(Path(path).read_text().splitlines(), start=1):
        if line.strip():
            row = json.loads(line)
            if not isinstance(row.get("text"), str) or not isinstance(row.get("relevant"), str):
                raise ValueError(f"{path}:{n}: each request needs a string 'text' and 'relevant'")
            rows.append(row)
    return rows


def is_relevant(row: dict[str, Any], title: str, brand: str, category: str) -> bool:
    text = f"{title} | {brand} | {category}"
    if not re.search(row["relevant"], text, re.IGNORECASE):
        return False
    return not (row.get("not") and re.search(row["not"], text, re.IGNORECASE))


def sweep(catalog_path: Path, config: Config, weights: list[float], requests_path: Path | None = None,
          k: int = 5) -> dict[str, Any]:
    """The shipped ranking's figures for each BM25 weight in the fused score."""
    return {f"{w:g}": run(catalog_path, replace(config, weights=replace(config.weights, lexical=w)),
                          requests_path, k)["hybrid"] for w in weights}


def run(catalog_path: Path, config: Config, requests_path: Path | None = None, k: int = 5,
        per_request: bool = False) -> dict[str, Any]:
    """Each retriever's figures over the labelled requests; with `per_request`, the shipped ranking's
    precision@k for each request too (None where nothing relevant fits), to compare two versions
    request by request."""
    started = time.perf_counter()
    rows = load_requests(requests_path or default_requests(catalog_path))
    with scratch_config(config, catalog_path) as cfg:
        engine = Recommender.load(cfg)
        products = engine.catalog.products
        per_mode: dict[str, list[dict[str, Any]]] = {m: [] for m in MODES}
        for i, row in enumerate(rows):
            relevant = [is_relevant(row, p.title, p.brand, p.category_path) for p in products]
            constraints: Constraints | None = None
            for mode in MODES:
                engine.config = replace(cfg, retrieval=mode)
                result = engine.recommend(RecommendRequest(sender_id=f"{mode}-{i}", messages=(row["text"],), k=k))
                if constraints is None:
                    c = result["constraints"]
                    values: dict[str, Any] = {key: tuple(v) if isinstance(v, list) else v for key, v in c.items()}
                    constraints = Constraints(**values)
                available = sum(r and constraints.allows(p) for r, p in zip(relevant, products))
                shown = [bool(relevant[engine.catalog.index_of(it["product_id"])])  # type: ignore[index]
                         for it in result["recommendation"]["items"]]
                per_mode[mode].append({"text": row["text"], "available": available, "shown": shown})
        engine.config = cfg
    out: dict[str, Any] = {"catalog": str(catalog_path), "requests": len(rows), "k": k}
    for mode, results in per_mode.items():
        out[mode] = summarise(results, k)
    out["hybrid_misses"] = [r["text"] for r in per_mode["hybrid"]
                            if r["available"] and not on_target(r, k)]
    if per_request:
        out["hybrid_per_request"] = []
        for r in per_mode["hybrid"]:
            precision = precision_of(r, k)
            out["hybrid_per_request"].append({"text": r["text"],
                                              f"precision@{k}": None if precision is None else round(precision, 3)})
    out["seconds"] = round(time.perf_counter() - started, 1)
    return out


def on_target(r: dict[str, Any], k: int) -> bool:
    return all(r["shown"]) and len(r["shown"]) >= min(k, r["available"])


def precision_of(r: dict[str, Any], k: int) -> float | None:
    """The share of a list's first `k` that is relevant, of at most as many as fit; None where none fits."""
    if not r["available"]:
        return None
    hits = r["shown"][:k]
    return sum(hits) / max(min(k, r["available"]), len(hits))


def summarise(results: list[dict[str, Any]], k: int) -> dict[str, Any]:
    scored = [r for r in results if r["available"] > 0]
    precision = ndcg = all_on = 0.0
    for r in scored:
        ideal_n = min(k, r["available"])
        hits = r["shown"][:k]
        precision += precision_of(r, k) or 0.0
        dcg = sum(1 / math.log2(j + 2) for j, h in enumerate(hits) if h)
        ndcg += dcg / sum(1 / math.log2(j + 2) for j in range(ideal_n))
        all_on += on_target(r, k)
    n = max(len(scored), 1)
    return {"scored": len(scored), f"precision@{k}": round(precision / n, 3), f"ndcg@{k}": round(ndcg / n, 3),
            "all_on_target": round(all_on / n, 3),
            "empty_lists": sum(not r["shown"] for r in results)}
