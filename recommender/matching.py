"""Word matching between a request and a listing: which words meet, and what to quote.

A request word matches a listing word when their stems are the same word or one is the other
plus an inflection (`same_word`: "build" / "building", never "space" / "spacecraft"). A
word the shopper used may also be close to a listing word through the related-word table
(`FAMILIES`, `is_related`: "science" ~ "STEM"), which reasons say as "close to", never as the
shopper's own word. The listing is read field by field (`listing_fields`: title, category
path, bullets, brand), and what is quoted back is always a verbatim slice: a window around the
matched words inside one clause (`quote_window`), the shopper's words as typed
(`asked_phrase`).

Nothing here builds or checks a claim; `reasons` does that with these helpers.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from recommender.catalog import Product
from recommender.words import STOPWORDS, stem

# A word in any alphabet ("décor"), never digits or markup: what may be quoted back.
LETTERS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CLAUSE_BREAK = re.compile(r"[,;:()|!?\[\]]|\s[-–]\s|\.\s")
DANGLING = frozenset({"of", "for", "with", "and", "the", "a", "an", "&", "to", "in", "by", "-", "on", "or"})
FIELDS = ("title", "category", "description", "brand")  # where a quote may come from, most specific first
# Words a shopper uses for the same need as a listing's words. Each line is "general words :
# kinds of it": a general word is close to another general word or to any kind ("clothing" ~
# "dress"), but two kinds are not close to each other ("shoe" is not "dress"). A match through
# a family is said as "close to", never as the shopper's own word.
FAMILIES = (
    "science scientific stem : experiment chemistry physics biology microscope telescope",
    "building build construction constructive : block brick engineering",
    "clothing clothes apparel outfit : shirt t-shirt shoe sock jacket",  # not "dress": "Dress Up & Pretend Play"
    "costume cosplay",
    "vehicle : car truck train plane airplane aircraft jet boat helicopter tractor bus",
    "airplane plane aircraft jet",
    "train railway railroad locomotive",
    "space : spacecraft spaceship rocket astronaut planet galaxy",
    "music musical : melody instrument song piano drum guitar xylophone",
    "plush stuffed : teddy",
    "puppet marionette",
    "headwear : hat cap headband helmet crown tiara",
    "craft crafts crafting diy",
    "art arts artist : painting paint drawing coloring crayon marker sketch",
    "learning learn education educational : school preschool",
    "puzzle : jigsaw",
    "outdoor outdoors outside : backyard garden lawn yard",
    "party celebration : balloon favor",
    "décor decor decoration decorative",
    "electronic electronics electric",
    "baby infant newborn",
    "doll : dollhouse",
    "figure figurine statue : bust bobblehead",
    "kitchen cooking : cookware baking chef",
    "animal : pet dinosaur",
    "sport sports athletic",
    "jewelry : bead necklace bracelet earring pendant",
    "book books reading",
    "bedding : bed comforter blanket pillow duvet sheet",
    "furniture : chair armchair sofa couch seat stool",
)


# What a listing says is not in the box or is needed beside it: "Crayons Not Included", "No Tools
# Required", "Electronics Sold Separately", "Osmo Base Required". Those words name no part of the
# product: a shopper's "crayons" is not met by a tin that says so (`without_absent`).
_THING = r"[^\W\d_][\w'’-]*"
ABSENT = re.compile(
    # "(Radio, Battery, Charger Sold Separately)": the list in the brackets, never what they say is included
    r"\(((?:(?!\bincluded\b)[^()]){1,80}?)\s+(?:are\s+)?(?:not\s+included|sold\s+separately)\s*\)"
    rf"|\b(?:no|without)\s+((?:{_THING}\s+){{0,2}}?{_THING})\s+(?:is\s+|are\s+)?(?:required|needed|necessary)\b"
    # two words only where a part of the listing begins ("..., AA Batteries Not Included"), else
    # one ("Remote Control Car Batteries Not Included" keeps its car)
    rf"|(?:^|(?<=[,;:(|–—-]\s)|(?<=[,;:(|]))((?:{_THING}\s+)?{_THING})\s+(?:is\s+|are\s+|\(\s*)?"
    r"(?:not\s+included|sold\s+separately|not\s+required|required)\b"
    rf"|\b({_THING})\s+(?:is\s+|are\s+|\(\s*)?(?:not\s+included|sold\s+separately|not\s+required|required)\b",
    re.IGNORECASE)


def without_absent(text: str) -> str:
    """`text` with the words it says are not included or needed beside it blanked out, the
    same length (offsets hold): "Storage Tin, Crayons Not Included" keeps "Storage Tin"."""
    if not ABSENT.search(text):
        return text
    out = list(text)
    for m in ABSENT.finditer(text):
        start, end = m.span(m.lastindex or 0)
        out[start:end] = " " * (end - start)
    return "".join(out)


@lru_cache(maxsize=1 << 16)
def word_stem(word: str) -> str:
    """`words.stem`, after dropping accents and a possessive ("Décor" -> "decor", "Forum’s" -> "forum")."""
    word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).replace("’", "'")
    return stem(word[:-2] if word.lower().endswith("'s") else word)


def _families() -> list[tuple[frozenset[str], frozenset[str]]]:
    """(general stems, kind stems) per family line."""
    out = []
    for line in FAMILIES:
        general, _, kinds = line.partition(":")
        out.append((frozenset(word_stem(w) for w in general.split()), frozenset(word_stem(w) for w in kinds.split())))
    return out


_FAMILY_SETS = _families()


def request_words(text: str, exclusions: Iterable[str] = ()) -> list[tuple[str, str, int]]:
    """(stem, word as typed, offset) for each content word of `text`, first use only.

    Words the shopper excluded ("not Lego") are left out: a reason never matches on them.
    """
    excluded = {w for e in exclusions for w in e.split()}
    seen: set[str] = set()
    out: list[tuple[str, str, int]] = []
    for m in LETTERS.finditer(text):
        word, s = m.group(), word_stem(m.group())
        if (len(s) < 3 or s in seen or s in STOPWORDS or word.lower() in STOPWORDS
                or s in excluded or word.lower() in excluded):
            continue
        seen.add(s)
        out.append((s, word, m.start()))
    return out


def listing_fields(p: Product) -> list[tuple[str, str]]:
    """(field, text) pairs of the listing: title, category path leaf first, bullets, brand."""
    out = [("title", p.title)]
    path = [s for s in p.category_path.split(" > ") if s]
    # The root ("Toys & Games") is the whole department: too broad to count as a match.
    out += [("category", s) for s in reversed(path[1:] if len(path) > 1 else path)]
    out += [("description", b.strip()) for b in p.description.split(" | ") if b.strip()]
    if p.brand:
        out.append(("brand", p.brand))
    return out


def find_word(fields: list[tuple[str, str]], hit: Callable[[str], bool]) -> tuple[str, str, re.Match[str]] | None:
    """(field, its text, the listing word) for the first listing word whose stem `hit` accepts;
    never a word the listing says is not included (`without_absent`)."""
    for where, text in fields:
        for m in LETTERS.finditer(without_absent(text)):
            if hit(word_stem(m.group())):
                return where, text, m
    return None


_HEAD_BREAK = re.compile(r"\s[-–|(]|[,:(!|]|\s(?:with|by|for|and|in|of|from)\s", re.IGNORECASE)


def head_noun(title: str) -> re.Match[str] | None:
    """The last word of the title before its first comma, dash, bracket or "with"/"for"...:
    in most listings, what the product is ("Rhode Island Novelty ... Chief Hat")."""
    words = list(LETTERS.finditer(_HEAD_BREAK.split(title, maxsplit=1)[0]))
    return words[-1] if words else None


def is_related(a: str, b: str) -> bool:
    """Different words of one family, a general one and another ("science" ~ "STEM"), by stem."""
    if same_word(a, b):
        return False
    for general, kinds in _FAMILY_SETS:
        a_general, b_general = a in general, b in general
        if (a_general and (b_general or b in kinds)) or (b_general and a in kinds):
            return True
    return False


_JOINER = re.compile(r" +(?:(?:and|or|&|with|of|for|n) +)?", re.IGNORECASE)  # on one line: never across turns


def asked_phrase(text: str, words: list[tuple[str, str, int]]) -> tuple[str, int]:
    """The shopper's words as typed, and how many of `words` they cover: the run from the
    first word through the next ones while at most a joining word sits between ("clay and dough")."""
    first = last = words[0]
    n = 1
    for w in words[1:]:
        if not _JOINER.fullmatch(text[last[2] + len(last[1]):w[2]]):
            break
        last, n = w, n + 1
    return text[first[2]:last[2] + len(last[1])], n


# Inflections only; not "-er", which makes another noun ("play"/"players", "paint"/"painter").
_SUFFIXES = ("s", "es", "ed", "ing", "ings", "al", "ic", "ical", "y", "ly", "ion", "ation")


def same_word(a: str, b: str) -> bool:
    """Equal stems, or one the other plus an inflection, from 4 letters ("build"/"building"),
    never a different word that merely starts the same ("space"/"spacecraft")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 4 or not long_.startswith(short):
        return False
    rest = long_[len(short):]
    if rest[:1] == short[-1]:  # a doubled consonant: "control"/"controlled"
        rest = rest[1:]
    return rest in _SUFFIXES or rest.startswith("-")  # or a compound: "jewelry-making"


def quote_window(text: str, start: int, end: int, span: int = 3) -> str:
    """A verbatim slice of `text` covering [start, end) and up to `span` words either side,
    inside one clause (not across a comma, bracket or dash) unless the clause is one word."""
    lo, hi = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    if len(text[lo:hi].split()) < 2:
        lo, hi = 0, len(text)
    words = list(re.finditer(r"\S+", text[lo:hi]))
    first = next(i for i, m in enumerate(words) if lo + m.end() > start)
    last = max(i for i, m in enumerate(words) if lo + m.start() < end)
    a, b = max(0, first - span), min(len(words) - 1, last + span)
    while a < first and words[a].group().lower() in DANGLING:  # no "for more than" at the edges
        a += 1
    while b > last and words[b].group().lower().strip(",;:") in DANGLING | {"than", "your", "more"}:
        b -= 1
    return text[lo + words[a].start():lo + words[b].end()].strip(" ,;:-.&|")
