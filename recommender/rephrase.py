"""Optional rephrasing of grounded reasons by a local generative model.

The grounded template sentence is always the fallback: a rephrasing reaches the shopper only
if it passes the same verifier as the template (every claim re-checked, and no number or
quotation in the text that its claims do not carry). A tiny model tried earlier wrote
confident falsehoods, so nothing is configured by default; a GPU deployment can point
RECOMMENDER_REPHRASE_MODEL at a capable instruction-tuned model directory.
"""
from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from pathlib import Path

from recommender.catalog import Product
from recommender.reasons import Context, Reason, verify_reason

log = logging.getLogger(__name__)

PROMPT = ("Rewrite this product reason for a shopper in one friendly sentence. Keep every number, price "
          "and text in quotes exactly as written, and add no new facts.\nReason: {sentence}\nRewritten:")


class Rephraser(ABC):
    """Turns one grounded sentence into another wording of the same claims."""

    @abstractmethod
    def rephrase(self, sentence: str) -> str:
        """Another wording of `sentence` (may be wrong: callers verify it)."""


class KeepWording(Rephraser):
    """The default: the grounded template sentence as it is."""

    def rephrase(self, sentence: str) -> str:
        return sentence


class GenerativeRephraser(Rephraser):
    """A local transformers causal LM, greedy decoding, one sentence out."""

    def __init__(self, model_path: str | Path, device: str = "cpu", max_new_tokens: int = 48) -> None:
        from transformers import AutoModelForCausalLM, AutoTokenizer  # heavy; only when configured

        self._tokenizer = AutoTokenizer.from_pretrained(str(model_path), local_files_only=True)
        self._model = AutoModelForCausalLM.from_pretrained(str(model_path), local_files_only=True)
        self._model.to(device)  # type: ignore[arg-type]  # transformers' stubs type .to() narrowly
        self._model.eval()
        self._device = device
        self._max_new_tokens = max_new_tokens
        self._lock = threading.Lock()

    def rephrase(self, sentence: str) -> str:
        import torch

        inputs = self._tokenizer(PROMPT.format(sentence=sentence), return_tensors="pt").to(self._device)
        with self._lock, torch.inference_mode():
            out = self._model.generate(**inputs, max_new_tokens=self._max_new_tokens, do_sample=False)
        text = str(self._tokenizer.decode(out[0][inputs["input_ids"].shape[1]:], skip_special_tokens=True))
        return text.strip().split("\n")[0].strip()


def make_rephraser(model_path: str, device: str = "cpu") -> Rephraser:
    """The configured rephraser: generative when a model path is set, else the template wording."""
    return GenerativeRephraser(model_path, device) if model_path else KeepWording()


class VerifiedRephrasing:
    """Applies a rephraser and keeps its output only when the verifier accepts it."""

    def __init__(self, rephraser: Rephraser) -> None:
        self.rephraser = rephraser
        self.kept = 0
        self.rejected = 0

    def __call__(self, reason: Reason, product: Product, ctx: Context) -> Reason:
        if isinstance(self.rephraser, KeepWording):
            return reason
        if any("via" in c.values for c in reason.claims):
            # A related-word match must stay worded as "close to"; the verifier checks numbers
            # and quotes, not that hedge, so these keep their template sentence.
            return reason
        try:
            candidate = Reason(self.rephraser.rephrase(reason.text), reason.claims)
        except Exception:  # a failing model must never cost the shopper a reason
            log.exception("rephrasing failed; keeping the grounded sentence")
            self.rejected += 1
            return reason
        if candidate.text and verify_reason(candidate, product, ctx):
            self.kept += 1
            return candidate
        self.rejected += 1
        return reason
