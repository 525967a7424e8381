"""Claims that the listing holds what the shopper asked for (quoted from the field it is in), or
plainly that it does not."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from recommender.catalog import Product
from recommender.claims.base import Claim, ClaimKind, Context, and_list, money, register
from recommender.clauses import without_chat
from recommender.matching import (
    FIELDS,
    LETTERS,
    asked_phrase,
    find_word,
    head_noun,
    is_related,
    listing_fields,
    quote_window,
    request_words,
    same_word,
    without_absent,
    word_stem,
)
from recommender.refusing import without_free
from recommender.words import STOPWORDS, stem

_WORD = re.compile(r"[a-z][a-z0-9'&-]*")
_PLAIN_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*(?:[ &,]+[^\W\d_]+(?:['’-][^\W\d_]+)*)*")


def _asked_words(ctx: Context) -> tuple[tuple[str, str, int], ...]:
    """The request's words a reason may say matched: no chat (`without_chat`), nothing refused,
    no "free" of what it is free of (`without_free`)."""
    return _words_asked(ctx.request_text, tuple(ctx.facts.exclusions))


@lru_cache(maxsize=256)  # read for every listed item, by its claims and again by their check
def _words_asked(request_text: str, exclusions: tuple[str, ...]) -> tuple[tuple[str, str, int], ...]:
    return tuple(request_words(without_free(without_chat(request_text, same_length=True)), exclusions))


def match_claims(p: Product, ctx: Context, name: str) -> list[Claim]:
    """`matches_request` claims: request words found in the listing, then related words.

    Request words that hit the same listing span, and sit next to each other in the request,
    share one claim ("stuffed animals" -> "Stuffed Animals & Teddy Bears").
    """
    fields = listing_fields(p)
    hits: dict[tuple[str, str], list[tuple[tuple[str, str, int], re.Match[str]]]] = {}
    unmatched: list[tuple[str, str, int]] = []
    for s, word, at in _asked_words(ctx):
        found = find_word(fields, lambda w, s=s: same_word(w, s))  # type: ignore[misc]
        if found is None:
            unmatched.append((s, word, at))
        else:
            hits.setdefault(found[:2], []).append(((s, word, at), found[2]))
    claims = []
    for (where, text), found_words in hits.items():
        while found_words:
            asked, n = asked_phrase(ctx.request_text, [w for w, _ in found_words])
            spans = [m for _, m in found_words[:n]]
            quote = text if where in ("category", "brand") else quote_window(
                text, min(m.start() for m in spans), max(m.end() for m in spans))
            if n > 1 and len(quote.split()) > 10:  # far apart in the listing: one word per claim
                asked, n = found_words[0][0][1], 1
                quote = quote_window(text, found_words[0][1].start(), found_words[0][1].end())
            found_words = found_words[n:]
            claims.append(Claim(MatchesRequest.kind, {"asked": asked, "quote": quote, "field": where, "name": name}))
    claims.sort(key=lambda c: -len(str(c.values["asked"]).split()))
    for s, word, _ in unmatched:
        # A related word counts only where it says what the product is: the store's category,
        # or the noun that ends the title's head ("... Chief Hat"); other title words may be a brand.
        found = find_word([f for f in fields if f[0] == "category"], lambda w, s=s: is_related(w, s))  # type: ignore[misc]
        if found is not None:
            near = Claim(MatchesRequest.kind, {"asked": word, "quote": found[1], "field": "category",
                                               "via": found[2].group(), "name": name})
        elif (head := head_noun(p.title)) is not None and is_related(word_stem(head.group()), s):
            near = Claim(MatchesRequest.kind, {"asked": word, "quote": quote_window(p.title, head.start(), head.end()),
                                               "field": "title", "via": head.group(), "name": name})
        else:
            continue
        if not any(c.values["quote"] == near.values["quote"] for c in claims):  # "clothes" after "clothing"
            claims.append(near)
    return claims


@register
class MatchesRequest(ClaimKind):
    """The shopper's words (or, with `via`, a related word) quoted from a named listing field."""

    kind = "matches_request"

    def wordings(self, v: dict[str, Any], currency: str) -> tuple[str, ...]:
        """By the field it quotes, and whether the match is the shopper's own word or a related
        one (said as "close to", never as the same)."""
        if "term" in v:  # lists stored before matches carried the shopper's own words
            return (f"Matches your mention of {v['term']}: “{v['quote']}”.",)
        a, q, name, Name = v["asked"], v["quote"], v["name"], v["Name"]
        if "via" in v:
            if v["field"] == "title":
                return (f"Close to your “{a}”: the title reads “{q}”.",
                        f"Near what you asked (“{a}”): “{q}”.",
                        f"Not the word “{a}”, but close: “{q}”.")
            return (f"Close to your “{a}”: {name} is listed under “{q}”.",
                    f"{Name} is in “{q}”, a near fit for “{a}”.",
                    f"For “{a}”, a related category: {name} is under “{q}”.")
        if v["field"] == "title":
            return (f"You asked for “{a}”, and this is “{q}”.",
                    f"Matches your “{a}”: “{q}”.",
                    f"For “{a}”, the title reads “{q}”.",
                    f"“{q}” answers your “{a}”.",
                    f"Right on “{a}”: “{q}”.")
        if v["field"] == "category":
            return (f"You asked for “{a}”; {name} is listed under “{q}”.",
                    f"{Name} is in “{q}”, which matches your “{a}”.",
                    f"Listed under “{q}”, {name} fits your “{a}”.",
                    f"For “{a}”: {name} sits in the “{q}” category.",
                    f"{Name} comes from “{q}”, in line with your “{a}”.")
        if v["field"] == "brand":
            return (f"You named “{a}”, and {name} is by “{q}”.",
                    f"{Name} is a “{q}” product, the brand you named.")
        return (f"On “{a}”, the listing for {name} says “{q}”.",
                f"You mentioned “{a}”; {name}'s description says “{q}”.",
                f"For “{a}”: {name} is described with “{q}”.",
                f"{Name} matches your “{a}”: its listing says “{q}”.")

    def check(self, v: dict[str, Any], p: Product, ctx: Context) -> bool:
        if "term" in v:  # lists stored before matches carried the shopper's own words
            term, quote = str(v["term"]), str(v["quote"])
            request_stems = {stem(w) for w in _WORD.findall(ctx.request_text.lower())}
            quote_stems = {stem(w) for w in _WORD.findall(quote.lower())}
            return (quote.lower() in p.searchable and stem(term) in request_stems
                    and any(same_word(q, stem(term)) for q in quote_stems))
        return _verify_match(v, p, ctx)

    def clauses(self, claims: list[dict[str, Any]], currency: str) -> list[str]:
        direct = [c for c in claims if "via" not in c]
        said = []
        if direct:
            asked = [c.get("asked") or c["term"] for c in direct]
            said.append(f"it matches {and_list([f'“{a}”' for a in asked])} from your request (“{direct[0]['quote']}”)")
        said += [f"its listing says “{c['via']}”, close to the “{c['asked']}” you asked for" for c in claims if "via" in c]
        return said


def _verify_match(v: dict[str, Any], p: Product, ctx: Context) -> bool:
    """The quote is verbatim in the named field; the asked words are the shopper's, not
    excluded, and each is in the quote (or, with `via`, related to a word of it)."""
    asked, quote, where = str(v["asked"]), str(v["quote"]), v.get("field")
    if where not in FIELDS or not _PLAIN_WORDS.fullmatch(asked) or asked not in ctx.request_text:
        return False
    if not any(quote in text for f, text in listing_fields(p) if f == where):
        return False
    allowed = {s for s, _, _ in _asked_words(ctx)}
    content = [word_stem(w) for w in LETTERS.findall(asked) if word_stem(w) not in STOPWORDS and w.lower() not in STOPWORDS]
    if not content or any(s not in allowed for s in content):
        return False
    quote_stems = [word_stem(w) for w in LETTERS.findall(without_absent(quote))]  # never "Crayons Not Included"
    if "via" in v:
        via = str(v["via"])
        head = head_noun(p.title)
        where_ok = where == "category" or (head is not None and head.group() == via)
        return (len(content) == 1 and via in LETTERS.findall(quote) and where_ok
                and is_related(word_stem(via), content[0]))
    return all(any(same_word(q, s) for q in quote_stems) for s in content)


def loose_claim(p: Product, ctx: Context, name: str) -> Claim:
    loose = {"rank": ctx.rank, "name": name, "category": p.category}
    return Claim(LooseMatch.kind, loose if p.price is None else {**loose, "price": p.price, "currency": p.currency})


@register
class LooseMatch(ClaimKind):
    """Nothing in the listing meets the request, said plainly instead of implying a match."""

    kind = "loose_match"

    def wordings(self, v: dict[str, Any], currency: str) -> tuple[str, ...]:
        what = " ".join(x for x in (money(v["price"], currency) if "price" in v else "",
                                    f"“{v['category']}”" if v["category"] else "", "item") if x)
        where = f"{'an' if what.lstrip('“$')[:1].lower() in 'aeiou' else 'a'} {what}"
        return (f"Not a word-for-word match: {v['name']} is {where} ranked #{v['rank']} on overall fit.",
                f"A looser pick: none of your key words is in the listing for {v['name']}, {where} ranked #{v['rank']}.",
                f"{v['Name']} is {where} with none of your key words in its listing; it ranked #{v['rank']} on overall fit.")

    def check(self, v: dict[str, Any], p: Product, ctx: Context) -> bool:
        # "Not a word-for-word match" must be true: no request word, nor a related one, is in the listing.
        return (ctx.rank == v["rank"] and v["category"] == p.category and v.get("price") == p.price
                and not match_claims(p, ctx, str(v["name"])))


@register
class CloseMatch(ClaimKind):
    """Lists stored before matches quoted the listing: "one of the closest matches"."""

    kind = "close_match"

    def wordings(self, v: dict[str, Any], currency: str) -> tuple[str, ...]:
        return (f"{v['Name']} is one of the closest matches in the catalog to “{v['request']}”.",
                f"{v['Name']} is among the nearest fits in the catalog to “{v['request']}”.")

    def check(self, v: dict[str, Any], p: Product, ctx: Context) -> bool:
        return ctx.rank == v["rank"] and str(v["request"]) in ctx.request_text
