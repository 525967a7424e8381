"""Product vectors: computed once per catalog and model version, cached on disk, searched."""
from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from pathlib import Path

import numpy as np
import torch

from recommender.catalog import Catalog
from recommender.encoder import Encoder

log = logging.getLogger(__name__)


class VectorIndex(ABC):
    """Nearest products to a query vector, by inner product of unit vectors (cosine)."""

    vectors: torch.Tensor  # (n, dim) on the index's device

    @abstractmethod
    def scores(self, query: torch.Tensor) -> torch.Tensor:
        """Cosine of `query` (dim,) with every product: shape (n,)."""

    @abstractmethod
    def search(self, query: torch.Tensor, k: int) -> tuple[torch.Tensor, torch.Tensor]:
        """Top-`k` (scores, indices) for `query` (dim,)."""

    def similarities(self, query: torch.Tensor, candidates: int) -> torch.Tensor:
        """Cosine with every product, shape (n,), for ranking: exact for the `candidates` nearest
        products the index finds, -1 (as far as a cosine goes) for the rest."""
        values, indices = self.search(query, candidates)
        sims = torch.full((len(self.vectors),), -1.0, device=self.vectors.device, dtype=self.vectors.dtype)
        sims[indices.to(sims.device)] = values.to(sims.device, sims.dtype)
        return sims


class ExactIndex(VectorIndex):
    """Exact search by one matrix product on the device; right for catalogs up to ~1e5."""

    def __init__(self, vectors: torch.Tensor) -> None:
        self.vectors = vectors

    def scores(self, query: torch.Tensor) -> torch.Tensor:
        return self.vectors @ query.to(self.vectors.device, self.vectors.dtype)

    def search(self, query: torch.Tensor, k: int) -> tuple[torch.Tensor, torch.Tensor]:
        values, indices = torch.topk(self.scores(query), min(k, len(self.vectors)))
        return values, indices

    def similarities(self, query: torch.Tensor, candidates: int) -> torch.Tensor:
        return self.scores(query)  # one matrix product already scores every product exactly


class FaissIndex(VectorIndex):
    """Approximate search (FAISS HNSW) for large catalogs; exact `scores` stay available."""

    def __init__(self, vectors: torch.Tensor, m: int = 32) -> None:
        import faiss  # optional dependency, only for large catalogs

        self.vectors = vectors
        data = vectors.detach().float().cpu().numpy()
        self._index = faiss.IndexHNSWFlat(data.shape[1], m, faiss.METRIC_INNER_PRODUCT)
        self._index.hnsw.efSearch = 128
        self._index.add(data)

    def scores(self, query: torch.Tensor) -> torch.Tensor:
        return self.vectors @ query.to(self.vectors.device, self.vectors.dtype)

    def search(self, query: torch.Tensor, k: int) -> tuple[torch.Tensor, torch.Tensor]:
        q = query.detach().float().cpu().numpy().reshape(1, -1)
        values, indices = self._index.search(q, min(k, len(self.vectors)))
        keep = indices[0] >= 0
        return torch.from_numpy(values[0][keep]), torch.from_numpy(indices[0][keep])


def make_index(vectors: torch.Tensor, ann_threshold: int) -> VectorIndex:
    """Exact search below `ann_threshold` products, FAISS at or above it."""
    return FaissIndex(vectors) if len(vectors) >= ann_threshold else ExactIndex(vectors)


def cache_path(cache_dir: Path, catalog: Catalog, encoder: Encoder) -> Path:
    return Path(cache_dir) / f"{catalog.version}-{encoder.model_id}.npy"


def product_vectors(catalog: Catalog, encoder: Encoder, cache_dir: Path, batch_size: int = 64,
                    progress: bool = False) -> torch.Tensor:
    """Product embeddings for `catalog`, from the disk cache or computed (with a progress bar)."""
    path = cache_path(cache_dir, catalog, encoder)
    if path.is_file():
        array = np.load(path)
        if array.shape == (len(catalog), encoder.dim):
            return torch.from_numpy(array).to(encoder.device)
        log.warning("cached vectors %s have shape %s; recomputing", path, array.shape)
    log.info("encoding %d products with %s on %s", len(catalog), encoder.model_id, encoder.device)
    vectors = encoder.encode([p.text for p in catalog.products], batch_size=batch_size, progress=progress)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, vectors.cpu().numpy().astype(np.float32))
    tmp.replace(path)  # atomic: a crashed build never leaves a half-written cache
    return vectors
