"""The lexical half of hybrid retrieval: BM25 over each listing, and which listings name a word.

Two BM25 indexes (bm25s, sparse matrices) are built from the catalog with the product vectors
and cached beside them, per product's text (`lexical_cache`):

- `listing`: title and brand (each counted twice: a word there says more about what the
  product is), the category path below its root, the colour, audience and material columns,
  and the bullets. Its scores rank.
- `names`: title, brand, category path below the root and colour only. A word found here names what
  the product *is* ("LEGO", "puzzle"); a word found only in the bullets ("fly it like a kite")
  does not. `targeting` uses it to decide which products hold what the shopper named.

Words lose accents and possessives as in the reasons' matching (`matching.word_stem`), then go
through the Snowball English stemmer ("controlled" and "control" meet, "building" and
"build"), split at hyphens and apostrophes with the joined form kept too ("Play-Doh" gives
"play", "doh" and "playdoh"), so a shopper's "playdoh", "play doh" and "Play-Doh" all meet it.
Letters written with dots are one word ("L.O.L." is "lol"). Digits are no words, but a title's
counts and sizes with a unit ("500 Piece", "32 oz") are kept apart (`measures`), so a shopper's
"500 piece puzzle" can ask for one; a misspelt word is matched to the names' words as written
(`closest_name`).
"""
from __future__ import annotations

import difflib
import logging
import math
import operator
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache, reduce
from typing import Any

import bm25s
import numpy as np
import snowballstemmer

from recommender.catalog import Catalog, Product
from recommender.matching import LETTERS, without_absent, word_stem
from recommender.words import STOPWORDS, join_initialisms

log = logging.getLogger(__name__)

TOKENIZER_VERSION = "v7"  # part of the cache key: bump when `tokens` changes
_PARTS = re.compile(r"['’-]")


# A number with a unit that says how much of the thing there is: "500 piece", "1000pcs",
# "32 oz", "65W", "2-player". Ages and money are not units here.
_UNITS = {"piece": "piece", "pieces": "piece", "pc": "piece", "pcs": "piece", "pce": "piece",
          "oz": "oz", "ounce": "oz", "ounces": "oz", "inch": "inch", "inches": "inch", '"': "inch",
          "ft": "ft", "feet": "ft", "foot": "ft", "cm": "cm", "mm": "mm", "w": "w", "watt": "w", "watts": "w",
          "mah": "mah", "pack": "pack", "packs": "pack", "pk": "pack", "count": "count", "ct": "count",
          "player": "player", "players": "player", "cup": "cup", "cups": "cup", "gb": "gb", "tb": "tb",
          "v": "v", "volt": "v", "volts": "v", "lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb"}
MEASURE = re.compile(r"(?<![\w.,¤$£€])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*-?\s*(?:large\s+|big\s+)?"
                      r"(\"|[a-z]+)(?![\w])", re.IGNORECASE)


# A range of counts or sizes: "400-600 pieces", "between 500 and 1,000 pieces", "12 to 16 inch".
MEASURE_RANGE = re.compile(r"(?<![\w.,¤$£€])(?:between\s+)?(\d{1,3}(?:,\d{3})+|\d+)\s*(?:-|–|to|and)\s*"
                           r"(\d{1,3}(?:,\d{3})+|\d+)\s*-?\s*(?:large\s+|big\s+)?(\"|[a-z]+)(?![\w])", re.IGNORECASE)


# A bound on a count or size: "100 pieces or less", "at least 18 inches", "200+ pieces", "up to
# 12 inch". The number is kept with its comparison: "<=100", "<100", ">=18", ">200".
PIECE_WORDS = frozenset(u for u, unit in _UNITS.items() if unit == "piece")  # "pieces", "pcs", ...
_UNIT_WORDS = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_BOUND_LEAD = (r"up\s+to|under|below|less\s+than|fewer\s+than|smaller\s+than|no\s+more\s+than|not\s+more\s+than|"
               r"at\s+most|max(?:imum)?|at\s+least|over|above|more\s+than|bigger\s+than|larger\s+than|greater\s+than|"
               r"no\s+less\s+than|no\s+fewer\s+than|min(?:imum)?")
_BOUND_TAIL = (r"or\s+(?:less|fewer|under|below|smaller|more|over|up|bigger|larger|above)|max(?:imum)?|"
               r"min(?:imum)?|at\s+most|at\s+least|tops")
MEASURE_BOUND = re.compile(
    r"(?<![\w.,¤$£€])(?:(?P<lead>" + _BOUND_LEAD + r")\s+(?P<n1>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*-?\s*"
    r"(?:large\s+|big\s+)?(?P<u1>" + _UNIT_WORDS + r")(?![\w])"
    r"|(?P<n2>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<plus>\+)?\s*-?\s*(?:large\s+|big\s+)?(?P<u2>" + _UNIT_WORDS + r")(?![\w])"
    r"(?:\s*,?\s*(?P<tail>" + _BOUND_TAIL + r")\b)?)", re.IGNORECASE)
_AT_MOST = {"up to": "<=", "under": "<", "below": "<", "less than": "<", "fewer than": "<", "smaller than": "<",
            "bigger than": ">", "larger than": ">", "greater than": ">", "no more than": "<=",
            "not more than": "<=", "at most": "<=", "max": "<=", "maximum": "<=", "at least": ">=", "over": ">",
            "above": ">", "more than": ">", "no less than": ">=", "no fewer than": ">=", "min": ">=", "minimum": ">=",
            "or less": "<=", "or fewer": "<=", "or under": "<=", "or below": "<=", "or smaller": "<=",
            "or more": ">=", "or over": ">=", "or up": ">=", "or bigger": ">=", "or larger": ">=", "or above": ">=",
            "tops": "<="}


# A bound refused is the other one: "nothing over 500 pieces", "doesn't want anything above 12 inches",
# "no puzzles over 1000 pieces" (the refusal just before the bound, never a clause before it:
# "no dinosaurs and under 500 pieces" is under 500)
_REFUSED_BEFORE = re.compile(r"(?:\b(?:nothing|none|not|never)|\bno\s+[a-z]+|"
                             r"n['’]?t\s+(?:want|need|like|get|buy)\s+(?:anything|any|ones?|puzzles?|jigsaws?|sets?))\s+$",
                             re.IGNORECASE)
_OTHER_SIDE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}


def bounds(text: str) -> list[tuple[tuple[str, str], tuple[int, int]]]:
    """Each bounded count or size of `text` as ((comparison+number, unit), span)."""
    found = []
    for m in MEASURE_BOUND.finditer(text):
        refused = False
        if m.group("lead"):
            how, number, unit = " ".join(m.group("lead").lower().split()), m.group("n1"), m.group("u1")
            refused = bool(_REFUSED_BEFORE.search(text[max(0, m.start() - 40):m.start()]))
        elif m.group("tail") or m.group("plus"):
            how = " ".join(m.group("tail").lower().split()) if m.group("tail") else "at least"
            number, unit = m.group("n2"), m.group("u2")
        else:
            continue
        if (u := _UNITS.get(unit.lower())) is not None:
            number = number.replace(",", "").removesuffix(".0")
            sign = _OTHER_SIDE[_AT_MOST[how]] if refused else _AT_MOST[how]
            found.append(((f"{sign}{number}", u), m.span()))
    return found


def piece_bounds(turns: Iterable[str]) -> tuple[str, ...]:
    """The most pieces the shopper will have ("nothing over 500 pieces": "<=500"), and the fewest
    where a smaller count is refused ("no 24 piece puzzles": ">24"), which a list holds to: a bound
    stated, not a count wished for ("a 1000 piece puzzle", "at least 1000 pieces" are asked of the
    focus). The latest turn that states a count of pieces decides: "under
    500 pieces", then "make it a 1000 piece one", holds no ceiling."""
    bounds: tuple[str, ...] = ()
    for turn in turns:
        counts = [number for number, unit in measures(turn[:2000]) if unit == "piece"]
        if counts:
            # a smaller count refused is a floor that holds too ("no 24 piece puzzles, she is past those")
            refused = {bound for (bound, unit), _ in refused_counts(turn[:2000], []) if unit == "piece"}
            bounds = tuple(dict.fromkeys(n for n in counts if n[0] == "<" or n in refused))
    return bounds


def begins_with_pieces(text: str) -> bool:
    """True when `text` begins with a count of pieces (`MEASURE`): "1000 piece ones", "500pc puzzles"."""
    return bool((m := MEASURE.match(text.lstrip())) and _UNITS.get(m.group(2).lower()) == "piece")


def measure_words(measure: tuple[str, str]) -> str:
    """A stated measure in words: "500 piece", "400-600 piece", "up to 100 piece", "at least 18 inch"."""
    number, unit = measure
    for sign, words in (("<=", "up to"), (">=", "at least"), ("<", "under"), (">", "over")):
        if number.startswith(sign):
            return f"{words} {number[len(sign):]} {unit}"
    return f"{number} {unit}"


def measures(text: str) -> list[tuple[str, str]]:
    """The (number, unit) pairs of `text`: "500 Piece" and "500pcs" both give ("500", "piece");
    a range gives its ends joined: "400-600 pieces" is ("400-600", "piece"); a bound its
    comparison: "100 pieces or less" is ("<=100", "piece"), "at least 18 inches" (">=18", "inch")."""
    found: list[tuple[str, str]] = []
    ranged: list[tuple[int, int]] = []
    for m in MEASURE_RANGE.finditer(text):
        unit = _UNITS.get(m.group(3).lower())
        low, high = (int(g.replace(",", "")) for g in m.group(1, 2))
        if unit and low < high:
            found.append((f"{low}-{high}", unit))
            ranged.append(m.span())
    for measure, span in bounds(text):
        if not any(a <= span[0] < b for a, b in ranged):
            found.append(measure)
            ranged.append(span)
    refused = dict(_refused_counts(text, ranged))
    for m in MEASURE.finditer(text):
        unit = _UNITS.get(m.group(2).lower())
        if unit and not any(a <= m.start() < b for a, b in ranged):
            found.append(refused.get(m.span()) or (m.group(1).replace(",", "").removesuffix(".0"), unit))
    return found


def refused_counts(text: str, bounded: list[tuple[int, int]]) -> list[tuple[tuple[str, str], tuple[int, int]]]:
    """Each count of pieces `text` refuses, as the bound it means, with its span: "not the very
    big one with 1000 pieces" (("<1000", "piece"), span); `bounded` are the spans of its `bounds`."""
    ranged = [m.span() for m in MEASURE_RANGE.finditer(text)] + bounded
    return [(bound, span) for span, bound in _refused_counts(text, ranged)]


def _refused_counts(text: str, ranged: list[tuple[int, int]]) -> list[tuple[tuple[int, int], tuple[str, str]]]:
    counts = [m for m in MEASURE.finditer(text)
              if _UNITS.get(m.group(2).lower()) and not any(a <= m.start() < b for a, b in ranged)]
    found = []
    for m in counts:
        if _UNITS[m.group(2).lower()] != "piece":
            continue
        number = m.group(1).replace(",", "").removesuffix(".0")
        if said := _COUNT_REFUSED.search(text[max(0, m.start() - 80):m.start()]):
            others = [float(c.group(1).replace(",", "")) for c in counts if c is not m and _UNITS[c.group(2).lower()] == "piece"]
            found.append((m.span(), (_refused_side(number, said.group(1).lower().split(), others), "piece")))
        elif (too := _TOO_AFTER.match(text, m.end())) and (word := too.group(1).lower()) in _TOO_BIG | _SMALLER:
            found.append((m.span(), (f"<{number}" if word in _TOO_BIG else f">{number}", "piece")))  # "1000 pieces too fiddly"
    return found


# A count said too much or too little after it: "she finds 1000 pieces too fiddly now", "100 pieces is too easy".
_TOO_AFTER = re.compile(r"\s*(?:(?:is|are|was|were|'s|’s|seems?|feels?)\s+)?(?:(?:a\s+bit|a\s+little|way|far|much|kinda|just)\s+)?"
                        r"too\s+([a-z-]+)", re.IGNORECASE)


# A count of pieces refused: "not the very big one with 1000 pieces", "I don't want a 1000 piece
# puzzle", "nothing with 24 pieces, she's past those", "anything but a 1000 piece one" (never "not
# sure, maybe 500 pieces").
# Only words of the thing refused stand between: "no dinosaurs please just a 500 piece puzzle",
# "no frame needed for the 1000 piece puzzle", "she has never done one with 1000 pieces" refuse no count.
_BIGGER = frozenset({"big", "bigger", "huge", "giant", "large", "massive", "long", "hard", "harder", "difficult",
                     "enormous", "monster", "mega"})
_TOO_BIG = _BIGGER | {"fiddly", "tricky", "complicated", "fussy", "overwhelming", "challenging", "time-consuming"}
_SMALLER = frozenset({"small", "smaller", "little", "tiny", "easy", "easier", "simple", "baby", "babyish", "kiddie"})
_OF_THE_COUNTED = _BIGGER | _SMALLER | {"the", "a", "an", "any", "very", "too", "really", "so", "that", "those", "these",
                                        "one", "ones", "puzzle", "puzzles", "jigsaw", "jigsaws", "with", "of"}
_COUNT_REFUSED = re.compile(r"(?:\b(?:not|no|nothing|none)|\b(?:anything\s+but|(?<=[a-z]\s)other\s+than|rather\s+than|instead\s+of)"
                            r"(?!\s+(?:that|this|those|these)\b)|n['’]?t\s+(?:want|need|like|get|buy))\s+"
                            r"((?:(?:" + "|".join(sorted(_OF_THE_COUNTED)) + r")\s+){0,6})$", re.IGNORECASE)


def _refused_side(number: str, said: list[str], others: list[float]) -> str:
    """The bound a refused count of pieces means: fewer where it is said to be big ("not the very
    big one with 1000 pieces": "<1000"), more where small; else by another count the turn asks
    for ("1000 pieces, not a 500 piece one": ">500"); else fewer from 300 pieces up, more below."""
    n = float(number)
    if any(w in _BIGGER for w in said):
        return f"<{number}"
    if any(w in _SMALLER for w in said):
        return f">{number}"
    if others:
        return f">{number}" if max(others) > n else f"<{number}"
    return f"<{number}" if n >= 300 else f">{number}"


# Sizes a title lists before one unit: "16 & 20 inch", "14 16 18 Inch", "8/10/12 inch". Each is a
# size the listing offers; plain spaces join two-digit numbers only ("Set of 3 12 Inch" is one size).
_LISTED = re.compile(r"(?<![\w.,¤$£€])((?:\d+\s*(?:&|/|,|\band\b|\bor\b)\s*)+|(?:\d{2,}\s+)+)(\d+)\s*-?\s*(\"|[a-z]+)(?![\w])",
                     re.IGNORECASE)


def title_measures(title: str) -> list[tuple[str, str]]:
    """The sizes and counts a title states (`measures`), each of a listed set of sizes included:
    "Kids Bikes 16 & 20 inch" states ("16", "inch") and ("20", "inch")."""
    found = measures(title)
    ranges = [r.span() for r in MEASURE_RANGE.finditer(title)]  # "2 and 3 players" is a range, read already
    for m in _LISTED.finditer(title):
        unit = _UNITS.get(m.group(3).lower())
        if unit and not any(a < m.end() and m.start() < b for a, b in ranges):
            found.extend((n, unit) for n in re.findall(r"\d+", m.group(1)) if (n, unit) not in found)
    return found


def within(bound: str, n: float) -> bool:
    """Whether a count or size `n` meets a stated bound ("<=500") or range ("400-600")."""
    return _comparison(bound)(n)


def bound_test(bound: str) -> tuple[Callable[[Any, float], Any], float]:
    """A stated bound ("<=100", ">18") as its comparison and limit: `test(n, limit)` holds for a
    number, or elementwise for an array of them."""
    for sign, test in (("<=", operator.le), (">=", operator.ge), ("<", operator.lt), (">", operator.gt)):
        if bound.startswith(sign):
            return test, float(bound[len(sign):])
    raise ValueError(f"not a bound: {bound!r}")


def _comparison(number: str) -> Callable[[float], bool]:
    """Whether a title's number meets a stated range ("400-600") or bound ("<=100", ">18")."""
    if number[:1] in "<>":
        test, limit = bound_test(number)
        return lambda n: bool(test(n, limit))
    low, high = (float(n) for n in number.split("-"))
    return lambda n: low <= n <= high


_SNOWBALL = snowballstemmer.stemmer("english")
_STEMMING = threading.Lock()
# Words the stemmer folds into an unrelated word's stem: "anime" and "animation" are not
# "animal" (all three "anim"), "teething" is not "teeth" ("Joker Teeth" for teething toys),
# bedding is not a bed, a coloring book is not about colors.
_OWN_STEMS = {"anime": "anime", "animes": "anime", "animation": "animat", "animations": "animat",
              "animated": "animat", "teething": "teething", "bedding": "bedding",
              "coloring": "coloring", "colouring": "coloring"}


@lru_cache(maxsize=65536)
def _singular_or_plural(word: str) -> str:
    """A pattern for a lower-case word as written, singular or plural: "battery" and "batteries",
    "box" and "boxes", "telescope" and "telescopes" (not the "telescoping" of its stem)."""
    if re.search(r"[^aeiou]ies$", word) or re.search(r"[^aeiou]y$", word):
        return rf"{re.escape(word[:-3] if word.endswith('ies') else word[:-1])}(?:y|ies)"
    base = word[:-2] if re.search(r"(?:x|ch|sh|ss)es$", word) else word[:-1] if re.search(r"[^s]s$", word) else word
    return rf"{re.escape(base)}(?:s|es)?"


@lru_cache(maxsize=65536)  # a request's words are mostly words met before: stemming is its cost
def word_tokens(word: str) -> tuple[str, ...]:
    """Index tokens of one word: its stem, and for a compound its parts' stems plus the joined form.

    >>> word_tokens("Play-Doh"), word_tokens("Controlled"), word_tokens("LEGOs")
    (('play', 'doh', 'playdoh'), ('control',), ('lego',))
    """
    base = word_stem(word.lower())
    parts = [p for p in _PARTS.split(base) if len(p) > 1]
    if not parts:
        return ()
    with _STEMMING:  # the stemmer keeps its state in itself: one word at a time across threads
        stems = [_OWN_STEMS.get(p) or _SNOWBALL.stemWord(p) for p in parts]
        return tuple(stems) if len(parts) == 1 else (*stems, _SNOWBALL.stemWord("".join(parts)))


def tokens(text: str) -> list[str]:
    """Every index token of `text`, in order (words of any alphabet; digits are left out)."""
    return [t for m in LETTERS.finditer(join_initialisms(text)) for t in word_tokens(m.group())]


_ALNUM = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def tokens_with_numbers(text: str) -> list[str]:
    """`tokens`, plus each word that holds a digit kept whole as written ("K2" -> "#k2", "3D" ->
    "#3d"): what an exclusion ("not K2 skates") is matched on."""
    out: list[str] = []
    for m in _ALNUM.finditer(join_initialisms(text)):
        word = m.group()
        out += [_numbered_token(word)] if any(c.isdigit() for c in word) else tokens(word)
    return out


def numbered_names(text: str) -> list[tuple[re.Match[str], str]]:
    """Each word of `text` that holds both a digit and a letter, with its whole-word token as
    `tokens_with_numbers` writes it: "Step2" -> "#step2", "4M" -> "#4m", "PS4" -> "#ps4"."""
    return [(m, _numbered_token(m.group())) for m in _ALNUM.finditer(text)
            if any(c.isdigit() for c in m.group()) and any(c.isalpha() for c in m.group())]


def _numbered_token(word: str) -> str:
    """A word that holds a digit as one token, as written: "K2" -> "#k2", "F-150" -> "#f150"."""
    return "#" + re.sub(r"[^0-9a-z]", "", word.lower())


def query_tokens(text: str, exclude: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Index tokens of a request's content words: stopwords ("for", "my") and `exclude` left out."""
    return [t for m in LETTERS.finditer(text) if m.group().lower() not in STOPWORDS
            for t in word_tokens(m.group()) if t not in exclude]


def _below_root(p: Product) -> list[str]:
    path = [s for s in p.category_path.split(" > ") if s]
    return path[1:] if len(path) > 1 else path  # the root ("Toys & Games") is the whole department


def listing_tokens(p: Product) -> list[str]:
    head = tokens(without_absent(p.title)) + tokens(p.brand)
    return head + head + name_tokens(p)[len(head):] + tokens(f"{p.audience} {p.material}") + tokens(p.description)


def name_tokens(p: Product) -> list[str]:
    """A colour column counts as a name: "black" names a black t-shirt whose title doesn't say so.
    What the title says is not included or needed beside it names nothing ("Crayons Not Included")."""
    return tokens(without_absent(p.title)) + tokens(p.brand) + tokens(" ".join(_below_root(p))) + tokens(p.colour)


# Words that, right after a kind in a title, make the product a part or an accessory of it.
FOR_WORDS = frozenset("""
accessory accessories clothes clothing outfit outfits shoes hat hats bed beds bedding stand stands case
cases bag bags stroller strollers furniture house houses part parts replacement wheels bearings track
tracks string line glue mat mats roll saver savers frame frames storage cover covers sleeve sleeves
holder holders display displays mount mounts charger chargers rack racks hanger hangers
wig wigs teeth weights refill refills tails helmet helmets pad pads brushes
""".split())
_ANY_FOR_WORD = "|".join(sorted(FOR_WORDS, key=len, reverse=True))
_FOR_WORD = re.compile(r"\b([a-z][\w'-]*)[\s-]+(" + _ANY_FOR_WORD + r")\b")
# ... and the thing a part is said to be for: "Replacement Cover for Mini Exercise Trampoline"
_PART_FOR = re.compile(r"\b(?:" + _ANY_FOR_WORD + r")\s+(?:for|fits)\s+"
                       r"(?!(?:girls?|boys?|kids?|children|toddlers?|babies|men|women|adults?|ages?|home)\b)"
                       r"((?:[a-z][\w'-]*\s+){0,3}[a-z][\w'-]*)")  # never whom it is for ("Accessories for Girls")
# What joins two words into one name, in titles and as shoppers type it (`spellings.joined_names`):
# "Rick and Morty", "Melissa & Doug", "Rock 'n' Roll", "Click N' Play"
AND_JOINS = r"\s*(?:&|\band\b|\bn\b['’]?|['’]n['’]?)\s*"
_PARTS_CATEGORY = re.compile(r"\bparts\b", re.IGNORECASE)
# a deepest category of accessories for a thing ("Kite Accessories"), not a shelf that holds the
# things too ("Dolls & Accessories") nor one of dress-up bits ("Dress Up & Pretend Play > Accessories")
_ACCESSORY_SHELF = re.compile(r"^(?![^&]*&)[\w' ,-]*\w\s+accessor(?:y|ies)$", re.IGNORECASE)
_LEAD_PAIR = re.compile(r"[a-z][a-z'-]+")  # the words a title begins with, for brands' names
_ACCESSORY = re.compile(r"\baccessor(?:y|ies)\b", re.IGNORECASE)
PHRASE_LEADS = 3  # titles a two-word phrase must begin to count as a brand ("Green Toys ...")


class LexicalIndex:
    """BM25 scores of a request over the catalog, and the products whose names hold a word."""

    def __init__(self, listing: bm25s.BM25, names: bm25s.BM25, catalog: Catalog) -> None:
        self.listing = listing
        self.names = names
        self.size = len(catalog)
        # How many products lead with each word: their brand, or the first word of the title
        # ("LEGO City ...", "Barbie Dolphin ..."), which is how a catalog without a brand column
        # still says whose product it is.
        self._leads: Counter[str] = Counter()
        words: set[str] = set()  # the names' words as written (lower case), for spelling fixes
        self._measured: dict[tuple[str, str], list[int]] = {}
        self._runs: list[tuple[str, tuple[str, ...]]] = []  # titles' capitalised runs: (initials, words)
        self._titles = [p.title.lower() for p in catalog.products]  # for names of two words ("little tikes")
        self._categories = [" ".join(_below_root(p)) for p in catalog.products]
        # products the store files under parts ("Remote & App Controlled Vehicle Parts") or on a
        # shelf of accessories ("Kites & Wind Spinners > Kite Accessories")
        self._in_parts = [i for i, (c, p) in enumerate(zip(self._categories, catalog.products))
                          if _PARTS_CATEGORY.search(c) or _ACCESSORY_SHELF.search(p.category_path.rsplit(">", 1)[-1].strip())]
        self._brands = [p.brand for p in catalog.products]
        self._products = catalog.products  # for words as written in a listing (`mentions`)
        self._mentioned: dict[str, np.ndarray] = {}
        self._named_all: dict[tuple[str, ...], np.ndarray] = {}
        self._parts_by_category: dict[str, np.ndarray] = {}
        self._joined: dict[tuple[str, str], bool] = {}  # (word, particle) -> written as one more than apart
        self._parts_words: list[frozenset[str]] | None = None
        self._parts: dict[str, list[int]] = {}  # word -> products that are a part or accessory for it
        self._numbered: dict[str, list[int]] = {}  # "#step2" -> products whose title or brand holds "Step2"
        # products that are accessories: so says the title or the deepest category ("Dolls &
        # Accessories" above it is no such word)
        self._accessories = [i for i, p in enumerate(catalog.products)
                             if _ACCESSORY.search(f"{p.title} {p.category_path.rsplit('>', 1)[-1]}")]
        # the first two words of each title: those that begin several are a brand's name ("Hot
        # Wheels"), whose words name no kind of thing (`branded`)
        self._lead_pairs: Counter[tuple[str, str]] = Counter()
        self._branded: dict[str, list[tuple[str, np.ndarray]]] = {}
        for i, p in enumerate(catalog.products):
            if len(pair := _LEAD_PAIR.findall(self._titles[i][:80])[:2]) == 2:
                self._lead_pairs[(pair[0], pair[1])] += 1
            for t in [*(t for hit in _FOR_WORD.finditer(self._titles[i]) for t in word_tokens(hit.group(1))),
                      *(t for hit in _PART_FOR.finditer(self._titles[i]) for t in tokens(hit.group(1)))]:
                if not self._parts.get(t) or self._parts[t][-1] != i:
                    self._parts.setdefault(t, []).append(i)
            for m in dict.fromkeys(title_measures(p.title)):
                if m[0][0].isdigit():  # "holds up to 40 lbs" states no size of the thing
                    self._measured.setdefault(m, []).append(i)
            title = join_initialisms(p.title)
            first = LETTERS.search(title)
            self._leads.update(set(tokens(p.brand)) | set(word_tokens(first.group()) if first else ()))
            numbered = numbered_names(f"{p.title} {p.brand}")
            for t in dict.fromkeys(t for _, t in numbered):
                self._numbered.setdefault(t, []).append(i)
            lead = _ALNUM.search(p.title)
            if numbered and lead is not None and numbered[0][0].start() == lead.start():
                self._leads[numbered[0][1]] += 1  # "Step2 Corvette Toy Box": a brand that holds a digit
            words.update(m.group().lower() for m in LETTERS.finditer(f"{title} {p.brand}"))
            self._runs.extend(_capital_runs(title))
        self._brand_names: dict[str, list[tuple[str, str]]] = {}  # second word's token -> brands' two words
        for (one, two), n in self._lead_pairs.items():
            if n >= PHRASE_LEADS and len(second := word_tokens(two)) == 1:
                self._brand_names.setdefault(second[0], []).append((one, two))
        self._name_words: dict[str, list[str]] = {}  # by first letter, for spelling fixes
        # words known to be spelt right (the encoder's vocabulary, `Encoder.vocabulary`): never
        # read as a misspelt name ("jokes" is no "Jones", "retired" no "required")
        self.known_words: frozenset[str] = frozenset()
        for w in sorted(words):
            if len(w) > 3:
                self._name_words.setdefault(w[:1], []).append(w)
        self._written = frozenset(words)

    @classmethod
    def build(cls, catalog: Catalog) -> LexicalIndex:
        return cls.from_tokens(catalog, [listing_tokens(p) for p in catalog.products],
                               [name_tokens(p) for p in catalog.products])

    @classmethod
    def from_tokens(cls, catalog: Catalog, listing_docs: list[list[str]], name_docs: list[list[str]]) -> LexicalIndex:
        """BM25 over each product's tokens (`listing_tokens`, `name_tokens`, in catalog order);
        `lexical_cache` keeps them on disk per product."""
        listing = bm25s.BM25()
        listing.index([d or [""] for d in listing_docs], show_progress=False)
        names = bm25s.BM25()
        names.index([d or [""] for d in name_docs], show_progress=False)
        return cls(listing, names, catalog)

    # --- queries ----------------------------------------------------------------------------
    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 of the query over every listing, scaled so the best product has 1 (zeros if none)."""
        known = [t for t in query_tokens if t in self.listing.vocab_dict]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        s = np.asarray(self.listing.get_scores(known), dtype=np.float32)
        top = float(s.max())
        return s / top if top > 0 else s

    @staticmethod
    def _docs(model: bm25s.BM25, token: str) -> np.ndarray:
        """Indices of the documents holding `token`: one column of the sparse score matrix, O(df)."""
        tid = model.vocab_dict.get(token)
        indptr = model.scores["indptr"]
        if tid is None or tid + 1 >= len(indptr):
            return np.zeros(0, dtype=np.int64)
        return np.asarray(model.scores["indices"][indptr[tid]:indptr[tid + 1]])

    def mentions(self, word: str) -> np.ndarray:
        """Indices of the products whose listing holds `word` as written, or its plural, anywhere
        (bullets included): "telescope", not the "telescoping" that shares its stem. Looked up
        among the listings that hold its stem (a rare word's few), and kept for the next request."""
        lower = word.lower()
        if (known := self._mentioned.get(lower)) is not None:
            return known
        written = re.compile(rf"\b{_singular_or_plural(lower)}\b")
        found = np.asarray([], dtype=np.int64)
        for token in word_tokens(word):
            docs = self._docs(self.listing, token)
            found = docs if not found.size else np.intersect1d(found, docs)
        mentioned = np.asarray([i for i in found.tolist() if written.search(self._products[i].searchable)], dtype=np.int64)
        if len(self._mentioned) >= 1024:  # shoppers' words are unbounded: keep the last thousand or so
            self._mentioned.clear()
        self._mentioned[lower] = mentioned
        return mentioned

    def named_docs(self, token: str) -> np.ndarray:
        """Indices of the products whose title, brand or category holds `token`; for a word
        that holds a digit ("#step2", `numbered_names`), whose title or brand holds it."""
        if token.startswith("#"):
            return np.asarray(self._numbered.get(token, ()), dtype=np.int64)
        return self._docs(self.names, token)

    def named(self, token: str) -> np.ndarray:
        """Boolean mask: products whose title, brand or category holds `token`."""
        mask = np.zeros(self.size, dtype=bool)
        mask[self.named_docs(token)] = True
        return mask

    def measured_docs(self, measure: tuple[str, str]) -> np.ndarray:
        """Indices of the products whose title states this (number, unit): "500 piece"; for a
        range ("400-600", "piece"), any count within it."""
        number, unit = measure
        if number[0].isdigit() and "-" not in number:
            return np.asarray(self._measured.get(measure, ()), dtype=np.int64)
        inside = _comparison(number)
        found = [i for (n, u), docs in self._measured.items()  # a title's own range matches as written only
                 if u == unit and "-" not in n and inside(float(n)) for i in docs]
        return np.asarray(sorted(set(found)), dtype=np.int64)

    def named_phrase(self, first: str, second: str, joined: bool = False, brand: bool = False) -> bool:
        """True when two words, as typed, are one name in the catalog's titles ("little tikes",
        "wonder woman", "green toys"): side by side in at least half of the titles that name the
        rarer of the two, or leading at least `PHRASE_LEADS` titles (a brand), or in any title when
        the shopper wrote both as a name ("Green Toys", "Mega Man"). With `joined`, the two are
        joined by "and" or "&" in the titles ("Rick and Morty", "Melissa & Doug"), and always
        by one of them in the shopper's words, so both must be names in the titles. With `brand`,
        only a brand's name or words written as a name count ("Great Eastern", not "kids bike")."""
        side_by_side, together, rarer = self._side_by_side(first, second, AND_JOINS if joined else r"\W{1,3}")
        if side_by_side and first[:1].isupper() and second[:1].isupper() and not joined:
            return True
        leading = sum(together.match(self._titles[i]) is not None for i in side_by_side)
        return bool(side_by_side) and (leading >= PHRASE_LEADS or (not brand and len(side_by_side) >= 0.5 * rarer))

    def written_apart(self, first: str, second: str) -> bool:
        """True when some title holds the two words side by side ("Storm Trooper")."""
        return bool(self._side_by_side(first, second, r"\W{1,3}")[0])

    def joined_more_than_spaced(self, first: str, second: str) -> bool:
        """True when more products' names write the two words as one ("Wind-Up", "Ride-On") than
        write them apart with a space ("Dress Up & Pretend Play")."""
        key = (first.lower(), second.lower())
        if (known := self._joined.get(key)) is not None:
            return known
        joined = self.named_docs(word_tokens(f"{first}-{second}")[-1])
        if not joined.size:
            self._joined[key] = False
            return False
        apart = re.compile(rf"\b{re.escape(first.lower())}\s+{re.escape(second.lower())}\b", re.IGNORECASE)
        both = np.intersect1d(self.named_docs(word_tokens(first)[-1]), self.named_docs(word_tokens(second)[-1]))
        looked = both.tolist()[:2000]  # the share of the first 2,000, for all of them
        spaced = sum(1 for i in looked if apart.search(f"{self._titles[i]} {self._categories[i]}"))
        if len(self._joined) >= 1024:
            self._joined.clear()
        self._joined[key] = joined.size > spaced * both.size / max(1, len(looked))
        return self._joined[key]

    def _side_by_side(self, first: str, second: str, between: str) -> tuple[list[int], re.Pattern[str], int]:
        """The titles (up to 2,000 looked at) that hold the two words with `between` between
        them, the pattern that found them, and how many products name the rarer word."""
        together = re.compile(rf"\b{re.escape(first.lower())}{between}{re.escape(second.lower())}", re.IGNORECASE)
        a, b = word_tokens(first), word_tokens(second)
        if not (a and b):
            return [], together, 0
        docs_a, docs_b = self.named_docs(a[-1]), self.named_docs(b[-1])
        both = np.intersect1d(docs_a, docs_b)
        return ([i for i in both.tolist()[:2000] if together.search(self._titles[i])], together,
                min(docs_a.size, docs_b.size))

    def branded(self, token: str) -> list[tuple[str, np.ndarray]]:
        """Where `token` is the second word of a brand's name (one that begins `PHRASE_LEADS`
        titles or more: "wheels" in "Hot Wheels", "story" in "Toy Story"): for each such brand,
        its first word's token and the products whose title holds the word only in that name
        and whose category does not hold it. A "Hot Wheels Rig" is no wheel, a "Buffalo Games"
        jigsaw no game (unless the shopper said their names); a "Rubie's Costume" in the
        costumes category is a costume. Only where the word names things of its own in other
        titles, at least half as many: "pixar", nearly always after "Disney", is a name."""
        if token not in self._branded:
            found: list[tuple[str, np.ndarray]] = []
            for first, second in self._brand_names.get(token, ()):
                if not (lead := word_tokens(first)):
                    continue
                within = re.compile(rf"\b{re.escape(first)}\W{{1,3}}{re.escape(second)}\b")
                alone = re.compile(rf"\b{re.escape(second)}\b")
                both = np.intersect1d(self.named_docs(token), self.named_docs(lead[-1]))
                only = [i for i in both.tolist()
                        if len(within.findall(self._titles[i])) == len(alone.findall(self._titles[i]))
                        and token not in tokens(self._categories[i])]  # Rubie's Costume's costumes are costumes
                outside = self.named_docs(token).size - len(only)  # a word of its own elsewhere ("rc wheels")?
                if only and outside >= max(2, len(only) / 2):  # else the word is the name ("Disney Pixar")
                    found.append((lead[-1], np.asarray(only, dtype=np.int64)))
            self._branded[token] = found
        return self._branded[token]

    def names_brand(self, first: str, second: str) -> bool:
        """True when two tokens, in this order, are a brand's name of two words (one that begins
        `PHRASE_LEADS` titles or more: "great" and "eastern" for "Great Eastern")."""
        return any(word_tokens(one)[-1:] == (first,) for one, _ in self._brand_names.get(second, ()))

    def filed_as_parts(self, token: str) -> np.ndarray:
        """Indices of the products the store files under a parts category or on a shelf of
        accessories whose title and brand do not hold `token`: a "Pickup Truck Body" under
        "Vehicle Parts > Car & Truck Bodies" is no car, though its category says "car"; a "Pinion
        Gear" filed under parts is a gear; "Sparkle Tails" under "Kite Accessories" no kite."""
        if token not in self._parts_by_category:
            if self._parts_words is None:  # once: the words of those products' titles and brands
                self._parts_words = [frozenset(tokens(f"{self._titles[i]} {self._brands[i]}")) for i in self._in_parts]
            self._parts_by_category[token] = np.asarray(
                [i for i, words in zip(self._in_parts, self._parts_words) if token not in words], dtype=np.int64)
        return self._parts_by_category[token]

    def accessories(self) -> np.ndarray:
        """Indices of the products that are accessories by their title or their deepest category
        (a "Doll Accessory Set", a product in "Doll Accessories"); `parts_for` gives those that
        are a part for a named thing ("Doll Hat")."""
        return np.asarray(self._accessories, dtype=np.int64)

    def named_all(self, words: tuple[str, ...]) -> np.ndarray:
        """Indices of the products whose names hold every one of `words` (tokens), cached: the
        lines of a licensed owner ("captain", "america") asked for again on every request."""
        if words not in self._named_all:
            docs = [self.named_docs(t) for t in words]
            self._named_all[words] = reduce(np.intersect1d, docs) if docs else np.zeros(0, dtype=np.int64)
        return self._named_all[words]

    def parts_for(self, token: str) -> np.ndarray:
        """Indices of the products whose title names `token` only as what a part or accessory is
        for: the word, then one of `FOR_WORDS` ("Doll Clothes", "Puzzle Glue", "Kite String",
        "Skateboard Wheels"), or after one of them and "for" ("Replacement Cover for Mini
        Exercise Trampoline")."""
        return np.asarray(self._parts.get(token, ()), dtype=np.int64)

    def name_df(self, token: str) -> int:
        """How many products name `token` in their title, brand or category."""
        return len(self.named_docs(token))

    def listing_df(self, token: str) -> int:
        """How many listings hold `token` anywhere (bullets included)."""
        return len(self._docs(self.listing, token))

    def idf(self, token: str) -> float:
        return math.log1p(self.size / max(1, self.name_df(token)))

    def leads(self, token: str) -> bool:
        """True when most products named by `token` lead with it: a brand or a line ("lego")."""
        df = self.name_df(token)
        return df > 0 and self._leads[token] >= 0.5 * df

    def in_listings(self, token: str) -> bool:
        """True when any listing has the token anywhere (bullets included)."""
        return token in self.listing.vocab_dict

    def spelled_out(self, word: str) -> tuple[str, ...]:
        """The words an initialism stands for in this catalog's titles, as index tokens ("tmnt":
        Teenage Mutant Ninja Turtles), the most common reading; () when `word` does not look
        like one (three to five letters, typed in capitals or without a vowel) or none fits."""
        if not (3 <= len(word) <= 5 and word.isalpha() and (word.isupper() or not _VOWELS.search(word))):
            return ()
        initials, readings = word.lower(), Counter[tuple[str, ...]]()
        for run, run_words in self._runs:
            at = run.find(initials)
            if at >= 0:
                readings[tuple(t for w in run_words[at:at + len(initials)] for t in word_tokens(w)[:1])] += 1
        return readings.most_common(1)[0][0] if readings else ()

    def closest_beside(self, word: str, others: list[str]) -> str | None:
        """A misspelt word of a name read by the words typed with it ("star warz" -> "wars"):
        the word one edit away, with the same first letter, in titles that hold all the others."""
        docs = None
        for other in others:
            held = self.named_docs(word_tokens(other)[-1]) if word_tokens(other) else np.zeros(0, dtype=np.int64)
            docs = held if docs is None else np.intersect1d(docs, held)
        if docs is None or not docs.size:
            return None
        word = word.lower()
        near = Counter(w for i in docs.tolist()[:500] for w in LETTERS.findall(self._titles[i])
                       if w[:1] == word[:1] and w != word and abs(len(w) - len(word)) <= 1 and _edits(word, w) <= 1)
        return near.most_common(1)[0][0] if near else None

    def written_in_names(self, word: str) -> bool:
        """True when some title or brand holds `word` as written (lower case), not only its stem."""
        return word.lower() in self._written

    def closest_name(self, word: str, spelt_right: bool | None = None) -> str | None:
        """The word of the catalog's names a misspelt `word` most likely meant, as written there
        ("legoo" -> "lego", "dinasour" -> "dinosaur", "hocky" -> "hockey"), if any: close by
        difflib's ratio, or within two edits (a swap counts as one) for a word of 7 letters or more.
        A word spelt right (`spelt_right`; by default, one `known_words` holds) only to its other
        spelling ("colourful" -> "colorful")."""
        word = word.lower()
        if len(word) < 4:
            return None
        near = [w for w in self._name_words.get(word[:1], ()) if abs(len(w) - len(word)) <= 2]
        if spelt_right is None:
            spelt_right = word in self.known_words
        if spelt_right:  # a word, spelt right; only the other spelling of it ("colourful")
            return next((w for w in near if _spelt_otherwise(word, w)), None)
        found = difflib.get_close_matches(word, near, n=1, cutoff=0.8)
        if found:
            return found[0]
        if len(word) < 7:  # a short word one edit from a name is as likely another word ("ooly", "nerf")
            return None
        best = min(near, key=lambda w: _edits(word, w), default=None)
        edits = _edits(word, best) if best is not None else 3
        # Two edits in a short stem make another word ("beeping" is no "bedding").
        ending = next((e for e in _ENDINGS if best and word.endswith(e) and best.endswith(e)), "")
        return best if edits < 2 or (edits == 2 and len(word) - len(ending) >= 7) else None


_ENDINGS = ("ing", "ed", "ers", "er")
# British and American spellings of one word: "colourful"/"colorful", "tyres"/"tires", "theatre".
_OTHER_SPELLINGS = tuple((re.compile(a), b) for a, b in (
    (r"our(?=(?:s|ful|ed|ing|ite|ites|able)?$)", "or"), (r"yre(?=s?$)", "ire"), (r"tre(?=s?$)", "ter"),
    (r"ise(?=(?:s|d)?$)", "ize"), (r"yse(?=(?:s|d)?$)", "yze"), (r"ogue(?=s?$)", "og")))


def _spelt_otherwise(word: str, other: str) -> bool:
    """True when `other` is `word` in the other of British and American spelling, said of a word
    of five letters or more ("colourful", "tyres", "theatre"; never "four" as "for")."""
    return len(word) >= 5 and any(a.sub(b, word) == other or a.sub(b, other) == word for a, b in _OTHER_SPELLINGS)


_VOWELS = re.compile(r"[aeiouy]", re.IGNORECASE)
_CAPITALISED = re.compile(r"[A-Z][\w'’]*")


def _capital_runs(title: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each run of three or more capitalised words in a title, with its initials."""
    runs: list[list[str]] = [[]]
    for m in re.finditer(r"\S+", title):
        word = m.group().strip("()[],:;!?\"'")
        if _CAPITALISED.fullmatch(word):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [("".join(w[0].lower() for w in run), tuple(run)) for run in runs if len(run) >= 3]


def _edits(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]
