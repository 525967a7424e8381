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


def test_one_writer_for_the_service_the_tests_and_the_benchmarks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The service's spool and the store's record_feedback both write through write_feedback,
    so both refuse a kind that is not a FeedbackType and both store the same row."""
    import pytest

    from recommender.spool import FeedbackSpool, writer_engine
    from recommender.store import Store

    url = f"sqlite:///{tmp_path}/one-writer.db"
    store = Store.from_url(url)
    spool = FeedbackSpool(tmp_path / "spool.jsonl", writer_engine(url, 2.0))
    record = {"type": "asked_why", "sender_id": "s1", "customer_id": None, "recommendation_id": None,
              "product_id": "P001", "position": None, "detail": {}}
    assert isinstance(spool.record(record), int)  # type: ignore[arg-type]
    assert isinstance(store.record_feedback(**record), int)
    for write in (lambda r: spool.record(r), lambda r: store.record_feedback(**r)):
        with pytest.raises(ValueError, match="unknown feedback type"):
            write({**record, "type": "liked_it"})
    rows = store.feedback("s1")
    assert [r["type"] for r in rows] == ["asked_why", "asked_why"] and spool.pending() == 0
