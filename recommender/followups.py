"""Answers about a list already shown, by position: "why this one?", a question about it,
"compare 1 and 3", and the list itself, only for the conversation that was shown it."""
from __future__ import annotations

from dataclasses import asdict

from recommender import explain as explain_mod
from recommender.api import AskResponse, CompareResponse, ExplainResponse
from recommender.catalog import Catalog
from recommender.config import Config
from recommender.errors import NotFound
from recommender.impressions import ShownList, item_at
from recommender.qa import Answerer
from recommender.store import Store


class ListFollowUps:
    """The follow-ups of `Recommender` (which provides these attributes)."""

    config: Config
    catalog: Catalog
    store: Store
    answerer: Answerer
    currency: str

    def explain(self, recommendation_id: str, position: int, sender_id: str | None = None) -> ExplainResponse:
        impression = self.impression(recommendation_id, sender_id)
        item = item_at(impression, position)
        text = explain_mod.explanation(item, asdict(self.config.weights), self.currency)
        if self.catalog.get(item.product_id) is None:  # the list was shown before a catalog reload
            text += f"\n{_gone([item.title])}."
        return {"product_id": item.product_id, "position": item.position, "title": item.title, "text": text}

    def ask(self, recommendation_id: str, position: int, sender_id: str, question: str) -> AskResponse:
        """A question about an item of a list this conversation was shown: the answer, with the item's position and title."""
        item = item_at(self.impression(recommendation_id, sender_id), position)
        product = self.catalog.get(item.product_id)
        if product is None:
            return {"product_id": item.product_id, "answered": False, "evidence": [],
                    "answer": f"{_gone([item.title])}, so I can't check its listing.",
                    "position": item.position, "title": item.title}
        return {**self.answerer.ask(product, question), "position": item.position, "title": item.title}

    def compare(self, recommendation_id: str, positions: list[int], sender_id: str | None = None) -> CompareResponse:
        impression = self.impression(recommendation_id, sender_id)
        items = [item_at(impression, p) for p in positions]
        products = [self.catalog.get(it.product_id) for it in items]
        gone = [it for it, p in zip(items, products) if p is None]
        text = (f"{_gone([it.title for it in gone])}, so I can't compare them." if gone
                else explain_mod.comparison(items, [p for p in products if p is not None]))
        return {"product_ids": [it.product_id for it in items], "text": text}

    def impression(self, recommendation_id: str, sender_id: str | None = None) -> ShownList:
        """The stored list; with `sender_id`, only when that conversation was shown it.

        A list can name a customer's past purchases in its reasons, so another conversation
        that learns its id gets the same 404 as for an id that does not exist.
        """
        impression = self.store.impression(recommendation_id)
        if impression is None or (sender_id is not None and impression.sender_id != sender_id):
            raise NotFound(f"no recommendation {recommendation_id!r}")
        return impression


def _gone(titles: list[str]) -> str:
    """What is said about shown products the store has since taken out of its catalog."""
    names = " and ".join(f"“{t}”" for t in titles)
    return f"{names} {'is' if len(titles) == 1 else 'are'} no longer in the store's catalog"
