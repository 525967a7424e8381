"""The service's edge: who may call (bearer tokens), and every error answered as JSON with a reason
(4xx say what is allowed, 503 means "try again", no answer carries a traceback)."""
from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.typedefs import Middleware
from sqlalchemy.exc import OperationalError

from recommender.errors import BadRequest, NotFound, Overloaded, RecommenderError, StoreUnavailable
from recommender.http_errors import json_http_errors

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 256 * 1024

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def bearer_auth(token: str, admin_token: str) -> Middleware:
    """Every route but GET /healthz needs the bearer token, and /v1/admin/ routes the admin token
    (the service token when no admin token is set); no token configured: no check."""
    expected, admin = token.encode(), (admin_token or token).encode()

    @web.middleware
    async def auth(request: web.Request, handler: Handler) -> web.StreamResponse:
        wanted = admin if request.path.startswith("/v1/admin/") else expected
        if not wanted or (request.path == "/healthz" and request.method in ("GET", "HEAD")):
            return await handler(request)
        scheme, _, given = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode("utf-8", "replace"), wanted):
            kind = "the admin token" if wanted is admin and admin_token else "a valid bearer token"
            return web.json_response({"error": f"{kind} is required: Authorization: Bearer <token>"},
                                     status=401, headers={"WWW-Authenticate": 'Bearer realm="recommender"'})
        return await handler(request)

    return auth


def route_pattern(request: web.Request) -> str:
    """The route's pattern (`/v1/customers/{customer_id}`): paths may hold ids, logs must not."""
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "(no route)"


# aiohttp's own 4xx (no route, wrong method, body too large): outermost, before `json_errors`
http_errors = json_http_errors(max_body=MAX_BODY_BYTES, not_found="no such route; the API is /healthz and /v1/...")


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Domain errors become 4xx with a message; anything else a 500 without a traceback."""
    try:
        return await handler(request)
    except web.HTTPException:
        raise  # aiohttp's own: answered by `http_errors`, outside this one
    except BadRequest as exc:
        return web.json_response({"error": str(exc)}, status=400)
    except NotFound as exc:
        return web.json_response({"error": str(exc)}, status=404)
    except Overloaded as exc:
        return web.json_response({"error": str(exc)}, status=503, headers={"Retry-After": "1"})
    except StoreUnavailable as exc:
        return web.json_response({"error": str(exc)}, status=503, headers={"Retry-After": "1"})
    except OperationalError as exc:
        # Locked or unreachable database: the caller may try again. The statement and its
        # parameters (personal data) stay out of the log; the driver's reason goes in.
        log.warning("database unavailable on %s %s (%s)", request.method, route_pattern(request),
                    str(exc.orig).splitlines()[0][:200] if exc.orig is not None else "")
        return web.json_response({"error": "the database is unavailable right now; try again"}, status=503,
                                 headers={"Retry-After": "1"})
    except (RecommenderError, ValueError) as exc:
        return web.json_response({"error": str(exc)}, status=400)
    except Exception:
        log.exception("unhandled error on %s %s", request.method, route_pattern(request))
        return web.json_response({"error": "internal error"}, status=500)
