from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import TOYS

from recommender.catalog import Product, load_catalog, parse_mapping
from recommender.errors import CatalogError

ROOT = Path(__file__).resolve().parents[2]


def test_demo_catalog_follows_the_schema() -> None:
    catalog = load_catalog(ROOT / "data" / "catalog.csv")
    assert len(catalog) >= 80 and not catalog.issues
    unpriced = [p for p in catalog.products if p.price is None]
    assert unpriced, "the demo catalog keeps unpriced products"
    assert any(not p.in_stock for p in catalog.products)
    assert all(p.currency == "USD" and p.title for p in catalog.products)


def test_shared_amazon_catalog_loads_as_it_is() -> None:
    if not TOYS.is_file():
        pytest.skip("shared data absent")
    catalog = load_catalog(TOYS)
    assert len(catalog) == 1000
    assert sum(p.price is None for p in catalog.products) == 4
    assert catalog.get("B008AK6DAS").attributes["model_number"] == "55324"


@pytest.mark.parametrize("title, category, ages", [
    ("Fisher-Price Selfie Fun Phone, Baby Rattle", "Toys & Games > Baby & Toddler Toys > Activity Play Centers", (0, 3)),
    ("Happy Cactus Set-of-Two", "Baby Products > Baby Care > Pacifiers, Teethers & Teething Relief > Teethers", (0, 3)),
    # a toddler is one to three: the toddler's shelf and a nursery's decor are for the first years too
    ("Fisher-Price Little People Dump Truck", "Toys & Games > Baby & Toddler Toys", (0, 3)),
    ("Paw Patrol Mighty Pups Chase", "Toys & Games > Baby & Toddler Toys > Push & Pull Toys", (0, 3)),
    ("My Little Pony Wall Decals", "Baby Products > Nursery > Décor > Wall Décor > Stickers", (0, 3)),
    ("Paw Patrol Vehicle, for ages 3 and up", "Toys & Games > Baby & Toddler Toys", (3, 99)),
    ("Mighty Pups Vehicle, a great gift for kids aged 3 and up", "Toys & Games > Baby & Toddler Toys", (3, 99)),
    ("Kinetic Sand Set with 10 Tools, for Kids Aged 3 & Up", "Toys & Games > Arts & Crafts", (3, 99)),  # "aged", "&"
    ("Geology Dig Kit | Age range: 12 years & up", "Toys & Games > Science Kits & Toys", (12, 99)),
    ("Flower Wall Decals", "Home & Kitchen > Kids' Room Décor > Wall Décor", None),
    ("Plush Dinosaur Rattles", "Toys & Games > Stuffed Animals & Plush Toys", (0, 3)),
    ("Girl's 1st Birthday Felt Headband", "Costumes & Accessories > Kids & Baby > Girls > Accessories", (0, 3)),
    ("Baby Shark Plush", "Toys & Games > Stuffed Animals & Plush Toys", None),
    ("Dora Costume", "Costumes & Accessories > Kids & Baby > Girls > Costumes", None),
    ("Rattle Set, ages 3 and up", "Toys & Games > Baby & Toddler Toys", (3, 99)),
    # a title that says it is for toddlers ("Toddler Toys") and states no age
    ("Crayola Washable Palm Grasp Crayons, 9ct, Toddler Toys, Gift", "Toys & Games > Arts & Crafts > Crayons", (0, 3)),
    ("SoftScape Climber for Toddlers and Kids", "Toys & Games > Sports & Outdoor Play", None),
    # "0 and up" on a baby's thing is from birth: the first years, not every age
    ("GUND Baby My First Christmas Reindeer Lovey Plush Blanket | Ages 0 and up", "Toys & Games > Stuffed Animals", (0, 3)),
    ("Wooden Blocks | Ages 0 and up", "Toys & Games > Blocks", (0, 99)),
    # months to years, as the listing states it
    ("VTech Baby Busy Ball | ages 3 months to 2 years", "Toys & Games > Kids' Electronics", (0, 2)),
    # a toddler's clothing size: a year younger than the size up to it (never a model's "2T" inside a title)
    ("Anna Frozen Fever Deluxe Costume, One Color, 3T-4T", "Costumes & Accessories > Costumes", (2, 4)),
    ("Nella The Knight Classic Child Girl Costume, M (3T-4T)", "Costumes & Accessories > Costumes", (2, 4)),
    ("Pirate Costume Size 4T", "Costumes & Accessories > Costumes", (3, 4)),
    ("Kids Tee 3T, 4T, 5T", "Clothing > Kids", (2, 5)),
    ("Lionel 2T Engine Set", "Toys & Games > Trains", None)])
def test_a_babys_thing_is_held_to_the_first_years_though_its_listing_states_no_age(
        title: str, category: str, ages: tuple[int, int] | None) -> None:
    title, _, description = title.partition(" | ")
    product = Product("X1", title, description, category_path=category)
    assert product.ages_served == ages
    assert product.age_range in (None, ages, (0, 99))  # what the listing states, where it states it


def test_bad_rows_are_named_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("sku,name,price\nA1,Good,10\n,No id,5\nA2,,5\nA3,Bad price,abc\nA1,Duplicate,3\n")
    catalog = load_catalog(path)
    assert [p.product_id for p in catalog.products] == ["A1", "A3"]
    assert catalog.get("A3").price is None
    messages = [str(i) for i in catalog.issues]
    assert any(m.startswith("row 2: product_id") for m in messages)
    assert any(m.startswith("row 3: title") for m in messages)
    assert any(m.startswith("row 4: price") for m in messages)
    assert any("duplicate" in m for m in messages)


def test_jsonl_with_mapping_and_version(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    rows = [{"code": "X1", "label": "Red kite", "cost": 12.5, "stock": 0}, {"code": "X2", "label": "Blue kite"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n")
    catalog = load_catalog(path, "product_id=code,title=label,price=cost,in_stock=stock")
    assert [p.product_id for p in catalog.products] == ["X1", "X2"]
    assert catalog.get("X1").price == 12.5 and not catalog.get("X1").in_stock
    v1 = catalog.version
    path.write_text(json.dumps(rows[0]) + "\n")
    assert load_catalog(path, "product_id=code,title=label").version != v1


def test_parquet(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    path = tmp_path / "c.parquet"
    pq.write_table(pa.table({"id": ["A"], "title": ["Tent"], "price": [99.0]}), path)
    assert load_catalog(path).get("A").price == 99.0


def test_unusable_catalogs_raise_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="not found"):
        load_catalog(tmp_path / "missing.csv")
    (tmp_path / "x.csv").write_text("foo,bar\n1,2\n")
    with pytest.raises(CatalogError, match="no id or title column"):
        load_catalog(tmp_path / "x.csv")
    with pytest.raises(CatalogError, match="bad column mapping"):
        parse_mapping("flavour=c")


def test_an_age_range_in_months_is_read_in_years() -> None:
    """"Ages 0 - 36 Months" is a baby's toy to three, never one that "suits age 10" (it had been
    read as ages 0 to 36)."""
    sloth = Product("S", "Stroller Sloth", "Hang it on the stroller | Ages 0 - 36 Months")
    walker = Product("W", "Snack & Stroll Walker", "Ages 12-36 Months. Walk and push.")
    blocks = Product("B", "Wooden Blocks", "For ages 3-8")
    assert (sloth.age_range, walker.age_range, blocks.age_range) == ((0, 3), (1, 3), (3, 8))


@pytest.mark.parametrize("title, age", [
    ("White Mountain Puzzles General Store - 1000 Piece Jigsaw Puzzle", 12),
    ("EuroGraphics Volkswagen Groovy Bus Collage Puzzle (2000 Piece)", 12),
    ("Woodstock- Collage 500 pc Puzzle", 10),
    ("Buffalo Games - New York Twilight - 300 Large Piece Jigsaw Puzzle", 9),
    ("Ravensburger Cinderella 100 Piece Glitter Jigsaw Puzzle", 6),
    ("Melissa & Doug Jigsaw Puzzles Set - Bugs and Dinosaurs (60 pcs)", None),
    ("Ravensburger Cinderella 100 Piece Jigsaw Puzzle for Kids, Ages 5 and up", None),  # the listing states its age
    ("PLUS PLUS Construction Building Toy, 3,600 Pieces", None),  # no jigsaw
])
def test_a_jigsaw_that_states_no_age_is_from_the_age_its_count_of_pieces_suits(title: str, age: int | None) -> None:
    product = Product("X1", title)
    assert product.pieces_from_age == age
    assert product.ages_served in (None, (5, 99))  # what the listing states: the count is no rating
