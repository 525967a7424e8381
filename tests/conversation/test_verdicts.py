"""Verdicts only when sure (bot/verdicts.py): which messages read as judgements are acted on as
verdicts, and which are price questions, needs, or to be confirmed first."""
from __future__ import annotations

import pytest

from bot.verdicts import JUDGING, read_message, read_verdict

SURE, UNSURE = 0.95, 0.6


@pytest.mark.parametrize("text, intent", [
    ("too expensive", "too_expensive"), ("these are too pricey", "too_expensive"),
    ("way over my budget", "too_expensive"), ("show me something cheaper", "too_expensive"),
    ("out of my price range tbh", "too_expensive"), ("too expensive, how much is the third?", "too_expensive"),
    ("I'll take the second one", "accept"), ("i want the second one", "accept"), ("love it", "accept"),
    ("I'd like that one please", "accept"), ("the 3rd looks perfect", "accept"),
    ("not that one", "reject"), ("i don't like these", "reject"), ("nah, not these", "reject"),
    ("add the third to my cart", "add_to_cart"), ("can you add the 2nd to my cart?", "add_to_cart"),
    ("put it in my basket", "add_to_cart"), ("this is exactly what I need", "accept"),
    ("I would love the first one", "accept"), ("I'd prefer the first one", "accept"),
    ("I want to buy the first one", "accept"), ("I'd like to order number 2", "add_to_cart"),
    ("none of these are what I want", "reject"), ("nope, not what i'm looking for", "reject"),
    ("I'd rather not", "reject"), ("the price of the first one is too high", "too_expensive"),
    ("prices of these are ridiculous", "too_expensive"), ("how much?? that's insane", "too_expensive"),
    ("that makes sense", "explanation_helpful"), ("that doesn't explain anything", "explanation_unhelpful"),
])
def test_clear_judgements_are_verdicts(text: str, intent: str) -> None:
    assert read_verdict(text, intent, SURE) == "verdict"


@pytest.mark.parametrize("text, intent", [
    ("how much the first one costs?", "too_expensive"),
    ("how about the Billy Summers one? how much does it cost?", "too_expensive"),
    ("what's the price of the second", "reject"), ("how much are these?", "accept"),
    ("does the last one cost more than 20?", "too_expensive"), ("what do they cost", "add_to_cart"),
])
def test_price_questions_are_answered_not_judged(text: str, intent: str) -> None:
    assert read_verdict(text, intent, SURE) == "price_question"


@pytest.mark.parametrize("text, intent", [
    ("no, I'd like red shoes", "reject"), ("I need something with at least 16 GB", "too_expensive"),
    ("i want something with some french touch on its outer design", "too_expensive"),
    ("the first one is nice but do you have it in blue", "accept"),
    ("do you have anything for a younger kid", "reject"), ("show me lego instead", "reject"),
    ("looking for a smaller one in another colour", "explanation_unhelpful"),
])
def test_needs_start_or_narrow_a_search(text: str, intent: str) -> None:
    assert read_verdict(text, intent, SURE) == "request"


@pytest.mark.parametrize("text, intent, confidence", [
    ("If I bought in bulk, can we get a discount?", "explanation_unhelpful", SURE),
    ("is it any good for beginners?", "accept", SURE),
    ("honestly the whole pricing situation on your website seems quite steep", "too_expensive", SURE),
    ("nope", "reject", UNSURE), ("great", "accept", UNSURE),
])
def test_unsure_or_unrelated_judgements_are_confirmed_first(text: str, intent: str, confidence: float) -> None:
    assert read_verdict(text, intent, confidence) == "confirm"


@pytest.mark.parametrize("intent", ["ask_recommendation", "ask_why", "greet", "compare", "forget_me"])
def test_other_intents_pass_untouched(intent: str) -> None:
    assert intent not in JUDGING
    assert read_verdict("how much is it? i want something else", intent, 0.1) == "verdict"


@pytest.mark.parametrize("text, intent", [
    ("does the scooter have a brake", "ask_recommendation"), ("is the red one machine washable", "ask_recommendation"),
    ("hi, are they waterproof?", "out_of_scope"), ("who made the fourth one", "out_of_scope"),
    ("how many pieces in number 2", "ask_recommendation"), ("is that one ok for a baby", "ask_recommendation"),
    ("do i need to buy batteries for the second one?", "ask_recommendation"),
    ("will we need anything else to put it together", "ask_recommendation"),
])
def test_questions_about_a_shown_item_are_answered_from_its_listing(text: str, intent: str) -> None:
    assert read_message(text, intent) == "product_question"


def test_a_price_question_about_an_item_is_answered_from_the_list() -> None:
    assert read_message("how much is the second one", "ask_recommendation") == "price_question"


@pytest.mark.parametrize("text, intent, runner_up", [
    ("do you sell garden furniture", "out_of_scope", None), ("looking for bird seed", "nlu_fallback", "out_of_scope"),
    ("i need a gift for someone who likes camping", "nlu_fallback", "ask_recommendation"),
    ("can you find one that's got a lid", "ask_product_question", None),
    ("show me ones that are cordless", "ask_product_question", None),
])
def test_plain_requests_the_classifier_could_not_place_are_searched_for(text: str, intent: str,
                                                                      runner_up: str | None) -> None:
    assert read_message(text, intent, runner_up) == "request"


@pytest.mark.parametrize("text, intent, runner_up", [
    ("do you have a kettle with a blue light", "ask_recommendation", None),  # a need, asked as a question
    ("is there a scooter for a 4 year old", "ask_recommendation", None),
    ("is it possible to find a gift for a 3 year old", "ask_recommendation", None),
    ("what are the best headphones for the gym", "ask_recommendation", None),
    ("which is the best one for a toddler", "ask_recommendation", None),
    ("what should i get for my son's first birthday", "ask_recommendation", None),
    ("a good last minute gift?", "ask_recommendation", None),
    ("what is the capital of peru", "out_of_scope", None), ("is the store open on sundays", "out_of_scope", None),
    ("is this a real person?", "out_of_scope", None), ("where is my last order", "nlu_fallback", "out_of_scope"),
    # Service, privacy and "no" are never turned into a search.
    ("i need to talk to a person", "nlu_fallback", "ask_recommendation"),
    ("i'd like to speak to a manager", "nlu_fallback", "ask_recommendation"),
    ("i want you to erase my history", "nlu_fallback", "ask_recommendation"),
    ("i need to change my delivery address", "out_of_scope", None), ("i want to return my order", "nlu_fallback", None),
    ("i need to think about it", "out_of_scope", None), ("hi, i need help", "out_of_scope", None),
    ("no, I don't need anything else, thanks", "deny", None), ("no, I'd like a wooden one", "deny", None),
    ("no, I want you to keep everything", "deny", None), ("is that all you have", "deny", None),
    # A request only when the classifier's own best guess was one.
    ("i want something nice", "nlu_fallback", "human_handoff"),
    # Questions that name the item they ask about stay questions.
    ("can you show me the second one in red", "ask_product_question", None),
    ("do you have the paint set in stock", "ask_product_question", None),
    ("can i see a picture of it", "ask_product_question", None),
    ("is the first one better than the second", "compare", None), ("why the second one?", "ask_why", None),
    ("no", "deny", None), ("tell me a joke", "out_of_scope", None),
])
def test_other_messages_are_taken_as_classified(text: str, intent: str, runner_up: str | None) -> None:
    assert read_message(text, intent, runner_up) == "verdict"


def test_judgements_are_not_read_as_other_messages() -> None:
    with pytest.raises(ValueError):
        read_message("too pricey", "too_expensive")


@pytest.mark.parametrize("text", ["do i need a gift for my son", "do we need to bring anything", "i need batteries",
                                  "will i need a present for this weekend, something for a 5 year old"])
def test_a_need_that_names_no_shown_item_is_no_product_question(text: str) -> None:
    assert read_message(text, "ask_recommendation") == "verdict"
