"""Storefront routes (aiohttp_client). The services behind it are not running here, which is
exactly the case /healthz and /api/chat must report clearly."""
from __future__ import annotations

import pytest

from storefront.app import StorefrontConfig, create_storefront_app

DOWN = StorefrontConfig(rasa_url="http://127.0.0.1:9", action_url="http://127.0.0.1:9",
                        recommender_url="http://127.0.0.1:9", health_timeout_s=0.5)


@pytest.fixture
async def client(aiohttp_client):  # type: ignore[no-untyped-def]
    return await aiohttp_client(create_storefront_app(DOWN))


async def test_page_and_assets(client) -> None:  # type: ignore[no-untyped-def]
    page = await client.get("/")
    assert page.status == 200 and "chat" in (await page.text()).lower()
    for asset in ("widget.js", "store.js", "store.css"):
        assert (await client.get(f"/static/{asset}")).status == 200


async def test_healthz_is_503_while_services_are_down(client) -> None:  # type: ignore[no-untyped-def]
    resp = await client.get("/healthz")
    body = await resp.json()
    assert resp.status == 503 and body["status"] == "unavailable"
    assert not any(s["ready"] for s in body["services"].values())


@pytest.mark.parametrize("body", [
    {"sender": "s"}, {"sender": "s", "message": "   "}, {"message": "hi"}, {"sender": "s", "message": 5},
    {"sender": "s", "message": "x" * 2001}, {"sender": "x" * 200, "message": "hi"}, [1, 2],
])
async def test_chat_rejects_bad_input(client, body) -> None:  # type: ignore[no-untyped-def]
    resp = await client.post("/api/chat", json=body)
    assert resp.status == 400 and (await resp.json())["error"]


async def test_chat_says_when_the_assistant_is_down(client) -> None:  # type: ignore[no-untyped-def]
    resp = await client.post("/api/chat", json={"sender": "s", "message": "hello"})
    assert resp.status == 503 and "unavailable" in (await resp.json())["error"]
    assert (await client.get("/api/products")).status == 503
