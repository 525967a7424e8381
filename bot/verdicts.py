"""Verdicts only when sure: how a message the NLU read as a judgement is to be taken.

A judging feedback event (accepted, rejected, too expensive, added to cart, explanation
helpful or unhelpful) changes what the shopper sees next and trains the models, so one read
from a misunderstood message poisons both. `read_verdict` looks at what the shopper wrote
before a judgement is acted on:

- a price question ("how much is the first one?") is answered from the list, never stored
  as "too expensive"; a question about the product ("does it need batteries?") is answered
  from its listing;
- a need ("no, I'd like red ones", "do you have it in blue?") starts or narrows a search;
- a judgement the classifier is unsure of, one that does not refer to the list ("i want
  something with some french touch on its outer design"), or a question that is no request
  ("if I bought in bulk, can we get a discount?") is confirmed first ("Just to check: do you
  want cheaper options?"), and nothing is stored until the shopper says yes;
- the rest is a verdict, acted on as before. Card buttons ("/accept{...}") never reach here:
  Rasa reads them as the intent itself.

Pure (no Rasa imports), so both environments' tests can run it; `bot/verdict_gate.py` is the
Rasa component that applies it after the classifier.
"""
from __future__ import annotations

import re
from typing import Literal

Reading = Literal["verdict", "confirm", "price_question", "product_question", "request"]

JUDGING = frozenset({"accept", "reject", "too_expensive", "add_to_cart", "explanation_helpful",
                     "explanation_unhelpful"})
SURE = 0.80  # classifier confidence below which a judgement is confirmed before it is stored
SHORT = 4  # words: "too pricey", "love it", "nah not these" judge whatever was just shown

_PRICE_QUESTION = re.compile(
    r"\bhow much\b|\bwhat(?:'s| is| are| does)? (?:the )?(?:price|cost)s?\b|\bprices? (?:of|for|on)\b|"
    r"\bcosts? of\b|\b(?:does|do|would|will) (?:it|that|this|they|these|those|the [\w' -]{1,40}?) cost\b|"
    r"\bhow (?:pricey|expensive|cheap) (?:is|are)\b|\bwhat do (?:they|these|those) cost\b",
    re.IGNORECASE)
# Words that do judge the price, so "too expensive, how much is the third?" stays a verdict.
_PRICE_VERDICT = re.compile(
    r"\btoo (?:expensive|pricey|much|costly|dear|steep|high)\b|\bover (?:my|our|the) budget\b|"
    r"\bout of (?:my|our) (?:price )?(?:range|budget)\b|\bcan'?t afford\b|\bcheaper\b|\bless expensive\b|"
    r"\bway too\b|\bnot worth\b|\b(?:ridiculous|insane|crazy|overpriced|rip ?off|daylight robbery)\b",
    re.IGNORECASE)
_NEED = re.compile(
    r"(?<!what )(?<!not )\bi(?:'d| would) (?:like|prefer|love|rather)\b(?! not\b)|(?<!what )\bi (?:want|need)\b|"
    r"(?<!what )(?<!what i'm )(?<!what im )(?<!what i am )\b(?:i'?m |im )?looking for\b|"
    r"\bdo you (?:have|sell|carry|stock)\b|\bhave you got\b|\bgot any\b|\bshow me\b|\bcan i (?:see|get)\b|"
    r"\bin (?:a |an )?(?:different|another|other) (?:colou?r|size|style)\b|\binstead\b|"
    r"\b(?:something|anything) (?:with|in|for|that|more|less|else|similar|like|but)\b|"
    r"\bcan you (?:find|suggest|recommend|show)\b|\bany (?:in|with|that)\b", re.IGNORECASE)
# Choosing an item with need words: "i want the second one", "i'd like that one".
_CHOICE = re.compile(r"\b(?:i(?:'d| would) (?:like|love|prefer)|i want|i'?ll take|i'?ll have|can i (?:get|have)|"
                     r"give me)(?: to (?:buy|order|get|have))?\s+"
                     r"(?:the|that|this|these|those|it|them|one|number|item|#?\d)\b", re.IGNORECASE)
# The list, or an item of it: "it", "these", "the second", "#2", "the 2nd", "the last one".
_REFERS = re.compile(
    r"\b(?:it|this|that|these|those|them|they|one|ones|all|both|either|neither|list|items?|picks?|"
    r"options?|choices?|suggestions?|first|second|third|fourth|fifth|last|former|latter|1st|2nd|3rd|[4-9]th)\b|"
    r"#?\b[1-9]\b|\bnot what\b|\bnone\b",
    re.IGNORECASE)
_QUESTION = re.compile(r"\?\s*$|^\s*(?:how|what|which|when|where|why|who|is|are|does|do|can|could|would|will|if)\b",
                       re.IGNORECASE)
_WORD = re.compile(r"[\w']+")
# What a question about a product's listing asks after: "does it need batteries?", "is it waterproof?".
_LISTING_ASPECT = re.compile(
    r"\bbatter|\bwaterproof|\bwater\b|\bwash|\bmade (?:of|from|out)|\bmaterial|\bpieces\b|\bpcs\b|\bhow many\b|"
    r"\bhow (?:big|large|small|tall|long|wide|heavy)\b|\bsize\b|\bdimensions?\b|\bweigh|\bfit\b|\bage\b|"
    r"\byears? old\b|\byr\b|\bassembl|\bput (?:it )?together\b|\binclud|\bcomes? with\b|\bin the box\b|\bwarrant|"
    r"\bcolou?rs?\b|\bsafe\b|\btoxic|\bbpa\b|\bremote\b|\bbluetooth\b|\blight up\b|\bsounds?\b|\brechargeable\b|"
    r"\bplastic\b|\bwood(?:en)?\b|\bmetal\b|\bcotton\b", re.IGNORECASE)


# A question about one shown item, asked of "the X", "it", "that one" or a position:
# "is the blue one available in XL", "does the kettle have auto shut off", "who wrote the last
# one", "how many pages is the third book". Not "do you have ...", "is there ...", "can you ...".
_ITEM = (r"(?:the|that|this|these|those|it|they|number|no\.?|#|option|item)\b")
_LEAD = r"^\s*(?:(?:hi|hey|ok|okay|so|and|also|quick question)\b[,!.:-]*\s*)*"
_ASKS_OF_ITEM = re.compile(rf"{_LEAD}(?:is|are|does|do|did|has|have|will|would|can|could|was) {_ITEM}", re.IGNORECASE)
_WH = re.compile(rf"{_LEAD}(?:how (?:many|much|long|big|tall|heavy|old)|what(?:'s| is)?|which|who|when|where)\b",
                 re.IGNORECASE)
_POSITION = re.compile(
    r"\b(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|[4-9]th|(?:number|no\.?|option|item|#) ?[1-9]|"
    r"(?:that|this) one)\b", re.IGNORECASE)
# Not something the shop finds: a person, the shopper's data or account, an order already placed.
_SERVICE = re.compile(r"\b(?:person|human|agent|someone|somebody|data|delete|forget|account|password|"
                      r"refund|return|cancel|track|complain)", re.IGNORECASE)
# Intents that a clear request or item question overrides: the classifier had no better reading.
UNSURE_READINGS = frozenset({"out_of_scope", "nlu_fallback", "deny"})


def read_message(text: str, intent: str) -> Reading:
    """How a message the classifier read as something other than a judgement should be acted
    on: a question about a shown item is answered from its listing (the classifier took "does
    the kettle have auto shut off" for a need), and a plain request the classifier could not
    place ("dog food for a senior lab", "no, I'd like red ones") is searched for. Everything
    else is taken as classified ("verdict"). Judgements go through `read_verdict`.

    >>> read_message("is the first lego set ok for a 5 year old", "ask_recommendation")
    'product_question'
    >>> read_message("do you have a lego set for a 5 year old", "ask_recommendation")
    'verdict'
    >>> read_message("no, I'd like red ones", "deny")
    'request'
    >>> read_message("i need to talk to a person", "nlu_fallback")
    'verdict'
    """
    if intent in JUDGING:
        raise ValueError("judgements are read by read_verdict")
    text = text.strip()
    item_question = not _NEED.search(text) and bool(
        _ASKS_OF_ITEM.search(text) or (_WH.search(text) and _POSITION.search(text)))
    if intent in ("ask_recommendation", *UNSURE_READINGS) and item_question:
        return "price_question" if _PRICE_QUESTION.search(text) else "product_question"
    if intent == "ask_product_question" and _NEED.search(text) and not _POSITION.search(text):
        return "request"  # "can you find one that's dishwasher safe": a new search, not a question
    if intent in UNSURE_READINGS and _NEED.search(text) and not _CHOICE.search(text) and not _SERVICE.search(text):
        return "request"
    return "verdict"


def read_verdict(text: str, intent: str, confidence: float) -> Reading:
    """How a message classified as `intent` with `confidence` should be acted on.

    >>> read_verdict("how much the first one costs?", "too_expensive", 0.93)
    'price_question'
    >>> read_verdict("too expensive", "too_expensive", 0.99)
    'verdict'
    >>> read_verdict("no, I'd like red shoes", "reject", 0.9)
    'request'
    >>> read_verdict("If I bought in bulk, can we get a discount?", "explanation_unhelpful", 0.95)
    'confirm'
    >>> read_verdict("does the first one need batteries?", "reject", 0.9)
    'product_question'
    """
    if intent not in JUDGING:
        return "verdict"
    text = text.strip()
    said_pricey = intent == "too_expensive" and bool(_PRICE_VERDICT.search(text))  # "too pricey", "cheaper"
    if _PRICE_QUESTION.search(text) and not said_pricey:
        return "price_question"
    if _QUESTION.search(text) and _LISTING_ASPECT.search(text) and not said_pricey and intent != "add_to_cart":
        return "product_question"  # answered from the listing, never stored as a verdict
    if _NEED.search(text) and not _CHOICE.search(text) and not said_pricey:
        return "request"  # "i want the second one" is a choice; "i want red ones instead" a need
    if confidence < SURE:
        return "confirm"
    if said_pricey:
        return "verdict"
    if _QUESTION.search(text) and intent != "add_to_cart":  # "can you add the 2nd to my cart?" asks for it
        return "confirm"
    if not _REFERS.search(text) and len(_WORD.findall(text)) > SHORT:
        return "confirm"
    return "verdict"
