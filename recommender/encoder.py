"""Text encoders behind one interface; the device is picked here, never at call sites."""
from __future__ import annotations

import logging
import os
import threading
import warnings
from abc import ABC, abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING

import torch

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
    product_tokens: int = 0  # a listing is encoded from its first this many tokens; 0: all the model reads

    @property
    def key(self) -> str:
        """Model, precision and token budget: what a product vector was made with (cache key)."""
        return f"{self.model_id}-{self.precision}-t{self.product_tokens}"

    @abstractmethod
    def encode(self, texts: list[str], batch_size: int = 64, progress: bool = False,
               max_tokens: int = 0) -> torch.Tensor:
        """Encode `texts` into a (len(texts), dim) tensor of unit vectors; `max_tokens` > 0 reads
        only each text's first that many tokens (a listing's title, brand and category come first)."""


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
        self._full_length = int(self._model.max_seq_length or 256)
        dim_of = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dim_of() or 384)
        self._lock = threading.Lock()  # one forward pass at a time per model
        log.info("loaded %s on %s (%s, dim %d)", self.model_id, self.device, self.precision, self.dim)

    def encode(self, texts: list[str], batch_size: int = 64, progress: bool = False,
               max_tokens: int = 0) -> torch.Tensor:
        if not texts:
            return torch.empty(0, self.dim, device=self.device)
        if self.device.startswith("cuda"):
            batch_size *= 4
        with self._lock, torch.inference_mode():
            self._model.max_seq_length = min(max_tokens, self._full_length) if max_tokens > 0 else self._full_length
            try:
                vectors = self._model.encode(
                    texts, batch_size=batch_size, convert_to_tensor=True, normalize_embeddings=True,
                    show_progress_bar=progress)
            finally:
                self._model.max_seq_length = self._full_length
        return vectors.float()


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
