"""`bench limits`: is a limit the shopper stated ever broken? Budgets, exclusions, recipients.

Each probe (`data/limits/*.jsonl`) is a conversation of one to three messages and the limits it
states, written by hand apart from this code:
- `turns`: the shopper's messages, in order; the list after the last one is checked;
- `forbid`: a regular expression over a listed product's "title | brand | category path" that
  marks it as something the shopper excluded ("no disney" -> disney|pixar|frozen|...);
- `cap`: the most the shopper will pay for one product, in the store's money (a product over it,
  or without a price, breaks it; the latest budget when a later turn changes it);
- `groups`: whom the gift may be for, of boys, girls, baby, men, women; a product that names only
  other groups ("Men's ...", "Girls' ...") breaks it. The title is read first ("Child's Dora
  Costume" is for any child, though the store files it under Girls); where it names no one, the
  deepest level of the category path that names anyone. The bench reads those words itself
  (`_NAMES_GROUP`), not through the recommender's own reading of listings;
- `kind`: optionally, what kind of thing was asked for; items off it are counted, never a break.

A list with no item is counted as broken too: every probe's limits are met by at least three
products of the catalog, so an empty list is a refusal the shopper did not ask for.

Per probe the bench reports what was broken and by which item; overall, probes broken, per
limit how many probes state it and how many broke it, empty lists and items off kind.
"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from bench import labelled_set, scratch_config
from recommender.config import ROOT, Config
from recommender.engine import Recommender, RecommendRequest

PROBES_DIR = ROOT / "data" / "limits"
LIMITS = ("budget", "exclusion", "recipient")
GROUPS = ("boys", "girls", "baby", "men", "women")

# The words by which a listing names whom it is for ("unisex" names no one; a child or kid may
# be a baby: "Kids 18 Months and Up").
_CHILD = r"child(?:ren)?s?|kids?|youth|teens?|teenagers?"
_NAMES_GROUP = {
    "boys": re.compile(rf"\b(?:boys?|{_CHILD})\b", re.IGNORECASE),
    "girls": re.compile(rf"\b(?:girls?|{_CHILD})\b", re.IGNORECASE),
    "baby": re.compile(r"\b(?:bab(?:y|ies)|infants?|newborns?|toddlers?|child(?:ren)?s?|kids?)\b", re.IGNORECASE),
    "men": re.compile(r"\b(?:men|mens|man|adults?|males?|gents|dads?|fathers?|grandpas?)\b", re.IGNORECASE),
    "women": re.compile(r"\b(?:women|womens|woman|ladies|lady|adults?|females?|moms?|mums?|mothers?|grandmas?)\b",
                        re.IGNORECASE),
}


def load_probes(path: Path) -> list[dict[str, Any]]:
    probes = []
    for n, line in enumerate(Path(path).read_text().splitlines(), start=1):
        if not line.strip():
            continue
        probe = json.loads(line)
        turns = probe.get("turns")
        if not (isinstance(turns, list) and turns and all(isinstance(t, str) and t.strip() for t in turns)):
            raise ValueError(f"{path}:{n}: 'turns' must be a list of one or more messages")
        if unknown := set(probe.get("groups") or ()) - set(GROUPS):
            raise ValueError(f"{path}:{n}: unknown groups {sorted(unknown)}; use {', '.join(GROUPS)}")
        for key in ("forbid", "kind"):
            if probe.get(key):
                re.compile(probe[key])
        probes.append(probe)
    return probes


# Names that hold a group's word but name no one a product is for: characters ("Wonder Woman",
# "Spider-Man", "X-Men"), lines ("Baby Alive", "Powerpuff Girls", "Glitter Girls"), a baby doll.
_CHARACTERS = re.compile(r"\b(?:spider|iron|ant|bat|super|aqua|he|she|pac|snow|gingerbread|sand|green|hawk|plastic|"
                         r"wonder|cat|invisible|tin|lego|mega|x)[- ]?(?:wo)?m[ae]n\b|"
                         r"\bbaby\s+(?:alive|shark|yoda|dolls?|born)\b|\b(?:powerpuff|glitter|lol|l\.o\.l\.)\s+girls?\b",
                         re.IGNORECASE)


def named_groups(title: str, category_path: str = "") -> set[str]:
    """Whom a listing names: its title's words, or where the title names no one, the deepest
    level of its category that names someone ("Kids & Baby > Girls": girls). A character's or a
    line's name ("Wonder Woman", "Spider-Man", "Baby Alive") names no one."""
    for text in (_CHARACTERS.sub(" ", title), *reversed(category_path.split(" > "))):
        if found := {group for group, pattern in _NAMES_GROUP.items() if pattern.search(text.replace("'", ""))}:
            return found
    return set()


def breaks(probe: dict[str, Any], item: dict[str, Any]) -> list[str]:
    """The limits of `probe` that a listed item (title, brand, category, price) breaks."""
    text = f"{item['title']} | {item.get('brand') or ''} | {item.get('category') or ''}"
    broken = []
    if probe.get("cap") is not None and (item.get("price") is None or item["price"] > probe["cap"]):
        broken.append("budget")
    if probe.get("forbid") and re.search(probe["forbid"], text, re.IGNORECASE):
        broken.append("exclusion")
    if probe.get("groups"):
        named = named_groups(item["title"], item.get("category") or "")
        if named and not named & set(probe["groups"]):
            broken.append("recipient")
    return broken


def check(probe: dict[str, Any], items: list[dict[str, Any]]) -> dict[str, Any]:
    """One probe's verdict on the list it got."""
    found = [{"title": it["title"], "price": it.get("price"), "breaks": b} for it in items if (b := breaks(probe, it))]
    off_kind = 0
    if probe.get("kind"):
        off_kind = sum(not re.search(probe["kind"], f"{it['title']} | {it.get('category') or ''}", re.IGNORECASE)
                       for it in items)
    return {"turns": probe["turns"], "items": len(items), "broken": found, "empty": not items, "off_kind": off_kind}


def stated(probe: dict[str, Any]) -> set[str]:
    return {limit for limit, key in zip(LIMITS, ("cap", "forbid", "groups")) if probe.get(key) not in (None, "", [])}


def run(catalog_path: Path, config: Config, probes_path: Path | None = None, k: int = 5) -> dict[str, Any]:
    started = time.perf_counter()
    path = probes_path or labelled_set(PROBES_DIR, catalog_path)
    probes = load_probes(path)
    with scratch_config(config, catalog_path) as cfg:
        engine = Recommender.load(cfg)
        verdicts = []
        for i, probe in enumerate(probes):
            result = engine.recommend(RecommendRequest(sender_id=f"limits-{i}", messages=tuple(probe["turns"]), k=k))
            items: list[dict[str, Any]] = []
            for it in result["recommendation"]["items"]:  # with the brand, which the list's items do not carry
                product = engine.catalog.get(it["product_id"])
                items.append({**it, "brand": product.brand if product else ""})
            verdicts.append(check(probe, items))
    by_limit = {}
    for limit in LIMITS:
        with_it = [v for p, v in zip(probes, verdicts) if limit in stated(p)]
        by_limit[limit] = {"stated": len(with_it),
                           "broken": sum(any(limit in b["breaks"] for b in v["broken"]) for v in with_it)}
    failed = [v for v in verdicts if v["broken"] or v["empty"]]
    return {"catalog": str(catalog_path), "probes_file": str(path), "probes": len(probes), "k": k,
            "broken": len(failed), "broken_share": round(len(failed) / max(len(probes), 1), 3),
            "by_limit": by_limit, "empty_lists": sum(v["empty"] for v in verdicts),
            "off_kind_items": sum(v["off_kind"] for v in verdicts),
            "items": sum(v["items"] for v in verdicts),
            "broken_probes": failed, "seconds": round(time.perf_counter() - started, 1)}
