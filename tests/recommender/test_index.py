"""The VectorIndex contract, held by the exact index and the FAISS one alike."""
from __future__ import annotations

import pytest
import torch

from recommender.index import ExactIndex, FaissIndex, VectorIndex, make_index


def unit_vectors(n: int, dim: int = 32, seed: int = 0) -> torch.Tensor:
    v = torch.randn(n, dim, generator=torch.Generator().manual_seed(seed))
    return v / v.norm(dim=1, keepdim=True)


@pytest.fixture(params=[ExactIndex, FaissIndex], ids=["exact", "faiss"])
def index(request: pytest.FixtureRequest) -> VectorIndex:
    return request.param(unit_vectors(600))


def test_scores_are_the_cosine_with_every_product(index: VectorIndex) -> None:
    query = unit_vectors(1, seed=1)[0]
    assert torch.allclose(index.scores(query), index.vectors @ query, atol=1e-5)


def test_search_returns_the_nearest_best_first(index: VectorIndex) -> None:
    exact = ExactIndex(index.vectors)
    hits, total = 0, 0
    for seed in range(1, 21):
        query = unit_vectors(1, seed=seed)[0]
        values, indices = index.search(query, 10)
        assert len(values) == len(indices) == 10
        assert torch.all(values[:-1] >= values[1:] - 1e-6)
        assert torch.allclose(values, index.scores(query)[indices], atol=1e-5)
        hits += len(set(indices.tolist()) & set(exact.search(query, 10)[1].tolist()))
        total += 10
    assert hits / total >= 0.9  # HNSW is approximate; the exact index finds all
    # A product's own vector finds itself first; k above the catalog size is clamped.
    assert int(index.search(index.vectors[7], 1)[1][0]) == 7
    assert 0 < len(index.search(index.vectors[0], 10_000)[1]) <= len(index.vectors)


def test_similarities_score_the_candidates_exactly_and_the_rest_as_unrelated(index: VectorIndex) -> None:
    query = unit_vectors(1, seed=3)[0]
    sims = index.similarities(query, 50)
    exact = index.vectors @ query
    found = sims > -1.0
    assert sims.shape == (len(index.vectors),) and int(found.sum()) >= 45
    assert torch.allclose(sims[found], exact[found], atol=1e-5)
    assert float(found[exact.topk(10).indices].float().mean()) >= 0.9  # the nearest are among the candidates


def test_the_factory_picks_faiss_from_the_threshold() -> None:
    vectors = unit_vectors(100)
    assert isinstance(make_index(vectors, ann_threshold=101), ExactIndex)
    assert isinstance(make_index(vectors, ann_threshold=100), FaissIndex)
