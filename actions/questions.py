"""Questions about the list just shown: what an item costs (from the list), and what its listing says."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.base import FollowUpAction, client, focus_on, focus_position, named_items, shown_list
from recommender.money import format_money  # Babel only: no torch here


def price_answer(items: list[dict[str, Any]], named: list[int]) -> str:
    """ "Item 2, “Title”, is $24.99." for the items named (-1: the last), else every item's price."""
    def price(item: dict[str, Any]) -> str:
        value = item.get("price")
        return format_money(value, item.get("currency") or "USD") if isinstance(value, (int, float)) else "not priced in the listing"

    picked = [(p if p > 0 else len(items) + p + 1) for p in named]
    picked = [p for p in picked if 1 <= p <= len(items)]
    if picked:
        return " ".join(f"Item {p}, “{items[p - 1].get('title', '')}”, is {price(items[p - 1])}." for p in picked)
    return "\n".join(f"{p}. {item.get('title', '')}: {price(item)}" for p, item in enumerate(items, start=1))


class ActionTellPrice(Action):
    """ "how much is the first one?": the price from the list shown; nothing is stored."""

    def name(self) -> str:
        return "action_tell_price"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        rec_id = tracker.get_slot("last_recommendation_id")
        items = shown_list(tracker, rec_id) if rec_id else None
        if not items:
            dispatcher.utter_message(response="utter_no_recommendation_yet")
            return []
        named = named_items(tracker, items) or focus_position(tracker, rec_id)
        if any(not (1 <= (p if p > 0 else len(items) + p + 1) <= len(items)) for p in named):
            dispatcher.utter_message(response="utter_which_item", count=len(items))
            return []
        dispatcher.utter_message(response="utter_price", answer=price_answer(items, named))
        return []


class ActionAnswerQuestion(FollowUpAction):
    """ "does the first one need batteries?": answered from that product's listing, with its words.

    "it" and "that one" mean the item in focus (the one last explained, answered about,
    accepted or added); with none, the shopper is asked which one. When the listing does not
    say, the answer says so and offers a person; nothing is guessed.
    """

    names_by_title = True

    def name(self) -> str:
        return "action_answer_question"

    async def follow_up(self, dispatcher: CollectingDispatcher, tracker: Tracker, rec_id: str,
                        named: list[int]) -> list[EventType]:
        question = (tracker.latest_message or {}).get("text") or ""
        result = await client().ask(recommendation_id=rec_id, position=named[0], question=question[:500],
                                       **self.ids(tracker))
        position, title = result.get("position") or named[0], result.get("title") or ""
        response = "utter_product_answer" if result.get("answered") else "utter_product_not_answered"
        dispatcher.utter_message(response=response, position=position, title=title, answer=result.get("answer", ""))
        dispatcher.utter_message(json_message={
            "type": "answer", "recommendation_id": rec_id, "position": position, "title": title,
            "product_id": result.get("product_id"), "answered": bool(result.get("answered")),
            "evidence": [e for e in result.get("evidence") or [] if isinstance(e, dict)]})
        return focus_on(rec_id, position)
