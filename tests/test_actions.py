"""Custom actions with recorded trackers and a CollectingDispatcher, against the real
recommender service (in-process test server, real model, real SQLite)."""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestServer
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.actions as acts
from actions.client import RecommenderClient
from recommender.config import Config
from recommender.engine import Recommender
from recommender.service import create_app

TRACKERS = json.loads((Path(__file__).parent / "fixtures" / "trackers.json").read_text())


def tracker(name: str, **replace: Any) -> Tracker:
    data = copy.deepcopy(TRACKERS[name])
    text = json.dumps(data)
    for key, value in replace.items():
        text = text.replace(f"__{key.upper()}__", value)
    return Tracker.from_dict(json.loads(text))


@pytest.fixture
async def service(engine: Recommender, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    server = TestServer(create_app(Config.from_env({}), engine=engine))
    await server.start_server()
    client = RecommenderClient(str(server.make_url("")), timeout_s=30)
    monkeypatch.setattr(acts, "_client", client)
    yield server
    await client.close()
    await server.close()


async def test_recommend_utters_list_and_payload(service) -> None:  # type: ignore[no-untyped-def]
    dispatcher = CollectingDispatcher()
    events = await acts.ActionRecommend().run(dispatcher, tracker("fresh_request"), {})
    responses = [m.get("response") for m in dispatcher.messages]
    assert responses[0] == "utter_recommendations"
    payload = next(m["custom"] for m in dispatcher.messages if m.get("custom"))
    assert payload["type"] == "recommendations" and len(payload["items"]) >= 3
    assert all(i["price"] <= 40 for i in payload["items"])
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["last_recommendation_id"] == payload["recommendation_id"]
    assert slots["customer_id"] == "C001", "the customer from the channel metadata is kept as a slot"


async def test_explain_uses_the_position_entity(service, engine: Recommender) -> None:  # type: ignore[no-untyped-def]
    from recommender.engine import RecommendRequest

    rec = engine.recommend(RecommendRequest(sender_id="tracker-why", messages=("science kit under $40",)))
    rec_id = rec["recommendation"]["recommendation_id"]
    dispatcher = CollectingDispatcher()
    await acts.ActionExplain().run(dispatcher, tracker("why_second", rec_id=rec_id), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_explanation"
    assert rec["recommendation"]["items"][1]["title"] in message["explanation"]
    assert engine.store.feedback("tracker-why")[-1]["type"] == "asked_why"


async def test_follow_up_without_a_list_asks_for_one(service) -> None:  # type: ignore[no-untyped-def]
    dispatcher = CollectingDispatcher()
    await acts.ActionAccept().run(dispatcher, tracker("why_second", rec_id=""), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_no_recommendation_yet"]


async def test_unknown_position_asks_which_item(service, engine: Recommender) -> None:  # type: ignore[no-untyped-def]
    from recommender.engine import RecommendRequest

    rec_id = engine.recommend(RecommendRequest(sender_id="t2", messages=("kite",)))["recommendation"]["recommendation_id"]
    t = tracker("why_second", rec_id=rec_id)
    t.latest_message["entities"] = [{"entity": "position", "value": "14th"}]
    dispatcher = CollectingDispatcher()
    await acts.ActionExplain().run(dispatcher, t, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_which_item"]


async def test_service_down_gives_a_friendly_message(monkeypatch: pytest.MonkeyPatch) -> None:
    client = RecommenderClient("http://127.0.0.1:9", timeout_s=2)
    monkeypatch.setattr(acts, "_client", client)
    dispatcher = CollectingDispatcher()
    events = await acts.ActionRecommend().run(dispatcher, tracker("fresh_request"), {})
    await client.close()
    assert [m["response"] for m in dispatcher.messages] == ["utter_service_trouble"]
    assert all(e["name"] != "last_recommendation_id" for e in events if e["event"] == "slot")
