"""A learned reader of refusals, beside the rules of `exclusions`: which of the things a shopper's
words name are refused ("he's had his fill of paw patrol", "she does not want to be a princess").

The rules read the refusals their patterns know; each new set of shoppers brought phrasings they
did not (README, Benchmarks: limits). This reader scores every span of the conversation that
names products of the store (one to three words, `candidates`) with a MiniLM fine-tuned on the
project's development conversations (`data/refusals/train.jsonl`, written by
scripts/refusal_data.py): a span is refused where the products it names are the ones its set
says the shopper refused. The relevance requests among them mostly name what is wanted ("a
massive star wars fan"), so that a thing shoppers often refuse is not refused whenever named.
What it scores at least `Config.refusal_threshold` joins the rules' exclusions; a span inside a
longer refused one is not added again. `python -m bench refusals` measures it in grouped
cross-validation and chose the settings.

It reads the latest `_READ_CHARS` characters of the conversation (its newest turns; a refusal
said earlier in a long conversation is left to the rules). `python -m recommender refusals`
trains it (make setup does, ~8 minutes on two cores; cached by the training file, base model,
settings and `VERSION`); without it, or with a threshold above 1, the rules alone read refusals.
"""
from __future__ import annotations

import collections
import functools
import hashlib
import itertools
import json
import logging
import random
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from recommender.config import ROOT, Config
from recommender.lexical import LexicalIndex, word_tokens
from recommender.words import STOPWORDS

log = logging.getLogger(__name__)

TRAINING_FILE = ROOT / "data" / "refusals" / "train.jsonl"
EPOCHS = 3
LEARNING_RATE = 5e-5
SWAP = 0.0  # share of labelled spans whose words are swapped in training (bench refusals --swap: 0.5 lost)
SEED = 0
# The base encoder's first layers, which the reader keeps (`bench refusals --layers`): with 3 it
# scored spans as well in cross-validation in half the time, but refused more of what shoppers
# asked for ("anything else w wheels tho" after "hot wheels r banned"; more lists off the kind
# asked for), so all 6 are kept.
LAYERS = 6
VERSION = 1  # bumped when training changes in a way its settings do not say
MAX_TOKENS = 256
_READ_CHARS = 1000  # about MAX_TOKENS tokens of English: the conversation's newest part is read
_MAX_WORDS = 3
_MIN_PRODUCTS = 2  # a span names products when at least this many hold all its words

WORD = re.compile(r"[a-z0-9]+(?:['’&-][a-z0-9]+)*", re.IGNORECASE)
# what may stand between the words of one name ("melissa & doug"): not " - ", not a new turn
_JOIN = re.compile(r"[ \t]+|[ \t]*&[ \t]*")
_NOT_NAMES = STOPWORDS | frozenset({
    "no", "not", "nothing", "none", "please", "pls", "anything", "something", "stuff", "things", "thing", "gift",
    "gifts", "present", "year", "years", "old", "yo", "kid", "kids", "birthday"})


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def candidates(text: str, products_holding: Callable[[list[str]], int]) -> list[Span]:
    """The spans of `text` (one to three words in a row, joined by spaces or "&") whose words
    at least two products hold, neither end a stopword or a word of asking ("no", "stuff"), no
    word a number; `products_holding(words)` counts the products holding all of `words`."""
    words = list(WORD.finditer(text))  # offsets in `text` itself ("İ" lower-cases to two characters)
    out = []
    for i in range(len(words)):
        for n in range(1, _MAX_WORDS + 1):
            run = words[i:i + n]
            if len(run) < n or any(not _JOIN.fullmatch(text[a.end():b.start()]) for a, b in itertools.pairwise(run)):
                break
            said = [m.group().lower() for m in run]
            if (said[0] in _NOT_NAMES or said[-1] in _NOT_NAMES or any(c.isdigit() for w in said for c in w)
                    or (n == 1 and len(said[0]) < 3)):
                continue
            if products_holding(said) >= _MIN_PRODUCTS:
                out.append(Span(run[0].start(), run[-1].end(), text[run[0].start():run[-1].end()]))
    return out


def newest(turns: Iterable[str]) -> str:
    """The conversation as the reader reads it: its turns joined by new lines, the latest
    `_READ_CHARS` characters of it (from a word's start)."""
    text = "\n".join(turns)
    if len(text) <= _READ_CHARS:
        return text
    tail = text[-_READ_CHARS:]
    return tail[m.end():] if (m := re.search(r"\s", tail)) else tail


def holders(lexical: LexicalIndex) -> Callable[[list[str]], np.ndarray]:
    """The products whose names (title, brand, category) hold every word, a word held as its stem
    ("dinos" as "dino"), a compound whole or by its parts."""

    @functools.cache  # a word stands in up to three spans of `candidates`
    def docs(word: str) -> np.ndarray:
        parts = word_tokens(word)  # a compound's parts, then its joined form
        if len(parts) < 2:
            return lexical.named_docs(parts[0]) if parts else np.zeros(0, dtype=np.int64)
        found = lexical.named_docs(parts[0])
        for token in parts[1:-1]:
            found = np.intersect1d(found, lexical.named_docs(token))
        return np.union1d(found, lexical.named_docs(parts[-1]))

    def holding(words: list[str]) -> np.ndarray:
        found = docs(words[0])
        for word in words[1:]:
            found = np.intersect1d(found, docs(word))
        return found

    return holding


def outermost(spans: Iterable[Span]) -> list[Span]:
    """The spans not inside a longer one of them."""
    spans = list(spans)
    return [s for s in spans if not any(o != s and o.start <= s.start and s.end <= o.end for o in spans)]


def _model_key(training: bytes, base: Path) -> str:
    settings = f"{EPOCHS} {LEARNING_RATE} {SWAP} {SEED} {MAX_TOKENS} {VERSION} {base.name}".encode()
    if LAYERS != 6:  # the key of a reader of all the layers is the one it had before they could be fewer
        settings += f" layers {LAYERS}".encode()
    return hashlib.sha256(training + settings).hexdigest()[:12]


def model_dir(config: Config) -> Path:
    """Where the reader trained on the current training file and settings lives."""
    return config.models_dir / "refusals" / _model_key(TRAINING_FILE.read_bytes(), config.model_path)


class _Scorer:
    """MiniLM with a linear head over a span's mean token state and the sentence's first token."""

    def __init__(self, path: Path, device: str = "cpu", layers: int | None = None) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.torch = torch
        self.device = device
        self.lock = threading.Lock()  # one forward pass at a time per model, as the encoder's
        self.tokenizer = AutoTokenizer.from_pretrained(str(path))
        self.bert = AutoModel.from_pretrained(str(path)).to(device)
        if layers is not None and layers < self.bert.config.num_hidden_layers:  # a shallower reader
            self.bert.encoder.layer = self.bert.encoder.layer[:layers]
            self.bert.config.num_hidden_layers = layers
        self.head = torch.nn.Linear(2 * self.bert.config.hidden_size, 1).to(device)
        head = path / "head.pt"
        if head.exists():
            self.head.load_state_dict(torch.load(head, map_location=device))

    def parameters(self) -> list[Any]:
        return [*self.bert.parameters(), *self.head.parameters()]

    def logits(self, text: str, spans: list[tuple[int, int]]) -> tuple[Any, list[bool]]:
        """A logit per span, and whether the span was read (its tokens within MAX_TOKENS; one cut
        off is scored from the sentence's first token alone, for training only)."""
        torch = self.torch
        batch = self.tokenizer(text, truncation=True, max_length=MAX_TOKENS, return_offsets_mapping=True,
                               return_tensors="pt")
        offsets = batch.pop("offset_mapping")[0]
        inputs = {k: v.to(self.device) for k, v in batch.items()}
        if self.bert.training:
            states = self.bert(**inputs).last_hidden_state[0]
        else:  # one sequence, no padding: its layers alone, without the model's per-call bookkeeping
            states = self.bert.embeddings(input_ids=inputs["input_ids"], token_type_ids=inputs.get("token_type_ids"))
            for layer in self.bert.encoder.layer:
                out = layer(states)
                states = out[0] if isinstance(out, tuple) else out  # a tuple in transformers 4
            states = states[0]
        reps, read = [], []
        for start, end in spans:
            inside = (offsets[:, 0] >= start) & (offsets[:, 1] <= end) & (offsets[:, 1] > offsets[:, 0])
            read.append(bool(inside.any()))
            if not read[-1]:
                inside[0] = True
            reps.append(torch.cat([states[inside.to(self.device)].mean(0), states[0]]))
        return self.head(torch.stack(reps)).squeeze(-1), read


def _regions(spans: list[dict[str, Any]]) -> list[tuple[int, int, list[dict[str, Any]], int | None]]:
    """Overlapping labelled spans merged: start, end, the spans inside, and their label where they agree."""
    merged: list[list[Any]] = []
    for s in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        if merged and s["start"] < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], s["end"])
            merged[-1][2].append(s)
        else:
            merged.append([s["start"], s["end"], [s]])
    out = []
    for start, end, inside in merged:
        labels = {s["label"] for s in inside}
        out.append((start, end, inside, labels.pop() if len(labels) == 1 else None))
    return out


def _swapped(example: dict[str, Any], pool: list[str], rng: random.Random,
             swap: float = SWAP) -> tuple[str, list[dict[str, Any]]]:
    """The conversation with most named things swapped for another conversation's (the label stays
    with its place), so that what is learned is how a thing is spoken of."""
    text, pieces, spans, at = example["text"], [], [], 0
    for start, end, inside, label in _regions(example["spans"]):
        pieces.append(text[at:start])
        at = end
        offset = sum(map(len, pieces))
        if label is not None and rng.random() < swap:
            new = rng.choice(pool)
            pieces.append(new)
            spans.append({"start": offset, "end": offset + len(new), "label": label})
        else:
            pieces.append(text[start:end])
            spans += [{**s, "start": offset + s["start"] - start, "end": offset + s["end"] - start} for s in inside]
    pieces.append(text[at:])
    return "".join(pieces), spans


def load_examples(path: Path = TRAINING_FILE) -> list[dict[str, Any]]:
    """Lines {"text", "spans": [{"start", "end", "label"}]} of the training file."""
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def train(examples: list[dict[str, Any]], base: Path, seed: int = SEED, epochs: int = EPOCHS,
          swap: float = SWAP, layers: int = LAYERS) -> _Scorer:
    """Fine-tune a scorer from the base encoder's weights on `examples` (binary cross-entropy over
    each conversation's labelled spans, eight conversations a step)."""
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    scorer = _Scorer(base, layers=layers)
    scorer.bert.train()
    optimizer = torch.optim.AdamW(scorer.parameters(), lr=LEARNING_RATE)
    pool = [ex["text"][start:end] for ex in examples for start, end, _, _ in _regions(ex["spans"])]
    order = [ex for ex in examples if ex["spans"]]
    for _ in range(epochs):
        rng.shuffle(order)
        for step, example in enumerate(order, start=1):
            text, spans = _swapped(example, pool, rng, swap)
            z, _ = scorer.logits(text, [(s["start"], s["end"]) for s in spans])
            y = torch.tensor([float(s["label"]) for s in spans])
            (torch.nn.functional.binary_cross_entropy_with_logits(z, y, reduction="sum") / 8).backward()
            if step % 8 == 0:
                optimizer.step()
                optimizer.zero_grad()
        optimizer.step()
        optimizer.zero_grad()
    scorer.bert.eval()
    return scorer


def train_and_save(config: Config) -> Path:
    """Train on the training file and save where `RefusalReader.load` looks (a no-op when there)."""
    import torch

    out = model_dir(config)
    if (out / "head.pt").exists():
        return out
    scorer = train(load_examples(), config.model_path)
    out.mkdir(parents=True, exist_ok=True)
    scorer.bert.save_pretrained(str(out))
    scorer.tokenizer.save_pretrained(str(out))
    torch.save(scorer.head.state_dict(), out / "head.pt")
    return out


@functools.lru_cache(maxsize=4)
def _loaded(path: Path, device: str) -> _Scorer:
    """One scorer per trained model and device in a process (engines are rebuilt on a reload)."""
    return _Scorer(path, device)


class RefusalReader:
    """Reads what a conversation refuses, among the things the store's products are named by."""

    def __init__(self, scorer: _Scorer, threshold: float, key: str = "") -> None:
        self.scorer = scorer
        self.threshold = threshold
        self.key = f"{key}:{threshold:g}"  # the trained model and the threshold, in `model_version`
        # Readings of the latest conversations, by catalog (its index) and text: the service reads
        # each request twice (the turns it batches for encoding, then the request itself).
        self._read: collections.OrderedDict[tuple[int, str], tuple[Span, ...]] = collections.OrderedDict()
        self._read_lock = threading.Lock()

    def forget(self) -> None:
        """Drop the kept readings (`bench latency` times every request's reading)."""
        with self._read_lock:
            self._read.clear()

    @classmethod
    def load(cls, config: Config, device: str = "cpu") -> RefusalReader | None:
        """The trained reader, or None (the rules alone read) when it is off, untrained or unreadable."""
        if config.refusal_threshold > 1:
            return None
        try:
            path = model_dir(config)
            if (path / "head.pt").exists():
                return cls(_loaded(path, device), config.refusal_threshold, path.name)
            log.warning("no trained refusal reader at %s (python -m recommender refusals): the rules alone read refusals",
                        path)
        except (OSError, RuntimeError, ValueError) as e:  # no training file, a partly written model
            log.warning("the refusal reader could not be loaded (%s): the rules alone read refusals", e)
        return None

    def scores(self, text: str, spans: list[Span]) -> np.ndarray:
        """Each span's probability of being refused; 0 for one past what the model reads."""
        if not spans:
            return np.zeros(0)
        with self.scorer.lock, self.scorer.torch.inference_mode():
            z, read = self.scorer.logits(text, [(s.start, s.end) for s in spans])
            return self.scorer.torch.sigmoid(z).cpu().numpy() * np.asarray(read, dtype=float)

    def refused(self, turns: Iterable[str], lexical: LexicalIndex) -> tuple[str, ...]:
        """The names the conversation refuses, as the shopper wrote them (lower case)."""
        return tuple(dict.fromkeys(s.text.lower() for s in self.refused_spans(turns, lexical)[1]))

    def refused_spans(self, turns: Iterable[str], lexical: LexicalIndex) -> tuple[str, tuple[Span, ...]]:
        """The conversation as read (`newest`) and the spans of it refused, none inside another."""
        text = newest(turns)
        key = (id(lexical), text)
        with self._read_lock:
            if (known := self._read.get(key)) is not None:
                self._read.move_to_end(key)
                return text, known
        holding = holders(lexical)
        spans = candidates(text, lambda words: len(holding(words)))
        kept = tuple(outermost(s for s, p in zip(spans, self.scores(text, spans)) if p >= self.threshold))
        with self._read_lock:
            self._read[key] = kept
            while len(self._read) > 256:
                self._read.popitem(last=False)
        return text, kept
