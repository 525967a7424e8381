"""Domain exceptions, translated to HTTP statuses or friendly messages at the edges."""
from __future__ import annotations


class RecommenderError(Exception):
    """Base class of every error the recommender raises on purpose."""


class CatalogError(RecommenderError):
    """The catalog file cannot be used at all (missing, unreadable, no valid rows)."""


class BadRequest(RecommenderError):
    """A request that breaks the API contract; the message says what is allowed."""


class NotFound(RecommenderError):
    """A named recommendation, product or customer does not exist."""


class Overloaded(RecommenderError):
    """Too many requests are waiting; the caller should retry later."""


class StoreUnavailable(RecommenderError):
    """The database refuses reads or writes (locked, unreachable) and nothing could stand in."""
