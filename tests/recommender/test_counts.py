"""Counts and sizes: a count or a bound on pieces asked of the thing named, a count refused as a bound."""
from __future__ import annotations

import re

import pytest
from conftest import ask, titles

from recommender.catalog import Catalog, Product
from recommender.engine import Recommender
from recommender.focus import find_focus
from recommender.lexical import measure_words, measures, piece_bounds, tokens
from recommender.targeting import coverage, essential, on_target


def test_focus_reads_counts_spellings_and_shop_talk(engine: Recommender) -> None:
    index = engine.lexical
    # A stated count is a name a title must hold: the 1000-piece puzzle is on target; another
    # is a partial match, not a close alternative (which keeps the count).
    focus = find_focus(["a 1000 piece puzzle"], index)
    assert focus.measures == (("1000", "piece"),) and focus.terms == ("puzzl",)
    cov, near = coverage(focus, index), essential(focus, index)
    by_title = {p.title: i for i, p in enumerate(engine.catalog.products)}
    lighthouse = by_title["Puzzlewick Lighthouse at Dusk 1000-Piece Jigsaw Puzzle"]
    floor = by_title["Puzzlewick Solar System Floor Puzzle"]
    assert cov[lighthouse] == 1.0 and near[lighthouse] and not near[floor] and 0.5 <= cov[floor] < 1.0
    # A misspelling two letters off, a swap included, is read as the catalog's word.
    assert ("dinasour", "dinosaur") in find_focus(["dinasour stickers"], index).corrected
    assert ("telescpoe", "telescope") in find_focus(["a telescpoe"], index).corrected
    # What a shop "carries" or its "merch" names nothing in particular.
    assert find_focus(["do you carry any telescope merch?"], index).terms == ("telescop",)


def test_measures_and_initialisms_read_alike_in_titles_and_requests() -> None:
    assert measures("Ceaco Emoji Puzzle (300Piece), 1,000 pcs, 32 oz, 65W, a 2-player game") == [
        ("300", "piece"), ("1000", "piece"), ("32", "oz"), ("65", "w"), ("2", "player")]
    assert measures("for my 12 year old, under $30, 5 in 1") == []
    # A range is one measure: any count within it.
    assert measures("jigsaw with 400-600 pieces, under $15") == [("400-600", "piece")]
    assert measures("between 500 and 1,000 pieces, a 12 to 16 inch doll") == [("500-1000", "piece"), ("12-16", "inch")]
    assert measures("ages 3-5, $10-20") == []
    assert tokens("L.O.L. Surprise!") == tokens("LOL Surprise")


def test_toys_a_count_said_apart_from_the_thing_is_asked_of_it(toys_engine: Recommender) -> None:
    """"big puzzles ... looking for a 1000 piece one": every puzzle shown has 1000 pieces."""
    result = ask(toys_engine, "my grandma is 82 and loves big puzzles, looking for a 1000 piece one")
    shown = titles(result)
    assert len(shown) == 5 and all(re.search(r"1,?000[- ]?(piece|pc)", t, re.IGNORECASE) for t in shown), shown


def test_toys_a_range_of_pieces_is_kept(toys_engine: Recommender) -> None:
    result = ask(toys_engine, "a puzzle between 500 and 1000 pieces")
    counts = [re.search(r"(\d[\d,]*)\s*-?\s*(?:piece|pc)", t, re.IGNORECASE) for t in titles(result)]
    assert len(counts) == 5 and all(c and 500 <= int(c.group(1).replace(",", "")) <= 1000 for c in counts), titles(result)


@pytest.mark.parametrize("text, expected", [
    ("a jigsaw, 100 pieces or less", [("<=100", "piece")]), ("at least 18 inches", [(">=18", "inch")]),
    ("1000+ piece puzzle", [(">=1000", "piece")]), ("puzzle under 500 pieces", [("<500", "piece")]),
    ("300 pieces max", [("<=300", "piece")]), ("no more than 1,000 pieces", [("<=1000", "piece")]),
    ("more than 2 players", [(">2", "player")]), ("500 piece puzzle", [("500", "piece")]),
    ("for my 10 yo, at least 200 pieces", [(">=200", "piece")]),  # "10 yo" is no count
    ("under $30", []),
    # a bound refused is the other bound
    ("nothing over 500 pieces", [("<=500", "piece")]), ("no puzzles over 1000 pieces", [("<=1000", "piece")]),
    ("she doesn't want anything above 1000 pieces", [("<=1000", "piece")]),
    ("nothing bigger than 300 pieces", [("<=300", "piece")]), ("not under 12 inches", [(">=12", "inch")]),
    ("over 1000 pieces for my dad", [(">1000", "piece")]), ("not too big, under 500 pieces", [("<500", "piece")]),
    ("doesn’t want anything over 500 pieces", [("<=500", "piece")]), ("dont want anything over 500 pieces", [("<=500", "piece")]),
    # a refusal in a clause before is no refusal of the bound
    ("no dinosaurs and under 500 pieces please", [("<500", "piece")]), ("not sure but under 500 pieces", [("<500", "piece")]),
    ("no lego please at least 1000 pieces", [(">=1000", "piece")]),
])
def test_a_bound_on_a_count_or_size_is_read(text: str, expected: list[tuple[str, str]]) -> None:
    assert measures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a count refused is a bound, on the side its words say
    ("Please not the very big one with 1000 pieces, I never finish", [("<1000", "piece")]),
    ("no 24 piece puzzles, she is past those", [(">24", "piece")]),
    ("I don't want a 1000 piece puzzle", [("<1000", "piece")]),
    ("I want a 1000 piece puzzle, not a 500 piece one", [("1000", "piece"), (">500", "piece")]),  # the other count says
    ("jigsaw puzzle, anything but a 1000 piece one, 15 bucks max", [("<1000", "piece")]),
    ("a puzzle other than a 1000 piece one", [("<1000", "piece")]), ("a 500 piece rather than a 1000 piece one",
                                                                   [("500", "piece"), ("<1000", "piece")]),
    ("anything but lego, a 1000 piece puzzle", [("1000", "piece")]),  # the count is not what "but" refuses
    ("other than that a 500 piece puzzle", [("500", "piece")]),  # "that" is what "other than" sets apart
    ("Other than 1000 piece puzzles she likes board games", [("1000", "piece")]),  # "besides"
    # never a refusal of something else, or "not sure"
    ("no dinosaurs and a 500 piece puzzle", [("500", "piece")]), ("not sure, maybe 500 pieces", [("500", "piece")]),
    ("no dinosaurs please just a 500 piece puzzle", [("500", "piece")]),
    ("no frame needed for the 1000 piece puzzle", [("1000", "piece")]),
    ("she has never done one with 1000 pieces and wants to try", [("1000", "piece")]),
    ("a 1000 piece puzzle please", [("1000", "piece")]),
    # said too much or too little after it
    ("she finds 1000 pieces too fiddly now, so smaller counts please", [("<1000", "piece")]),
    ("100 pieces is too easy for her", [(">100", "piece")]), ("a 500 piece puzzle too please", [("500", "piece")]),
])
def test_a_count_refused_is_a_bound(text: str, expected: list[tuple[str, str]]) -> None:
    assert measures(text) == expected


def test_a_count_refused_is_a_ceiling_of_the_list_and_never_asked_for(engine: Recommender) -> None:
    """"a puzzle, not the very big one with 1000 pieces": every puzzle listed has fewer pieces, and
    the focus asks for under 1000, never for 1000."""
    text = "a puzzle for myself, please not the very big one with 1000 pieces"
    assert piece_bounds([text]) == ("<1000",)
    focus = find_focus([text], engine.lexical)
    assert focus.measures == (("<1000", "piece"),) and focus.terms == ("puzzl",), focus


@pytest.mark.parametrize("turns, ceilings", [
    (["nothing over 500 pieces"], ("<=500",)), (["at least 1000 pieces"], ()),  # a floor is asked of the focus
    (["a puzzle under 500 pieces", "actually make it a 1000 piece one"], ()),  # the latest count decides
    (["at least 1000 pieces", "hmm actually no more than 500 pieces"], ("<=500",)),
    (["under 300 pieces", "ok 400-600 pieces then"], ()), (["a 1000 piece puzzle"], ()),
    (["no 24 piece puzzles, she is past those"], (">24",)), (["over 500 pieces please"], ()),  # a smaller count refused holds
])
def test_the_latest_ceiling_on_pieces_is_the_limit(turns: list[str], ceilings: tuple[str, ...]) -> None:
    assert piece_bounds(turns) == ceilings


def test_a_bound_is_said_in_words() -> None:
    assert [measure_words(m) for m in [("<=100", "piece"), (">=18", "inch"), ("<500", "piece"), ("400-600", "piece")]] == [
        "up to 100 piece", "at least 18 inch", "under 500 piece", "400-600 piece"]


def test_toys_a_bound_on_pieces_holds_in_any_clause(toys_engine: Recommender) -> None:
    """"a jigsaw for my 5 year old, 100 pieces or less": a stated limit, said after the
    recipient, holds for every jigsaw shown; so does "at least"."""
    def counts(result: dict) -> list[int | None]:
        found = [re.search(r"(\d[\d,]*)\s*-?\s*(?:large\s+)?(?:piece|pc)", t, re.IGNORECASE) for t in titles(result)]
        return [int(c.group(1).replace(",", "")) if c else None for c in found]

    small = counts(ask(toys_engine, "a jigsaw for my 5 year old, 100 pieces or less"))
    assert small and all(c is not None and c <= 100 for c in small), small
    big = counts(ask(toys_engine, "building set for my 10 yo, at least 200 pieces"))
    assert big and all(c is not None and c >= 200 for c in big), big


def test_a_size_among_those_a_title_lists_is_a_size_it_states() -> None:
    """"16 inch kids bike": a title offering "16 & 20 inch" or "14 16 18 Inch" states 16 inches;
    a title's range, a set's count beside a size and a range of players are read as before."""
    from recommender.lexical import LexicalIndex, title_measures

    assert title_measures("Huffy Kids Bikes 16 & 20 inch with Streamers") == [("20", "inch"), ("16", "inch")]
    assert sorted(title_measures("Kids Bike for Boys and Girls, 14 16 18 Inch")) == [
        ("14", "inch"), ("16", "inch"), ("18", "inch")]
    assert title_measures("Set of 3 12 Inch Balloons") == [("12", "inch")]
    assert title_measures("Card Game for 2 and 3 players") == [("2-3", "player")]
    catalog = Catalog([Product(product_id=str(i), title=t) for i, t in enumerate(
        ["Kids Bikes 16 & 20 inch with Streamers", "Space Kids Bike, 14 16 18 Inch", "Princess Bike 12 inch & 16 inch",
         "Balance Bike 12 inch", "Cruiser Bike 20 inch", *(f"Toy Truck No. {n}" for n in range(40))])], "v")
    index = LexicalIndex.build(catalog)
    assert on_target(find_focus(["16 inch kids bike"], index), index).tolist()[:5] == [True, True, True, False, False]


def test_a_close_alternative_keeps_the_count_asked_for() -> None:
    """"500 piece jigsaw puzzle": with no 500 piece jigsaw, a 1000 piece jigsaw is no close
    alternative (the list would be made of them alone), so the closest partial matches come:
    the 500 piece puzzle not called a jigsaw among them."""
    from recommender.lexical import LexicalIndex

    catalog = Catalog([Product(product_id=str(i), title=t) for i, t in enumerate(
        ["LANG 500 Piece Puzzle Magical Evening", "Buffalo Games 1000 Piece Jigsaw Puzzle",
         "Ravensburger 1000 Piece Jigsaw Puzzle", *(f"Jigsaw Puzzle Glue No. {n}" for n in range(3)),
         *(f"Wooden Block No. {n}" for n in range(40))])], "v")
    index = LexicalIndex.build(catalog)
    focus = find_focus(["500 piece jigsaw puzzle under 10 bucks"], index)
    assert not on_target(focus, index).any()
    assert not essential(focus, index).any()
    assert (coverage(focus, index)[:3] >= 0.5).all()


def test_toys_a_500_piece_puzzle_first_when_no_500_piece_jigsaw_fits(toys_engine: Recommender) -> None:
    shown = titles(ask(toys_engine, "500 piece jigsaw puzzle under 10 bucks"))
    assert shown and "500 Piece" in shown[0], shown


def test_a_count_said_after_a_purpose_is_asked_of_the_thing_named() -> None:
    """"puzzles for adults, 1000 pieces": the 1000 pieces are the puzzle's, though said after "for
    adults"; "a board game for 4 players" still asks nothing of the game's count."""
    from recommender.lexical import LexicalIndex

    catalog = Catalog([Product(product_id=str(i), title=t) for i, t in enumerate(
        ["Galison 1000 Piece Jigsaw Puzzle", "Springbok 400 Piece Jigsaw Puzzle", "Catan Board Game",
         *(f"Wooden Block No. {n}" for n in range(40))])], "v")
    index = LexicalIndex.build(catalog)
    focus = find_focus(["puzzles for adults, 1000 pieces"], index)
    assert focus.measures == (("1000", "piece"),)
    assert on_target(focus, index).tolist()[:2] == [True, False]
    assert find_focus(["a board game for 4 players"], index).measures == ()


@pytest.mark.parametrize("turns, measures, phrase", [
    (["puzzles under 25", "1000 pieces"], (("1000", "piece"),), "1000 piece puzzles"),
    (["500 piece puzzles", "actually 1000 pieces"], (("1000", "piece"),), "1000 piece puzzles"),
    (["a puzzle", "no more than 300 pieces"], (("<=300", "piece"),), "up to 300 piece puzzle"),
    (["puzzles", "under 25 dollars"], (), "puzzles"),
    (["puzzles", "500 pieces", "actually 1000 pieces"], (("1000", "piece"),), "1000 piece puzzles"),  # the latest wins
    (["a puzzle", "20 inches"], (), "puzzle"),  # a size may be of anything ("our yard is 20 ft wide")
])
def test_a_count_said_in_a_later_turn_is_asked_of_what_was_named(engine: Recommender, turns: list[str],
                                                                 measures: tuple, phrase: str) -> None:
    """"puzzles under 25", then "1000 pieces": the count narrows the puzzles (before, it was lost
    and 300 piece puzzles were listed)."""
    focus = find_focus(turns, engine.lexical)
    assert (focus.measures, focus.phrase) == (measures, phrase)
