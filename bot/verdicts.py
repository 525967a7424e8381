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
# "is the red one machine washable", "does the scooter have a brake", "how many pages is the
# third book". Not "do you have ...", "is there ...", "is it possible to ...", "can you ...".
_ITEM = r"(?:the|that|this|these|those|it|they|number|no\.? ?\d|#|option|item)\b"
_LEAD = r"^\s*(?:(?:hi|hey|ok|okay|so|and|also|quick question)\b[,!.:-]*\s*)*"
_ASKS_OF_ITEM = re.compile(
    rf"{_LEAD}(?:is|are|does|do|did|has|have|will|would|can|could|was) {_ITEM}"
    r"(?! (?:possible|be possible|all you|a real|an? (?:bot|robot|person|human))\b)", re.IGNORECASE)
_WH = re.compile(rf"{_LEAD}(?:how (?:many|much|long|big|tall|heavy|old)|what(?:'s| is)?|which|who|when|where)\b",
                 re.IGNORECASE)
# A position said as one: "the third", "the last one", "number 2", "option 3", "that one"; not
# "my son's first birthday", "a last minute gift", "a first-time photographer".
_POSITION = re.compile(
    r"\bthe (?:first|second|third|fourth|fifth|last|1st|2nd|3rd|[4-9]th)\b(?![- ](?:time|minute|birthday|christmas|"
    r"anniversary|day|date|week|year|order|purchase)\b)|\b(?:number|no\.?|option|item|#) ?[1-9]\b|\b(?:that|this) one\b",
    re.IGNORECASE)
# Not about a product: the shop, the chat, a person, the shopper's data, account or orders.
_SERVICE = re.compile(
    r"\b(?:(?:talk|speak|chat) (?:to|with)|human|real person|agent|manager|representative|customer (?:service|support)|"
    r"support|help|data|delete|erase|remove|forget|account|password|privacy|history|profile|unsubscribe|opt out|"
    r"information|info|details|address|refund|complain|my (?:order|delivery|parcel|package)|return (?:it|this|my)|"
    r"cancel (?:it|my|the order)|track (?:it|my)|store|shop|website|site|chat|bot)\b", re.IGNORECASE)
# "i need to go", "i want to think about it": a need for no product.
_NO_PRODUCT = re.compile(r"\b(?:need|want|like) to (?!(?:buy|get|find|order|see|try|look)\b)\w+|"
                         r"\b(?:anything|nothing) else\b|\bjust (?:looking|browsing)\b", re.IGNORECASE)
# A new search asked of the answering intent: "can you find one that's dishwasher safe",
# "show me ones that are cordless", "any in green?".
_SEARCH = re.compile(r"\bcan you (?:find|suggest|recommend|show)\b|\bshow me\b|\bgot any\b|\bany (?:in|with|that)\b|"
                     r"\b(?:something|anything|ones?) (?:with|without|that|in|for|more|less)\b", re.IGNORECASE)
# "it", "this", "that" pointing at an item; not the "that" of "one that's dishwasher safe".
_PRONOUN = re.compile(r"\b(?:it|its|this)\b|(?<!one )(?<!ones )(?<!thing )\bthat\b", re.IGNORECASE)
# What the shopper would need for an item: "do i need to buy batteries for the second one?".
_NEEDS_FOR_ITEM = re.compile(rf"{_LEAD}(?:do|will|would|should|must) (?:i|we) (?:need|have to|require)\b", re.IGNORECASE)
_THAT_ITEM = re.compile(r"\b(?:it|them|this one|that one)\b", re.IGNORECASE)  # not "this weekend"
# The classifier's best guesses after which a plain request may be taken as one.
REQUESTED_AFTER = frozenset({"out_of_scope", "ask_recommendation"})


def read_message(text: str, intent: str, runner_up: str | None = None) -> Reading:
    """How a message the classifier read as something other than a judgement should be acted
    on. `runner_up` is the classifier's best intent when `intent` is nlu_fallback.

    - A question about a shown item, read as a need or out of scope, is answered from the
      item's listing ("does the scooter have a brake", "who wrote the last one").
    - A plain request read as out of scope, or unsure between a request and out of scope, is
      searched for ("do you sell car tyres", "looking for bird seed").
    - A new search read as a product question ("can you find one that's dishwasher safe") is
      searched for, unless it names the item it asks about.
    - Everything else, `deny` above all (it answers "are you sure?"), is taken as classified
      ("verdict"). Judgements go through `read_verdict`.

    >>> read_message("is the first lego set ok for a 5 year old", "ask_recommendation")
    'product_question'
    >>> read_message("do i need to buy batteries for the second one?", "ask_recommendation")
    'product_question'
    >>> read_message("do you have a lego set for a 5 year old", "ask_recommendation")
    'verdict'
    >>> read_message("do you sell car tyres", "nlu_fallback", "out_of_scope")
    'request'
    >>> read_message("i need to talk to a person", "nlu_fallback", "ask_recommendation")
    'verdict'
    """
    if intent in JUDGING:
        raise ValueError("judgements are read by read_verdict")
    text = text.strip()
    unsure = intent == "out_of_scope" or (intent == "nlu_fallback" and runner_up in REQUESTED_AFTER)
    if _SERVICE.search(text):
        return "verdict"
    needs_for_item = bool(_NEEDS_FOR_ITEM.search(text) and (_POSITION.search(text) or _THAT_ITEM.search(text)))
    item_question = needs_for_item or (not _NEED.search(text) and bool(
        _ASKS_OF_ITEM.search(text) or (_WH.search(text) and _POSITION.search(text))))
    if item_question and (intent == "ask_recommendation" or unsure):
        return "price_question" if _PRICE_QUESTION.search(text) else "product_question"
    if (intent == "ask_product_question" and _SEARCH.search(text) and not _POSITION.search(text)
            and not _PRONOUN.search(text)):
        return "request"
    if unsure and _NEED.search(text) and not _CHOICE.search(text) and not _NO_PRODUCT.search(text):
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
