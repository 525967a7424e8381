"""The recommender service's HTTP contract, with the real engine (aiohttp_client)."""
from __future__ import annotations

import uuid

import pytest

from recommender.config import Config
from recommender.engine import Recommender
from recommender.service import create_app


@pytest.fixture
async def client(aiohttp_client, engine: Recommender):  # type: ignore[no-untyped-def]
    return await aiohttp_client(create_app(Config.from_env({}), engine=engine))


async def test_health(client) -> None:  # type: ignore[no-untyped-def]
    resp = await client.get("/healthz")
    assert resp.status == 200 and (await resp.json())["products"] >= 80


async def test_recommend_feedback_cycle(client) -> None:  # type: ignore[no-untyped-def]
    sender = str(uuid.uuid4())
    resp = await client.post("/v1/recommend", json={"sender_id": sender, "messages": ["science kit under $40"]})
    assert resp.status == 200
    rec = (await resp.json())["recommendation"]
    assert rec["type"] == "recommendations" and len(rec["items"]) >= 3
    rec_id = rec["recommendation_id"]
    resp = await client.post("/v1/explain", json={"sender_id": sender, "recommendation_id": rec_id, "position": 2})
    assert resp.status == 200 and (await resp.json())["product_id"] == rec["items"][1]["product_id"]
    resp = await client.post("/v1/feedback", json={"sender_id": sender, "type": "too_expensive",
                                                   "recommendation_id": rec_id})
    assert resp.status == 201 and (await resp.json())["detail"]["ceiling"] > 0
    resp = await client.post("/v1/feedback", json={"sender_id": sender, "type": "accepted",
                                                   "recommendation_id": rec_id, "position": 1})
    body = await resp.json()
    assert resp.status == 201 and body["product_id"] == rec["items"][0]["product_id"]
    resp = await client.get("/v1/feedback", params={"who": sender})
    assert [e["type"] for e in (await resp.json())["events"]] == ["asked_why", "too_expensive", "accepted"]


@pytest.mark.parametrize("path, body, status", [
    ("/v1/recommend", {"messages": ["x"]}, 400),
    ("/v1/recommend", {"sender_id": "s", "messages": "not a list"}, 400),
    ("/v1/recommend", {"sender_id": "s", "messages": [1, 2]}, 400),
    ("/v1/recommend", {"sender_id": "s", "k": 1000}, 400),
    ("/v1/recommend", {"sender_id": "s", "refine": {"op": "teleport", "recommendation_id": "x"}}, 400),
    ("/v1/recommend", {"sender_id": "s", "refine": {"op": "cheaper", "recommendation_id": "nope"}}, 404),
    ("/v1/explain", {"sender_id": "s", "recommendation_id": "nope", "position": 1}, 404),
    ("/v1/explain", {"sender_id": "s", "recommendation_id": "nope", "position": "two"}, 400),
    ("/v1/feedback", {"sender_id": "s", "type": "loved_it"}, 400),
    ("/v1/feedback", {"sender_id": "s", "type": "accepted", "recommendation_id": "nope"}, 404),
    ("/v1/compare", {"sender_id": "s", "recommendation_id": "nope", "positions": [1]}, 400),
])
async def test_bad_requests_get_4xx_with_a_message(client, path: str, body: dict, status: int) -> None:  # type: ignore[no-untyped-def]
    resp = await client.post(path, json=body)
    assert resp.status == status
    assert (await resp.json())["error"]


async def test_malformed_json(client) -> None:  # type: ignore[no-untyped-def]
    resp = await client.post("/v1/recommend", data=b"{not json", headers={"Content-Type": "application/json"})
    assert resp.status == 400 and "JSON" in (await resp.json())["error"]


async def test_customers_and_products(client) -> None:  # type: ignore[no-untyped-def]
    customers = (await (await client.get("/v1/customers")).json())["customers"]
    assert {"C001", "C006"} <= {c["customer_id"] for c in customers}
    assert (await client.get("/v1/customers/NOPE")).status == 404
    found = (await (await client.get("/v1/products", params={"q": "microscope", "limit": "3"})).json())["products"]
    assert len(found) == 3 and "microscope" in found[0]["title"].lower()


async def test_a_list_is_only_reachable_from_its_own_conversation(client) -> None:  # type: ignore[no-untyped-def]
    owner, other = str(uuid.uuid4()), str(uuid.uuid4())
    resp = await client.post("/v1/recommend", json={"sender_id": owner, "customer_id": "C001",
                                                    "messages": ["science kit under $40"]})
    rec_id = (await resp.json())["recommendation"]["recommendation_id"]
    # Another conversation that learns the id gets what an unknown id gets: 404, no items.
    attempts = [
        ("/v1/explain", {"recommendation_id": rec_id, "position": 1}),
        ("/v1/compare", {"recommendation_id": rec_id, "positions": [1, 2]}),
        ("/v1/feedback", {"type": "accepted", "recommendation_id": rec_id, "position": 1}),
        ("/v1/feedback", {"type": "too_expensive", "recommendation_id": rec_id}),
        ("/v1/recommend", {"refine": {"op": "more_like", "recommendation_id": rec_id, "position": 1}}),
    ]
    for path, body in attempts:
        resp = await client.post(path, json={"sender_id": other, **body})
        text = await resp.text()
        assert resp.status == 404, (path, text)
        assert "items" not in text and "title" not in text
    resp = await client.get("/v1/feedback", params={"who": other})
    assert (await resp.json())["events"] == []
    # The owner still can.
    for path, body in attempts:
        resp = await client.post(path, json={"sender_id": owner, **body})
        assert resp.status in (200, 201), (path, await resp.text())


async def test_healthz_counts_encoding_and_the_turn_cache(client) -> None:  # type: ignore[no-untyped-def]
    sender = str(uuid.uuid4())
    turns = ["a puzzle for a 6 year old"]
    for follow_up in ("under $20", "something cheaper"):
        turns.append(follow_up)
        resp = await client.post("/v1/recommend", json={"sender_id": sender, "messages": turns})
        assert resp.status == 200
    encoding = (await (await client.get("/healthz")).json())["encoding"]
    # Three distinct turns were encoded once each; the earlier turns of the second call were cached.
    assert encoding["texts"] == 3 and encoding["cached"] == 2 and encoding["waiting"] == 0
