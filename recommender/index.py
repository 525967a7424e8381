"""Product vectors: computed once per product text and model, cached on disk, searched."""
from __future__ import annotations

import hashlib
import logging
import os
import zipfile
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from tqdm import tqdm

from recommender.catalog import Catalog
from recommender.encoder import Encoder

log = logging.getLogger(__name__)

ENCODE_CHUNK = 512  # products encoded per call of the model


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


@dataclass(frozen=True)
class VectorBuild:
    """What building a catalog's vectors took: products whose vectors were reused, encoded, dropped."""

    reused: int
    encoded: int
    dropped: int
    path: Path


def text_key(text: str) -> str:
    """A product's cache key: the hash of the text that is encoded (a price change keeps it)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def cache_path(cache_dir: Path, catalog: Catalog, encoder: Encoder) -> Path:
    return Path(cache_dir) / "vectors" / f"{catalog.source_key}-{encoder.key}.npz"


def product_vectors(catalog: Catalog, encoder: Encoder, cache_dir: Path, batch_size: int = 64,
                    progress: bool = False) -> torch.Tensor:
    """Product embeddings for `catalog`: see `build_vectors`."""
    return build_vectors(catalog, encoder, cache_dir, batch_size, progress)[0]


def build_vectors(catalog: Catalog, encoder: Encoder, cache_dir: Path, batch_size: int = 64,
                  progress: bool = False) -> tuple[torch.Tensor, VectorBuild]:
    """Product embeddings for `catalog`, cached per product on disk.

    A product's vector is keyed by the hash of its encoded text; the file by the catalog's
    source and `encoder.key` (model, precision, token budget). So an update encodes only products
    whose text changed or that are new (a price or stock change encodes nothing), and the file
    written back holds only this catalog's products: removed ones disappear.
    """
    path = cache_path(cache_dir, catalog, encoder)
    keys = [text_key(p.text) for p in catalog.products]
    cached = _read(path, encoder.dim)
    missing = [i for i, k in enumerate(keys) if k not in cached]
    vectors = np.empty((len(keys), encoder.dim), dtype=np.float32)
    for i, k in enumerate(keys):
        if k in cached:
            vectors[i] = cached[k]
    if missing:
        log.info("encoding %d of %d products with %s on %s", len(missing), len(keys), encoder.key, encoder.device)
        # In chunks: the model serves one forward pass at a time, so a reload of a running
        # service lets the shoppers' requests in between chunks.
        chunks = range(0, len(missing), ENCODE_CHUNK)
        for start in tqdm(chunks, desc="encoding", unit_scale=ENCODE_CHUNK, disable=not progress):
            part = missing[start:start + ENCODE_CHUNK]
            products = [catalog.products[i] for i in part]
            texts = encoder.within_budget([p.parts for p in products])
            fresh = encoder.encode(texts, batch_size=batch_size)
            vectors[part] = fresh.float().cpu().numpy()
    dropped = len(set(cached) - set(keys))
    if missing or dropped or not path.is_file():
        _write(path, keys, vectors)
    build = VectorBuild(reused=len(keys) - len(missing), encoded=len(missing), dropped=dropped, path=path)
    return torch.from_numpy(vectors).to(encoder.device), build


def _read(path: Path, dim: int) -> dict[str, np.ndarray]:
    """Cached vectors by text key; empty when there is no cache or it cannot be read."""
    if not path.is_file():
        return {}
    try:
        with np.load(path) as data:
            keys, vectors = data["keys"], data["vectors"]
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        log.warning("vector cache %s unreadable (%s); encoding again", path, exc)
        return {}
    if vectors.ndim != 2 or vectors.shape[1] != dim or len(keys) != len(vectors):
        log.warning("vector cache %s has shape %s; encoding again", path, vectors.shape)
        return {}
    return {k.decode("ascii"): vectors[i] for i, k in enumerate(keys)}


def _write(path: Path, keys: list[str], vectors: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npz")
    np.savez(tmp, keys=np.array(keys, dtype="S32"), vectors=vectors)
    tmp.replace(path)  # atomic: a crashed build never leaves a half-written cache
