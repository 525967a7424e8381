"""What a customer's purchases say about the next one: the history part of the score, and the
past purchase a reason may cite.

Today the history vector is a recency-weighted mean of the purchases' embeddings (oldest
first). The learned sequential model (`sequences`) is to be served behind this same class.
"""
from __future__ import annotations

from typing import Any

import torch

from recommender.catalog import Catalog
from recommender.config import Config
from recommender.encoder import Encoder

Purchases = tuple[dict[str, Any], ...]  # oldest first: product_id, title, category_path, purchased_at


class PurchaseHistory:
    """Purchase embeddings per customer, cached while their history is unchanged."""

    def __init__(self, config: Config, catalog: Catalog, encoder: Encoder, vectors: torch.Tensor) -> None:
        self.config, self.catalog, self.encoder, self.vectors = config, catalog, encoder, vectors
        self._cache: dict[tuple[str, int], torch.Tensor] = {}

    def purchase_vectors(self, customer_id: str, purchases: Purchases) -> torch.Tensor:
        """Embeddings of a customer's purchases."""
        key = (customer_id, len(purchases))
        if key not in self._cache:
            texts = [f"{p['title']}. {p.get('category_path', '').replace(' > ', ', ')}" for p in purchases]
            self._cache[key] = self.encoder.encode(texts)
        return self._cache[key]

    def vector(self, customer_id: str, purchases: Purchases) -> torch.Tensor:
        """Recency-weighted mean of the purchase embeddings: a purchase's weight halves every
        `history_half_life` purchases back."""
        vectors = self.purchase_vectors(customer_id, purchases)
        n, half = len(purchases), self.config.history_half_life
        w = torch.tensor([0.5 ** ((n - 1 - i) / half) for i in range(n)], device=vectors.device)
        v = (vectors * w.unsqueeze(1)).sum(0)
        return v / v.norm().clamp_min(1e-8)

    def related(self, index: int, customer_id: str, purchases: Purchases) -> dict[str, Any] | None:
        """The past purchase most similar to product `index`, when it is clearly related
        (cosine at least `related_purchase`), for a reason to cite."""
        if not purchases:
            return None
        pid = self.catalog.products[index].product_id
        sims = self.purchase_vectors(customer_id, purchases) @ self.vectors[index]
        for j in torch.argsort(sims, descending=True).tolist():
            if purchases[j]["product_id"] == pid:
                continue
            if float(sims[j]) < self.config.related_purchase:
                return None
            x = purchases[j]
            return {"product_id": x["product_id"], "title": x["title"], "purchased_at": x["purchased_at"]}
        return None

    def forget(self, who: str) -> None:
        """Drop what this process cached about `who`."""
        for key in [k for k in self._cache if k[0] == who]:
            del self._cache[key]
