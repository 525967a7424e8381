"""Custom actions. Each reads slots and the latest message, calls the recommender, utters a
response key (bot prose lives in bot/domain.yml) plus a custom payload, and returns events.
What they share is in `actions.base`."""
from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, ConversationPaused, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import (
    AGENT_CHANNEL,
    FollowUpAction,
    ShoppingAction,
    client,
    focus_on,
    focus_position,
    list_size,
    service_error,
)
from actions.client import ServiceRejected, ServiceUnavailable
from actions.parsing import (
    customer_id_in,
    request_turns,
)

log = logging.getLogger(__name__)


class ActionRecommend(ShoppingAction):
    def name(self) -> str:
        return "action_recommend"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        turns = request_turns(tracker.events)
        latest = (tracker.latest_message.get("text") or "").strip()
        if latest and not latest.startswith("/") and (not turns or turns[-1] != latest):
            turns.append(latest)
        result = await client().recommend(messages=turns, **self.ids(tracker))
        return await self.show(dispatcher, result, "utter_recommendations")


class ActionCheaper(FollowUpAction):
    needs_position = False

    def name(self) -> str:
        return "action_cheaper"

    async def follow_up(self, dispatcher: CollectingDispatcher, tracker: Tracker, rec_id: str,
                        named: list[int]) -> list[EventType]:
        await client().feedback(type="too_expensive", recommendation_id=rec_id,
                                position=named[0] if named else None, **self.ids(tracker))
        result = await client().recommend(messages=request_turns(tracker.events),
                                          refine={"op": "cheaper", "recommendation_id": rec_id},
                                          **self.ids(tracker))
        return await self.show(dispatcher, result, "utter_cheaper")


class ActionMoreLike(FollowUpAction):
    def name(self) -> str:
        return "action_more_like"

    async def follow_up(self, dispatcher: CollectingDispatcher, tracker: Tracker, rec_id: str,
                        named: list[int]) -> list[EventType]:
        result = await client().recommend(
            messages=request_turns(tracker.events),
            refine={"op": "more_like", "recommendation_id": rec_id, "position": named[0]},
            **self.ids(tracker))
        anchor = result.get("anchor")
        return await self.show(dispatcher, result, "utter_more_like", title=anchor["title"] if anchor else "that one")


class ActionDifferentBrand(FollowUpAction):
    needs_position = False

    def name(self) -> str:
        return "action_different_brand"

    async def follow_up(self, dispatcher: CollectingDispatcher, tracker: Tracker, rec_id: str,
                        named: list[int]) -> list[EventType]:
        result = await client().recommend(
            messages=request_turns(tracker.events),
            refine={"op": "different_brand", "recommendation_id": rec_id}, **self.ids(tracker))
        return await self.show(dispatcher, result, "utter_different_brand")


class ActionExplain(FollowUpAction):
    names_by_title = True

    def name(self) -> str:
        return "action_explain"

    async def follow_up(self, dispatcher: CollectingDispatcher, tracker: Tracker, rec_id: str,
                        named: list[int]) -> list[EventType]:
        result = await client().explain(recommendation_id=rec_id, position=named[0], **self.ids(tracker))
        dispatcher.utter_message(response="utter_explanation", explanation=result["text"])
        return focus_on(rec_id, result.get("position"))


class ActionCompare(FollowUpAction):
    def name(self) -> str:
        return "action_compare"

    async def follow_up(self, dispatcher: CollectingDispatcher, tracker: Tracker, rec_id: str,
                        named: list[int]) -> list[EventType]:
        if len(named) < 2:
            dispatcher.utter_message(response="utter_which_item", count=list_size(tracker, rec_id))
            return []
        result = await client().compare(recommendation_id=rec_id, positions=named[:2], **self.ids(tracker))
        dispatcher.utter_message(response="utter_compare", comparison=result["text"])
        return []


class _ItemFeedback(FollowUpAction):
    """Record one typed feedback event about the named item and acknowledge it."""

    feedback_type = ""
    response = ""
    focus = True  # the item becomes the one "it" refers to next

    async def follow_up(self, dispatcher: CollectingDispatcher, tracker: Tracker, rec_id: str,
                        named: list[int]) -> list[EventType]:
        result = await client().feedback(type=self.feedback_type, recommendation_id=rec_id,
                                         position=named[0], **self.ids(tracker))
        dispatcher.utter_message(response=self.response, title=result["title"])
        if self.focus:
            return focus_on(rec_id, result.get("position"))
        return [SlotSet("item_in_focus", None)] if focus_position(tracker, rec_id) == [result.get("position")] else []


class ActionAccept(_ItemFeedback):
    feedback_type, response = "accepted", "utter_accepted"

    def name(self) -> str:
        return "action_accept"


class ActionReject(_ItemFeedback):
    feedback_type, response, focus = "rejected", "utter_rejected", False

    def name(self) -> str:
        return "action_reject"


class ActionAddToCart(_ItemFeedback):
    """Adds the named item, else the one just accepted or explained ("yes" to "add it to your cart?")."""

    feedback_type, response = "added_to_cart", "utter_added_to_cart"

    def name(self) -> str:
        return "action_add_to_cart"


class ActionExplanationFeedback(FollowUpAction):
    needs_position = False

    def name(self) -> str:
        return "action_explanation_feedback"

    async def follow_up(self, dispatcher: CollectingDispatcher, tracker: Tracker, rec_id: str,
                        named: list[int]) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        helped = intent == "explanation_helpful"
        if _last_follow_up(tracker) == "action_answer_question":  # "that's wrong" after an answer
            focus = focus_position(tracker, rec_id)
            await client().feedback(type="answer_helpful" if helped else "answer_wrong", recommendation_id=rec_id,
                                    position=focus[0] if focus else None, **self.ids(tracker))
        else:
            kind = "explanation_helpful" if helped else "explanation_unhelpful"
            await client().feedback(type=kind, recommendation_id=rec_id, **self.ids(tracker))
        dispatcher.utter_message(response="utter_explanation_feedback_thanks")
        return []


def _last_follow_up(tracker: Tracker) -> str | None:
    """The last of action_explain and action_answer_question this conversation ran: what "that helped" judges."""
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") in ("action_explain", "action_answer_question"):
            return event["name"]
    return None


class ActionHumanHandoff(ShoppingAction):
    def name(self) -> str:
        return "action_human_handoff"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        await client().feedback(type="asked_for_human",
                                recommendation_id=tracker.get_slot("last_recommendation_id"),
                                detail={"text": (tracker.latest_message.get("text") or "")[:500]},
                                **self.ids(tracker))
        dispatcher.utter_message(response="utter_handoff")
        # Rasa predicts nothing while paused, so log the listen that ends this turn now: without
        # it, the first message after an agent resumes the bot (a `resume` event) follows
        # action_human_handoff instead of action_listen, and no rule matches it.
        return [ActionExecuted("action_listen"), ConversationPaused()]


class ActionSetCustomer(ShoppingAction):
    """For agents in `rasa shell`: act for a named customer from now on.

    Anywhere else a shopper is told the chat stays with their own account (see customer_of).
    """

    def name(self) -> str:
        return "action_set_customer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        try:
            return await self.act(dispatcher, tracker)
        except (ServiceUnavailable, ServiceRejected) as exc:
            service_error(self.name(), dispatcher, exc)
            return []

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        if tracker.get_latest_input_channel() != AGENT_CHANNEL:
            dispatcher.utter_message(response="utter_customer_is_fixed")
            return []
        entity = next((e.get("value") for e in tracker.latest_message.get("entities") or []
                       if e.get("entity") == "customer_id"), None)
        cid = (str(entity).upper() if entity else None) or customer_id_in(tracker.latest_message.get("text") or "")
        if not cid:
            dispatcher.utter_message(response="utter_ask_customer_id")
            return []
        try:
            customer = await client().customer(cid)
        except ServiceRejected:
            dispatcher.utter_message(response="utter_unknown_customer", customer_id=cid)
            return [SlotSet("customer_id", None)]
        purchases = customer["purchases"]
        if purchases:
            recent = ", ".join(p["title"] for p in purchases[-3:])
            summary = f"{len(purchases)} past purchases; most recent: {recent}."
        else:
            summary = "No purchases yet."
        dispatcher.utter_message(response="utter_customer_set", name=customer["name"],
                                 customer_id=cid, summary=summary)
        return [SlotSet("customer_id", cid)]
