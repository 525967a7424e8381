"""Conversational product recommender: catalog, encoder, index, ranker, reasons, feedback store.

Names are imported on first use (PEP 562), so a process that only needs a light module
(the action server formatting money with `recommender.money`) never loads torch.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recommender.catalog import Catalog, Product, load_catalog
    from recommender.config import Config, ScoreWeights
    from recommender.engine import Recommender
    from recommender.feedback_types import FEEDBACK_TYPES, FeedbackType
    from recommender.shopper import RecommendRequest, Refine
    from recommender.store import Store

_HOMES = {
    "FEEDBACK_TYPES": "recommender.feedback_types",
    "FeedbackType": "recommender.feedback_types",
    "Catalog": "recommender.catalog",
    "Config": "recommender.config",
    "Product": "recommender.catalog",
    "RecommendRequest": "recommender.shopper",
    "Recommender": "recommender.engine",
    "Refine": "recommender.shopper",
    "ScoreWeights": "recommender.config",
    "Store": "recommender.store",
    "load_catalog": "recommender.catalog",
}
__all__ = [
    "FEEDBACK_TYPES",
    "Catalog",
    "Config",
    "FeedbackType",
    "Product",
    "RecommendRequest",
    "Recommender",
    "Refine",
    "ScoreWeights",
    "Store",
    "load_catalog",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'recommender' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
