"""The storefront: the store page with the chat widget, the widget's embed script for any
store's pages (/embed.js), a chat proxy to Rasa, and /healthz.

Only pages of its own origin, of loopback origins (a store trying the embed locally) and of
the origins in ASSISTANT_ALLOWED_ORIGINS may call it from a browser, the widget's scripts
included: a request from any other origin is refused and no CORS header is ever `*`. Every answer
is JSON, errors included; a turn that Rasa answers with nothing (its action server is down)
gets a friendly "having trouble" message instead of silence.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from recommender.http_errors import json_http_errors
from recommender.identity import MAX_TOKEN_CHARS, issue_token

log = logging.getLogger(__name__)
WEB_DIR = Path(__file__).parent / "web"
MAX_BODY_BYTES = 64 * 1024
_LOOPBACK = re.compile(r"http://(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?")
TROUBLE = "I'm having trouble answering right now. Please try again in a moment."


@dataclass(frozen=True)
class StorefrontConfig:
    """Where the storefront listens and where the services it fronts live."""

    host: str = "127.0.0.1"  # loopback unless a deployment puts a proxy in front
    port: int = 8080  # storefront page and /healthz
    rasa_url: str = "http://127.0.0.1:5005"  # Rasa server (REST channel)
    action_url: str = "http://127.0.0.1:5055"  # action server, checked by /healthz
    recommender_url: str = "http://127.0.0.1:8000"  # recommender service
    chat_timeout_s: float = 30.0  # one chat turn, including the custom actions it runs
    health_timeout_s: float = 2.0  # each readiness probe
    api_timeout_s: float = 10.0  # each product or customer lookup passed to the recommender
    recommender_token: str = field(default="", repr=False)  # bearer token of the recommender's API
    origins: tuple[str, ...] = ()  # browser origins besides its own allowed to embed the widget (a shop's site)
    allow_loopback: bool = True  # any http://localhost:PORT or http://127.0.0.1:PORT page may embed it
    identity_secret: str = field(default="", repr=False)  # signs the demo login's customer tokens
    # The demo login: the picker's customer id becomes a signed token here, and /api/customers
    # lists names. On for the bundled demo store; a real store turns it off (its own backend
    # signs its logged-in shopper's token) with STOREFRONT_DEMO_LOGIN=0.
    demo_login: bool = True
    # With replicas (scripts/replicas.py): each one's URL, and Redis (Rasa's lock store), which
    # /healthz checks besides the balanced services. Empty with one Rasa and one action server.
    rasa_replicas: tuple[str, ...] = ()
    action_replicas: tuple[str, ...] = ()
    redis_address: str = ""  # host:port

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> StorefrontConfig:
        env = dict(os.environ if env is None else env)
        host = env.get("SERVICES_HOST", "127.0.0.1")
        return cls(
            host=env.get("STOREFRONT_HOST", "127.0.0.1"),
            port=int(env.get("STOREFRONT_PORT", "8080")),
            rasa_url=env.get("RASA_URL", f"http://{host}:{env.get('RASA_PORT', '5005')}"),
            action_url=env.get("ACTION_URL", f"http://{host}:{env.get('ACTION_PORT', '5055')}"),
            recommender_url=env.get("RECOMMENDER_URL", f"http://{host}:{env.get('RECOMMENDER_PORT', '8000')}"),
            recommender_token=env.get("RECOMMENDER_TOKEN", ""),
            # STOREFRONT_ORIGINS is the older name of the same list.
            origins=tuple(o.strip().rstrip("/") for o in
                          f"{env.get('ASSISTANT_ALLOWED_ORIGINS', '')},{env.get('STOREFRONT_ORIGINS', '')}".split(",")
                          if o.strip()),
            allow_loopback=_switch(env, "ASSISTANT_ALLOW_LOOPBACK"),
            identity_secret=env.get("ASSISTANT_IDENTITY_SECRET", ""),
            demo_login=_switch(env, "STOREFRONT_DEMO_LOGIN"),
            rasa_replicas=tuple(u for u in env.get("RASA_REPLICA_URLS", "").split(",") if u),
            action_replicas=tuple(u for u in env.get("ACTION_REPLICA_URLS", "").split(",") if u),
            redis_address=env.get("REDIS_ADDRESS", ""),
        )

    def own_origins(self) -> frozenset[str]:
        """The page's own origins (loopback names and the host it listens on) plus `origins`.

        A fixed list, not the request's Host header: a page on another site whose name was
        pointed at this address (DNS rebinding) does not become "own" that way.
        """
        hosts = {"127.0.0.1", "localhost", self.host}
        return frozenset({f"http://{h}:{self.port}" for h in hosts} | set(self.origins))

    def allows(self, origin: str) -> bool:
        """Whether a page of `origin` may use the widget: its own, a configured one, or loopback."""
        origin = origin.rstrip("/")
        return origin in self.own_origins() or (self.allow_loopback and bool(_LOOPBACK.fullmatch(origin)))


def _switch(env: dict[str, str], name: str) -> bool:
    """An on-by-default setting: off when set to 0, false, no, off or nothing."""
    return env.get(name, "1").strip().lower() not in ("0", "false", "no", "off", "")


CONFIG = web.AppKey("storefront_config", StorefrontConfig)
HTTP = web.AppKey("http", aiohttp.ClientSession)
DOWN = web.AppKey("down", set[str])  # services /healthz last found not ready: changes are logged once


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
# aiohttp's own 4xx as JSON, with `messages: []` like every other error answer here
_HTTP_ERRORS = json_http_errors(max_body=MAX_BODY_BYTES, not_found="not found", extra={"messages": []})


def create_storefront_app(config: StorefrontConfig) -> web.Application:
    app = web.Application(middlewares=[_HTTP_ERRORS, _same_origin], client_max_size=MAX_BODY_BYTES)
    app[CONFIG] = config
    app[DOWN] = set()

    async def http_ctx(app: web.Application) -> AsyncIterator[None]:
        app[HTTP] = aiohttp.ClientSession()
        yield
        await app[HTTP].close()

    app.cleanup_ctx.append(http_ctx)
    app.add_routes([
        web.get("/", index),
        web.get("/embed.js", embed_script),
        web.get("/healthz", healthz),
        web.get("/api/products", api_products),
        web.get("/api/customers", api_customers),
        web.post("/api/chat", api_chat),
        web.static("/static", WEB_DIR),
    ])
    return app


@web.middleware
async def _same_origin(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Browsers on other sites may not call the API: no CORS grant, and the request is refused.

    Requests without an Origin header (scripts, same-origin GETs) pass; an allowed origin
    gets itself echoed back (never `*`), preflights included.
    """
    origin = request.headers.get("Origin")
    if origin is None:
        return await handler(request)
    if not request.app[CONFIG].allows(origin):
        return web.json_response({"error": "cross-origin requests are not accepted", "messages": []},
                                 status=403, headers={"Vary": "Origin"})
    grant = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
        return web.Response(status=204, headers={**grant, "Access-Control-Allow-Methods": "GET, POST",
                                                 "Access-Control-Allow-Headers": "Content-Type",
                                                 "Access-Control-Max-Age": "600"})
    response = await handler(request)
    response.headers.update(grant)
    return response


async def index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(WEB_DIR / "index.html")


async def embed_script(request: web.Request) -> web.FileResponse:
    """The one script a store's page loads (a module; it imports the widget from /static)."""
    return web.FileResponse(WEB_DIR / "embed.js", headers={"Content-Type": "text/javascript; charset=utf-8",
                                                           "Cache-Control": "no-cache"})


async def _probe(session: aiohttp.ClientSession, url: str, timeout: float) -> dict[str, Any]:
    try:
        async with session.get(url, timeout=aiohttp.ClientTimeout(total=timeout)) as resp:
            return {"ready": resp.status == 200, "status": resp.status}
    except (TimeoutError, aiohttp.ClientError) as exc:
        return {"ready": False, "error": type(exc).__name__}


async def _redis_ping(address: str, timeout: float) -> dict[str, Any]:
    host, _, port = address.rpartition(":")
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, int(port)), timeout)
        try:
            writer.write(b"PING\r\n")
            answer = await asyncio.wait_for(reader.readline(), timeout)
        finally:
            writer.close()
    except (OSError, TimeoutError) as exc:
        return {"ready": False, "error": type(exc).__name__}
    return {"ready": answer.startswith(b"+PONG")}


async def healthz(request: web.Request) -> web.Response:
    """200 only when the Rasa server, the action server and the recommender are all ready; with
    replicas, every replica and Redis (Rasa's lock store) too, each reported by name."""
    cfg, session = request.app[CONFIG], request.app[HTTP]
    probes = {"rasa": f"{cfg.rasa_url}/", "action_server": f"{cfg.action_url}/health",
              "recommender": f"{cfg.recommender_url}/healthz"}
    probes |= {f"rasa-{i}": f"{u}/" for i, u in enumerate(cfg.rasa_replicas, start=1)}
    probes |= {f"actions-{i}": f"{u}/health" for i, u in enumerate(cfg.action_replicas, start=1)}
    checks = [_probe(session, u, cfg.health_timeout_s) for u in probes.values()]
    names = list(probes)
    if cfg.redis_address:
        checks.append(_redis_ping(cfg.redis_address, cfg.health_timeout_s))
        names.append("redis")
    results = await asyncio.gather(*checks)
    services = dict(zip(names, results))
    ready = all(r["ready"] for r in results)
    down = {n for n, r in services.items() if not r["ready"]}
    before: set[str] = request.app[DOWN]
    if down != before:
        if down - before:
            log.error("not ready: %s", ", ".join(sorted(down)))
        else:
            log.info("ready again: %s", ", ".join(sorted(before - down)))
        before.clear()
        before.update(down)
    return web.json_response({"status": "ok" if ready else "unavailable", "services": services},
                             status=200 if ready else 503)


async def _forward_get(request: web.Request, path: str) -> web.Response:
    cfg, session = request.app[CONFIG], request.app[HTTP]
    headers = {"Authorization": f"Bearer {cfg.recommender_token}"} if cfg.recommender_token else {}
    try:
        async with session.get(f"{cfg.recommender_url}{path}", params=request.query, headers=headers,
                               timeout=aiohttp.ClientTimeout(total=cfg.api_timeout_s)) as resp:
            body = await resp.json(content_type=None)
            if resp.status in (401, 403):
                log.error("the recommender refused the storefront (HTTP %d): is RECOMMENDER_TOKEN the same?",
                          resp.status)
                return web.json_response({"error": "the product service is unavailable"}, status=502)
            return web.json_response(body, status=resp.status)
    except (TimeoutError, aiohttp.ClientError, ValueError):
        return web.json_response({"error": "the product service is unavailable"}, status=503)


async def api_products(request: web.Request) -> web.Response:
    return await _forward_get(request, "/v1/products")


async def api_customers(request: web.Request) -> web.Response:
    if not request.app[CONFIG].demo_login:
        return web.json_response({"error": "there is no demo login on this store"}, status=404)
    resp = await _forward_get(request, "/v1/customers")
    if resp.status != 200:
        return resp
    data = json.loads(resp.body)  # type: ignore[arg-type]
    # The picker needs names only; purchases stay behind the recommender's API.
    return web.json_response({"customers": [
        {"customer_id": c["customer_id"], "name": c["name"]} for c in data["customers"]]})


async def api_chat(request: web.Request) -> web.Response:
    """Forward one shopper message to Rasa's REST channel and return the bot's messages."""
    try:
        body = await request.json()
    except web.HTTPException:
        raise  # 413: larger than client_max_size
    except (ValueError, RecursionError):  # not JSON, not UTF-8, nested too deep
        return web.json_response({"error": "body must be JSON", "messages": []}, status=400)
    if not isinstance(body, dict):
        return web.json_response({"error": "body must be a JSON object", "messages": []}, status=400)
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not 0 < len(sender) <= 128 or _has_controls(sender):
        return web.json_response({"error": "sender must be a string of 1-128 characters, none of them control "
                                           "characters", "messages": []}, status=400)
    if isinstance(message, str):
        # Control characters and lone surrogates mean nothing to the bot; some stores reject them.
        message = "".join(" " if c != "\n" and unicodedata.category(c) in ("Cc", "Cs") else c for c in message)
    if not isinstance(message, str) or not message.strip():
        return web.json_response({"error": "message must be a non-empty string", "messages": []}, status=400)
    if len(message) > 2000:
        return web.json_response({"error": "message is longer than 2000 characters", "messages": []}, status=400)
    raw_metadata = body.get("metadata")
    metadata: dict[str, Any] = raw_metadata if isinstance(raw_metadata, dict) else {}
    cfg, session = request.app[CONFIG], request.app[HTTP]
    # Only what the bot uses travels on: which list a card button refers to (so "item 2" on an
    # older list is not read against the newest one), and who the shopper is, as a signed token
    # that Rasa's REST channel checks (a customer id on its own is never passed).
    forwarded = {key: metadata[key] for key in ("recommendation_id",)
                 if isinstance(metadata.get(key), str) and 0 < len(metadata[key]) <= 64
                 and not _has_controls(metadata[key])}
    token = metadata.get("customer_token")
    if isinstance(token, str) and 0 < len(token) <= MAX_TOKEN_CHARS and not _has_controls(token):
        forwarded["customer_token"] = token  # from the store's own backend
    elif cfg.demo_login and cfg.identity_secret and isinstance(picked := metadata.get("customer_id"), str) \
            and 0 < len(picked) <= 64 and not _has_controls(picked):
        forwarded["customer_token"] = issue_token(picked, cfg.identity_secret)  # the demo login vouches
    payload = {"sender": sender, "message": message, "metadata": forwarded}
    try:
        async with session.post(f"{cfg.rasa_url}/webhooks/rest/webhook", json=payload,
                                timeout=aiohttp.ClientTimeout(total=cfg.chat_timeout_s)) as resp:
            if resp.status != 200:
                return web.json_response({"error": "the assistant could not answer", "messages": []}, status=502)
            messages = await resp.json(content_type=None)
    except (TimeoutError, aiohttp.ClientError, ValueError):
        return web.json_response({"error": "the assistant is unavailable right now", "messages": []}, status=503)
    if not isinstance(messages, list) or not messages:
        # Rasa took the message but said nothing: a custom action failed (its server is down
        # or answered 500). Resending would repeat the turn, so the shopper is told instead.
        log.warning("Rasa answered a turn with no messages; the shopper is told the assistant is having trouble")
        return web.json_response({"messages": [{"recipient_id": sender, "text": TROUBLE}], "degraded": True})
    return web.json_response({"messages": messages})


def _has_controls(value: str) -> bool:
    return any(unicodedata.category(c) in ("Cc", "Cs") for c in value)
