"""The skeleton's conversation through the real stack: Rasa REST channel, action server,
recommender service and SQLite, as a shopper (or a script) would have it."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from typing import Any

import pytest
from conftest import Stack, _get

pytestmark = pytest.mark.stack


def say(stack: Stack, sender: str, message: str, customer_id: str | None = None) -> list[dict[str, Any]]:
    body: dict[str, Any] = {"sender": sender, "message": message}
    if customer_id:
        body["metadata"] = stack.login(customer_id)
    req = urllib.request.Request(f"{stack.rasa}/webhooks/rest/webhook", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())


def payload(messages: list[dict[str, Any]]) -> dict[str, Any]:
    found = [m["custom"] for m in messages if isinstance(m.get("custom"), dict)
             and m["custom"].get("type") == "recommendations"]
    assert len(found) == 1, f"expected one recommendations payload, got {messages}"
    return found[0]


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def test_healthz_reports_every_service(stack: Stack) -> None:
    status, body = _get(f"{stack.storefront}/healthz")
    assert status == 200
    assert all(s["ready"] for s in body["services"].values())
    assert set(body["services"]) == {"rasa", "action_server", "recommender"}


def test_gift_conversation_end_to_end(stack: Stack) -> None:
    sender = f"test-{uuid.uuid4()}"
    first = say(stack, sender, "I'm looking for a birthday gift for my 8 year old nephew who loves science, under $40")
    rec = payload(first)
    items = rec["items"]
    assert len(items) >= 3
    for item in items:
        assert item["price"] is not None and item["price"] <= 40
        assert item["reasons"] and all(isinstance(r, str) and r for r in item["reasons"])
        assert set(item) >= {"product_id", "title", "price", "currency", "category", "image_url", "reasons", "score"}
    assert any("science" in r.lower() for item in items for r in item["reasons"]), "reasons should refer to the request"

    why = say(stack, sender, "why the second one?")
    explanation = texts(why)
    assert items[1]["title"] in explanation
    assert "science" in explanation.lower() or "$40" in explanation

    cheaper = say(stack, sender, "too expensive")
    rec2 = payload(cheaper)
    assert rec2["recommendation_id"] != rec["recommendation_id"]
    assert rec2["items"], "a cheaper list should not be empty on the demo catalog"
    assert not {i["product_id"] for i in rec2["items"]} & {i["product_id"] for i in items}
    assert max(i["price"] for i in rec2["items"]) < max(i["price"] for i in items)
    assert sum(i["price"] for i in rec2["items"]) / len(rec2["items"]) < sum(i["price"] for i in items) / len(items)

    taken = say(stack, sender, "I'll take the first one")
    assert rec2["items"][0]["title"] in texts(taken)

    events = stack.cli("feedback", "--customer", sender, "--json")
    by_type = {e["type"]: e for e in events}
    assert by_type["asked_why"]["recommendation_id"] == rec["recommendation_id"]
    assert by_type["asked_why"]["product_id"] == items[1]["product_id"]
    assert by_type["too_expensive"]["recommendation_id"] == rec["recommendation_id"]
    assert by_type["accepted"]["recommendation_id"] == rec2["recommendation_id"]
    assert by_type["accepted"]["product_id"] == rec2["items"][0]["product_id"]
    for e in events:
        assert e["created_at"]


def test_customer_metadata_uses_purchase_history(stack: Stack) -> None:
    sender = f"test-{uuid.uuid4()}"
    rec = payload(say(stack, sender, "something for a curious kid who likes science", customer_id="C001"))
    customers = {c["customer_id"]: c for c in stack.cli("customers", "--json")}
    owned = {p["product_id"] for p in customers["C001"]["purchases"]}
    assert not owned & {i["product_id"] for i in rec["items"]}, "already-owned products are not suggested"
    titles = {p["title"] for p in customers["C001"]["purchases"]}
    assert any(t in r for i in rec["items"] for r in i["reasons"] for t in titles), \
        "at least one reason names a past purchase"
    events_before = stack.cli("feedback", "--customer", "C001", "--json")
    say(stack, sender, "why the first one?", customer_id="C001")
    events = stack.cli("feedback", "--customer", "C001", "--json")
    assert len(events) == len(events_before) + 1 and events[-1]["type"] == "asked_why"


def test_a_budget_that_cannot_be_met_is_said_plainly(stack: Stack) -> None:
    nothing = say(stack, f"test-{uuid.uuid4()}", "a science kit under $1")
    assert not [m for m in nothing if m.get("custom")], "nothing above the budget is shown instead"
    assert "$1.00" in texts(nothing) and "raise the budget" in texts(nothing)

    ignored = say(stack, f"test-{uuid.uuid4()}", "a science kit under $0")
    said = texts(ignored)
    assert "couldn't use $0.00 as a price limit" in said and "not limited by price" in said
    assert said.index("couldn't use") < said.index(payload(ignored)["items"][0]["title"]), "said before the list"


def rasa_api(stack: Stack, method: str, path: str, body: Any = None, token: str | None = "") -> tuple[int, Any]:
    """Rasa's HTTP API (served with --enable-api); `token` None sends none, "" the stack's own."""
    query = "" if token is None else f"?token={token or stack.rasa_token}"
    if "?" in path and query:
        query = "&" + query[1:]
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"{stack.rasa}{path}{query}", data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def test_agent_resumes_a_handed_over_conversation_through_the_api(stack: Stack) -> None:
    sender = f"handoff-{uuid.uuid4()}"
    rec = payload(say(stack, sender, "a science kit for a 9 year old under $40"))
    handoff = texts(say(stack, sender, "I want to talk to a human"))
    assert "human" in handoff.lower() or "team" in handoff.lower(), handoff
    assert say(stack, sender, "hello? anyone there?") == [], "a paused conversation is not answered"

    path = f"/conversations/{sender}/tracker/events"
    assert rasa_api(stack, "POST", path, {"event": "resume"}, token=None)[0] == 401
    assert rasa_api(stack, "POST", path, {"event": "resume"}, token="wrong-token")[0] == 401
    status, tracker = rasa_api(stack, "POST", path, {"event": "resume"})
    assert status == 200 and tracker["paused"] is False, tracker

    why = texts(say(stack, sender, "why the second one?"))
    assert rec["items"][1]["title"] in why, "the bot answers again, about the list from before the handoff"


def test_a_price_question_is_answered_from_the_list_and_stores_no_verdict(stack: Stack) -> None:
    from recommender.money import format_money

    sender = f"test-{uuid.uuid4()}"
    items = payload(say(stack, sender, "a science kit for my nephew under $40"))["items"]
    answer = texts(say(stack, sender, "how much the first one costs?"))
    assert items[0]["title"] in answer and format_money(items[0]["price"], items[0]["currency"]) in answer
    events = stack.cli("feedback", "--customer", sender, "--json")
    assert not [e for e in events if e["type"] in ("too_expensive", "rejected", "accepted")], events


def test_product_questions_are_answered_from_the_listing_or_not_at_all(stack: Stack) -> None:
    from recommender.catalog import load_catalog
    from recommender.config import ROOT
    from recommender.listing import quote_holds

    sender = f"test-{uuid.uuid4()}"
    assert "haven't" in texts(say(stack, sender, "does the first one need batteries?")).lower()  # no list yet
    items = payload(say(stack, sender, "an electronics or science kit for my 9 year old nephew under $40"))["items"]
    catalog = load_catalog(ROOT / "data" / "catalog.csv")
    products = [catalog.get(i["product_id"]) for i in items]
    powered = [n for n, p in enumerate(products, start=1) if p is not None and "batter" in p.description.lower()]
    assert powered, "the list should hold a kit that runs on batteries"
    n = powered[0]
    ordinal = ["first", "second", "third", "fourth", "fifth"][n - 1]
    said = say(stack, sender, f"does the {ordinal} one need batteries?")
    answer = [m["custom"] for m in said if isinstance(m.get("custom"), dict) and m["custom"].get("type") == "answer"]
    assert len(answer) == 1 and answer[0]["answered"] and answer[0]["position"] == n, said
    assert all(quote_holds(products[n - 1], e["field"], e["text"]) for e in answer[0]["evidence"])  # type: ignore[arg-type]
    assert items[n - 1]["title"] in texts(said) and "The listing says" in texts(said)
    # "it" is the item just answered about; the listing says nothing about water
    silent = texts(say(stack, sender, "is it waterproof?"))
    assert "doesn't say whether it is waterproof" in silent and "person" in silent, silent
    say(stack, sender, "that answer is wrong")
    events = stack.cli("feedback", "--customer", sender, "--json")
    asked = [e for e in events if e["type"] == "asked_question"]
    assert [e["detail"]["answered"] for e in asked] == [True, False], events
    assert all(e["product_id"] == items[n - 1]["product_id"] for e in asked)
    assert [e["type"] for e in events if e["type"] in ("answer_wrong", "explanation_unhelpful")] == ["answer_wrong"]
    assert not [e for e in events if e["type"] in ("too_expensive", "rejected", "accepted")], events
