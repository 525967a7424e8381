"""Licensed lines belong to their owners: "no Marvel" leaves out a Captain America figure whose
listing never says Marvel, and "Marvel action figures" finds it."""
from __future__ import annotations

import uuid

import pytest

from recommender.catalog import Catalog, Product
from recommender.engine import Recommender, RecommendRequest
from recommender.franchises import with_lines
from recommender.ranker import Constraints

FIGURES = [
    ("F1", "Marvel Select Hulk Unleashed Action Figure", "Marvel", 22.0),
    ("F2", "S.H. Figuarts Captain America Action Figure", "Tamashii Nations", 60.0),
    ("F3", "WWE Rey Mysterio Elite Collection Action Figure", "WWE", 26.0),
    ("F4", "Transformers Cyberverse Bumblebee Action Figure", "Hasbro", 10.0),
    ("F5", "Disney Frozen Elsa Fashion Doll", "Disney", 18.0),
    ("F6", "Batman Caped Crusader Action Figure", "DC Collectibles", 15.0),
]


@pytest.fixture(scope="module")
def figures_engine(engine: Recommender) -> Recommender:
    extra = [Product(pid, title, f"{title} | poseable | 6 inch", "Toys & Games > Action Figures", brand, price)
             for pid, title, brand, price in FIGURES]
    catalog = Catalog(products=[*engine.catalog.products, *extra], version=f"{engine.catalog.version}-figures")
    vectors = engine.encoder.encode([p.text for p in catalog.products])
    return Recommender(engine.config, catalog, engine.encoder, vectors, engine.store)


def shown(engine: Recommender, text: str, k: int = 10) -> list[str]:
    result = engine.recommend(RecommendRequest(sender_id=f"t-{uuid.uuid4()}", messages=(text,), k=k))
    return [it["title"] for it in result["recommendation"]["items"]]


def test_an_owner_brings_its_lines_and_only_distinct_names() -> None:
    assert {"marvel", "avengers", "captain america", "hulk"} <= set(with_lines("marvel"))
    assert "wwe" in with_lines("wrestling") and "elsa" in with_lines("Disney Princesses")
    assert with_lines("puzzle") == ("puzzle",)  # what owns no line is itself alone
    assert "joker" not in with_lines("dc") and "belle" not in with_lines("disney")  # a playing card, a bell
    assert "iron spider" in with_lines("spider-man") and "vtech" in with_lines("electronic")


def test_a_film_named_by_a_word_of_its_own_is_its_studios_products_of_that_name() -> None:
    # "nothing from the Cars movie" (toys-new19): "Disney/Pixar Cars ...", never every car
    assert {"pixar cars", "disney cars"} <= set(with_lines("cars movie")) and "cars" not in with_lines("cars movie")
    assert {"frozen", "elsa", "disney frozen"} <= set(with_lines("frozen movie"))  # a line the project knows
    assert "disney tv" not in with_lines("tv show")
    cars = Constraints(exclude_terms=("cars movie",))
    assert not cars.allows(Product("C1", "Disney/Pixar Cars Lightning McQueen with Sign Vehicle", "", "Toys & Games", "", 8.0))
    assert cars.allows(Product("C2", "Hot Wheels 5-Car Pack", "", "Toys & Games", "", 6.0))


@pytest.mark.parametrize("text, gone", [
    ("action figures, no marvel please", {"Marvel Select Hulk Unleashed Action Figure",
                                          "S.H. Figuarts Captain America Action Figure"}),
    ("action figure, bar the wrestling ones", {"WWE Rey Mysterio Elite Collection Action Figure"}),
    ("an action figure that isn't a superhero", {"Marvel Select Hulk Unleashed Action Figure",
                                                 "S.H. Figuarts Captain America Action Figure",
                                                 "Batman Caped Crusader Action Figure"}),
    ("a doll or a figure, disney is a no", {"Disney Frozen Elsa Fashion Doll"}),
])
def test_excluding_an_owner_leaves_out_its_lines(figures_engine: Recommender, text: str, gone: set[str]) -> None:
    titles = shown(figures_engine, text)
    assert "Transformers Cyberverse Bumblebee Action Figure" in titles, titles
    assert not gone & set(titles), titles


def test_the_reference_check_agrees_with_the_mask(figures_engine: Recommender) -> None:
    """`Constraints.allows` (per product) and the vectorised mask leave out the same products."""
    c = Constraints(exclude_terms=("marvel", "wrestling"))
    mask = figures_engine.arrays.mask(c, figures_engine.catalog)
    for i, p in enumerate(figures_engine.catalog.products):
        assert bool(mask[i]) == c.allows(p), p.title
    assert not c.allows(figures_engine.catalog.get("F2")) and c.allows(figures_engine.catalog.get("F4"))


def test_an_owner_named_finds_its_lines(figures_engine: Recommender) -> None:
    titles = shown(figures_engine, "marvel action figures", k=5)
    assert set(titles) == {"Marvel Select Hulk Unleashed Action Figure", "S.H. Figuarts Captain America Action Figure"}


@pytest.mark.parametrize("term, title", [
    ("noisy", "Baby Einstein Take Along Tunes Musical Toy"),
    ("noise", "Light & Sound School Bus"),
    ("batteries", "Remote Control Monster Truck"),
    ("electronic", "Interactive Talking Robot"),
    ("screens", "Kids Learning Tablet with 10 Apps"),
    ("scary", "Zombie Hand Halloween Prop"),
    ("messy", "Elmer's Glue Slime Starter Kit"),
    ("jewellery", "Sand Art Pendants Kit"),
    ("christmassy", "Festive Holiday 1000 Piece Jigsaw"),
    ("makes sounds", "DreamWorks Trolls Biggie Talkin’ Troll Plush Doll"),  # "nothing that makes sounds or music"
    ("music", "Fisher-Price Sing-Along Songs Karaoke Bear"),
    ("flashing lights", "Light-Up Spinning Top with LED"),
    ("stuffed animals", "Bright Starts Rattle & Shake Barbell, Plush Rings"),
    ("crude", "Play-Doh Poop Troop Set with 12 Cans"),  # "nothing crude or gross-out"
    ("gross-out", "Whoopee Cushion Fart Machine"),
    ("scary", "Rubies Devil Girls Child Red Demon Costume"),
    ("unicorn", "Wild Republic Llama Pegacorn Plush"),  # "nothing unicorn-y": a winged unicorn too
    ("snakes", "Aurora Rattlesnake Plush, Green"),  # "no snakes or reptiles"
    # "not cartoon characters or film stuff", "no cartoon/comic characters": the shows' and strips' lines
    ("cartoon", "GUND Pusheen Fancy and Unicorn Magical Kitties Plush Deluxe Keychain Clip"),
    ("comic", "Dark Horse Deluxe The Umbrella Academy Playing Cards"),
    ("film", "Fisher-Price Nickelodeon Shimmer & Shine, Teenie Genies Multi-Pack"),
    ("cartoon characters", "Adventure Time Card Wars Sleeve Jake"),
    ("electronic", "VTech Scoop & Play Digger"),  # the electronic learning toys' brands (toys-new19)
    ("noise", "Duncan Toys Despicable Me Giggling Yo-Yo Toy"),
    ("spider-man", "Funko Pop! Marvel: Avengers Endgame - Iron Spider with Nano Gauntlet"),
    # toys-new21: what is like either of two words said together, Mario's others, vehicles by their kinds, Freddy
    ("noisy electronic", "Bright Starts Lots of Links Accessory and Baby Einstein Take Along Tunes Musical Toy"),
    ("mario", "Yoshi's Crafted World - Nintendo Switch"),
    ("vehicle", "Bachmann Industries New Haven 50' Plug Door Box Car"),
    ("scary", "NECA - Nightmare on Elm Street Part 3 - 8” Clothed Action Figure - Tuxedo Freddy"),
    ("horror movie", "NECA - Nightmare on Elm Street Part 3 - 8” Clothed Action Figure - Tuxedo Freddy"),
    ("scary movie", "Zombie Hand Halloween Prop"),
])
def test_a_thing_left_out_by_what_it_is_like_in_the_words_listings_use(term: str, title: str) -> None:
    product = Product("P1", title, "", "Toys & Games", "", 10.0)
    assert not Constraints(exclude_terms=(term,)).allows(product)
    assert Constraints(exclude_terms=("lego",)).allows(product)


@pytest.mark.parametrize("term, title", [("flashing lights", "Flash Cards: Sight Words"),
                                         ("flashing lights", "Madame Alexander Doll, Light Skin Tone"),
                                         ("flashing lights", "Flash Point Fire Rescue Board Game")])
def test_what_lights_up_is_not_every_light_or_flash(term: str, title: str) -> None:
    assert Constraints(exclude_terms=(term,)).allows(Product("X1", title, title, "Toys & Games"))


def test_what_it_is_like_is_read_from_the_shelf_too() -> None:
    """"no musical toys": a VTech learning toy whose title says nothing of sound is on the
    Electronic Learning Toys shelf."""
    busy_ball = Product("P2", "VTech Click and Count Remote", "", "Toys & Games > Kids' Electronics > Electronic Learning Toys")
    assert not Constraints(exclude_terms=("musical",)).allows(busy_ball)
    assert Constraints(exclude_terms=("musical",)).allows(Product("P3", "Wooden Stacking Rings", "", "Toys & Games > Baby"))


def test_nothing_military_leaves_out_armies_and_their_machines() -> None:
    """"nothing military": a Messerschmitt fighter, an army tank, a navy plane (USN) and a WWII kit,
    not a civilian airliner nor navy-blue bedding."""
    from recommender.catalog import Product
    from recommender.ranker import Constraints

    c = Constraints(exclude_terms=("military",), in_stock_only=False)
    kept = [t for t in ('German fighter "Messerschmitt" Bf-109F4', "COBI Small Army Tank", "Boeing 747 Airliner Model Kit",
                        "Postage Stamp USN E-2C Hawkeye 1/145 Airplane Model", "Gloster Gladiator 1:72 WWII Aviation Kit",
                        "3-Piece Navy Blue and Grey Comforter Set") if c.allows(Product("x", t))]
    assert kept == ["Boeing 747 Airliner Model Kit", "3-Piece Navy Blue and Grey Comforter Set"]


@pytest.mark.parametrize("term, title", [
    ("keychains", "Disney Belle Soft Touch PVC Key Ring"),
    ("costume", "Who's That Girl 21-Piece Dress up Trunk"),
    ("construction sets", "LEGO Creator Expert Gingerbread House 10267 Building Kit"),
    ("brick", "K'NEX Turbo Jet 2-in-1 Building Set"),
    ("dolls", "Fun2Give Pop-It-Up Dollhouse Tent with House Playmat"),
    ("horror-movie", "NECA Nightmare on Elm Street Part 3 Tuxedo Freddy Action Figure"),
    ("modelling clay", "Play-Doh Poop Troop Set with 12 Cans"),
    ("monopoly", "Late for the Sky Boston-opoly"),
    ("funko pops", "Funko Plush: Cuphead - King Dice Collectible Figure"),
    ("military", "Tamiya Models M1A2 Abrams Model Kit"),
    ("hats", "Dragon Ball Z - Goku vs. Frieza Sublimation Beanie Headwear"),
    ("clothes", "Star Wars Boys' Darth Vader Hoodie"),
    ("cards", "Pokemon TCG: Poke Ball Tin Red - 3 Booster Pack with 1 Coin"),
    ("sports team", "Poolmaster Los Angeles Lakers NBA Swimming Pool Float"),
])
def test_a_thing_excluded_leaves_out_what_listings_call_it_otherwise(term: str, title: str) -> None:
    """"no keychains": a key ring; "isn't a costume": a dress-up trunk; "no construction sets":
    LEGO and K'NEX building kits; "so over dolls": a dollhouse; "no horror-movie characters":
    Freddy Krueger; "no Monopoly knock-offs": Boston-opoly; "no Funko Pops": Funko's plush."""
    product = Product("X1", title, title, "Toys & Games")
    assert not Constraints(exclude_terms=(term,)).allows(product)
    assert Constraints(exclude_terms=("kite",)).allows(product)


@pytest.mark.parametrize("term, title", [("dolls", "Melissa & Doug Wooden Puzzle"), ("keychains", "Chain Reaction Game"),
                                         ("costume", "Crayola Washable Markers"), ("brick", "Brio Wooden Railway"),
                                         ("clothes", "Tee Ball Batting Set"), ("hats", "Captain America Shield"),
                                         ("clothes", "Activity Table - Short Legs"), ("hats", "Plush Graduation Bear, White Cap"),
                                         ("military", "Rubber Duck Submarine Bath Toy")])
def test_what_is_called_otherwise_is_not_every_neighbour(term: str, title: str) -> None:
    assert Constraints(exclude_terms=(term,)).allows(Product("X1", title, title, "Toys & Games"))


@pytest.mark.parametrize("term, title, category", [
    ("horror", "Renegade Pirate Child Costume", "Clothing > Costumes"),  # no "child's play" film by its words
    ("costume", "KidKraft Espresso Set", "Toys & Games > Dress Up & Pretend Play"),  # the shelf's name is no costume
])
def test_what_listings_call_a_thing_is_not_every_listing_sharing_its_words(term: str, title: str, category: str) -> None:
    assert Constraints(exclude_terms=(term,)).allows(Product("X1", title, title, category))


def test_what_a_refusal_also_leaves_out() -> None:
    """"nothing remote-controlled": drones too (never the other way: "no drones" leaves RC cars);
    "no Disney": Toy Story; "no playdough": Play-Doh; "no video games": an arcade machine."""
    assert {"drone", "quadcopter", "rc"} <= set(with_lines("remote-controlled"))
    assert "rc" not in with_lines("drones")
    assert {"toy story", "buzz lightyear"} <= set(with_lines("disney"))
    assert "play-doh" in with_lines("playdough")
    assert "arcade" in with_lines("video games")
    assert "poopsie" in with_lines("poop") and "smell" in with_lines("scented")
    assert "dinosaur" in with_lines("dinos")
    assert {"dragon ball", "naruto", "studio ghibli"} <= set(with_lines("anime")) and "pokemon" not in with_lines("anime")
    assert "wwe" in with_lines("wrestlers") and "harry potter" in with_lines("hp")
    assert "handheld game" in with_lines("screens")
