"""The lexical indexes on disk, kept current per product like the vectors (`index.build_vectors`).

A product's tokens are keyed by the hash of the fields the indexes read (title, brand,
category, facets, bullets), so a price or stock change tokenizes nothing and leaves the BM25
files as they are, and an update tokenizes only the products whose text changed or that are
new. BM25's statistics (document frequencies, lengths) span the whole catalog, so they are
recomputed from the cached tokens whenever the texts change; the files written back hold only
this catalog's products.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
from dataclasses import dataclass
from pathlib import Path

import bm25s

from recommender.catalog import Catalog, Product
from recommender.lexical import TOKENIZER_VERSION, LexicalIndex, listing_tokens, name_tokens

log = logging.getLogger(__name__)

Tokens = tuple[list[str], list[str]]  # (listing, names) of one product


@dataclass(frozen=True)
class LexicalBuild:
    """What loading the lexical indexes took: products tokenized, and whether BM25 was rebuilt."""

    tokenized: int
    reused: int
    rebuilt: bool


def lexical_key(p: Product) -> str:
    """The hash of what the lexical indexes read of a product (not its price or stock)."""
    fields = (p.title, p.brand, p.category_path, p.colour, p.audience, p.material, p.description)
    text = "\x1f".join(fields)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def cached_lexical(catalog: Catalog, cache_dir: Path) -> tuple[LexicalIndex, LexicalBuild]:
    """The catalog's lexical indexes: loaded when its texts were indexed before, else built from
    per-product tokens (tokenizing only what is new) and saved."""
    keys = [lexical_key(p) for p in catalog.products]
    texts = hashlib.sha256("".join(keys).encode("ascii")).hexdigest()[:16]
    base = Path(cache_dir) / "lexical"
    root = base / f"{catalog.source_key}-{TOKENIZER_VERSION}-{texts}"
    try:
        if (root / "done").is_file():
            index = LexicalIndex(bm25s.BM25.load(root / "listing"), bm25s.BM25.load(root / "names"), catalog)
            if index.listing.scores["num_docs"] == len(catalog):
                return index, LexicalBuild(tokenized=0, reused=len(keys), rebuilt=False)
    except (OSError, ValueError, KeyError) as exc:
        log.warning("lexical index cache %s unreadable (%s); rebuilding", root, exc)
    token_file = base / f"{catalog.source_key}-{TOKENIZER_VERSION}.tokens.pkl"
    known = _read_tokens(token_file)
    fresh = {k: (listing_tokens(p), name_tokens(p)) for k, p in zip(keys, catalog.products) if k not in known}
    per_product = [known.get(k) or fresh[k] for k in keys]
    index = LexicalIndex.from_tokens(catalog, [t[0] for t in per_product], [t[1] for t in per_product])
    _write_tokens(token_file, dict(zip(keys, per_product)))
    tmp = root.with_name(f"{root.name}.{os.getpid()}.tmp")
    index.listing.save(tmp / "listing")
    index.names.save(tmp / "names")
    (tmp / "done").write_text("ok\n")
    if root.exists():
        shutil.rmtree(root)
    tmp.replace(root)  # a crashed build never leaves a half-written cache
    for old in base.glob(f"{catalog.source_key}-*"):  # this source's earlier versions
        if old.is_dir() and old != root and not old.name.endswith(".tmp"):
            shutil.rmtree(old, ignore_errors=True)
    return index, LexicalBuild(tokenized=len(fresh), reused=len(keys) - len(fresh), rebuilt=True)


def _read_tokens(path: Path) -> dict[str, Tokens]:
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as f:
            data = pickle.load(f)  # written by this module only, under the service's own cache dir
    except (OSError, pickle.UnpicklingError, EOFError, ValueError) as exc:
        log.warning("token cache %s unreadable (%s); tokenizing again", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


def _write_tokens(path: Path, tokens: dict[str, Tokens]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as f:
        pickle.dump(tokens, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
