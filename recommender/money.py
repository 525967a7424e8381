"""Money in the store's currency: reading amounts as shoppers write them, formatting with Babel.

Reading (`normalize_amounts`): every way of writing an amount with its currency ("$20",
"20$", "25 USD", "USD 25", "₹1500", "Rs. 1500", "1500 rs", "INR 2500", "€30", "30 euros",
"£15", "fifty quid", "¥2000", "twenty bucks", "2k") is rewritten as "¤<number>" and its
currency recorded, so the budget grammar in `budgets` reads one form. A bare number stays
bare and is read in the store's currency. "$" and "dollars" are the store's currency when
the store prices in some dollar (CAD, AUD...), else US dollars; "¥" is the store's when it
prices in yen or yuan, else yen.

Writing (`format_money`): Babel's `format_currency` for the store's currency and locale, with
the cents left off a whole amount ("$40", "$24.99", "₹1,299", "¥2,000").
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from babel.core import UnknownLocaleError
from babel.numbers import UnknownCurrencyError, format_currency, get_currency_name, get_currency_symbol, is_currency

DOLLARS = frozenset({"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"})
YEN = frozenset({"JPY", "CNY"})
# Each way of naming a currency, to an ISO code ("$" and "¥" are resolved against the store's).
_NAMES: dict[str, str] = {
    "$": "$", "us$": "USD", "usd": "USD", "dollar": "$", "dollars": "$", "buck": "$", "bucks": "$",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "quid": "GBP",
    "₹": "INR", "inr": "INR", "rs": "INR", "rs.": "INR", "rupee": "INR", "rupees": "INR",
    "¥": "¥", "jpy": "JPY", "yen": "JPY", "cny": "CNY", "rmb": "CNY", "yuan": "CNY",
    "cad": "CAD", "aud": "AUD", "chf": "CHF", "francs": "CHF",
    "btc": "BTC", "bitcoin": "BTC", "bitcoins": "BTC",  # not ISO: never a store's, so always said back
}
_SYMBOLS = r"us\$|\$|€|£|₹|¥"
_CODES = r"usd|eur|gbp|inr|jpy|cny|rmb|cad|aud|chf|btc|rs\.?"
# "15 US dollars", "30 Canadian dollars": a dollar named by its country, before the bare words
_COUNTRY_DOLLARS = {"us": "USD", "u.s.": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD", "aussie": "AUD",
                    "nz": "NZD", "singapore": "SGD", "hong kong": "HKD"}
_NAMES.update({f"{country} {dollar}": code for country, code in _COUNTRY_DOLLARS.items() for dollar in ("dollar", "dollars")})
_WORDS_AFTER = (r"(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in _COUNTRY_DOLLARS) + r")\s+dollars?|"
                r"dollars?|bucks?|euros?|pounds?|quid|rupees?|yen|yuan|francs|bitcoins?")
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_K = r"(?:\s?(?P<k{}>k|thousand|grand)\b)?"
_MONEY = re.compile(
    rf"(?P<pre>{_SYMBOLS}|\b(?:{_CODES})(?=\s?\d))\s?(?P<n1>{_NUM}){_K.format(1)}(?:\s?(?P<post1>{_CODES}|{_WORDS_AFTER})\b)?"
    rf"|(?<![\w.,])(?P<n2>{_NUM}){_K.format(2)}\s?(?P<post2>{_SYMBOLS}|(?:{_CODES}|{_WORDS_AFTER})\b)"
    rf"|(?<![\w.,])(?P<n3>\d+(?:\.\d+)?)(?P<k3>k)\b",
    re.IGNORECASE)
# An ISO 4217 code in capitals beside a number ("30 SEK", "PLN 120"), checked against Babel's list.
_ISO = re.compile(r"\b(?P<code1>[A-Z]{3})\s?(?P<v1>\d+(?:\.\d+)?)\b|(?<![\w.,])(?P<v2>\d+(?:\.\d+)?)\s?(?P<code2>[A-Z]{3})\b")
# ISO codes that are also English words or common abbreviations: never read as a currency.
_WORD_CODES = frozenset({"ALL", "TOP", "CUP", "PEN", "TRY", "GEL", "MOP", "BOB", "MAD", "SOS", "LAK", "BAM", "AMD"})
_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
NUMBER_WORDS = (*_UNITS, *_TENS, "hundred", "thousand")  # "twenty", "eight-ish": numbers in words
_NUMBER_WORD = "|".join([*NUMBER_WORDS, "a"])
# One number in words: "and" joins only after a hundred or a thousand ("a hundred and twenty");
# "ten and twenty dollars" is two amounts, never thirty.
_NUMBER_RUN = rf"(?:{_NUMBER_WORD})(?:(?:(?:(?<=hundred)|(?<=thousand))[\s-]+and)?[\s-]+(?:{_NUMBER_WORD}))*"
_SPELLED = re.compile(rf"\b{_NUMBER_RUN}\b(?=\s+(?:{_WORDS_AFTER})\b)", re.IGNORECASE)
# A number word after a limit, with no currency ("under thirty", "less than twenty five"): read
# as the digits would be, so the same rules decide whether it is money ("kids under five" is not).
_SPELLED_LIMIT = re.compile(
    rf"\b(?P<lead>under|below|less th[ae]n|no more th[ae]n|not more th[ae]n|up to|max(?:imum)?|at most|budget(?: is| of)?:?|"
    rf"between|above|over|more th[ae]n|cheaper th[ae]n|tops|limit(?:['’]s| is)?:?|ceiling(?: is| of)?|cap(?: of| is|:)|"
    rf"spend(?:ing)?|stretch\s+to)\s+(?P<n>{_NUMBER_RUN})\b", re.IGNORECASE)
# ... or before one: "twenty five max", "fifty or less".
_SPELLED_BEFORE_LIMIT = re.compile(
    rf"\b(?P<n>{_NUMBER_RUN})(?=\s+(?:max(?:imum)?|tops|or\s+(?:less|under|below)|at\s+(?:the\s+)?(?:very\s+)?most|to\s+spend|"
    r"(?:is|'s)\s+(?:literally\s+|really\s+|just\s+)?all\s+(?:i|we)\b|(?:is|'s)\s+(?:my|our|the)\s+(?:limit|max))\b)",
    re.IGNORECASE)
# ... and the end of a range whose start was ("between 10 and twenty").
_SPELLED_RANGE_END = re.compile(rf"\b(?P<lead>between\s+\d+\s+and\s+)(?P<n>{_NUMBER_RUN})\b", re.IGNORECASE)


# A note by its nickname: "a fiver", "a tenner" (said of pounds and of dollars alike).
_NOTES = {"fiver": "5", "tenner": "10", "twenty": "20", "fifty": "50"}
# "a twenty", "a fifty" are notes only where one is had ("I've got a twenty", "only have a fifty on me").
_NOTE = re.compile(r"\b(?:a\s+)?(fiver|tenner)\b|(?:(?<=\bgot\s)|(?<=\bhave\s)|(?<=\bhas\s))(?:(?:just|only)\s+)?a\s+(twenty|fifty)\b"
                   r"(?=\s*(?:[,.;:!?]|$|on\s+(?:me|hand)|to\s+spend|notes?|bills?|dollars?|bucks?|quid|pounds?|left|max|tops))",
                   re.IGNORECASE)
# "half a hundred": fifty.
_HALF = re.compile(r"\bhalf\s+a\s+(hundred|thousand|grand)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    """One amount the shopper wrote, with the currency it was written in (None: bare)."""

    value: float
    currency: str | None


def spelled_number(words: str) -> float | None:
    """ "twenty five" -> 25, "a hundred" -> 100, "two thousand" -> 2000; None when not a number.
    A price said as in speech is dollars and cents: "fifteen fifty" -> 15.5, "nineteen ninety
    nine" -> 19.99 (never 65 or 118); "five fifty" may be 5.50 or 550, so it is no number."""
    total = current = 0
    seen = False
    parts = [w for w in re.split(r"[\s-]+", words.lower().strip()) if w]
    for i, w in enumerate(parts):
        if w in ("a", "and"):
            continue
        if (w in _TENS or _UNITS.get(w, 0) >= 10) and total == 0 and 0 < current < 100:
            if current < 10:
                return None  # "five fifty"
            cents = spelled_number(" ".join(parts[i:]))
            return current + cents / 100 if cents is not None and cents < 100 else None
        if w in _UNITS:
            if current % 100 and (current % 10 or current % 100 < 20):
                return None  # "five two", "twenty one five": no one number
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def resolve(name: str, store_currency: str) -> str:
    """The ISO code a currency name means in this store ("$" is a Canadian store's dollar)."""
    code = _NAMES.get(" ".join(name.lower().split()), name.upper())  # "US  dollars" as "us dollars"
    if code == "$":
        return store_currency if store_currency in DOLLARS else "USD"
    if code == "¥":
        return store_currency if store_currency in YEN else "JPY"
    return code


def normalize_amounts(text: str, store_currency: str) -> tuple[str, list[Amount]]:
    """`text` with each written amount as "¤<number>" (or a bare number for "2k"), and the amounts.

    >>> normalize_amounts("under 20$ or 25 usd", "USD")[0]
    'under ¤20 or ¤25'
    >>> [a.currency for a in normalize_amounts("max ₹1500, not 30 euros", "INR")[1]]
    ['INR', 'EUR']
    """
    amounts: list[Amount] = []

    def note(m: re.Match[str]) -> str:  # "I've got a tenner": 10, in the store's money
        value = _NOTES[(m.group(1) or m.group(2)).lower()]
        amounts.append(Amount(float(value), store_currency))
        return f"¤{value}"

    text = _HALF.sub(lambda m: "50" if m.group(1).lower() == "hundred" else "500", text)
    text = _NOTE.sub(note, text)
    text = _SPELLED.sub(lambda m: str(n) if (n := spelled_number(m.group())) is not None else m.group(), text)
    text = _SPELLED_LIMIT.sub(lambda m: f"{m.group('lead')} {n}" if (n := spelled_number(m.group("n"))) is not None
                              else m.group(), text)
    text = _SPELLED_RANGE_END.sub(lambda m: f"{m.group('lead')}{n}" if (n := spelled_number(m.group("n"))) is not None
                                  else m.group(), text)  # "between 10 and twenty"
    text = _SPELLED_BEFORE_LIMIT.sub(lambda m: str(n) if (n := spelled_number(m.group("n"))) is not None
                                     else m.group(), text)  # "twenty five max"

    def replace(m: re.Match[str]) -> str:
        raw = m.group("n1") or m.group("n2") or m.group("n3")
        value = float(raw.replace(",", ""))
        if m.group("k1") or m.group("k2") or m.group("k3"):
            value *= 1000
        post = m.group("post1") or ""
        name = post if " " in post.strip() else m.group("pre") or post or m.group("post2")  # "$30 canadian dollars": CAD
        if name is None:  # "2k": a bare amount in thousands
            amounts.append(Amount(value, None))
            return f"{value:g}"
        amounts.append(Amount(value, resolve(name, store_currency)))
        return f"¤{value:g}"

    def replace_iso(m: re.Match[str]) -> str:
        code = m.group("code1") or m.group("code2")
        if code in _WORD_CODES or not valid_currency(code):
            return m.group(0)  # "4 AAA batteries", "30 PCS", "TOP 10": capitals that are no currency
        amounts.append(Amount(float(m.group("v1") or m.group("v2")), code))
        return f"¤{float(m.group('v1') or m.group('v2')):g}"

    if re.search(r"[a-z]", text):  # in a message written in capitals, capitals say nothing
        text = _ISO.sub(replace_iso, text)  # any other ISO code in capitals: "30 SEK", "PLN 120"
    return _MONEY.sub(replace, text), amounts


@lru_cache(maxsize=64)
def _whole_pattern(locale: str) -> str:
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    return re.sub(r"\.0+", "", pattern.split(";")[0])


@lru_cache(maxsize=4096)  # Babel takes ~0.1 ms an amount; a list says its prices and limits again
def format_money(value: float, currency: str = "USD", locale: str = "en_US", cents: bool = False) -> str:
    """The amount as the store writes it: "$40", "$24.99", "₹1,299", "€30", "¥2,000"; with
    `cents`, always the currency's minor digits ("$40.00"), as a limit is said back.

    >>> format_money(40), format_money(24.99), format_money(1299, "INR"), format_money(2000.5, "JPY")
    ('$40', '$24.99', '₹1,299', '¥2,000')
    """
    whole = not cents and float(value) % 1 == 0
    if not is_currency(currency):  # Babel would glue the code on ("XYZ30"): the code after the number
        return f"{value:,.0f} {currency}" if whole else f"{value:,.2f} {currency}"
    try:
        if whole and abs(value) < 1e15:
            return format_currency(int(value), currency, format=_whole_pattern(locale), locale=locale,
                                   currency_digits=False)
        return format_currency(value, currency, locale=locale)
    except (UnknownCurrencyError, UnknownLocaleError, ValueError):
        return f"{value:,.2f} {currency}"


def currency_symbol(currency: str, locale: str = "en_US") -> str:
    """ "$", "₹", "€"; the code itself for a currency without a symbol."""
    try:
        return str(get_currency_symbol(currency, locale=locale))
    except (UnknownLocaleError, ValueError):
        return currency


def currency_name(currency: str, locale: str = "en_US") -> str:
    """The currency in words, plural ("US dollars", "Indian rupees"); the code when unknown."""
    try:
        return str(get_currency_name(currency, count=2, locale=locale))
    except (UnknownCurrencyError, UnknownLocaleError, ValueError):
        return currency


# Roughly what one unit of each currency was worth in US dollars (mid-market rates of mid-2025,
# rounded), for a budget written in another currency than the store's where the store set no rate
# of its own (CATALOG_EXCHANGE_RATES). Rates move, so a tenth is taken off what these give: the
# budget read stays within what the amount is worth through a usual year's swing.
REFERENCE_RATES_USD: dict[str, float] = {
    "USD": 1.0, "EUR": 1.16, "GBP": 1.35, "CHF": 1.24, "CAD": 0.73, "AUD": 0.65, "NZD": 0.60, "SGD": 0.78,
    "HKD": 0.127, "MXN": 0.053, "JPY": 0.0068, "CNY": 0.139, "INR": 0.0116,
}
REFERENCE_MARGIN = 0.1


def parse_rates(text: str) -> dict[str, float]:
    """A store's own exchange rates, "GBP=1.27, EUR=1.08": the store's money one unit of each is worth.

    >>> parse_rates("GBP=1.27, eur = 1.08")
    {'GBP': 1.27, 'EUR': 1.08}
    """
    rates: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        code, sep, value = (x.strip() for x in part.partition("="))
        try:
            rate = float(value)
        except ValueError:
            rate = math.nan
        if not (sep and valid_currency(code.upper()) and math.isfinite(rate) and rate > 0):
            raise ValueError(f"exchange rate {part!r}: expected CODE=the store's money for one unit, like GBP=1.27")
        rates[code.upper()] = rate
    return rates


def budget_rates(written: str, store: str, rates: Mapping[str, float] | None = None) -> tuple[float, float] | None:
    """The store's money one unit of `written` counts as in a budget, (for a ceiling, for a floor), so
    a limit read either way holds; None where no rate is known (bitcoin).

    A ceiling: the amount converted at the store's own rate (`rates`), else at a reference rate
    less a tenth; where that comes to between one and two of the store's units (pounds or euros in
    a dollar store) the shopper's number may also be meant as the store's money, and it is the
    stricter reading: "under 20 quid" holds at $20. A floor: converted at the store's rate, else a
    reference rate and a tenth more, so nothing cheaper than the amount's worth is listed.

    >>> budget_rates("GBP", "USD")[0], round(budget_rates("JPY", "USD")[0], 4), round(budget_rates("USD", "INR")[0], 1)
    (1.0, 0.0061, 77.6)
    >>> round(budget_rates("GBP", "USD")[1], 3)
    1.485
    """
    if rates and written in rates:
        worth, margin = rates[written], 0.0
    elif written in REFERENCE_RATES_USD and store in REFERENCE_RATES_USD:
        worth, margin = REFERENCE_RATES_USD[written] / REFERENCE_RATES_USD[store], REFERENCE_MARGIN
    else:
        return None
    ceiling = worth * (1 - margin)
    return 1.0 if 1.0 < ceiling < 2.0 else ceiling, worth * (1 + margin)


def valid_currency(code: str) -> bool:
    """True for an ISO 4217 code Babel knows ("INR"), written in capitals."""
    return len(code) == 3 and code.isupper() and is_currency(code)


def round_up(value: float) -> float:
    """Up to one significant digit: 24.99 -> 30, 1299 -> 2000, 0.4 -> 0.4."""
    if value <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(value))
    return float(math.ceil(value / step) * step)
