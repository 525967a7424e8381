"""Configuration: one frozen dataclass built once at an entry point and passed down."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import ClassVar

from recommender.money import parse_rates

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ScoreWeights:
    """Weights of the named score parts (see ranker.py), relative to the request's match.

    history and popularity come from `python -m bench conversational` on the
    Amazon Scientific training sequences: the fitted request weight was 32 against history
    similarity weights summing to 9 (9/32 = 0.28) and a popularity weight of 2 (2/32 = 0.06).
    The other parts are small tie-breakers so that they never outweigh what was asked for.
    """

    semantic: float = 1.0  # cosine(request, product): what the shopper asked for
    lexical: float = 0.25  # BM25 of the request over the listing, best product 1 (bench relevance)
    history: float = 0.28  # cosine(recency-weighted purchase history, product): who they are
    popularity: float = 0.06  # log-popularity prior from purchases and acceptances
    price_fit: float = 0.05  # closeness to the typical spend inside the stated budget
    feedback: float = 0.25  # learned per-customer preference (rejections demote a category)
    exploration: float = 0.03  # bonus for items this shopper has not been shown yet


@dataclass(frozen=True)
class Config:
    """Everything the recommender needs; override any field with the env var in `ENV`."""

    catalog_path: Path = ROOT / "data" / "catalog.csv"  # the store's catalog file
    catalog_columns: str = ""  # column mapping "field=column,..." for a store's own file
    default_currency: str = "USD"  # used when the catalog has no currency column
    # The store's own exchange rates for budgets written in another currency, "GBP=1.27,EUR=1.08" (the
    # store's money one unit of each is worth); empty: reference rates less a tenth (`money.budget_rates`)
    exchange_rates: str = ""
    # Demo customers, loaded at start; without CUSTOMERS, "<catalog>-customers.json" beside the
    # catalog when there is one (data/fashion.csv -> data/fashion-customers.json)
    customers_path: Path = ROOT / "data" / "customers.json"
    # The store's order history (CSV, TSV, JSONL or Parquet order lines), loaded into the store at
    # start (recommender/orders.py); empty: none. ORDERS_COLUMNS maps its columns like CATALOG_COLUMNS.
    orders_path: str = ""
    orders_columns: str = ""
    history_dir: Path = ROOT / ".cache" / "history"  # trained history models, one artifact per catalog + orders
    # The history model's items: the products most bought, up to this many (its count matrices
    # are items x items: 3,000 is ~36 MB each).
    history_max_items: int = 3000
    # Customers with two or more purchases needed to train a history model; below it the history
    # part is the recency-weighted mean of purchase embeddings (the demo store has six customers).
    history_min_customers: int = 20
    # A list answered from the history model alone ("surprise me"): its MMR lambda, and the
    # cosine above which two products count as one (1: none do). Customers' next purchases are
    # often a variant of another likely one (a size, a pack), and variants share their first 40
    # tokens: on a held-out split of the Scientific training data, skipping near-duplicates
    # (0.92) and MMR 0.75 gave NDCG@10 0.099, no skipping 0.114, and no MMR either 0.119; the
    # cosine 0.99 skip (554 pairs of the 1,585 products, 10 of them the same title) 0.1085
    # against 0.1185 without (README, Benchmarks). Two products with the same title are one
    # listing and never both shown, in every list (`ranker.listing_ids`). A request's lists
    # use `mmr_lambda`, the trust policy and `near_duplicate`.
    history_mmr_lambda: float = 1.0
    history_near_duplicate: float = 1.0
    # Tokens the history model's products are encoded from (0: all the model reads, up to 256).
    # Its similarity features lost to the 40-token listings of the catalog index: zero-shot
    # NDCG@10 0.077 at 40 tokens, 0.083-0.084 at 64 and at the full text on a held-out split of
    # the Scientific training data (README, Benchmarks). Only the products in orders are encoded.
    history_product_tokens: int = 0
    history_seed: int = 0  # first training seed of the history model (bench sequential --seeds varies it)
    model_path: Path = ROOT / ".cache" / "models" / "all-MiniLM-L6-v2"  # sentence-transformers dir
    models_dir: Path = ROOT / ".cache" / "models"  # fine-tuned versions; "current" is the promoted one
    cache_dir: Path = ROOT / ".cache" / "index"  # product embeddings per catalog+model version
    database_url: str = f"sqlite:///{ROOT / 'var' / 'assistant.db'}"  # SQLAlchemy URL
    host: str = "127.0.0.1"  # loopback by default: the services are not public
    port: int = 8000  # recommender service port
    device: str = "auto"  # "auto" picks cuda when present, else cpu
    # "auto": float16 on a GPU, float32 on CPU. "int8" quantizes the weights on CPU: faster, but
    # it cost dense retrieval 0.03-0.07 precision@5 (README, Benchmarks), so it is not the default.
    precision: str = "auto"
    # Tokens a listing is encoded from (`Encoder.within_budget`): its category, brand and facets,
    # its title as far as it fits beside them, then the bullets. 0: everything up to the model's
    # 256. 40 encodes long listings ~5x faster than the full text, retrieval within noise
    # (README, Benchmarks: indexing).
    product_tokens: int = 40
    rephrase_model: str = ""  # local causal LM dir to reword reasons (verified); empty: templates
    top_k: int = 5  # products per recommendation list
    ann_threshold: int = 50_000  # catalogs at least this big use FAISS instead of exact search
    ann_candidates: int = 2_000  # products the ANN index hands to the ranker per request
    # Listings per forward pass when indexing on CPU (GPUs use 16x): with listings cut to
    # `product_tokens`, 16 encoded ~10% faster than 64 here (`python -m bench index`).
    batch_size: int = 16
    worker_threads: int = 2  # threads for model and database work in the service
    torch_threads: int = 0  # intra-op threads for torch on CPU in the service; 0: torch's default (one per core)
    max_batch: int = 64  # micro-batching: most texts encoded in one forward pass
    max_wait_ms: float = 4.0  # micro-batching: longest a request waits for company
    max_pending: int = 256  # requests waiting beyond this are refused with 503 + Retry-After
    encode_cache: int = 4096  # turn vectors kept (LRU, keyed by text hash): earlier turns are not re-encoded
    # The learned reader of refusals (recommender/refusals.py): a span it scores at least this is
    # refused, beside the rules' refusals; above 1 turns it off (bench refusals, README).
    refusal_threshold: float = 0.8
    retrieval: str = "hybrid"  # "hybrid" (shipped); "dense" or "lexical" alone, for bench relevance
    mmr_lambda: float = 0.75  # relevance vs. diversity in the final list
    # The list's MMR lambda moves with the shopper's acceptance: + mmr_trust_slope * (0.5 - trust),
    # kept within these bounds (a shopper who rejects a lot gets closer picks, less diversity).
    mmr_trust_slope: float = 0.3
    mmr_bounds: tuple[float, float] = (0.5, 0.95)
    more_like_anchor: float = 0.7  # "more like this": the item's share of the query, the request's is the rest
    related_purchase: float = 0.45  # cosine above which a past purchase is cited as related in a reason
    popularity_ttl_s: float = 30.0  # how long the popularity prior (purchases, accepts) is reused before a re-read
    near_duplicate: float = 0.92  # cosine above which two products count as near-identical
    history_half_life: float = 3.0  # purchases back at which a purchase's weight halves
    # Bearer token every route but GET /healthz requires; empty turns the check off (in-process
    # tests). scripts/stack.py always sets one (var/recommender.token), so a running stack has it.
    token: str = field(default="", repr=False)
    # Bearer token of the /v1/admin/ routes (catalog reload); empty: the service token.
    # scripts/stack.py sets one (var/admin.token), which only the store's operator is given.
    admin_token: str = field(default="", repr=False)
    catalog_watch_s: float = 0.0  # > 0: check the catalog file this often and reload it when it changed
    # Feedback the database cannot take (locked, unreachable) is appended here and replayed in
    # order; empty: beside a SQLite database file, else var/feedback-spool.jsonl.
    feedback_spool: str = ""
    feedback_write_timeout_s: float = 2.0  # a feedback write waits this long on a locked SQLite file, then spools
    spool_retry_s: float = 1.0  # how often spooled feedback is offered to the database again
    weights: ScoreWeights = field(default_factory=ScoreWeights)

    ENV: ClassVar[dict[str, str]] = {
        "catalog_path": "CATALOG",
        "catalog_columns": "CATALOG_COLUMNS",
        "default_currency": "CATALOG_CURRENCY",
        "exchange_rates": "CATALOG_EXCHANGE_RATES",
        "customers_path": "CUSTOMERS",
        "orders_path": "ORDERS",
        "orders_columns": "ORDERS_COLUMNS",
        "history_dir": "RECOMMENDER_HISTORY_DIR",
        "history_max_items": "HISTORY_MAX_ITEMS",
        "history_min_customers": "HISTORY_MIN_CUSTOMERS",
        "history_seed": "HISTORY_SEED",
        "history_product_tokens": "HISTORY_PRODUCT_TOKENS",
        "history_mmr_lambda": "HISTORY_MMR_LAMBDA",
        "history_near_duplicate": "HISTORY_NEAR_DUPLICATE",
        "model_path": "RECOMMENDER_MODEL_PATH",
        "cache_dir": "RECOMMENDER_CACHE_DIR",
        "database_url": "DATABASE_URL",
        "host": "RECOMMENDER_HOST",
        "port": "RECOMMENDER_PORT",
        "device": "RECOMMENDER_DEVICE",
        "precision": "RECOMMENDER_PRECISION",
        "product_tokens": "RECOMMENDER_PRODUCT_TOKENS",
        "rephrase_model": "RECOMMENDER_REPHRASE_MODEL",
        "top_k": "RECOMMENDER_TOP_K",
        "encode_cache": "RECOMMENDER_ENCODE_CACHE",
        "torch_threads": "RECOMMENDER_TORCH_THREADS",
        "ann_threshold": "RECOMMENDER_ANN_THRESHOLD",
        "refusal_threshold": "RECOMMENDER_REFUSAL_THRESHOLD",
        "token": "RECOMMENDER_TOKEN",
        "admin_token": "RECOMMENDER_ADMIN_TOKEN",
        "catalog_watch_s": "CATALOG_WATCH_S",
        "feedback_spool": "FEEDBACK_SPOOL",
        "feedback_write_timeout_s": "FEEDBACK_WRITE_TIMEOUT_S",
    }

    RETRIEVALS: ClassVar[tuple[str, ...]] = ("hybrid", "dense", "lexical")

    def __post_init__(self) -> None:
        if not self.refusal_threshold > 0:
            raise ValueError(f"refusal_threshold must be above 0 (above 1 turns the reader off), not {self.refusal_threshold}")
        if self.retrieval not in self.RETRIEVALS:
            raise ValueError(f"unknown retrieval {self.retrieval!r}; expected one of {self.RETRIEVALS}")
        parse_rates(self.exchange_rates)  # raises on an entry it cannot read

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Config:
        """Build a config from defaults, then environment variables, then keyword overrides."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        types = {f.name: f.type for f in fields(cls)}
        for name, var in cls.ENV.items():
            raw = env.get(var)
            if raw is None or raw == "":
                continue
            kind = types[name]
            if kind == "Path":
                values[name] = Path(raw).expanduser().resolve()
            elif kind == "int":
                try:
                    values[name] = int(raw)
                except ValueError:
                    raise ValueError(f"{var}={raw!r} is not an integer") from None
            elif kind == "float":
                try:
                    values[name] = float(raw)
                except ValueError:
                    raise ValueError(f"{var}={raw!r} is not a number") from None
            else:
                values[name] = raw
        values.update(overrides)
        config = replace(cls(), **values)  # type: ignore[arg-type]  # each value was converted to its field's type above
        beside = Path(config.catalog_path).with_name(f"{Path(config.catalog_path).stem}-customers.json")
        if "customers_path" not in values and beside.is_file():
            config = replace(config, customers_path=beside)
        promoted = Path(config.models_dir) / "current"
        if "model_path" not in values and promoted.exists():
            config = replace(config, model_path=promoted)  # a fine-tuned model that beat the base
        return config

    @property
    def model_id(self) -> str:
        """A short name for the model, used in cache keys and impressions."""
        return Path(self.model_path).name
