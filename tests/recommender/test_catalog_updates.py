"""Vectors and lexical indexes are cached per product: an update rebuilds only what changed."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

from recommender.catalog import Catalog
from recommender.encoder import Encoder
from recommender.engine import Recommender
from recommender.index import build_vectors, cache_path
from recommender.lexical_cache import cached_lexical


class Counting(Encoder):
    """The session's real encoder, counting the texts it is asked to encode."""

    def __init__(self, inner: Encoder, model_id: str | None = None, product_tokens: int | None = None) -> None:
        self.inner = inner
        self.model_id = model_id or inner.model_id
        self.device, self.dim, self.precision = inner.device, inner.dim, inner.precision
        self.product_tokens = inner.product_tokens if product_tokens is None else product_tokens
        self.texts: list[str] = []

    def encode(self, texts: list[str], batch_size: int = 64, progress: bool = False) -> torch.Tensor:
        self.texts += texts
        return self.inner.encode(texts, batch_size, progress)

    def within_budget(self, listings: list[tuple[str, str, str]]) -> list[str]:
        return self.inner.within_budget(listings)


@pytest.fixture
def catalog(engine: Recommender, tmp_path: Path) -> Catalog:
    """The demo products under a source of the test's own (caches are kept per source)."""
    return Catalog(list(engine.catalog.products), "v1", str(tmp_path / "store.csv"))


def edited(catalog: Catalog, index: int, **changes: object) -> Catalog:
    products = list(catalog.products)
    products[index] = replace(products[index], **changes)  # type: ignore[arg-type]
    return Catalog(products, "v2", catalog.source)


def test_a_cold_build_encodes_every_product_and_a_second_build_none(engine: Recommender, catalog: Catalog,
                                                                     tmp_path: Path) -> None:
    encoder = Counting(engine.encoder)
    first, built = build_vectors(catalog, encoder, tmp_path)
    assert built.encoded == len(catalog) == len(encoder.texts) and built.reused == 0
    again, rebuilt = build_vectors(catalog, encoder, tmp_path)
    assert rebuilt.encoded == 0 and rebuilt.reused == len(catalog) and len(encoder.texts) == len(catalog)
    assert torch.equal(first.cpu(), again.cpu())


def test_a_changed_description_re_encodes_that_product_alone(engine: Recommender, catalog: Catalog,
                                                              tmp_path: Path) -> None:
    encoder = Counting(engine.encoder)
    before, _ = build_vectors(catalog, encoder, tmp_path)
    encoder.texts.clear()
    changed = edited(catalog, 3, description="A paper kite with a 30 m line | For the beach")
    after, built = build_vectors(changed, encoder, tmp_path)
    assert built.encoded == 1 and len(encoder.texts) == 1 and encoder.texts[0].startswith(changed.products[3].title)
    assert not torch.allclose(after[3], before[3])
    keep = [i for i in range(len(catalog)) if i != 3]
    assert torch.equal(after[keep].cpu(), before[keep].cpu())


def test_a_price_or_stock_change_encodes_and_tokenizes_nothing(engine: Recommender, catalog: Catalog,
                                                                tmp_path: Path) -> None:
    encoder = Counting(engine.encoder)
    build_vectors(catalog, encoder, tmp_path)
    cached_lexical(catalog, tmp_path)
    encoder.texts.clear()
    repriced = edited(catalog, 0, price=1.0, in_stock=False)
    _, built = build_vectors(repriced, encoder, tmp_path)
    _, words = cached_lexical(repriced, tmp_path)
    assert built.encoded == 0 and encoder.texts == []
    assert words.tokenized == 0 and not words.rebuilt  # the BM25 files of these texts are reused as they are


def test_a_removed_product_leaves_the_cache(engine: Recommender, catalog: Catalog, tmp_path: Path) -> None:
    encoder = Counting(engine.encoder)
    build_vectors(catalog, encoder, tmp_path)
    fewer = Catalog(catalog.products[1:], "v2", catalog.source)
    vectors, built = build_vectors(fewer, encoder, tmp_path)
    assert built.encoded == 0 and built.dropped == 1 and len(vectors) == len(catalog) - 1
    with np.load(cache_path(tmp_path, fewer, encoder)) as data:
        assert len(data["keys"]) == len(catalog) - 1


def test_another_model_or_token_budget_encodes_everything_again(engine: Recommender, catalog: Catalog,
                                                                 tmp_path: Path) -> None:
    build_vectors(catalog, Counting(engine.encoder), tmp_path)
    for other in (Counting(engine.encoder, model_id="fine-tuned-v2"),
                  Counting(engine.encoder, product_tokens=engine.encoder.product_tokens + 32)):
        _, built = build_vectors(catalog, other, tmp_path)
        assert built.encoded == len(catalog) and len(other.texts) == len(catalog)


def test_two_catalog_files_keep_their_own_vectors(engine: Recommender, catalog: Catalog, tmp_path: Path) -> None:
    other = Catalog(catalog.products[:5], "o1", str(tmp_path / "other.csv"))
    encoder = Counting(engine.encoder)
    build_vectors(catalog, encoder, tmp_path)
    build_vectors(other, encoder, tmp_path)
    _, built = build_vectors(catalog, encoder, tmp_path)
    assert built.encoded == 0  # the other store's build did not evict this one's


def test_an_unreadable_cache_is_rebuilt_not_fatal(engine: Recommender, catalog: Catalog, tmp_path: Path) -> None:
    encoder = Counting(engine.encoder)
    build_vectors(catalog, encoder, tmp_path)
    cache_path(tmp_path, catalog, encoder).write_bytes(b"not a zip file")
    vectors, built = build_vectors(catalog, encoder, tmp_path)
    assert built.encoded == len(catalog) and vectors.shape == (len(catalog), encoder.dim)


def test_the_lexical_index_tokenizes_only_changed_text_and_finds_the_new_words(catalog: Catalog,
                                                                               tmp_path: Path) -> None:
    index, cold = cached_lexical(catalog, tmp_path)
    assert cold.tokenized == len(catalog) and cold.rebuilt
    assert index.name_df("zeppelin") == 0
    renamed = edited(catalog, 7, title="Zeppelin Airship Model")
    updated, words = cached_lexical(renamed, tmp_path)
    assert words.tokenized == 1 and words.reused == len(catalog) - 1 and words.rebuilt
    assert updated.named("zeppelin").nonzero()[0].tolist() == [7]
    assert updated.scores(["zeppelin"]).argmax() == 7
    fewer = Catalog(renamed.products[:-1], "v3", catalog.source)
    smaller, words = cached_lexical(fewer, tmp_path)
    assert words.tokenized == 0 and smaller.size == len(catalog) - 1
    assert len(list((tmp_path / "lexical").glob("*-*-*"))) == 1  # earlier versions of this source removed


def test_the_index_bench_re_encodes_one_percent_on_its_update(engine: Recommender, tmp_path: Path) -> None:
    from bench import index as index_bench

    config = replace(engine.config, cache_dir=tmp_path / "cache")
    out = index_bench.run(engine.config.catalog_path, config, sample=20, size=300)
    assert out["products"] == 300 and out["sample"] == 20
    assert out["cold"] == {"encoded": 300, "tokenized": 300}
    assert out["update"] == {"encoded": 3, "tokenized": 3}  # 1% of descriptions; the 5% price changes cost nothing
    assert out["listings_per_s"]["shipped"] > 0 and out["peak_rss_mb"] > 0


def test_a_listing_is_encoded_within_the_token_budget_details_first(engine: Recommender) -> None:
    encoder, budget = engine.encoder, engine.config.product_tokens
    assert encoder.product_tokens == budget > 0
    details = "Toys & Games, Hobbies, Models. Skyward"
    (short,) = encoder.within_budget([("Zeppelin Kit", details, "glue " * 300)])
    assert short.startswith(f"Zeppelin Kit. {details}. glue") and 0 < short.count("glue") < budget
    (seo,) = encoder.within_budget([("Zeppelin " * 80, details, "glue " * 10)])
    assert seo.endswith(f"Zeppelin. {details}") and 8 <= seo.count("Zeppelin") < budget  # the title is cut, not the details
    assert Encoder.within_budget(encoder, [("Kit", details, "glue")]) == [f"Kit. {details}. glue"]  # no budget: all of it
