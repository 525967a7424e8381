"""What the store keeps about a shopper, and forgetting it (the customer an agent acts for, or
the guest's own conversation id), Rasa's transcripts of their conversations included."""
from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, Restarted
from rasa_sdk.executor import CollectingDispatcher

from actions.base import client, customer_of, service_error
from actions.client import ServiceRejected, ServiceUnavailable
from actions.parsing import deleted_counts, stored_counts, trust_counts
from actions.rasa_api import RasaApi, wipe_trackers_later

log = logging.getLogger(__name__)
_rasa_api: RasaApi | None = None


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
        cid = customer_of(tracker)
        ids = list(dict.fromkeys(filter(None, (cid, tracker.sender_id))))
        try:
            # Read before deleting: afterwards nothing says which conversations were the customer's.
            senders = [tracker.sender_id, *(await conversations_of(cid) if cid else [])]
            answers = [await client().forget(who) for who in ids]
        except (ServiceUnavailable, ServiceRejected) as exc:
            service_error(self.name(), dispatcher, exc)  # nothing was forgotten: the slots stay
            return []
        dispatcher.utter_message(response="utter_forgotten", **deleted_counts(answers))
        api = rasa_api()
        if api.configured:
            # Rasa's tracker store keeps every conversation's transcript; these are wiped once
            # this turn has ended (never awaited here: see wipe_trackers_later).
            wipe_trackers_later(api, dict.fromkeys(senders))
            dispatcher.utter_message(response="utter_transcripts_forgotten")
        else:
            log.warning("%s: Rasa's API is not configured (RASA_URL, RASA_AUTH_TOKEN); transcripts kept",
                        self.name())
        # Restarted clears every slot (customer, last list, item in focus) and the dialogue
        # state; the bot then waits for the shopper instead of predicting on an empty tracker.
        return [Restarted(), FollowupAction("action_listen")]


async def conversations_of(customer_id: str) -> list[str]:
    """The sender ids of the conversations the recommender has seen for a customer."""
    try:
        data = await client().customer_data(customer_id)
    except ServiceRejected as exc:
        if exc.status == 404:
            return []
        raise
    rows = [*(data.get("impressions") or []), *(data.get("feedback_events") or [])]
    return list(dict.fromkeys(r["sender_id"] for r in rows if isinstance(r.get("sender_id"), str) and r["sender_id"]))


def rasa_api() -> RasaApi:
    """The process-wide client of Rasa's API, made on first use from the environment."""
    global _rasa_api
    if _rasa_api is None:
        _rasa_api = RasaApi()
    return _rasa_api
