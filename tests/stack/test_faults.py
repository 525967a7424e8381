"""Faults: a service killed mid-conversation, a locked database, many writers at once, a hung
upstream. The shopper always gets an answer, the conversation goes on once the service is
back, and no feedback event is lost."""
from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from conftest import Stack, _get, on_own_database

from actions.client import RecommenderClient, ServiceUnavailable
from recommender.config import Config
from recommender.engine import Recommender
from recommender.service import create_app
from recommender.spool import FeedbackSpool, writer_engine
from storefront.app import TROUBLE, StorefrontConfig, create_storefront_app

TROUBLE_WORDS = ("having trouble", "isn't answering")  # utter_service_trouble and the storefront's line


def post(url: str, body: Any, token: str | None = None) -> tuple[int, Any]:
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=90) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def say(stack: Stack, sender: str, message: str) -> list[dict[str, Any]]:
    status, messages = post(f"{stack.rasa}/webhooks/rest/webhook", {"sender": sender, "message": message})
    assert status == 200
    return messages


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def items_of(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return next(m["custom"]["items"] for m in messages
                if isinstance(m.get("custom"), dict) and m["custom"].get("type") == "recommendations")


def wait_for(check: Any, timeout: float = 30, every: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(every)


def kill(stack: Stack, name: str, health: str) -> None:
    """SIGKILL one of the stack's services, as a crash or the OOM killer would, and wait until
    its port refuses connections. The pid is its process group's id: Sanic's workers die too."""
    os.killpg(stack.pids()[name], signal.SIGKILL)
    wait_for(lambda: _get(health)[0] == 0)


# --- in process: the spool ---------------------------------------------------------------------
@pytest.fixture
def private_engine(engine: Recommender, tmp_path: Path) -> Recommender:
    """The session's model and catalog over a database of this test's own (it gets locked)."""
    return on_own_database(engine, Config.from_env({}, database_url=f"sqlite:///{tmp_path / 'faults.db'}"))


def lock(database: Path) -> sqlite3.Connection:
    """Another process's exclusive write lock on the SQLite file, held until rollback."""
    conn = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN EXCLUSIVE")
    return conn


async def test_feedback_is_spooled_while_the_database_is_locked_and_replayed_in_order(
        aiohttp_client, private_engine: Recommender, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = Config.from_env({}, feedback_spool=str(tmp_path / "spool.jsonl"), feedback_write_timeout_s=0.3,
                             spool_retry_s=0.2)
    client = await aiohttp_client(create_app(config, engine=private_engine))
    sender = f"spool-{uuid.uuid4()}"
    resp = await client.post("/v1/recommend", json={"sender_id": sender, "messages": ["a science kit"]})
    rec_id = (await resp.json())["recommendation"]["recommendation_id"]
    # Twenty other shoppers, each with a list of their own, will accept at the same moment.
    writers = {}
    for i in range(20):
        resp = await client.post("/v1/recommend", json={"sender_id": f"{sender}-{i}", "messages": ["a board game"]})
        writers[f"{sender}-{i}"] = (await resp.json())["recommendation"]["recommendation_id"]
    held = lock(tmp_path / "faults.db")
    try:
        statuses = []
        for seq in range(5):  # in order, one after another
            resp = await client.post("/v1/feedback", json={"sender_id": sender, "type": "explanation_helpful",
                                                           "recommendation_id": rec_id, "detail": {"seq": seq}})
            statuses.append(resp.status)
            assert (await resp.json())["spooled"] is True
        resp = await client.post("/v1/explain", json={"sender_id": sender, "recommendation_id": rec_id, "position": 2})
        assert resp.status == 200, "the shopper still gets the explanation"
        many = await asyncio.gather(*(client.post("/v1/feedback", json={
            "sender_id": writer, "type": "accepted", "recommendation_id": their_list, "position": 1})
            for writer, their_list in writers.items()))
        statuses += [r.status for r in many]
        assert statuses == [202] * 25
        assert (await (await client.get("/healthz")).json())["spooled_feedback"] == 26
        assert private_engine.store.feedback(sender) == []
    finally:
        held.rollback()
        held.close()
    for _ in range(100):
        if (await (await client.get("/healthz")).json())["spooled_feedback"] == 0:
            break
        await asyncio.sleep(0.1)
    events = private_engine.store.feedback(sender)
    assert [e["detail"].get("seq") for e in events] == [0, 1, 2, 3, 4, None]
    assert events[-1]["type"] == "asked_why" and events[-1]["position"] == 2
    everyone = private_engine.store.feedback()
    assert sum(e["sender_id"].startswith(f"{sender}-") for e in everyone) == 20
    assert not (tmp_path / "spool.jsonl").exists()


def test_spool_left_by_a_crash_is_replayed_once(private_engine: Recommender, tmp_path: Path) -> None:
    url = private_engine.store.engine.url.render_as_string(hide_password=False)
    spool = FeedbackSpool(tmp_path / "left.jsonl", writer_engine(url, 0.3))
    held = lock(tmp_path / "faults.db")
    try:
        for who in ("a", "b", "a"):
            assert spool.record({"type": "abandoned", "sender_id": f"crash-{who}", "customer_id": None,
                                 "recommendation_id": None, "product_id": None, "position": None, "detail": {}}) is None
    finally:
        held.rollback()
        held.close()
    assert spool.discard("crash-b") == 1  # "forget me" reaches spooled events too
    with open(spool.path, "ab") as f:
        f.write(b'{"type": "aband')  # a write torn by a crash, never acknowledged
    lines = spool.path.read_text().splitlines()
    assert spool.replay() == 2
    # The process died after the commit but before the spool was emptied: nothing is written twice.
    spool.path.write_text("\n".join(lines[:2]) + "\n")
    assert spool.replay() == 0
    assert [e["sender_id"] for e in private_engine.store.feedback()] == ["crash-a", "crash-a"]
    spool.close()


# --- in process: time limits on outbound calls (a hung upstream cannot be made on demand here,
# so a stub server that never answers stands in for it) ----------------------------------------
@pytest.fixture
async def hung_server(aiohttp_server):  # type: ignore[no-untyped-def]
    async def hang(request: web.Request) -> web.Response:
        await asyncio.sleep(30)
        return web.json_response([])

    async def silent(request: web.Request) -> web.Response:
        return web.json_response([])

    app = web.Application()
    app.add_routes([web.post("/webhooks/rest/webhook", hang), web.post("/v1/recommend", hang),
                    web.post("/silent/webhooks/rest/webhook", silent)])
    return await aiohttp_server(app)


async def test_storefront_gives_up_on_a_hung_rasa(aiohttp_client, hung_server) -> None:  # type: ignore[no-untyped-def]
    url = str(hung_server.make_url("")).rstrip("/")
    client = await aiohttp_client(create_storefront_app(StorefrontConfig(rasa_url=url, chat_timeout_s=0.5)))
    started = time.monotonic()
    resp = await client.post("/api/chat", json={"sender": "s", "message": "hello"})
    assert resp.status == 503 and "unavailable" in (await resp.json())["error"]
    assert time.monotonic() - started < 5


async def test_storefront_turns_a_silent_turn_into_a_friendly_message(aiohttp_client, hung_server) -> None:  # type: ignore[no-untyped-def]
    url = str(hung_server.make_url("/silent")).rstrip("/")
    client = await aiohttp_client(create_storefront_app(StorefrontConfig(rasa_url=url)))
    resp = await client.post("/api/chat", json={"sender": "s", "message": "hello"})
    body = await resp.json()
    assert resp.status == 200 and body["degraded"] is True
    assert body["messages"] == [{"recipient_id": "s", "text": TROUBLE}]


async def test_action_client_gives_up_on_a_hung_recommender(hung_server) -> None:  # type: ignore[no-untyped-def]
    client = RecommenderClient(str(hung_server.make_url("")).rstrip("/"), timeout_s=0.5)
    try:
        with pytest.raises(ServiceUnavailable):
            await client.recommend(sender_id="s", messages=["x"])
    finally:
        await client.close()


# --- the whole stack ---------------------------------------------------------------------------
@pytest.mark.stack
def test_recommender_killed_mid_conversation(stack: Stack) -> None:
    sender = f"fault-{uuid.uuid4()}"
    items = items_of(say(stack, sender, "a birthday gift for my 8 year old nephew who loves science, under $40"))
    kill(stack, "recommender", f"{stack.recommender}/healthz")
    down = texts(say(stack, sender, "why the second one?"))
    assert any(w in down for w in TROUBLE_WORDS), down
    assert "Traceback" not in down
    stack.wait_ready()  # scripts/stack.py starts it again
    again = texts(say(stack, sender, "why the second one?"))
    assert items[1]["title"] in again


@pytest.mark.stack
def test_action_server_killed_mid_conversation(stack: Stack) -> None:
    sender = f"fault-{uuid.uuid4()}"

    def chat(message: str) -> dict[str, Any]:
        status, body = post(f"{stack.storefront}/api/chat", {"sender": sender, "message": message})
        assert status == 200, body
        return body

    items = items_of(chat("a science kit for a 10 year old under $50")["messages"])
    kill(stack, "actions", f"{stack.actions}/health")
    down = chat("why the first one?")
    assert down.get("degraded") is True and down["messages"][0]["text"] == TROUBLE
    stack.wait_ready()
    again = chat("why the first one?")
    assert not again.get("degraded") and items[0]["title"] in texts(again["messages"])


@pytest.mark.stack
def test_stack_spools_feedback_while_its_database_is_locked(stack: Stack) -> None:
    database = Path(stack.env["DATABASE_URL"].removeprefix("sqlite:///"))
    sender = f"locked-{uuid.uuid4()}"
    items = items_of(say(stack, sender, "a science kit for a curious kid under $40"))
    held = lock(database)
    try:
        answer = texts(say(stack, sender, "why the first one?"))
        assert items[0]["title"] in answer, "the shopper is answered while the database is locked"
        url = f"{stack.recommender}/v1/feedback"
        with ThreadPoolExecutor(10) as pool:
            results = list(pool.map(lambda i: post(url, {"sender_id": sender, "type": "explanation_helpful",
                                                         "detail": {"n": i}}, stack.token), range(30)))
        assert [status for status, _ in results] == [202] * 30
        assert _get(f"{stack.recommender}/healthz")[1]["spooled_feedback"] == 31
    finally:
        held.rollback()
        held.close()
    wait_for(lambda: _get(f"{stack.recommender}/healthz")[1]["spooled_feedback"] == 0, timeout=30)
    events = stack.cli("feedback", "--customer", sender, "--json")
    assert events[0]["type"] == "asked_why" and events[0]["product_id"] == items[0]["product_id"]
    assert sorted(e["detail"]["n"] for e in events[1:]) == list(range(30))


@pytest.mark.stack
def test_many_feedback_writers_lose_nothing(stack: Stack) -> None:
    sender = f"writers-{uuid.uuid4()}"
    url = f"{stack.recommender}/v1/feedback"
    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(lambda i: post(url, {"sender_id": f"{sender}-{i % 8}", "type": "added_to_cart",
                                                     "detail": {"n": i}}, stack.token), range(200)))
    assert all(status in (201, 202) for status, _ in results)
    wait_for(lambda: _get(f"{stack.recommender}/healthz")[1]["spooled_feedback"] == 0, timeout=30)
    database = stack.env["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(database) as conn:
        rows = conn.execute("SELECT detail FROM feedback_events WHERE sender_id LIKE ?", (f"{sender}-%",)).fetchall()
    assert sorted(json.loads(detail)["n"] for (detail,) in rows) == list(range(200))


@pytest.mark.stack
def test_concurrent_messages_in_one_conversation_keep_their_order(stack: Stack) -> None:
    """Rasa's lock store hands out tickets per conversation in arrival order, so messages that
    overlap are processed one at a time, in the order they reached Rasa."""
    sender = f"order-{uuid.uuid4()}"
    items = items_of(say(stack, sender, "a science kit for a 9 year old under $60"))
    words = ["first", "second", "third", "fourth"]
    replies: dict[int, str] = {}

    def send(i: int) -> None:
        replies[i] = texts(say(stack, sender, f"why the {words[i]} one?"))

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(words))]
    for t in threads:
        t.start()
        time.sleep(0.03)  # arrival order is the send order; the turns themselves overlap
    for t in threads:
        t.join(90)
    for i in range(len(words)):
        assert items[i]["title"] in replies[i]
    asked = [e for e in stack.cli("feedback", "--customer", sender, "--json") if e["type"] == "asked_why"]
    assert [e["position"] for e in asked] == [1, 2, 3, 4]
