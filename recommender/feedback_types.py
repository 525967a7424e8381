"""Every kind of trust feedback, in one place, and what each says about the product.

The store's table, the service's check of `/v1/feedback`, the trust figures and the encoder's
fine-tuning pairs all read these sets from here; a new kind is added once.
"""
from __future__ import annotations

from enum import StrEnum


class FeedbackType(StrEnum):
    """A feedback event's `type` (a string: it is stored and sent as its value)."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    TOO_EXPENSIVE = "too_expensive"
    WRONG_KIND = "wrong_kind"
    NOT_MY_STYLE = "not_my_style"
    ASKED_WHY = "asked_why"
    EXPLANATION_HELPFUL = "explanation_helpful"
    EXPLANATION_UNHELPFUL = "explanation_unhelpful"
    COMPARED = "compared"
    ADDED_TO_CART = "added_to_cart"
    PURCHASED = "purchased"
    ASKED_FOR_HUMAN = "asked_for_human"
    ABANDONED = "abandoned"
    ASKED_QUESTION = "asked_question"
    ANSWER_HELPFUL = "answer_helpful"
    ANSWER_WRONG = "answer_wrong"

    @property
    def accepts(self) -> bool:
        """The shopper wants this product: said yes, put it in the cart, bought it."""
        return self in _ACCEPTS

    @property
    def rejects(self) -> bool:
        """"Not this product" (too_expensive is about the price, not the product)."""
        return self in _REJECTS

    @property
    def declines(self) -> bool:
        """Counts against acceptance: a rejection, or too expensive."""
        return self.rejects or self is FeedbackType.TOO_EXPENSIVE


_ACCEPTS = frozenset({FeedbackType.ACCEPTED, FeedbackType.ADDED_TO_CART, FeedbackType.PURCHASED})
_REJECTS = frozenset({FeedbackType.REJECTED, FeedbackType.WRONG_KIND, FeedbackType.NOT_MY_STYLE})

FEEDBACK_TYPES: tuple[str, ...] = tuple(t.value for t in FeedbackType)
ACCEPTED: tuple[str, ...] = tuple(t.value for t in FeedbackType if t.accepts)
REJECTIONS: tuple[str, ...] = tuple(t.value for t in FeedbackType if t.rejects)
NOT_ACCEPTED: tuple[str, ...] = tuple(t.value for t in FeedbackType if t.declines)
