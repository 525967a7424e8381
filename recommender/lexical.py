"""The lexical half of hybrid retrieval: BM25 over each listing, and which listings name a word.

Two BM25 indexes (bm25s, sparse matrices) are built from the catalog with the product vectors
and cached beside them per catalog version:

- `listing`: title and brand (each counted twice: a word there says more about what the
  product is), the category path below its root, the colour, audience and material columns,
  and the bullets. Its scores rank.
- `names`: title, brand, category path below the root and colour only. A word found here names what
  the product *is* ("LEGO", "puzzle"); a word found only in the bullets ("fly it like a kite")
  does not. `targeting` uses it to decide which products hold what the shopper named.

Words lose accents and possessives as in the reasons' matching (`matching.word_stem`), then go
through the Snowball English stemmer ("controlled" and "control" meet, "building" and
"build"), split at hyphens and apostrophes with the joined form kept too ("Play-Doh" gives
"play", "doh" and "playdoh"), so a shopper's "playdoh", "play doh" and "Play-Doh" all meet it.
"""
from __future__ import annotations

import difflib
import logging
import math
import re
import shutil
from collections import Counter
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import snowballstemmer

from recommender.catalog import Catalog, Product
from recommender.matching import LETTERS, word_stem
from recommender.parsing import STOPWORDS

log = logging.getLogger(__name__)

TOKENIZER_VERSION = "v2"  # part of the cache key: bump when `tokens` changes
_PARTS = re.compile(r"['’-]")
_SNOWBALL = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def word_tokens(word: str) -> tuple[str, ...]:
    """Index tokens of one word: its stem, and for a compound its parts' stems plus the joined form.

    >>> word_tokens("Play-Doh"), word_tokens("Controlled"), word_tokens("LEGOs")
    (('play', 'doh', 'playdoh'), ('control',), ('lego',))
    """
    base = word_stem(word.lower())
    parts = [p for p in _PARTS.split(base) if len(p) > 1]
    if not parts:
        return ()
    stems = [_SNOWBALL.stemWord(p) for p in parts]
    return tuple(stems) if len(parts) == 1 else (*stems, _SNOWBALL.stemWord("".join(parts)))


def tokens(text: str) -> list[str]:
    """Every index token of `text`, in order (words of any alphabet; digits are left out)."""
    return [t for m in LETTERS.finditer(text) for t in word_tokens(m.group())]


def query_tokens(text: str, exclude: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Index tokens of a request's content words: stopwords ("for", "my") and `exclude` left out."""
    return [t for m in LETTERS.finditer(text) if m.group().lower() not in STOPWORDS
            for t in word_tokens(m.group()) if t not in exclude]


def _below_root(p: Product) -> list[str]:
    path = [s for s in p.category_path.split(" > ") if s]
    return path[1:] if len(path) > 1 else path  # the root ("Toys & Games") is the whole department


def listing_tokens(p: Product) -> list[str]:
    head = tokens(p.title) + tokens(p.brand)
    return head + head + name_tokens(p)[len(head):] + tokens(f"{p.audience} {p.material}") + tokens(p.description)


def name_tokens(p: Product) -> list[str]:
    """A colour column counts as a name: "black" names a black t-shirt whose title doesn't say so."""
    return tokens(p.title) + tokens(p.brand) + tokens(" ".join(_below_root(p))) + tokens(p.colour)


class LexicalIndex:
    """BM25 scores of a request over the catalog, and the products whose names hold a word."""

    def __init__(self, listing: bm25s.BM25, names: bm25s.BM25, catalog: Catalog) -> None:
        self.listing = listing
        self.names = names
        self.size = len(catalog)
        # How many products lead with each word: their brand, or the first word of the title
        # ("LEGO City ...", "Barbie Dolphin ..."), which is how a catalog without a brand column
        # still says whose product it is.
        self._leads: Counter[str] = Counter()
        for p in catalog.products:
            first = LETTERS.search(p.title)
            self._leads.update(set(tokens(p.brand)) | set(word_tokens(first.group()) if first else ()))
        self._name_vocab = sorted(names.vocab_dict)

    @classmethod
    def build(cls, catalog: Catalog) -> LexicalIndex:
        listing = bm25s.BM25()
        listing.index([listing_tokens(p) or [""] for p in catalog.products], show_progress=False)
        names = bm25s.BM25()
        names.index([name_tokens(p) or [""] for p in catalog.products], show_progress=False)
        return cls(listing, names, catalog)

    @classmethod
    def cached(cls, catalog: Catalog, cache_dir: Path) -> LexicalIndex:
        """From `cache_dir` when this catalog version was indexed before, else built and saved."""
        root = Path(cache_dir) / f"{catalog.version}-bm25-{TOKENIZER_VERSION}"
        try:
            if (root / "done").is_file():
                index = cls(bm25s.BM25.load(root / "listing"), bm25s.BM25.load(root / "names"), catalog)
                if index.listing.scores["num_docs"] == len(catalog):
                    return index
        except (OSError, ValueError, KeyError) as exc:
            log.warning("lexical index cache %s unreadable (%s); rebuilding", root, exc)
        index = cls.build(catalog)
        tmp = root.with_name(root.name + ".tmp")
        index.listing.save(tmp / "listing")
        index.names.save(tmp / "names")
        (tmp / "done").write_text("ok\n")
        if root.exists():
            shutil.rmtree(root)
        tmp.replace(root)  # a crashed build never leaves a half-written cache
        return index

    # --- queries ----------------------------------------------------------------------------
    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 of the query over every listing, scaled so the best product has 1 (zeros if none)."""
        known = [t for t in query_tokens if t in self.listing.vocab_dict]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        s = np.asarray(self.listing.get_scores(known), dtype=np.float32)
        top = float(s.max())
        return s / top if top > 0 else s

    @staticmethod
    def _docs(model: bm25s.BM25, token: str) -> np.ndarray:
        """Indices of the documents holding `token`: one column of the sparse score matrix, O(df)."""
        tid = model.vocab_dict.get(token)
        indptr = model.scores["indptr"]
        if tid is None or tid + 1 >= len(indptr):
            return np.zeros(0, dtype=np.int64)
        return np.asarray(model.scores["indices"][indptr[tid]:indptr[tid + 1]])

    def named_docs(self, token: str) -> np.ndarray:
        """Indices of the products whose title, brand or category holds `token`."""
        return self._docs(self.names, token)

    def named(self, token: str) -> np.ndarray:
        """Boolean mask: products whose title, brand or category holds `token`."""
        mask = np.zeros(self.size, dtype=bool)
        mask[self.named_docs(token)] = True
        return mask

    def name_df(self, token: str) -> int:
        """How many products name `token` in their title, brand or category."""
        return len(self.named_docs(token))

    def listing_df(self, token: str) -> int:
        """How many listings hold `token` anywhere (bullets included)."""
        return len(self._docs(self.listing, token))

    def idf(self, token: str) -> float:
        return math.log1p(self.size / max(1, self.name_df(token)))

    def leads(self, token: str) -> bool:
        """True when most products named by `token` lead with it: a brand or a line ("lego")."""
        df = self.name_df(token)
        return df > 0 and self._leads[token] >= 0.5 * df

    def in_listings(self, token: str) -> bool:
        """True when any listing has the token anywhere (bullets included)."""
        return token in self.listing.vocab_dict

    def closest_name(self, token: str) -> str | None:
        """The catalog name word a misspelt `token` most likely meant ("legoo" -> "lego"), if any."""
        if len(token) < 4:
            return None
        same_start = [w for w in self._name_vocab if w[:1] == token[:1] and abs(len(w) - len(token)) <= 2]
        found = difflib.get_close_matches(token, same_start, n=1, cutoff=0.8)
        return found[0] if found else None
