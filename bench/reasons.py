"""`bench reasons`: are the reasons true, grounded, varied and short, over many requests?"""
from __future__ import annotations

import random
import re
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench import scratch_config
from recommender.catalog import Product
from recommender.config import Config
from recommender.engine import Recommender, RecommendRequest
from recommender.parsing import merge_facts
from recommender.reasons import Claim, Context, Reason, verify_reason

# Claims tied to the request or the customer's data. Who it is for and the colour quote the
# request's own words ("your “daughter”") as the age does; they were left out while no toys
# request could raise them (the toys catalog has no audience column; see the README).
GROUNDING = {"matches_request", "age_fit", "within_budget", "above_minimum", "cheaper_than_before",
             "cheap_fit", "relates_to_purchase", "audience_fit", "listed_for", "colour_fit"}
TEMPLATES = (
    "looking for {thing} with {feature}", "a {thing} for my {age} year old", "{feature} {thing} under ${budget}",
    "gift idea for a {age} year old who likes {thing}, under {budget} dollars",
    "do you have any {thing}? not {brand}", "something like a {thing} between ${low} and ${budget}",
    "I need {thing} for my kid, around ${budget}", "cheap {thing}, something {feature}",
    "my niece is {age} and loves {feature}, any {thing}?",
)
_COMMON = {"with", "this", "that", "your", "from", "have", "will", "they", "their", "more", "made", "great",
           "perfect", "about", "each", "into", "also", "other", "these", "includes", "product", "quality"}


def feature_of(p: Product, rng: random.Random) -> str:
    """A word a shopper might use for what the product offers, from its own description."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]{5,}", p.description) if w.lower() not in _COMMON]
    return rng.choice(words[:40]) if words else "fun"


def thing_of(p: Product) -> str:
    """What a shopper would call the product: its category's last words, else title words."""
    if p.category:
        return p.category.lower().replace("&", "and")
    words = [w for w in re.findall(r"[A-Za-z]+", p.title) if len(w) > 3]
    return " ".join(words[:2]).lower() or "toy"


def generate_requests(products: list[Product], n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    brands = sorted({p.brand for p in products if p.brand}) or ["Lego"]
    out = []
    for _ in range(n):
        p = rng.choice(products)
        price = p.price or 30.0
        budget = int(5 * round(price * rng.uniform(1.0, 1.6) / 5 + 0.5))
        age = (p.age_range or (rng.randint(4, 12), 0))[0]
        out.append(rng.choice(TEMPLATES).format(thing=thing_of(p), age=max(age, 3), budget=budget,
                                                low=max(1, budget // 3), brand=rng.choice(brands),
                                                feature=feature_of(p, rng)))
    return out


def run(catalog_path: Path, config: Config, n: int = 240, customer_share: float = 0.3,
        engine: Recommender | None = None) -> dict[str, Any]:
    started = time.perf_counter()
    with scratch_config(config, catalog_path) as cfg:
        if engine is None:
            engine = Recommender.load(cfg)
        customers = [c["customer_id"] for c in engine.store.customers() if c["purchases"]]
        rng = random.Random(11)
        requests = generate_requests(engine.catalog.products, n)
        total = verified = grounded = 0
        sentences: list[str] = []
        words = 0
        items_shown = 0
        for i, text in enumerate(requests):
            customer = rng.choice(customers) if customers and rng.random() < customer_share else None
            result = engine.recommend(RecommendRequest(sender_id=f"bench-{i}", messages=(text,),
                                                       customer_id=customer))
            known = engine.store.customer(customer) if customer else None
            purchases = tuple(known["purchases"]) if known else ()
            facts = merge_facts([text])  # as the engine reads a conversation
            cheap = engine.cheap_ceiling if facts.cheap and facts.budget_max is None else None
            ctx = Context(request_text=text, facts=facts, purchases=purchases, cheap_ceiling=cheap)
            impression = engine.store.impression(result["recommendation"]["recommendation_id"])
            assert impression is not None
            for item in impression.items:
                items_shown += 1
                product = engine.catalog.get(item.product_id)
                assert product is not None
                for rank_ctx, shown in ((replace(ctx, rank=item.position), r) for r in item.evidence["reasons"]):
                    claims = tuple(Claim.load(c) for c in shown["claims"])
                    total += 1
                    verified += verify_reason(Reason(shown["text"], claims), product, rank_ctx)
                    grounded += any(c.kind in GROUNDING for c in claims)
                    sentences.append(shown["text"])
                    words += len(shown["text"].split())
        return {
            "requests": len(requests), "items": items_shown, "reasons": total,
            "verified_share": round(verified / max(total, 1), 4),
            "grounded_share": round(grounded / max(total, 1), 4),
            "unique_sentence_ratio": round(len(set(sentences)) / max(total, 1), 4),
            "mean_words": round(words / max(total, 1), 1),
            "reasons_per_item": round(total / max(items_shown, 1), 2),
            "catalog": str(catalog_path), "seconds": round(time.perf_counter() - started, 1),
        }
