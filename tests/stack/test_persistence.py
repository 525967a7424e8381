"""Conversations survive restarts: Rasa keeps them in its SQL tracker store (bot/endpoints.yml),
the lists in the recommender's database, so the whole stack can stop and start again."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import urllib.request
import uuid
from pathlib import Path

import pytest
from conftest import ROOT, Stack, _start_stack
from test_conversation_e2e import payload, say, texts

from recommender.transcripts import delete_transcripts, own_driver, transcript_rows


def tracker(stack: Stack, sender: str) -> dict:
    url = f"{stack.rasa}/conversations/{sender}/tracker?token={stack.rasa_token}"
    with urllib.request.urlopen(url, timeout=30) as resp:
        return json.loads(resp.read())


def post_event(stack: Stack, sender: str, event: dict) -> None:
    url = f"{stack.rasa}/conversations/{sender}/tracker/events?token={stack.rasa_token}"
    req = urllib.request.Request(url, data=json.dumps(event).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        assert resp.status == 200


@pytest.mark.stack
def test_a_conversation_continues_after_the_whole_stack_restarts(tmp_path: Path) -> None:
    sender = f"restart-{uuid.uuid4()}"
    first = _start_stack(tmp_path, ROOT / "data" / "catalog.csv", 11000)
    stack = next(first)
    try:
        shown = payload(say(stack, sender, "a science kit for my 9 year old nephew under $40"))["items"]
        assert len(shown) >= 2
        slots_before = tracker(stack, sender)["slots"]
        assert slots_before.get("last_recommendation_id")  # what "the second one" is resolved against
        post_event(stack, sender, {"event": "pause"})  # handed to a person, as the handoff action does
        assert tracker(stack, sender)["paused"] is True
        rows_before = transcript_rows(stack.tracker_store_url, sender)
        assert rows_before > 0
    finally:
        next(first, None)  # past its yield: stops every process (SIGTERM, the stack's own shutdown)
    again = _start_stack(tmp_path, ROOT / "data" / "catalog.csv", 11000)
    stack = next(again)
    try:
        assert transcript_rows(stack.tracker_store_url, sender) == rows_before  # nothing lost at stop or start
        assert tracker(stack, sender)["slots"] == slots_before
        assert tracker(stack, sender)["paused"] is True  # still with the person after the restart
        assert say(stack, sender, "hello?") == []  # stored, not answered, while paused
        post_event(stack, sender, {"event": "resume"})  # the agent hands it back
        why = texts(say(stack, sender, "why the second one?"))
        assert shown[1]["title"] in why, why  # the list shown before the restart
    finally:
        next(again, None)


def test_deleting_transcripts_removes_exactly_that_conversations_rows(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text

    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    assert delete_transcripts(url, ["nobody"]) == 0  # no table yet: nothing to do, no error
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), data TEXT)"))
        conn.execute(text("INSERT INTO events (sender_id, data) VALUES ('a', '{}'), ('a', '{}'), ('b', '{}')"))
    engine.dispose()
    assert delete_transcripts(url, ["a", "c"]) == 2
    assert (transcript_rows(url, "a"), transcript_rows(url, "b")) == (0, 1)
    assert own_driver("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"  # Rasa's psycopg2 URL, read with psycopg 3
    assert own_driver(url) == url


# Rasa's own SQLTrackerStore (its Python, its driver) on the URL the stack would give it: a
# conversation saved by one store instance is read back by a fresh one (a restarted Rasa).
RASA_STORE = """
import asyncio, json, sys
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

url, sender, mode = sys.argv[1:4]
async def main():
    if mode == "save":
        tracker = DialogueStateTracker.from_events(sender, [UserUttered("a kite please"), SlotSet("budget", 20)])
        await SQLTrackerStore(host=url).save(tracker)
    found = await SQLTrackerStore(host=url).retrieve(sender)
    print(json.dumps(None if found is None else {"events": len(found.events), "texts": [e.text for e in found.events if isinstance(e, UserUttered)]}))
asyncio.run(main())
"""


def rasa_store(url: str, sender: str, mode: str) -> dict | None:
    out = subprocess.run([str(ROOT / ".venv-rasa" / "bin" / "python"), "-c", RASA_STORE, url, sender, mode],
                         capture_output=True, text=True, timeout=300, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_rasas_tracker_store_keeps_a_conversation_and_forgetting_deletes_it(db_url: str) -> None:
    rasa_url = db_url.replace("postgresql+psycopg://", "postgresql://")  # as scripts/stack.py derives it
    sender = f"kept-{uuid.uuid4().hex[:8]}"
    saved = rasa_store(rasa_url, sender, "save")
    assert saved is not None and saved["texts"] == ["a kite please"]
    assert rasa_store(rasa_url, sender, "read") == saved  # a fresh store (a restarted Rasa) reads it back
    assert transcript_rows(rasa_url, sender) == saved["events"]
    assert delete_transcripts(rasa_url, [sender]) == saved["events"]
    assert transcript_rows(rasa_url, sender) == 0
    assert rasa_store(rasa_url, sender, "read") in (None, {"events": 0, "texts": []})


@pytest.mark.stack
def test_a_locked_tracker_database_still_gets_an_answer_and_the_next_turn_works(stack: Stack) -> None:
    """Rasa's FailSafeTrackerStore answers a turn whose database is locked from memory (that
    turn alone is not kept) and logs the error; nothing crashes or restarts."""
    sender, words = f"locked-{uuid.uuid4()}", f"a kite for my godson {uuid.uuid4().hex[:6]}"
    say(stack, sender, "hi")
    rasa = stack.pids()["rasa"]
    lock = sqlite3.connect(stack.tracker_store_url.removeprefix("sqlite:///"), timeout=30, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")  # Rasa can neither read nor write the conversation (SQLite waits 5 s)
    try:
        reply = texts(say(stack, sender, words))
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert reply.strip()  # answered, not an empty reply or an error page
    assert payload(say(stack, sender, "a science kit under $40"))["items"]  # the next turn is answered and kept
    assert stack.pids()["rasa"] == rasa and Path(f"/proc/{rasa}").is_dir()  # no crash, no restart
    log = (stack.logs / "rasa.log").read_text(errors="replace")
    assert "Error happened when trying to retrieve conversation tracker" in log
    assert words not in log  # the failure is logged without the shopper's words
