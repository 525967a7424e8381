"""Budgets as shoppers write them, in the store's currency; money formatted with Babel."""
from __future__ import annotations

import itertools

import pytest

from recommender.budgets import parse_budget
from recommender.config import Config
from recommender.money import (
    REFERENCE_RATES_USD,
    currency_name,
    format_money,
    normalize_amounts,
    parse_rates,
    spelled_number,
    valid_currency,
)
from recommender.parsing import merge_facts

LIMITS = ("under", "below", "less than", "up to", "max", "at most", "no more than", "not more than",
          "within", "budget of", "nothing over", "not over", "cheaper than", "for less than", "no higher than")
TWENTY_FIVE = ("$25", "25$", "25 $", "25 USD", "USD 25", "25 usd", "usd 25", "25 dollars", "25 bucks",
               "twenty five dollars", "twenty-five bucks", "US$25", "$25.00", "25")


@pytest.mark.parametrize("limit, amount", list(itertools.product(LIMITS, TWENTY_FIVE)))
def test_a_ceiling_in_every_wording(limit: str, amount: str) -> None:
    assert parse_budget(f"an action figure {limit} {amount}", "USD")[:2] == (None, 25.0)


@pytest.mark.parametrize("currency, text, low, high", [
    # the limit said after the amount
    ("USD", "$25 max", None, 25.0), ("USD", "25 dollars tops", None, 25.0), ("USD", "25 bucks or less", None, 25.0),
    ("USD", "$25 at most", None, 25.0), ("USD", "25 USD maximum", None, 25.0), ("USD", "around $25 max", None, 25.0),
    # ranges
    ("USD", "between $10 and $20", 10.0, 20.0), ("USD", "between 10 and 20 dollars", 10.0, 20.0),
    ("USD", "from 10 to 20 dollars", 10.0, 20.0), ("USD", "10-20 USD", 10.0, 20.0), ("USD", "$10-$20", 10.0, 20.0),
    ("USD", "$10 - $20", 10.0, 20.0), ("USD", "10 to 20 bucks", 10.0, 20.0), ("USD", "between 10 and 20", 10.0, 20.0),
    ("USD", "from $10 to $20", 10.0, 20.0), ("USD", "10–20 dollars", 10.0, 20.0),
    # floors, "around", thousands
    ("USD", "over $50", 50.0, None), ("USD", "more than 50 dollars", 50.0, None), ("USD", "at least $50", 50.0, None),
    ("USD", "above 50 USD", 50.0, None), ("USD", "starting at $50", 50.0, None),
    ("USD", "around $40", 30.0, 40.0), ("USD", "about 40 dollars", 30.0, 40.0),
    ("USD", "a laptop under 2k", None, 2000.0), ("USD", "$1.5k max", None, 1500.0), ("USD", "under 2k dollars", None, 2000.0),
    ("USD", "nothing over 20$", None, 20.0), ("USD", "an action figure below 25 USD", None, 25.0),
    ("USD", "a science kit for $600 at least", 600.0, None), ("EUR", "a coat, 30 euros or more", 30.0, None),
    ("USD", "$50 and up please", 50.0, None), ("USD", "for ages 8 and up, under $30", None, 30.0),
    # rupees
    ("INR", "a kurta for my wife, max ₹1500", None, 1500.0), ("INR", "watches for men under INR 2500", None, 2500.0),
    ("INR", "below 2000 rupees", None, 2000.0), ("INR", "1500 rs max", None, 1500.0), ("INR", "Rs. 1500 max", None, 1500.0),
    ("INR", "under Rs 1500", None, 1500.0), ("INR", "under 1500 rs", None, 1500.0),
    ("INR", "around 1000 INR max", None, 1000.0), ("INR", "under ₹1,500", None, 1500.0), ("INR", "under 2k", None, 2000.0),
    ("INR", "below 2000", None, 2000.0), ("INR", "INR 500 - INR 900", 500.0, 900.0),
    ("INR", "between ₹500 and ₹900", 500.0, 900.0), ("INR", "a saree under 3k rupees", None, 3000.0),
    # euros, pounds, yen, other dollars
    ("EUR", "€30 max", None, 30.0), ("EUR", "under 30 euros", None, 30.0), ("EUR", "under 30€", None, 30.0),
    ("EUR", "below EUR 30", None, 30.0), ("EUR", "less than 30 eur", None, 30.0), ("EUR", "between €20 and €40", 20.0, 40.0),
    ("EUR", "under thirty euros", None, 30.0), ("GBP", "under £15", None, 15.0), ("GBP", "fifty quid max", None, 50.0),
    ("GBP", "under fifty quid", None, 50.0), ("GBP", "less than 15 pounds", None, 15.0),
    ("JPY", "under ¥2000", None, 2000.0), ("JPY", "under 2000 yen", None, 2000.0), ("JPY", "max JPY 2000", None, 2000.0),
    ("CAD", "under 20 dollars", None, 20.0), ("CAD", "under $20", None, 20.0), ("AUD", "max 40 bucks", None, 40.0),
    # not budgets
    ("USD", "a gift for my 8 year old", None, None), ("USD", "a 1000 piece puzzle", None, None),
    ("USD", "ps4 games", None, None), ("USD", "a 3 pack of socks", None, None), ("USD", "size 10 shoes", None, None),
    ("USD", "toys for kids under 10", None, None), ("USD", "a 3k piece puzzle", None, None),
    ("INR", "for my 10 year old daughter", None, None),
    ("EUR", "under -5 euros", None, None), ("USD", "below -$20", None, None), ("EUR", "max -30€", None, None),
    ("EUR", "between -10 and 40 euros", None, None), ("EUR", "over -5 euros", None, None),
])
def test_budgets_as_written(currency: str, text: str, low: float | None, high: float | None) -> None:
    assert parse_budget(text, currency)[:2] == (low, high)


@pytest.mark.parametrize("currency, text, foreign, amount, low, high", [
    # converted at the reference rate less a tenth (1500 x 0.0116 x 0.9)
    ("USD", "a kurta under ₹1500", "INR", 1500.0, None, 15.66), ("USD", "below 2000 rupees", "INR", 2000.0, None, 20.88),
    ("INR", "watches under $30", "USD", 30.0, None, 2327.58), ("INR", "max 40 dollars", "USD", 40.0, None, 3103.44),
    ("JPY", "under 20 euros", "EUR", 20.0, None, 3070.58), ("USD", "under ¥2000", "JPY", 2000.0, None, 12.24),
    # worth a little more than the store's money: the shopper's own number, the stricter reading
    ("EUR", "a scarf under £15", "GBP", 15.0, None, 15.0), ("USD", "between €20 and €40", "EUR", 40.0, 25.52, 40.0),
    ("USD", "around 20 quid max", "GBP", 20.0, None, 20.0),
])
def test_a_budget_in_another_currency_is_read_at_no_more_than_it_is_worth(
        currency: str, text: str, foreign: str, amount: float, low: float | None, high: float) -> None:
    assert parse_budget(text, currency) == (low, high, [(f"converted:{foreign}", amount)])
    worth = amount * REFERENCE_RATES_USD[foreign] / REFERENCE_RATES_USD[currency]
    assert high <= worth  # never more than it is worth at the reference rate
    facts = merge_facts([text], currency)
    assert facts.converted == (foreign, amount) and facts.notes[0].startswith(f"read a budget of {amount:g} {foreign}")


@pytest.mark.parametrize("currency, text, low, high", [
    ("USD", "over £20", 29.7, None),  # a floor at no less than it is worth (20 x 1.35 x 1.1)
    ("USD", "between 10 and 20 quid", 14.85, 20.0),
    ("INR", "about $30", None, 2327.58),  # the floor "about" guessed is no floor the shopper set
    # a bare number beside an amount in another currency is the store's
    ("INR", "a gift for my nephew in the US, under 2000, something he can't get for $10 there", None, 2000.0),
    ("USD", "my son has 2000 yen from his trip, something under 20", None, 20.0),
])
def test_a_floor_in_another_currency_holds_and_only_the_amount_said_is_converted(
        currency: str, text: str, low: float | None, high: float | None) -> None:
    assert parse_budget(text, currency)[:2] == (low, high)


def test_a_store_sets_its_own_rates_and_a_currency_without_one_is_said_not_applied() -> None:
    assert parse_budget("under 300 SEK", "USD", {"SEK": 0.095}) == (None, 28.5, [("converted:SEK", 300.0)])
    assert parse_budget("under 300 SEK", "USD") == (None, None, [("currency:SEK", 300.0)])
    assert parse_budget("under 0.5 btc", "USD") == (None, None, [("currency:BTC", 0.5)])
    assert merge_facts(["under 0.5 btc"]).notes[0].startswith("ignored a budget of 0.5 BTC")
    assert merge_facts(["under £20 or 25 euros"]).notes[0].endswith("could not be read in the store's currency")  # two currencies
    assert parse_budget("under £20", "USD", {"GBP": 1.25}) == (None, 20.0, [("converted:GBP", 20.0)])
    with pytest.raises(ValueError, match="GBP=1.27"):
        parse_rates("GBP=one")
    with pytest.raises(ValueError):
        Config.from_env({"CATALOG_EXCHANGE_RATES": "XYZ=2"})


def test_a_later_budget_in_another_currency_replaces_the_earlier() -> None:
    facts = merge_facts(["a dress under 40 euros", "a scarf under 30 dollars"], "EUR")
    assert facts.budget_max == 23.27 and facts.ignored == (("converted:USD", 30.0),)
    assert merge_facts(["a scarf under 30 dollars", "under 25 euros"], "EUR").ignored == ()


def test_a_later_budget_in_the_store_currency_replaces_a_foreign_one() -> None:
    facts = merge_facts(["a kurta under $30", "ok, under ₹2000 then"], "INR")
    assert facts.budget_max == 2000.0


@pytest.mark.parametrize("words, n", [("twenty", 20), ("twenty five", 25), ("twenty-five", 25), ("a hundred", 100),
                                      ("two hundred and fifty", 250), ("three thousand", 3000), ("banana", None)])
def test_spelled_numbers(words: str, n: int | None) -> None:
    assert spelled_number(words) == n


def test_amounts_keep_their_currency() -> None:
    text, amounts = normalize_amounts("under 20$ or 25 usd, not ¥3000", "CNY")
    assert text == "under ¤20 or ¤25, not ¤3000"
    assert [a.currency for a in amounts] == ["USD", "USD", "CNY"]


@pytest.mark.parametrize("value, currency, shown", [
    (40, "USD", "$40"), (24.99, "USD", "$24.99"), (1299, "INR", "₹1,299"), (1299.5, "INR", "₹1,299.50"),
    (30, "EUR", "€30"), (12.5, "EUR", "€12.50"), (2000, "JPY", "¥2,000"), (15, "GBP", "£15"), (1234567, "USD", "$1,234,567"),
])
def test_money_is_formatted_by_babel(value: float, currency: str, shown: str) -> None:
    assert format_money(value, currency) == shown


def test_unknown_currencies_are_named_by_code() -> None:
    assert valid_currency("INR") and not valid_currency("XYZ") and not valid_currency("usd")
    assert "XYZ" in format_money(5, "XYZ")
    assert currency_name("INR") == "Indian rupees"


# --- a store that prices in rupees, end to end through the engine -----------------------------
RUPEE_STORE = """product_id,title,description,category_path,brand,price,currency
K1,Anokhi Cotton Straight Kurta,Hand block printed cotton | Machine washable,Clothing > Women > Kurtas,Anokhi,1299,INR
K2,Anokhi Silk Festive Kurta,Pure silk with zari border,Clothing > Women > Kurtas,Anokhi,3499,INR
K3,Biba Rayon Printed Kurta,Printed rayon | Three-quarter sleeves,Clothing > Women > Kurtas,Biba,899,INR
K4,Biba Linen A-Line Kurta,Linen blend | Side pockets,Clothing > Women > Kurtas,Biba,1799,INR
W1,Titan Neo Analog Watch,Stainless steel case | Leather strap,Accessories > Men > Watches,Titan,2295,INR
W2,Fastrack Casual Watch,Resin strap | Water resistant,Accessories > Men > Watches,Fastrack,1195,INR
W3,Titan Edge Slim Watch,Ceramic strap | Sapphire glass,Accessories > Men > Watches,Titan,11995,INR
S1,Bata Leather Sandals,Cushioned sole,Footwear > Men > Sandals,Bata,999,INR
"""


@pytest.fixture(scope="module")
def rupee_engine(engine, tmp_path_factory):  # type: ignore[no-untyped-def]
    from recommender.catalog import load_catalog
    from recommender.engine import Recommender
    from recommender.store import Store

    root = tmp_path_factory.mktemp("rupees")
    (root / "catalog.csv").write_text(RUPEE_STORE)
    catalog = load_catalog(root / "catalog.csv")
    vectors = engine.encoder.encode([p.text for p in catalog.products])
    return Recommender(engine.config, catalog, engine.encoder, vectors, Store.from_url(f"sqlite:///{root}/db.sqlite"))


@pytest.mark.parametrize("text, ceiling", [
    ("a kurta for my wife, max ₹1500", 1500), ("watches for men under INR 2500", 2500),
    ("a kurta around 1000 INR max", 1000), ("kurta below 2000 rupees", 2000), ("a watch under 2k", 2000),
    ("kurta under Rs. 1300", 1300), ("a watch, 1500 rs max", 1500),
])
def test_rupee_budgets_hold_and_reasons_speak_rupees(rupee_engine, text: str, ceiling: float) -> None:  # type: ignore[no-untyped-def]
    from recommender.engine import RecommendRequest

    result = rupee_engine.recommend(RecommendRequest(sender_id=f"r-{text}", messages=(text,)))
    items = result["recommendation"]["items"]
    assert items and all(it["price"] <= ceiling and it["currency"] == "INR" for it in items)
    assert result["currency"] == "INR" and result["constraints"]["budget_max"] == ceiling
    reasons = " ".join(r for it in items for r in it["reasons"])
    assert "₹" in reasons and "$" not in reasons
    why = rupee_engine.explain(result["recommendation"]["recommendation_id"], 1, f"r-{text}")["text"]
    assert "$" not in why


def test_a_dollar_budget_in_a_rupee_store_is_read_in_rupees_and_said(rupee_engine) -> None:  # type: ignore[no-untyped-def]
    from recommender.engine import RecommendRequest

    result = rupee_engine.recommend(RecommendRequest(sender_id="r-usd", messages=("a watch under $30",)))
    assert result["constraints"]["budget_max"] == 2327.58
    assert result["ignored"] == [{"what": "converted", "amount": 30.0, "currency": "USD"}]
    assert all(it["price"] <= 2327.58 for it in result["recommendation"]["items"])
    assert result["example_budget"] == 2000.0
    question = result["question"] or ""
    assert "$" not in question


# --- lists never break a budget, however it is written --------------------------------------------
EUROS = ("€25", "25€", "25 €", "25 euros", "25 EUR", "EUR 25", "eur 25", "twenty five euros", "€25.00", "25")


@pytest.fixture(scope="module")
def fashion_engine(engine, tmp_path_factory):  # type: ignore[no-untyped-def]
    from conftest import ROOT

    from recommender.catalog import load_catalog
    from recommender.engine import Recommender
    from recommender.index import product_vectors
    from recommender.store import Store

    catalog = load_catalog(ROOT / "data" / "fashion.csv")
    db = tmp_path_factory.mktemp("db") / "fashion-money.db"
    return Recommender(engine.config, catalog, engine.encoder,
                       product_vectors(catalog, engine.encoder, engine.config.cache_dir), Store.from_url(f"sqlite:///{db}"))


def _prices(engine, text: str) -> list[float]:  # type: ignore[no-untyped-def]
    from recommender.engine import RecommendRequest

    result = engine.recommend(RecommendRequest(sender_id=f"budget-{text}", messages=(text,)))
    return [it["price"] for it in result["recommendation"]["items"]]


@pytest.mark.parametrize("limit", LIMITS)
def test_the_second_store_never_breaks_a_budget_in_euros(fashion_engine, limit: str) -> None:  # type: ignore[no-untyped-def]
    shown = 0
    for amount in EUROS:
        prices = _prices(fashion_engine, f"a t-shirt for my son {limit} {amount}")
        assert all(p is not None and p <= 25 for p in prices), (limit, amount, prices)
        shown += len(prices)
    assert shown, "boys' t-shirts under €25 exist: some list must show them"


@pytest.mark.parametrize("currency, text, low, high", [
        ("EUR", "a dress €30 max", None, 30.0), ("EUR", "a coat between €40 and €80", 40.0, 80.0),
        ("EUR", "sneakers from 20 to 50 euros", 20.0, 50.0), ("EUR", "a jumper, 60-90 EUR", 60.0, 90.0),
        ("EUR", "a jacket around 70 euros", 52.5, 87.5), ("EUR", "boots at least €100", 100.0, None),
        ("EUR", "a scarf under thirty euros", None, 30.0), ("EUR", "jeans 50€ tops", None, 50.0),
])
def test_the_second_store_keeps_ranges_and_floors(fashion_engine, currency: str, text: str,  # type: ignore[no-untyped-def]
                                                  low: float | None, high: float | None) -> None:
    prices = _prices(fashion_engine, text)
    assert prices, text
    assert all((low is None or p >= low) and (high is None or p <= high) for p in prices), (text, prices)


@pytest.mark.parametrize("limit", LIMITS)
def test_the_shared_toys_never_break_a_budget_in_any_wording(toys_engine, limit: str) -> None:  # type: ignore[no-untyped-def]
    for amount in TWENTY_FIVE:
        prices = _prices(toys_engine, f"an action figure {limit} {amount}")
        assert prices and all(p is not None and p <= 25 for p in prices), (limit, amount, prices)


@pytest.mark.parametrize("text, code", [
    ("under 30 SEK", "SEK"), ("PLN 120 max", "PLN"), ("a scarf under 30 bitcoin", "BTC"), ("under 5 BTC", "BTC"),
    ("below 200 NOK", "NOK"), ("a scarf for 5000 HUF at most", "HUF"),
])
def test_any_other_or_unknown_currency_is_said_back_and_never_applied(text: str, code: str) -> None:
    assert parse_budget(text, "EUR") == (None, None, [(f"currency:{code}", parse_budget(text, "EUR")[2][0][1])])


def test_an_unknown_currency_is_written_with_its_code() -> None:
    assert (format_money(30, "XYZ"), format_money(30.5, "BTC")) == ("30 XYZ", "30.50 BTC")


@pytest.mark.parametrize("text, high", [
    ("4 AAA batteries under 20", 20.0), ("a pack of 30 PCS under 20", 20.0), ("headphones under 50 PLS", 50.0),
    ("under 30 XYZ", 30.0), ("LEGO UNDER 50 FOR A 7 YEAR OLD", 50.0), ("TOP 10 GIFTS UNDER 30", 30.0),
    ("WORLD CUP 2026 SHIRT UNDER 40", 40.0), ("a 12 PEN set under 15", 15.0),
])
def test_capitals_that_are_no_currency_stay_words(text: str, high: float) -> None:
    assert parse_budget(text, "EUR") == (None, high, [])


@pytest.mark.parametrize("words, n", [("fifteen fifty", 15.5), ("nineteen ninety nine", 19.99), ("twenty five fifty", 25.5),
                                      ("a hundred twenty five", 125), ("five fifty", None), ("twenty one five", None)])
def test_a_price_said_as_in_speech_is_dollars_and_cents(words: str, n: float | None) -> None:
    assert spelled_number(words) == n


@pytest.mark.parametrize("text, store, high, code", [
    ("about 15 US dollars, no more", "USD", 15.0, None), ("under 15 u.s. dollars", "CAD", 15.0, "USD"),
    ("30 canadian dollars max", "CAD", 30.0, None), ("30 Canadian dollars max", "USD", 19.71, "CAD"),
    ("under 50 Hong Kong dollars", "USD", 5.71, "HKD"), ("under 20 dollars", "CAD", 20.0, None),
])
def test_a_dollar_named_by_its_country(text: str, store: str, high: float | None, code: str | None) -> None:
    """"15 US dollars" is the store's money in a US store; in a Canadian store it is read in Canadian
    dollars and said back."""
    low, ceiling, said = parse_budget(text, store)
    assert ceiling == high and ([c for c, _ in said] == ([f"converted:{code}"] if code else [])), (low, ceiling, said)
