"""Per-product score parts that come from the store rather than the request: how popular each
product is, how this customer's feedback leans on its category, and whether it was shown yet."""
from __future__ import annotations

import math
import time

import torch

from recommender.catalog import Catalog
from recommender.config import Config
from recommender.ranker import CatalogArrays
from recommender.store import Store


class StoreSignals:
    """The popularity prior (re-read every `popularity_ttl_s`), feedback by category, unseen."""

    def __init__(self, config: Config, catalog: Catalog, store: Store, arrays: CatalogArrays,
                 device: str | torch.device) -> None:
        self.config, self.catalog, self.store, self.arrays, self.device = config, catalog, store, arrays, device
        self._popularity: tuple[float, torch.Tensor] | None = None

    def popularity(self) -> torch.Tensor:
        """log(1 + purchases and accepts) per product, scaled so the most popular has 1."""
        now = time.monotonic()
        if self._popularity is None or now - self._popularity[0] > self.config.popularity_ttl_s:
            counts = self.store.popularity()
            values = torch.zeros(len(self.catalog), device=self.device)
            for pid, n in counts.items():
                if (i := self.catalog.index_of(pid)) is not None:
                    values[i] = math.log1p(n)
            top = float(values.max()) if len(values) else 0.0
            self._popularity = (now, values / top if top > 0 else values)
        return self._popularity[1]

    def feedback(self, customer_id: str | None) -> torch.Tensor:
        """tanh(net / 2) of the customer's accepts minus rejections in each product's category."""
        part = torch.zeros(len(self.catalog), device=self.device)
        if not customer_id:
            return part
        for path, net in self.store.category_feedback(customer_id).items():
            if (members := self.arrays.members(path)) is not None:
                part[members] = math.tanh(net / 2)
        return part

    def unseen(self, shown: frozenset[str]) -> torch.Tensor:
        """1 for products this conversation has not been shown, 0 for those it has."""
        part = torch.ones(len(self.catalog), device=self.device)
        for pid in shown:
            if (i := self.catalog.index_of(pid)) is not None:
                part[i] = 0.0
        return part
