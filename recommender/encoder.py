"""Text encoders behind one interface; the device is picked here, never at call sites."""
from __future__ import annotations

import copy
import logging
import os
import threading
import warnings
from abc import ABC, abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING

import torch

from recommender.catalog import join_text
from recommender.errors import RecommenderError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from recommender.config import Config

log = logging.getLogger(__name__)


def pick_device(preference: str = "auto") -> str:
    """Return "cuda" when asked for or available under "auto", else "cpu"."""
    if preference not in ("auto", "cpu", "cuda") and not preference.startswith("cuda:"):
        raise ValueError(f"unknown device {preference!r}; expected auto, cpu, cuda or cuda:N")
    if preference == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return preference


class Encoder(ABC):
    """Maps texts to L2-normalised vectors (float32 tensors on `device`)."""

    model_id: str
    device: str
    dim: int
    precision: str = "float32"
    product_tokens: int = 0  # tokens a listing is encoded from (`within_budget`); 0: all the model reads

    @property
    def key(self) -> str:
        """Model, precision and token budget: what a product vector was made with (cache key)."""
        return f"{self.model_id}-{self.precision}-{self.product_tokens}tok"

    @abstractmethod
    def encode(self, texts: list[str], batch_size: int = 64, progress: bool = False) -> torch.Tensor:
        """Encode `texts` into a (len(texts), dim) tensor of unit vectors."""

    def with_budget(self, tokens: int) -> Encoder:
        """This encoder, its model shared (one forward pass at a time still), encoding listings
        from `tokens` instead (0: all the model reads)."""
        other = copy.copy(self)
        other.product_tokens = max(0, tokens)
        return other

    def within_budget(self, listings: list[tuple[str, str, str]]) -> list[str]:
        """The texts to encode for listings given as (title, details, body) (`Product.parts`),
        each within `product_tokens`: the details (category, brand, facets) whole, the title as
        far as it fits beside them (SEO titles run on), then the bullets in what is left. This
        base version counts no tokens and keeps everything."""
        return [join_text(*parts) for parts in listings]

    def vocabulary(self) -> frozenset[str]:
        """The whole words of the model's vocabulary, lower case (none in this base version):
        English words, which are no misspellings of a catalog's names (`LexicalIndex.closest_name`)."""
        return frozenset()


PRECISIONS = ("auto", "float32", "int8")


class SentenceTransformerEncoder(Encoder):
    """A sentence-transformers model from a local directory (no hub access at run time).

    On a GPU the model runs in half precision with larger batches; on CPU in float32 ("auto"),
    or with `precision="int8"` the linear layers' weights quantized to 8 bits (torch's dynamic
    quantization), ~1.5-2x faster at some cost in retrieval quality.
    """

    def __init__(self, model_path: str | Path, device: str = "auto", precision: str = "float32",
                 product_tokens: int = 0) -> None:
        if precision not in PRECISIONS:
            raise ValueError(f"unknown precision {precision!r}; expected one of {PRECISIONS}")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer  # heavy import, kept out of module load

        path = Path(model_path)
        if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
            raise RecommenderError(
                f"no sentence-transformers model at {path}; run `make setup` or set RECOMMENDER_MODEL_PATH")
        self.device = pick_device(device)
        self.product_tokens = max(0, product_tokens)
        self.model_id = path.resolve().name  # "current" resolves to the promoted version
        self._model = SentenceTransformer(str(path), device=self.device)
        if self.device.startswith("cuda"):
            self._model.half()
            self.precision = "float16"
        elif precision == "int8":
            self._model = _int8(self._model)
            self.precision = "int8"
        dim_of = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dim_of() or 384)
        self._lock = threading.Lock()  # one forward pass at a time per model
        log.info("loaded %s on %s (%s, dim %d)", self.model_id, self.device, self.precision, self.dim)

    def encode(self, texts: list[str], batch_size: int = 64, progress: bool = False) -> torch.Tensor:
        if not texts:
            return torch.empty(0, self.dim, device=self.device)
        if self.device.startswith("cuda"):
            batch_size *= 16
        with self._lock, torch.inference_mode():
            vectors = self._model.encode(
                texts, batch_size=batch_size, convert_to_tensor=True, normalize_embeddings=True,
                show_progress_bar=progress)
        return vectors.float()

    def vocabulary(self) -> frozenset[str]:
        vocab: dict[str, int] = getattr(self._model.tokenizer, "get_vocab", dict)()
        return frozenset(w for w in vocab if w.isalpha() and w.islower())

    def within_budget(self, listings: list[tuple[str, str, str]]) -> list[str]:
        if self.product_tokens <= 0:
            return super().within_budget(listings)
        tokenizer = self._model.tokenizer
        columns = list(zip(*listings)) if listings else [(), (), ()]
        spans = [tokenizer(list(c), add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"]
                 for c in columns]
        room = self.product_tokens - 4  # [CLS], [SEP] and the two "." between the parts
        texts = []
        for (title, details, body), t, d, b in zip(listings, *spans):
            details_kept = min(len(d), max(0, room - MIN_TITLE_TOKENS))
            title_kept = min(len(t), room - details_kept)
            body_kept = room - details_kept - title_kept
            texts.append(join_text(_cut(title, t, title_kept), _cut(details, d, details_kept), _cut(body, b, body_kept)))
        return texts


MIN_TITLE_TOKENS = 8  # a title keeps at least its first words, however long the details are


def _cut(text: str, offsets: list[tuple[int, int]], keep: int) -> str:
    """`text` up to its `keep`-th token (by the tokenizer's character offsets)."""
    if keep >= len(offsets):
        return text
    return text[:offsets[keep - 1][1]] if keep > 0 else ""


def _int8(model: SentenceTransformer) -> SentenceTransformer:
    """The model with int8 weights in its linear layers. torch marks this API deprecated in favour
    of torchao; torch is pinned (requirements.txt), so its deprecation warnings are silenced here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        quantized: SentenceTransformer = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    return quantized


def load_encoder(config: Config) -> SentenceTransformerEncoder:
    """The service's encoder: its model, device and precision from `config`."""
    return SentenceTransformerEncoder(config.model_path, config.device, config.precision, config.product_tokens)
