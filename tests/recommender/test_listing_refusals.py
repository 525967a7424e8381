"""A refused thing the listing's own words say is left out too, not only one its names say:
"no latex" leaves out balloons "made of natural latex", never "latex-free" ones (`ranker.says`,
`Constraints.exclude_said`)."""
from __future__ import annotations

import pytest
from conftest import ask, titles

from recommender.catalog import Catalog, Product
from recommender.engine import Recommender
from recommender.ranker import CatalogArrays, Constraints, clue, describes, names_only, said_words, says

BALLOONS = "Party Supplies > Balloons"
CARS = "Toys & Games > Vehicles > Toy Cars"
PRODUCTS = [
    ("Rainbow Party Balloons, 50 Pack", "Made of natural latex | Bright colours", BALLOONS, 9.0),
    ("Confetti Balloons, 24 Pack", "Clear balloons filled with confetti. Natural latex, helium quality", BALLOONS, 11.0),
    ("Foil Star Balloons, 10 Pack", "Latex-free foil | Reusable", BALLOONS, 8.0),
    ("Heart Balloons, 12 Pack", "Safe for guests with allergies: no latex. Self-sealing", BALLOONS, 10.0),
    ("Giant Number Balloon", "Foil, 40 inches | Made without any latex", BALLOONS, 7.0),
    ("Metallic Balloon Garland", "Mylar hearts and stars on a ribbon", BALLOONS, 12.0),
    ("RC Stunt Car", "Flips and spins | Requires 4 AA batteries (not included)", CARS, 25.0),
    ("Light-up Racer", "Flashing wheels. Batteries included", CARS, 15.0),
    ("Pull-Back Racer", "No batteries needed: pull back and go", CARS, 12.0),
    ("Friction Monster Truck", "Push it and it goes; it does not need batteries", CARS, 14.0),
    ("Wooden Race Car", "Solid beech, smooth wheels | Made in Germany", CARS, 18.0),
    ("Die-Cast Sports Car", "1:36 scale with opening doors", CARS, 9.0),
]


@pytest.fixture(scope="module")
def party_engine(engine: Recommender) -> Recommender:
    extra = [Product(f"LR{i}", title, description, category, "Partyco", price)
             for i, (title, description, category, price) in enumerate(PRODUCTS)]
    catalog = Catalog(products=[*engine.catalog.products, *extra], version=f"{engine.catalog.version}-listing-refusals")
    vectors = engine.encoder.encode([p.text for p in catalog.products])
    return Recommender(engine.config, catalog, engine.encoder, vectors, engine.store, refusals=engine.refusals)


@pytest.mark.parametrize("text, term, said", [
    ("Made of natural latex", "latex", True),
    ("Requires 4 AA batteries (not included)", "batteries", True),  # "not" after it denies nothing
    ("No batteries included", "batteries", True), ("Does not include batteries", "batteries", True),  # it needs them
    ("Latex-free foil", "latex", False), ("Latex and BPA-free", "latex", True),
    ("no latex. Self-sealing", "latex", False),
    ("Made without any latex", "latex", False), ("free of latex", "latex", False), ("Free from latex", "latex", False),
    ("BPA-free latex pacifier", "latex", True), ("Includes free batteries", "batteries", True),  # "free" before denies nothing
    ("it does not need batteries", "batteries", False), ("Doesn't need batteries", "batteries", False),
    ("does not require any AA batteries", "batteries", False),  # four words back
    ("Batteries not required", "batteries", False), ("Batteries: none", "batteries", False),
    ("battery-less design", "battery", False),
    ("Non-toxic glitter glue", "glitter", True), ("No-mess glitter pens", "glitter", True),  # the denial is of the next word
    ("Not a toy. Batteries included", "batteries", True), ("Allergy safe? No. Latex balloons", "latex", True),  # a clause ends
    ("Small parts; not for children under 3", "small parts", True),
    ("small, with parts that snap", "small parts", False),  # the words in a row, or not at all
    ("a toy gun that shoots foam darts", "toy guns", True),  # inflections aside
    ("Fires a foam dart with every shot", "x-shot", False), ("The X-Shot Excel blaster", "x-shot", True),
    ("Includes 150 stickers", "f-150", False), ("Play ball outside", "t-ball", False), ("Ford F-150", "f150", True),
    # a warning that starts with a denial denies something else
    ("Not recommended for latex allergy sufferers", "latex", True), ("Not for people with latex allergies", "latex", True),
    ("Do not dispose of batteries in fire", "batteries", True), ("Never leave batteries in the toy", "batteries", True),
    ("Not compatible with rechargeable batteries", "batteries", True),
    ("does not contain latex", "latex", False), ("Does not contain any latex", "latex", False),
    # a colon or a dash ends what a denial before it reaches
    ("No glue needed - glitter foam stickers", "glitter", True), ("NO MESS: glitter stays sealed inside", "glitter", True),
    ("Non Toxic Glitter Glue", "glitter", True), ("No Mess Glitter Pens", "glitter", True),  # apart, of the next word
    ("Batteries Required: No", "batteries", False), ("Latex: No", "latex", False),
    ("Batteries are not required", "batteries", False), ("Batteries Included: Yes", "batteries", True),
    ("My Little Pony figure", "ponies", True), ("Chef knives set", "knife", True), ("Requires 2 AA-batteries", "batteries", True),
])
def test_says_the_words_unless_denied(text: str, term: str, said: bool) -> None:
    assert says(said_words(text), said_words(term)) is said
    assert describes(text, term) is said


def test_a_refusal_leaves_out_listings_that_say_it(party_engine: Recommender) -> None:
    """The titles never say latex: only the descriptions tell the latex balloons from the others."""
    result = ask(party_engine, "balloons for a party, one guest has a latex allergy so nothing latex please")
    shown = titles(result)
    assert "latex" in result["constraints"]["exclude_said"]
    assert not {"Rainbow Party Balloons, 50 Pack", "Confetti Balloons, 24 Pack"} & set(shown), shown
    assert {"Foil Star Balloons, 10 Pack", "Heart Balloons, 12 Pack", "Giant Number Balloon"} <= set(shown), shown


def test_no_batteries_leaves_out_cars_that_take_them(party_engine: Recommender) -> None:
    shown = titles(ask(party_engine, "a toy car that doesn't need batteries"))
    assert shown and not {"RC Stunt Car", "Light-up Racer"} & set(shown), shown
    assert {"Pull-Back Racer", "Friction Monster Truck"} <= set(shown), shown


def test_the_mask_and_the_reference_check_agree(party_engine: Recommender) -> None:
    catalog = party_engine.catalog
    for c in [Constraints(exclude_said=("latex",)), Constraints(exclude_said=("batteries", "small parts")),
              Constraints(exclude_terms=("balloons",), exclude_said=("batteries",), in_stock_only=False)]:
        assert party_engine.arrays.mask(c, catalog).tolist() == [c.allows(p) for p in catalog.products]


def test_the_products_that_say_a_term_are_kept_per_term() -> None:
    catalog = Catalog(products=[Product(f"K{i}", f"Toy {i}", "Great for kids and grown-ups" if i < 2 else "A toy", "Toys")
                                for i in range(12)], version="saying")
    arrays = CatalogArrays.build(catalog, "cpu")
    assert arrays.saying("grown-ups", catalog) == frozenset({0, 1}) and arrays.saying("toy", catalog) == frozenset(range(2, 12))
    assert arrays.saying("toy", catalog) is arrays.saying("toy", catalog)  # read once


@pytest.mark.parametrize("term, alone", [("kids", True), ("teens", True), ("toddlers'", True), ("grown ups", True),
                                         ("grown-ups", True), ("kid's", True), ("piece", True), ("pcs", True),
                                         ("cups", False), ("kids' games", False), ("plastic", False),
                                         ("baby dolls", False), ("1000 piece puzzles", False)])
def test_people_and_units_refused_are_matched_on_names_alone(term: str, alone: bool) -> None:
    """Whom a product is for, and what it is counted in, are what its names say; its description
    says "fun for kids and grown-ups" or "all 60 pieces" in passing, so "nothing for kids" (or a
    count refused whose number was lost, "anything but a 1000 piece one") is read in the names alone."""
    assert names_only(term) is alone


def test_the_engine_reads_people_in_the_names_alone(party_engine: Recommender) -> None:
    result = ask(party_engine, "a toy car, no batteries, nothing for toddlers")
    assert "batteries" in result["constraints"]["exclude_said"]
    assert "toddlers" in result["constraints"]["exclude_terms"]
    assert not any(names_only(t) for t in result["constraints"]["exclude_said"])


@pytest.mark.parametrize("attributes, allowed", [
    ({"material": "natural latex"}, False),
    ({"batteries": "2 AA (not included)"}, False),
    ({"batteries_required": True}, False),
    ({"batteries_required": False}, True),  # a flag that denies it
    ({"batteries": "none"}, True),
    ({"url": "https://shop.example/latex-balloons-with-batteries"}, True),  # no words of the listing
    ({"material": "foil"}, True),
    ({"latex": "Latex free"}, True), ({"batteries": "No batteries required"}, True),  # the value names the key
    ({"batteries": "None required"}, True), ({"battery_count": 0.0}, True),
    ({"batteries": float("nan")}, True), ({"batteries": "-"}, True), ({"batteries": "Not applicable"}, True),
    ({1: "latex"}, False), ({"contents": "latex"}, False),  # a key that is no text is read all the same
])
def test_attributes_are_read_as_the_listing_says_them(attributes: dict, allowed: bool) -> None:
    product = Product("A1", "Party Balloon", "Shiny and round", "Party Supplies", attributes=attributes)
    assert Constraints(exclude_said=("latex", "batteries")).allows(product) is allowed


def test_the_material_column_is_read() -> None:
    """The fashion store's `material` column: "no wool" leaves out a sweater of wool its title never names."""
    sweater = Product("M1", "Cable Knit Sweater", "Warm and soft", "Women > Sweaters", material="merino wool")
    assert not Constraints(exclude_said=("wool",)).allows(sweater) and Constraints(exclude_said=("linen",)).allows(sweater)


def test_the_names_of_lines_are_not_read_in_the_listing(party_engine: Recommender) -> None:
    """The listing's text is read for "disney" as said, never for its lines' names ("frozen"):
    descriptions use them in other senses (a mould that "makes frozen yogurt pops"); the names are
    still matched on the lines (`exclude_terms`)."""
    result = ask(party_engine, "a toy car, but nothing disney")
    assert result["constraints"]["exclude_said"] == ["disney"]


@pytest.mark.parametrize("term, text", [("batteries", "Requires 2 AA battery"), ("toy guns", "a toy gun"),
                                        ("ponies", "My Little Pony"), ("pony", "two ponies"), ("knife", "Chef knives"),
                                        ("lilies", "a lily pad"), ("f150", "Ford F-150"),
                                        ("k2 skates", "K2 skate liners"), ("x-shot", "The X-Shot blaster"),
                                        ("f-150", "Ford F-150 pickup"), ("kid's", "kids love it")])
def test_the_clue_is_in_every_text_that_says_the_term(term: str, text: str) -> None:
    """`saying` reads word by word only the texts that hold the term's clue: a text that says the
    term in another inflection must hold it too."""
    assert clue(term) and clue(term) in text.lower() and describes(text, term)


def test_the_search_of_all_texts_and_the_reference_check_agree_past_a_letter_that_lowers_to_two() -> None:
    """"İ" lowers to two letters: where the texts were lowered joined, the products after it were
    found at the wrong offsets."""
    catalog = Catalog(products=[Product("I1", "Dotted Toy", "İ" * 40, "Toys"), Product("I2", "Red Balloon", "Natural latex", "Toys")],
                      version="dotted")
    c = Constraints(exclude_said=("latex",))
    assert CatalogArrays.build(catalog, "cpu").mask(c, catalog).tolist() == [c.allows(p) for p in catalog.products] == [True, False]
