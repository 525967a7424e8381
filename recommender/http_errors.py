"""aiohttp's own 4xx (no route, wrong method, body too large) as JSON with a reason.

Shared by the recommender service and the storefront (kept free of heavy imports).
"""
from __future__ import annotations

from typing import Any

from aiohttp import web

KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


def json_http_error(request: web.Request, exc: web.HTTPException, *, max_body: int, not_found: str,
                    extra: dict[str, Any] | None = None) -> web.Response:
    if exc.status == 404:
        message = not_found
    elif exc.status == 405:
        message = f"method {request.method} is not allowed here; allowed: {exc.headers.get('Allow', '')}"
    elif exc.status == 413:
        message = f"the request body is larger than {max_body} bytes"
    else:
        message = exc.reason.lower()
    keep = {k: v for k, v in exc.headers.items() if k in KEPT_HEADERS}
    return web.json_response({"error": message, **(extra or {})}, status=exc.status, headers=keep)
