"""The facts a conversation states (`RequestFacts`): `parse_request` reads one message, `merge_facts` a conversation.

Budgets, ages and refusals are read by their own modules (`budgets`, `ages`, `exclusions`)."""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from recommender.ages import parse_age
from recommender.budgets import parse_budget, said_around
from recommender.exclusions import A_GREAT_DEAL, OR_ALONE, clean_exclusion, excluded_phrases, right_after_a_refusal
from recommender.facets import (
    ADULTHOOD,
    CHILD_WORDS,
    CHILDREN,
    NEUTRAL,
    NOT_FOR,
    SEX_TOLD,
    Recipient,
    one_sex,
    recipient,
    requested_colours,
    said_neutral,
    sex_by_pronouns,
)
from recommender.money import normalize_amounts
from recommender.words import STOPWORDS, join_initialisms, stem

_CHEAP = re.compile(r"\b(cheap|cheaper|inexpensive|affordable|budget[- ]friendly|low[- ]cost|bargain)\b", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z][a-z0-9'&-]*")


@dataclass(frozen=True)
class RequestFacts:
    """What the conversation states, derived from its text alone (no model)."""

    budget_min: float | None = None
    budget_max: float | None = None
    cheap: bool = False  # "cheap" without a number; the ranker turns it into a ceiling
    age: int | None = None  # age of the person the product is for
    age_range: tuple[int, int] | None = None
    exclusions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # content words, for matching and quoting in reasons
    recipient: Recipient | None = None  # who it is for, as audience groups ("for my wife": women)
    colours: frozenset[str] = frozenset()  # colours asked for ("a black t-shirt"), not those excluded
    # Budgets stated but not applied as written: ("negative", None), ("budget_max", 0.0), ("budget_min", 1e99),
    # ("currency:BTC", 0.5); ("converted:GBP", 20.0), a budget in another currency read in the store's.
    ignored: tuple[tuple[str, float | None], ...] = field(default=(), compare=False)
    # The amount said with "about" ("about $30") where the budget is guessed around it: the floor
    # (three quarters of it) is no limit the shopper set, so what was named below it is listed
    # rather than nothing, and a reason says only what was said ("within your $30 budget").
    around: float | None = None
    neutral: bool = False  # "gender neutral", "they're not finding out": neither sex alone (`facets.said_neutral`)

    @property
    def floor_guessed(self) -> bool:
        return self.around is not None

    @property
    def converted(self) -> tuple[str, float] | None:
        """The currency and amount of a budget in force that was written in another currency than the store's."""
        return next(((what.split(":", 1)[1], amount) for what, amount in self.ignored
                     if what.startswith("converted:") and amount is not None), None)

    @property
    def notes(self) -> list[str]:
        """The ignored budgets in words, for people reading the API's answers."""
        return [note_text(what, amount) for what, amount in self.ignored]


# Words that ask for a suggestion without saying what of: a request made only of these (and
# stopwords) says nothing about what is wanted, so a customer's history alone answers it.
_ASKING_ONLY = frozenset({
    "surprise", "next", "new", "got", "buy", "get", "idea", "ideas", "anything", "something", "else", "more",
    "recommend", "recommendation", "recommendations", "suggest", "suggestion", "suggestions", "again", "good",
    "nice", "cool", "like", "want", "need", "please", "thanks", "thank", "shop", "shopping", "pick", "picks",
    "today", "would", "could", "should", "stuff", "thing", "things", "item", "items", "product", "products",
    "interesting", "help", "hello", "hey",
})


def content_free(facts: RequestFacts) -> bool:
    """True when the request names nothing wanted ("anything for me?", "surprise me", "what should
    I buy next?", or no words at all), and is not for someone else: its budget may still apply."""
    own = facts.recipient is None or facts.recipient.said in ("me", "myself")
    return own and not ({stem(w) for w in facts.keywords} - {stem(w) for w in _ASKING_ONLY})


def note_text(what: str, amount: float | None) -> str:
    if what == "negative":
        return "ignored a negative budget"
    if what.startswith("currency:"):
        return f"ignored a budget of {amount:g} {what.split(':', 1)[1]}: it could not be read in the store's currency"
    if what.startswith("converted:"):
        return f"read a budget of {amount:g} {what.split(':', 1)[1]} in the store's currency"
    return f"ignored a {'maximum' if what == 'budget_max' else 'minimum'} budget of {amount:g}"


def ignored_entry(what: str, amount: float | None) -> dict[str, Any]:
    """A budget the request stated but the ranker did not apply, for programs:
    {"what": "budget_max" | "budget_min" | "negative" | "currency" | "converted", "amount", "currency"?}
    ("converted": a budget in another currency, `amount` as written, read in the store's money)."""
    entry: dict[str, Any] = {"what": what, "amount": amount if amount is None or math.isfinite(amount) else None}
    if what.startswith(("currency:", "converted:")):
        entry.update(what=what.split(":", 1)[0], currency=what.split(":", 1)[1])
    return entry


def parse_request(text: str, currency: str = "USD", rates: Mapping[str, float] | None = None) -> RequestFacts:
    """Parse one message (or several joined by newlines) into `RequestFacts`; `rates`: the store's
    own exchange rates (`money.budget_rates`)."""
    text = text[:5000]
    low, high, ignored = parse_budget(text, currency, rates)
    age, age_range = parse_age(text)
    # "they aren't finding out (the sex)": no "finding" refused (`facets.said_neutral`)
    excluded = excluded_phrases(_as_meant(join_initialisms(_THAT_IS.sub(",", NEUTRAL.sub(" ", text)))))
    exclusions = tuple(dict.fromkeys(e for raw, listed in excluded if (e := clean_exclusion(raw, listed))))
    if any(m.group("who").lower() in CHILDREN for m in NOT_FOR.finditer(text)):
        exclusions = tuple(dict.fromkeys(exclusions + CHILD_WORDS))  # "nothing for kids"
    keywords = tuple(dict.fromkeys(
        w for w in (stem(t) for t in _TOKEN.findall(normalize_amounts(text, currency)[0].lower()))
        if w not in STOPWORDS and len(w) > 2 and not any(c.isdigit() for c in w) and not any(w in e.split() for e in exclusions)))
    return RequestFacts(low, high, bool(_CHEAP.search(text)) and high is None, age, age_range,
                        exclusions, keywords, recipient(text), requested_colours(text, exclusions),
                        tuple(ignored), around=said_around(text, low, high), neutral=said_neutral(text))


# A later turn that only corrects the amount ("under 20", then "no wait, 25"): read as a ceiling
# by `parse_budget`, so its currency is checked as any budget's is.
_AMOUNT_CORRECTED = re.compile(r"^\s*(?:(?:no|wait|sorry|oops|actually|hmm|i\s+mean|make\s+(?:that|it))[\s,.!]+)+"
                               r"(?P<amount>[$£€¤]?\s*\d{1,5}(?:\.\d{1,2})?\s*(?:dollars?|bucks?|quid|pounds?|euros?)?)\s*[.!]*\s*$",
                               re.IGNORECASE)


_TOO = re.compile(r"\b(?:too|also|as\s+well)\b", re.IGNORECASE)
# A bare "around 50" closing a message or a sentence: a price where the recipient's age is said and is another
# number ("my 11yo girl ... around 50"); alone it may answer "how old?" ("around 10"), so it is
# no budget there. Only as a clause of its own that ends a sentence ("..., around 50", "around 20. he ..."), never of
# something else ("her cousin who's around 6", "there'll be about 12", "sets around 500"), and
# between 5 and 499 ("a puzzle for my 12 year old, around 1000" counts pieces). A bare "30ish" is read the same
# ("son's 1st birthday - a stacking toy, 30ish"; never "a 40ish woman", "aged 5, 7ish" or "aged 8, 12ish").
_BARE_ABOUT = re.compile(r"(?:^|[,.;!?]\s*|\s[-–—]\s*)(?:(?:around|about|roughly|approx(?:imately|\.)?|~)\s*(\d{1,3})"
                         r"(?:\s*-?\s*ish)?|(\d{1,3})\s*-?\s*ish)\s*"
                         r"(?:please|pls|thanks|thx|or\s+so)?\s*(?:[.!?)]+\s|[.!?)]*\s*$)", re.IGNORECASE)


def _bare_about(turn: str) -> re.Match[str] | None:
    """The first bare "around 50" of `turn` that is no count of what is had ("has a lot of hot
    wheels, around 150")."""
    for m in _BARE_ABOUT.finditer(turn):
        clause = turn[max(turn.rfind(c, 0, m.start()) for c in ",.;!?") + 1:m.start()]
        if m.group(2) and (int(m.group(2)) < 10 or clause.rstrip()[-1:].isdigit()):
            continue  # "aged 5, 7ish", "ages 8, 12ish": ages listed
        if not _HAD.search(clause):
            return m
    return None


_HAD = re.compile(r"\b(?:collects?|collecting)\b|\b(?:has|have|had|got|owns?)\s+(?:(?:" + A_GREAT_DEAL
                  + r"|a\s+(?:huge\s+|big\s+)?collection)\b|already\b|like\s+\d|\d)", re.IGNORECASE)


def merge_facts(turns: list[str], currency: str = "USD", rates: Mapping[str, float] | None = None) -> RequestFacts:
    """Facts of a whole conversation: later turns override budgets, ages, the recipient and the
    colours they state; exclusions add up."""
    merged = RequestFacts()
    for turn in turns:
        f = parse_request(turn, currency, rates)
        if merged.exclusions and (more := OR_ALONE.match(turn)) and (also := clean_exclusion(more.group(1))):
            f = replace(f, exclusions=tuple(dict.fromkeys((*f.exclusions, also))))  # "not lego", then "or star wars"
        if merged.budget_max is not None and f.budget_max is None and f.budget_min is None and (
                fixed := _AMOUNT_CORRECTED.match(turn)):  # "make it 20", then "no wait, 25"
            _, high, ignored = parse_budget(f"under {fixed.group('amount')}", currency, rates)
            f = replace(f, budget_max=high, ignored=tuple(dict.fromkeys(f.ignored + tuple(ignored))))
        new_budget = f.budget_min is not None or f.budget_max is not None
        who = f.recipient
        if who is not None and who.pronoun_only and merged.recipient is not None and who.same_person(merged.recipient):
            who = merged.recipient  # "now a raincoat for her": the daughter named before
        # "she's a girl", of the one whose age alone was said ("my 8yo"), is that one
        new_person = (who is not None and who is not merged.recipient
                      and not (who.pronoun_only and merged.recipient is None and merged.age is not None))
        if new_person and who is not None and merged.recipient is not None and not who.pronoun_only and _TOO.search(turn):
            who = who.joined(merged.recipient)  # "for my friend's kid, she's 7", then "her brother too"
        excluded = {w for e in f.exclusions for w in e.split()}
        merged = RequestFacts(
            budget_min=f.budget_min if new_budget else merged.budget_min,
            budget_max=f.budget_max if new_budget else merged.budget_max,
            cheap=f.cheap or (merged.cheap and not new_budget),
            # A new person without an age does not inherit the last one's ("my 16 year old son",
            # then "a dress for my daughter").
            age=f.age if f.age is not None else (None if new_person else merged.age),
            age_range=f.age_range if f.age_range is not None else (None if new_person else merged.age_range),
            exclusions=tuple(dict.fromkeys(merged.exclusions + f.exclusions)),
            keywords=tuple(dict.fromkeys(merged.keywords + f.keywords)),
            recipient=who or merged.recipient,
            colours=f.colours or frozenset(c for c in merged.colours if c not in excluded),
            # A budget applied later supersedes what earlier turns could not apply; what this
            # turn could not apply is said even while an earlier budget stays in force.
            ignored=f.ignored if new_budget else merged.ignored + f.ignored,
            around=f.around if new_budget else merged.around,
            # "they're not finding out", then "update: it's a girl!" or "for my niece": no longer neutral
            neutral=f.neutral or (merged.neutral and not SEX_TOLD.search(turn)
                                  and not (f.recipient is not None and one_sex(f.recipient.groups(f.age)))),
        )
    if merged.budget_min is None and merged.budget_max is None and merged.age is not None:
        for turn in turns:
            amount = int(bare.group(1) or bare.group(2)) if (bare := _bare_about(turn)) else 0
            if 5 <= amount < 500 and amount != merged.age:
                low, high, _ = parse_budget(f"about ¤{amount}", currency)  # in the store's money
                merged = replace(merged, budget_min=low, budget_max=high, around=float(amount) if low is not None else None)
    if merged.recipient is None and merged.age is not None:  # "a puzzle for a 10 year old": either sex
        merged = replace(merged, recipient=Recipient(frozenset({"boys", "girls"}), ADULTHOOD, f"{merged.age} year old"))
    who = merged.recipient
    if (who is not None and ({"boys", "girls"} <= who.child or {"men", "women"} <= who.adult)
            and (sex := sex_by_pronouns(turns, who.said))):
        # "my 10 year old", then "she's really into experiments": a girl; "a coworker", then "she likes cats"
        other = {"boys", "men"} if sex == "she" else {"girls", "women"}
        merged = replace(merged, recipient=replace(who, child=who.child - other, adult=who.adult - other))
    return merged


# Chat spellings of the words that refuse, a word said over and over ("she hates hates hates
# dolls", "no no no lego") and "arts and crafts" (one thing, both words excluded): `_as_meant`.
_CHAT_SPELLINGS = {"nothin": "nothing", "nuthin": "nothing", "nothign": "nothing", "nothng": "nothing",
                   "anythng": "anything", "anythin": "anything", "anyting": "anything", "anythign": "anything"}
_CHAT_SPELLING = re.compile(r"\b(" + "|".join(_CHAT_SPELLINGS) + r")['’]?(?=\s)", re.IGNORECASE)
_SAID_AGAIN = re.compile(r"\b([a-z]+)(?:\s+\1\b)+", re.IGNORECASE)
_ARTS_AND_CRAFTS = re.compile(r"\b(arts?)\s*(?:and|&|n['’]?)\s*(crafts?)\b", re.IGNORECASE)


# "not pokemon, yugioh or any of those trading card ones": the trading cards.
_ANY_OF_THOSE = re.compile(r"\bany\s+of\s+(?:those|these|the|them)\s+([a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)\s+"
                           r"(?:ones|things|stuff|types|kinds|sorts)\b|"
                           r"(?<=\bor\s)any\s+(?:kind|sort|type)\s+of\s+", re.IGNORECASE)  # "... or any kind of weapon"
# "anything except cats - and that includes big cats, lions, tigers": more of what was refused.
_THAT_INCLUDES = re.compile(r"\b(?:and\s+)?(?:that|this)\s+(?:includes|goes\s+for|counts\s+for)\s+(?:the\s+)?",
                            re.IGNORECASE)

# "scared of bears - teddies included": more of what was refused, said after it.
_SO_IS = re.compile(r"(?<=[\w)])\s*(?:\s[-–—]|[,(;])\s*(?!(?:batteries|battery|instructions|charger|cables?|shipping|"
                    r"delivery|tax|gift\s+wrap(?:ping)?|accessories|everything|all)\s+included\b)"
                    r"((?:[a-z][\w'’-]*\s+){0,2}[a-z][\w'’-]*)\s+included\b"
                    r"(?!\s+(?:would|ideally|please|pls|preferred|if|is\s+a\s+(?:must|plus)|are\s+a\s+(?:must|plus)|"
                    r"would\s+be|is\s+fine|are\s+fine|ok|okay)\b)", re.IGNORECASE)


# "offended by 'baby stuff'", "no \"educational\" toys": a few words in quotes, read as the words.
_QUOTED = re.compile(r"(?<![\w'‘’])['‘\"“](?=\w)([^'‘’\"“”\n]{1,40}?)(?<=\w)([.!?]?)['’\"”](?![\w'’])")


def _as_meant(text: str) -> str:
    """`text` with chat spellings of refusing words spelt out, quotes around a few words left out,
    a word said over and over said once, "arts and crafts" as two things ("no arts and crafts"
    leaves out both), "any of those X ones" as X, and "that includes ..." after a refusal as a
    refusal of those too."""
    text = _CHAT_SPELLING.sub(lambda m: _CHAT_SPELLINGS[m.group(1).lower()], text)
    text = _QUOTED.sub(r"\1\2", text)  # "declared herself 'done with princesses.'": its full stop kept
    text = _ANY_OF_THOSE.sub(lambda m: m.group(1) or "", text)
    text = _THAT_INCLUDES.sub(lambda m: " and except " if right_after_a_refusal(m.string, m.start()) else m.group(), text)
    text = _SO_IS.sub(lambda m: f" and except {m.group(1)}" if right_after_a_refusal(m.string, m.start()) else m.group(), text)
    return _ARTS_AND_CRAFTS.sub(r"\1/\2", _SAID_AGAIN.sub(r"\1", text))
# "i.e." and "e.g." introduce what was excluded: read as a comma, never joined into "ie" and "eg".
_THAT_IS = re.compile(r"\b(?:i\.\s?e|e\.\s?g)\.", re.IGNORECASE)
