"""Checks of what a caller sends the recommender service: a JSON object body, ids, integers and
a shopper's words, each refused with a clear 400 (`BadRequest`) rather than passed on."""
from __future__ import annotations

import unicodedata
from typing import Any

from aiohttp import web

from recommender.errors import BadRequest

MAX_POSITION = 100  # lists hold at most 20 items; anything far beyond is not a position
ID_LIMITS = {"sender_id": 128, "customer_id": 64, "recommendation_id": 36, "product_id": 64}


async def json_body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except web.HTTPException:
        raise  # 413: larger than client_max_size
    except (ValueError, RecursionError):  # not JSON, not UTF-8, nested too deep
        raise BadRequest("body must be a JSON object") from None
    if not isinstance(body, dict):
        raise BadRequest("body must be a JSON object")
    return body


def checked_str(body: dict[str, Any], key: str, required: bool = True, limit: int | None = None) -> str | None:
    value = body.get(key)
    if value is None or value == "":
        if required:
            raise BadRequest(f"{key} is required")
        return None
    if not isinstance(value, str):
        raise BadRequest(f"{key} must be a string")
    limit = limit or ID_LIMITS.get(key, 200)
    if len(value) > limit:
        raise BadRequest(f"{key} is longer than {limit} characters")
    if unprintable(value):
        raise BadRequest(f"{key} must not contain control characters or lone surrogates")
    return value


def checked_id(value: str | None, key: str) -> str | None:
    """An id from a path or query string, held to the same rules as one in a body."""
    return checked_str({key: value}, key, required=False, limit=ID_LIMITS["sender_id"])


def unprintable(value: str) -> bool:
    """Control characters (NUL ...) or lone surrogates: no id has them, and databases refuse some."""
    return any(unicodedata.category(c) in ("Cc", "Cs") for c in value)


def checked_int(body: dict[str, Any], key: str, required: bool = True, low: int = 1,
         high: int = MAX_POSITION) -> int | None:
    value = body.get(key)
    if value is None:
        if required:
            raise BadRequest(f"{key} is required")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRequest(f"{key} must be an integer")
    if not low <= value <= high:
        raise BadRequest(f"{key} must be between {low} and {high}")
    return value


def shopper_text(message: str) -> str:
    """A shopper's words without control characters or lone surrogates (the tokenizer refuses those)."""
    return "".join(c if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cs") else " " for c in message)
