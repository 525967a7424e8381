"""Questions about the list just shown, answered from it (actions/questions.py): nothing is
sent to the recommender and no feedback is stored."""
from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.parsing import named_by_title
from actions.questions import ActionTellPrice, price_answer

ITEMS = [{"product_id": "P1", "title": "Crystal Growing Kit", "price": 24.99, "currency": "USD"},
         {"product_id": "P2", "title": "Microscope", "price": 40.0, "currency": "USD"},
         {"product_id": "P3", "title": "Sketchbook", "price": None, "currency": "USD"}]


def asked(text: str, positions: list[str], rec_id: str | None = "R1", shown: list[dict[str, Any]] = ITEMS) -> Tracker:
    entities = [{"entity": "position", "value": p} for p in positions]
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "a science kit", "parse_data": {"intent": {"name": "ask_recommendation"}}},
        {"event": "bot", "text": None, "data": {"custom": {"type": "recommendations", "recommendation_id": "R1",
                                                          "items": shown}}},
        {"event": "user", "text": text, "parse_data": {"intent": {"name": "ask_price"}, "entities": entities}},
    ]
    return Tracker.from_dict({
        "sender_id": "s", "slots": {"last_recommendation_id": rec_id, "item_in_focus": None},
        "latest_message": {"text": text, "intent": {"name": "ask_price", "confidence": 0.9}, "entities": entities},
        "events": events, "paused": False, "followup_action": None, "active_loop": {},
        "latest_action_name": "action_listen"})


async def run(tracker: Tracker) -> list[dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    events = await ActionTellPrice().run(dispatcher, tracker, {})
    assert events == []  # nothing stored, no slot changed
    return dispatcher.messages


@pytest.mark.parametrize("text, positions, answer", [
    ("how much is the first one?", ["first"], "Item 1, “Crystal Growing Kit”, is $24.99."),
    ("and the last?", ["last"], "Item 3, “Sketchbook”, is not priced in the listing."),
    ("what do 1 and 2 cost", ["1", "2"], "Item 1, “Crystal Growing Kit”, is $24.99. Item 2, “Microscope”, is $40."),
])
async def test_a_price_is_told_from_the_list_shown(text: str, positions: list[str], answer: str) -> None:
    [message] = await run(asked(text, positions))
    assert message["response"] == "utter_price" and message["answer"] == answer


async def test_without_a_position_every_price_is_told_in_the_lists_currency() -> None:
    euros = [{**item, "currency": "EUR"} for item in ITEMS[:2]]
    [message] = await run(asked("how much are these?", [], shown=euros))
    assert message["answer"] == "1. Crystal Growing Kit: €24.99\n2. Microscope: €40"


async def test_no_list_or_an_item_not_in_it_gets_a_clear_answer() -> None:
    [none] = await run(asked("how much is it?", [], rec_id=None))
    assert none["response"] == "utter_no_recommendation_yet"
    [which] = await run(asked("how much is the 7th?", ["7"]))
    assert which["response"] == "utter_which_item" and which["count"] == 3


def test_price_answer_never_invents_a_price() -> None:
    assert "not priced" in price_answer([{"title": "X", "price": None}], [1])


async def test_an_item_named_by_what_it_is_is_the_one_told() -> None:
    [message] = await run(asked("how much is the microscope?", []))
    assert message["answer"] == "Item 2, “Microscope”, is $40."


@pytest.mark.parametrize("text, titles, position", [
    ("does the paint set come with brushes?", ["Robot Kit", "Acrylic Paint Set, 24 Tubes", "Marker Set"], 2),
    ("is the robot one rechargeable", ["Robot Kit", "Acrylic Paint Set", "Marker Set"], 1),
    ("are the markers washable", ["Robot Kit", "Acrylic Paint Set", "ColorLoom Washable Marker Set"], 3),
    ("is the set any good", ["Robot Kit", "Acrylic Paint Set", "Marker Set"], None),  # two sets: ask
    ("does the robot or the paint set need batteries", ["Robot Kit", "Acrylic Paint Set"], None),
    ("is it waterproof", ["Waterproof Robot Kit", "Acrylic Paint Set"], None),  # "it" is the item in focus
    ("is it washable", ["Robot Kit", "ColorLoom Washable Marker Set"], None),
    ("does the kite fly well", ["Fly Fishing Kit", "Acrylic Paint Set"], None),  # nothing shown is a kite
    ("is the one that isn't pink ok", ["Pink Doll", "Blue Doll"], None),
])
def test_named_by_title(text: str, titles: list[str], position: int | None) -> None:
    assert named_by_title(text, titles) == position


async def test_a_number_that_is_an_amount_is_no_position() -> None:
    [message] = await run(asked("how much is the microscope for a 3 year old?", []))
    assert message["answer"] == "Item 2, “Microscope”, is $40."
