"""The recommender's aiohttp service: one process owns the model and answers JSON."""
from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from collections.abc import AsyncIterator, Awaitable, Callable
from functools import partial
from typing import Any, TypeVar

from aiohttp import web

from recommender.config import Config
from recommender.engine import Recommender, RecommendRequest, Refine
from recommender.batching import MicroBatcher
from recommender.errors import BadRequest, NotFound, Overloaded, RecommenderError
from recommender.tables import FEEDBACK_TYPES

log = logging.getLogger(__name__)

ENGINE = web.AppKey("engine", Recommender)
EXECUTOR = web.AppKey("executor", ThreadPoolExecutor)
BATCHER = web.AppKey("batcher", MicroBatcher)
CONFIG = web.AppKey("config", Config)
T = TypeVar("T")
REFINE_OPS = ("cheaper", "more_like", "different_brand")
MAX_MESSAGES = 50
MAX_MESSAGE_CHARS = 2000


def create_app(config: Config, engine: Recommender | None = None) -> web.Application:
    """The service app; loads the engine at start-up unless one is given (tests share one)."""
    app = web.Application(middlewares=[_errors], client_max_size=256 * 1024)
    app[CONFIG] = config

    async def engine_ctx(app: web.Application) -> AsyncIterator[None]:
        # A small pool: on a 2-core machine more threads only contend for the cores and the GIL.
        app[EXECUTOR] = ThreadPoolExecutor(max_workers=config.worker_threads, thread_name_prefix="engine")
        if engine is not None:
            app[ENGINE] = engine
        else:
            loop = asyncio.get_running_loop()
            app[ENGINE] = await loop.run_in_executor(app[EXECUTOR], partial(Recommender.load, config, True))
        app[BATCHER] = MicroBatcher(app[ENGINE].encoder.encode, app[EXECUTOR], max_batch=config.max_batch,
                                    max_wait_ms=config.max_wait_ms, max_pending=config.max_pending)
        yield
        await app[BATCHER].close()
        if engine is None:
            app[ENGINE].store.engine.dispose()
        app[EXECUTOR].shutdown(wait=False)

    app.cleanup_ctx.append(engine_ctx)
    app.add_routes([
        web.get("/healthz", healthz),
        web.post("/v1/recommend", recommend),
        web.post("/v1/explain", explain),
        web.post("/v1/compare", compare),
        web.post("/v1/feedback", feedback),
        web.get("/v1/feedback", list_feedback),
        web.get("/v1/customers", customers),
        web.get("/v1/customers/{customer_id}", customer),
        web.get("/v1/customers/{customer_id}/data", customer_data),
        web.delete("/v1/customers/{customer_id}/data", forget_customer),
        web.get("/v1/trust", trust),
        web.get("/v1/products", products),
    ])
    return app


@web.middleware
async def _errors(request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                  ) -> web.StreamResponse:
    """Domain errors become 4xx with a message; anything else a 500 without a traceback."""
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except BadRequest as exc:
        return web.json_response({"error": str(exc)}, status=400)
    except NotFound as exc:
        return web.json_response({"error": str(exc)}, status=404)
    except Overloaded as exc:
        return web.json_response({"error": str(exc)}, status=503, headers={"Retry-After": "1"})
    except (RecommenderError, ValueError) as exc:
        return web.json_response({"error": str(exc)}, status=400)
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return web.json_response({"error": "internal error"}, status=500)


async def _run(request: web.Request, fn: Callable[..., T], *args: Any) -> T:
    """Run blocking engine work (model, database) off the event loop."""
    return await asyncio.get_running_loop().run_in_executor(request.app[EXECUTOR], partial(fn, *args))


async def _body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except Exception:
        raise BadRequest("body must be a JSON object") from None
    if not isinstance(body, dict):
        raise BadRequest("body must be a JSON object")
    return body


def _str(body: dict[str, Any], key: str, required: bool = True, limit: int = 200) -> str | None:
    value = body.get(key)
    if value is None or value == "":
        if required:
            raise BadRequest(f"{key} is required")
        return None
    if not isinstance(value, str):
        raise BadRequest(f"{key} must be a string")
    if len(value) > limit:
        raise BadRequest(f"{key} is longer than {limit} characters")
    return value


def _int(body: dict[str, Any], key: str, required: bool = True) -> int | None:
    value = body.get(key)
    if value is None:
        if required:
            raise BadRequest(f"{key} is required")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRequest(f"{key} must be an integer")
    return value


async def healthz(request: web.Request) -> web.Response:
    engine = request.app[ENGINE]
    return web.json_response({"status": "ok", "products": len(engine.catalog),
                              "model": engine.model_version, "device": engine.encoder.device})


async def recommend(request: web.Request) -> web.Response:
    body = await _body(request)
    messages = body.get("messages", [])
    if not isinstance(messages, list) or not all(isinstance(m, str) for m in messages):
        raise BadRequest("messages must be a list of strings")
    messages = [m[:MAX_MESSAGE_CHARS] for m in messages[-MAX_MESSAGES:]]
    refine = None
    if (raw := body.get("refine")) is not None:
        if not isinstance(raw, dict):
            raise BadRequest("refine must be an object")
        op = _str(raw, "op")
        if op not in REFINE_OPS:
            raise BadRequest(f"unknown refine op {op!r}; expected one of {REFINE_OPS}")
        refine = Refine(op, _str(raw, "recommendation_id") or "", _int(raw, "position", required=False))  # type: ignore[arg-type]
    k = _int(body, "k", required=False)
    if k is not None and not 1 <= k <= 20:
        raise BadRequest("k must be between 1 and 20")
    req = RecommendRequest(sender_id=_str(body, "sender_id") or "", messages=tuple(messages),
                           customer_id=_str(body, "customer_id", required=False), refine=refine, k=k)
    engine = request.app[ENGINE]
    turns = engine.turns_to_encode(req)
    vectors = await request.app[BATCHER].encode(turns) if turns else None
    return web.json_response(await _run(request, engine.recommend, req, vectors))


async def explain(request: web.Request) -> web.Response:
    body = await _body(request)
    engine = request.app[ENGINE]
    rec_id = _str(body, "recommendation_id") or ""
    position = _int(body, "position") or 0
    result = await _run(request, engine.explain, rec_id, position)
    await _run(request, partial(
        engine.store.record_feedback, type="asked_why", sender_id=_str(body, "sender_id") or "",
        customer_id=_str(body, "customer_id", required=False), recommendation_id=rec_id,
        product_id=result["product_id"], position=result["position"]))
    return web.json_response(result)


async def compare(request: web.Request) -> web.Response:
    body = await _body(request)
    engine = request.app[ENGINE]
    positions = body.get("positions")
    if (not isinstance(positions, list) or len(positions) != 2
            or not all(isinstance(p, int) and not isinstance(p, bool) for p in positions)):
        raise BadRequest("positions must be a list of two integers")
    rec_id = _str(body, "recommendation_id") or ""
    result = await _run(request, engine.compare, rec_id, positions)
    await _run(request, partial(
        engine.store.record_feedback, type="compared", sender_id=_str(body, "sender_id") or "",
        customer_id=_str(body, "customer_id", required=False), recommendation_id=rec_id,
        detail={"positions": positions, "product_ids": result["product_ids"]}))
    return web.json_response(result)


async def feedback(request: web.Request) -> web.Response:
    """Record one typed feedback event; position-based events are resolved to the product."""
    body = await _body(request)
    engine = request.app[ENGINE]
    kind = _str(body, "type")
    if kind not in FEEDBACK_TYPES:
        raise BadRequest(f"unknown feedback type {kind!r}; expected one of {FEEDBACK_TYPES}")
    rec_id = _str(body, "recommendation_id", required=False)
    position = _int(body, "position", required=False)
    product_id = _str(body, "product_id", required=False)
    detail = body.get("detail") or {}
    if not isinstance(detail, dict):
        raise BadRequest("detail must be an object")
    item = None
    if rec_id and position is not None:
        item = await _run(request, engine.item, rec_id, position)
        product_id, position = item["product_id"], item["position"]
    elif rec_id and engine.store.impression(rec_id) is None:
        raise NotFound(f"no recommendation {rec_id!r}")
    if kind == "too_expensive" and rec_id:
        # The next list must be cheaper than this one: strictly below its median price,
        # or below the named item's price when the shopper pointed at one.
        ceiling = item["price"] if item and item["price"] else await _run(request, engine.median_price, rec_id)
        if ceiling is not None:
            detail = {**detail, "ceiling": ceiling}
    event_id = await _run(request, partial(
        engine.store.record_feedback, type=kind, sender_id=_str(body, "sender_id") or "",
        customer_id=_str(body, "customer_id", required=False), recommendation_id=rec_id,
        product_id=product_id, position=position, detail=detail))
    return web.json_response({"id": event_id, "type": kind, "product_id": product_id,
                              "position": position, "title": item["title"] if item else None,
                              "detail": detail}, status=201)


async def list_feedback(request: web.Request) -> web.Response:
    who = request.query.get("who") or None
    return web.json_response({"events": await _run(request, request.app[ENGINE].store.feedback, who)})


async def customers(request: web.Request) -> web.Response:
    return web.json_response({"customers": await _run(request, request.app[ENGINE].store.customers)})


async def customer(request: web.Request) -> web.Response:
    cid = request.match_info["customer_id"]
    found = await _run(request, request.app[ENGINE].store.customer, cid)
    if found is None:
        raise NotFound(f"no customer {cid!r}")
    return web.json_response(found)


async def customer_data(request: web.Request) -> web.Response:
    """Everything stored about a customer id or REST sender id (404 when there is nothing)."""
    who = request.match_info["customer_id"]
    found = await _run(request, request.app[ENGINE].store.customer_data, who)
    if found["customer"] is None and not found["impressions"] and not found["feedback_events"]:
        raise NotFound(f"nothing stored about {who!r}")
    return web.json_response(found)


async def forget_customer(request: web.Request) -> web.Response:
    """Delete everything stored about a customer id or sender id; answers the rows deleted per table."""
    who = request.match_info["customer_id"]
    deleted = await _run(request, request.app[ENGINE].forget, who)
    return web.json_response({"id": who, "deleted": deleted})


async def trust(request: web.Request) -> web.Response:
    """Trust figures of one customer or sender id (`?customer=`), else overall and per id."""
    store = request.app[ENGINE].store
    who = request.query.get("customer")
    if who:
        return web.json_response({"customer": who, **await _run(request, store.trust, who)})
    return web.json_response(await _run(request, store.trust_report))


async def products(request: web.Request) -> web.Response:
    try:
        limit = max(1, min(int(request.query.get("limit", "48")), 200))
    except ValueError:
        raise BadRequest("limit must be an integer") from None
    q = request.query.get("q", "")[:500]
    engine = request.app[ENGINE]
    found = await _run(request, engine.search, q, limit)
    return web.json_response({"products": [p.public() for p in found], "total": len(engine.catalog)})
