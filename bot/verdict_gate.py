"""The Rasa side of "verdicts only when sure" (`bot/verdicts.py`): after the classifiers, a
message read as a judgement is re-read from its words (and a question about a shown item, or a
plain request the classifier could not place, is taken as what it is: `read_message`). A price question becomes `ask_price`
(answered from the list), a need becomes `ask_recommendation`, and an unsure judgement becomes
`nlu_fallback`, so that the two-stage fallback asks "Just to check: do you want cheaper
options?" and nothing is stored until the shopper says yes. Runs last in bot/config.yml's
pipeline; the original intent stays in the ranking for the fallback's question."""
from __future__ import annotations

import logging
import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.verdicts import JUDGING, read_message, read_verdict

log = logging.getLogger(__name__)
_MARKUP = re.compile(r"[<>=(){}\\]")
READ_AS = {"price_question": "ask_price", "product_question": "ask_product_question", "request": "ask_recommendation",
           "confirm": DEFAULT_NLU_FALLBACK_INTENT_NAME}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class VerdictGate(GraphComponent, IntentClassifier):
    """Re-reads judging intents, and questions or requests the classifier misplaced, from the
    message's words (see bot/verdicts.py)."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> VerdictGate:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            # Markup is never a product type, brand or position; such an "entity" would be echoed
            # into the fallback's buttons ("<img onerror=...>" read as a product type).
            entities = message.get(ENTITIES) or []
            kept = [e for e in entities if not _MARKUP.search(str(e.get("value", "")))]
            if len(kept) != len(entities):
                message.set(ENTITIES, kept, add_to_output=True)
            intent = message.get(INTENT) or {}
            name, confidence = intent.get(INTENT_NAME_KEY), intent.get(PREDICTED_CONFIDENCE_KEY) or 0.0
            text = message.get(TEXT) or ""
            if not name or text.startswith("/"):
                continue
            if name in JUDGING:
                reading = read_verdict(text, name, float(confidence))
            else:  # for nlu_fallback, the classifier's own best guess
                guesses = [r.get(INTENT_NAME_KEY) for r in message.get(INTENT_RANKING_KEY) or []]
                runner_up = next((g for g in guesses if g and g != DEFAULT_NLU_FALLBACK_INTENT_NAME), None)
                reading = read_message(text, name, runner_up)
            if reading == "verdict":
                continue
            read_as = {INTENT_NAME_KEY: READ_AS[reading], PREDICTED_CONFIDENCE_KEY: float(confidence)}
            log.debug("a %s message is read as %s (%s)", name, read_as[INTENT_NAME_KEY], reading)
            message.set(INTENT, read_as, add_to_output=True)
            # What the classifier said, for `make nlu-eval` (the classifier alone against the gate).
            message.set("verdict_gate", {"classified": name, "reading": reading}, add_to_output=True)
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != read_as[INTENT_NAME_KEY]]
            message.set(INTENT_RANKING_KEY, [read_as, *ranking], add_to_output=True)
        return messages
