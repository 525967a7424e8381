"""Questions about a product, answered from its listing with the quote, or "the listing doesn't say".

`Answerer.ask(product, question)` scores the listing's passages (`recommender/listing.py`)
against the question and answers with the best ones quoted verbatim:

- score = dense cosine (the shop's sentence encoder; optional) + `lexical` x the share of the
  question's content words (weighted by rarity in the listing) that the passage holds + `aspect`
  when the passage speaks of what the question is about (batteries, material, size, ...);
- what is asked is read from the sentences that ask (`asking_part`), not from those that only
  tell ("... my 2 year old chews on everything");
- only a passage that holds the kind of answer wanted can answer (`can_answer`): a duration for
  "how long does it last?", a measure for "how big?", a weight, a place of making, a count (of
  pages, for "how many pages?");
- a question about an aspect that no passage mentions, or whose best passage scores below
  `threshold` (and, when above `floor`, is not `margin` ahead of the next), is not answered:
  "The listing doesn't say ...";
- "yes" or "no" leads an answer only when the quote decides it (`polarity`): "Are batteries
  included?" + "Requires 2 AA batteries (not included)" is a no. Otherwise the answer is what
  the listing says, in its words.

`verify` re-checks an answer against the listing: every quote is in the field it names, every
number of the answer is in a quote, and a yes/no follows from the quotes. `Answerer.ask` only
returns answers that pass; settings are chosen by `bench qa --sweep` on the development splits.
"""
from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import torch

from recommender.api import Answer
from recommender.catalog import Product
from recommender.listing import Passage, passages, quote_holds
from recommender.question_reading import (
    asked_things,
    asking_part,
    aspects_of,
    called_also,
    can_answer,
    named_anywhere,
    polarity,
    speaks_of,
    what_is_unsaid,
    words,
)

Encode = Callable[[list[str]], torch.Tensor]  # texts -> unit vectors
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")  # a number an answer says must be in its quotes
MAX_QUESTION_CHARS = 500


def checked_question(value: object) -> str:
    """A shopper's question as given, or ValueError saying what is wrong with it (blank, too long)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("question is required: a non-empty string")
    if len(value) > MAX_QUESTION_CHARS:
        raise ValueError(f"question is longer than {MAX_QUESTION_CHARS} characters")
    return value


@dataclass(frozen=True)
class Settings:
    # Chosen by `bench qa --sweep` on the nine development splits, dev, test and dev2 to dev8
    # (the setting chosen most often for the goals' worst figure, by product folds)
    lexical: float = 1.0  # weight of the question-word share
    aspect: float = 0.4  # bonus for a passage that speaks of the question's aspect
    threshold: float = 0.8  # best score at least this: answered
    floor: float = 0.4  # or at least this, and ahead of every other passage by `margin`
    margin: float = 0.15
    second: float = 0.9  # a second quote when it scores at least this share of the best


class Answerer:
    """Answers questions about products from their listings; passage vectors are cached per product."""

    def __init__(self, encode: Encode | None = None, settings: Settings = Settings(), cache_size: int = 256) -> None:
        self.encode = encode
        self.settings = settings
        self._vectors: OrderedDict[tuple[str, int], torch.Tensor] = OrderedDict()
        self._cache_size = cache_size
        self.refused = 0  # answers the verifier refused (given as "the listing doesn't say" instead)

    def ask(self, product: Product, question: str) -> Answer:
        question = " ".join(question.split())[:MAX_QUESTION_CHARS]
        chosen = self.evidence(product, question)
        answer = compose(product, question, chosen)
        if verify(product, question, answer):  # never expected: counted, and the answer is not given
            self.refused += 1
            return unanswered(product, question)
        return answer

    def evidence(self, product: Product, question: str) -> list[Passage]:
        """The passages that answer the question, best first; [] when the listing does not."""
        return self.choose(self.ranked(product, question))

    def ranked(self, product: Product, question: str) -> list[tuple[Passage, float]]:
        """The passages that could answer, best first, with their scores; [] when none can."""
        found = passages(product)
        asking = asking_part(question)  # what is asked, without the sentences that only tell
        asked_aspects = aspects_of(asking)
        on_aspect = torch.tensor([float(bool(asked_aspects) and speaks_of(p, asked_aspects)) for p in found])
        if asked_aspects and not on_aspect.any():
            return []  # about something the listing never mentions: nothing to score
        held = [set(words(p.readable())) for p in found]  # each passage's words, read once
        things = asked_things(asking)
        # the listing's own words for a thing asked otherwise ("goggles": "safety glasses") name it too,
        # and count as asked
        text = " \n ".join(p.readable() for p in found) if things else ""
        also = [w for t in things for name in called_also(t, text) for w in words(name)]
        if things and not also and not any(named_anywhere(t, set().union(*held)) for t in things):
            return []  # "does it come with a lid?" where no lid is ever named
        title = frozenset(words(product.title))
        fits = torch.tensor([can_answer(asking, p, title) for p in found])
        if not fits.any():
            return []  # no passage holds the kind of answer wanted (a duration, a measure, ...)
        scores = self.scores(product, question, found, held, on_aspect, also)
        order = torch.argsort(scores, descending=True).tolist()
        return [(found[i], float(scores[i])) for i in order if fits[i]]

    def choose(self, ranked: list[tuple[Passage, float]]) -> list[Passage]:
        """The quotes to answer with: the best passage when it scores above the threshold, or above
        the floor and clearly above every other passage; a second one from another field close to it."""
        if not ranked:
            return []
        s = self.settings
        best, top = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else -math.inf
        if top < s.threshold and not (top >= s.floor and top - runner_up >= s.margin):
            return []
        chosen = [best]
        if len(ranked) > 1 and runner_up >= s.second * top and ranked[1][0].field != best.field:
            chosen.append(ranked[1][0])
        return chosen

    def scores(self, product: Product, question: str, found: list[Passage], held: list[set[str]],
               on_aspect: torch.Tensor, also: list[str]) -> torch.Tensor:
        """Per passage: dense cosine (with an encoder) + weighted question-word share + aspect bonus;
        `held` is each passage's words (`words`); `also`, words counted as asked (`called_also`)."""
        s = self.settings
        total = s.lexical * torch.tensor(_word_share(question, held, also)) + s.aspect * on_aspect
        if self.encode is not None:
            q = self.encode([question])[0].cpu()
            total = total + self._passage_vectors(product, found) @ q
        return total

    def _passage_vectors(self, product: Product, found: list[Passage]) -> torch.Tensor:
        key = (product.product_id, hash(tuple((p.field, p.text) for p in found)))
        if key in self._vectors:
            self._vectors.move_to_end(key)
            return self._vectors[key]
        assert self.encode is not None
        vectors = self.encode([p.readable() for p in found]).cpu()
        self._vectors[key] = vectors
        while len(self._vectors) > self._cache_size:
            self._vectors.popitem(last=False)
        return vectors


def _word_share(question: str, held: list[set[str]], also: list[str]) -> list[float]:
    """Per passage (given as its words): the share of the question's content words (and of `also`,
    words as `words` writes them) it holds, rare words (in this listing) counting more."""
    asked = set(words(question)) | set(also)
    if not asked:
        return [0.0] * len(held)
    df = {w: sum(w in h for h in held) for w in asked}
    idf = {w: math.log(1 + (len(held) + 1) / (df[w] + 0.5)) for w in asked}
    whole = sum(idf.values())
    return [sum(idf[w] for w in asked if w in h) / whole for h in held]


def compose(product: Product, question: str, chosen: list[Passage]) -> Answer:
    if not chosen:
        return unanswered(product, question)
    quotes = [p.text for p in chosen]
    lead = polarity(question, quotes)
    said = " and ".join(f"{p.label}: “{p.text}”" if p.field.startswith("attribute") else f"“{p.text}”"
                        for p in chosen)
    text = f"{lead.capitalize()}. " if lead else ""
    text += f"The listing says: {said}."
    return {"product_id": product.product_id, "answered": True, "answer": text,
            "evidence": [{"field": p.field, "text": p.text} for p in chosen]}


def unanswered(product: Product, question: str) -> Answer:
    return {"product_id": product.product_id, "answered": False,
            "answer": f"The listing doesn't say {what_is_unsaid(question)}.", "evidence": []}


def verify(product: Product, question: str, answer: Answer) -> list[str]:
    """What is wrong with an answer: quotes not in the listing, numbers or a yes/no the quotes do not give."""
    problems = []
    quotes = [e["text"] for e in answer["evidence"]]
    for e in answer["evidence"]:
        if not quote_holds(product, e["field"], e["text"]):
            problems.append(f"quote not in {e['field']}: {e['text']!r}")
    if answer["answered"] and not quotes:
        problems.append("an answer without a quote")
    labels = [e["field"].removeprefix("attribute ") for e in answer["evidence"] if e["field"].startswith("attribute ")]
    held = set(_NUMBER.findall(" ".join(quotes + labels)))
    for number in _NUMBER.findall(answer["answer"]):
        if number not in held:
            problems.append(f"number {number} is not in the quotes")
    said = re.match(r"\s*(yes|no)\b", answer["answer"], re.IGNORECASE)
    if said and said.group(1).lower() != polarity(question, quotes):
        problems.append(f"{said.group(1)!r} does not follow from the quotes")
    return problems
