"""Which products hold what the shopper named (the focus, found by `focus`): the list is made of
them whenever the catalog holds enough of them within the hard constraints.

A product's `coverage` is the share of the best alternative it holds in its title, brand or
category, each word weighted by how rare it is among the catalog's names (so "lego" counts
for more than "set"). The kind (the alternative's last word: "costume" in "halloween
costume", passing over words that say how it is sold: "slime" in "slime kit") and brands or lines (words most products that hold them lead with: "lego",
"barbie") count in full; other qualifiers ("halloween", "wooden") count half, and together
never more than the kind, so a costume that is not a Halloween one is a close alternative and
a Halloween mug is not. A product is on target (`on_target`) when its names hold every word
of an alternative, "set"/"kit" aside, and any stated count; when any on-target product fits,
the list holds only those, fuller coverage first. Only when none fits come products that miss
nothing but describing words (`essential`), labelled as close alternatives; when no product
is even that, the closest partial matches above a floor, labelled the same way."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from recommender.franchises import lines_of
from recommender.impressions import ShownItem
from recommender.lexical import (
    FOR_WORDS,
    LexicalIndex,
    word_tokens,
)

FLOOR = 0.5  # partial matches below this coverage are unrelated: never shown when a focus exists
QUALIFIER = 0.5  # weight of a word that qualifies the kind named, against the kind or a brand
QUALIFIER_CAP = 0.9  # all qualifiers together weigh at most this share of the kind
DESCRIBES = 2.0  # a qualifier in this many times more listings than names only describes
MAX_NAME_SHARE = 0.3  # a word in more of the catalog's names than this names nothing in particular
RARE_IN_LISTINGS = 0.01  # a word in no name and at most this share of listings is a thing none is called
# Asked of a kind, one of these means its parts or accessories are wanted ("doll accessories").
_FOR_STEMS = frozenset(t for w in FOR_WORDS for t in word_tokens(w))


# Stems of words that say how a thing is sold, not what it is: never the kind when another word
# names it, and never required ("a slime kit" is met by slime without the word "kit").
PACKAGING = frozenset({"set", "kit", "pack", "bundl", "collect", "box", "lot", "assort", "piec", "pc", "pcs"})


@dataclass(frozen=True)
class Focus:
    """What the shopper named: alternatives of required stems, as typed, and what no listing has."""

    alternatives: tuple[tuple[str, ...], ...] = ()
    phrase: str = ""  # the shopper's words for it, as typed ("lego set")
    missing: tuple[str, ...] = ()  # named words no listing holds ("nerf"), as typed
    unnamed: tuple[str, ...] = ()  # named words that a few listings hold but no name ("xylophone"), as typed
    corrected: tuple[tuple[str, str], ...] = ()  # (as typed, the catalog word read instead)
    measures: tuple[tuple[str, str], ...] = ()  # (number, unit) a title must state: ("500", "piece"), ("<=100", "piece")
    said: frozenset[str] = frozenset()  # every word of the clause, names or not ("accessories" in "doll accessories")
    accessories_of: frozenset[str] = frozenset()  # what accessories were asked for ("doll" in "doll accessories")
    in_listings: bool = False  # matched in the listings, bullets included: no product is called it ("a xylophone")
    properties: frozenset[str] = frozenset()  # words said of how it is, not what it is ("cuddly", "adult")

    def __bool__(self) -> bool:
        return bool(self.alternatives)

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for alt in self.alternatives for t in alt))


def kind_at(alternative: tuple[str, ...]) -> int:
    """Which word names the kind: the last one, unless that only says how it is sold ("slime
    kit", "watercolor set": the kind is slime, watercolor)."""
    named = [i for i, t in enumerate(alternative) if t not in PACKAGING]
    return named[-1] if named else len(alternative) - 1


def _weights(alternative: tuple[str, ...], index: LexicalIndex) -> list[float]:
    """Rarity weights; qualifiers together never outweigh the kind, so the kind alone stays
    above the floor (a close alternative) and the qualifiers alone stay below it."""
    kind = kind_at(alternative)
    key = [i == kind or index.leads(t) for i, t in enumerate(alternative)]
    weights = [index.idf(t) * (1.0 if k else QUALIFIER) for t, k in zip(alternative, key)]
    qualifiers = sum(w for w, k in zip(weights, key) if not k)
    cap = QUALIFIER_CAP * weights[kind]
    if qualifiers > cap:
        weights = [w if k else w * cap / qualifiers for w, k in zip(weights, key)]
    return weights




def _named_docs(token: str, alternative: tuple[str, ...], focus: Focus, index: LexicalIndex) -> np.ndarray:
    """The products whose names hold `token` or a licensed line of the owner it names (`franchises`),
    save those that hold it only in a brand's name the shopper did not say: "rc wheels" are not
    Hot Wheels cars, "games" not Buffalo Games jigsaws.
    For a focus no product is called, those whose listings mention it."""
    if focus.in_listings:  # the word as typed, found in listings as written
        return next((index.mentions(w) for thing in focus.unnamed for w in thing.split() if token in word_tokens(w)),
                    np.zeros(0, dtype=np.int64))
    docs = index.named_docs(token)
    if lines := lines_of(token, alternative):  # "marvel": a Captain America figure is Marvel's
        docs = np.union1d(docs, np.concatenate([index.named_all(line) for line in lines]))
    for first, only in index.branded(token):
        if first not in focus.said and first not in alternative:  # "hotwheels" says "hot" too
            docs = np.setdiff1d(docs, only)
    return docs


def holding_all(docs: list[np.ndarray], size: int) -> np.ndarray:
    """Products found in every one of `docs` (index arrays)."""
    count = np.zeros(size, dtype=np.int32)
    for d in docs:
        count[np.unique(d)] += 1
    return count == len(docs)


def essential(focus: Focus, index: LexicalIndex) -> np.ndarray:
    """Per product: holds every word of some alternative that the shopper could not do without,
    and states every count or size asked for (a 500 piece puzzle not called a jigsaw is closer to
    "a 500 piece jigsaw" than a 1000 piece jigsaw is).

    That is the kind, the brands and lines, and qualifiers that listings use mostly as names
    ("yoga" in "yoga mat", "cutting" in "cutting board"); a qualifier that listings use far
    more in their descriptions than in their names ("halloween": "perfect for Halloween")
    only describes, and a product without it is a close alternative. So is a brand's product
    when no name of the brand's holds the kind and the kind only describes too ("Great Eastern
    anime merch": no title says "anime", though the brand's products are). A part for the kind
    ("Doll Hat") is none, unless the catalog holds nothing else that names the kind: "an art
    easel" where the one easel is an "Easel Case Artist Set".
    """
    if focus.in_listings:
        return on_target(focus, index)  # each word is what was asked for
    held = np.zeros(index.size, dtype=bool)
    for alternative in focus.alternatives:
        kind = kind_at(alternative)
        names = [t not in PACKAGING and index.listing_df(t) <= DESCRIBES * index.name_df(t) for t in alternative]
        pair = {t for a, b in pairwise(alternative) if index.names_brand(a, b) for t in (a, b)}
        said_of_brand = bool(pair) and not names[kind] and alternative[kind] not in pair and not holding_all(
            [_named_docs(t, alternative, focus, index) for t in (*pair, alternative[kind])], index.size).any()
        need = [t for i, t in enumerate(alternative)
                if (i == kind and not said_of_brand) or index.leads(t) or t in pair or names[i]]
        this = holding_all([_named_docs(t, alternative, focus, index) for t in dict.fromkeys(need)]
                        + [index.measured_docs(m) for m in focus.measures], index.size)
        whole = this.copy()
        whole[_unasked_parts(alternative, focus, index)] = False
        held |= whole if whole.any() else this  # where the catalog has only parts for it ("Easel Case Artist Set")
    return held


def on_target(focus: Focus, index: LexicalIndex) -> np.ndarray:
    """Per product: is what was named. Its title, brand or category holds every word of some
    alternative and every stated count or size ("500 piece"); a word that says how it is sold
    ("set", "kit") is never required, save as the kind or a brand: a chess board is a chess set."""
    held = np.zeros(index.size, dtype=bool)
    for alternative in focus.alternatives:
        kind = kind_at(alternative)
        words = dict.fromkeys(t for i, t in enumerate(alternative)
                              if i == kind or t not in PACKAGING or index.leads(t))
        docs = [_named_docs(t, alternative, focus, index) for t in words] + [index.measured_docs(m) for m in focus.measures]
        this = holding_all(docs, index.size)
        held |= _parts_as_asked(this, alternative, focus, index)
    return held


def close_to_target(focus: Focus, index: LexicalIndex) -> np.ndarray:
    """Per product: is what was named but for words that say how it is ("a cuddly stuffed animal":
    any stuffed animal; "a halloween costume": any costume), which listings often leave unsaid.
    Never a thing of another kind: "finger puppets" has no hand puppet close to it."""
    held = np.zeros(index.size, dtype=bool)
    for alternative in focus.alternatives:
        kind = kind_at(alternative)
        if not any(t in focus.properties for i, t in enumerate(alternative) if i != kind):
            continue
        words = dict.fromkeys(t for i, t in enumerate(alternative) if i == kind or (
            t not in focus.properties and (t not in PACKAGING or index.leads(t))))
        docs = [_named_docs(t, alternative, focus, index) for t in words] + [index.measured_docs(m) for m in focus.measures]
        held |= _parts_as_asked(holding_all(docs, index.size), alternative, focus, index)
    return held


def _parts_as_asked(held: np.ndarray, alternative: tuple[str, ...], focus: Focus, index: LexicalIndex) -> np.ndarray:
    """`held` with the parts and accessories for the kind named as the shopper asked: "a doll" is
    not "Doll Clothes" (unless parts or accessories were asked for); "doll accessories" are a
    doll's accessories or parts ("Doll Hat"), not the doll. LEGO storage is LEGO: a brand keeps all."""
    kind = alternative[kind_at(alternative)]
    if kind in focus.accessories_of and not index.leads(kind):
        accessory = np.zeros(index.size, dtype=bool)
        accessory[index.accessories()] = True
        accessory[index.parts_for(kind)] = True
        return held & accessory
    held[_unasked_parts(alternative, focus, index)] = False
    return held


def _unasked_parts(alternative: tuple[str, ...], focus: Focus, index: LexicalIndex) -> np.ndarray:
    """The products that are parts or accessories for the kind named ("Doll Hat" for a doll; a
    truck body filed under vehicle parts, for a car), when the shopper asked for none and the
    kind is no brand: never what was named, nor close to it. With a brand named ("hot wheels", "anything
    from Redcat"), what the store files under parts is still that brand's."""
    kind = alternative[kind_at(alternative)]
    if focus.in_listings or index.leads(kind) or kind in focus.accessories_of or focus.said & _FOR_STEMS:
        return np.zeros(0, dtype=np.int64)
    if any(index.leads(t) for t in alternative) or any(index.names_brand(a, b) for a, b in pairwise(alternative)):
        return index.parts_for(kind)  # "Great Eastern anime merch": the brand's wallet too
    return np.union1d(index.parts_for(kind), index.filed_as_parts(kind))


def coverage(focus: Focus, index: LexicalIndex) -> np.ndarray:
    """Per product, the best alternative's rarity-weighted share held in its names (0..1)."""
    best = np.zeros(index.size, dtype=np.float32)
    for alternative in focus.alternatives:
        weights = _weights(alternative, index)
        held = np.zeros(index.size, dtype=np.float32)
        for w, t in zip(weights, alternative):
            held[_named_docs(t, alternative, focus, index)] += w
        total = sum(weights)
        kind = kind_at(alternative)
        held[_unasked_parts(alternative, focus, index)] -= weights[kind]  # a "Doll Hat" is no doll
        for measure in focus.measures:  # a stated count or size weighs as much as the kind
            held[index.measured_docs(measure)] += weights[kind]
            total += weights[kind]
        best = np.maximum(best, held / max(total, 1e-9))
    return np.round(best, 3)


def match_summary(focus: Focus, items: Sequence[ShownItem], k: int) -> dict[str, Any]:
    """What the shopper named and how the list holds it, with one honest sentence when it falls short.

    `note` is None when every item is what was named; otherwise it says how many are, that
    the rest are alternatives, which named words no listing holds, and which no product is called.
    """
    targets = [it.evidence["target"] for it in items if it.evidence.get("target")]
    on_target = sum(t["on_target"] for t in targets)
    summary: dict[str, Any] = {"named": focus.phrase, "terms": list(focus.terms), "missing": list(focus.missing),
                               "unnamed": list(focus.unnamed), "corrected": {typed: word for typed, word in focus.corrected},
                               "on_target": on_target, "shown": len(items), "note": None}
    said: list[str] = []
    absent = [f"{lead} {' or '.join(f'“{w}”' for w in words)}" for lead, words in (
        ("nothing in this store's listings mentions", dict.fromkeys(focus.missing)),
        ("no product here is called", dict.fromkeys(focus.unnamed))) if words]
    others = len(items) - on_target
    if absent:
        said.append("; ".join(absent).capitalize()[:1] + "; ".join(absent)[1:] + (
            _mentioned(focus, len(items), on_target, k) if focus.in_listings
            else f", so these are matched on “{focus.phrase}” only." if focus and items
            else "; these are the closest I found." if items and focus.unnamed else "."))
    named = bool(focus) and not focus.in_listings  # what mentions a thing no product is called is said above
    if named and items and on_target == 0:
        said.append(f"Nothing matches all of “{focus.phrase}” within what you asked; "
                    + ("this is the closest alternative." if len(items) == 1 else "these are the closest alternatives."))
    elif named and others:
        said.append(f"{on_target} of these match all of “{focus.phrase}”; the other {others} "
                    f"{'is a close alternative' if others == 1 else 'are close alternatives'}.")
    elif named and 0 < len(items) < k:
        said.append(f"That's {'the only one' if len(items) == 1 else f'all {len(items)}'} matching "
                    f"“{focus.phrase}” within what you asked.")
    summary["note"] = " ".join(said) or None
    return summary


def _mentioned(focus: Focus, shown: int, on_target: int, k: int) -> str:
    """The end of the sentence for a focus no product is called: which of the list mention it."""
    it = "it" if len(focus.unnamed) == 1 else "them"
    if shown and on_target == shown:
        which = "this one mentions" if shown == 1 else "these mention"
        where = "its listing" if shown == 1 else "their listings"
        return f"; {which} {it} in {where}" + (", all within what you asked." if shown < k else ".")
    if on_target:
        rest = shown - on_target
        return (f"; {on_target} of these mention {it} in their listings, the other {rest} "
                f"{'is' if rest == 1 else 'are'} the closest I found.")
    return "; these are the closest I found." if shown else "."
