"""The recommender's aiohttp service: one process owns the model and answers JSON.

Every route but GET /healthz needs `Authorization: Bearer <config.token>` when a token is
configured (scripts/stack.py always sets one). Every answer is JSON, errors included: 4xx
say what is allowed, 503 means "try again", and no answer carries a traceback.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, get_args

from aiohttp import web

from recommender.api import RefineOp
from recommender.batching import MicroBatcher
from recommender.config import Config
from recommender.engine import Recommender
from recommender.errors import BadRequest, CatalogError, NotFound
from recommender.feedback_types import FEEDBACK_TYPES
from recommender.impressions import item_at, median_price
from recommender.middleware import MAX_BODY_BYTES, bearer_auth, http_errors, json_errors
from recommender.qa import checked_question
from recommender.reload import LiveEngine
from recommender.request_checks import (
    MAX_POSITION,
    checked_id,
    checked_int,
    checked_str,
    json_body,
    shopper_text,
)
from recommender.shopper import RecommendRequest, Refine
from recommender.spool import FeedbackRecord, FeedbackSpool, default_path, writer_engine

log = logging.getLogger(__name__)

LIVE = web.AppKey("live", LiveEngine)
EXECUTOR = web.AppKey("executor", ThreadPoolExecutor)
BATCHER = web.AppKey("batcher", MicroBatcher)
CONFIG = web.AppKey("config", Config)
SPOOL = web.AppKey("spool", FeedbackSpool)
T = TypeVar("T")
REFINE_OPS = get_args(RefineOp)
MAX_MESSAGES = 50
MAX_MESSAGE_CHARS = 2000
MAX_DETAIL_CHARS = 4000  # a feedback event's free-form detail, as JSON
# Longest accepted ids: the widths of their database columns (recommender/tables.py).


def create_app(config: Config, engine: Recommender | None = None) -> web.Application:
    """The service app; loads the engine at start-up unless one is given (tests share one)."""
    app = web.Application(middlewares=[http_errors, json_errors, bearer_auth(config.token, config.admin_token)], client_max_size=MAX_BODY_BYTES)
    app[CONFIG] = config

    async def engine_ctx(app: web.Application) -> AsyncIterator[None]:
        # A small pool: on a 2-core machine more threads only contend for the cores and the GIL.
        app[EXECUTOR] = ThreadPoolExecutor(max_workers=config.worker_threads, thread_name_prefix="engine")
        if engine is not None:
            current = engine
        else:
            loop = asyncio.get_running_loop()
            current = await loop.run_in_executor(app[EXECUTOR], partial(Recommender.load, config, True))
        app[LIVE] = LiveEngine(current, app[EXECUTOR])
        # Every engine a reload makes shares this model, so the batcher encodes for all of them.
        app[BATCHER] = MicroBatcher(current.encoder.encode, app[EXECUTOR], max_batch=config.max_batch,
                                    max_wait_ms=config.max_wait_ms, max_pending=config.max_pending,
                                    cache_size=config.encode_cache)
        # Feedback is written through the spool, on the database the engine's store uses.
        url = current.store.engine.url.render_as_string(hide_password=False)
        app[SPOOL] = FeedbackSpool(Path(config.feedback_spool) if config.feedback_spool else default_path(url),
                                   writer_engine(url, config.feedback_write_timeout_s))
        tasks = [asyncio.create_task(_replay_spool(app[SPOOL], config.spool_retry_s))]
        if config.catalog_watch_s > 0:
            tasks.append(asyncio.create_task(app[LIVE].watch(config.catalog_watch_s)))
        yield
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        app[SPOOL].close()
        await app[BATCHER].close()
        if engine is None:
            current.store.engine.dispose()
        app[EXECUTOR].shutdown(wait=False)

    app.cleanup_ctx.append(engine_ctx)
    app.add_routes([
        web.get("/healthz", healthz),
        web.post("/v1/recommend", recommend),
        web.post("/v1/explain", explain),
        web.post("/v1/compare", compare),
        web.post("/v1/ask", ask),
        web.post("/v1/feedback", feedback),
        web.get("/v1/feedback", list_feedback),
        web.get("/v1/customers", customers),
        web.get("/v1/customers/{customer_id}", customer),
        web.get("/v1/customers/{customer_id}/data", customer_data),
        web.delete("/v1/customers/{customer_id}/data", forget_customer),
        web.get("/v1/trust", trust),
        web.get("/v1/products", products),
        web.post("/v1/admin/reload", admin_reload),
    ])
    return app


async def _replay_spool(spool: FeedbackSpool, every_s: float) -> None:
    """Offer spooled feedback to the database until the service stops (also what a crash left)."""
    while True:
        if spool.has_pending():
            try:
                await asyncio.to_thread(spool.replay)
            except Exception as exc:  # noqa: BLE001 - keep trying; the reason, not the events, goes to the log
                log.error("replaying spooled feedback failed (%s)", type(exc).__name__)
        await asyncio.sleep(every_s)


def _engine(request: web.Request) -> Recommender:
    """The engine this request is answered by, taken once: a reload never changes it mid-answer."""
    return request.app[LIVE].current


async def _run(request: web.Request, fn: Callable[..., T], *args: Any) -> T:
    """Run blocking engine work (model, database) off the event loop."""
    return await asyncio.get_running_loop().run_in_executor(request.app[EXECUTOR], partial(fn, *args))


async def _record(request: web.Request, record: FeedbackRecord) -> int | None:
    """Write a feedback event (its id), or spool it while the database refuses (None)."""
    return await _run(request, request.app[SPOOL].record, record)


async def healthz(request: web.Request) -> web.Response:
    engine = _engine(request)
    spooled = request.app[SPOOL].pending()
    batcher = request.app[BATCHER]
    return web.json_response({"status": "ok", "products": len(engine.catalog),
                              "model": engine.model_version, "device": engine.encoder.device,
                              "spooled_feedback": spooled,
                              "history_model": None if (h := engine.history_model) is None else {
                                  "artifact": h.key, "customers": h.customers, "purchases": h.purchases,
                                  "products": len(h.product_ids)},
                              "catalog": {"version": engine.catalog.version, "reloads": request.app[LIVE].reloads,
                                          "last_reload_error": request.app[LIVE].last_error},
                              "encoding": {"batches": batcher.batches, "texts": batcher.encoded,
                                           "cached": batcher.cache_hits, "waiting": batcher.pending}})


async def recommend(request: web.Request) -> web.Response:
    body = await json_body(request)
    messages = body.get("messages", [])
    if not isinstance(messages, list) or not all(isinstance(m, str) for m in messages):
        raise BadRequest("messages must be a list of strings")
    messages = [shopper_text(m[:MAX_MESSAGE_CHARS]) for m in messages[-MAX_MESSAGES:]]
    refine = None
    if (raw := body.get("refine")) is not None:
        if not isinstance(raw, dict):
            raise BadRequest("refine must be an object")
        op = checked_str(raw, "op")
        if op not in REFINE_OPS:
            raise BadRequest(f"unknown refine op {op!r}; expected one of {REFINE_OPS}")
        refine = Refine(op, checked_str(raw, "recommendation_id") or "", checked_int(raw, "position", required=False))  # type: ignore[arg-type]
    k = checked_int(body, "k", required=False, high=50)  # a list for a person is 5; programs may ask for more
    req = RecommendRequest(sender_id=checked_str(body, "sender_id") or "", messages=tuple(messages),
                           customer_id=checked_str(body, "customer_id", required=False), refine=refine, k=k)
    engine = _engine(request)
    turns = await _run(request, engine.wanted_turns, req)  # the refusal reader's model pass: off the loop
    vectors = await request.app[BATCHER].encode(turns) if turns else None
    return web.json_response(await _run(request, engine.recommend, req, vectors))


async def explain(request: web.Request) -> web.Response:
    body = await json_body(request)
    engine = _engine(request)
    rec_id = checked_str(body, "recommendation_id") or ""
    position = checked_int(body, "position") or 0
    sender_id, customer_id = checked_str(body, "sender_id") or "", checked_str(body, "customer_id", required=False)
    result = await _run(request, engine.explain, rec_id, position, sender_id)
    await _record(request, FeedbackRecord(
        type="asked_why", sender_id=sender_id, customer_id=customer_id, recommendation_id=rec_id,
        product_id=result["product_id"], position=result["position"], detail={}))
    return web.json_response(result)


async def ask(request: web.Request) -> web.Response:
    """A question about an item of the conversation's list, answered from its listing (or not: `answered` false)."""
    body = await json_body(request)
    question = checked_question(body.get("question"))  # ValueError: 400
    rec_id = checked_str(body, "recommendation_id") or ""
    position = checked_int(body, "position") or 0
    sender_id, customer_id = checked_str(body, "sender_id") or "", checked_str(body, "customer_id", required=False)
    answer = await _run(request, _engine(request).ask, rec_id, position, sender_id, shopper_text(question))
    await _record(request, FeedbackRecord(
        type="asked_question", sender_id=sender_id, customer_id=customer_id, recommendation_id=rec_id,
        product_id=answer["product_id"], position=answer["position"],
        detail={"answered": answer["answered"], "fields": [e["field"] for e in answer["evidence"]]}))
    return web.json_response(answer)


async def compare(request: web.Request) -> web.Response:
    body = await json_body(request)
    engine = _engine(request)
    positions = body.get("positions")
    if (not isinstance(positions, list) or len(positions) != 2
            or not all(isinstance(p, int) and not isinstance(p, bool) and 1 <= p <= MAX_POSITION
                       for p in positions)):
        raise BadRequest(f"positions must be a list of two integers between 1 and {MAX_POSITION}")
    rec_id = checked_str(body, "recommendation_id") or ""
    sender_id, customer_id = checked_str(body, "sender_id") or "", checked_str(body, "customer_id", required=False)
    result = await _run(request, engine.compare, rec_id, positions, sender_id)
    await _record(request, FeedbackRecord(
        type="compared", sender_id=sender_id, customer_id=customer_id, recommendation_id=rec_id,
        product_id=None, position=None, detail={"positions": positions, "product_ids": result["product_ids"]}))
    return web.json_response(result)


async def feedback(request: web.Request) -> web.Response:
    """Record one typed feedback event; position-based events are resolved to the product."""
    body = await json_body(request)
    engine = _engine(request)
    kind = checked_str(body, "type")
    if kind not in FEEDBACK_TYPES:
        raise BadRequest(f"unknown feedback type {kind!r}; expected one of {FEEDBACK_TYPES}")
    rec_id = checked_str(body, "recommendation_id", required=False)
    position = checked_int(body, "position", required=False)
    product_id = checked_str(body, "product_id", required=False)
    detail = {} if body.get("detail") is None else body["detail"]
    if not isinstance(detail, dict):
        raise BadRequest("detail must be an object")
    if len(json.dumps(detail)) > MAX_DETAIL_CHARS:
        raise BadRequest(f"detail is longer than {MAX_DETAIL_CHARS} characters as JSON")
    sender_id, customer_id = checked_str(body, "sender_id") or "", checked_str(body, "customer_id", required=False)
    item = None
    # 404 unless this conversation was shown the list.
    impression = await _run(request, engine.impression, rec_id, sender_id) if rec_id else None
    if impression is not None and position is not None:
        item = item_at(impression, position)
        product_id, position = item.product_id, item.position
    if kind == "too_expensive" and impression is not None:
        # The next list must be cheaper than this one: strictly below its median price,
        # or below the named item's price when the shopper pointed at one.
        ceiling = item.price if item and item.price else median_price(impression)
        if ceiling is not None:
            detail = {**detail, "ceiling": ceiling}
    event_id = await _record(request, FeedbackRecord(
        type=kind, sender_id=sender_id, customer_id=customer_id, recommendation_id=rec_id,
        product_id=product_id, position=position, detail=detail))
    # 202: kept durably in the spool, written to the database once it takes writes again.
    return web.json_response({"id": event_id, "type": kind, "product_id": product_id,
                              "position": position, "title": item.title if item else None,
                              "detail": detail, "spooled": event_id is None},
                             status=201 if event_id is not None else 202)


async def list_feedback(request: web.Request) -> web.Response:
    who = checked_id(request.query.get("who"), "who")
    return web.json_response({"events": await _run(request, _engine(request).store.feedback, who)})


async def customers(request: web.Request) -> web.Response:
    return web.json_response({"customers": await _run(request, _engine(request).store.customers)})


async def customer(request: web.Request) -> web.Response:
    cid = checked_id(request.match_info["customer_id"], "customer_id") or ""
    found = await _run(request, _engine(request).store.customer, cid)
    if found is None:
        raise NotFound(f"no customer {cid!r}")
    return web.json_response(found)


async def customer_data(request: web.Request) -> web.Response:
    """Everything stored about a customer id or REST sender id (404 when there is nothing)."""
    who = checked_id(request.match_info["customer_id"], "customer_id") or ""
    found = await _run(request, _engine(request).store.customer_data, who)
    if found["customer"] is None and not found["impressions"] and not found["feedback_events"]:
        raise NotFound(f"nothing stored about {who!r}")
    return web.json_response(found)


async def forget_customer(request: web.Request) -> web.Response:
    """Delete everything stored about a customer id or sender id; answers the rows deleted per table."""
    who = checked_id(request.match_info["customer_id"], "customer_id") or ""
    await _run(request, request.app[SPOOL].discard, who)
    deleted = await _run(request, _engine(request).forget, who)
    return web.json_response({"id": who, "deleted": deleted})


async def trust(request: web.Request) -> web.Response:
    """Trust figures of one customer or sender id (`?customer=`), else overall and per id."""
    store = _engine(request).store
    who = checked_id(request.query.get("customer"), "customer")
    if who:
        return web.json_response({"customer": who, **await _run(request, store.trust, who)})
    return web.json_response(await _run(request, store.trust_report))


async def products(request: web.Request) -> web.Response:
    try:
        limit = max(1, min(int(request.query.get("limit", "48")), 200))
    except ValueError:
        raise BadRequest("limit must be an integer") from None
    q = shopper_text(request.query.get("q", "")[:500])
    engine = _engine(request)
    found = await _run(request, engine.search, q, limit)
    return web.json_response({"products": [p.public() for p in found], "total": len(engine.catalog)})


async def admin_reload(request: web.Request) -> web.Response:
    """Serve the catalog file as it is now; a file that cannot be served is refused (422) and the current catalog stays."""
    try:
        report = await request.app[LIVE].reload()
    except CatalogError as exc:
        return web.json_response({"error": f"catalog not reloaded, the current one stays: {exc}"}, status=422)
    return web.json_response(report)
