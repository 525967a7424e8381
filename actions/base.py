"""What every custom action shares: the recommender client, who the conversation is for, which
list and item a message is about, and the two base classes (`ShoppingAction`, and
`FollowUpAction` for messages about a list already shown)."""
from __future__ import annotations

import logging
import os
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.client import RecommenderClient, ServiceRejected, ServiceUnavailable
from actions.parsing import (
    budget_notes,
    describe_constraints,
    has_price_limit,
    item_lines,
    named_by_title,
    positions,
)
from recommender.api import Ids, RecommendResponse
from recommender.money import format_money  # Babel only: no torch here

log = logging.getLogger(__name__)
_client: RecommenderClient | None = None


def client() -> RecommenderClient:
    """The process-wide client, created on first use (nothing is opened at import time)."""
    global _client
    if _client is None:
        _client = RecommenderClient()
    return _client


# `rasa shell`'s input channel: the one place where customer-service agents talk to the bot.
AGENT_CHANNEL = "cmdline"
# Items in a list when the conversation no longer shows how many: the recommender's top_k setting.
DEFAULT_LIST_SIZE = int(os.environ["RECOMMENDER_TOP_K"]) if os.environ.get("RECOMMENDER_TOP_K", "").isdigit() else 5


def customer_of(tracker: Tracker) -> str | None:
    """The customer this conversation is bound to, if any.

    Whose data a conversation may see, in one rule: only that of the customer bound to it.
    - The binding comes from the channel's login: `metadata.customer_id` (the storefront sets it
      from its demo login; a real store would sign it). The first one a conversation carries
      (since its last restart) binds it, is kept in the `customer_id` slot, and wins over any
      other that a later message names.
    - An id typed into the chat never binds a customer: the slot has no entity mapping
      (bot/domain.yml), and `action_set_customer` switches customers only for an agent in
      `rasa shell` (input channel "cmdline", which the REST channel does not let a client
      claim: bot/channels.py).
    - "Forget me" unbinds it (Restarted clears the slot and starts the events afresh).
    """
    slot = tracker.get_slot("customer_id")
    if slot:
        return str(slot)
    for event in tracker.events_after_latest_restart():
        if event.get("event") == "user" and (cid := _login(event.get("metadata"))):
            return cid
    return _login(tracker.latest_message.get("metadata"))


def _login(metadata: Any) -> str | None:
    value = metadata.get("customer_id") if isinstance(metadata, dict) else None
    return value if isinstance(value, str) and value else None


def _customer_events(tracker: Tracker) -> list[EventType]:
    cid = customer_of(tracker)
    return [SlotSet("customer_id", cid)] if cid and cid != tracker.get_slot("customer_id") else []


def focus_position(tracker: Tracker, rec_id: str) -> list[int]:
    """The position of the item in focus when it belongs to list `rec_id`, else nothing.

    The item in focus is the one last explained, accepted or added to the cart: "yes" after
    "Want me to add it to your cart?" or "I'll take it" after "why the second one?" mean it.
    A newer list makes it stale, so it is only used with the list it came from.
    """
    focus = tracker.get_slot("item_in_focus")
    if isinstance(focus, dict) and focus.get("recommendation_id") == rec_id:
        position = focus.get("position")
        if isinstance(position, int) and not isinstance(position, bool) and position > 0:
            return [position]
    return []


def focus_on(rec_id: str, position: int | None) -> list[EventType]:
    """Make item `position` of list `rec_id` the one "it" refers to next."""
    return [SlotSet("item_in_focus", {"recommendation_id": rec_id, "position": position})] if position else []


def service_error(action: str, dispatcher: CollectingDispatcher, exc: ServiceUnavailable | ServiceRejected) -> None:
    """Tell the shopper, in a response from bot/domain.yml, that the recommender failed them.

    The log line names the action, the route and the status only: never the shopper's words,
    an id, or the service's reason (which may quote them).
    """
    if isinstance(exc, ServiceRejected):
        log.warning("%s: recommender refused the request (%s)", action, exc)
        dispatcher.utter_message(response="utter_request_refused")
    else:
        log.warning("%s: recommender unavailable (%s)", action, exc)
        dispatcher.utter_message(response="utter_service_trouble")


class ShoppingAction(Action, ABC):
    """Shared plumbing: every recommender error becomes a friendly response, never a stack
    trace or a silent turn.

    Abstract (so rasa_sdk registers only the concrete actions below).
    """

    @abstractmethod
    def name(self) -> str:
        """The action's name, as in bot/domain.yml."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        try:
            events = await self.act(dispatcher, tracker)
        except (ServiceUnavailable, ServiceRejected) as exc:
            service_error(self.name(), dispatcher, exc)
            events = []
        return _customer_events(tracker) + events

    @abstractmethod
    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Do the action's work; may raise ServiceUnavailable or ServiceRejected."""

    @staticmethod
    def ids(tracker: Tracker) -> Ids:
        return {"sender_id": tracker.sender_id, "customer_id": customer_of(tracker)}

    async def show(self, dispatcher: CollectingDispatcher, result: RecommendResponse, response: str,
                   **fill: Any) -> list[EventType]:
        """Utter a list (text for rasa shell, a custom payload for the widget and tests)."""
        rec, constraints = result["recommendation"], result.get("constraints") or {}
        currency = result.get("currency") or "USD"
        # A budget the recommender could not use is said first, so no price comes as a surprise.
        example = result.get("example_budget")
        for note in budget_notes(result.get("ignored") or [], constraints, currency,
                                 example if isinstance(example, (int, float)) and example > 0 else 30.0):
            dispatcher.utter_message(**note)
        # How the list holds what was named ("the only one", "close alternatives", a brand no
        # listing has) comes before the list, in the recommender's own words.
        match_note = (result.get("match") or {}).get("note")
        if isinstance(match_note, str) and match_note:
            dispatcher.utter_message(response="utter_match_note", note=match_note)
        facet_note = (result.get("facets") or {}).get("note")  # a recipient or colour that could not be kept
        if isinstance(facet_note, str) and facet_note:
            dispatcher.utter_message(response="utter_match_note", note=facet_note)
        if not rec["items"]:
            # Nothing is shown beyond the budget: hard constraints are never relaxed. A price limit
            # below everything else that fits names the cheapest such thing and its price.
            said = describe_constraints(constraints, currency)
            cheapest = result.get("cheapest")
            if isinstance(cheapest, dict) and isinstance(cheapest.get("price"), (int, float)):
                dispatcher.utter_message(response="utter_no_results_cheapest", constraints=said,
                                         what=cheapest.get("named") or "match", title=cheapest.get("title", ""),
                                         price=format_money(cheapest["price"], currency))
            else:
                dispatcher.utter_message(
                    response="utter_no_results_in_budget" if has_price_limit(constraints) else "utter_no_results",
                    constraints=said)
            return []
        dispatcher.utter_message(response=response, item_lines=item_lines(rec["items"]), **fill)
        dispatcher.utter_message(json_message=rec)
        if result.get("question"):
            dispatcher.utter_message(response="utter_clarify", question=result["question"])
        return [SlotSet("last_recommendation_id", rec["recommendation_id"])]


def shown_list(tracker: Tracker, rec_id: str) -> list[dict[str, Any]] | None:
    """The items of list `rec_id` as this conversation showed them (its cards' payload)."""
    for event in reversed(tracker.events):
        custom = (event.get("data") or {}).get("custom") if event.get("event") == "bot" else None
        if isinstance(custom, dict) and custom.get("recommendation_id") == rec_id:
            items = custom.get("items")
            return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else None
    return None


def list_size(tracker: Tracker, rec_id: str) -> int:
    """How many items list `rec_id` showed, for "a number from 1 to N" (the default list size
    when this conversation's events no longer hold it)."""
    return len(shown_list(tracker, rec_id) or []) or DEFAULT_LIST_SIZE


def named_items(tracker: Tracker, shown: list[dict[str, Any]] | None = None) -> list[int]:
    """The positions a message names: by number or ordinal ("the second"), else, given the
    items `shown`, the one it names by what it is ("does the paint set come with brushes?")."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    named = positions(message.get("entities") or [], text)
    if not named and shown:
        by_name = named_by_title(text, [str(i.get("title") or "") for i in shown])
        named = [by_name] if by_name else []
    return named


class FollowUpAction(ShoppingAction):
    """An action about an item of the last list: needs that list and usually a position."""

    needs_position = True
    # Questions may name the item by what it is ("the paint set"); a verdict, which is stored
    # and learned from, needs a position or the item in focus.
    names_by_title = False

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        metadata = tracker.latest_message.get("metadata") or {}
        named_list = metadata.get("recommendation_id") if isinstance(metadata, dict) else None
        rec_id = named_list if isinstance(named_list, str) and named_list else tracker.get_slot("last_recommendation_id")
        if not rec_id:
            dispatcher.utter_message(response="utter_no_recommendation_yet")
            return []
        named = named_items(tracker, shown_list(tracker, rec_id) if self.names_by_title else None)
        if self.needs_position and not named:
            named = focus_position(tracker, rec_id)
        if self.needs_position and not named:
            dispatcher.utter_message(response="utter_which_item", count=list_size(tracker, rec_id))
            return []
        try:
            return await self.follow_up(dispatcher, tracker, rec_id, named)
        except ServiceRejected as exc:
            if exc.status != 404:
                raise
            # Not found: the item named (a 14th of five), else the list itself (an old or made-up id).
            log.info("%s: not found (%s)", self.name(), exc)
            if named:
                dispatcher.utter_message(response="utter_which_item", count=list_size(tracker, rec_id))
            else:
                dispatcher.utter_message(response="utter_no_recommendation_yet")
            return []

    @abstractmethod
    async def follow_up(self, dispatcher: CollectingDispatcher, tracker: Tracker, rec_id: str,
                        named: list[int]) -> list[EventType]:
        """Act on list `rec_id` and the positions the shopper named."""
