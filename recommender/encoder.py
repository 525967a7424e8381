"""Text encoders behind one interface; the device is picked here, never at call sites."""
from __future__ import annotations

import logging
import os
import threading
from abc import ABC, abstractmethod
from pathlib import Path

import torch

from recommender.errors import RecommenderError

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

    @abstractmethod
    def encode(self, texts: list[str], batch_size: int = 64, progress: bool = False) -> torch.Tensor:
        """Encode `texts` into a (len(texts), dim) tensor of unit vectors."""


class SentenceTransformerEncoder(Encoder):
    """A sentence-transformers model from a local directory (no hub access at run time).

    On a GPU the model runs in half precision with larger batches; on CPU in float32.
    """

    def __init__(self, model_path: str | Path, device: str = "auto") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer  # heavy import, kept out of module load

        path = Path(model_path)
        if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
            raise RecommenderError(
                f"no sentence-transformers model at {path}; run `make setup` or set RECOMMENDER_MODEL_PATH")
        self.device = pick_device(device)
        self.model_id = path.resolve().name  # "current" resolves to the promoted version
        self._model = SentenceTransformer(str(path), device=self.device)
        if self.device.startswith("cuda"):
            self._model.half()
        dim_of = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dim_of() or 384)
        self._lock = threading.Lock()  # one forward pass at a time per model
        log.info("loaded %s on %s (dim %d)", self.model_id, self.device, self.dim)

    def encode(self, texts: list[str], batch_size: int = 64, progress: bool = False) -> torch.Tensor:
        if not texts:
            return torch.empty(0, self.dim, device=self.device)
        if self.device.startswith("cuda"):
            batch_size *= 4
        with self._lock, torch.inference_mode():
            vectors = self._model.encode(
                texts, batch_size=batch_size, convert_to_tensor=True, normalize_embeddings=True,
                show_progress_bar=progress)
        return vectors.float()
