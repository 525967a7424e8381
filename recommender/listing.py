"""A product's listing as quotable passages, each named by where it stands ("bullet 3").

A question about a product is answered only with words of its listing (`recommender/qa.py`).
The listing is cut into passages small enough to quote: the title, each bullet of the
description (" | " separated) split into sentences, the category path, the brand, the facet
columns and each scalar attribute. `quote_holds` checks that a quote is in the named field,
which is what the answer verifier relies on.

    >>> from recommender.catalog import Product
    >>> p = Product("P1", "Kite", "Easy to fly in light wind. Nylon sail | Ages 5+", attributes={"pieces": 3})
    >>> [(x.field, x.text) for x in passages(p)]  # doctest: +NORMALIZE_WHITESPACE
    [('title', 'Kite'), ('bullet 1', 'Easy to fly in light wind.'), ('bullet 1', 'Nylon sail'),
     ('bullet 2', 'Ages 5+'), ('attribute pieces', '3')]
    >>> quote_holds(p, "bullet 1", "Nylon sail"), quote_holds(p, "bullet 2", "Nylon sail")
    (True, False)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from recommender.catalog import Product

# Attributes that say nothing about the product itself (links, ids).
SKIPPED_ATTRIBUTES = frozenset({"url", "image_url", "model_number", "asin", "sku", "id"})
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")
MIN_SENTENCE_WORDS = 4  # a shorter sentence is quoted with the one after it


@dataclass(frozen=True)
class Passage:
    field: str  # "title", "bullet 3", "description", "attribute pieces", "category", "brand", "colour", ...
    text: str  # verbatim from that field
    label: str = ""  # what the text is about when the text alone does not say ("pieces" for "35")

    def readable(self) -> str:
        """The text as a sentence that says what it is about ("pieces: 35")."""
        return f"{self.label}: {self.text}" if self.label else self.text


def bullets(product: Product) -> list[str]:
    return [b.strip() for b in product.description.split(" | ") if b.strip()]


def field_text(product: Product, field: str) -> str | None:
    """The whole text of a named field, or None when the listing has no such field."""
    if field == "title":
        return product.title
    if field in ("category", "brand", "colour", "material", "size", "audience"):
        return getattr(product, "category_path" if field == "category" else field) or None
    if field == "description":
        return product.description or None
    if field.startswith("bullet "):
        parts = bullets(product)
        n = field.removeprefix("bullet ")
        return parts[int(n) - 1] if n.isdigit() and 1 <= int(n) <= len(parts) else None
    if field.startswith("attribute "):
        value = product.attributes.get(field.removeprefix("attribute "))
        return attribute_text(value)
    return None


def quote_holds(product: Product, field: str, text: str) -> bool:
    """Whether `text` is, verbatim, in `field` of the product's listing."""
    whole = field_text(product, field)
    return bool(text.strip()) and whole is not None and text in whole


def passages(product: Product) -> list[Passage]:
    out = [Passage("title", product.title)]
    parts = bullets(product)
    for n, bullet in enumerate(parts, start=1):
        field = f"bullet {n}" if len(parts) > 1 else "description"
        out.extend(Passage(field, s) for s in sentences(bullet))
    for name in ("colour", "material", "size"):
        if value := getattr(product, name):
            out.append(Passage(name, value, label=name))
    for key, value in product.attributes.items():
        text = attribute_text(value)
        if text and key.lower() not in SKIPPED_ATTRIBUTES:
            out.append(Passage(f"attribute {key}", text, label=key.replace("_", " ")))
    if product.category_path:
        out.append(Passage("category", product.category_path, label="category"))
    if product.brand:
        out.append(Passage("brand", product.brand, label="brand"))
    return out


def sentences(text: str) -> list[str]:
    """A bullet's sentences, each verbatim; a very short one runs on into the next."""
    pieces: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        piece = text[start:m.start()]
        if len(piece.split()) >= MIN_SENTENCE_WORDS:  # shorter: runs on into the next sentence
            pieces.append(piece)
            start = m.end()
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def attribute_text(value: object) -> str | None:
    """An attribute's value as the listing says it ("yes" for a true flag); None for a list or a mapping."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, str)) and str(value).strip():
        return str(value).strip()
    return None
