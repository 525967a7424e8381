"""The two-stage fallback's "Did you mean ...?" in plain words instead of an intent name."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.parsing import FALLBACK_INTENT, affirmation_payload


class ActionAskAffirmation(Action):
    """Overrides Rasa's `action_default_ask_affirmation`.

    Asks `utter_ask_affirm_<intent>` for the most likely intent, with a Yes button that re-sends
    that intent and the message's entities. Intents without such a response (greetings, yes/no)
    are not worth confirming: the shopper is asked to rephrase instead.
    """

    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        message = tracker.latest_message or {}
        ranking = [r.get("name") for r in message.get("intent_ranking") or []]
        candidates = [name for name in ranking if name and name != FALLBACK_INTENT]
        intent = candidates[0] if candidates else None
        response = f"utter_ask_affirm_{intent}"
        if intent and response in (domain.get("responses") or {}):
            dispatcher.utter_message(response=response,
                                     payload=affirmation_payload(intent, message.get("entities") or []))
        else:
            dispatcher.utter_message(response="utter_ask_rephrase")
        return []
