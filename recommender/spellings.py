"""A shopper's words as the catalog writes them: joined or split names ("hotwheels", "play doh"), the same thing said otherwise, a typo of chat."""
from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

import numpy as np

from recommender.clauses import CHAT_WORDS, NOT_NAMES
from recommender.lexical import (
    AND_JOINS,
    LexicalIndex,
    tokens,
    word_tokens,
)
from recommender.words import STOPWORDS

# Names of one thing that listings use in each other's place: an "rc car" is also a "Remote
# Control Car" and a "Radio Control Car", a "keychain" a "Key Ring".
_SAME_THING = tuple(tuple(tuple(tokens(v)) for v in variants) for variants in (
    ("rc", "remote control", "radio control"),
    ("keychain", "key chain", "key ring", "keyring"),
    ("fishing pole", "fishing rod"),
    ("fire truck", "fire engine", "firetruck"),
    ("stroller", "pram", "pushchair"),  # the words of one store and another's
    ("diaper", "nappy"),
    ("jump rope", "skipping rope"),
    ("plushie", "plush"),  # "plushy", "plushies": one stem
    ("stuffie", "stuffed animal"),
    ("dino", "dinosaur"),
    ("trading card", "tcg"),  # "Pokemon TCG: ... Booster Pack"
))
# ... and names of one thing only beside a brand or line's name: "pokemon cards" are "Pokemon TCG:
# ... Booster Pack", but a birthday or a greeting card is no trading card game.
_SAME_THING_BESIDE = tuple(tuple(tuple(tokens(v)) for v in variants) for variants in (
    ("card", "tcg"),
))


def said_otherwise(alternative: tuple[str, ...], index: LexicalIndex) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(a name of `_SAME_THING` as the alternative says it, another way listings say it), read as
    the catalog's other spellings are (`spelt_otherwise`)."""
    found: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    beside_a_name = any(index.leads(t) for t in alternative)  # "pokemon cards", not "a greeting card"
    for variants in (*_SAME_THING, *(_SAME_THING_BESIDE if beside_a_name else ())):
        said = next((v for v in variants if any(alternative[i:i + len(v)] == v for i in range(len(alternative)))), None)
        found.extend((said, other) for other in variants if said is not None and other != said)
    return found


def named_otherwise(toks: list[str], index: LexicalIndex) -> tuple[str, ...]:
    """The tokens of another name of `_SAME_THING` for a word that names nothing itself, where
    the catalog's names hold all of them ("plushies": "plush")."""
    for variants in _SAME_THING:
        if tuple(toks) in variants:
            for other in variants:
                if other != tuple(toks) and all(index.name_df(t) for t in other):
                    return other
    return ()


def pet_form(word: str, index: LexicalIndex) -> tuple[str, ...]:
    """The tokens of the name a pet form stands for ("floaties": float, "horsies": horse,
    "doggie": dog), where the catalog's names hold it; () otherwise, and for a word the encoder
    knows whole ("cookies", "goalie", "hoodie", "movies": words of their own, not pet forms)."""
    m = re.fullmatch(r"([a-z]{3,}?)(?:ies|ie)", word.lower())
    if not m or word.lower() in index.known_words:
        return ()
    base = m.group(1)
    for name in (base, f"{base}e", base[:-1] if base[-1] == base[-2] else ""):
        if name and (toks := word_tokens(name)) and all(index.name_df(t) for t in toks):
            return toks
    return ()


_JOINED = re.compile(r"\b([a-z][\w'-]*)(" + AND_JOINS + r")(?=([a-z][\w'-]*))", re.IGNORECASE)


def joined_names(clause: str, index: LexicalIndex) -> str:
    """The clause with "and" or "&" dropped between two words that the titles join the same way
    as one name ("rick and morty", "Melissa & Doug", misspelt or not: "melisa and doug"): both
    are then required, never either."""
    def as_written(word: str) -> str:
        fixed = None if any(index.in_listings(t) for t in word_tokens(word)) else index.closest_name(word)
        return fixed or word

    return _JOINED.sub(lambda m: f"{m.group(1)} " if index.named_phrase(
        as_written(m.group(1)), as_written(m.group(3)), joined=True) else m.group(), clause)


# A verb and its particle, which titles write as one word: "Wind-Up", "Pop-Up", "Ride-On", "Pull-Back".
_PARTICLES = ("up", "on", "back", "along", "apart", "out", "off", "down", "over", "around")
_WITH_PARTICLE = re.compile(rf"\b([a-z]{{3,}})[ \t]+({'|'.join(_PARTICLES)})\b", re.IGNORECASE)


# ... said as a verb: "to pick up", "he can sit on", "something that lights up"
_VERB_BEFORE = re.compile(r"\b(?:to|can|could|will|would|should|might|must|i|you|we|he|she|they|it|that|who|which|"
                          r"[a-z]+['’]ll|lets?|let['’]s|and|or)\s+$", re.IGNORECASE)


def particles_joined(clause: str, index: LexicalIndex) -> str:
    """The clause with a verb and its particle hyphenated where the catalog's names hold them as
    one word more often than apart ("wind up toys": "Wind-Up Walking Families", not "Racing The
    Wind"; "a ride on toy": "Ride-On Toys"); left as typed where they don't ("dress up")."""
    def joined(m: re.Match[str]) -> str:
        if (m.group(1).lower() in STOPWORDS or _VERB_BEFORE.search(clause[:m.start()])
                or not index.joined_more_than_spaced(m.group(1), m.group(2))):
            return m.group()  # "Dress Up & Pretend Play" writes "dress up" apart; "something he can pick up" is a verb
        return f"{m.group(1)}-{m.group(2)}"

    return _WITH_PARTICLE.sub(joined, clause)


def name_terms(toks: list[str], index: LexicalIndex) -> tuple[str, ...]:
    """The index tokens by which the catalog names this word: the joined form of a compound if
    some name holds it ("playdoh"), else every part that names something ("hot-wheels": hot
    and wheel, both required)."""
    if len(toks) > 1 and index.name_df(toks[-1]) > 0:
        return (toks[-1],)
    return tuple(t for t in (toks[:-1] if len(toks) > 1 else toks) if index.name_df(t) > 0)


def written_in_names(word: str, index: LexicalIndex) -> bool:
    """True when some title or brand holds `word` as written, or its singular ("tanks" where
    titles say "Tank": no misspelt "thanks")."""
    return any(index.written_in_names(w) for w in (word, word[:-1] if word.endswith("s") else "",
                                                    word[:-2] if word.endswith("es") else "") if w)


def chat_typo(word: str) -> bool:
    """True when `word` is a misspelt word of chat ("anythng", "somthing", "stuf", "pleas")."""
    return len(word) >= 4 and bool(difflib.get_close_matches(word, CHAT_WORDS, n=1, cutoff=0.85))


def in_a_name(words: Sequence[re.Match[str]], j: int, index: LexicalIndex, brand: bool = False) -> bool:
    """True when word `j`, one that alone names nothing ("little", "woman", "toys"), is half of a
    two-word name with the word before or after it ("Little Tikes", "Wonder Woman", "Green Toys");
    with `brand`, only of a brand's name or one written as a name ("Great Eastern")."""
    word = words[j].group()
    for other, pair in ((j - 1, (None, word)), (j + 1, (word, None))):
        if not 0 <= other < len(words):
            continue
        neighbour = words[other].group()
        if neighbour.lower() in STOPWORDS or neighbour.lower() in NOT_NAMES:
            continue
        first, second = (neighbour, word) if pair[0] is None else (word, neighbour)
        if index.named_phrase(first, second, brand=brand):
            return True
    return False


def named_together(first: str, second: str, index: LexicalIndex) -> bool:
    """True when some product's names hold both words ("Hello Kitty")."""
    a, b = word_tokens(first), word_tokens(second)
    return bool(a and b and np.intersect1d(index.named_docs(a[-1]), index.named_docs(b[-1])).size)


def _cuts(word: str) -> list[tuple[str, str]]:
    """Every way to cut `word` in two halves of three letters or more."""
    return [(word[:cut], word[cut:]) for cut in range(3, len(word) - 2)]


def _name_halves(left: tuple[str, ...], right: tuple[str, ...], index: LexicalIndex) -> tuple[str, str] | None:
    """The two halves' tokens when each is one token that some name holds, else None."""
    if len(left) == len(right) == 1 and index.name_df(left[0]) and index.name_df(right[0]):
        return left[0], right[0]
    return None


def spelt_otherwise(word: str, terms: tuple[str, ...], following: str,
                     index: LexicalIndex) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """How titles also write what the shopper wrote: (its tokens, the other spelling's tokens).
    One word as two ("stormtrooper": "Storm Trooper"; "plus-plus": "PLUS PLUS"), or this word
    and the next as one ("dragon ball": "Dragonball")."""
    found: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    lower = word.lower()
    halves = _cuts(lower) if lower.isalpha() else [tuple(re.split(r"['’-]", lower, maxsplit=1))]
    for left, right in halves:
        if right in _PARTICLES and index.joined_more_than_spaced(left, right):
            continue  # "wind-up" is no "wind" beside an "up" ("Kites & Wind Spinners", "Ages 8 & Up")
        if (pair := _name_halves(word_tokens(left), word_tokens(right), index)) and index.written_apart(left, right):
            found.append((terms, pair))
            break
    if following and following.isalpha() and lower.isalpha():
        joined = lower + following.lower()
        after = name_terms(list(word_tokens(following)), index)
        if after and index.written_in_names(joined):
            found.append(((*terms, *after), word_tokens(joined)))
    return found


def joined_with_next(words: Sequence[re.Match[str]], j: int, index: LexicalIndex) -> tuple[tuple[str, ...], str] | None:
    """(the tokens, the two words as typed) where word `j`, in no listing, and the next are one
    word in the catalog's names ("leap frog" for "LeapFrog"), else None."""
    if j + 1 >= len(words):
        return None
    first, second = words[j].group(), words[j + 1].group()
    joined = (first + second).lower()
    if not (first.isalpha() and second.isalpha() and index.written_in_names(joined)):
        return None
    terms = name_terms(list(word_tokens(joined)), index)
    return (terms, f"{first} {second}") if terms else None


def split_joined(word: str, index: LexicalIndex) -> tuple[str, ...]:
    """Two name words that some listing's name holds together, for a word written as one
    ("hotwheels", "playmobile" aside): the catalog's own spelling decides. Failing that, one
    half may be misspelt when the other is a name word as typed ("hotweels": hot + wheels)."""
    def together(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
        return (_name_halves(left, right, index) is not None
                and bool(np.intersect1d(index.named_docs(left[0]), index.named_docs(right[0])).size))

    cuts = _cuts(word)
    for a, b in cuts:
        if together(word_tokens(a), word_tokens(b)):
            return (word_tokens(a)[0], word_tokens(b)[0])
    for a, b in cuts:  # one closest_name look-up per cut whose other half is a name word
        left, right = word_tokens(a), word_tokens(b)
        if len(left) == 1 and index.name_df(left[0]) and (fixed := index.closest_name(b)):
            right = word_tokens(fixed)
        elif len(right) == 1 and index.name_df(right[0]) and (fixed := index.closest_name(a)):
            left = word_tokens(fixed)
        else:
            continue
        if together(left, right):
            return (left[0], right[0])
    return ()
