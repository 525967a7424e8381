"""aiohttp's own 4xx (no route, wrong method, body too large) as JSON with a reason.

Shared by the recommender service and the storefront (kept free of heavy imports): each puts
`json_http_errors(...)` first among its middlewares.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Middleware

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


def json_http_errors(*, max_body: int, not_found: str, extra: dict[str, Any] | None = None) -> Middleware:
    """A middleware answering every HTTPException of 400 and above as `json_http_error` does
    (redirects pass through)."""

    @web.middleware
    async def http_errors(request: web.Request,
                          handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
        try:
            return await handler(request)
        except web.HTTPException as exc:
            if exc.status < 400:
                raise
            return json_http_error(request, exc, max_body=max_body, not_found=not_found, extra=extra)

    return http_errors
