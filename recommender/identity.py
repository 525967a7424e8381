"""Signed shopper identity: the store's backend vouches for its logged-in shopper.

A token is a JWT (HS256, PyJWT) signed with the secret the store shares with the assistant
(`ASSISTANT_IDENTITY_SECRET`), carrying the customer id (`sub`) and an expiry (`exp`). The page
passes it in the message metadata as `customer_token`; the REST channel (bot/channels.py)
turns a valid one into the conversation's `customer_id` and drops any `customer_id` a client
wrote itself. A store's backend makes one in a few lines:

    import time, jwt
    token = jwt.encode({"sub": "C001", "exp": int(time.time()) + 900}, SECRET, algorithm="HS256")

This module is light (PyJWT and the standard library only): the bot's Python 3.10 imports it
as well as the storefront's 3.11.
"""
from __future__ import annotations

import logging
import time
from typing import Any

import jwt

log = logging.getLogger(__name__)

ALGORITHM = "HS256"
DEFAULT_TTL_S = 900  # fifteen minutes: a page asks its backend for a new one as the shopper goes on
MAX_TOKEN_CHARS = 4096
MAX_CUSTOMER_ID_CHARS = 64


def issue_token(customer_id: str, secret: str, ttl_s: int = DEFAULT_TTL_S, now: float | None = None) -> str:
    """A token vouching for `customer_id` until `ttl_s` seconds from `now`."""
    if not secret:
        raise ValueError("an identity secret is required to sign a token")
    if not customer_id or len(customer_id) > MAX_CUSTOMER_ID_CHARS:
        raise ValueError(f"customer id must be 1 to {MAX_CUSTOMER_ID_CHARS} characters")
    issued = int(time.time() if now is None else now)
    return jwt.encode({"sub": customer_id, "iat": issued, "exp": issued + int(ttl_s)}, secret, algorithm=ALGORITHM)


def verify_token(token: Any, secret: str) -> tuple[str | None, str]:
    """(customer id, "ok") for a valid token, else (None, why): "missing", "no secret",
    "expired", "bad signature" or "malformed". The reason never contains the token."""
    if not isinstance(token, str) or not token:
        return None, "missing"
    if not secret:
        return None, "no secret"
    if len(token) > MAX_TOKEN_CHARS:
        return None, "malformed"
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["sub", "exp"]})
    except jwt.ExpiredSignatureError:
        return None, "expired"
    except jwt.InvalidSignatureError:
        return None, "bad signature"
    except (jwt.InvalidTokenError, ValueError, TypeError, KeyError):
        return None, "malformed"
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub or len(sub) > MAX_CUSTOMER_ID_CHARS or not sub.isprintable():
        return None, "malformed"
    return sub, "ok"


def verified_metadata(metadata: Any, secret: str) -> dict[str, Any]:
    """The message metadata a channel passes on: `customer_id` only from a valid token.

    A `customer_id` the client wrote itself is dropped, and so is the token (it is a
    credential: it never reaches the tracker store or the logs). A rejected token or a bare id
    is logged with the reason only: neither the token nor any id of the shopper's.
    """
    out = dict(metadata) if isinstance(metadata, dict) else {}
    claimed = out.pop("customer_id", None)
    token = out.pop("customer_token", None)
    if token is not None:
        customer, why = verify_token(token, secret)
        if customer is not None:
            out["customer_id"] = customer
            return out
        log.warning("identity: customer token rejected (%s); the conversation is a guest's", why)
    elif claimed is not None:
        log.warning("identity: a customer_id without a token was ignored; the conversation is a guest's")
    return out
