"""Lists leave out what was refused, however it is said and spelt, by the names listings give it."""
from __future__ import annotations

import re
import uuid
from dataclasses import replace

import pytest
from conftest import ask, titles

from recommender.catalog import Catalog, Product
from recommender.engine import Recommender, RecommendRequest
from recommender.focus import find_focus
from recommender.parsing import merge_facts


def test_exclusions_hold_however_phrased(engine: Recommender) -> None:
    for text in ("building sets that aren't lego", "a building set, not LEGOs", "building sets without lego"):
        assert not any("LEGO" in t for t in titles(ask(engine, text, k=10))), text
    shown = titles(ask(engine, "a building set, not lego or stackwise", k=10))
    assert shown and not any(t.startswith(("LEGO", "StackWise")) for t in shown)


def test_a_misspelt_exclusion_still_holds(engine: Recommender) -> None:
    """"not puzzlewik", "nothing from legoo": the catalog's spelling is excluded too."""
    shown = titles(ask(engine, "a puzzle, not puzzlewik", k=10))
    assert shown and not any("puzzlewick" in t.lower() for t in shown), shown
    result = ask(engine, "building sets, nothing from legoo", k=10)
    assert "lego" in result["constraints"]["exclude_terms"] and "legoo" in result["constraints"]["exclude_terms"]
    assert titles(result) and not any("lego" in t.lower() for t in titles(result)), titles(result)


def test_toys_a_misspelt_word_of_an_excluded_phrase_is_read_by_the_rest(toys_engine: Recommender) -> None:
    """"lego sets but no star warz": "warz" is one edit from "wars" in titles that say "star"."""
    result = ask(toys_engine, "lego sets but no star warz")
    assert "star wars" in result["constraints"]["exclude_terms"]
    shown = titles(result)
    assert shown and not any("star wars" in t.lower() for t in shown), shown


def test_an_exclusion_with_digits_holds(engine: Recommender) -> None:
    """"not K2": a brand of letters and digits is excluded like any other."""
    skates = [Product(f"S{i}", title, "Inline skate | 80 mm wheels", "Sports > Skates > Inline Skates", brand, price)
              for i, (title, brand, price) in enumerate([("K2 Skate Kinetic 80 Inline Skate", "K2", 89.0),
                                                         ("K2 Alexis 84 Inline Skate", "K2", 199.0),
                                                         ("Roces Icon Fitness Inline Skate", "Roces", 99.0)])]
    catalog = Catalog(products=[*engine.catalog.products, *skates], version=f"{engine.catalog.version}-skates")
    vectors = engine.encoder.encode([p.text for p in catalog.products])
    skate_engine = Recommender(engine.config, catalog, engine.encoder, vectors, engine.store)
    for text in ("inline skates but not K2", "inline skates, not k2 skates"):
        shown = titles(ask(skate_engine, text))
        assert "Roces Icon Fitness Inline Skate" in shown and not any("K2" in t for t in shown), text


def test_toys_nothing_for_kids_is_kept(toys_engine: Recommender) -> None:
    """"nothing for kids" is an exclusion, not a recipient: no costume named for children (before
    the listings' audience was read, "Bumblebee Costume for Infants" was listed)."""
    result = ask(toys_engine, "a halloween costume for an adult, nothing for kids")
    items = result["recommendation"]["items"]
    assert items and all("costume" in f"{it['title']} {it['category']}".lower() for it in items), titles(result)
    for item in items:
        names = f"{item['title']} {item['category']}".lower()
        assert not re.search(r"\b(kids?|child|children|boys|girls|toddler|baby|infants?)\b", names), names


def test_toys_lego_free_means_no_lego(toys_engine: Recommender) -> None:
    result = ask(toys_engine, "building toys, lego-free please")
    shown = titles(result)
    assert len(shown) == 5 and not any("lego" in t.lower() for t in shown), shown


def test_toys_an_excluded_phrase_leaves_its_words_named_elsewhere(toys_engine: Recommender) -> None:
    """"a doll, anything except a baby doll": dolls, none of them a baby doll."""
    result = ask(toys_engine, "a doll, anything except a baby doll")
    names = [f"{it['title']} {it['category']}".lower() for it in result["recommendation"]["items"]]
    assert len(names) == 5 and all("doll" in n and not re.search(r"\bbaby\b", n) for n in names), names
    index = toys_engine.lexical
    assert find_focus(["cat themed things, but no hello kitty please"], index, ("hello kitty",)).terms == ("cat",)
    building = find_focus(["building toys, lego-free please"], index, ("lego",))
    assert building and "lego" not in building.terms


def test_toys_nothing_by_a_brand_is_an_exclusion(toys_engine: Recommender) -> None:
    shown = titles(ask(toys_engine, "baby or toddler toys, nothing Fisher-Price"))
    assert shown and not any("fisher" in t.lower() for t in shown), shown


def test_a_british_spelling_excludes_the_american_one(toys_engine: Recommender) -> None:
    result = ask(toys_engine, "craft kit for an 8 yr old girl, no jewellery making, < $20", k=10)
    items = result["recommendation"]["items"]
    assert items and not any("jewel" in f"{it['title']} {it['category']}".lower() for it in items)


def test_a_thing_excluded_is_left_out_by_the_short_names_listings_give_it(toys_engine: Recommender) -> None:
    result = ask(toys_engine, "anything but dinosaurs please, he's 6 and has been dino mad for 3 yrs, need a change")
    items = result["recommendation"]["items"]
    dinosaurs = re.compile(r"dino|tyrannosaurus|jurassic", re.IGNORECASE)
    assert len(items) == 5 and not any(dinosaurs.search(f"{it['title']} {it['category']}") for it in items), titles(result)


def test_no_weapons_leaves_out_what_listings_call_weapons_without_the_word(toys_engine: Recommender) -> None:
    result = ask(toys_engine, "we're a no-weapons house. swords, lightsabers, blasters, all of it", k=10)
    weapons = re.compile(r"sword|lightsaber|blaster|\bguns?\b|soaker|weapon|batarang|crossbow|slingshot", re.IGNORECASE)
    assert len(titles(result)) == 10 and not any(weapons.search(t) for t in titles(result)), titles(result)


def test_a_word_left_of_an_excluded_brand_names_nothing(engine: Recommender) -> None:
    """"no easel and oak": "easel" is excluded and "oak" is left over, which only Easel & Oak's
    names hold. It names nothing to look for: the list is the rest of the store, never empty."""
    result = ask(engine, "no easel and oak please")
    shown = titles(result)
    assert len(shown) == 5 and not any("Easel & Oak" in t for t in shown), shown
    assert not result["match"]["named"]


@pytest.mark.parametrize("text, absent", [
    ("something for my son, he can't stand puzzles", ("puzzle", "stand")),  # no Charging Stand for "stand"
    ("a science kit, slime is off the table", ("slime",)),
])
def test_the_words_of_refusing_name_nothing(engine: Recommender, text: str, absent: tuple[str, ...]) -> None:
    result = ask(engine, text)
    shown = titles(result)
    assert len(shown) == 5 and not any(word in t.lower() for t in shown for word in absent), shown
    assert not (result["match"].get("missing") or [])


def test_what_follows_a_refusal_in_its_clause_is_not_what_was_asked(engine: Recommender) -> None:
    """"we've banned slime in this house after the carpet incident. any science kits?": the house
    and the carpet are the story of the refusal; science kits were asked for."""
    result = ask(engine, "we've banned slime in this house after the carpet incident. any science kits?")
    assert result["match"]["named"] == "science kits" and not result["match"]["missing"]
    shown = titles(result)
    assert len(shown) == 5 and all("kit" in t.lower() for t in shown) and not any("slime" in t.lower() for t in shown)


def test_toys_no_princess_dolls_leaves_out_the_princesses_by_name(toys_engine: Recommender) -> None:
    result = toys_engine.recommend(RecommendRequest(sender_id=f"t-{uuid.uuid4()}", messages=(
        "looking for a doll for my granddaughter's birthday", "she'll be 3",
        "and her mom asked for no princess dolls. I'd like to stay at 25 or below"), k=5))
    shown = titles(result)
    assert len(shown) == 5 and not any(re.search(r"princess|elsa|frozen|belle|ariel", t, re.IGNORECASE)
                                       for t in shown), shown


def test_what_is_refused_is_left_out_of_the_encoded_request(engine: Recommender) -> None:
    """The sentence encoder reads "not lego" much like "lego": the request is encoded without
    it, and a caller that batches the encodings (`wanted_turns`) gets the same list."""
    req = RecommendRequest(sender_id=f"t-{uuid.uuid4()}", messages=("a building set", "not lego though"), k=5)
    assert engine.wanted_turns(req) == ["a building set"]  # a turn that only refuses says nothing wanted
    vectors = engine.encoder.encode(engine.wanted_turns(req))
    batched = engine.recommend(req, vectors)
    again = engine.recommend(replace(req, sender_id=f"t-{uuid.uuid4()}"))
    assert titles(batched) == titles(again) and not any("LEGO" in t for t in titles(again))


@pytest.mark.parametrize("text, terms", [
    ("he's too old for dinosaurs, a telescope would be cool", ("telescop",)),
    ("drop the lego ones, show me puzzles", ("puzzl",)),
    ("instead of a doll, a stuffed animal", ("stuf", "anim")),
    ("nerf is off the table, a water balloon then", ("water", "balloon")),
])
def test_toys_a_refusal_refuses_only_to_the_next_comma(toys_engine: Recommender, text: str,
                                                       terms: tuple[str, ...]) -> None:
    focus = find_focus([text], toys_engine.lexical, merge_facts([text]).exclusions)
    assert focus.alternatives and focus.alternatives[0] == terms, focus


def test_no_noise_leaves_out_what_listings_say_makes_it(toys_engine: Recommender) -> None:
    result = ask(toys_engine, "toddler toy that doesn't make any noise pls, we've got enough beeping and singing stuff", k=10)
    items = result["recommendation"]["items"]
    noisy = re.compile(r"sound|musical|music|noise|talking|singing|beep", re.IGNORECASE)
    assert items and not any(noisy.search(it["title"]) for it in items), titles(result)
