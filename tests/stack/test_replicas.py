"""Two Rasa servers and two action servers behind HAProxy, sharing Redis as Rasa's lock store
(`make run RASA_REPLICAS=2 ACTION_REPLICAS=2`, scripts/replicas.py)."""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

import pytest
from conftest import ROOT, Stack, _get, _start_stack
from test_conversation_e2e import payload, say, texts

pytestmark = pytest.mark.stack


@pytest.fixture(scope="module")
def replicated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    installed = subprocess.run(["bash", str(ROOT / "scripts" / "debian_packages.sh")], capture_output=True,
                               text=True, timeout=600, check=False)
    if installed.returncode == 3 and not os.environ.get("CI"):
        pytest.skip(f"redis-server or haproxy missing and not installable: {installed.stderr[-300:]}")
    assert installed.returncode == 0, installed.stderr
    yield from _start_stack(tmp_path_factory.mktemp("replicas"), ROOT / "data" / "catalog.csv", 21000,
                            {"RASA_REPLICAS": "2", "ACTION_REPLICAS": "2"})


def refuses(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def events(stack: Stack, sender: str) -> list[dict]:
    url = f"{stack.rasa}/conversations/{sender}/tracker?include_events=ALL&token={stack.rasa_token}"
    with urllib.request.urlopen(url, timeout=30) as resp:
        return json.loads(resp.read())["events"]


def test_healthz_reports_every_replica_and_redis(replicated: Stack) -> None:
    status, body = _get(f"{replicated.storefront}/healthz")
    assert status == 200, body
    assert {"rasa", "action_server", "recommender", "rasa-1", "rasa-2", "actions-1", "actions-2",
            "redis"} == set(body["services"])
    assert {"rasa-1", "rasa-2", "actions-1", "actions-2", "redis", "balancer"} <= set(replicated.pids())


def test_a_killed_rasa_replica_leaves_the_conversation_to_the_other(replicated: Stack) -> None:
    sender = f"replica-{uuid.uuid4()}"
    shown = payload(say(replicated, sender, "a science kit for my 9 year old nephew under $40"))["items"]
    os.killpg(replicated.pids()["rasa-1"], signal.SIGKILL)
    port = int(replicated.env["RASA_PORT"]) + 101  # rasa-1's own port (scripts/replicas.py)
    while refuses(port) is False:  # until every process of its group is gone: a request it had taken would get 502
        time.sleep(0.05)
    for question, position in (("why the second one?", 1), ("why the first one?", 0)):
        answer = texts(say(replicated, sender, question))  # whichever replica HAProxy picks answers
        assert shown[position]["title"] in answer, answer
    replicated.wait_ready(timeout=300)  # the stack starts rasa-1 again


def test_messages_of_one_conversation_are_processed_one_at_a_time(replicated: Stack) -> None:
    sender = f"burst-{uuid.uuid4()}"
    sent = [f"hello number {i}" for i in range(20)]
    with ThreadPoolExecutor(max_workers=20) as pool:  # both replicas get some: the Redis lock orders them
        replies = list(pool.map(lambda text: say(replicated, sender, text), sent))
    assert all(replies), "every message is answered"
    log = events(replicated, sender)
    said = [e["text"] for e in log if e["event"] == "user"]
    assert sorted(said) == sorted(sent)  # none lost, none twice
    turns = [(e["event"], e.get("name")) for e in log if e["event"] in ("user", "action")]
    for before, (kind, _) in pairwise(turns):  # each turn ends (action_listen) before the next starts
        if kind == "user":
            assert before == ("action", "action_listen"), f"two messages were processed at once: {turns}"


def test_redis_down_makes_healthz_503_until_it_returns(replicated: Stack) -> None:
    replicated.wait_ready(timeout=300)
    redis = replicated.pids()["redis"]
    os.kill(redis, signal.SIGSTOP)  # unresponsive, as a hung or unreachable server is
    try:
        reply = texts(say(replicated, f"no-lock-{uuid.uuid4()}", "hello"))  # Rasa's lock store times out (10 s)
        assert "having trouble" in reply and "send it again" in reply  # bot/channels.py: an honest answer
        deadline = time.monotonic() + 30
        while (status := _get(f"{replicated.storefront}/healthz"))[0] == 200 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert status[0] == 503 and status[1]["services"]["redis"]["ready"] is False
    finally:
        os.kill(redis, signal.SIGCONT)
    replicated.wait_ready(timeout=60)
    storefront_log = (replicated.logs / "storefront.log").read_text(errors="replace")
    assert re.search(r"not ready: .*redis", storefront_log) and re.search(r"ready again: .*redis", storefront_log)
