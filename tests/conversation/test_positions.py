"""The actions' reading of which item a shopper means, and of the request's turns."""
from __future__ import annotations

import pytest

from actions.parsing import customer_id_in, parse_position, positions, request_turns


@pytest.mark.parametrize("text, expected", [
    ("why the second one?", 2), ("the 3rd", 3), ("#4", 4), ("the last one", -1), ("that one", None),
])
def test_positions(text: str, expected: int | None) -> None:
    assert parse_position(text) == expected


def test_positions_from_entities_then_text() -> None:
    assert positions([{"entity": "position", "value": "first"}, {"entity": "position", "value": "3"}], "") == [1, 3]
    assert positions([], "compare 1 and 3") == [1, 3]
    assert customer_id_in("I'm helping customer c004 today") == "C004"


def test_request_turns_skip_follow_ups_and_buttons() -> None:
    events = [
        {"event": "user", "text": "science kit under 40", "parse_data": {"intent": {"name": "ask_recommendation"}}},
        {"event": "bot", "text": "Here..."},
        {"event": "user", "text": "why the second?", "parse_data": {"intent": {"name": "ask_why"}}},
        {"event": "user", "text": '/ask_recommendation{"x": 1}', "parse_data": {"intent": {"name": "ask_recommendation"}}},
    ]
    assert request_turns(events) == ["science kit under 40"]


@pytest.mark.parametrize("text, expected", [
    ("why 3?", [3]), ("compare 1 and 3", [1, 3]), ("what about number 4", [4]), ("the 2nd one", [2]),
    ("is the paint set ok for a 3 year old", []), ("does it come with 24 tubes", []), ("under $30", []),
    ("is 2 ok for 4 players", [2]), ("is the first one ok for a 5-year-old", [1]),
])
def test_numbers_that_are_amounts_are_no_positions(text: str, expected: list[int]) -> None:
    assert positions([], text) == expected
