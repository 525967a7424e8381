"""What the shopper named: the focus of a request.

"show me a lego set under $50" names LEGO and a set; "crayons or markers" names either;
"a gift for my nephew who loves science" names science. The list must be made of such
products whenever the catalog holds enough of them within the hard constraints.

The request is cut into clauses at words that start a new thought ("for", "who", "under",
"not", ...) and at sentence marks; clauses led by "for" or "to" say what the product is for
("for work", "for my nephew") and are left out, except after "looking", "shopping" and the
like ("looking for a kite"). The *focus* is the first remaining clause
that names something this catalog's products are called (a word of some title, brand or category): its words joined by
"or", "and", "&", "/" or a comma are alternatives (and so are the items of a list after a dash
or colon: "military toys - tanks, soldiers"), and the words of one alternative are all
required ("remote control car"). Words the shopper named that no listing holds at all are
`missing` ("nerf" in a store without Nerf), said to the shopper rather than matched to
something else; a misspelling close to a catalog word is read as that word ("legoo"). A thing
asked for that a few listings mention but no product is called ("a xylophone", where a set's
bullets list one) is `unnamed`, and said too; a word left beside a missing one that listings
use to describe ("run" in "marble run") names nothing.

A word is matched as the catalog writes it: "hot-wheels" and "hotwheels" both as hot + wheels
when the names say "Hot Wheels", "play doh" and "playdoh" as "Play-Doh"; a word the catalog
writes both ways ("Stormtrooper" and "Storm Trooper", "Dragon Ball" and "Dragonball") matches
either.

Which products hold the focus is `targeting`'s.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

import numpy as np

from recommender.ages import ages_in_digits
from recommender.clauses import (
    ACCESSORIES_OF,
    AFTER_AMOUNT,
    ALREADY_HAD,
    ALTERNATIVES,
    ARTICLE_AFTER_OR,
    ASKED_OF_IT,
    BEFORE_LIST,
    BIRTHDAY_PARTY,
    CALLED_OTHERWISE,
    DRESS_UP_AS,
    FILLER_LIKE,
    FRESH,
    GAME_NIGHT,
    GOING_OUT,
    GREETINGS,
    HOW_MUCH_THEY_HAVE,
    INTENSIFIER,
    KEEP_BUSY,
    LIKING,
    MORE_OF,
    NOT_NAMES,
    NTH_BIRTHDAY,
    OCCASIONS,
    ON_A_JOURNEY,
    PARTS,
    PARTY_BAG,
    PEOPLE,
    PER_UNIT,
    PERSONS_NAME,
    PRONOUNS,
    REFUSAL_MARK,
    SAID_OF_THEM,
    STOCKING_GIFT,
    THE_KIND,
    VERBS_OF_IT,
    WHERE_THEY_ARE,
    cut_clauses,
    listed_alternatives,
    names_anything,
    question_then_list,
    without_chat,
)
from recommender.exclusions import clean_exclusion, excluded_phrases
from recommender.facets import PERSON_WORDS
from recommender.franchises import known_name, lines_of, owns_lines, with_lines
from recommender.lexical import (
    MEASURE,
    MEASURE_RANGE,
    LexicalIndex,
    bounds,
    measure_words,
    measures,
    numbered_names,
    refused_counts,
    word_tokens,
)
from recommender.matching import LETTERS
from recommender.money import normalize_amounts
from recommender.refusing import REFUSED_BY_PRONOUN, TAKEN_BACK, without_refusals
from recommender.spellings import (
    chat_typo,
    in_a_name,
    joined_names,
    joined_with_next,
    name_terms,
    named_otherwise,
    named_together,
    particles_joined,
    pet_form,
    said_otherwise,
    spelt_otherwise,
    split_joined,
    written_in_names,
)
from recommender.targeting import DESCRIBES, MAX_NAME_SHARE, RARE_IN_LISTINGS, Focus, holding_all, kind_at, on_target
from recommender.words import STOPWORDS, join_initialisms, phrase_pattern, phrase_words, without_phrases


def find_focus(turns: list[str] | tuple[str, ...], index: LexicalIndex, exclusions: tuple[str, ...] = ()) -> Focus:
    """The focus of the latest turn that names anything. A later turn that only narrows ("under
    $30", "for my son") keeps an earlier turn's focus; one that asks anew ("something for the
    family") does not."""
    # A purpose ("something to pack my kid's lunch in") names the product only when no turn names
    # anything else: "a halloween costume", then "under 15, she'll wear it for like one night" is
    # still a costume.
    return _latest_focus(turns, index, exclusions, purposes=False) or _latest_focus(turns, index, exclusions)


def _latest_focus(turns: list[str] | tuple[str, ...], index: LexicalIndex, exclusions: tuple[str, ...],
                  purposes: bool = True) -> Focus:
    only_unnamed: Focus | None = None  # "does it come with a mallet?": an earlier request's focus still holds
    counted: list[tuple[str, str]] = []  # "puzzles", then "1000 pieces": a later count is asked of them
    refusing: Focus | None = None  # what a later turn that refuses names, where no earlier turn names anything
    refusing_first = False  # ... found before any `only_unnamed` (which then comes from an earlier turn)
    for n, turn in enumerate(reversed(turns)):
        focus = _turn_focus(turn[:2000], index, exclusions, purposes)
        if focus.alternatives and _only_verbs(turn, focus) and refusing_turn(turn, exclusions):
            focus = Focus()  # "no stickers, they stick them on everything": no stick is asked for
        if (focus.in_listings or (focus.unnamed and not focus.alternatives)) and not FRESH.search(turn):
            only_unnamed = focus if only_unnamed is None else only_unnamed
            continue
        if (n < len(turns) - 1 and focus.alternatives and not FRESH.search(turn)
                and _only_describes(focus, index) and not set(focus.terms) & focus.properties):
            # a later turn's words that listings only use to describe, and that say nothing of how
            # the thing is, name no new thing: "plush, under $15", then "not a dog please - we just
            # lost ours and it'd be too sad" ("make it a soft toy" says how it is)
            only_unnamed = focus if only_unnamed is None else only_unnamed
            continue
        if (n < len(turns) - 1 and (focus.alternatives or focus.missing) and not FRESH.search(turn)
                and (_says_why(turn, focus, exclusions) or _said_of_them(turn, focus))):
            # a later turn that refuses keeps what was asked before where what it names is said of
            # the people or inside the refusal ("no funko pops, he thinks they're ugly", "nothing
            # with chemicals, we've got a curious toddler in the house"); "no star wars, ninjago" or
            # "..., he wants ninjago" asks anew; and so does one that names it only in a clause said
            # of the people, wishing nothing: "a skateboard", then "he's a beginner so nothing crazy
            # expensive"; "board games", then "keep it below fifty, I just bought plane tickets"
            if refusing is None:
                refusing, refusing_first = focus, only_unnamed is None
            _count_later(turn, counted)  # "no disney, 1000 pieces, ...": the count is still asked of the puzzle
            continue
        if focus.alternatives or focus.missing or FRESH.search(turn):
            if refusing is not None and not (focus.alternatives or focus.missing):
                return refusing  # "something for my son", then "no slime, his things go in the garden": the garden
            return _counted(focus, counted)  # "something for the family" starts afresh: the old focus is not carried
        _count_later(turn, counted)
    if refusing is not None and (only_unnamed is None or not refusing_first):
        return refusing  # an earlier turn's thing that listings only mention ("a xylophone") comes first
    return Focus() if only_unnamed is None else only_unnamed


_WHO_REFUSES = re.compile(r"\b(?:his|her|their|my|our|the)\s+([a-z]+)(?:['’]s)?\s*(?=;\s" + REFUSAL_MARK + ")", re.IGNORECASE)
_REFUSERS = PERSON_WORDS | frozenset({"school", "teacher", "teachers", "nursery", "daycare", "landlord", "church", "club", "coach",
                                      "doctor", "dentist", "therapist", "boss", "office", "work", "parents", "family", "household"})
_POSSESSIVES = frozenset({"my", "our", "his", "her", "their", "your"})
_SAID_OF_AGE = frozenset({"is", "s", "was", "turns", "turned", "just"})  # "our baby is 9 months": all that is said
# A clause of a later turn said of the people: a subject first ("he thinks they're ugly", "we've got
# a toddler in the house", "my carpets can't take it"), no wish in it ("he wants ninjago")
_CLAUSE_BREAK = re.compile(r"[,.;:!?()]|\s[-–—]+\s|\s(?=(?:so|but|because|cause|since)\s)", re.IGNORECASE)
_SUBJECT_FIRST = re.compile(r"^\W*(?:(?:and|but|so|because|cause|since|as|though|tho|plus|also|oh|lol|haha|honestly|actually|well|"
                            r"just|ok|okay|um|hmm|ugh|anyway)\s+)*(?:(?:way\s+)?too\s+(?:much|many)\b|"
                            r"(?:he|she|they|we|i|it|his|her|their|our|my|there|you|hes|shes|theyre|were|im)(?:['’][a-z]+)?\b)",
                            re.IGNORECASE)
# Words by which a clause said of the people still asks for what it names: "actually I'm thinking a
# kite", "he needs new cleats", "she's been asking for a drone", "he's a huge dinosaur fan", "he
# enjoys puzzles", "he plays the violin".
_ASKS_ANEW = re.compile(r"\b(?:actually|now|instead|maybe|think|thinking|thought|needs?|need(?:ed)?|asking|asked|after|"
                        r"getting|get|buying|buy|fan|fans|collects?|collecting|adores?|enjoys?|plays?|playing|"
                        r"how\s+about|what\s+about|would\s+work|would\s+do)\b", re.IGNORECASE)
_IT_FIRST = re.compile(r"^\W*(?:[a-z]+\s+)*?(?:it|there|you)(?:['’][a-z]+)?\b", re.IGNORECASE)  # "it's paper plates lol"
_WISH = re.compile(r"\b(?:favou?rites?|wants?(?!\s+to\s+(?!get|buy|have|try)\w)|wish(?:es)?|would\s+(?:like|love|be)|['’]d\s+(?:like|love)|"
                   r"obsessed|loves?|likes?|into|prefers?|please|pls|perfect|instead|rather)\b", re.IGNORECASE)


_A_SUBJECT_BEFORE = re.compile(r"\b(?:he|she|they|we|i|you)\s+(?:\w+ly\s+|just\s+|always\s+|still\s+)?$", re.IGNORECASE)


def _only_verbs(turn: str, focus: Focus) -> bool:
    """Whether every word `focus` names is said in `turn` only right after a subject, as its verb
    ("they stick them on everything")."""
    words = focus.phrase.split()
    return bool(words) and all(
        (found := list(re.finditer(rf"(?<![\w'’-]){re.escape(w)}(?![\w'’-])", turn, re.IGNORECASE)))
        and all(_A_SUBJECT_BEFORE.search(turn[:m.start()]) for m in found) for w in words)


@lru_cache(maxsize=1024)  # each turn is asked twice or more (`find_focus` reads the turns twice)
def _refuses(text: str) -> bool:
    """Whether `text` refuses something by its own words (`exclusions.excluded_phrases`)."""
    return any(clean_exclusion(w) for w, _ in excluded_phrases(text))


def refusing_turn(turn: str, exclusions: tuple[str, ...]) -> bool:
    """Whether `turn` refuses something, by its own words or saying a thing the conversation refuses."""
    return _refuses(turn) or any(phrase_pattern(e).search(turn) for e in exclusions)


def _says_why(turn: str, focus: Focus, exclusions: tuple[str, ...]) -> bool:
    """Whether `turn` refuses something (by its own words, or saying a thing the conversation
    refuses) and names `focus` only in the refusal or in a clause said of the people, so naming
    nothing wanted."""
    if not refusing_turn(turn, exclusions):
        return False
    clause = _clause_naming(turn, focus)
    return clause is not None and (_refuses(clause) or (bool(_SUBJECT_FIRST.search(clause)) and not _WISH.search(clause)))


def _said_of_them(turn: str, focus: Focus) -> bool:
    """Whether `turn` names `focus` only in a clause said of the people that wishes nothing and
    asks nothing ("he's a beginner so ...", "she's made that very clear")."""
    clause = _clause_naming(turn, focus)
    return (clause is not None and bool(_SUBJECT_FIRST.search(clause)) and not _IT_FIRST.search(clause)
            and not _WISH.search(clause) and "?" not in turn
            and not _ASKS_ANEW.search(clause))  # "actually I'm thinking a kite", "he needs new cleats"


def _clause_naming(turn: str, focus: Focus) -> str | None:
    """The clause of `turn` that holds the first word `focus` names, or None where none does."""
    counts = {w for m in focus.measures for w in measure_words(m).split()}  # "1000 piece" is said of the thing
    first = next((w for w in focus.phrase.split() if w not in counts and not w[0].isdigit()), "")
    if not first and focus.missing and not focus.alternatives:
        first = focus.missing[0]  # a word no listing holds
    if not (at := re.search(rf"(?<![\w'’-]){re.escape(first)}(?![\w'’-])", turn, re.IGNORECASE)):
        return None
    breaks = list(_CLAUSE_BREAK.finditer(turn))
    start = max((m.end() for m in breaks if m.end() <= at.start()), default=0)
    end = min((m.start() for m in breaks if m.start() >= at.end()), default=len(turn))
    return turn[start:end]


# Units a later turn states of the thing named ("1000 pieces"); a size may be of anything ("our
# yard is 20 ft wide"), and "nothing over 500 pieces" reads as more than 500.
_COUNTED_LATER = frozenset({"piece", "pack", "count"})


def _count_later(turn: str, counted: list[tuple[str, str]]) -> None:
    """Put the counts `turn` states in front of `counted` (turns are read latest first, so the
    latest count of a unit wins: "500 pieces", then "1000 pieces")."""
    said = {u for _, u in counted}
    counted[:0] = [m for m in measures(normalize_amounts(turn[:2000], "USD")[0])
                   if m[1] in _COUNTED_LATER and m[1] not in said and not m[0].startswith(">")]


def _counted(focus: Focus, later: list[tuple[str, str]]) -> Focus:
    """`focus` with the counts and sizes said in later turns that name nothing else, in place of
    its own of the same unit ("1000 pieces" after "500 piece puzzles")."""
    if not later or not focus.alternatives:
        return focus
    units = {u for _, u in later}
    stated = tuple(dict.fromkeys([*(m for m in focus.measures if m[1] not in units), *later]))
    phrase = focus.phrase
    for m in focus.measures:
        if m[1] in units:
            phrase = phrase.replace(measure_words(m), "", 1)
    return replace(focus, measures=stated, phrase=" ".join([*map(measure_words, later), *phrase.split()]))


# "lol surprise dolls": L.O.L. Surprise!, never a laugh ("lol that's funny").
_LOL_SURPRISE = re.compile(r"\blol\s+sur?prise\b(?!\s+(?:me|us|him|her|them)\b)", re.IGNORECASE)


def _turn_focus(text: str, index: LexicalIndex, exclusions: tuple[str, ...], purposes: bool = True) -> Focus:
    if taken_back := list(TAKEN_BACK.finditer(text)):
        text = text[taken_back[-1].end():]  # "a telescope, wait no scrap that, a chess set": the chess set
    text = _LOL_SURPRISE.sub("L.O.L. Surprise", text)
    spelled = {w.lower() for w in re.findall(r"\S+", join_initialisms(text))} - {w.lower() for w in re.findall(r"\S+", text)}
    text = normalize_amounts(join_initialisms(text), "USD")[0]  # "twenty five dollars" is a price, never a name
    text = NTH_BIRTHDAY.sub(" ", ages_in_digits(text))  # "he is five", "her sixth birthday": an age, never a name
    text = PER_UNIT.sub(r"\1", AFTER_AMOUNT.sub(r"\1\2", text))  # "25 tops", "10 a pack": a ceiling, never a top or pack
    text = LIKING.sub(lambda m: ", a " if m.group().lower().endswith(("crazy", "mad")) else " ", text)
    text = DRESS_UP_AS.sub(r"\1 costume", text)
    for otherwise, as_listed in CALLED_OTHERWISE:
        text = otherwise.sub(as_listed, text)  # "some fancy dress for my husband's work do": a costume
    text = FILLER_LIKE.sub(r"\1", text)  # "she'll wear it for like one night": a purpose still
    text = PERSONS_NAME.sub(lambda m: m.group(0)[:m.start(1) - m.start(0)], text)
    text = HOW_MUCH_THEY_HAVE.sub(r"\1", text)  # "enough lego to sink a ship": no ship
    text = REFUSED_BY_PRONOUN.sub(" ", text)  # "he's grown out of them": what was named before (`stages`)
    text = BIRTHDAY_PARTY.sub(" ", without_chat(text))
    text = SAID_OF_THEM.sub(lambda m: m.group() if any(index.in_listings(t) for t in word_tokens(m.group(1)))
                             else " ", text)
    # "skip the nerf", "can't stand board games": no Skip Hop, no stand; and what follows a verb of
    # refusing in its clause is about the refusal ("we've banned slime in this house after the
    # carpet incident. any craft kits?" names craft kits, no house or carpet).
    text = without_refusals(text, f"; {REFUSAL_MARK} ")
    # who refuses is no name: "his school banned blasters", "her mum won't allow slime"
    text = _WHO_REFUSES.sub(lambda m: " " if m.group(1).lower() in _REFUSERS else m.group(0), text)
    if not MORE_OF.search(text):  # "theres like 30 on that backpack already": what they have, not what is wanted
        text = "".join(" " if ALREADY_HAD.search(part) else part for part in PARTS.split(text))
    text = STOCKING_GIFT.sub(" gift ", text)
    # a purpose: named only where nothing else is ("a coloring book for the plane ride" is a coloring book)
    text = KEEP_BUSY.sub(" ", ON_A_JOURNEY.sub(" for travel ", text))
    text = GOING_OUT.sub(", ", text)
    text = PARTY_BAG.sub(" party favor ", text)
    text = GAME_NIGHT.sub(" games ", text)
    text = INTENSIFIER.sub("", text)
    text = THE_KIND.sub(lambda m: " " if _describes(m.group(1), index) else m.group(), text)
    # A bound on a count or size ("100 pieces or less", "at least 18 inches") is asked of the
    # thing named, in whichever clause it is said.
    found = bounds(text)
    found = sorted(found + refused_counts(text, [span for _, span in found]), key=lambda f: f[1])  # "not the big one with 1000 pieces": fewer
    bounded = tuple(dict.fromkeys(m for m, _ in found))
    for _, (start, end) in reversed(found):
        text = f"{text[:start]} {text[end:]}"
    # What is excluded is not named: a one-word exclusion's word never is ("lego-free building
    # toys"), a phrase's words only together ("a doll, anything except a baby doll" names dolls).
    phrases = [{t for w in name.split() for t in word_tokens(w)} for e in exclusions for name in with_lines(e)]
    # where said together, a phrase names nothing ("board games, not card games"; "play-doh")
    text = without_phrases(text, [e for e in exclusions if len(phrase_words(e)) > 1])
    excluded = {t for ph in phrases if len(ph) == 1 for t in ph}
    numbered_out = {t for e in exclusions for _, t in numbered_names(e)}  # "inline skates that aren't K2"
    text = WHERE_THEY_ARE.sub(" ", text)  # "I'm in Australia but ordering for her in the US": no name
    # "big puzzles ... looking for a 1000 piece one": a count in a clause that names nothing
    # else is asked of the thing named.
    liked: list[str] = []  # clauses of what someone likes or wants
    sought: list[str] = []  # clauses after "want to get him", "need to find": what is asked for
    text = particles_joined(text, index)  # "wind up toys": "Wind-Up"; read where the verb's subject is still said
    clauses = cut_clauses(question_then_list(text), liked=liked, sought=sought)
    proposed = [c for c in clauses if _PROPOSED.search(c)]  # "... loves birds. A jigsaw puzzle would be nice"
    sought += proposed
    # ... and so is one said after a comma that ends a purpose ("puzzles for adults, 1000 pieces")
    asides = [part for c in cut_clauses(text, purposes=True) for part in c.split(",")[1:]]
    elsewhere = tuple(dict.fromkeys(m for c in [*clauses, *asides] if not names_anything(c) for m in measures(c)))
    described: Focus | None = None  # a clause that only describes, kept while a later one may name the thing
    passed: Focus | None = None  # a clause said before the one sought, kept while that may name nothing
    unknown: Focus | None = None  # a clause naming only what no listing holds, kept likewise
    accessories_of = frozenset(t for m in ACCESSORIES_OF.finditer(text)
                               if (w := m.group(1) or m.group(2)).lower() not in STOPWORDS for t in word_tokens(w))
    for n, clause in enumerate([*clauses, *(cut_clauses(text, purposes=True) if purposes else [])]):
        original = clause
        if clause.startswith(REFUSAL_MARK):  # what a refusal refuses, to the next comma
            clause = clause.partition(",")[2].strip()
            if not clause:
                continue
        purpose = n >= len(clauses)  # "something to pack my kid's lunch in": only when nothing else names
        # A count or size of this clause ("500 piece jigsaw") is asked of the thing it names;
        # one in a purpose clause ("a board game for 4 players") is not. Its words are no name.
        stated = tuple(dict.fromkeys(measures(clause)))
        clause = MEASURE_RANGE.sub(lambda m: " " if measures(m.group()) else m.group(), clause)
        clause = MEASURE.sub(lambda m: " " if measures(m.group()) else m.group(), clause)
        alternatives: list[tuple[str, ...]] = []
        typed: list[str] = []
        missing: list[str] = []
        unnamed: list[str] = []
        corrected: list[tuple[str, str]] = []
        clause = joined_names(listed_alternatives(ASKED_OF_IT.sub(" ", clause)), index)
        for part in ALTERNATIVES.split(clause):
            required: list[str] = []
            missed, said_before = len(missing), len(typed)
            not_called: list[int] = []  # words no name holds ("xylophone"), by position
            called: set[int] = set()  # words that name something, by position
            spelt: list[tuple[tuple[str, ...], tuple[str, ...]]] = []  # (tokens, as the catalog also writes them)
            numbered = [(m, t) for m, t in numbered_names(part)  # "Step2", "4M", "PS4": as the titles write them
                        if t not in numbered_out and 0 < index.name_df(t) <= MAX_NAME_SHARE * index.size]
            required.extend(t for _, t in numbered)
            typed.extend(m.group() for m, _ in numbered)
            for m, _ in reversed(numbered):
                part = f"{part[:m.start()]} {part[m.end():]}"  # not also read as "Step" or "PS"
            words = list(LETTERS.finditer(part))
            joined_to: set[int] = set()  # words read with the one before ("frog" of "leap frog")
            for j, m in enumerate(words):
                if j in joined_to:
                    continue
                word = m.group()
                lower = word.lower()
                toks = [t for t in word_tokens(word) if lower in spelled or t not in STOPWORDS and t not in NOT_NAMES
                        and lower.removesuffix("'s") not in NOT_NAMES]  # "hubby's": its stem is "hubbi"
                if (lower in PEOPLE and j > 0 and words[j - 1].group().lower() in _POSSESSIVES
                        and not (j + 1 < len(words) and (words[j + 1].group().lower() in _SAID_OF_AGE
                                                         or named_together(lower, words[j + 1].group(), index)
                                                         or known_name(f"{lower} {words[j + 1].group().lower()}")))):
                    continue  # "my toddler loves peppa pig": the person ("our toddler is 18 months" may name toddlers)
                if (j + 1 < len(words) and words[j + 1].group().lower() in PEOPLE
                        and not named_together(lower, words[j + 1].group(), index)):
                    continue  # "a curious kid", "my sporty nephew": it describes the person ("Glitter Girls" aside)
                if (j + 1 < len(words) and words[j + 1].group().lower() in ("it", "them")
                        and (lower.endswith(("s", "ed")) and not lower.endswith("ss") or lower in VERBS_OF_IT)):
                    continue  # "my 3yo watches it enough": a verb, no watch ("a drone it needs a camera": a drone)
                if lower in GREETINGS and j + 1 < len(words) and named_together(lower, words[j + 1].group(), index):
                    toks = list(word_tokens(word))  # "hello kitty" is no greeting
                elif lower in NOT_NAMES and lower not in STOPWORDS and in_a_name(words, j, index):
                    toks = list(word_tokens(word))  # "Little Tikes", "Wonder Woman", "Green Toys"
                elif lower in STOPWORDS and len(lower) > 3 and in_a_name(words, j, index, brand=True):
                    toks = list(word_tokens(word))  # "Great Eastern": a word of chat only in a brand's name
                elif (lower in STOPWORDS or lower in NOT_NAMES or len(lower) < 2) and lower not in spelled:
                    continue  # "L.O.L." is a name even where "lol" would be chat
                if not toks or any(t in excluded for t in toks):
                    continue
                if not written_in_names(lower, index) and chat_typo(lower):
                    continue  # "anythng", "somthing", "baby stuf" ("stuf" is also the stem of "stuffed")
                terms = name_terms(toks, index)
                if not terms and len(toks) == 1 and any(index.named_all(line).size for line in lines_of(toks[0], tuple(toks))):
                    terms = tuple(toks)  # "a wrestling fan": no title says "wrestling", WWE figures are it
                spelt_as = word  # how the catalog's names write it, for `spelt_otherwise`
                if (not terms and len(toks) == 1 and (other := index.closest_name(lower, spelt_right=True))
                        and (terms := name_terms(list(word_tokens(other)), index))):
                    spelt_as = other  # "watercolour": the names say "watercolor"
                if not terms and len(toks) == 1 and not index.in_listings(toks[0]):
                    terms = split_joined(lower, index)  # "hotwheels" for "Hot Wheels"
                if not terms:
                    terms = index.spelled_out(word)  # "tmnt" for "Teenage Mutant Ninja Turtles"
                if not terms:
                    terms = named_otherwise(toks, index)  # "plushies" where the names say "plush"
                if not terms:
                    terms = pet_form(lower, index)  # "pool floaties": floats
                if not terms and lower in spelled:
                    continue  # "e.g." is no name the shopper missed
                if not terms and not any(index.in_listings(t) for t in toks) and (
                        joined := joined_with_next(words, j, index)):
                    terms, word = joined
                    joined_to.add(j + 1)  # "leap frog": the names say "LeapFrog"
                if not terms:
                    if not any(index.in_listings(t) for t in toks):
                        fixed = index.closest_name(lower)
                        if (fixed is None and lower in index.known_words and j + 1 < len(words)
                                and (near := index.closest_name(lower, spelt_right=False)) is not None
                                and any(index.name_df(t) for t in word_tokens(near + words[j + 1].group().lower()))):
                            fixed = near  # a word, but a letter from a name written as one with the next ("fischer price": Fisher-Price)
                        if fixed is not None and (fixed_terms := name_terms(list(word_tokens(fixed)), index)):
                            corrected.append((word, fixed))
                            required.extend(fixed_terms)
                            typed.append(word)
                        elif lower not in OCCASIONS:
                            missing.append(word)
                    elif all(_rare_in_listings(t, index) for t in toks):
                        not_called.append(j)  # "a xylophone" where a set's bullets alone mention one
                    continue
                terms = tuple(t for t in terms if index.name_df(t) <= MAX_NAME_SHARE * index.size)
                if terms:
                    required.extend(terms)
                    typed.append(word)
                    called.add(j)
                    if not purpose and j + 1 not in joined_to:  # a purpose is named only as it was said ("for bath time")
                        spelt.extend(spelt_otherwise(spelt_as, terms, words[j + 1].group() if j + 1 < len(words) else "", index))
            unnamed.extend(_things_not_called(words, not_called, called))
            required = [t for t in required if not any(t in ph and ph <= set(required) for ph in phrases)]
            if len(missing) > missed and all(index.listing_df(t) > DESCRIBES * index.name_df(t)
                                             and not _rare_in_listings(t, index) for t in required):
                required, typed[said_before:] = [], []  # "marble run" without marbles is no "run"
            if required:
                alternatives.append(tuple(dict.fromkeys(required)))
                for was, now in [*spelt, *said_otherwise(tuple(dict.fromkeys(required)), index)]:
                    if set(was) <= set(required):
                        at = required.index(was[0])
                        rest = [t for t in required if t not in was]
                        alternatives.append(tuple(dict.fromkeys([*rest[:at], *now, *rest[at:]])))
        if purpose:
            missing, unnamed, corrected = [], [], []  # a purpose's odd word is no name the shopper missed
        # "a xylophone", "anything by mattel": what mentions it as written, as no product is called it
        mentioned = [thing for thing in unnamed if not purpose and not alternatives
                     and holding_all([index.mentions(w) for w in thing.split()], index.size).any()]
        in_listings = bool(mentioned)
        if in_listings:
            alternatives = [tuple(t for w in thing.split() for t in word_tokens(w)) for thing in mentioned]
            typed = mentioned
        if alternatives or missing or unnamed:
            stated = tuple(dict.fromkeys((*(stated or elsewhere), *bounded)))
            said = [measure_words(m) for m in stated] if alternatives else []
            if not purpose and not ARTICLE_AFTER_OR.search(clause):  # "paw patrol toys or a puzzle": any puzzle
                # a kind said once only of two things, "X or Y Z", never of a list of examples
                alternatives = _shared_words(alternatives, index, heads=len(ALTERNATIVES.split(clause)) == 2
                                             and not BEFORE_LIST.search(clause))
            focus = Focus(tuple(dict.fromkeys(alternatives)), " ".join([*said, *typed]), tuple(missing),
                          tuple(unnamed), tuple(corrected), stated if alternatives else (),
                          frozenset(t for w in LETTERS.findall(clause) for t in word_tokens(w)), accessories_of,
                          in_listings, frozenset(t for w in LETTERS.findall(clause) if _is_property(w)
                                                 for t in word_tokens(w)))
            if purpose and not on_target(focus, index).any():
                continue  # "for bath time": a purpose names the product only when some product is all of it
            if (not purpose and not focus.missing and not in_listings and focus.alternatives and _SUGGESTS.search(text)
                    and _only_describes(focus, index)):
                described = described or focus  # "something cuddly ..., maybe a lamb": the lamb, if named
                continue
            if (not purpose and focus.missing and not focus.alternatives and not focus.unnamed
                    and any(c in liked for c in clauses[n + 1:])):
                # only words no listing holds, and a later clause says what someone likes or
                # wants: that clause names the thing, and the note still says what no listing
                # holds ("it sends him into a meltdown. he's 5 and loves animals and trains")
                if unknown is None:
                    unknown = focus
                else:  # "a tamagotchi. or a furby? he loves pets": both said in the note
                    unknown = replace(unknown, missing=tuple(dict.fromkeys((*unknown.missing, *focus.missing))))
                continue
            if (not purpose and focus.alternatives and original not in sought
                    and (original not in liked or any(c in proposed for c in clauses[n + 1:]))
                    and any(c in sought for c in clauses[n + 1:])):
                # "my husband hosts poker night, want to get him a few decks of playing cards": what
                # is sought is named after what is said of him (kept in case it names nothing)
                passed = passed or focus
                continue
            if unknown is not None:
                if purpose or original not in liked:
                    return unknown
                return replace(focus, missing=tuple(dict.fromkeys((*unknown.missing, *focus.missing))))
            return described if purpose and described else focus
    return described or passed or (unknown if unknown is not None else Focus())


# A thing put forward as the gift ("a jigsaw puzzle would be nice", "maybe a kite could be fun"):
# what is sought, over what someone was said to love before it.
_PROPOSED = re.compile(r"\b(?:would|could|might|'d|’d)\s+(?:be|make)\s+(?:an?\s+)?(?:really\s+|very\s+|so\s+|super\s+)?"
                       r"(?:nice|great|good|ideal|perfect|lovely|fun|awesome|cool|brilliant|wonderful|amazing|best)\b",
                       re.IGNORECASE)


# Words that say how a thing is rather than what it is: adjectives by their endings ("cuddly",
# "poseable", "acrylic", "colorful", "interactive"; long enough not to be "fly", "table", "magic"
# or "music") and a few said of when it is for. "adult" is whom it is for (`facets.recipient`
# reads it, so a kids' costume is no close alternative to an adult's), and no part of what it is:
# "adult inline skates" are any inline skates not listed for children.
_PROPERTY_ENDING = re.compile(r"^(?:[a-z]{3,}(?<!f)ly|[a-z]{4,}(?:able|ible)|[a-z]{5,}ic|[a-z]{3,}(?:ful|ous)|"
                              r"[a-z]{4,}ive)$")
_PROPERTY_WORDS = frozenset("halloween christmas xmas easter holiday outdoor outdoors indoor soft fluffy squishy "
                            "fuzzy shiny sparkly glittery adult adults".split())


def _is_property(word: str) -> bool:
    """True for a word that says how a thing is, not what it is: "cuddly", "halloween" (`_PROPERTY_ENDING`)."""
    lower = word.lower()
    return lower in _PROPERTY_WORDS or bool(_PROPERTY_ENDING.match(lower))


def _describes(word: str, index: LexicalIndex) -> bool:
    """True when listings use `word` far more to describe than to name ("poseable", "cuddly")."""
    toks = word_tokens(word)
    return bool(toks) and all(index.listing_df(t) > DESCRIBES * index.name_df(t) for t in toks)


def _rare_in_listings(token: str, index: LexicalIndex) -> bool:
    """True when few listings hold `token` (at most `RARE_IN_LISTINGS` of them, or three): a thing
    that some listings mention ("xylophone", "mat"), not a word that describes ("sturdy", "run")."""
    return index.listing_df(token) <= max(3, RARE_IN_LISTINGS * index.size)


_ARTICLES = frozenset({"a", "an", "any", "some", "by", "from"})  # "a telescope", "anything by mattel"
_SUBJECTS = frozenset({"i", "you", "u", "we", "he", "she", "they", "it"})  # "any chance you sell ...": no thing


def _things_not_called(words: Sequence[re.Match[str]], at: list[int], called: set[int]) -> list[str]:
    """The things asked for that no product is called, as typed: runs of such words (`at`, by
    position) that end a phrase after a word that names something ("crayola markers", not
    "sticky notes"), or that end what follows "a", "an", "any", "some", "by" or "from" ("a
    telescope under $100", "a toy cash register", "anything by mattel"; not "a second one" or
    "a quiet toy")."""
    runs: list[list[int]] = []
    for j in at:
        if runs and runs[-1][-1] == j - 1:
            runs[-1].append(j)
        else:
            runs.append([j])
    lower = [w.group().lower() for w in words]
    found: list[str] = []
    for run in runs:
        first, last = run[0], run[-1]
        k = first - 1
        while k >= 0 and (lower[k] in PEOPLE or lower[k] in NOT_NAMES and lower[k] not in STOPWORDS):
            k -= 1  # "a toy cash register", "a cute telescope", "a kids telescope"
        after = lower[last + 1] if last + 1 < len(words) else None
        ends = after is None or (after in STOPWORDS and after not in PRONOUNS | NOT_NAMES | _SUBJECTS)
        if (first - 1 in called and last + 1 not in called) or (k >= 0 and lower[k] in _ARTICLES and ends):
            found.append(" ".join(words[j].group() for j in run))
    return found


# A thing suggested after what was only described: "something cuddly, maybe a lamb".
_SUGGESTS = re.compile(r"\b(?:maybe|perhaps|possibly|ideally|preferably)\b", re.IGNORECASE)


def _shared_words(alternatives: list[tuple[str, ...]], index: LexicalIndex, heads: bool) -> list[tuple[str, ...]]:
    """Alternatives with the words the clause says once for all of them, where the catalog holds
    such products: a brand before the first ("lol surprise dolls or pets": L.O.L. Surprise pets;
    "pokemon cards - booster tin or theme deck"), and with `heads` (two things, no list of
    examples) a kind after the last ("marvel or dc playing cards": Marvel playing cards too, but
    "Avengers stuff - Hulk, Captain America" is no Avengers America). Never "barbie dolls or a
    kite" (no Barbie kite here) nor "a barbie or a baby doll"."""
    if len(alternatives) < 2:
        return alternatives

    def brand_of(alt: tuple[str, ...]) -> int:
        """How many of `alt`'s first words name a brand or an owner of lines ("melissa doug")."""
        n = 0
        while n < len(alt) and (index.leads(alt[n]) or owns_lines(alt[n]) or (n and index.names_brand(alt[n - 1], alt[n]))):
            n += 1
        return n

    out = []
    for n, alt in enumerate(alternatives):
        fuller = alt
        if heads and brand_of(alt) == len(alt):  # a brand alone, before a brand and a kind: the kind is said once
            kinds = [later[at:] for later in alternatives[n + 1:] if 0 < (at := brand_of(later)) < len(later)]
            fuller = next(((*alt, *k) for k in kinds if on_target(Focus(((*alt, *k),)), index).any()), alt)
        elif not brand_of(alt):  # a kind alone, after a brand and a kind: the brand is said once
            brands = [earlier[:at] for earlier in alternatives[:n] if 0 < (at := brand_of(earlier)) < len(earlier)]
            fuller = next(((*b, *alt) for b in brands if on_target(Focus(((*b, *alt),)), index).any()), alt)
            if fuller == alt and heads and n == 0 and len(alt) == 1 and len(alternatives) == 2:
                fuller = _of_the_kind_after(alt[0], alternatives[1], index)
        out.append(fuller)
    return out


def _of_the_kind_after(word: str, later: tuple[str, ...], index: LexicalIndex) -> tuple[str, ...]:
    """A word before "or", said of the kind the next thing names ("a peg or chunky puzzle": a peg
    puzzle; "vinyl or pvc collectible figures": vinyl figures), where the catalog holds such products
    and the word is no kind of its own: at least half the products it names are of that kind (no
    BMX pegs), or listings use it far more to describe than to name (vinyl). Never "crayons or
    colored pencils" (crayons are a kind of their own)."""
    if len(later) < 2:
        return (word,)
    kind = later[kind_at(later)]
    if kind == word or index.listing_df(kind) > DESCRIBES * index.name_df(kind):
        return (word,)  # ... and a kind is what names say, not descriptions ("jewelry making kit": no "making")
    named = index.named_docs(word)
    within = np.intersect1d(named, index.named_docs(kind)).size
    if within and (2 * within >= named.size or index.listing_df(word) > DESCRIBES * index.name_df(word)):
        return (word, kind)
    return (word,)


def _only_describes(focus: Focus, index: LexicalIndex) -> bool:
    """True when every word named is one that listings use far more to describe than to name
    ("cuddly", "soft", "realistic"): a thing suggested later ("maybe a lamb") says what it is."""
    return all(index.listing_df(t) > DESCRIBES * index.name_df(t) for alt in focus.alternatives for t in alt)
