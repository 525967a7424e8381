"""Custom actions with recorded trackers and a CollectingDispatcher, against the real
recommender service (in-process test server, real model, real SQLite)."""
from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import logging
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiohttp import web
from aiohttp.test_utils import TestServer
from conftest import on_own_database
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.actions as acts
import actions.base as acts_base
import actions.fallback as acts_fallback
import actions.privacy as acts_privacy
from actions import rasa_api
from actions.client import RecommenderClient
from actions.parsing import budget_notes, request_turns
from actions.rasa_api import RasaApi
from recommender.config import Config
from recommender.engine import Recommender
from recommender.service import create_app

TRACKERS = json.loads((Path(__file__).parents[1] / "fixtures" / "trackers.json").read_text())


def tracker(name: str, channel: str | None = None, **replace: Any) -> Tracker:
    """A recorded tracker; `channel` is the input channel its user messages came in on."""
    data = copy.deepcopy(TRACKERS[name])
    text = json.dumps(data)
    for key, value in replace.items():
        text = text.replace(f"__{key.upper()}__", value)
    data = json.loads(text)
    if channel:
        for event in data["events"]:
            if event["event"] == "user":
                event["input_channel"] = channel
    return Tracker.from_dict(data)


@contextlib.asynccontextmanager
async def serving(engine: Recommender, config: Config, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[TestServer]:
    """The real service around `engine`, with the actions' client pointed at it."""
    server = TestServer(create_app(config, engine=engine))
    await server.start_server()
    client = RecommenderClient(str(server.make_url("")), timeout_s=30)
    monkeypatch.setattr(acts_base, "_client", client)
    try:
        yield server
    finally:
        await client.close()
        await server.close()


@pytest.fixture
async def service(engine: Recommender, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    async with serving(engine, Config.from_env({}), monkeypatch) as server:
        yield server


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


async def test_more_like_names_the_item_and_records_no_question(service, engine: Recommender) -> None:  # type: ignore[no-untyped-def]
    """"More like the second one" says which item the list is like, without asking the service
    "why?" for its title (that would store an asked_why the shopper never said)."""
    from recommender.engine import RecommendRequest

    rec = engine.recommend(RecommendRequest(sender_id="tracker-why", messages=("science kit under $40",)))
    before = len(engine.store.feedback("tracker-why"))
    dispatcher = CollectingDispatcher()
    await acts.ActionMoreLike().run(dispatcher, tracker("why_second", rec_id=rec["recommendation"]["recommendation_id"]), {})
    said = dispatcher.messages[0]
    assert said["response"] == "utter_more_like" and said["title"] == rec["recommendation"]["items"][1]["title"]
    assert [e["type"] for e in engine.store.feedback("tracker-why")[before:]] == []


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
    assert dispatcher.messages[0]["count"] == acts_base.DEFAULT_LIST_SIZE  # this tracker shows no list
    # "a number from 1 to N" counts the items the list showed.
    t.events.append({"event": "bot", "data": {"custom": {"recommendation_id": rec_id,
                                                          "items": [{"title": "A"}, {"title": "B"}, {"title": "C"}]}}})
    dispatcher = CollectingDispatcher()
    await acts.ActionExplain().run(dispatcher, t, {})
    assert [(m["response"], m["count"]) for m in dispatcher.messages] == [("utter_which_item", 3)]


async def test_service_down_gives_a_friendly_message(monkeypatch: pytest.MonkeyPatch) -> None:
    client = RecommenderClient("http://127.0.0.1:9", timeout_s=2)
    monkeypatch.setattr(acts_base, "_client", client)
    dispatcher = CollectingDispatcher()
    events = await acts.ActionRecommend().run(dispatcher, tracker("fresh_request"), {})
    await client.close()
    assert [m["response"] for m in dispatcher.messages] == ["utter_service_trouble"]
    assert all(e["name"] != "last_recommendation_id" for e in events if e["event"] == "slot")


# --- every recommender error gets a response from the domain, and a log line without words or ids

DOMAIN_RESPONSES = set(yaml.safe_load((Path(__file__).parents[2] / "bot" / "domain.yml").read_text())["responses"])
SHOPPER_TEXT = "a birthday gift for my 8 year old nephew who loves science"


def test_every_response_the_actions_utter_is_in_the_domain() -> None:
    used = {f"utter_budget_ignored_{bound}" for bound in ("max", "min")}  # named with an f-string
    for path in (Path(__file__).parents[2] / "actions").glob("*.py"):
        used |= set(re.findall(r'response"?[=:] ?"(utter_[a-z_]+)"', path.read_text()))
    assert {"utter_service_trouble", "utter_request_refused", "utter_budget_ignored_negative",
            "utter_no_results_in_budget"} <= used
    assert used <= DOMAIN_RESPONSES, used - DOMAIN_RESPONSES


def assert_logged_without_words_or_ids(caplog: pytest.LogCaptureFixture, *secrets: str) -> None:
    """The actions' own log lines (the in-process test server's access log is not the actions')."""
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("actions")]
    assert lines, "the error is logged"
    for secret in (SHOPPER_TEXT, *secrets):
        assert not any(secret in line for line in lines), lines


@pytest.mark.parametrize("change", [{"sender_id": "s" * 200},
                                    {"latest_message": {"metadata": {"customer_id": "C001\n"}}}],
                         ids=["sender-too-long", "customer-id-with-newline"])
async def test_recommend_refused_with_a_400_says_so(service, change: dict[str, Any],  # type: ignore[no-untyped-def]
                                                    caplog: pytest.LogCaptureFixture) -> None:
    t = tracker("fresh_request")
    t.sender_id = change.get("sender_id", t.sender_id)
    t.latest_message.update(change.get("latest_message", {}))
    dispatcher = CollectingDispatcher()
    with caplog.at_level(logging.INFO):
        events = await acts.ActionRecommend().run(dispatcher, t, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_request_refused"]
    assert all(e["name"] != "last_recommendation_id" for e in events if e["event"] == "slot")
    assert "/v1/recommend: HTTP 400" in caplog.text
    assert_logged_without_words_or_ids(caplog, "s" * 20, "I'm looking for")


async def test_recommender_refusing_our_token_is_service_trouble(engine: Recommender, monkeypatch: pytest.MonkeyPatch,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    server = TestServer(create_app(Config.from_env({}, token="the-real-token"), engine=engine))
    await server.start_server()
    client = RecommenderClient(str(server.make_url("")), timeout_s=30)  # no token: every call is 401
    monkeypatch.setattr(acts_base, "_client", client)
    try:
        dispatcher = CollectingDispatcher()
        with caplog.at_level(logging.INFO):
            await acts.ActionRecommend().run(dispatcher, tracker("fresh_request"), {})
        assert [m["response"] for m in dispatcher.messages] == ["utter_service_trouble"]
        assert "/v1/recommend: HTTP 401" in caplog.text
        assert_logged_without_words_or_ids(caplog, "tracker-fresh")
    finally:
        await client.close()
        await server.close()


async def test_follow_up_on_an_unknown_list_asks_for_a_new_one(service, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    t = tracker("why_second", rec_id="no-such-list")
    t.latest_message.update({"text": "too expensive", "intent": {"name": "too_expensive"}, "entities": []})
    dispatcher = CollectingDispatcher()
    with caplog.at_level(logging.INFO):
        events = await acts.ActionCheaper().run(dispatcher, t, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_no_recommendation_yet"]
    assert events == []
    assert_logged_without_words_or_ids(caplog, "no-such-list", "tracker-why")


async def test_what_do_you_know_refused_says_so(private_service, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    dispatcher = CollectingDispatcher()
    with caplog.at_level(logging.INFO):
        await acts_privacy.ActionWhatDoYouKnow().run(
            dispatcher, tracker("what_do_you_know", sender="x" * 200, customer=""), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_request_refused"]
    assert "/v1/customers/{id}/data: HTTP 400" in caplog.text
    assert_logged_without_words_or_ids(caplog, "x" * 20)


# --- a budget that could not be met is said plainly -----------------------------------------------

def request(text: str, sender: str = "tracker-budget") -> Tracker:
    """A fresh conversation whose one message is `text`."""
    data = copy.deepcopy(TRACKERS["fresh_request"])
    data["sender_id"] = sender
    data["latest_message"]["text"] = data["events"][-1]["text"] = text
    return Tracker.from_dict(data)


@pytest.mark.parametrize("text, said", [
    ("a science kit under $0", {"response": "utter_budget_ignored_max", "amount": "$0.00"}),
    ("a science kit under $1e99", {"response": "utter_budget_ignored_max", "amount": "$1e+99"}),
    ("a science kit over $1e99", {"response": "utter_budget_ignored_min", "amount": "$1e+99"}),
    ("a science kit under -5", {"response": "utter_budget_ignored_negative"}),
])
async def test_an_ignored_budget_is_said_before_the_list(service, text: str, said: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    dispatcher = CollectingDispatcher()
    await acts.ActionRecommend().run(dispatcher, request(text), {})
    first, listed = dispatcher.messages[:2]
    assert {k: first[k] for k in said} == said
    assert listed["response"] == "utter_recommendations"


async def test_a_budget_applied_later_silences_the_earlier_note(service) -> None:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(TRACKERS["fresh_request"])
    first = {"event": "user", "text": "a science kit under -5",
             "parse_data": {"intent": {"name": "ask_recommendation", "confidence": 0.9}, "entities": []}}
    data["events"].insert(1, first)
    data["latest_message"]["text"] = data["events"][-1]["text"] = "actually under $30"
    dispatcher = CollectingDispatcher()
    await acts.ActionRecommend().run(dispatcher, Tracker.from_dict(data), {})
    said = [m.get("response") or "" for m in dispatcher.messages]
    assert "utter_recommendations" in said
    assert not any(r.startswith("utter_budget_ignored") for r in said)
    items = next(m["custom"] for m in dispatcher.messages if m.get("custom"))["items"]
    assert items and all(i["price"] <= 30 for i in items)


@pytest.mark.parametrize("text", ["a microscope between $500 and $900", "a science kit for $600 at least"])
async def test_nothing_within_the_budget_says_so_and_shows_nothing_else(service, text: str) -> None:  # type: ignore[no-untyped-def]
    dispatcher = CollectingDispatcher()
    events = await acts.ActionRecommend().run(dispatcher, request(text), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_no_results_in_budget"
    assert "$" in message["constraints"]
    assert all(e["name"] != "last_recommendation_id" for e in events if e["event"] == "slot")


async def test_a_limit_below_every_price_names_the_cheapest_and_shows_nothing(service, engine: Recommender) -> None:  # type: ignore[no-untyped-def]
    dispatcher = CollectingDispatcher()
    events = await acts.ActionRecommend().run(dispatcher, request("a science kit under $1"), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_no_results_cheapest"
    kits = [p for p in engine.catalog.products if "science kit" in p.category_path.lower() and p.in_stock
            and p.price is not None]
    cheapest = min(kits, key=lambda p: p.price)
    assert (message["title"], message["price"], message["what"]) == (cheapest.title, f"${cheapest.price:g}", "science kit")
    assert "$1" in message["constraints"]
    assert not any(m.get("custom") for m in dispatcher.messages)
    assert all(e["name"] != "last_recommendation_id" for e in events if e["event"] == "slot")


def test_budget_notes_only_while_no_budget_replaced_them() -> None:
    notes = [{"what": "negative", "amount": None}, {"what": "budget_max", "amount": 1e99},
             {"what": "budget_max", "amount": 1e99}, {"what": "something new the recommender learnt to skip"}]

    def said(out: list[dict]) -> list[dict]:
        return [{k: v for k, v in o.items() if "example" not in k} for o in out]
    assert said(budget_notes(notes, {"budget_max": None, "budget_min": None})) == [
        {"response": "utter_budget_ignored_negative"}, {"response": "utter_budget_ignored_max", "amount": "$1e+99"},
        {"response": "utter_request_part_ignored"}]
    assert budget_notes(notes[:3], {"budget_max": 30.0}) == []
    assert said(budget_notes([{"what": "budget_max", "amount": 1e99}], {"budget_min": 20.0})) == [
        {"response": "utter_budget_ignored_max", "amount": "$1e+99"}]


def test_budget_notes_speak_the_store_currency() -> None:
    out = budget_notes([{"what": "budget_max", "amount": 0}], {"budget_max": None}, "INR", 2000.0)
    assert out == [{"response": "utter_budget_ignored_max", "amount": "₹0.00", "example": "₹2,000",
                    "low_example": "₹667"}]
    foreign = budget_notes([{"what": "currency", "amount": 30, "currency": "EUR"}], {"budget_max": None}, "INR", 2000.0)
    assert foreign == [{"response": "utter_budget_other_currency", "amount": "€30.00", "store_currency": "Indian rupees",
                        "example": "₹2,000", "low_example": "₹667"}]
    # An earlier budget in the store's currency still holds: said which (a later one drops the
    # entry before it gets here, recommender.parsing.merge_facts).
    [kept] = budget_notes([{"what": "currency", "amount": 30, "currency": "EUR"}], {"budget_max": 1500.0}, "INR")
    assert kept["response"] == "utter_budget_other_currency_kept" and kept["kept"] == "a budget of ₹1,500.00"
    # one read in the store's money: what it was read as, beside the amount as written
    converted = budget_notes([{"what": "converted", "amount": 30, "currency": "USD"}], {"budget_max": 2327.58}, "INR")
    assert converted == [{"response": "utter_budget_converted", "amount": "$30.00", "store_currency": "Indian rupees",
                          "kept": "a budget of ₹2,327.58"}]


# --- privacy: what do you know about me, forget me ---------------------------------------------

@pytest.fixture
async def private_service(engine: Recommender, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The real service on its own fresh database (forgetting must not touch the shared one)."""
    config = Config.from_env({}, database_url=f"sqlite:///{tmp_path / 'private.db'}")
    private = on_own_database(engine, config)
    async with serving(private, config, monkeypatch):
        yield private


def _shop(engine: Recommender, sender: str, customer: str | None = None) -> str:
    """One list plus an acceptance, a rejection and a helpful explanation, as a shopper leaves them."""
    from recommender.engine import RecommendRequest

    rec = engine.recommend(RecommendRequest(sender_id=sender, customer_id=customer,
                                            messages=("science kit under $40",)))
    rec_id = rec["recommendation"]["recommendation_id"]
    for kind, position in (("accepted", 1), ("rejected", 2), ("explanation_helpful", None)):
        engine.store.record_feedback(type=kind, sender_id=sender, customer_id=customer, recommendation_id=rec_id,
                                     product_id=rec["recommendation"]["items"][position - 1]["product_id"] if position else None,
                                     position=position, detail={})
    return rec_id


async def test_what_do_you_know_for_a_guest_with_nothing_stored(private_service) -> None:  # type: ignore[no-untyped-def]
    dispatcher = CollectingDispatcher()
    events = await acts_privacy.ActionWhatDoYouKnow().run(
        dispatcher, tracker("what_do_you_know", sender="guest-new", customer=""), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_nothing_stored_guest"]
    assert events == []


async def test_what_do_you_know_counts_what_is_stored_and_the_trust_figures(private_service) -> None:  # type: ignore[no-untyped-def]
    _shop(private_service, "agent-session", customer="C001")
    dispatcher = CollectingDispatcher()
    await acts_privacy.ActionWhatDoYouKnow().run(
        dispatcher, tracker("what_do_you_know", sender="agent-session", customer="C001"), {})
    summary, acceptance, explanations, payload = dispatcher.messages
    assert summary["response"] == "utter_what_i_know"
    assert summary["who"] == "Maya Chen (C001)"
    assert (summary["purchases"], summary["lists"], summary["feedback"]) == (4, 1, 3)
    assert acceptance["response"] == "utter_trust_acceptance"
    assert (acceptance["accepted"], acceptance["rated"], acceptance["acceptance"]) == (1, 2, 50)
    assert explanations["response"] == "utter_trust_explanations"
    assert (explanations["helpful"], explanations["explained"]) == (1, 1)
    assert payload["custom"]["type"] == "stored_data" and payload["custom"]["id"] == "C001"


async def test_what_do_you_know_for_a_guest_uses_the_sender_id(private_service) -> None:  # type: ignore[no-untyped-def]
    _shop(private_service, "guest-shopper")
    dispatcher = CollectingDispatcher()
    await acts_privacy.ActionWhatDoYouKnow().run(
        dispatcher, tracker("what_do_you_know", sender="guest-shopper", customer=""), {})
    summary = dispatcher.messages[0]
    assert summary["response"] == "utter_what_i_know_guest"
    assert (summary["purchases"], summary["lists"], summary["feedback"]) == (0, 1, 3)


async def test_forget_me_deletes_customer_and_conversation_then_restarts(private_service) -> None:  # type: ignore[no-untyped-def]
    _shop(private_service, "forget-session", customer="C005")
    _shop(private_service, "forget-session")
    dispatcher = CollectingDispatcher()
    events = await acts_privacy.ActionForgetMe().run(
        dispatcher, tracker("forget_confirmed", sender="forget-session", customer="C005"), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_forgotten"
    assert (message["lists"], message["feedback"], message["purchases"]) == (2, 6, 5)
    assert [e["event"] for e in events] == ["restart", "followup"]
    for who in ("C005", "forget-session"):
        data = private_service.store.customer_data(who)
        assert data["customer"] is None and not data["impressions"] and not data["feedback_events"]
    assert private_service.store.customer("C001") is not None, "other customers are kept"


async def test_forget_me_when_the_service_is_down_keeps_the_conversation(monkeypatch: pytest.MonkeyPatch) -> None:
    client = RecommenderClient("http://127.0.0.1:9", timeout_s=2)
    monkeypatch.setattr(acts_base, "_client", client)
    dispatcher = CollectingDispatcher()
    events = await acts_privacy.ActionForgetMe().run(
        dispatcher, tracker("forget_confirmed", sender="s-down", customer=""), {})
    await client.close()
    assert [m["response"] for m in dispatcher.messages] == ["utter_service_trouble"]
    assert events == []


def test_the_first_login_of_a_conversation_binds_it_until_a_restart() -> None:
    t = naming("C002", "rest", intent="what_do_you_know", login="C002")
    first = {"event": "user", "text": "hi", "metadata": {"customer_id": "C001"}, "parse_data": {"intent": {"name": "greet"}}}
    t.events.insert(1, first)
    assert acts_base.customer_of(t) == "C001", "a later login does not rebind the conversation"
    t.events.insert(2, {"event": "restart"})
    assert acts_base.customer_of(t) == "C002", "after forget me (a restart) the next login binds it"


async def test_forget_me_wipes_the_transcripts_of_every_conversation_of_the_customer(  # type: ignore[no-untyped-def]
        private_service, aiohttp_server, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rasa cannot run in this environment (Python 3.11), so a stub stands in for its HTTP API: it
    records each PUT and, like Rasa while the forget turn holds the conversation's lock, does not
    answer until released. tests/recommender/test_security.py proves the wipe against the real Rasa."""
    seen: list[tuple[str, str | None, Any]] = []
    release = asyncio.Event()

    async def replace_events(request: web.Request) -> web.Response:
        seen.append((request.match_info["sender"], request.query.get("token"), await request.json()))
        await release.wait()
        return web.json_response({"events": []})

    app = web.Application()
    app.add_routes([web.put("/conversations/{sender}/tracker/events", replace_events)])
    rasa = await aiohttp_server(app)
    monkeypatch.setattr(acts_privacy, "_rasa_api", RasaApi(str(rasa.make_url("")).rstrip("/"), "rasa-token"))
    _shop(private_service, "c006-on-the-web", customer="C006")  # another conversation of the same customer
    _shop(private_service, "c006-now", customer="C006")
    _shop(private_service, "someone-else", customer="C001")

    dispatcher = CollectingDispatcher()
    events = await acts_privacy.ActionForgetMe().run(
        dispatcher, tracker("forget_confirmed", sender="c006-now", customer="C006"), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_forgotten", "utter_transcripts_forgotten"]
    assert [e["event"] for e in events] == ["restart", "followup"], "the action returned without waiting"
    [wipe] = list(rasa_api._pending)
    for _ in range(200):
        if len(seen) == 2:
            break
        await asyncio.sleep(0.05)
    assert not wipe.done()
    release.set()
    assert await wipe == 2
    assert sorted(sender for sender, _, _ in seen) == ["c006-now", "c006-on-the-web"]
    assert all(token == "rasa-token" and body == [] for _, token, body in seen)


async def test_forget_me_without_rasas_api_keeps_transcripts_and_says_nothing_of_them(  # type: ignore[no-untyped-def]
        private_service, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(acts_privacy, "_rasa_api", RasaApi("", ""))
    dispatcher = CollectingDispatcher()
    await acts_privacy.ActionForgetMe().run(dispatcher, tracker("forget_confirmed", sender="no-api", customer=""), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_forgotten"]
    assert not rasa_api._pending


# --- the item in focus: "yes" to "add it to your cart?" ------------------------------------------

async def test_yes_after_accepting_adds_the_accepted_item(service, engine: Recommender) -> None:  # type: ignore[no-untyped-def]
    from recommender.engine import RecommendRequest

    # The same conversation (the recorded trackers' sender) is shown the list, accepts, adds.
    rec = engine.recommend(RecommendRequest(sender_id="tracker-why", messages=("a board game for two",)))
    rec_id = rec["recommendation"]["recommendation_id"]
    dispatcher = CollectingDispatcher()
    accepted = await acts.ActionAccept().run(dispatcher, tracker("why_second", rec_id=rec_id), {})
    focus = next(e["value"] for e in accepted if e["event"] == "slot" and e["name"] == "item_in_focus")
    assert focus == {"recommendation_id": rec_id, "position": 2}

    dispatcher = CollectingDispatcher()
    await acts.ActionAddToCart().run(
        dispatcher, tracker("yes_add_to_cart", sender="tracker-why", rec_id=rec_id, focus_rec_id=rec_id), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_added_to_cart"
    assert message["title"] == rec["recommendation"]["items"][1]["title"]
    last = engine.store.feedback("tracker-why")[-1]
    assert (last["type"], last["position"]) == ("added_to_cart", 2)


async def test_an_item_in_focus_from_an_older_list_is_not_used(service, engine: Recommender) -> None:  # type: ignore[no-untyped-def]
    from recommender.engine import RecommendRequest

    older, newer = (engine.recommend(RecommendRequest(sender_id="tracker-stale", messages=(m,)))
                    ["recommendation"]["recommendation_id"] for m in ("a kite", "a tent"))
    dispatcher = CollectingDispatcher()
    await acts.ActionAddToCart().run(
        dispatcher, tracker("yes_add_to_cart", sender="tracker-stale", rec_id=newer, focus_rec_id=older), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_which_item"]


async def test_rejecting_the_item_in_focus_clears_it(service, engine: Recommender) -> None:  # type: ignore[no-untyped-def]
    from recommender.engine import RecommendRequest

    rec_id = engine.recommend(RecommendRequest(sender_id="tracker-why", messages=("a puzzle",)))["recommendation"]["recommendation_id"]
    t = tracker("why_second", rec_id=rec_id)
    t.slots["item_in_focus"] = {"recommendation_id": rec_id, "position": 2}
    events = await acts.ActionReject().run(CollectingDispatcher(), t, {})
    assert {"event": "slot", "name": "item_in_focus", "value": None} in [
        {k: e[k] for k in ("event", "name", "value")} for e in events if e["event"] == "slot"]


# --- agents and the two-stage fallback -----------------------------------------------------------

async def test_agent_without_a_customer_id_is_asked_for_it(service) -> None:  # type: ignore[no-untyped-def]
    dispatcher = CollectingDispatcher()
    events = await acts.ActionSetCustomer().run(dispatcher, tracker("helping_a_customer", channel="cmdline"), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_customer_id"]
    assert events == []


# --- a conversation only ever sees the customer bound to it ----------------------------------------

def naming(customer: str, channel: str | None, intent: str = "set_customer", bound: str | None = None,
           login: str | None = None) -> Tracker:
    """A message that names `customer` (entity and text), on `channel`, in a conversation bound to
    `bound` (the slot) whose login metadata says `login`."""
    t = tracker("helping_a_customer", channel=channel)
    t.latest_message.update({"text": f"I'm helping customer {customer}", "intent": {"name": intent},
                             "entities": [{"entity": "customer_id", "value": customer}],
                             "metadata": {"customer_id": login} if login else {}})
    t.slots["customer_id"] = bound
    return t


async def test_agent_in_rasa_shell_acts_for_the_named_customer(service) -> None:  # type: ignore[no-untyped-def]
    dispatcher = CollectingDispatcher()
    events = await acts.ActionSetCustomer().run(dispatcher, naming("C002", "cmdline"), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_customer_set" and message["customer_id"] == "C002"
    assert [(e["name"], e["value"]) for e in events if e["event"] == "slot"] == [("customer_id", "C002")]


@pytest.mark.parametrize("channel", ["rest", "socketio", None])
@pytest.mark.parametrize("bound, login", [(None, None), (None, "C001"), ("C001", "C001")],
                         ids=["guest", "logged-in", "bound"])
async def test_a_shopper_typing_an_id_cannot_switch_customers(service, channel: str | None,  # type: ignore[no-untyped-def]
                                                              bound: str | None, login: str | None) -> None:
    dispatcher = CollectingDispatcher()
    events = await acts.ActionSetCustomer().run(dispatcher, naming("C002", channel, bound=bound, login=login), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_customer_is_fixed"]
    assert not [e for e in events if e["event"] == "slot" and e["name"] == "customer_id"]


@pytest.mark.parametrize("bound, login, shown", [
    ("C001", "C002", "Maya Chen (C001)"),  # a later login in the same conversation does not rebind it
    (None, "C001", "Maya Chen (C001)"),    # the login binds; the typed C002 does not
    (None, None, None),                    # a guest stays a guest
])
async def test_what_do_you_know_shows_only_the_bound_customer(service, bound: str | None, login: str | None,  # type: ignore[no-untyped-def]
                                                              shown: str | None) -> None:
    dispatcher = CollectingDispatcher()
    await acts_privacy.ActionWhatDoYouKnow().run(
        dispatcher, naming("C002", "rest", intent="what_do_you_know", bound=bound, login=login), {})
    said = json.dumps(dispatcher.messages)
    assert "C002" not in said.replace("I'm helping customer C002", "")
    first = dispatcher.messages[0]
    if shown:
        assert first["response"] == "utter_what_i_know" and first["who"] == shown
    else:
        assert first["response"] in ("utter_what_i_know_guest", "utter_nothing_stored_guest")


DOMAIN = {"responses": {"utter_ask_affirm_ask_why": [{"text": "..."}], "utter_ask_rephrase": [{"text": "..."}]}}


async def test_unsure_message_is_confirmed_in_plain_words_with_its_entities() -> None:
    dispatcher = CollectingDispatcher()
    events = await acts_fallback.ActionAskAffirmation().run(
        dispatcher, tracker("unsure_message", intent="ask_why"), DOMAIN)
    [message] = dispatcher.messages
    assert message["response"] == "utter_ask_affirm_ask_why"
    assert message["payload"] == '/ask_why{"position": "secnd"}'
    assert events == []


async def test_unsure_message_without_a_question_for_its_intent_asks_to_rephrase() -> None:
    dispatcher = CollectingDispatcher()
    await acts_fallback.ActionAskAffirmation().run(dispatcher, tracker("unsure_message", intent="greet"), DOMAIN)
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_rephrase"]


def test_a_confirmed_unsure_request_counts_as_a_request_turn() -> None:
    events = tracker("fresh_request").events + [
        {"event": "user", "text": "smth 4 a 5yo who likes dinos",
         "parse_data": {"intent": {"name": "nlu_fallback", "confidence": 0.3}}},
        {"event": "user", "text": "/ask_recommendation", "parse_data": {"intent": {"name": "ask_recommendation"}}},
        {"event": "rewind"},
        {"event": "user", "text": "/ask_recommendation", "parse_data": {"intent": {"name": "ask_recommendation"}}},
    ]
    assert request_turns(events)[-1] == "smth 4 a 5yo who likes dinos"
    assert len(request_turns(events)) == 2


async def test_handoff_pauses_after_listening_so_a_resumed_bot_answers(service, engine: Recommender) -> None:  # type: ignore[no-untyped-def]
    dispatcher = CollectingDispatcher()
    t = tracker("why_second", rec_id="")
    t.latest_message.update({"text": "talk to a human", "intent": {"name": "human_handoff"}, "entities": []})
    events = await acts.ActionHumanHandoff().run(dispatcher, t, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_handoff"]
    assert [(e["event"], e.get("name")) for e in events] == [("action", "action_listen"), ("pause", None)]
    assert engine.store.feedback("tracker-why")[-1]["type"] == "asked_for_human"
