"""`bench shoppers`: simulated shoppers with hidden tastes from real purchase sequences.

Each shopper is a real customer of the Amazon Scientific data: the categories of their
purchases are what they like (hidden from the system). Over several sessions they ask in
vague words, accept the first product they like (and buy it), and reject the rest with a
reason. With learning on, their feedback and purchases are stored under one customer id and
shape later lists; with learning off, every session starts from nothing.
"""
from __future__ import annotations

import random
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from recommender.api import ItemPayload
from recommender.catalog import load_catalog
from recommender.config import Config
from recommender.encoder import Encoder, load_encoder
from recommender.engine import Recommender, RecommendRequest
from recommender.index import product_vectors
from recommender.refusals import RefusalReader
from recommender.sequential.data import Item, load_items, load_rows
from recommender.store import Store
from recommender.tables import Customer, Purchase

VAGUE = ("I need something for work", "show me something useful", "what do you have for my workshop?",
         "looking for supplies", "any recommendations for the lab?", "something practical please")


def hint(item: Item, rng: random.Random) -> str:
    """One word of the item's category path: a shopper's half-formed idea of what they want."""
    words = [w for w in item.category_path.replace("Industrial & Scientific", "").split() if len(w) > 3]
    return rng.choice(words).lower().strip(",&") if words else "tools"


def run(items_path: Path, sequences_path: Path, config: Config, shoppers: int = 60, sessions: int = 4,
        turns: int = 3, seed: int = 3, encoder: Encoder | None = None) -> dict[str, Any]:
    started = time.perf_counter()
    items = load_items(items_path)
    rows = [r for r in load_rows(sequences_path) if len(r.history) >= 3]
    rng = random.Random(seed)
    chosen = rng.sample(rows, min(shoppers, len(rows)))
    encoder = encoder or load_encoder(config)
    catalog = load_catalog(items_path, "product_id=asin")
    vectors = product_vectors(catalog, encoder, config.cache_dir, config.batch_size)
    result: dict[str, Any] = {"shoppers": len(chosen), "sessions": sessions, "turns_per_session": turns}
    with tempfile.TemporaryDirectory() as tmp:
        for learning in (True, False):
            store = Store.from_url(f"sqlite:///{tmp}/shoppers-{learning}.db")
            engine = Recommender(replace(config, catalog_path=items_path), catalog, encoder, vectors, store,
                                 refusals=RefusalReader.load(config, encoder.device))
            accepted_by_session = [0] * sessions
            turns_to_accept: list[int] = []
            for n, row in enumerate(chosen):
                liked = {items[i].category_path for i in row.history + (row.target,)}
                seeds = [items[i] for i in row.history + (row.target,)]
                for s in range(sessions):
                    customer = f"shopper-{n}" if learning else f"shopper-{n}-s{s}"
                    _ensure_customer(store, customer)
                    session_rng = random.Random(seed * 1000 + n * 10 + s)
                    text = f"{session_rng.choice(VAGUE)}, maybe {hint(session_rng.choice(seeds), session_rng)}"
                    sender = f"{customer}-session-{s}"
                    for turn in range(1, turns + 1):
                        out = engine.recommend(RecommendRequest(sender_id=sender, messages=(text,),
                                                                customer_id=customer))
                        rec = out["recommendation"]
                        hit = next((it for it in rec["items"] if it["category"] in liked), None)
                        for position, it in enumerate(rec["items"], start=1):
                            if hit is not None and it is hit:
                                store.record_feedback(type="accepted", sender_id=sender, customer_id=customer,
                                                      recommendation_id=rec["recommendation_id"],
                                                      product_id=it["product_id"], position=position)
                                if learning:
                                    _buy(store, customer, it)
                                break
                            store.record_feedback(type="wrong_kind", sender_id=sender, customer_id=customer,
                                                  recommendation_id=rec["recommendation_id"],
                                                  product_id=it["product_id"], position=position)
                        if hit is not None:
                            accepted_by_session[s] += 1
                            turns_to_accept.append(turn)
                            break
            key = "" if learning else "_no_learning"
            result[f"acceptance_by_session{key}"] = [round(a / len(chosen), 3) for a in accepted_by_session]
            result[f"turns_to_first_accept{key}"] = round(statistics.mean(turns_to_accept), 2) if turns_to_accept else None
            store.engine.dispose()
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def _ensure_customer(store: Store, customer_id: str) -> None:
    with store.sessions() as s, s.begin():
        if s.get(Customer, customer_id) is None:
            s.add(Customer(customer_id=customer_id, name=customer_id))


def _buy(store: Store, customer_id: str, item: ItemPayload) -> None:
    """An accepted product is bought: it joins the customer's purchase history."""
    with store.sessions() as s, s.begin():
        s.add(Purchase(customer_id=customer_id, product_id=item["product_id"], title=item["title"],
                       category_path=item["category"], price=item["price"], purchased_at=date.today()))
