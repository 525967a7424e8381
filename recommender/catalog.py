"""The store's catalog: one product schema, loaders for CSV/JSONL/Parquet, validation, version."""
from __future__ import annotations

import csv
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from recommender.errors import CatalogError

log = logging.getLogger(__name__)

FIELDS = (
    "product_id", "title", "description", "category_path", "brand", "price",
    "currency", "image_url", "attributes", "in_stock", "audience", "colour", "material", "size",
)
# Part of every catalog version: a change to what is read from a file invalidates the caches.
SCHEMA_VERSION = "3"  # 2: audience and colour facets; 3: material and size
# Column names that stores commonly use for each field, tried in order.
ALIASES: dict[str, tuple[str, ...]] = {
    "product_id": ("product_id", "id", "asin", "sku", "item_id", "productid"),
    "title": ("title", "name", "product_name", "product_title"),
    "description": ("description", "desc", "bullets", "about", "details"),
    "category_path": ("category_path", "category", "categories", "product_category"),
    "brand": ("brand", "manufacturer", "vendor", "make"),
    "price": ("price", "price_usd", "sale_price", "list_price", "amount"),
    "currency": ("currency", "currency_code"),
    "image_url": ("image_url", "image", "img", "image_link", "thumbnail"),
    "attributes": ("attributes", "attrs", "specs"),
    "in_stock": ("in_stock", "stock", "available", "availability"),
    # Facets (recommender/facets.py): who the product is for, and its colour.
    "audience": ("audience", "gender", "target_audience", "target_gender", "department", "sex"),
    "colour": ("colour", "color", "primary_colour", "primary_color", "base_colour", "base_color",
               "colour_name", "color_name"),
    # What it is like besides its colour: matched as words of the listing, shown as they are.
    "material": ("material", "materials", "fabric", "material_type"),
    "size": ("size", "sizes", "size_range"),
}
_TRUE = {"true", "1", "yes", "y", "in stock", "instock", "available", "t"}
_FALSE = {"false", "0", "no", "n", "out of stock", "outofstock", "unavailable", "f"}
_AGE_RANGE = re.compile(r"\bages?\s*(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\b", re.IGNORECASE)
_IN_MONTHS = re.compile(r"\s*(?:months?|mos?)\b", re.IGNORECASE)
# "ages 3 months to 2 years": months to years
_MONTHS_TO_YEARS = re.compile(r"\bages?\s*(\d{1,2})\s*(?:months?|mos?)\s*(?:-|–|to)\s*(\d{1,2})\s*(?:years?|yrs?)\b", re.IGNORECASE)
_AGE_MIN = re.compile(r"\bage[sd]?\s*(\d{1,2})\s*(?:\+|(?:and|&)\s+up|(?:years?|yrs?)\s+(?:and|&)\s+up)", re.IGNORECASE)  # "Aged 3 & Up"
_AGE_MIN2 = re.compile(r"\b(\d{1,2})\s*(?:years?|yrs?)\s*(?:old\s*)?(?:(?:and|&)\s+up|\+|or older)", re.IGNORECASE)
# A listing that states no age but is a baby's or a toddler's thing is for the first years: a
# rattle is no gift for a girl turning 7, nor a toddler's busy links for a boy of 4. Its title
# says so ("Teething Toy", "Toddler Toys"), or its shelf does: teethers, rattles, pacifiers, the
# Baby & Toddler toys and the baby products, a nursery's decor among them (a nursery is a baby's
# room). A toddler is one to three; a toy on those shelves for older children says its age or is
# left out for them (a "Paw Patrol" truck filed there, no age stated, is not shown for a 4-year-old;
# "Mighty Pups ... a great gift for kids aged 3 and up" states its age).
_BABY_SHELF = re.compile(r"\b(?:Teethers|Rattles|Pacifiers)\b|(?:^|> )Baby & Toddler Toys\b|(?:^|> )Baby Products > ")
INFANTS_THINGS = r"teethers?|teething|rattles?"  # things of a baby's first year (`facets.calls_infants` too)
_BABY_THING = re.compile(r"\b(?:" + INFANTS_THINGS + r"|infants?|newborns?|1st birthday|loveys?|swaddles?|"
                         r"my\s+first\s+(?:christmas|xmas|easter|halloween|birthday|valentine['’]?s?))\b|"
                         # "Palm Grasp Crayons, Toddler Toys": a title that says it is for toddlers
                         r"\btoddlers?\b(?!\s+(?:and|&|to|or)\s+(?:big\s+)?(?:kids|children|preschoolers))", re.IGNORECASE)
BABY_AGES = (0, 3)
# A toddler's clothing size in a title ("Anna Frozen Fever Deluxe Costume, 3T-4T", "Size 2T"): the
# child a year younger than the size up to its age; no costume for a grown-up.
# Said as a size: after "size" or a comma, or ending the title or a part of it (never "Lionel 2T Engine").
_TODDLER_SIZE = re.compile(r"(?:(?i:\bsizes?)\s+|[,(|]\s*)([1-6])T(?:\s*[-–/]\s*([1-6])T)?\b|"
                           r"\b([1-6])T(?:\s*[-–/]\s*([1-6])T)?(?=\s*(?:$|[,)|;]))")
# A jigsaw's count of pieces says whom it is for where the listing states no age: the makers'
# own guide (100 pieces from 6, 200 from 8, 300 from 9, 500 from 10, 1,000 from 12); a
# 1,000-piece landscape is no puzzle for a three-year-old.
_PUZZLE = re.compile(r"\b(?:jigsaw|puzzles?)\b", re.IGNORECASE)
PIECES_FROM_AGE = ((1000, 12), (500, 10), (300, 9), (200, 8), (100, 6))


@dataclass(frozen=True, slots=True)
class Product:
    """One catalog entry in the project's schema (see data/README.md)."""

    product_id: str
    title: str
    description: str = ""
    category_path: str = ""  # " > " separated, most general first
    brand: str = ""
    price: float | None = None  # None: unpriced, never passes a budget filter
    currency: str = "USD"
    image_url: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    in_stock: bool = True
    audience: str = ""  # who it is for, in the store's words ("Girls", "Unisex"); "" when not said
    colour: str = ""  # in the store's words ("Navy Blue"); "" when not said
    material: str = ""  # from a material/fabric column ("organic cotton"); "" when the file has none
    size: str = ""  # from a size column ("XS-XL", "4-14 years"); "" when the file has none

    @property
    def category(self) -> str:
        """The most specific category name."""
        return self.category_path.split(" > ")[-1] if self.category_path else ""

    @property
    def text(self) -> str:
        """What the embedding model reads, all of it: title, details, then the bullets."""
        return join_text(*self.parts)

    @property
    def parts(self) -> tuple[str, str, str]:
        """(title, details, body): the details are the category path, brand and facets; the body
        the bullets as sentences, up to 600 characters (`Encoder.within_budget` fits them to a budget)."""
        facets = ", ".join(f for f in (self.audience, self.colour, self.material) if f)
        details = ". ".join(p for p in (self.category_path.replace(" > ", ", "), self.brand, facets) if p)
        return self.title, details, self.description.replace(" | ", ". ")[:600]

    @property
    def searchable(self) -> str:
        """Lower-cased text in which request words are looked up (title, category, brand, bullets)."""
        return f"{self.title} {self.category_path} {self.brand} {self.colour} {self.material} {self.description}".lower()

    @property
    def age_range(self) -> tuple[int, int] | None:
        """(min, max) age the product is meant for, from attributes or the description."""
        lo, hi = self.attributes.get("age_min"), self.attributes.get("age_max")
        if isinstance(lo, (int, float)):
            return int(lo), int(hi) if isinstance(hi, (int, float)) else 99
        return _stated_ages(self.title, self.description)

    @property
    def ages_served(self) -> tuple[int, int] | None:
        """The ages the age filter holds the product to: those its listing states, or the first
        years for a baby's thing (`_baby_ages`). Never said to a shopper: claims and comparisons
        say `age_range`, what the listing states."""
        stated, baby = self.age_range, _baby_ages(self.title, self.category_path)
        if stated is not None and baby is not None and stated[0] == 0 and stated[1] >= 99:
            return baby  # "0 and up" on a baby's lovey: from birth, not for a fourteen-year-old
        return stated or baby or _toddler_size_ages(self.title)

    @property
    def pieces_from_age(self) -> int | None:
        """From what age a jigsaw that states no age is, by its count of pieces (`PIECES_FROM_AGE`);
        the age filter holds it there unless the shopper asked for a count of pieces themselves."""
        return None if self.age_range is not None else _pieces_age(self.title)

    @property
    def pieces(self) -> int | None:
        """The count of pieces its attributes or its title state ("1000 Piece Jigsaw", "48 Pieces");
        None where neither does."""
        stated = self.attributes.get("pieces")
        if isinstance(stated, (int, float)) and not isinstance(stated, bool) and stated > 0:
            return int(stated)
        if isinstance(stated, str) and stated.strip().isdigit():
            return int(stated.strip())
        return _pieces(self.title)

    def public(self) -> dict[str, Any]:
        """The JSON shape that crosses process boundaries (storefront, payloads)."""
        return {
            "product_id": self.product_id, "title": self.title, "price": self.price,
            "currency": self.currency, "category": self.category_path,
            "image_url": self.image_url, "description": self.description,
            "brand": self.brand, "in_stock": self.in_stock,
            **{k: v for k, v in (("audience", self.audience), ("colour", self.colour)) if v},
        }


@lru_cache(maxsize=1 << 18)  # a reload reads the same listings again: their regexes run once
def _stated_ages(title: str, description: str) -> tuple[int, int] | None:
    text = f"{title} {description}"
    if m := _MONTHS_TO_YEARS.search(text):
        return int(m.group(1)) // 12, int(m.group(2))
    if m := _AGE_RANGE.search(text):
        lo, hi = int(m.group(1)), int(m.group(2))
        if _IN_MONTHS.match(text, m.end()):  # "Ages 0 - 36 Months": to three, not to thirty-six
            return lo // 12, max(1, -(-hi // 12))
        return lo, hi
    if m := _AGE_MIN.search(text) or _AGE_MIN2.search(text):
        return int(m.group(1)), 99
    return None


@lru_cache(maxsize=1 << 18)  # read for every product by each reference check (`Constraints.allows`)
def _baby_ages(title: str, category_path: str) -> tuple[int, int] | None:
    return BABY_AGES if _BABY_SHELF.search(category_path) or _BABY_THING.search(title) else None


def _toddler_size_ages(title: str) -> tuple[int, int] | None:
    sizes = [int(n) for m in _TODDLER_SIZE.finditer(title) for n in m.groups() if n]  # "Tee 3T, 4T, 5T": 3 to 5
    return (max(0, min(sizes) - 1), max(sizes)) if sizes else None


@lru_cache(maxsize=1 << 18)
def _pieces(title: str) -> int | None:
    from recommender.lexical import measures  # lexical reads the catalog: imported when first asked

    return next((int(n) for n, unit in measures(title) if unit == "piece" and n.isdigit()), None)


def _pieces_age(title: str) -> int | None:
    """From what age a jigsaw is, by its count of pieces (`PIECES_FROM_AGE`); None for anything else."""
    if not _PUZZLE.search(title):
        return None
    pieces = _pieces(title) or 0
    return next((age for least, age in PIECES_FROM_AGE if pieces >= least), None)


def join_text(*parts: str) -> str:
    return ". ".join(p for p in parts if p)


@dataclass(frozen=True)
class CatalogIssue:
    """A row the loader skipped or repaired, named by row number and field."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.field}: {self.message}"


@dataclass
class Catalog:
    """Products plus the content hash that keys every cache built from them."""

    products: list[Product]
    version: str
    source: str = ""
    issues: list[CatalogIssue] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_id = {p.product_id: i for i, p in enumerate(self.products)}

    def __len__(self) -> int:
        return len(self.products)

    @property
    def source_key(self) -> str:
        """Which file the catalog came from, hashed: caches are kept per source, so two stores'
        catalogs never evict each other's entries."""
        source = str(Path(self.source).resolve()) if self.source else "in-memory"
        return hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]

    def index_of(self, product_id: str) -> int | None:
        return self._by_id.get(product_id)

    def get(self, product_id: str) -> Product | None:
        i = self._by_id.get(product_id)
        return None if i is None else self.products[i]


def parse_mapping(spec: str, fields: tuple[str, ...] = FIELDS) -> dict[str, str]:
    """Parse "field=column,field=column" into a dict, checking the field names.

    >>> parse_mapping("product_id=asin, price=price_usd")
    {'product_id': 'asin', 'price': 'price_usd'}
    """
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, sep, column = part.partition("=")
        if not sep or name.strip() not in fields:
            raise CatalogError(f"bad column mapping {part!r}; expected FIELD=COLUMN with FIELD one of {fields}")
        mapping[name.strip()] = column.strip()
    return mapping


def load_catalog(path: str | Path, columns: str | dict[str, str] = "", default_currency: str = "USD") -> Catalog:
    """Load a CSV, JSONL or Parquet catalog into the product schema.

    Bad rows are skipped and recorded in `Catalog.issues` (never raised), so one broken row
    cannot stop an index build. Columns that map to no field are kept in `attributes`.
    """
    path = Path(path)
    if not path.is_file():
        raise CatalogError(f"catalog file not found: {path}")
    mapping = parse_mapping(columns) if isinstance(columns, str) else dict(columns)
    raw = path.read_bytes()
    if not raw.strip():
        raise CatalogError(f"{path.name} is empty")
    digest = hashlib.sha256(raw + json.dumps(mapping, sort_keys=True).encode() + default_currency.encode()
                            + SCHEMA_VERSION.encode())
    rows = read_rows(path)
    products: list[Product] = []
    issues: list[CatalogIssue] = []
    seen: set[str] = set()
    resolved: dict[str, str | None] | None = None
    for number, row in enumerate(rows, start=1):
        if resolved is None:
            resolved = _resolve_columns(list(row.keys()), mapping)
            if resolved["product_id"] is None or resolved["title"] is None:
                raise CatalogError(
                    f"{path.name}: no id or title column among {list(row.keys())}; "
                    "give a mapping like CATALOG_COLUMNS='product_id=sku,title=name'")
        product = _to_product(row, resolved, number, issues, default_currency, path.suffix == ".csv")
        if product is None:
            continue
        if product.product_id in seen:
            issues.append(CatalogIssue(number, "product_id", f"duplicate id {product.product_id!r}; row skipped"))
            continue
        seen.add(product.product_id)
        products.append(product)
    for issue in issues:
        log.warning("catalog %s: %s", path.name, issue)
    if not products:
        raise CatalogError(f"{path.name}: no valid products ({len(issues)} rows rejected)")
    return Catalog(products, digest.hexdigest()[:16], str(path), issues)


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        with path.open(newline="", encoding="utf-8-sig") as f:
            yield from csv.DictReader(f, delimiter="\t" if suffix == ".tsv" else ",")
    elif suffix in (".jsonl", ".ndjson"):
        with path.open(encoding="utf-8") as f:
            for line_no, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    log.warning("catalog %s: line %d is not JSON (%s); skipped", path.name, line_no, exc)
                    continue
                if isinstance(value, dict):
                    yield value
    elif suffix == ".parquet":
        import pyarrow.parquet as pq  # only needed for Parquet catalogs

        yield from pq.read_table(path).to_pylist()
    else:
        raise CatalogError(f"unsupported catalog format {suffix!r}; expected .csv, .tsv, .jsonl or .parquet")


def _resolve_columns(columns: Iterable[str], mapping: dict[str, str]) -> dict[str, str | None]:
    by_lower = {c.lower().strip(): c for c in columns}
    resolved: dict[str, str | None] = {}
    for name in FIELDS:
        if name in mapping:
            if mapping[name] not in by_lower.values():
                raise CatalogError(f"mapped column {mapping[name]!r} for {name} is not in the file")
            resolved[name] = mapping[name]
            continue
        resolved[name] = next((by_lower[a] for a in ALIASES[name] if a in by_lower), None)
    return resolved


def _to_product(row: dict[str, Any], cols: dict[str, str | None], number: int,
                issues: list[CatalogIssue], default_currency: str, from_csv: bool) -> Product | None:
    def get(name: str) -> Any:
        column = cols[name]
        return None if column is None else row.get(column)

    pid = _text(get("product_id"))
    title = _text(get("title"))
    if not pid:
        issues.append(CatalogIssue(number, "product_id", "missing; row skipped"))
        return None
    if not title:
        issues.append(CatalogIssue(number, "title", "missing; row skipped"))
        return None
    price_raw = get("price")
    price: float | None = None
    if price_raw not in (None, ""):
        try:
            price = float(str(price_raw).replace("$", "").replace(",", "").strip())
        except ValueError:
            issues.append(CatalogIssue(number, "price", f"not a number: {price_raw!r}; kept unpriced"))
        else:
            if not (0 <= price < 1e7):
                issues.append(CatalogIssue(number, "price", f"out of range: {price_raw!r}; kept unpriced"))
                price = None
    attributes: dict[str, Any] = {}
    attrs_raw = get("attributes")
    if isinstance(attrs_raw, dict):
        attributes = dict(attrs_raw)
    elif attrs_raw not in (None, ""):
        try:
            parsed = json.loads(attrs_raw)
            attributes = parsed if isinstance(parsed, dict) else {}
        except (TypeError, json.JSONDecodeError):
            issues.append(CatalogIssue(number, "attributes", "not a JSON object; ignored"))
    mapped = {c for c in cols.values() if c}
    for column, value in row.items():  # keep unmapped columns (model_number, url...) as attributes
        if column not in mapped and value not in (None, "") and column not in attributes:
            attributes[column] = value
    stock_raw = get("in_stock")
    in_stock = True
    if isinstance(stock_raw, bool):
        in_stock = stock_raw
    elif stock_raw not in (None, ""):
        word = str(stock_raw).strip().lower()
        if word in _FALSE:
            in_stock = False
        elif word not in _TRUE:
            try:
                in_stock = float(word) > 0
            except ValueError:
                issues.append(CatalogIssue(number, "in_stock", f"unknown value {stock_raw!r}; taken as in stock"))
    currency = (_text(get("currency")) or default_currency).upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        issues.append(CatalogIssue(number, "currency", f"not a 3-letter code: {currency!r}; used {default_currency}"))
        currency = default_currency
    image = _text(get("image_url")) or None
    if image and not image.startswith(("http://", "https://", "/")):
        image = None
    return Product(
        product_id=pid, title=title, description=_text(get("description")),
        category_path=_text(get("category_path")), brand=_text(get("brand")), price=price,
        currency=currency, image_url=image, attributes=attributes, in_stock=in_stock,
        audience=_text(get("audience")), colour=_text(get("colour")),
        material=_text(get("material")), size=_text(get("size")),
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " | ".join(str(v) for v in value)
    return " ".join(str(value).split())
