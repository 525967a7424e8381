"""Conversational product recommender: catalog, encoder, index, ranker, reasons, feedback store."""
from __future__ import annotations

from recommender.catalog import Catalog, Product, load_catalog
from recommender.config import Config, ScoreWeights
from recommender.engine import Recommender, RecommendRequest, Refine
from recommender.store import Store
from recommender.tables import FEEDBACK_TYPES

__all__ = [
    "FEEDBACK_TYPES",
    "Catalog",
    "Config",
    "Product",
    "RecommendRequest",
    "Recommender",
    "Refine",
    "ScoreWeights",
    "Store",
    "load_catalog",
]
