"""Lists hold what the shopper named: hybrid retrieval, named brands and kinds, honest shortfalls,
parts and accessories told from the kind, the baby shelf."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from conftest import ask, titles

from bench import relevance
from recommender.catalog import Catalog, Product
from recommender.engine import Recommender
from recommender.facets import on_baby_shelf, serves
from recommender.focus import find_focus
from recommender.lexical_cache import cached_lexical
from recommender.targeting import coverage, essential, on_target


def test_coverage_weights_the_brand_above_a_generic_kind(engine: Recommender) -> None:
    focus = find_focus(["a lego set"], engine.lexical)
    cov = coverage(focus, engine.lexical)
    by_id = {p.product_id: float(cov[i]) for i, p in enumerate(engine.catalog.products)}
    assert by_id["P018"] == 1.0  # LEGO City Fire Station Set
    assert by_id["P017"] > 0.5 > by_id["P024"] > 0  # a LEGO box without "set" beats a StackWise set


def test_demo_lego_request_lists_only_lego(engine: Recommender) -> None:
    result = ask(engine, "show me a lego set under $50")
    fits = [p for p in engine.catalog.products
            if p.brand == "LEGO" and p.price is not None and p.price <= 50 and p.in_stock]
    assert len(titles(result)) == len(fits) and all(t.startswith("LEGO") for t in titles(result))
    assert result["match"]["on_target"] == len(fits)


def test_a_shortfall_is_said_and_never_padded_with_other_things(engine: Recommender) -> None:
    result = ask(engine, "a telescope")
    assert titles(result) == ["NightOwl Optics Beginner Refractor Telescope"]
    assert "the only one" in result["match"]["note"]


def test_an_absent_brand_gets_an_honest_sentence_and_no_false_match(engine: Recommender) -> None:
    result = ask(engine, "a nerf blaster")
    assert "nerf" in [w.lower() for w in result["match"]["missing"]]
    assert "Nothing in this store's listings mentions “nerf”" in result["match"]["note"]
    for it in result["recommendation"]["items"]:
        product = engine.catalog.get(it["product_id"])
        assert product is not None and "nerf" not in product.searchable
        assert not any("nerf" in r.lower() for r in it["reasons"])


def _kite_catalog(base: Catalog) -> Catalog:
    kite = Product("K001", "Bora 5 Parafoil", "Single line | 5 square feet | Ripstop nylon | Bag included",
                   "Sports & Outdoors > Outdoor Play > Kites", "Prism", 24.95)
    return Catalog(products=[*base.products, kite], version=f"{base.version}-kite")


def test_a_long_tail_kind_is_found_by_its_word(engine: Recommender) -> None:
    catalog = _kite_catalog(engine.catalog)
    vectors = engine.encoder.encode([p.text for p in catalog.products])
    kite_engine = Recommender(engine.config, catalog, engine.encoder, vectors, engine.store)
    assert titles(ask(kite_engine, "a kite for the beach")) == ["Bora 5 Parafoil"]
    dense = titles(ask(kite_engine, "a kite for the beach", retrieval="dense"))
    assert len(dense) == 5  # dense alone pads the list with whatever is nearest


def test_the_lexical_index_is_cached(engine: Recommender, tmp_path: Path) -> None:
    built, cold = cached_lexical(engine.catalog, tmp_path)
    again, warm = cached_lexical(engine.catalog, tmp_path)
    assert cold.rebuilt and not warm.rebuilt and warm.tokenized == 0
    assert (again.scores(["lego"]) == built.scores(["lego"])).all()
    assert again.name_df("lego") == built.name_df("lego") == 5


def test_relevance_bench_reports_every_retriever(engine: Recommender, tmp_path: Path) -> None:
    requests = tmp_path / "r.jsonl"
    requests.write_text("".join(json.dumps(r) + "\n" for r in (
        {"text": "a lego set", "relevant": "lego"}, {"text": "a telescope", "relevant": "telescope"},
        {"text": "a chess set", "relevant": "chess"})))
    out = relevance.run(engine.config.catalog_path, engine.config, requests, per_request=True)
    assert out["requests"] == 3 and set(relevance.MODES) <= set(out)
    assert out["hybrid"]["all_on_target"] == 1.0 and out["hybrid_misses"] == []
    assert [r["text"] for r in out["hybrid_per_request"]] == ["a lego set", "a telescope", "a chess set"]
    assert all(r["precision@5"] == 1.0 for r in out["hybrid_per_request"])


# --- the shared Amazon toys catalog (skipped where ../shared/data is absent) -------------------
def test_toys_lego_request_returns_only_lego(toys_engine: Recommender) -> None:
    result = ask(toys_engine, "show me a lego set under $50")
    fits = [p for p in toys_engine.catalog.products
            if p.title.lower().startswith("lego") and p.price is not None and p.price <= 50 and p.in_stock]
    assert len(fits) >= 6
    assert len(titles(result)) == 5 and all(t.lower().startswith("lego") for t in titles(result))


@pytest.mark.parametrize("text, word", [("a kite", "kite"), ("play-doh for a toddler", "play-doh"),
                                        ("a barbie doll for my daughter", "barbie"), ("funko pop", "funko"),
                                        ("hotwheels", "hot wheels"), ("hot-wheels", "hot wheels"),
                                        ("looking for some play doh sets for my 3 yr old", "play-doh"),
                                        ("a slime kit", "slime")])
def test_toys_named_things_lead_the_list(toys_engine: Recommender, text: str, word: str) -> None:
    result = ask(toys_engine, text)
    assert titles(result) and all(word in f"{t} {it['category']}".lower()
                                  for t, it in zip(titles(result), result["recommendation"]["items"]))


@pytest.mark.parametrize(("text", "who"), [
    ("a halloween costume for a boy", {"boys"}), ("a costume for my husband", {"men"}),
    ("a puzzle for my 10 year old", {"boys", "girls"}), ("a mask for my daughter", {"girls"}),
])
def test_toys_the_recipient_holds_on_what_listings_say(toys_engine: Recommender, text: str, who: set[str]) -> None:
    """The toys catalog has no audience column: "Costume for Girls", "Men's", "Puzzle for Adults"
    and a "Kids & Baby > Girls" category still say who a product is for."""
    result = ask(toys_engine, text)
    assert result["facets"]["audience"]["applied"] is True
    items = result["recommendation"]["items"]
    assert items
    for item in items:
        assert serves("", item["title"], item["category"]) & who, (text, item["title"], item["category"])


@pytest.mark.parametrize("text", [
    "birthday gift for my 14 yo daughter... she's too old for dolls so no dolls. she likes music. $35 or less",
    "my niece is 9 and loves music, under $20",
])
def test_toys_a_child_past_the_baby_shelf_gets_nothing_from_it(toys_engine: Recommender, text: str) -> None:
    """"Baby & Toddler Toys > Musical Toys" (an ABC Melody Maker, a voice-activated spider) is no
    gift for a nine- or fourteen-year-old where enough else fits."""
    items = ask(toys_engine, text)["recommendation"]["items"]
    assert items
    assert not [it["title"] for it in items if on_baby_shelf(it["category"])]


def test_the_baby_shelf_is_the_shelf_not_a_baby_thing() -> None:
    assert on_baby_shelf("Toys & Games > Baby & Toddler Toys > Musical Toys")
    assert on_baby_shelf("Baby Products > Nursery")
    assert not on_baby_shelf("Toys & Games > Dolls & Accessories > Baby Dolls")  # a doll, for children
    assert not on_baby_shelf("Clothing > Kids & Baby > Girls")


def test_toys_absent_brand_is_said(toys_engine: Recommender) -> None:
    result = ask(toys_engine, "a squishmallow plush")
    assert result["match"]["missing"] == ["squishmallow"]
    assert "squishmallow" in result["match"]["note"]


def test_only_what_was_named_and_alternatives_only_when_nothing_named_fits(engine: Recommender) -> None:
    """One card game in the demo store: a list of one, said, rather than other games padding it.
    Nothing wooden is a card game: the closest alternatives, labelled, and "why?" says so."""
    result = ask(engine, "card games")
    items = result["recommendation"]["items"]
    assert result["match"]["on_target"] == 1 and len(items) == 1 and "only one" in result["match"]["note"]
    rec_id = result["recommendation"]["recommendation_id"]
    sender_id = engine.store.impression(rec_id).sender_id  # type: ignore[union-attr]
    assert "close alternative" not in engine.explain(rec_id, 1, sender_id)["text"]

    closest = ask(engine, "a wooden card game")
    assert closest["match"]["on_target"] == 0 and closest["recommendation"]["items"]
    assert "closest alternative" in closest["match"]["note"]
    rec_id = closest["recommendation"]["recommendation_id"]
    sender_id = engine.store.impression(rec_id).sender_id  # type: ignore[union-attr]
    assert "close alternative" in engine.explain(rec_id, 1, sender_id)["text"]


def test_toys_a_kind_is_not_met_by_what_is_made_for_it(toys_engine: Recommender) -> None:
    """"a doll for under 15 bucks": no "Doll Clothes" or "Doll Hat" (the title names the doll
    only as what the part is for); asked for, they are what was named."""
    index = toys_engine.lexical
    parts = {toys_engine.catalog.products[i].title for i in index.parts_for("doll")}
    assert any("Doll Hat" in t for t in parts) and any("Doll Clothes" in t for t in parts), parts
    shown = titles(ask(toys_engine, "a doll for under 15 bucks"))
    assert shown and not set(shown) & parts, shown
    hats = find_focus(["a doll hat"], index)
    assert on_target(hats, index)[[toys_engine.catalog.index_of(p.product_id) for p in toys_engine.catalog.products
                                   if p.title.startswith("Darice Doll Hat")]].all()


def test_parts_and_accessories_are_told_from_the_kind() -> None:
    from recommender.lexical import LexicalIndex

    catalog = Catalog([Product(product_id=str(i), title=t) for i, t in enumerate(
        ["Soft Rag Doll, 12 inch", "Doll Clothes and Shoes Set", "Jigsaw Puzzle Glue", "Barbie Doll House",
         "1000 Piece Jigsaw Puzzle", *(f"Toy Truck No. {n}" for n in range(10))])], "v")
    index = LexicalIndex.build(catalog)
    assert index.parts_for("doll").tolist() == [1, 3]
    assert index.parts_for("puzzl").tolist() == [2]
    assert on_target(find_focus(["a doll"], index), index).tolist()[:5] == [True, False, False, False, False]
    assert on_target(find_focus(["doll clothes"], index), index).tolist()[:5] == [False, True, False, False, False]
    # accessories asked for: a doll's clothes and house are what was named, the doll is not
    assert on_target(find_focus(["doll accessories"], index), index).tolist()[:5] == [False, True, False, True, False]


def test_accessories_asked_for_a_kind_are_its_accessories_not_the_kind() -> None:
    """"doll accessories" are a doll's accessories or parts ("Doll Hat"), not dolls, though every
    doll sits under "Dolls & Accessories"; so are "accessories for her doll". A doll alone is
    still not its clothes, and "hats, masks" after "dress-up accessories" stay hats and masks."""
    from recommender.lexical import LexicalIndex

    dolls = "Toys & Games > Dolls & Accessories > Dolls"
    catalog = Catalog([
        Product(product_id="0", title="Strawberry Shortcake Classic Doll", category_path=dolls),
        Product(product_id="1", title="Doll Hat: Black Felt Top Hat"),
        Product(product_id="2", title="Shoes and Leggings Accessory Set for 14-inch Dolls"),
        Product(product_id="3", title="Picnic Set", category_path="Toys & Games > Dolls & Accessories > Doll Accessories"),
        Product(product_id="4", title="Baby Doll with Bottle", category_path=dolls),
        Product(product_id="5", title="Cowboy Hat"),
        *(Product(product_id=str(10 + n), title=f"Wooden Block No. {n}") for n in range(40))], "v")
    index = LexicalIndex.build(catalog)

    def listed(text: str) -> list[str]:
        return [catalog.products[i].product_id for i in np.flatnonzero(on_target(find_focus([text], index), index))]

    assert listed("doll accessories under $30") == ["1", "2", "3"]
    assert listed("some accessories for her doll") == ["1", "2", "3"]
    doll = listed("a doll for my niece")
    assert {"0", "4"} <= set(doll) and "1" not in doll  # "Doll Hat" is a doll's part, not a doll
    assert "5" in listed("dress-up accessories - hats, masks")


def test_a_product_filed_under_parts_is_no_thing_its_category_names() -> None:
    """"a remote control car": a truck body filed under "Vehicle Parts > Car & Truck Bodies" is
    a part, not a car, though its category says "car"; asked for, parts are what was named, and
    a motor filed under parts is a motor."""
    from recommender.lexical import LexicalIndex

    rc = "Toys & Games > Hobbies > Remote & App Controlled Vehicles & Parts"
    catalog = Catalog([Product(product_id=str(i), title=t, category_path=c) for i, (t, c) in enumerate([
        ("Remote Control Car, 1:18 Scale", f"{rc} > Remote & App Controlled Vehicles > Cars"),
        ("Pickup Truck Body (1/10 Scale)", f"{rc} > Remote & App Controlled Vehicle Parts > Car & Truck Bodies"),
        ("Car Tires, 2 Pack", f"{rc} > Remote & App Controlled Vehicle Parts > Tires"),
        ("Brushless Motor 3300kV", f"{rc} > Remote & App Controlled Vehicle Parts > Motors"),
        *((f"Wooden Block No. {n}", "Toys & Games > Blocks") for n in range(40))])], "v")
    index = LexicalIndex.build(catalog)

    def listed(text: str) -> list[str]:
        return [catalog.products[i].product_id for i in np.flatnonzero(on_target(find_focus([text], index), index))]

    assert listed("a remote control car") == ["0", "2"]  # the title says "car": not told apart
    assert {"1", "2"} <= set(listed("remote control car parts"))
    assert listed("a brushless motor") == ["3"]


def test_a_thing_no_product_is_called_is_said_never_matched_on_a_word_beside_it() -> None:
    """"a xylophone for a toddler", where only a set's bullets mention one: the shopper named a
    xylophone, so "toddler" (a purpose) is not what was named, and the note says no product is
    called that; "crayola markers" where no Crayola product is a marker says so too. "marble
    run" with no marbles is not matched on "run", a word the listings use to describe ("ready to
    run"); "yoga mat" with no yoga keeps the mat, a thing. "a second one", "any chance you have a
    kite" and "a quiet toy" name nothing that is not there."""
    from recommender.impressions import ShownItem
    from recommender.lexical import LexicalIndex
    from recommender.targeting import match_summary

    catalog = Catalog([Product(product_id=str(i), title=t, description=d) for i, (t, d) in enumerate([
        ("Wooden Musical Set", "A drum, a xylophone and a shaker."), ("Toddler Walker", "For a toddler."),
        ("Toddler Blocks", "Soft blocks."), ("Crayola Crayons", "Bright crayons; no markers needed."),
        ("Crayola Glue", "Glue."), ("Ready Train Car", "Ready to run on any track."),
        ("Space Sword", "A telescoping blade."),
        *((f"Race Car No. {n}", "Ready to run out of the box.") for n in range(6)),
        ("Fun Run Medal", "A medal."), ("Play Mat", "A soft mat."), ("Diamond Kite", "A kite."),
        *((f"Wooden Block No. {n}", "Blocks.") for n in range(40))])], "v")
    index = LexicalIndex.build(catalog)
    xylophone = find_focus(["a xylophone for a toddler"], index)
    assert xylophone.unnamed == ("xylophone",) and xylophone.in_listings
    assert np.flatnonzero(on_target(xylophone, index)).tolist() == [0]  # the set whose bullets list one
    shown = ShownItem(1, "0", "Wooden Musical Set", 9.99, "", "Toys", 0.5,
                      evidence={"target": {"named": "xylophone", "on_target": True, "coverage": 1.0}})
    note = match_summary(xylophone, [shown], 5)["note"]
    assert note == "No product here is called “xylophone”; this one mentions it in its listing, all within what you asked."
    # a listing that says "telescoping" mentions no telescope, though the stems are one
    telescope = find_focus(["a telescope please"], index)
    assert telescope.unnamed == ("telescope",) and not telescope
    assert find_focus(["a kids telescope or a kite"], index).unnamed == ("telescope",)  # who it is for, between
    # a question about what was shown names no new thing: the request before still holds
    assert find_focus(["a kite", "is there a xylophone in it?"], index).terms == ("kite",)
    assert match_summary(telescope, [shown], 5)["note"] == "No product here is called “telescope”; these are the closest I found."
    crayola = find_focus(["crayola markers"], index)
    assert (crayola.terms, crayola.unnamed) == (("crayola",), ("markers",))
    marble = find_focus(["marble run"], index)
    assert (marble.alternatives, marble.missing) == ((), ("marble",))
    assert find_focus(["yoga mat"], index).terms == ("mat",)
    for text in ("a second one", "any chance you have a kite?", "a quiet toy"):
        assert find_focus([text], index).unnamed == (), text


def test_where_the_catalog_has_only_parts_for_a_kind_they_are_the_closest_there_is() -> None:
    """"an art easel", where the one easel is an "Easel Case Artist Set" (read as a case for an
    easel), had listed nothing; it is now a close alternative. A doll hat is still no close
    alternative for a doll, though no doll fits the budget."""
    from recommender.lexical import LexicalIndex

    catalog = Catalog([Product(product_id=str(i), title=t, price=p) for i, (t, p) in enumerate([
        ("Alex Easel Case Artist Set, Art Supplies", 60.0), ("Art Crayons", 5.0), ("Darice Doll Hat", 4.0), ("Baby Doll", 20.0),
        *((f"Wooden Block No. {n}", 3.0) for n in range(40))])], "v")
    index = LexicalIndex.build(catalog)
    easel = find_focus(["art easel for kids"], index)
    assert not on_target(easel, index).any() and np.flatnonzero(essential(easel, index)).tolist() == [0]
    assert np.flatnonzero(essential(find_focus(["a doll"], index), index)).tolist() == [3]


def test_toys_a_thing_no_product_is_called_lists_what_mentions_it(toys_engine: Recommender) -> None:
    """"a toy cash register": no title says it, two play sets' bullets do; before, five products
    that mention none were listed with no word said."""
    result = ask(toys_engine, "a toy cash register")
    shown = [toys_engine.catalog.get(it["product_id"]) for it in result["recommendation"]["items"]]
    assert shown and all(p is not None and "cash register" in p.searchable for p in shown)
    assert result["match"]["note"].startswith("No product here is called “cash register”")


def test_a_thing_only_listings_mention_is_found_singular_or_plural() -> None:
    """"some batteries" and "a battery" find both "AA Batteries" and "battery powered"; the
    answer is kept, and the same every time it is asked."""
    from recommender.lexical import LexicalIndex

    catalog = Catalog([Product(product_id=str(i), title=t, description=d) for i, (t, d) in enumerate([
        ("RC Car", "Uses 4 AA Batteries."), ("Remote", "Battery powered."), ("Kite", "Flies well."),
        *((f"Wooden Block No. {n}", "Blocks.") for n in range(40))])], "v")
    index = LexicalIndex.build(catalog)
    assert index.mentions("batteries").tolist() == index.mentions("battery").tolist() == [0, 1]
    assert index.mentions("battery") is index.mentions("Battery")


def _with(engine: Recommender, version: str, rows: list[tuple[str, str, str, str, float]]) -> Recommender:
    """The demo engine with more products: (title, bullets, category, brand, price)."""
    extra = [Product(f"{version}-{i}", title, bullets, category, brand, price)
             for i, (title, bullets, category, brand, price) in enumerate(rows)]
    catalog = Catalog(products=[*engine.catalog.products, *extra], version=f"{engine.catalog.version}-{version}")
    return Recommender(engine.config, catalog, engine.encoder, engine.encoder.encode([p.text for p in catalog.products]),
                       engine.store)


PLUSH = "Toys & Games > Stuffed Animals & Plush Toys"
PUPPETS = "Toys & Games > Puppets"


@pytest.fixture(scope="module")
def plush_engine(engine: Recommender) -> Recommender:
    return _with(engine, "plush", [
        ("Snuggle Cuddly Bear Stuffed Animal", "Soft and cuddly", PLUSH, "Snuggle", 12.0),
        ("Wild Horse Stuffed Animal", "A cuddly friend for bedtime", PLUSH, "Wild", 14.0),
        ("Penguin Stuffed Animal", "Cuddly and soft", PLUSH, "Aurora", 11.0),
        ("Shark Stuffed Animal", "Cuddly shark, 20 inches", PLUSH, "Wild", 15.0),
        ("Sloth Stuffed Animal", "So cuddly", PLUSH, "Aurora", 13.0),
        ("Snake Finger Puppet", "Fits a finger", PUPPETS, "Puppet Co", 9.0),
        ("Walk and Play Finger Puppets", "Five finger puppets", PUPPETS, "Sago", 8.0),
        ("Raven Hand Puppet", "A hand puppet", PUPPETS, "Folkmanis", 38.0),
        ("Parrot Hand Puppet", "A hand puppet", PUPPETS, "Folkmanis", 10.0),
        ("Skip Hop Activity Teether", "Rattle and textures", "Baby > Teethers", "Skip Hop", 14.0),
    ])


def test_a_word_of_how_it_is_leaves_room_for_close_alternatives(plush_engine: Recommender) -> None:
    """"a cuddly stuffed animal": the one that says so first, then other stuffed animals, said to
    be close alternatives (listings leave "cuddly" unsaid); before, the list held only the one."""
    result = ask(plush_engine, "a cuddly stuffed animal")
    shown = titles(result)
    assert shown[0] == "Snuggle Cuddly Bear Stuffed Animal" and len(shown) == 5, shown
    assert all("Stuffed Animal" in t for t in shown), shown
    assert "1 of these match all of" in result["match"]["note"]


def test_another_kind_never_fills_a_short_list(plush_engine: Recommender) -> None:
    """A hand puppet is no finger puppet: the short list stays short."""
    result = ask(plush_engine, "finger puppets")
    assert sorted(titles(result)) == ["Snake Finger Puppet", "Walk and Play Finger Puppets"]
    assert "all 2 matching" in result["match"]["note"]


@pytest.mark.parametrize("text, named", [
    ("skip the star wars stuff, he's got loads of it. any other lego?", "lego"),  # "Skip Hop" is a brand
    ("hot wheels are banned, he has hundreds. a stuffed animal?", "stuffed animal"),
    ("my grandson is shark mad, what have you got", "shark"),
    ("we already have a million puppets so not that. a stuffed animal?", "stuffed animal"),
    ("stocking fillers for a 7yo: stuffed animals", "stuffed animals"),
])
def test_words_of_refusing_liking_and_counting_are_no_names(plush_engine: Recommender, text: str, named: str) -> None:
    focus = find_focus([text], plush_engine.lexical, ask(plush_engine, text)["constraints"]["exclude_terms"])
    assert focus.phrase.lower() == named and not focus.missing and not focus.unnamed, focus


def test_the_kind_said_of_a_thing_only_describes_it(plush_engine: Recommender) -> None:
    """"stuffed animals - the cuddly kind": cuddly is how they are, not the kind of thing."""
    focus = find_focus(["stuffed animals - the cuddly kind"], plush_engine.lexical)
    assert focus.phrase == "stuffed animals", focus


def test_a_list_after_a_purpose_names_the_things(plush_engine: Recommender) -> None:
    """"stuffed animals for bedtime - a penguin or a shark": the dash ends what they are for;
    before, the list was read as part of the purpose and dropped."""
    focus = find_focus(["stuffed animals for bedtime - a penguin or a shark"], plush_engine.lexical)
    assert {"penguin", "shark"} <= set(focus.terms), focus


def test_toys_pokemon_cards_are_the_trading_card_game(toys_engine: Recommender) -> None:
    """"pokemon cards": the listings say "Pokemon TCG"; a card alone ("a birthday card") is no TCG."""
    assert ("pokemon", "tcg") in find_focus(["pokemon cards"], toys_engine.lexical).alternatives
    for text in ("a birthday card", "a greeting card"):
        assert all("tcg" not in alt for alt in find_focus([text], toys_engine.lexical).alternatives), text
    shown = titles(ask(toys_engine, "pokemon cards"))
    assert shown and all(t.startswith("Pokemon TCG") or "Theme Deck" in t for t in shown[:3]), shown


def test_toys_party_bag_fillers_are_party_favors(toys_engine: Recommender) -> None:
    """"party bag fillers ... under 5 dollars" had named no product ("fillers") and listed nothing."""
    for text in ("party bag fillers for 12 kids so each thing has to be under 5 dollars",
                 # ... and so is a classroom's prize box: no "grade" nor "box" named
                 "what would u recommend for a 6th grade class prize box? lots of little stuff, under 5 dollars each",
                 "restocking my classroom treasure box, each prize has to be under five dollars"):
        result = ask(toys_engine, text)
        items = result["recommendation"]["items"]
        assert items and all(it["price"] <= 5 and "party favor" in f"{it['title']} {it['category']}".lower()
                             for it in items), (text, items)


def test_what_a_shelf_of_accessories_holds_is_no_kind_it_is_for() -> None:
    """"a kite": tails filed under "Kite Accessories" are no kite, nor "Balloon Weights" balloons
    or a "Skateboarding Helmet" a skateboard; a shelf that holds the things too ("Dolls &
    Accessories") says nothing of the kind, and asking for the accessories lists them."""
    from recommender.lexical import LexicalIndex

    catalog = Catalog([Product(product_id=str(i), title=t, category_path=c) for i, (t, c) in enumerate([
        ("Prism Bora Parafoil Kite", "Toys & Games > Kites & Wind Spinners > Kites"),
        ("In the Breeze Silver Sparkle Tails", "Toys & Games > Kites & Wind Spinners > Kite Accessories"),
        ("Latex Balloons, Pack of 20", "Toys & Games > Party Supplies > Balloons"),
        ("Metallic Wrapped Balloon Weights, Set of 12", "Toys & Games > Party Supplies"),
        ("Kryptonics Cruiser Skateboard", "Sports > Skateboarding > Skateboards"),
        ("Sweatsaver Skateboarding Helmet", "Sports > Skateboarding > Protective Gear"),
        ("Baby Alive Doll", "Toys & Games > Dolls & Accessories"),
        *((f"Wooden Block No. {n}", "Toys & Games > Blocks") for n in range(40))])], "v")
    index = LexicalIndex.build(catalog)

    def listed(text: str) -> list[str]:
        return [catalog.products[i].product_id for i in np.flatnonzero(on_target(find_focus([text], index), index))]

    assert listed("a kite for the beach") == ["0"]
    assert listed("balloons for a party") == ["2"]
    assert listed("a skateboard") == ["4"]
    assert listed("a doll") == ["6"]
    assert "1" in listed("kite accessories")


def test_a_part_said_to_be_for_a_thing_is_no_such_thing() -> None:
    """"Replacement Cover for Mini Exercise Trampoline" is no trampoline; "not the trading cards"
    leaves out a TCG's boxes and decks, which titles never call trading cards."""
    from recommender.lexical import LexicalIndex
    from recommender.ranker import Constraints

    catalog = Catalog([Product(product_id=str(i), title=t) for i, t in enumerate([
        "JumpSport SkyBounce Trampoline", "Replacement Cover for Mini Exercise Trampoline",
        "Pokemon TCG: Elite Trainer Box", "Pokemon SM12 Theme Deck", "Pokemon Pikachu Plush",
        *(f"Wooden Block No. {n}" for n in range(30))])], "v")
    index = LexicalIndex.build(catalog)
    assert np.flatnonzero(on_target(find_focus(["a trampoline"], index), index)).tolist() == [0]
    c = Constraints(exclude_terms=("trading cards",), in_stock_only=False)
    assert [p.title for p in catalog.products[2:5] if c.allows(p)] == ["Pokemon Pikachu Plush"]


def test_toys_the_baby_shelf_goes_for_an_age_said_of_no_one_named(toys_engine: Recommender) -> None:
    """No one named ("a gift for a 9 year old"): the whole shelf is out for one past it, and every
    title calling babies or toddlers alone; a baby among those named keeps it; a girl keeps what on
    the shelf calls girls."""
    arrays = toys_engine.arrays
    assert arrays.baby_shelf is not None and bool(arrays.baby_shelf.any()) and arrays.small_titles is not None
    assert torch.equal(arrays.on_shelf_outgrown(()), arrays.baby_shelf | arrays.small_titles)
    assert arrays.on_shelf_outgrown(("baby", "girls")) is None
    girls = arrays.on_shelf_outgrown(("girls",))
    assert bool((arrays.baby_shelf & ~girls).any()) and not bool((girls & ~(arrays.baby_shelf | arrays.small_titles)).any())


def test_nothing_named_within_the_limits_lists_the_rest_and_says_so(engine: Recommender) -> None:
    """The one telescope is for ages 8 and up: "a telescope for my 3 year old" lists what fits a
    three-year-old and says nothing matches (an empty list would refuse what the shopper never
    refused); "a telescope under $10" is empty and names the cheapest telescope ($69.99)."""
    result = ask(engine, "a telescope for my 3 year old")
    items = result["recommendation"]["items"]
    assert items and "Telescope" not in " ".join(titles(result))
    assert "Nothing matches all of “telescope” within what you asked" in result["match"]["note"]
    assert result["match"]["on_target"] == 0 and result["cheapest"] is None
    priced_out = ask(engine, "a telescope under $10")
    assert priced_out["recommendation"]["items"] == []
    assert priced_out["cheapest"]["title"] == "NightOwl Optics Beginner Refractor Telescope"
    # What was named only under a floor said is priced out too, and no product above the floor is its cheapest
    floored = ask(engine, "a telescope, between $100 and $150")
    assert floored["recommendation"]["items"] == [] and floored["cheapest"] is None
    # ... and where nothing named fits but for the price, no unrelated product is "the cheapest"
    unrelated = ask(engine, "a telescope for my 3 year old under $1")
    assert unrelated["recommendation"]["items"] == [] and unrelated["cheapest"] is None


def test_a_budget_said_as_about_sets_no_floor_that_empties_the_list(engine: Recommender) -> None:
    """"markers, about $40": the only markers ($8.99) are under the guessed floor ($30): they are
    listed, and the reasons speak of the $40 said, never of a minimum the shopper never set; a
    floor said ("between $30 and $50") still holds."""
    result = ask(engine, "some markers, about $40")
    assert "ColorLoom 24-Color Washable Markers" in titles(result)
    said = " ".join(str(r) for item in result["recommendation"]["items"] for r in item["reasons"])
    assert "at least" not in said and "$44" not in said, said
    floor = ask(engine, "some markers between $30 and $50")
    assert floor["recommendation"]["items"] == []
