"""Reasons: each claim kind is built from the listing and the request, and the verifier
rejects a false version of it. Plain catalog entries, no model needed."""
from __future__ import annotations

from dataclasses import replace

import pytest

from recommender.catalog import Product
from recommender.explain import explanation
from recommender.impressions import ShownItem
from recommender.matching import same_word as _same_word
from recommender.parsing import parse_request
from recommender.reasons import (
    Claim,
    Context,
    build_reasons,
    collect_claims,
    verify_claim,
    verify_reason,
)

BEAR = Product("B1", "Aurora Rattlesnake Plush, Green", "Soft and cuddly | Ages 3 and up",
               "Toys & Games > Stuffed Animals & Plush Toys > Stuffed Animals & Teddy Bears", "", 12.5)
OWL = Product("B2", "Cozy Owl Pal", "A friend for bedtime",
              "Toys & Games > Stuffed Animals & Plush Toys > Stuffed Animals & Teddy Bears", "", 9.0)
STEM = Product("S1", "Snap Circuits Jr. Electronics Kit", "Build over 100 projects | Ages 8+",
               "Toys & Games > Learning & Education > STEM Toys", "", 29.99)
HAT = Product("H1", "Rhode Island Novelty Plastic Firefighter Chief Hat (Set of 24)", "Red plastic hats",
              "Toys & Games > Dress Up & Pretend Play > Pretend Play", "", 15.0)
RACK = Product("H2", "Hat Stand Display Rack", "Holds twelve caps", "Home & Kitchen > Storage > Racks", "", 20.0)
TUG = Product("T1", "Tiny Tugboats Bath Book", "Floats in the tub", "Toys & Games > Baby & Toddler Toys > Bath Toys",
              "", 9.99)


def ctx(text: str, **kw: object) -> Context:
    return Context(request_text=text, facts=parse_request(text), rank=1, **kw)  # type: ignore[arg-type]


def matches(p: Product, c: Context) -> list[Claim]:
    return [x for x in collect_claims(p, c, None) if x.kind == "matches_request"]


def test_words_next_to_each_other_share_one_quote_from_the_category() -> None:
    c = ctx("any stuffed animals for my niece?")
    [claim] = matches(BEAR, c)
    assert claim.values["asked"] == "stuffed animals"
    assert claim.values["quote"] == "Stuffed Animals & Teddy Bears" and claim.values["field"] == "category"
    assert verify_claim(claim, BEAR, c)


@pytest.mark.parametrize("change", [
    {"quote": "Stuffed Animals & Dragons"},        # not the listing's text
    {"field": "title"},                            # true text, wrong field
    {"asked": "teddy bears"},                      # not what the shopper wrote
    {"asked": "<b>stuffed animals</b>"},           # markup is never quoted back
    {"name": "Cozy Owl Pal"},                      # another product's name
])
def test_a_false_match_is_rejected(change: dict[str, str]) -> None:
    c = ctx("any stuffed animals for my niece?")
    [claim] = matches(BEAR, c)
    assert not verify_claim(Claim(claim.kind, {**claim.values, **change}), BEAR, c)


def test_an_excluded_word_is_never_a_match() -> None:
    c = ctx("plush toys, not plush rattlesnakes")
    forged = Claim("matches_request", {"asked": "rattlesnakes", "quote": "Aurora Rattlesnake Plush",
                                       "field": "title", "name": "Aurora Rattlesnake Plush"})
    assert "rattlesnake" in " ".join(parse_request(c.request_text).exclusions)
    assert not verify_claim(forged, BEAR, c)


def test_a_related_word_matches_through_the_category_and_says_so() -> None:
    c = ctx("something science for my nephew")
    [claim] = matches(STEM, c)
    assert claim.values["via"] == "STEM" and claim.values["quote"] == "STEM Toys"
    assert verify_claim(claim, STEM, c)
    text = build_reasons(STEM, c, None, "salt", set())[0].text
    assert "“science”" in text and "STEM Toys" in text
    # A word of no family, or a word the quote does not hold, is rejected.
    assert not verify_claim(Claim(claim.kind, {**claim.values, "via": "Toys", "quote": "STEM Toys"}), STEM, c)
    assert not verify_claim(Claim(claim.kind, {**claim.values, "via": "Learning", "quote": "STEM Toys"}), STEM, c)


def test_two_kinds_of_one_general_need_are_not_related() -> None:
    shoes = ctx("shoes for my son")
    shirt = Product("D1", "Rocket Print Shirt", "Blue", "Clothing, Shoes & Jewelry > Boys > Tops", "", 20.0)
    assert not matches(shirt, shoes)
    forged = Claim("matches_request", {"asked": "shoes", "quote": "Rocket Print Shirt", "field": "title",
                                       "via": "Shirt", "name": "Rocket Print Shirt"})
    assert not verify_claim(forged, shirt, shoes)
    assert matches(shirt, ctx("clothing for my son"))  # the general word does reach a kind of it


def test_a_related_title_word_counts_only_as_the_title_head() -> None:
    c = ctx("headwear for a party")
    [claim] = matches(HAT, c)
    assert claim.values["via"] == "Hat" and verify_claim(claim, HAT, c)
    assert not matches(RACK, c)  # "Hat" is in the title, but the product is a rack
    forged = Claim("matches_request", {"asked": "headwear", "quote": "Hat Stand Display Rack", "field": "title",
                                       "via": "Hat", "name": "Hat Stand Display Rack"})
    assert not verify_claim(forged, RACK, c)


def test_a_product_with_nothing_in_common_says_so_honestly() -> None:
    c = ctx("do you have any tetherball?", )
    [claim] = collect_claims(TUG, replace(c, rank=4), None)
    assert claim.kind == "loose_match" and claim.values["category"] == "Bath Toys"
    reason = build_reasons(TUG, replace(c, rank=4), None, "salt", set())[0]
    assert "tetherball" not in reason.text and "Tiny Tugboats" in reason.text and "#4" in reason.text
    assert verify_reason(reason, TUG, replace(c, rank=4))
    # False versions: the product does match, another category, another rank.
    assert not verify_claim(replace(claim, values={**claim.values, "name": "Aurora Rattlesnake Plush"}), BEAR,
                            replace(ctx("plush"), rank=4))
    assert not verify_claim(replace(claim, values={**claim.values, "category": "Pool Toys"}), TUG, replace(c, rank=4))
    assert not verify_claim(claim, TUG, replace(c, rank=2))
    assert not verify_claim(replace(claim, values={**claim.values, "price": 1.0}), TUG, replace(c, rank=4))


def test_purchase_reason_names_the_product_and_the_purchase() -> None:
    bought = {"product_id": "X", "title": "Jumbo Teddy", "purchased_at": "2025-06-01"}
    c = ctx("plush toys", purchases=(bought,))
    [reason] = [r for r in build_reasons(BEAR, c, bought, "salt", set()) if r.claims[0].kind == "relates_to_purchase"]
    assert "Aurora Rattlesnake Plush" in reason.text and "“Jumbo Teddy”" in reason.text and "June 2025" in reason.text
    assert verify_reason(reason, BEAR, c)
    assert not verify_reason(reason, BEAR, replace(c, purchases=()))
    assert not verify_reason(reason, OWL, c)  # the name is checked against the product


def test_items_in_one_list_never_share_a_sentence() -> None:
    c = ctx("stuffed animals under $20")
    used: set[str] = set()
    first = build_reasons(BEAR, c, None, "s", used)
    second = build_reasons(OWL, replace(c, rank=2), None, "s", used)
    texts = [r.text for r in first + second]
    assert len(texts) == len(set(texts)) and first and second
    assert all(verify_reason(r, p, c) for p, rs in ((BEAR, first), (OWL, second)) for r in rs)


def test_quoted_request_words_are_plain_words_only() -> None:
    c = ctx("<script>x</script> stuffed animals!!")
    for r in build_reasons(BEAR, c, None, "s", set()):
        assert "<" not in r.text and ">" not in r.text and "script" not in r.text


@pytest.mark.parametrize("a, b, same", [
    ("build", "building", True), ("control", "controlled", True), ("jewelry", "jewelry-making", True),
    ("space", "spacecraft", False), ("water", "watercolor", False), ("rattle", "rattlesnake", False),
    ("play", "players", False),
])
def test_same_word_allows_inflections_not_other_words(a: str, b: str, same: bool) -> None:
    assert _same_word(a, b) is same


def shown(p: Product, position: int, claims: list[dict[str, object]]) -> ShownItem:
    return ShownItem(position=position, product_id=p.product_id, title=p.title, price=p.price, brand=p.brand,
                     category_path=p.category_path, score=0.5, evidence={"claims": claims})


def test_explanation_of_a_loose_pick_does_not_echo_the_request() -> None:
    # The explanation is built from the stored item alone: the request's text (which may hold
    # markup, "<img src=x onerror=alert(1)> tetherball") is never an input.
    item = shown(TUG, 4, [{"kind": "loose_match", "rank": 4, "name": "Tiny Tugboats Bath Book", "category": "Bath Toys"}])
    text = explanation(item, {})
    assert "<" not in text and "looser pick" in text


def test_a_related_match_keeps_its_hedged_template_under_rephrasing() -> None:
    from recommender.rephrase import Rephraser, VerifiedRephrasing

    class Overclaim(Rephraser):
        def rephrase(self, sentence: str) -> str:
            return "Exactly the “science” kit you asked for: “STEM Toys”."

    c = ctx("something science for my nephew")
    reason = build_reasons(STEM, c, None, "salt", set())[0]
    assert "via" in reason.claims[0].values
    assert VerifiedRephrasing(Overclaim())(reason, STEM, c) == reason


def test_cheap_is_said_only_against_the_ceiling_the_ranker_used() -> None:
    c = ctx("cheap bath toys")
    assert not [x for x in collect_claims(TUG, c, None) if x.kind == "cheap_fit"]  # no ceiling passed: silent
    c = replace(c, cheap_ceiling=12.0)
    [claim] = [x for x in collect_claims(TUG, c, None) if x.kind == "cheap_fit"]
    reason = next(r for r in build_reasons(TUG, c, None, "s", set()) if r.claims[0].kind == "cheap_fit")
    assert "$9.99" in reason.text and "$12" in reason.text and verify_reason(reason, TUG, c)
    assert not verify_claim(claim, TUG, replace(c, cheap_ceiling=9.0))          # another ceiling
    pricey = replace(claim, values={**claim.values, "price": 29.99, "name": "Snap Circuits"})
    assert verify_claim(replace(pricey, values={**pricey.values, "ceiling": 30.0}), STEM, replace(c, cheap_ceiling=30.0))
    assert not verify_claim(pricey, STEM, c)                                   # $29.99 is not under $12
    assert not verify_claim(claim, TUG, replace(c, facts=parse_request("bath toys")))  # nobody asked for cheap


def test_a_quoted_request_phrase_never_spans_two_turns() -> None:
    c = ctx("stuffed\nanimals please")
    assert all("\n" not in str(x.values.get("asked", "")) for x in collect_claims(BEAR, c, None))


def test_every_kind_words_checks_and_explains_in_one_class() -> None:
    """One class per claim kind; a list stored in any version explains the same."""
    from recommender.claims import KINDS, STORED_VERSION

    assert set(KINDS) == {"matches_request", "age_fit", "within_budget", "above_minimum", "cheaper_than_before",
                          "cheap_fit", "relates_to_purchase", "audience_fit", "listed_for", "colour_fit", "loose_match",
                          "close_match", "bought_next"}
    c = ctx("science kit for an 8 year old under $40")
    claims = collect_claims(STEM, c, None)
    assert {x.kind for x in claims} >= {"matches_request", "within_budget", "age_fit"}
    assert all(verify_claim(Claim.load(x.stored()), STEM, c) for x in claims)
    assert all(x.stored()["version"] == STORED_VERSION for x in claims)
    item = shown(STEM, 1, [x.stored() for x in claims])
    old_flat = shown(STEM, 1, [{"kind": x.kind, **x.values} for x in claims])
    old_nested = shown(STEM, 1, [{"kind": x.kind, "values": x.values} for x in claims])
    text = explanation(item, {})
    assert text == explanation(old_flat, {}) == explanation(old_nested, {})
    assert "$40 budget" in text and "ages 8+" in text and "from your request" in text
