"""What the shopper named (`focus.find_focus`): names as shoppers write them, and the chat, stories,
occasions and purposes that name nothing."""
from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pytest
from conftest import ask, titles

from recommender.catalog import Catalog, Product
from recommender.engine import Recommender
from recommender.focus import find_focus
from recommender.lexical import LexicalIndex, tokens, word_tokens
from recommender.parsing import merge_facts
from recommender.targeting import coverage, essential, on_target


def _titled(names: list[str]) -> tuple[LexicalIndex, Callable[[str], list[str]]]:
    """An index of products called `names` (ids "0", "1", ...; 40 wooden blocks after them, so that
    no word names most of the catalog), and what a request puts on target there, by product id."""
    catalog = Catalog([Product(product_id=str(i), title=t)
                       for i, t in enumerate([*names, *(f"Wooden Block No. {n}" for n in range(40))])], "v")
    index = LexicalIndex.build(catalog)

    def listed(text: str) -> list[str]:
        return [catalog.products[i].product_id for i in np.flatnonzero(on_target(find_focus([text], index), index))]

    return index, listed


def test_word_tokens_meet_across_spelling_and_inflection() -> None:
    assert word_tokens("Play-Doh") == ("play", "doh", "playdoh")
    assert word_tokens("LEGOs") == word_tokens("lego")
    assert word_tokens("Controlled") == word_tokens("control")
    assert tokens("Kids' Microscope 1200x") == ["kid", "microscop"]


def test_unrelated_words_the_stemmer_folds_together_stay_apart() -> None:
    """"anime", "animation" and "animal" all stem to "anim": anime figures are not animal figures."""
    assert len({word_tokens("anime"), word_tokens("animation"), word_tokens("animal")}) == 3
    assert word_tokens("Anime") == word_tokens("animes")
    assert word_tokens("animals") == word_tokens("animal")
    assert word_tokens("teething") != word_tokens("teeth")
    assert word_tokens("bedding") != word_tokens("bed") and word_tokens("beds") == word_tokens("bed")
    assert word_tokens("coloring") == word_tokens("Colouring") != word_tokens("colors")


def test_toys_anime_figures_are_not_animal_figures(toys_engine: Recommender) -> None:
    shown = titles(ask(toys_engine, "my daughter is 11 and obsessed with anime - any anime figures?"))
    assert shown and not any(re.search(r"\banimals?\b", t, re.IGNORECASE) for t in shown), shown


@pytest.mark.parametrize(("text", "alternatives"), [
    ("microscopes, do you have a kit?", (("microscop", "kit"),)),  # a microscope kit, not any kit
    ("telescopes, have you got any for beginners?", (("telescop",),)),
    ("a telescope, is there one under $50?", (("telescop",),)),  # "one" is the telescope
    ("microscopes or telescopes", (("microscop",), ("telescop",))),  # a list still names alternatives
])
def test_a_question_after_a_comma_asks_about_the_thing_named(engine: Recommender, text: str,
                                                             alternatives: tuple[tuple[str, ...], ...]) -> None:
    assert find_focus([text], engine.lexical).alternatives == alternatives


def test_focus_reads_alternatives_required_words_typos_and_exclusions(engine: Recommender) -> None:
    index = engine.lexical
    assert find_focus(["markers or crayons for a 5 year old"], index).alternatives == (("marker",),)  # no crayons here
    lego = find_focus(["show me a lego set under $50"], index)
    assert lego.alternatives == (("lego", "set"),) and lego.phrase == "lego set"
    typo = find_focus(["legoo sets"], index)
    assert ("legoo", "lego") in typo.corrected and typo.alternatives == (("lego", "set"),)
    # What follows "for", "who", "not" describes the person or an exclusion, not the product.
    assert find_focus(["a puzzle for my nephew who loves science"], index).terms == ("puzzl",)
    assert find_focus(["a puzzle, not Puzzlewick"], index, ("puzzlewick",)).terms == ("puzzl",)
    # A later turn without a named thing keeps the earlier one.
    assert find_focus(["a telescope", "under $80 please"], index).terms == ("telescop",)
    assert not find_focus(["a telescope", "something for the family under $30"], index)
    assert not find_focus(["something fun for a 5 year old"], index)
    # A word just before a person word describes the person ("The Curious Kid's Book" aside).
    assert find_focus(["something for a curious kid who likes science"], index).terms == ("scienc",)
    assert find_focus(["puzzle supplies"], index).terms == ("puzzl",)  # "supplies" names no kind
    # "n" said for "and" lists alternatives as "and" does: a product need not be both
    for said in ("a telescope n a puzzle for my son", "telescopes n puzzles"):
        assert find_focus([said], index).alternatives == find_focus([said.replace(" n ", " and ")], index).alternatives
        assert len(find_focus([said], index).alternatives) == 2
    from recommender.clauses import ALTERNATIVES
    for name in ("Guns N Roses shirt", "rock n roll", "hot wheels n scale"):  # a name, a song's kind, a train's scale
        assert ALTERNATIVES.split(name) == [name]


def test_a_later_turn_that_refuses_keeps_what_was_asked(engine: Recommender) -> None:
    """A later turn that refuses names nothing wanted where its names are said of the people or
    inside the refusal ("no funko pops, he thinks they're ugly")."""
    index = engine.lexical
    assert find_focus(["a telescope for my son", "no slime please, he keeps his things in the garden"],
                      index, ("slime",)).terms == ("telescop",)
    # a thing named beside the refusal, or wished for, is asked anew
    assert find_focus(["a telescope", "no slime, a chess set"], index, ("slime",)).terms == ("chess", "set")
    assert find_focus(["a telescope", "no slime, he wants a chess set"], index, ("slime",)).terms == ("chess", "set")
    # a count it states is still asked of the thing named before
    counted = find_focus(["jigsaw puzzles", "no slime, 1000 pieces, he keeps his things in the garden"], index, ("slime",))
    assert counted.terms == ("jigsaw", "puzzl") and counted.measures == (("1000", "piece"),)
    # and where no earlier turn names anything, the refusing turn's names are all there is
    assert find_focus(["something for my son", "no slime, his things go in the garden"], index, ("slime",)).terms == ("garden",)


def test_toys_a_person_said_of_by_age_may_still_name_their_things(toys_engine: Recommender) -> None:
    """"my toddler loves peppa pig" names Peppa Pig; "our toddler is 18 months", all that is said, still names toddlers."""
    assert find_focus(["my toddler loves peppa pig"], toys_engine.lexical).terms == ("peppa", "pig")
    assert find_focus(["my baby shark toy broke, need a new one"], toys_engine.lexical).phrase == "baby shark"  # a line's name
    assert "toddler" in find_focus(["Our toddler is 18 months. Everything else welcome!"], toys_engine.lexical).terms


@pytest.mark.parametrize("turns, pattern", [
    (["my bf is 35 and collects star wars stuff", "no funko pops, he thinks they're ugly lol", "budget is like 70"], "star"),
    (["gift for my 70 y/o dad who loves trains", "no toy-ish thomas stuff though, he's a serious model railroader"], "train"),
    (["looking for a blanket or bedding for my son's big boy bed",
      "nothing star wars or dinosaurs - we're redoing the room in a race car theme"], "blanket|bedding"),
    (["I need a gift for a 10-year-old girl who is really into science and space.",
      "Please no slime kits or 'beauty science' stuff (lip balm, perfume, spa kits), she hates that stuff lol"], "scien|space"),
    (["a xylophone for my son", "no drums, he keeps his things in the garden"], "xylophone"),  # named only in listings
    # ... and what is asked anew is read
    (["lego for my son", "no star wars, he wants ninjago"], "ninja"), (["lego for my son", "not star wars, ninjago"], "ninja"),
    (["a puzzle for my nephew", "no disney, he's obsessed with dinosaurs"], "dino"),
    (["plush toys for a toddler", "no unicorns, dinosaurs would be perfect"], "dino"),
    (["a puzzle for my 14 year old, nothing for kids", "hmm, board games for the kids at his party"], "board"),
    # toys-new20, toys-final12: a thing put forward as the gift after what she loves; what the child will do with it
    (["A lady at work is retiring — she loves birds and her garden. A jigsaw puzzle would be nice."], "^jigsaw puzzle$"),
    ([("Funny request: John Deere is strictly banned in my brother's house. Any other tractors, diggers or trucks "
       "would be great.")], "^tractors diggers trucks$"),
    (["a baby doll my daughter can feed and take care of"], "^baby doll$"),
])
def test_toys_a_later_turn_that_refuses_names_only_what_it_asks_for(toys_engine: Recommender, turns: list[str],
                                                                     pattern: str) -> None:
    focus = find_focus(turns, toys_engine.lexical, merge_facts(turns).exclusions)
    assert re.search(pattern, focus.phrase, re.IGNORECASE), focus


@pytest.mark.parametrize("turns, terms", [
    (["Need a Christmas gift for my brother (26), he's a Marvel nerd. Max $30"], ("marvel",)),
    (["christmas shopping for my 2 teenage boys (14, 16). they like basketball"], ("basketbal",)),
    (["I've got four grandkids to buy for this Christmas, aged 3 to 10"], ()),
    (["xmas presents for my nephews, they love lego"], ("lego",)),
    # ... and where the thing is of Christmas, it is named
    (["christmas decorations"], ("christma", "decor")), (["a christmas sweater for my dad"], ("christma", "sweater")),
    (["baby's first christmas present, any ideas?"], ("babi", "christma")),
])
def test_toys_the_occasion_of_a_gift_names_no_theme(toys_engine: Recommender, turns: list[str], terms: tuple[str, ...]) -> None:
    """"a Christmas gift for my brother" asks for no Christmas thing (a list of Christmas-themed
    things had been all the brother got)."""
    assert find_focus(turns, toys_engine.lexical).terms == terms


@pytest.mark.parametrize("turns, terms", [
    (["whats good for a 16 yr old lad who games all day? trying to get him off the xbox for 5 mins. 40 bucks"], ("game",)),
    (["Caller: grandson aged 5 loves Paw Patrol BUT his mother has said no more Paw Patrol, house is full of it. Approx $20."], ()),
    (["a stuffed animal for my 5 yo nephew", "his room is already overflowing with stuffies. maybe a hand puppet instead?"],
     ("hand", "puppet")),
    (["10 hour flight with a 6yo, need something quiet, no screens, for the plane. $20"], ("travel",)),  # ON_A_JOURNEY
    (["no idea what pokemon cards to get"], ("pokemon", "card", "tcg")),
    (["do you have this christmas sweater in red"], ("christma", "sweater", "red")),
    (["few small bits for my boys pinata, theyre 5 and 7, under $8 each"], ("pinata",)),
    (["something for a 13yo boy?? I'm his aunt and have zero idea what teens are into these days. $25ish"], ()),
    # ... and the things themselves are still named
    (["an xbox controller for my son"], ("xbox", "control")), (["a toy box for the playroom"], ("box",)),
    # what the things go in, and agents' words (toys-new20)
    (["Filling Easter baskets for my two kids (5 and 7). 10 bucks max per item."], ()),
    (["caller wants 2 separate gifts for her grandkids (6 and 4), outdoor stuff for spring"], ("outdoor",)),
])
def test_toys_why_and_when_name_nothing(toys_engine: Recommender, turns: list[str], terms: tuple[str, ...]) -> None:
    """What they are to do less of ("get him off the xbox"), a full house or room, a trip's hours,
    "small bits", "zero idea" and "all day" name nothing (each had made a list of xboxes, houses,
    hours, bits or zeros, or emptied it)."""
    assert find_focus(turns, toys_engine.lexical, merge_facts(turns).exclusions).terms == terms


def test_a_person_after_my_is_never_a_name_and_chat_is_never_missing(engine: Recommender) -> None:
    index = engine.lexical
    toddler = find_focus(["my toddler loves puzzles"], index)
    assert toddler.terms == ("puzzl",) and toddler.missing == ()
    later = find_focus(["puzzles for my nephew", "ugh ok fine, under $30"], index)
    assert later.terms == ("puzzl",) and later.missing == ()
    # what is sought after "want to get him" is named, not what is said of him before it
    assert find_focus(["my husband hosts game night, want to get him a telescope"], index).terms == ("telescop",)
    assert find_focus(["my son loves chess, want to get him a gift"], index).terms == ("chess",)
    assert find_focus(["a chess set for my husband, i wouldn't want to get him a cheap one"], index).terms == ("chess", "set")
    asked = find_focus(["a telescope, under $80 if poss"], index)
    assert asked.terms == ("telescop",) and asked.missing == ()


def test_liking_to_get_him_a_place_and_anything_but_say_what_is_asked(engine: Recommender) -> None:
    """"I'd like to get him a telescope" names the telescope ("like" is itself a clause's break);
    where the shopper is ("I'm in Australia but ordering for her in the US") names nothing and
    misses nothing; "anything but ..." only refuses, so the earlier request holds."""
    index = engine.lexical
    assert find_focus(["my husband runs a chess club. I'd like to get him a telescope"], index).terms == ("telescop",)
    assert find_focus(["my husband runs a chess club. I wouldn't like to get him a telescope"], index).terms != ("telescop",)
    placed = find_focus(["a puzzle for my niece", "I'm in Australia but ordering for her in the US, under $20"], index)
    assert placed.terms == ("puzzl",) and placed.missing == (), placed
    assert find_focus(["we live in the UK, shipping to Canada - a puzzle please"], index).missing == ()
    assert find_focus(["a puzzle for my nephew", "anything but dinosaurs, he's 9"], index, ("dinosaurs",)).terms == ("puzzl",)
    assert find_focus(["a puzzle for my nephew", "anything for a 9 year old"], index).terms == ()


def test_focus_reads_how_shoppers_write_names(engine: Recommender) -> None:
    index = engine.lexical
    # "looking for" names the thing; the "for" after it still names the person.
    assert find_focus(["hi, i'm looking for a telescope for my son"], index).terms == ("telescop",)
    assert find_focus(["shopping for a yoga mat"], index).terms == ("yoga", "mat")
    for seeking in ("searching", "hunting", "browsing", "i'm hoping"):
        assert find_focus([f"{seeking} for a telescope"], index).terms == ("telescop",), seeking
    # A count in a purpose clause asks nothing of the product; "e.g." is no missing name.
    assert find_focus(["a board game for 4 players"], index).measures == ()
    assert find_focus(["a telescope e.g. for stars"], index).missing == ()
    # A word the shopper joins that the catalog writes as two, and a hyphen the catalog lacks.
    assert find_focus(["maplegrove blocks"], index).alternatives == (("mapl", "grove", "block"),)
    assert find_focus(["maple-grove blocks"], index).alternatives == (("mapl", "grove", "block"),)
    assert find_focus(["night-owl"], index).terms == ("nightowl",)
    # A word after an amount says it is a limit, not a product ("tops": a kind of clothing).
    assert find_focus(["a telescope, 80 bucks tops"], index).terms == ("telescop",)


def test_how_a_thing_is_sold_is_never_its_kind(engine: Recommender) -> None:
    """"a robot kit": the kind is robot, so a robot sold without the word "kit" is a close
    alternative and a kit of something else is not."""
    focus = find_focus(["a robot kit"], engine.lexical)
    near, cov = essential(focus, engine.lexical), coverage(focus, engine.lexical)
    by_title = {p.title: i for i, p in enumerate(engine.catalog.products)}
    book, robot_kit = by_title["How Robots Work: A Kid's Guide to Machines"], by_title["CogCraft Solar Robot 6-in-1 Kit"]
    fossils = by_title["Tinker Owl Fossil Dig Kit"]
    assert cov[robot_kit] == 1.0 and near[book] and 0.5 < cov[book] < 1.0
    assert not near[fossils] and cov[fossils] < 0.5


@pytest.mark.parametrize("text, pattern", [
    ("anything L.O.L. Surprise", r"l\.?o\.?l\.? surprise"), ("hello kitty gifts under 15", "hello kitty"),
    ("Glitter Girls doll accessories", "glitter girls"), ("dinasour plush", "dinosaur|t-rex"),
    ("Do you carry any Dragon Ball Z merch?", "dragon ?ball"), ("a 300 piece jigsaw", r"300 ?(large )?piece"),
    ("hotweels cars", r"hot ?wheels"), ("Great Eastern anime merch up to $20", "great eastern")])
def test_toys_names_as_shoppers_write_them(toys_engine: Recommender, text: str, pattern: str) -> None:
    result = ask(toys_engine, text)
    on_target = [t for t in titles(result) if re.search(pattern, t, re.IGNORECASE)]
    assert len(on_target) >= 2 and titles(result)[:len(on_target)] == on_target, titles(result)


def test_toys_an_initialism_is_read_as_the_names_it_stands_for(toys_engine: Recommender) -> None:
    index = toys_engine.lexical
    assert index.spelled_out("tmnt") == ("teenag", "mutant", "ninja", "turtl")
    assert index.spelled_out("park") == () and index.spelled_out("toys") == ()  # ordinary words are not
    result = ask(toys_engine, "tmnt toys")
    shown = titles(result)
    assert len(shown) >= 3 and all("ninja turtle" in t.lower() for t in shown), shown


def test_words_that_say_how_it_is_sold_are_not_required(engine: Recommender) -> None:
    """Every LEGO product is a "lego set", named "set" or not; "card games" asks for card games."""
    index = engine.lexical
    lego = on_target(find_focus(["a lego set"], index), index)
    named_lego = [i for i, p in enumerate(engine.catalog.products) if "lego" in p.title.lower()]
    assert named_lego and set(np.flatnonzero(lego)) == set(named_lego)
    assert any("set" not in engine.catalog.products[i].title.lower() for i in named_lego)
    cards = on_target(find_focus(["card games"], index), index)
    assert cards.any() and all("card" in engine.catalog.products[i].title.lower() for i in np.flatnonzero(cards))


def test_names_that_hold_a_digit_or_are_ordinary_words_written_as_a_name() -> None:
    """"Little Tikes, Step2 or Green Toys": "Step2" and "4M" are names as the titles write them,
    not "step" (a step stool) or nothing; "Green Toys" written as a name is the brand, not
    everything green, and "Mega Man" the character, not Mega Bloks; typed in lower case, "green
    toys" stays the colour."""
    from recommender.lexical import LexicalIndex

    catalog = Catalog([Product(product_id=str(i), title=t) for i, t in enumerate(
        ["Step2 Corvette Toy Box", "Folding Step Stool, Green", "4M Glow Dinosaur Kit", "Green Toys Dump Truck",
         "Little Tikes Cozy Coupe", "Green Dragon Plush", "K2 Inline Skates", "Roller Derby Inline Skates",
         "Toy Kitchen Set", "Toy Drum", "Toy Piano", "Great Eastern Mega Man X4 Plush", "Mega Bloks Farm",
         "Mega Bloks Bus", "Iron Man Mask", "Snow Man Kit", "Man Cave Sign",
         *(f"Wooden Block No. {n}" for n in range(40))])], "v")
    index = LexicalIndex.build(catalog)

    def listed(text: str) -> list[str]:
        return [catalog.products[i].title for i in np.flatnonzero(on_target(find_focus([text], index), index))]

    assert listed("anything by Little Tikes, Step2 or Green Toys?") == [
        "Step2 Corvette Toy Box", "Green Toys Dump Truck", "Little Tikes Cozy Coupe"]
    assert listed("any 4M kits?") == ["4M Glow Dinosaur Kit"]
    assert "Green Dragon Plush" in listed("green toys")
    # ... or beside each other in any title, when written as a name
    assert listed("anything Mega Man?") == ["Great Eastern Mega Man X4 Plush"]
    # a name with a digit that is excluded is not what was named
    focus = find_focus(["inline skates that aren't K2"], index, ("K2",))
    assert "#k2" not in focus.terms


def test_two_words_the_titles_join_with_and_are_one_name_and_a_title_s_full_stop_ends_nothing() -> None:
    """"rick and morty" is the show, not anything by a Rick or Morty; "Melissa & Doug puzzles"
    are that brand's puzzles, not any Melissa & Doug product nor any Doug puzzle; "pots or pans"
    and "trucks and cars", which titles do not join, stay either. "Dr. Seuss" is one name: the
    full stop after a title ends no clause."""
    from recommender.lexical import LexicalIndex

    catalog = Catalog([Product(product_id=str(i), title=t) for i, t in enumerate(
        ["Funko Pop! Rick and Morty Lawyer Morty", "Rick & Morty Birdperson Plush", "Linda Rick Doll",
         "Melissa & Doug Wooden Jigsaw Puzzle", "Melissa & Doug Band-in-a-Box", "Melissa and Doug Easel",
         "Doug the Pug Puzzle", "Dump Truck", "Race Car", "Dr. Seuss Cat in the Hat Poster", "Dr. Ph. Martin's Water Color",
         *(f"Wooden Block No. {n}" for n in range(40))])], "v")
    index = LexicalIndex.build(catalog)

    def listed(text: str) -> list[str]:
        return [catalog.products[i].title for i in np.flatnonzero(on_target(find_focus([text], index), index))]

    assert listed("rick and morty stuff") == ["Funko Pop! Rick and Morty Lawyer Morty", "Rick & Morty Birdperson Plush"]
    assert listed("Melissa & Doug puzzles") == ["Melissa & Doug Wooden Jigsaw Puzzle"]
    assert listed("melissa and doug puzzles") == ["Melissa & Doug Wooden Jigsaw Puzzle"]
    assert listed("melisa and doug puzzels") == ["Melissa & Doug Wooden Jigsaw Puzzle"]  # misspelt, still one name
    assert listed("trucks and cars") == ["Dump Truck", "Race Car"]
    assert listed("Dr. Seuss poster") == ["Dr. Seuss Cat in the Hat Poster"]


def test_a_thing_suggested_after_a_description_is_what_was_named() -> None:
    """"something cuddly for a newborn, maybe a lamb": the lamb, not anything called cuddly;
    "something cuddly" alone, or "hats? beanies, caps", read as before."""
    from recommender.lexical import LexicalIndex

    catalog = Catalog([
        Product(product_id="0", title="Lovey Lamb Stuffed Animal", description="A soft and cuddly lamb."),
        Product(product_id="1", title="Cuddly Dinosaur Plush", description="Cuddly, huggable and soft."),
        *(Product(product_id=str(10 + n), title=f"Plush Friend No. {n}", description="So cuddly and soft")
          for n in range(6)),
        *(Product(product_id=str(20 + n), title=f"Wooden Block No. {n}") for n in range(30))], "v")
    index = LexicalIndex.build(catalog)
    assert find_focus(["something cuddly for a newborn, maybe a lamb"], index).terms == ("lamb",)
    assert find_focus(["something cuddly for a newborn"], index).terms == find_focus(["cuddly"], index).terms
    assert find_focus(["something cuddly"], index).terms != ("lamb",)


def test_a_word_of_a_brand_s_name_names_no_kind_of_thing() -> None:
    """"wheels for my rc truck": Hot Wheels cars are no wheels, "board games" no Buffalo Games jigsaws, unless
    the shopper says the brand ("hot wheels", "hotwheels"); a Hot Wheels title that sells wheels
    too, and a word nearly always said after its brand ("Disney Pixar"), stay as they were."""
    from recommender.lexical import LexicalIndex

    catalog = Catalog([Product(product_id=str(i), title=t, category_path=c) for i, (t, c) in enumerate([
        ("Hot Wheels Blastin' Rig Vehicle", "Toys & Games > Die-Cast Vehicles"),
        ("Hot Wheels 9-Car Gift Pack", "Toys & Games > Die-Cast Vehicles"),
        ("Hot Wheels Track Set", "Toys & Games > Die-Cast Vehicles"),
        ("Hot Wheels Indy Car Shell & Wheels", "Toys & Games > Vehicle Parts"),
        ("Monster Truck Wheels, 1 Pair", "Toys & Games > Vehicle Parts"),
        ("RC Crawler Wheels and Tires", "Toys & Games > Vehicle Parts"),
        ("Buffalo Games New York Jigsaw Puzzle", "Toys & Games > Puzzles"),
        ("Buffalo Games Vivid Jigsaw Puzzle", "Toys & Games > Puzzles"),
        ("Buffalo Games Leopard Jigsaw Puzzle", "Toys & Games > Puzzles"),
        ("Catan Board Games Classic", "Toys & Games > Board Games"),
        ("Family Board Games Night", "Toys & Games > Board Games"),
        ("Disney Pixar Cars Lightning McQueen", "Toys & Games > Die-Cast Vehicles"),
        ("Disney Pixar Toy Story Woody", "Toys & Games > Figures"),
        ("Disney Pixar Finding Dory Sticker Box", "Toys & Games > Stickers"),
        *((f"Wooden Block No. {n}", "Toys & Games > Blocks") for n in range(40))])], "v")
    index = LexicalIndex.build(catalog)

    def listed(text: str) -> list[str]:
        return [catalog.products[i].product_id for i in np.flatnonzero(on_target(find_focus([text], index), index))]

    assert listed("wheels for my rc truck") == ["3", "4", "5"]
    assert listed("hot wheels") == ["0", "1", "2", "3"] == listed("hotwheels")
    assert "6" not in listed("games for game night") and "9" in listed("games for game night")
    assert listed("pixar stuff") == ["11", "12", "13"]


def test_names_listings_use_in_each_other_s_place() -> None:
    """"rc car" is also a "Remote Control Car" and a "Radio Control" car; "a disney keychain"
    also a "Disney ... Key Ring", a fishing pole a fishing rod, a fire truck a fire engine, a
    stroller a pram; neither is anything remote or any ring. ("bike" and "bicycle" are not in the table: Bicycle is a brand of playing cards.)"""
    _, listed = _titled([
        "RC Car 1:18 Scale", "Remote Control Car, Blue", "Maisto Radio Control Car Lamborghini",
        "TV Remote Holder", "Disney Rapunzel Acrylic Key Ring", "Disney Flip Sequin Keychain",
        "Disney Princess Ring Set", "Kids Fishing Rod and Reel", "Telescopic Fishing Pole",
        "Pole Position Arcade", "Green Toys Fire Engine", "Wooden Fire Truck", "Ford Pickup Truck",
        "Doll Stroller, Pink", "Baby Doll Pram", "Bunny Plush, 8 inch"])

    assert listed("an rc car") == listed("a remote control car") == ["0", "1", "2"]
    assert listed("a fire truck for a 3 year old") == listed("a fire engine") == ["10", "11"]
    assert listed("a doll stroller") == listed("a doll's pram") == ["13", "14"]
    assert listed("any plushies?") == listed("a plush") == ["15"]  # "plushies" names nothing itself
    assert listed("a disney keychain") == ["4", "5"]
    assert listed("a kids fishing pole") == listed("a fishing rod") == ["7", "8"]


def test_to_dress_up_as_something_asks_for_its_costume() -> None:
    """"my 4 yo wants to dress up as a knight": a knight costume, not a dress nor a knight board game."""
    index, _ = _titled([
        "Knight Costume for Kids", "Mage Knight Board Game", "Party Dress for Girls", "Princess Dress Up Trunk"])
    focus = find_focus(["My 4 yo wants to dress up as a knight"], index)
    assert on_target(focus, index).tolist()[:4] == [True, False, False, False]


def test_two_words_the_names_write_as_one_are_read_as_one() -> None:
    """"leap frog learning toys": no listing holds "leap", the names say "LeapFrog"; before, the
    list was matched on "frog learning" (a tree frog)."""
    index, _ = _titled([
        "LeapFrog Learning Friends Book", "LeapFrog LeapStart Learning System", "Tree Frog Learning Puzzle"])
    focus = find_focus(["leap frog learning toys"], index)
    assert focus.missing == () and np.flatnonzero(on_target(focus, index)).tolist() == [0, 1]


def test_popular_is_praise_unless_it_is_half_of_a_brand() -> None:
    """"what's popular for 8 year olds" had listed the one "Popular Playthings" product."""
    index, _ = _titled([
        "Popular Playthings Mix or Match Vehicles", "Popular Playthings Magnetic Puzzle", "Race Car"])
    assert find_focus(["what's popular for 8 year olds"], index).terms == ()
    assert find_focus(["popular playthings puzzles"], index).terms == ("popular", "playth", "puzzl")


def test_words_are_stemmed_safely_from_several_threads() -> None:
    """The service ranks on a pool of threads; the stemmer keeps its state in itself, and two
    threads stemming at once had raised IndexError (about one word in 7,000)."""
    import random
    import threading

    rng = random.Random(7)
    words = [f"q{''.join(rng.choice('abcdefghij') for _ in range(9))}ings" for _ in range(20000)]
    errors: list[str] = []

    def stem(some: list[str]) -> None:
        try:
            for w in some:
                word_tokens(w)
        except Exception as e:  # noqa: BLE001 - any error is the failure
            errors.append(repr(e))

    threads = [threading.Thread(target=stem, args=(words[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_two_letters_wrong_in_a_short_stem_are_another_word_not_a_typo(toys_engine: Recommender) -> None:
    index = toys_engine.lexical
    assert index.closest_name("beeping") is None  # not "bedding"
    assert index.closest_name("trekking") != "track"
    assert index.closest_name("dinasour") == "dinosaur" and index.closest_name("aminals") == "animals"


def test_a_word_the_project_knows_is_no_misspelling(toys_engine: Recommender) -> None:
    result = ask(toys_engine, "gift for a 9 year old, no screens")
    assert result["constraints"]["exclude_terms"] == ["screens"]  # never "screws"


def test_a_price_range_names_no_range(toys_engine: Recommender) -> None:
    result = ask(toys_engine, "any science kits in the $20-30 range? 30's my hard limit")
    assert result["match"]["terms"] and "rang" not in result["match"]["terms"]
    assert result["recommendation"]["items"], result["match"]


def test_adult_says_whom_it_is_for_not_what_it_is(engine: Recommender) -> None:
    """"adult inline skates": any inline skate not listed for children, those that say "adult"
    first; a kids' skate is no close alternative."""
    skates = [Product(f"S{i}", title, "Inline skate | 80 mm wheels", "Sports > Skates > Inline Skates", brand, price)
              for i, (title, brand, price) in enumerate([("Rollerblade Twister Men's Adult Fitness Inline Skate",
                                                          "Rollerblade", 249.0),
                                                         ("K2 Kinetic 80 Inline Skate", "K2", 89.0),
                                                         ("Roces Icon Fitness Inline Skate", "Roces", 99.0),
                                                         ("Kids' Adjustable Inline Skate for Children", "Roces", 49.0)])]
    catalog = Catalog(products=[*engine.catalog.products, *skates], version=f"{engine.catalog.version}-skates")
    vectors = engine.encoder.encode([p.text for p in catalog.products])
    skate_engine = Recommender(engine.config, catalog, engine.encoder, vectors, engine.store)
    result = ask(skate_engine, "adult inline skates")
    assert set(result["constraints"]["audience"]) == {"men", "women"}
    shown = titles(result)
    assert shown[0] == "Rollerblade Twister Men's Adult Fitness Inline Skate"
    assert set(shown) == {"Rollerblade Twister Men's Adult Fitness Inline Skate", "K2 Kinetic 80 Inline Skate",
                          "Roces Icon Fitness Inline Skate"}, shown


def test_words_said_once_for_every_alternative() -> None:
    """"marvel or dc playing cards" asks for Marvel playing cards too, "lol surprise dolls or
    pets" for L.O.L. Surprise pets; "barbie dolls or a kite" still asks for any kite (no Barbie
    kite is sold), "lol that's funny" names no L.O.L. Surprise."""
    index, listed = _titled([
        "Aquarius Marvel Black Panther Playing Cards", "Aquarius DC Wonder Woman Playing Cards",
        "Marvel Hulk Fist Key Ring", "Marvel Avengers Costume", "L.O.L. Surprise! Biggie Pet",
        "L.O.L. Surprise! O.M.G. Fashion Doll", "Journey Girls Pet Grooming Playset", "Barbie Dreamhouse Doll",
        "Barbie Fashion Doll", "Prism Parafoil Kite", "DC Batman Figure", "Marvel Legends Figure",
        "Pokemon TCG Booster Tin", "Pokemon Theme Deck", "Yu-Gi-Oh Theme Deck", "Crayola Booster Tin"])

    assert listed("marvel or dc playing cards") == ["0", "1"]
    assert listed("lol surprise dolls or pets") == ["4", "5"]
    assert listed("barbie dolls or a kite") == ["7", "8", "9"]
    assert "lol" not in find_focus(["lol that's funny, a kite please"], index).terms
    assert listed("pokemon cards - booster tin or theme deck") == ["12", "13"]  # a brand before a list holds for each
    assert listed("marvel - dc figures or playing cards") != listed("marvel or dc playing cards")  # no kind from a list


def test_this_rounds_kind_rules_leave_alone() -> None:
    """A review's cases: "paw patrol toys or a puzzle" still lists any puzzle; "idk lol surprise
    me" names no L.O.L. Surprise; a bare "Accessories" shelf of dress-up bits holds costumes; a
    part "for Girls" is no part of a girl."""
    from recommender.lexical import LexicalIndex

    catalog = Catalog([Product(product_id=str(i), title=t, category_path=c) for i, (t, c) in enumerate([
        ("Paw Patrol Chase Figure", "Toys > Figures"), ("Paw Patrol Jigsaw Puzzle", "Toys > Puzzles"),
        ("Ravensburger Zoo Jigsaw Puzzle", "Toys > Puzzles"), ("L.O.L. Surprise! Biggie Pet", "Toys > Dolls"),
        ("Drama Queens Kids Costume", "Toys > Dress Up & Pretend Play > Accessories"),
        ("Glitter Girls Leggings Accessory for Girls", "Toys > Dolls"), ("Glitter Girls Doll", "Toys > Dolls"),
        *((f"Wooden Block No. {n}", "Toys > Blocks") for n in range(30))])], "v")
    index = LexicalIndex.build(catalog)

    def listed(text: str) -> list[str]:
        return [catalog.products[i].product_id for i in np.flatnonzero(on_target(find_focus([text], index), index))]

    assert {"1", "2"} <= set(listed("paw patrol toys or a puzzle"))
    assert "lol" not in find_focus(["idk lol surprise me"], index).terms
    assert "4" in listed("a costume")
    assert not index.parts_for("girl").size


@pytest.mark.parametrize("text, terms", [("he already has a switch so a game for it", ("game",)),
                                         ("money box for my grandson", ("money", "box")),
                                         ("a doll house", ("doll", "hous")),
                                         # a count that is no count of what is had; a name with "lost" or "mad"
                                         ("I have 30 to spend on a lego set for my son", ("lego", "set")),
                                         ("I have 2 boys who are into dinosaurs, under $40", ("dinosaur",)),
                                         ("I want to get Lost Cities for my husband", ("lost", "citi")),
                                         ("he loves Mad-Libs, under $15", ("mad",))])
def test_what_follows_already_and_words_of_names_are_still_read(toys_engine: Recommender, text: str,
                                                                terms: tuple[str, ...]) -> None:
    assert find_focus([text], toys_engine.lexical).alternatives[0] == terms


def test_a_word_spelt_right_is_no_misspelt_name(toys_engine: Recommender) -> None:
    """Words of the encoder's vocabulary are never read as a catalog name a letter away ("jokes"
    as Jones, "begging" as Baggins, "costs" as Coast); a British spelling is ("colourful")."""
    index = toys_engine.lexical
    assert index.known_words and "jokes" in index.known_words
    assert [index.closest_name(w) for w in ("jokes", "begging", "costs")] == [None, None, None]
    assert index.closest_name("colourful") == "colorful" and index.closest_name("dinasour") == "dinosaur"
    focus = find_focus(["he thinks poop jokes are hilarious. no poop though, $20"], index, ("poop",))
    assert not focus.corrected and "jone" not in focus.terms, focus


def test_how_much_they_have_a_complaint_and_a_verb_name_nothing(engine: Recommender) -> None:
    """"enough X to sink a ship" names no ship; "they stick them on everything" no stick; "mould is a
    nightmare" keeps what was asked; "wait no scrap that" takes back, naming no scrap."""
    index = engine.lexical
    sunk = find_focus(["a puzzle for my son", "we have enough chess sets to sink a ship, something else"], index, ("chess sets",))
    assert "ship" not in sunk.phrase and sunk.missing == (), sunk
    assert find_focus(["stocking stuffers for 3 kids", "and no stickers, they stick them on EVERYTHING"], index,
                      ("stickers",)).terms == ()
    assert find_focus(["a telescope for my son", "glitter is a nightmare so nothing with glitter"], index,
                      ("glitter",)).terms == ("telescop",)
    assert find_focus(["a telescope", "wait no scrap that, a chess set"], index).terms == ("chess", "set")
    assert find_focus(["a telescope, wait no scrap that, a chess set"], index).terms == ("chess", "set")  # in one turn
    # the thing wanted before "rather than", and a thing sent to a place, are still named
    assert find_focus(["the telescope rather than the chess set"], index).terms == ("telescop",)
    assert find_focus(["hi! I'm ordering a chess set to Canada for my dad"], index).terms == ("chess", "set")


def test_toys_words_said_otherwise_and_who_refuses(toys_engine: Recommender) -> None:
    """"fancy dress" is a costume and a "soft toy" plush; "too fiddly", "a sports nut", "would kill
    me", "haha", "nah" name nothing; who refuses ("his school banned blasters") is no name."""
    index = toys_engine.lexical

    def focus(*turns: str) -> str:
        return find_focus(list(turns), index, merge_facts(list(turns)).exclusions).phrase

    assert focus("some fancy dress for my husband's work do") == "costume"
    assert focus("need a soft toy for a newborn girl") == "plush"
    assert focus("do you do nerf stuff", "ok never mind, his school banned blasters lol. outdoor game for a 9yo boy instead") \
        == "outdoor game"
    assert focus("a science kit for my niece", "her dad would kill me if I got slime haha") == "science kit"
    assert focus("a puzzle for my coworker's baby", "no sports stuff, his dad's a sports nut") == "puzzle"
    assert focus("a big outdoor thing for the garden", "nah realistically $60 is the ceiling") == "outdoor"


def test_other_names_spellings_pet_forms_and_words_of_a_situation() -> None:
    """"dino" is a dinosaur and "trading cards" a TCG; "watercolour" is also the names' "watercolor"
    (never only "water color"); "floaties" are floats; "trying", "to use in class", "a rainy day",
    "too cold out", "monopoly style" name nothing of their own."""
    index, listed = _titled(
        ["T-Rex Plush, Dinosaur Stuffed Animal", "Shark Plush, Stuffed Animal", "Pokemon TCG: Booster Pack",
         "Lightseekers Trading Card Game", "Goldfaber Aqua Watercolor Pencils", "Grip Water Color Pencils",
         "Deluxe Pool Float", "Kelly Pool Scoring Pills", "Tri-Wizard Tournament Game", "Hot/Cold Cups, 9 oz",
         "Perfect Day Board Book", "Bingo-Style Math Game", "Use and Care Guide", "Study Group Planner",
         "Style Me Up! Cupcake Kit"])

    assert listed("stuffed dino") == ["0"]  # a dinosaur, though no name says "dino"
    assert listed("trading cards") == ["2", "3"]
    assert listed("watercolour pencils") == ["4", "5"]  # the British spelling: "Watercolor" and "Water Color"
    assert listed("pool floaties") == ["6"]  # a float, not the scoring pills of a game of pool
    assert word_tokens("style")[0] in find_focus(["a Style Me Up kit"], index).terms  # a brand's "Style" is a name
    index.known_words = frozenset({"cookies"})  # a word the encoder knows whole is no pet form
    assert find_focus(["cookies"], index).terms == ()
    index.known_words = frozenset()
    assert "tri" not in find_focus(["pokemon cards, trying to keep it under 40"], index).terms
    for text in ("something for my kid's teacher to use in class", "something for a rainy day",
                 "something to burn off energy inside, its too cold out", "stuff for our D&D group?"):
        assert find_focus([text], index).terms == (), text
    assert "styl" not in find_focus(["one of those monopoly style games"], index).terms
    # who or where the shopper is names nothing; a fan or a family of a thing still names it
    assert find_focus(["a gift for a baby girl, I'm a broke student so like $20"], index).terms == ()
    assert find_focus(["we're a one-bedroom apartment so nothing huge"], index).terms == ()
    assert "dinosaur" in find_focus(["I'm a huge dinosaur fan"], index).terms
    assert find_focus(["we are a shark family"], index).terms == ("shark",)
    assert find_focus(["we're a pool household"], index).terms == ("pool",)


def test_a_word_before_or_said_of_the_kind_after_it() -> None:
    """"a peg or chunky puzzle" is a peg puzzle or a chunky one, never BMX pegs; "vinyl or pvc figures"
    no vinyl hammock; but crayons are a kind of their own beside "colored pencils"."""
    _, listed = _titled(["Wooden Peg Puzzle, Farm", "Chunky Number Puzzle", "BMX Bike with Pegs", "Vinyl Figure, Red",
                         "PVC Collectible Figure", "Vinyl Water Hammock", "Jumbo Crayons, 8 Colors", "Colored Pencils, 12"])

    assert listed("a peg or chunky puzzle for an 18 month old") == ["0", "1"]
    assert listed("vinyl or pvc collectible figures") == ["3", "4"]
    assert listed("crayons or colored pencils") == ["6", "7"]


def test_a_verb_and_its_particle_are_read_as_the_titles_write_them() -> None:
    """"wind up toys" asks for what titles call "Wind-Up", not for anything of the wind; "a ride
    on toy" for "Ride-On" toys, not Funko's "Rides". Where the titles write the two apart more
    often ("Dress Up Trunk"), they stay two words."""
    from recommender.spellings import particles_joined

    index, listed = _titled(["Wind-Up Walking Duck", "Racing The Wind Horse Set", "Kite for Ages 8 & Up, Wind Spinner",
                             "Ride-On Racecar", "Ride-On Tractor", "Funko Rides: Mulan On Khan",
                             "Dress Up Trunk", "Dress Up Crown", "Magnetic Dress-Up Doll"])
    assert particles_joined("wind up toys", index) == "wind-up toys"
    assert particles_joined("dress up stuff", index) == "dress up stuff"
    assert particles_joined("something easy to set up", index) == "something easy to set up"
    assert particles_joined("a toy he can wind up himself", index) == "a toy he can wind up himself"  # a verb
    assert listed("wind up toys") == ["0"]
    assert listed("wind-up toys") == ["0"]
    assert listed("a ride on toy for my 2 year old") == ["3", "4"]
    assert {"6", "7"} <= set(listed("dress up stuff"))


_CHATTY_SHOP = ["Diamond Kite", "Dinosaur Figure", "Floor Puzzle", "Pick-Up Truck", "Canvas Bag", "Spinning Tops, 12 Pack",
                "Cruiser Skateboard", "Remote Control Car", "Yard Games", "Gift Card Holder", "House Rules Sign", "Fits Under Bed Box", "Beginner Paint Brushes", "Beginners Crochet Kit", "Slot Car Race Set", "Money Bank",
                "Reward Stickers", "Sticker Pack", "Spinning Top", "Crayons, 24 Count", "Sand Bucket", "Playing Cards",
                "Play Kitchen", "Dress Up Trunk", "School Bus", "Pool Float", "Community Pool Game", "Clear Balloons",
                "Wooden Train", "Custodian Cart"]


def _chatty_shop() -> LexicalIndex:
    """`_CHATTY_SHOP`'s products, 40 wooden blocks after them, and listings that mention the
    words of chat (as a real store's descriptions do), so none of them is a word no listing holds."""
    chat = "A crazy good gift if poss, turning heads; it works, says the custodian."
    return LexicalIndex.build(Catalog([Product(product_id=str(i), title=t, description=chat) for i, t in enumerate(
        [*_CHATTY_SHOP, *(f"Wooden Block No. {n}" for n in range(40))])], "v"))


@pytest.mark.parametrize(("turns", "named"), [
    # a later turn that names a word only in a clause said of the people keeps what was asked
    (["My son (12) wants a skateboard", "he's a beginner so nothing crazy expensive, under 100"], "skateboard"),
    (["a train if poss? under $30", "she's made that VERY clear"], "train"),
    (["hubby loves slot cars", "money's not really the issue, he's turning 50"], "slot cars"),
    (["reward stickers for my class", "under $10 a pack"], "reward stickers"),
    (["crayons please", "the custodian will murder me lol"], "crayons"),
    (["dress up trunk for a nursery class", "skip anything licensed, the school doesn't allow characters"], "dress trunk"),
    # ... and within one turn: who someone is, what a price is paid for, where a thing is banned
    (["tops 15. crayons for my niece"], "crayons"),
    (["he loves playing with sand"], "sand"),
    (["stickers, $5 a pack"], "stickers"),
    (["got a twenty, what crayons fits under that"], "crayons"),
    (["house rule here is no slime. a skateboard?"], "skateboard"),
    (["i have a $25 gift card and don't wanna pay anything on top. crayons?"], "crayons"),
    (["getting back into skateboards after like 15 years lol"], "skateboards"),
    (["we have a tiny yard so a pool float please"], "pool float"),
    (["a remote control car please", "money's tighter this month than I thought. Let's say forty max."], "remote control car"),
    (["spinning tops 12 pack"], "12 pack spinning tops"),
    (["i have $40 for a bag for school"], "bag"),
    # a later turn that asks anew, however it begins, is what is asked for now
    (["a skateboard for my son", "actually I'm thinking a kite"], "kite"),
    (["a skateboard for my son", "he's a huge dinosaur fan"], "dinosaur"),
    (["a skateboard for my son", "he enjoys puzzles"], "puzzles"),
    (["a skateboard for my son", "he needs new cleats"], ""),  # the note says no listing holds cleats
    # a later turn whose one unknown word is said of the people (no listing holds "tickets")
    (["crayons please", "keep it below fifty, I just bought plane tickets"], "crayons"),
])
def test_words_of_chat_name_nothing(turns: list[str], named: str) -> None:
    """The words a shopper says of the people, the money or the place name no product ("he's a
    beginner", "money's not the issue", "$10 a pack", "the school doesn't allow ...", "the
    custodian will murder me"): the thing asked for stays what was named."""
    focus = find_focus(turns, _chatty_shop(), merge_facts(turns).exclusions)
    assert focus.phrase.lower() == named, focus


def test_what_is_named_in_play_stays_a_name() -> None:
    """"playing cards", "a beginner skateboard", "a play kitchen": the words stay names there."""
    index = _chatty_shop()
    assert ("play", "card") in find_focus(["playing cards for my dad"], index).alternatives
    assert find_focus(["a beginner skateboard"], index).alternatives == (("beginn", "skateboard"),)
    assert find_focus(["a play kitchen"], index).alternatives == (("play", "kitchen"),)


def test_an_owner_no_listing_names_is_named_by_its_lines() -> None:
    """"a wrestling fan": no title says "wrestling", but WWE's figures are it (`franchises`);
    "his fave" is no word of a product."""
    index, listed = _titled(["WWE Randy Orton Elite Figure", "Wrestlemania Kevin Owens Figure", "Fishing Rod"])
    focus = find_focus(["My 8 year old boy is a wrestling fan. $30 max please."], index)
    assert focus.alternatives == (("wrestl",),) and not focus.missing, focus
    assert listed("My 8 year old boy is a total wrestling fan") == ["0", "1"]
    turns = ["he's a massive wrestling fan", "he's got rey mysterio already, that one's his fave"]
    assert find_focus(turns, index, merge_facts(turns).exclusions).phrase == "wrestling"
