"""The storefront: the store page with the chat widget, a chat proxy to Rasa, and /healthz."""
from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

log = logging.getLogger(__name__)
WEB_DIR = Path(__file__).parent / "web"


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
        )


CONFIG = web.AppKey("storefront_config", StorefrontConfig)
HTTP = web.AppKey("http", aiohttp.ClientSession)


def create_storefront_app(config: StorefrontConfig) -> web.Application:
    app = web.Application(client_max_size=64 * 1024)
    app[CONFIG] = config

    async def http_ctx(app: web.Application) -> AsyncIterator[None]:
        app[HTTP] = aiohttp.ClientSession()
        yield
        await app[HTTP].close()

    app.cleanup_ctx.append(http_ctx)
    app.add_routes([
        web.get("/", index),
        web.get("/healthz", healthz),
        web.get("/api/products", api_products),
        web.get("/api/customers", api_customers),
        web.post("/api/chat", api_chat),
        web.static("/static", WEB_DIR),
    ])
    return app


async def index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(WEB_DIR / "index.html")


async def _probe(session: aiohttp.ClientSession, url: str, timeout: float) -> dict[str, Any]:
    try:
        async with session.get(url, timeout=aiohttp.ClientTimeout(total=timeout)) as resp:
            return {"ready": resp.status == 200, "status": resp.status}
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        return {"ready": False, "error": type(exc).__name__}


async def healthz(request: web.Request) -> web.Response:
    """200 only when the Rasa server, the action server and the recommender are all ready."""
    cfg, session = request.app[CONFIG], request.app[HTTP]
    names = ("rasa", "action_server", "recommender")
    urls = (f"{cfg.rasa_url}/", f"{cfg.action_url}/health", f"{cfg.recommender_url}/healthz")
    results = await asyncio.gather(*(_probe(session, u, cfg.health_timeout_s) for u in urls))
    services = dict(zip(names, results))
    ready = all(r["ready"] for r in results)
    return web.json_response({"status": "ok" if ready else "unavailable", "services": services},
                             status=200 if ready else 503)


async def _forward_get(request: web.Request, path: str) -> web.Response:
    cfg, session = request.app[CONFIG], request.app[HTTP]
    try:
        async with session.get(f"{cfg.recommender_url}{path}", params=request.query,
                               timeout=aiohttp.ClientTimeout(total=10)) as resp:
            return web.json_response(await resp.json(), status=resp.status)
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return web.json_response({"error": "the product service is unavailable"}, status=503)


async def api_products(request: web.Request) -> web.Response:
    return await _forward_get(request, "/v1/products")


async def api_customers(request: web.Request) -> web.Response:
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
    except Exception:
        return web.json_response({"error": "body must be JSON", "messages": []}, status=400)
    if not isinstance(body, dict):
        return web.json_response({"error": "body must be a JSON object", "messages": []}, status=400)
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not 0 < len(sender) <= 128:
        return web.json_response({"error": "sender must be a string of 1-128 characters", "messages": []}, status=400)
    if not isinstance(message, str) or not message.strip():
        return web.json_response({"error": "message must be a non-empty string", "messages": []}, status=400)
    if len(message) > 2000:
        return web.json_response({"error": "message is longer than 2000 characters", "messages": []}, status=400)
    metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else {}
    # Only the keys the bot uses travel on: who the shopper is, and which list a card
    # button refers to (so "item 2" on an older list is not read against the newest one).
    forwarded = {key: metadata[key] for key in ("customer_id", "recommendation_id")
                 if isinstance(metadata.get(key), str) and 0 < len(metadata[key]) <= 64}
    payload = {"sender": sender, "message": message, "metadata": forwarded}
    cfg, session = request.app[CONFIG], request.app[HTTP]
    try:
        async with session.post(f"{cfg.rasa_url}/webhooks/rest/webhook", json=payload,
                                timeout=aiohttp.ClientTimeout(total=cfg.chat_timeout_s)) as resp:
            if resp.status != 200:
                return web.json_response({"error": "the assistant could not answer", "messages": []}, status=502)
            messages = await resp.json()
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return web.json_response({"error": "the assistant is unavailable right now", "messages": []}, status=503)
    return web.json_response({"messages": messages if isinstance(messages, list) else []})
