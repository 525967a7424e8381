"""The project's second demo store (data/fashion.csv: clothing in euros, gender and colour
columns, its own demo customers) through the whole stack over Rasa's REST channel, as
`make run CATALOG=data/fashion.csv` serves it: budgets kept in euros, reasons and bot text in
euros, the recipient honoured, a foreign-currency budget read in euros and said."""
from __future__ import annotations

import re
import uuid

import pytest
from conftest import ROOT, Stack
from test_conversation_e2e import payload, say, texts

from recommender.catalog import load_catalog
from recommender.facets import value_groups

pytestmark = pytest.mark.stack
CATALOG = load_catalog(ROOT / "data" / "fashion.csv")
DOLLARS = re.compile(r"\$|\bUSD\b|dollar", re.IGNORECASE)


def serves(item: dict, groups: set[str]) -> bool:
    product = CATALOG.get(item["product_id"])
    return product is not None and bool(value_groups(product.audience) & groups)


def test_a_gift_conversation_in_euros_for_a_daughter(fashion_stack: Stack) -> None:
    sender = f"fashion-{uuid.uuid4()}"
    first = say(fashion_stack, sender, "a party dress for my 10 year old daughter under 40 euros")
    rec = payload(first)
    items = rec["items"]
    assert items, texts(first)
    for item in items:
        assert item["currency"] == "EUR" and item["price"] <= 40
        assert serves(item, {"girls"}) and item["audience"] == "Girls"
        assert "dress" in item["title"].lower()
        assert not any(DOLLARS.search(r) for r in item["reasons"])
    assert any("€40" in r for item in items for r in item["reasons"])
    assert not DOLLARS.search(texts(first))

    why = texts(say(fashion_stack, sender, "why the second one?"))
    assert items[1]["title"] in why and "€" in why and not DOLLARS.search(why)

    raincoats = payload(say(fashion_stack, sender, "now show me a raincoat for her"))["items"]
    assert raincoats
    for item in raincoats:  # "her" is the daughter; the budget still holds
        assert serves(item, {"girls"}) and "raincoat" in item["title"].lower() and item["price"] <= 40


def test_the_husband_and_the_colour_are_kept(fashion_stack: Stack) -> None:
    reply = say(fashion_stack, f"fashion-{uuid.uuid4()}", "a black t-shirt for me, I'm a guy, under €25")
    items = payload(reply)["items"]
    assert items
    for item in items:
        assert serves(item, {"men"}) and "Black" in item["colour"] and item["price"] <= 25


def test_a_budget_below_every_price_names_the_cheapest_in_euros(fashion_stack: Stack) -> None:
    reply = say(fashion_stack, f"fashion-{uuid.uuid4()}", "i want a t-shirt under 3 euros")
    said = texts(reply)
    assert not any(isinstance(m.get("custom"), dict) for m in reply), "nothing pricier is shown unasked"
    assert "cheapest" in said and "€3" in said and re.search(r"€\d+(\.\d\d)?", said.split("cheapest", 1)[1])


def test_a_budget_in_dollars_is_read_in_euros_and_said(fashion_stack: Stack) -> None:
    reply = say(fashion_stack, f"fashion-{uuid.uuid4()}", "a wool scarf under 30 dollars")
    said = texts(reply)  # $30 at the reference rate less a tenth: €23.27
    assert "Prices here are in euros, so I read $30.00 as a budget of €23.27" in said, said
    assert all(i["price"] <= 23.27 for m in reply if isinstance(m.get("custom"), dict) for i in m["custom"]["items"])


def test_a_signed_in_customer_of_this_store_is_known(fashion_stack: Stack) -> None:
    sender = f"fashion-{uuid.uuid4()}"
    said = texts(say(fashion_stack, sender, "what do you know about me?", customer_id="E002"))
    assert "Lukas Becker" in said


def test_a_budget_in_dollars_after_one_in_euros_takes_its_place(fashion_stack: Stack) -> None:
    sender = f"fashion-{uuid.uuid4()}"
    payload(say(fashion_stack, sender, "a party dress for my 10 year old daughter under 40 euros"))
    reply = say(fashion_stack, sender, "a scarf under 30 dollars")
    said = texts(reply)
    assert "read $30.00 as a budget of €23.27" in said, said
    assert all(i["price"] <= 23.27 for m in reply if isinstance(m.get("custom"), dict) for i in m["custom"]["items"])
