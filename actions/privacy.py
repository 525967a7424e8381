"""What the store keeps about a shopper, and forgetting it (the customer an agent acts for, or
the guest's own conversation id)."""
from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, Restarted
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import client, customer_of, service_error
from actions.client import ServiceRejected, ServiceUnavailable
from actions.parsing import deleted_counts, stored_counts, trust_counts

log = logging.getLogger(__name__)


class ActionWhatDoYouKnow(Action):
    """Counts of what is stored (purchases, lists shown, feedback) and the trust figures."""

    def name(self) -> str:
        return "action_what_do_you_know"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        cid = customer_of(tracker)
        who = cid or tracker.sender_id
        guest = "" if cid else "_guest"
        try:
            data = await client().customer_data(who)
        except ServiceRejected as exc:
            if exc.status == 404:  # nothing stored about this id
                dispatcher.utter_message(response=f"utter_nothing_stored{guest}", who=who)
                return []
            service_error(self.name(), dispatcher, exc)
            return []
        except ServiceUnavailable as exc:
            service_error(self.name(), dispatcher, exc)
            return []
        counts = stored_counts(data)
        customer = data.get("customer") or {}
        label = f"{customer['name']} ({cid})" if cid and customer.get("name") else who
        dispatcher.utter_message(response=f"utter_what_i_know{guest}", who=label, **counts)
        try:
            figures = trust_counts(await client().trust(who))
        except (ServiceRejected, ServiceUnavailable) as exc:
            log.info("%s: no trust figures (%s)", self.name(), exc)
            figures = None
        if figures and figures["rated"]:
            dispatcher.utter_message(response="utter_trust_acceptance", **figures)
        if figures and figures["explained"]:
            dispatcher.utter_message(response="utter_trust_explanations", **figures)
        dispatcher.utter_message(json_message={"type": "stored_data", "id": who, **counts,
                                               **({"trust": figures} if figures else {})})
        return []


class ActionForgetMe(Action):
    """Deletes what is stored about the customer and this conversation, then starts afresh.

    Runs only after the shopper confirmed (data/rules/privacy.yml).
    """

    def name(self) -> str:
        return "action_forget_me"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        ids = list(dict.fromkeys(filter(None, (customer_of(tracker), tracker.sender_id))))
        try:
            answers = [await client().forget(who) for who in ids]
        except (ServiceUnavailable, ServiceRejected) as exc:
            service_error(self.name(), dispatcher, exc)  # nothing was forgotten: the slots stay
            return []
        dispatcher.utter_message(response="utter_forgotten", **deleted_counts(answers))
        # Restarted clears every slot (customer, last list, item in focus) and the dialogue
        # state; the bot then waits for the shopper instead of predicting on an empty tracker.
        return [Restarted(), FollowupAction("action_listen")]
