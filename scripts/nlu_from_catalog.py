"""Lookup tables and synonyms for the bot's `brand` and `product_type` entities, from a catalog.

Reads the store's catalog (any format `recommender.catalog.load_catalog` reads, with the same
CATALOG / CATALOG_COLUMNS settings as the service) and writes Rasa NLU training data:

- `lookup: brand` and `lookup: product_type`: every phrase a shopper may type for a brand or a
  category of this catalog (the RegexFeaturizer turns a match into a feature for DIET);
- `synonym:` entries that map each variant ("meadow and pine", "science kit") to the name the
  catalog uses ("Meadow & Pine", "Science Kits & Toys"), applied by the EntitySynonymMapper.

    .venv/bin/python scripts/nlu_from_catalog.py                       # data/catalog.csv
    .venv/bin/python scripts/nlu_from_catalog.py --catalog path.jsonl --out bot/data/nlu/catalog_lookups.yml
    .venv/bin/python scripts/nlu_from_catalog.py --check               # annotations agree with lookups?

Product types are the category names below the top level of each path, split at "&" and ","
("Pots & Planters" -> "pots", "planters"), singular and plural; parts too vague to name a kind of
product ("toys", "accessories", "quick") are left out. Output is sorted, so the file only changes
when the catalog does.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "bot" / "data" / "nlu" / "catalog_lookups.yml"
NLU_DIR = ROOT / "bot" / "data" / "nlu"

# Category-name parts that name no kind of product: too general ("toys", "accessories"),
# used by shoppers in other senses ("book me a flight", "quick question"), or activities and
# interests ("a kid who loves drawing", "coffee lover") rather than things one buys.
VAGUE_PARTS = frozenset({
    "accessories", "activities", "baby", "baby care", "birdwatching", "books", "camping", "care",
    "coffee", "computers", "crafts", "cycling", "diapering", "dining", "drawing", "easy",
    "education", "espresso", "exercise", "fitness", "food", "games", "garden", "gardening",
    "general", "hiking", "home", "hydration", "indoor gardening", "kids", "kitchen", "learning",
    "misc", "miscellaneous", "modeling", "more", "nature", "needlework", "nursery", "other",
    "outdoors", "painting", "paper", "quick", "running", "safety", "science", "soccer", "sports",
    "supplies", "tea", "team sports", "technology", "toys", "water sports", "wine", "yoga",
})
# Brand suffixes that shoppers leave out ("GreenThumb" for "GreenThumb Co.").
BRAND_SUFFIXES = re.compile(r"[\s,]+(co\.?|inc\.?|ltd\.?|llc|corp\.?|company)$", re.IGNORECASE)
MIN_PHRASE_CHARS = 3
ANNOTATION = re.compile(r"\[([^\]]+)\](?:\((\w+)\)|\{[^}]*\"entity\"\s*:\s*\"(\w+)\"[^}]*\})")


def plural_forms(phrase: str) -> set[str]:
    """The phrase, plus its singular when its last word is a plural (plain English rules only).

    >>> sorted(plural_forms("science kits")), sorted(plural_forms("chess")), sorted(plural_forms("cutlery"))
    (['science kit', 'science kits'], ['chess'], ['cutlery'])
    """
    head, _, last = phrase.rpartition(" ")
    prefix = f"{head} " if head else ""
    forms = {phrase}
    # Catalog names are plural for countable things ("Tents") and singular for the rest
    # ("Cutlery"), so only plurals get a second form; "coffees" would match nothing useful.
    if last.endswith("ies") and len(last) > 4:
        forms.add(prefix + last[:-3] + "y")
    elif last.endswith(("ches", "shes", "xes", "sses")):
        forms.add(prefix + last[:-2])
    elif last.endswith("s") and not last.endswith(("ss", "us", "is", "'s")) and len(last) > 3:
        forms.add(prefix + last[:-1])
    return forms


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


def category_variants(paths: Iterable[str]) -> dict[str, str]:
    """Variant phrase -> category name, for every category below the top level of the paths
    that is not an audience ("Clothing > Girls > Dresses" gives dresses).

    A phrase that several categories share goes to the most general of them (then the first
    in alphabetical order), so a variant never maps to two values.
    """
    from recommender.facets import value_groups  # the package is importable once main set sys.path

    owners: dict[str, tuple[int, str]] = {}
    for path in paths:
        names = [n.strip() for n in path.split(">") if n.strip()]
        for depth, name in enumerate(names[1:], start=1):
            if all(value_groups(w) for w in re.findall(r"[a-z]+", name.lower()) if w != "and"):
                continue  # "Girls", "Boys & Girls": who it is for (a facet), not a kind of product
            parts = [p for p in re.split(r"\s*(?:&|,|\band\b)\s*", _clean(name)) if p]
            phrases = {_clean(name)} if len(parts) > 1 and not set(parts) & VAGUE_PARTS else set()
            phrases |= {p for p in parts if p not in VAGUE_PARTS}
            for phrase in phrases:
                for form in plural_forms(phrase) if " & " not in phrase else {phrase}:
                    if len(form) < MIN_PHRASE_CHARS or form in VAGUE_PARTS:
                        continue
                    owner = (depth, name)
                    if form not in owners or owner < owners[form]:
                        owners[form] = owner
    return {form: name for form, (_, name) in owners.items()}


def brand_variants(brands: Iterable[str]) -> dict[str, str]:
    """Variant phrase -> brand name: "and" for "&", without "Co.", CamelCase split into words."""
    variants: dict[str, str] = {}
    for brand in sorted({b.strip() for b in brands if b and b.strip()}):
        base = BRAND_SUFFIXES.sub("", brand)
        forms = {brand, base, base.replace("&", "and"), re.sub(r"(?<=[a-z])(?=[A-Z])", " ", base)}
        forms |= {f.replace("&", "and") for f in forms}
        for form in forms:
            key = _clean(form)
            if len(key) >= MIN_PHRASE_CHARS and not key.isdigit():
                variants.setdefault(key, brand)
    return variants


def _quote(text: str) -> str:
    """A YAML list item that stays a plain string (quoted when it starts or contains YAML syntax)."""
    if re.fullmatch(r"[\w][\w '&.\-/+]*", text) and not text.endswith(":"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(brands: dict[str, str], types: dict[str, str], source: str) -> str:
    """The YAML training-data file: two lookup tables, then one synonym block per value."""
    lines = [
        f"# Generated by scripts/nlu_from_catalog.py from {source}; do not edit by hand.",
        "# Regenerate after changing the catalog: .venv/bin/python scripts/nlu_from_catalog.py",
        'version: "3.1"',
        "",
        "nlu:",
    ]
    for entity, variants in (("brand", brands), ("product_type", types)):
        lines += [f"  - lookup: {entity}", "    examples: |"]
        lines += [f"      - {_quote(v)}" for v in sorted(variants)]
        lines.append("")
    for variants in (brands, types):
        by_value: dict[str, list[str]] = {}
        for variant, value in variants.items():
            if variant != value:  # case too: "lego" -> "LEGO" (the mapper compares in lower case)
                by_value.setdefault(value, []).append(variant)
        for value in sorted(by_value):
            lines += [f"  - synonym: {_quote(value)}", "    examples: |"]
            lines += [f"      - {_quote(v)}" for v in sorted(by_value[value])]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def unannotated(nlu_dir: Path, phrases: dict[str, set[str]]) -> list[str]:
    """Training examples that mention a lookup phrase without annotating it (for --check)."""
    patterns = {entity: re.compile(r"(?<![\w'])(" + "|".join(
        re.escape(p) for p in sorted(ps, key=len, reverse=True)) + r")(?![\w'])", re.IGNORECASE)
        for entity, ps in phrases.items() if ps}
    problems = []
    for path in sorted(nlu_dir.glob("*.yml")):
        if path.name == DEFAULT_OUT.name:
            continue
        for lineno, line in enumerate(path.read_text().splitlines(), start=1):
            if not line.lstrip().startswith("- ") or "lookup:" in line or "regex:" in line:
                continue
            plain = ANNOTATION.sub(lambda m: "\0" * len(m.group(0)), line)
            for entity, pattern in patterns.items():
                for m in pattern.finditer(plain):
                    problems.append(f"{path.name}:{lineno}: {m.group(1)!r} is not annotated as {entity}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalog", default=os.environ.get("CATALOG", str(ROOT / "data" / "catalog.csv")))
    parser.add_argument("--columns", default=os.environ.get("CATALOG_COLUMNS", ""),
                        help="field=column,... as CATALOG_COLUMNS")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true",
                        help="list training examples that mention a lookup phrase without annotating it")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from recommender.catalog import load_catalog

    catalog = load_catalog(args.catalog, args.columns)
    brands = brand_variants(p.brand for p in catalog.products)
    types = category_variants(p.category_path for p in catalog.products)
    if args.check:
        problems = unannotated(NLU_DIR, {"brand": set(brands), "product_type": set(types)})
        print("\n".join(problems) or "every lookup phrase in the training data is annotated")
        return 1 if problems else 0
    try:
        source = str(Path(args.catalog).resolve().relative_to(ROOT))
    except ValueError:
        source = Path(args.catalog).name
    args.out.write_text(render(brands, types, source))
    print(f"{args.out}: {len(set(brands.values()))} brands ({len(brands)} phrases), "
          f"{len(set(types.values()))} product types ({len(types)} phrases)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
