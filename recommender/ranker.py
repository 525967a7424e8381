"""Hard constraints, named score parts, and a diverse top-k (MMR)."""
from __future__ import annotations

import math
import os
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy as np
import torch

from recommender.catalog import BABY_AGES, Catalog, Product
from recommender.config import ScoreWeights
from recommender.facets import (
    COLOURS,
    EVERYONE,
    GROUPS,
    PERSON_WORDS,
    called,
    calls_infants,
    calls_the_small,
    colour_words,
    on_baby_shelf,
    one_sex,
    serves,
)
from recommender.franchises import with_lines
from recommender.lexical import PIECE_WORDS, bound_test, tokens_with_numbers, within
from recommender.listing import SKIPPED_ATTRIBUTES, attribute_text
from recommender.words import STOPWORDS, forms

TIER_GAP = 100.0
PARTS = ("semantic", "lexical", "history", "popularity", "price_fit", "feedback", "exploration")


@dataclass(frozen=True)
class Constraints:
    """What a product must satisfy to be shown at all. Never traded off against score."""

    budget_min: float | None = None
    budget_max: float | None = None  # inclusive: "under $40" admits $40.00
    price_below: float | None = None  # strict ceiling from "too expensive"
    exclude_terms: tuple[str, ...] = ()  # "not Lego": brand or a word of the title
    # refused things a listing's own text must not say either (`says`): "no batteries" leaves out
    # a "Requires 3 AAA batteries", never a "No batteries needed"
    exclude_said: tuple[str, ...] = ()
    exclude_brands: tuple[str, ...] = ()  # "different brand": brands of the list refined
    exclude_ids: tuple[str, ...] = ()  # rejected, or shown in the list being refined
    age: int | None = None  # the recipient's age; products rated for other ages are out
    ages: tuple[int, int] | None = None  # where no age is said, the ages a word says ("toddler": 1-3)
    # a jigsaw's count of pieces says from what age it is (`Product.pieces_from_age`), unless the
    # shopper named a count ("a 1000 piece puzzle for my 10 year old, she's a whiz")
    by_pieces: bool = True
    # the shopper's bounds on a count of pieces ("<=500" of "nothing over 500 pieces"): a product
    # whose title states a count outside one is out; one stating none is not known to break it
    pieces: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()  # facet groups one of which the product must serve (`facets.serves`)
    colours: tuple[str, ...] = ()  # one of these must be in the product's colour
    neutral: bool = False  # "gender neutral": a product serving one sex alone is out (`one_sex`)
    in_stock_only: bool = True

    @property
    def age_span(self) -> tuple[int, int] | None:
        """The ages the list is held to: the age said, else the ages a word for the recipient says."""
        return (self.age, self.age) if self.age is not None else self.ages

    @property
    def priced_only(self) -> bool:
        return any(v is not None for v in (self.budget_min, self.budget_max, self.price_below))

    def allows(self, p: Product) -> bool:
        """True when `p` breaks none of the constraints (the per-product reference check)."""
        if self.in_stock_only and not p.in_stock:
            return False
        if self.priced_only and p.price is None:
            return False
        if p.price is not None:
            if self.budget_max is not None and p.price > self.budget_max + 1e-9:
                return False
            if self.budget_min is not None and p.price < self.budget_min - 1e-9:
                return False
            if self.price_below is not None and p.price >= self.price_below - 1e-9:
                return False
        if p.product_id in self.exclude_ids:
            return False
        brand = p.brand.lower()
        if brand and brand in (b.lower() for b in self.exclude_brands):
            return False
        if any(_mentions(p, name) for term in self.exclude_terms for name in with_lines(term)):
            return False
        if any(describes(refusable_text(p), term) for term in self.exclude_said):
            return False
        if (ages := self.age_span) is not None:
            if (served := p.ages_served) is not None and (served[0] > ages[1] or served[1] < ages[0]):
                return False  # rated only for other ages
            if self.by_pieces and (start := p.pieces_from_age) is not None and ages[1] < start:
                return False  # a 1,000-piece jigsaw for a three-year-old, or for a toddler
        if self.pieces and (count := p.pieces) is not None and not all(within(b, count) for b in self.pieces):
            return False
        if self.audience and not served_by(p) & set(self.audience):
            return False
        if self.neutral and one_sex(served_by(p)):
            return False
        return not self.colours or bool(colour_words(p.colour) & set(self.colours))

    def to_dict(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(self).items()}


def served_by(p: Product) -> frozenset[str]:
    """The groups `p` serves (`facets.serves`), a thing of the first years serving children only."""
    return serves(p.audience, p.title, p.category_path, first_years=p.ages_served == BABY_AGES)


def _mentions(p: Product, term: str) -> bool:
    """True when the title, brand, category or colour holds every word of `term`, inflections
    aside ("masks" excludes a "Mask", "lego sets" a "LEGO City Fire Station Set", "k2 skates" a
    "K2 Alexis 84 Inline Skate", a word with a digit as written): an exclusion errs on the side of
    leaving a product out."""
    held = _name_words(_names(p))
    return p.brand.lower() == term.lower() or any(want <= held for want in _excluded_words(term))


# a word (hyphens and all), where a clause ends, or a colon or a dash standing alone ("No glue needed - glitter")
_SAID = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*|[.,;!?()|]|:|(?<!\S)[-–—](?!\S)")
_DENYING = frozenset({"no", "not", "non", "without", "nor", "never", "nothing", "zero"})


@lru_cache(maxsize=1 << 16)  # every listing's text, read again for each new term refused
def said_words(text: str) -> tuple[str, ...]:
    """`text` as exclusion tokens (`tokens_with_numbers`), word by word in order ("latex-free":
    latex, free, latexfre), "not" for a word ending in n't, "." where a clause ends and ":" for a
    colon: what `says` reads. A word joined to a denial ("non-toxic", "no-mess") or to a first
    part of one letter or with a digit ("X-Shot", "T-ball", "F-150") is one token, written together."""
    return tuple(t for w in _SAID.findall(text) for t in _said_tokens(w))


@lru_cache(maxsize=1 << 18)  # a catalog's descriptions say the same words again and again
def _said_tokens(word: str) -> tuple[str, ...]:
    if word == ":":
        return (":",)
    if not word[0].isalnum():
        return (".",)
    if re.search(r"n['’]t$", word, re.IGNORECASE):
        return ("not",)  # "doesn't", "won't", "isn't"
    parts = word.lower().split("-")
    if len(parts) > 1 and (parts[0] in _DENYING or len(parts[0]) == 1 or any(c.isdigit() for c in parts[0])):
        return tuple(tokens_with_numbers("".join(parts))[:1]) or ("".join(parts),)  # "nontox"; "xshot", "#f150"
    return tuple(tokens_with_numbers(word))


_DENIES = frozenset(said_words(" ".join(sorted(_DENYING))))
_AFTER_DENIES = frozenset(said_words("free less none no"))  # "latex-free", "battery-less", "Batteries: none", "Latex: No"
_FREE_OF = {said_words("free of"), said_words("free from")}  # "free of latex"
_NOT_NEEDED = frozenset(said_words("required needed"))  # "Batteries not required", "Batteries required: No"
_NOT_AT_ALL = _DENIES | frozenset(said_words("none"))  # "Batteries required: none"
_INCLUDED = frozenset(said_words("include included includes come comes"))  # "no batteries included": it needs them
_BEING = frozenset(said_words("is are"))  # "Batteries are not required"
# Between a denial and the thing, words that say the denial is of something else: a warning ("Not
# recommended for latex allergy sufferers", "Do not dispose of batteries in fire", "Never leave
# batteries in the toy", "Not compatible with rechargeable batteries")
_NOT_OF_IT = frozenset(said_words("for of with in on to from into at near leave dispose mix recommended "
                                  "compatible suitable allergy allergies sensitive"))
# A denial that is of the word after it, written apart ("Non Toxic glitter glue", "No Mess glitter pens")
_OWN_DENIED = frozenset(said_words("toxic mess spill slip stick drip fuss assembly glue"))


def says(body: tuple[str, ...], want: tuple[str, ...]) -> bool:
    """True when `body` says the words `want` in a row and does not deny them: no denying word among
    the four before it in its clause ("no X", "does not need any X", "free of X"), none right after
    ("X-free", "X-less", "X: none", "X not required", "X required: No"). A denial is none where it
    is of including it ("does not include X", "no X included": it needs X), of the word after it
    ("non toxic X"), or of something the words between say ("not for people with X allergies")."""
    n = len(want)
    for i in (i for i, t in enumerate(body) if want and t == want[0]):
        if body[i:i + n] != want:
            continue
        before = body[max(0, i - 4):i]
        cut = max((j for j, t in enumerate(before) if t in (".", ":")), default=-1)
        before = before[cut + 1:]
        denials = [j for j, t in enumerate(before)
                   if t in _DENIES and not (j + 1 < len(before) and before[j + 1] in _OWN_DENIED)]
        between = set(before[denials[-1] + 1:]) if denials else set()
        denied = bool(denials) and not (_INCLUDED | _NOT_OF_IT) & between or any(
            before[j:j + 2] in _FREE_OF for j in range(len(before) - 1))
        after = [t for t in body[i + n:i + n + 5] if t not in _BEING and t != ":"][:2]
        if after[:1] and after[0] in _INCLUDED:
            denied = False  # "no batteries included"
        if after[:1] and after[0] in _AFTER_DENIES or len(after) == 2 and (
                after[0] == "not" and after[1] in _NOT_NEEDED or after[0] in _NOT_NEEDED and after[1] in _NOT_AT_ALL):
            denied = True
        if not denied:
            return True
    return False


def names_only(term: str) -> bool:
    """True when `term` is whom a product is for ("kids", "teens", "grown-ups") or what it is
    counted in ("pieces"): its names say those, and its description says them in passing ("fun for
    kids and grown-ups", "all 500 pieces"), so refusing them is matched on the names alone
    (`Constraints.exclude_said`)."""
    words = [re.sub(r"['’]s?$", "", w) for w in re.split(r"[\s-]+", term.lower()) if w]
    return " ".join(words) in PERSON_WORDS or bool(words) and all(
        w in _PEOPLE or w.removesuffix("s") in _PEOPLE or w in PIECE_WORDS for w in words)


_PEOPLE = PERSON_WORDS | {"teen", "youth", "grown", "ups", "up"}


def refusable_text(p: Product) -> str:
    """Where a refusal is read beside the names (`describes`): the description, its bullets, the
    material, and each attribute as "key value" ("material plastic", "batteries 2 AA (not
    included)"), or its value alone where that names the key ("latex: Latex free"); never one whose
    value is none ("batteries: none", a false flag, 0)."""
    attributes = []
    for key, value in p.attributes.items():
        text, named = attribute_text(value), str(key).replace("_", " ")
        if str(key).lower() in SKIPPED_ATTRIBUTES or not text or _says_none(text):
            continue
        attributes.append(text if set(said_words(named)) <= set(said_words(text)) else f"{named} {text}")
    return " | ".join([p.description or "", p.material or "", *attributes])


_NONE = frozenset({"no", "none", "false", "n/a", "na", "nil", "-", "not required", "not needed", "not applicable",
                   "does not apply"})  # and numbers: 0, NaN (`_says_none`)


def _says_none(value: str) -> bool:
    """True for an attribute's value that says there is none: "none", "n/a", "-", a false flag, 0, NaN."""
    try:
        number = float(value)
    except ValueError:
        return value.strip().lower() in _NONE
    return number == 0 or not math.isfinite(number)


def describes(text: str, term: str) -> bool:
    """True when `text` says `term` (`says`). A text without the term's `clue` is taken not to say
    it, unread word by word (one spelling it with an accent the term lacks, "Pokémon" for
    "pokemon", or an irregular plural, "mice" for "mouse", is not read)."""
    want, hint = said_words(term), clue(term)
    return bool(want) and (not hint or hint in text.lower()) and says(said_words(text), want)


@lru_cache(maxsize=1 << 12)  # `describes` asks it of the same term for every listing read
def clue(term: str) -> str:
    """What a text that says `term` is taken to hold, as written: the first four letters (or
    digits) of the longest word of it that all its forms share ("batt" of "batteries" and
    "battery", "skat" of "k2 skates", "gun" of "toy guns", "pon" of "ponies" and "pony", "kni" of
    "knife" and "knives", "150" of "f-150"); "" where they share fewer than three ("mice" and
    "mouse", "fly" and "flies")."""
    longest = max(re.findall(r"[a-z]+|[0-9]+", term.lower()), key=len, default="")
    every = forms(longest) | ({longest[:-1] + "ies"} if re.search(r"[^aeiou]y$", longest) else set())
    shared = os.path.commonprefix(sorted(every))[:4] if longest else ""
    return shared if len(shared) >= 3 else ""


def _names(p: Product) -> str:
    return f"{p.title} {p.brand} {p.category_path} {p.colour}"


@lru_cache(maxsize=1 << 16)  # every reference check reads each product's names again (`Constraints.allows`)
def _name_words(names: str) -> frozenset[str]:
    """The tokens an exclusion is matched on: the words, and two words written together."""
    return frozenset(tokens_with_numbers(names)) | joined_words(names)


_WORD = re.compile(r"[a-z]+", re.IGNORECASE)


def joined_words(text: str) -> set[str]:
    """The tokens of each two words of `text` written together: "Storm Trooper" is also a
    "stormtrooper", "Doll House" a "dollhouse"."""
    words = _WORD.findall(text)  # two letters or more each: no "s" of a possessive ("Children s Kids")
    return {t for a, b in pairwise(words) if len(a) > 1 and len(b) > 1 for t in tokens_with_numbers(a + b)}


def _excluded_words(term: str) -> list[set[str]]:
    """The sets of tokens any one of which, all held, says a product is `term`: its words, and
    for two words their joined form ("storm trooper" is also a "Stormtrooper"). A word joined by a
    hyphen is its words too ("drinking-game themed" leaves out a "Drinking Buddies Dice Game"), a part
    of one or two letters aside ("x-shot")."""
    want = set(tokens_with_numbers(term))
    words = _WORD.findall(term)
    joined = set(tokens_with_numbers("".join(words))) if len(words) == 2 else set()
    # the words a hyphen joins, where each is a word ("drinking-game", "glow-in-the-dark"; never "x-shot")
    parts = re.split(r"-", term)
    apart = set(tokens_with_numbers(" ".join(parts))) if len(parts) > 1 and all(
        len(part) >= 3 or part.lower() in STOPWORDS for part in parts) else set()
    # a colour refused is also the words made of it: "isn't pink" leaves out a "Pinkie Pie", a "reddish" one
    tinted = [set(tokens_with_numbers(words[0].lower() + end)) for end in _TINTS.get(words[0].lower(), ("ish",))] if (
        len(words) == 1 and words[0].lower() in COLOURS) else []
    like = _LIKE_IT.get(words[0].lower()) if len(words) == 1 else None  # "nothing princessy": a Princess doll
    return [w for w in (want, joined, apart, *tinted, set(tokens_with_numbers(like)) if like else set()) if w]


# How titles make words of a colour beyond "-ish" ("Pinkie Pie", "Pinky"; never "Brownie", "Goldie").
_TINTS = {"pink": ("ie", "y", "ish")}
# Words that say "like a ...", and the thing ("nothing princessy"); never a word of its own ("pottery").
_LIKE_IT = {"princessy": "princess", "princessey": "princess", "glittery": "glitter", "sparkly": "sparkle",
            "babyish": "baby", "childish": "child", "girly": "girl", "girlie": "girl", "unicorny": "unicorn",
            "frilly": "frill", "dinosaury": "dinosaur"}


def listing_ids(catalog: Catalog) -> list[int]:
    """Per product, the id of its listing: equal for products whose titles are the same words
    (case, spacing and punctuation aside)."""
    ids: dict[str, int] = {}
    return [ids.setdefault(" ".join(re.findall(r"\w+", p.title.lower())), len(ids)) for p in catalog.products]


@dataclass
class CatalogArrays:
    """Per-product columns as tensors so constraints and price fit are vectorised."""

    price: torch.Tensor  # NaN where unpriced
    in_stock: torch.Tensor
    age_lo: torch.Tensor  # -1 where unknown
    age_hi: torch.Tensor
    pieces_from: torch.Tensor  # a jigsaw's age by its pieces (`Product.pieces_from_age`); -1 where none
    pieces: torch.Tensor  # the count of pieces a title states (`Product.pieces`); NaN where none
    category_of: list[str] = field(default_factory=list)
    audience: dict[str, torch.Tensor] = field(default_factory=dict)  # group -> products serving it (`serves`)
    colour: dict[str, torch.Tensor] = field(default_factory=dict)  # colour word -> products of it
    called: dict[str, torch.Tensor] = field(default_factory=dict)  # group -> products whose title calls it (`facets.called`)
    baby_shelf: torch.Tensor | None = None  # products filed on the baby or toddler shelf (`facets.on_baby_shelf`)
    small_titles: torch.Tensor | None = None  # titles that call babies or toddlers and no one else (`facets.calls_the_small`)
    infant_titles: torch.Tensor | None = None  # ... infants and no toddler (`facets.calls_infants`)
    one_sex: torch.Tensor | None = None  # products serving one sex alone (`one_sex`)
    # the listing each product is: products whose titles are the same words share one id, and
    # a list never shows two of them (a store's catalog can list one product twice)
    listing: torch.Tensor | None = None

    @classmethod
    def build(cls, catalog: Catalog, device: str) -> CatalogArrays:
        prices = [math.nan if p.price is None else p.price for p in catalog.products]
        spans = [p.ages_served or (-1, -1) for p in catalog.products]
        served = [served_by(p) for p in catalog.products]
        narrows = any(s != EVERYONE for s in served)  # else a recipient has nothing to narrow: no masks
        calls = [called(p.title) for p in catalog.products]
        colours = [colour_words(p.colour) for p in catalog.products]
        words = sorted(set().union(*colours)) if colours else []
        return cls(
            price=torch.tensor(prices, dtype=torch.float32, device=device),
            in_stock=torch.tensor([p.in_stock for p in catalog.products], device=device),
            age_lo=torch.tensor([s[0] for s in spans], dtype=torch.float32, device=device),
            age_hi=torch.tensor([s[1] for s in spans], dtype=torch.float32, device=device),
            pieces_from=torch.tensor([-1 if (a := p.pieces_from_age) is None else a for p in catalog.products],
                                     dtype=torch.float32, device=device),
            pieces=torch.tensor([math.nan if (n := p.pieces) is None else n for p in catalog.products],
                                dtype=torch.float32, device=device),
            category_of=[p.category_path for p in catalog.products],
            audience={g: torch.tensor([g in s for s in served], device=device) for g in GROUPS if narrows},
            colour={w: torch.tensor([w in c for c in colours], device=device) for w in words},
            called={g: torch.tensor([g in c for c in calls], device=device) for g in GROUPS if narrows},
            baby_shelf=torch.tensor([on_baby_shelf(p.category_path) for p in catalog.products], dtype=torch.bool,
                                    device=device),
            small_titles=torch.tensor([calls_the_small(p.title) for p in catalog.products], dtype=torch.bool, device=device),
            infant_titles=torch.tensor([calls_infants(p.title) for p in catalog.products], dtype=torch.bool, device=device),
            one_sex=torch.tensor([one_sex(s) for s in served], dtype=torch.bool, device=device),
            listing=torch.tensor(listing_ids(catalog), dtype=torch.long, device=device),
        )

    def calling_others(self, groups: tuple[str, ...]) -> torch.Tensor | None:
        """Products whose titles call someone, none of `groups` (`facets.called`); None when
        the catalog's titles call no one apart."""
        if not groups or not self.called:
            return None
        calls = torch.stack([self.called[g] for g in GROUPS])
        ours = torch.stack([self.called[g] for g in groups])
        return calls.any(dim=0) & ~ours.any(dim=0)

    def on_shelf_outgrown(self, groups: tuple[str, ...]) -> torch.Tensor | None:
        """For someone past the baby shelf (`groups` without "baby"), the products filed on it
        whose titles call none of `groups` (a "Baby & Toddler Toys" musical spider for a
        nine-year-old), all of it where no one is named, and those whose titles call babies or
        toddlers alone ("Hansa Ostrich Baby Plush"); None when the baby is one of them. The
        caller says whether they are past it (`engine._rank`: by the age said, or grown up)."""
        if "baby" in groups or self.baby_shelf is None:
            return None
        small = self.small_titles if self.small_titles is not None else torch.zeros_like(self.baby_shelf)
        if not groups or not self.called:  # "a gift for a 9 year old": no one named, the age said
            return self.baby_shelf | small
        return self.baby_shelf & ~torch.stack([self.called[g] for g in groups]).any(dim=0) | small

    def members(self, category_path: str) -> torch.Tensor | None:
        """Indices of the products in `category_path` (built on first use)."""
        if not hasattr(self, "_members"):
            groups: dict[str, list[int]] = {}
            for i, path in enumerate(self.category_of):
                groups.setdefault(path, []).append(i)
            self._members = {k: torch.tensor(v, device=self.price.device) for k, v in groups.items()}
        return self._members.get(category_path)

    def mask(self, c: Constraints, catalog: Catalog) -> torch.Tensor:
        """Boolean mask of products that satisfy `c` (same result as `Constraints.allows`)."""
        ok = torch.ones_like(self.in_stock, dtype=torch.bool)
        if c.in_stock_only:
            ok &= self.in_stock
        price = self.price
        if c.priced_only:
            ok &= ~torch.isnan(price)
        if c.budget_max is not None:
            ok &= ~(price > c.budget_max + 1e-6)
        if c.budget_min is not None:
            ok &= ~(price < c.budget_min - 1e-6)
        if c.price_below is not None:
            ok &= ~(price >= c.price_below - 1e-6)
        if (ages := c.age_span) is not None:
            known = self.age_lo >= 0
            ok &= ~known | ((self.age_lo <= ages[1]) & (self.age_hi >= ages[0]))
            if c.by_pieces:
                ok &= ~(self.pieces_from > ages[1])
        for bound in c.pieces:  # "<=500": as `lexical.within`, a count not stated passing
            test, limit = bound_test(bound)
            ok &= self.pieces.isnan() | test(self.pieces, limit)
        if c.audience or c.colours:
            ok &= self.facet_mask(c.audience, c.colours)
        if c.neutral and self.one_sex is not None:
            ok &= ~self.one_sex
        for pid in c.exclude_ids:
            if (i := catalog.index_of(pid)) is not None:
                ok[i] = False
        if c.exclude_brands or c.exclude_terms:
            words = self._word_index(catalog)
            for brand in c.exclude_brands:
                for i in words.get(("brand", brand.lower()), ()):
                    ok[i] = False
            for term in (name for t in c.exclude_terms for name in with_lines(t)):  # `_mentions`, vectorised
                for wanted in _excluded_words(term):
                    for i in set.intersection(*(words.get(("word", t), set()) for t in wanted)):
                        ok[i] = False
        for term in c.exclude_said:
            for i in self.saying(term, catalog):
                ok[i] = False
        return ok

    def saying(self, term: str, catalog: Catalog) -> frozenset[int]:
        """The products whose description, material or attributes say `term` (`describes`), kept
        per term. Only those whose text holds the term's clue (`clue`) are read word by word: one
        search of all the texts, lowered and joined, finds them (a 100,000-product catalog in well
        under a second, where reading each text took seconds)."""
        if not hasattr(self, "_saying"):
            texts = [refusable_text(p) for p in catalog.products]
            lowered = [t.lower() for t in texts]  # each apart: lowering can change a text's length ("İ")
            self._texts, self._joined = texts, "\x00".join(lowered)
            self._starts = np.cumsum([0] + [len(t) + 1 for t in lowered[:-1]])
            self._saying: dict[str, frozenset[int]] = {}
        if (known := self._saying.get(term)) is None:
            hint = clue(term)
            held = (range(len(self._texts)) if not hint else
                    sorted(set(np.searchsorted(self._starts, [m.start() for m in re.finditer(re.escape(hint), self._joined)],
                                               side="right") - 1)))
            known = frozenset(int(i) for i in held if describes(self._texts[i], term))
            if len(self._saying) > 256:  # a frozenset of up to the whole catalog each
                self._saying.clear()
            self._saying[term] = known
        return known

    def facet_mask(self, audience: tuple[str, ...] = (), colours: tuple[str, ...] = ()) -> torch.Tensor:
        """Products serving one of `audience` (when given) in one of `colours` (when given)."""
        ok = torch.ones_like(self.in_stock, dtype=torch.bool)
        for facet, values in ((self.audience, audience), (self.colour, colours)):
            if values:
                hit = torch.zeros_like(ok)
                for value in values:
                    if (has := facet.get(value)) is not None:
                        hit |= has
                ok &= hit
        return ok

    def _word_index(self, catalog: Catalog) -> dict[tuple[str, str], set[int]]:
        """Lazily built: word -> products whose title, brand or category has it (two words
        written together too, `joined_words`); brand -> products."""
        if not hasattr(self, "_words"):
            index: dict[tuple[str, str], set[int]] = {}
            for i, p in enumerate(catalog.products):
                for w in _name_words(_names(p)):
                    index.setdefault(("word", w), set()).add(i)
                if p.brand:
                    index.setdefault(("brand", p.brand.lower()), set()).add(i)
            self._words = index
        return self._words


@dataclass
class Ranked:
    """One chosen product with its total score and the named parts it came from."""

    index: int
    score: float
    parts: dict[str, float]


def score_parts(*, semantic: torch.Tensor, lexical: torch.Tensor | None = None, history: torch.Tensor | None, popularity: torch.Tensor,
                arrays: CatalogArrays, constraints: Constraints, feedback: torch.Tensor,
                unseen: torch.Tensor) -> dict[str, torch.Tensor]:
    """Every named part as an (n,) tensor, each roughly in [-1, 1]."""
    zeros = torch.zeros_like(semantic)
    ceiling = constraints.price_below or constraints.budget_max
    if ceiling:
        # Shoppers who give a ceiling tend to spend most of it: peak at 70% of the ceiling.
        ratio = torch.nan_to_num(arrays.price / ceiling, nan=0.0)
        price_fit = (1.0 - (ratio - 0.7).abs() / 0.7).clamp(0.0, 1.0)
    else:
        price_fit = zeros
    return {
        "semantic": semantic,
        "lexical": lexical if lexical is not None else zeros,
        "history": history if history is not None else zeros,
        "popularity": popularity,
        "price_fit": price_fit,
        "feedback": feedback,
        "exploration": unseen,
    }


def rank(parts: dict[str, torch.Tensor], weights: ScoreWeights, mask: torch.Tensor,
         vectors: torch.Tensor, k: int, mmr_lambda: float, near_duplicate: float,
         pool: int = 60, tier: torch.Tensor | None = None, listing: torch.Tensor | None = None) -> list[Ranked]:
    """Top-`k` allowed products by weighted score, diversified with MMR.

    `tier` (per product, 0..1: how much of what the shopper named it holds) orders before the
    score: every product of a higher tier comes first, and the score and MMR diversity only
    choose among products of one tier. Near-duplicates (cosine above `near_duplicate` to an
    item already chosen; none when it is 1 or more) and a second product of a `listing` already
    chosen are skipped.
    """
    w = asdict(weights)
    total = sum(w[name] * parts[name] for name in PARTS)
    total = torch.where(mask, total, torch.full_like(total, -math.inf))
    allowed = int(mask.sum())
    if allowed == 0 or k <= 0:
        return []
    # Weighted scores stay within a few units: TIER_GAP per unit of tier keeps tiers apart.
    order = total if tier is None else total + TIER_GAP * tier.to(total.device, total.dtype)
    _, top_idx = torch.topk(order, min(max(pool, 2 * k), allowed))  # MMR chooses k from twice as many at least
    candidates = top_idx.tolist()
    # The few candidates' choice runs in numpy: a handful of small steps, where torch's per-call
    # cost would outweigh the arithmetic.
    cand_vectors = vectors[top_idx].float().cpu().numpy()
    relevance = order[top_idx].float().cpu().numpy()
    top_scores = total[top_idx].tolist()
    part_values = torch.stack([parts[name][top_idx].float() for name in PARTS]).cpu().numpy()
    cand_listing = None if listing is None else listing[top_idx].cpu().numpy()
    chosen: list[int] = []
    closest = np.full(len(candidates), -np.inf, dtype=np.float32)  # each one's cosine to its nearest chosen
    barred = np.zeros(len(candidates), dtype=bool)  # chosen, or of a listing already chosen
    while len(chosen) < min(k, len(candidates)):
        max_sim = closest if chosen else np.zeros_like(relevance)
        mmr = mmr_lambda * relevance - (1 - mmr_lambda) * max_sim
        mmr[barred] = -np.inf
        if chosen and near_duplicate < 1.0:
            mmr[max_sim > near_duplicate] = -np.inf
        best = int(np.argmax(mmr))
        if mmr[best] == -np.inf:
            break
        chosen.append(best)
        barred[best] = True
        if cand_listing is not None:
            barred |= cand_listing == cand_listing[best]
        closest = np.maximum(closest, cand_vectors @ cand_vectors[best])
    return [
        Ranked(index=candidates[c], score=top_scores[c],
               parts={name: round(float(part_values[j, c]), 4) for j, name in enumerate(PARTS)})
        for c in chosen
    ]
