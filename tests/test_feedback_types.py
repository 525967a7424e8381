"""One list of feedback kinds, and what each says about the product, for every reader."""
from __future__ import annotations

import json

from recommender import finetune, trust
from recommender.feedback_types import ACCEPTED, FEEDBACK_TYPES, NOT_ACCEPTED, REJECTIONS, FeedbackType


def test_each_kind_says_what_it_says_about_the_product() -> None:
    assert {t for t in FeedbackType if t.accepts} == {
        FeedbackType.ACCEPTED, FeedbackType.ADDED_TO_CART, FeedbackType.PURCHASED}
    assert {t for t in FeedbackType if t.rejects} == {
        FeedbackType.REJECTED, FeedbackType.WRONG_KIND, FeedbackType.NOT_MY_STYLE}
    # Too expensive counts against acceptance, but it is about the price, not the product.
    assert FeedbackType.TOO_EXPENSIVE.declines and not FeedbackType.TOO_EXPENSIVE.rejects
    assert not any(t.accepts and t.declines for t in FeedbackType)
    assert not FeedbackType.ASKED_WHY.accepts and not FeedbackType.ASKED_WHY.declines


def test_every_reader_takes_the_same_sets() -> None:
    assert FEEDBACK_TYPES == tuple(t.value for t in FeedbackType) and len(set(FEEDBACK_TYPES)) == len(FEEDBACK_TYPES)
    assert trust.ACCEPTED == ACCEPTED and trust.NOT_ACCEPTED == NOT_ACCEPTED
    assert finetune.POSITIVE == ACCEPTED and finetune.NEGATIVE == REJECTIONS
    # Stored and sent as plain strings.
    assert json.dumps(FeedbackType.ANSWER_WRONG) == '"answer_wrong"' and FeedbackType("purchased") == "purchased"
