"""What a shopper said about money: a ceiling, a floor, a range, "about $30", and what only looks like money."""
from __future__ import annotations

import math
import re
from collections.abc import Mapping

from recommender.money import budget_rates, normalize_amounts
from recommender.words import ENDS_CLAUSE

MAX_BUDGET = 1_000_000.0  # anything above is treated as "no budget" (e.g. "under $1e99")
_NUM = r"(\d+(?:\.\d+)?e\d+|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d{1,7}(?:\.\d{1,2})?)"
_CUR_BEFORE = r"(?:¤|\$|usd\s*|us\$|€|£)"
_CUR_AFTER = r"(?:\s*(?:dollars?|bucks?|usd|\$|euros?|pounds?|quid))"
_AMOUNT = rf"(?:{_CUR_BEFORE}\s*{_NUM}|{_NUM}{_CUR_AFTER}?)"
_NOT_MONEY_AFTER = re.compile(r"^\s*(?:-|\s)?(?:years?|yrs?|yo|y/o|months?|mos?|old|pieces?|pcs|kids?|players?|"
                              r"inch(?:es)?|cm|mm|%|percent|ft|feet|lbs?|kg|am|pm|days?|nights?|weeks?|hours?|hrs?|minutes?|mins?)\b",
                              re.IGNORECASE)
# "my son Max is 4": Max the son, no $4 ceiling ("Max is 40", "budget: max is 25" are ceilings).
_NAMED_MAX = "".join(rf"(?<!\b{w}\s)" for w in ("son", "nephew", "grandson", "godson", "stepson", "boy", "brother", "cousin",
                                                 "friend", "kid", "dog", "puppy", "called", "named", "lad", "baby",
                                                 "little", "toddler"))
_MAX_WORDS = r"(?:under|below|less th[ae]n|no more th[ae]n|not more th[ae]n|max(?:imum)?\.?|" \
             r"(?:(?-i:max|MAX|maximum|Maximum|MAXIMUM)|" + _NAMED_MAX + r"(?-i:Max))(?:\s+(?:is|would\s+be)|['’]s)|" \
             r"up to|upto|at most|within|" \
             r"cheaper th[ae]n|budget(?: is| of|['’]s)?:?|<=?|" \
             r"budget(?:['’]s|\s+is)\s+(?:(?:pretty|really|very|quite|a\s+bit|kinda|super)\s+)?(?:tight|limited|small|low|modest)" \
             r"\s*(?:[,:;—–-]|\.{2,3})\s*(?:(?:like|maybe|about|around|roughly)\s+)?|lower th[ae]n|tops|no higher th[ae]n|for less th[ae]n|" \
             r"(?:spending )?cap(?: of| is|:)|ceiling(?: of| is)?:?|(?:do not|don['’]?t|not|never) exceed(?:ing)?|" \
             r"nothing (?:over|above|more th[ae]n|pricier th[ae]n|more expensive th[ae]n|north of|beyond|past)|south\s+of|max(?:imum)?\s+spend(?:\s+on\s+(?:this|it|these|them|each))?\s+(?:is|of|:)|" \
             r"(?:price|spending|budget)\s+cap|(?:gone|come|went)\s+down\s+to|down\s+to(?=\s*¤)|" \
             r"all\s+(?:i|we)\s*(?:['’]ve\s+got|\s+have|\s+got|\s+can\s+(?:spend|afford|do))\s+is|" \
             r"not (?:over|above|past|beyond)|(?:budget|limit|max) was|now says|" \
             r"no (?:over|above)|spend(?:ing)?(?: up to| is| limit is)?|only have|only got|have only|" \
             r"(?:price|spending|budget) limit(?: is| of)?:?|(?:can\s+)?stretch(?:ing)?\s+to|go\s+as\s+high\s+as|" \
             r"can\s+(?:(?:we|i|you)\s+)?do(?=\s*¤|\s+\S+\s+instead\b|\s+(?:like|maybe|about|around)\s+(?:¤\d|\d+(?:\.\d+)?\s*(?:[.,;!?]|$|max|tops|each)))|(?:lower|drop|bring|raise|up)\s+it\s+(?:down\s+)?to|" \
             r"spend\s+limit(?: is)?:?|(?:my|our|the|upper|hard|top)\s+limit(?:['’]s|\s+is|\s+of)?:?|" \
             r"(?:can(?:no|['’])?t|won['’]?t|not|never)\s+(?:go(?:ing)?|stretch(?:ing)?)\s+(?:past|over|above|beyond)|sub-|" \
             r"(?:let['’]?s|lets)\s+(?:say|make\s+it|do)(?=\s*¤|\s+\d+(?:\.\d+)?\s*(?:[.,;!?]|$|max|tops|each|bucks|dollars))|" \
             r"cap(?:ped)?\s+(?:it\s+)?at|(?:the\s+)?most\s+(?:i|we)(?:\s+(?:can|could|would|will|want\s+to|wanna)|['’](?:d|ll))\s+" \
             r"(?:spend|pay|do|go)\s+is|make\s+(?:that|it)|keep\s+it\s+(?:to|at)|" \
             r"(?:remove|drop|exclude|skip|lose|ditch|hide)\s+(?:anything|everything|all|the\s+ones|those|ones)\s+" \
             r"(?:over|above|more\s+th[ae]n|pricier\s+th[ae]n))"
_MIN_WORDS = r"(?:(?<!nothing )(?<!not )(?<!no )(?:over|above)|(?<!no )(?<!not )(?<!nothing )more th[ae]n|at least|" \
             r"minimum|min|starting at|from|>=?|(?<!no )(?<!not )higher th[ae]n)"
_RANGE = re.compile(rf"(?:between|from)?\s*{_AMOUNT}\s*(?:-|–|to|and)\s*{_AMOUNT}", re.IGNORECASE)
# "budget's like 30", "under maybe 25": a filler between the limit and the amount
_MAX = re.compile(rf"{_MAX_WORDS}\s*(?:of\s*|about\s*|around\s*|roughly\s*|approx(?:imately|\.)?\s*|~\s*|(?:like|maybe|probably|prob|kinda|just)\s+"
                  r"(?=¤|\d+(?:\.\d+)?\s*(?:[.,;!?]|$|max|tops|each|bucks|dollars)))?" + _AMOUNT, re.IGNORECASE)
# "¤1500 max", "20 dollars tops", "¤30 or less", "around ¤1000 max": the limit said after the amount.
_MAX_AFTER = re.compile(rf"{_AMOUNT}(?:\s+(?:each|apiece|per\s+(?:kid|child|person|gift|item)))?[\s,]*"
                        r"(?:max(?:imum)?|tops|at most|at the (?:very )?most|or less|or under|or below|and under|and below|"
                        r"and less|limit|"
                        r"(?:is|'s|would\s+be|will\s+be)\s+(?:the|my|our)\s+(?:(?:absolute|hard|upper|total|very)\s+)?"
                        r"(?:max(?:imum)?|limit|top|ceiling)|"
                        r"(?:is|'s)\s+(?:literally\s+|really\s+|just\s+)?all\s+(?:i|we)\s+(?:have|'ve\s+got|got|can\s+spend)|"
                        r"to\s+spend|is\s+pushing\s+it)\b",
                        re.IGNORECASE)
# "around 30 but not more", "about $25, not a cent more": the amount is a ceiling, not a guess.
_AROUND_NO_MORE = re.compile(rf"(?:around|about|roughly|approx(?:imately|\.)?|~|budget\w*|spend\w*)\s*{_AMOUNT}\s*"
                             r"(?:,\s*|\s+but\s+|\s+and\s+|\s*-\s*)?(?:not|no|nothing)\s+"
                             r"(?:a\s+(?:cent|penny|dollar|pound|buck)\s+)?(?:more|over|higher|above)\b"
                             rf"(?={ENDS_CLAUSE})", re.IGNORECASE)
# "in the 15-25 range", "a 10 to 20 price range": an amount's range said as one.
_A_RANGE = re.compile(r"\s*(?:price\s+|dollar\s+|\$\s+)?(?:range|bracket)\b", re.IGNORECASE)
# "can't spend more than $30", "won't pay over 30", "shouldn't cost more than $30": a ceiling,
# never the floor that "more than $30" alone would be.
_NEGATED_MIN = re.compile(
    rf"(?:\b(?:can(?:no|['’])?t|won['’]?t|don['’]?t|doesn['’]?t|didn['’]?t|shouldn['’]?t|mustn['’]?t|wouldn['’]?t|"
    rf"not|never|no(?=\s+(?:(?:single|one|individual)\s+)?(?:gifts?|presents?|toys?|items?|things?|products?)\b)|nothing(?=\s+(?:priced|costing|that\s+costs?)\b))\b(?:\s+[a-z'’]+){{0,4}}?\s+)(?P<than>over|above|more th[ae]n|higher th[ae]n|pricier th[ae]n|more expensive th[ae]n)\s*{_AMOUNT}",
    re.IGNORECASE)
_MIN = re.compile(rf"{_MIN_WORDS}\s*{_AMOUNT}", re.IGNORECASE)
# "¤600 at least", "30 euros or more", "¤50 and up": the floor said after the amount.
_MIN_AFTER = re.compile(rf"{_AMOUNT}\s*(?:at least|at the least|or more|or above|or higher|and up|and above|minimum|min)\b",
                        re.IGNORECASE)
# "about $30": never over the amount said (a $31.47 gift breaks it for the shopper who reads "$30", as
# "$30-ish" and "$30 or so" do); under is any cheaper.
_AROUND = re.compile(rf"(?:around|about|roughly|approx(?:imately|\.)?|~)\s*{_AMOUNT}", re.IGNORECASE)
# "25ish each", "$20-ish a head": about an amount, which "each" says is money (a bare "7ish" may be
# an age, "5ish per kid" a count); read only where no other amount is a budget.
_ISH_EACH = re.compile(rf"{_AMOUNT}\s*-?ish\s+(?:each|apiece|a\s+(?:head|gift)|per\s+(?:item|gift|person|head))\b",
                       re.IGNORECASE)
# "I'd like to stay around 25", "spend about 40": a bare amount said of spending is money.
# ... where the amount ends its clause ("stay around 25 and nothing Disney", "thinking around 30 for a gift"; never
# "thinking around 7 or 8", "looking at about 20 guests").
_SPEND_BEFORE = re.compile(r"\b(?:stay(?:ing)?|keep(?:ing)?\s+(?:it|things)|spend(?:ing)?|aim(?:ing)?(?:\s+for)?|"
                           r"budget(?:ing)?|thinking|looking\s+at|anything|something)\s*$", re.IGNORECASE)
_SPENT_ENDS = re.compile(r"(?:\s*-?\s*ish)?(?:\s+or\s+so)?(?:" + ENDS_CLAUSE + r"|\s+(?:and|but|for|per|each|on|with|if|"
                         r"total|tops|max|a\s+piece|apiece)\b)", re.IGNORECASE)
_BARE = re.compile(rf"{_CUR_BEFORE}\s*{_NUM}|{_NUM}\s*(?:dollars?|bucks?|usd)\b", re.IGNORECASE)
_THE_MARK = re.compile(r"\bthe\s+(¤?\s*\d+(?:\.\d+)?)\s*(?:dollars?|bucks?|pounds?|quid|euros?)?\s*mark\b",
                       re.IGNORECASE)
_OLDEST_CHILD = 18  # "a boy under 40" is no age: the 40 is a price ("girls under 18" is one)
_KID_WORDS = re.compile(r"(?:kids?|children|child|ages?|boys?|girls?|toddlers?|babies|teens?)\s*$", re.IGNORECASE)
_NEGATIVE = re.compile(rf"(?:{_MAX_WORDS}|{_MIN_WORDS}|between|around|about)\s*-\s*{_CUR_BEFORE}?\s*\d", re.IGNORECASE)


def parse_budget(text: str, currency: str = "USD", rates: Mapping[str, float] | None = None,
                 ) -> tuple[float | None, float | None, list[tuple[str, float | None]]]:
    """Return (min, max, ignored) for the budget stated in `text`, if any, in the store's `currency`.

    Amounts are read in every way `money.normalize_amounts` knows ("20$", "INR 2500", "fifty
    quid", "2k"); a bare number is in the store's currency. A budget written only in another
    currency is read in the store's money at `money.budget_rates` (`rates`: the store's own) and
    said in `ignored` as ("converted:GBP", 20.0), the amount as written; where no rate is known
    it is not applied and comes back as ("currency:BTC", 0.5).

    >>> parse_budget("under 40 bucks")[:2]
    (None, 40.0)
    >>> parse_budget("between $20 and $50")[:2]
    (20.0, 50.0)
    >>> parse_budget("for my 8 year old, under $40")[:2]
    (None, 40.0)
    """
    ignored: list[tuple[str, float | None]] = []
    low: float | None = None
    high: float | None = None
    text, amounts = normalize_amounts(text, currency)
    text = _THE_MARK.sub(r"\1", text)  # "around the 20 mark", "nothing over the $30 mark"
    said_range: tuple[float, float] | None = None  # "in the 15-25 range": read when nothing else is
    for m in _RANGE.finditer(text):
        a, b = _amount(m, 0), _amount(m, 2)
        if a is not None and b is not None and _is_money_context(text, m):
            low, high = min(a, b), max(a, b)
        elif a is not None and b is not None and _A_RANGE.match(text, m.end()) and _a_range_of_prices(text, m):
            said_range = min(a, b), max(a, b)
    ceilings = [m for m in _NEGATED_MIN.finditer(text)  # "not for kids over 5" is an age
                if not _followed_by_unit(text, m.end())
                and (_has_currency(m.group(0)) or not _KID_WORDS.search(text[:m.start("than")]))]
    if high is None:
        ceiling_at: set[int] = set()  # where a ceiling's words end: "remove anything over $40" is no floor
        for m in _MAX.finditer(text):
            if _followed_by_unit(text, m.end()) or _counts_things(text, m) or (
                    not _has_currency(m.group(0)) and _KID_WORDS.search(text[:m.start()])
                    and (_amount(m, 0) or 0) <= _OLDEST_CHILD):
                continue  # "toys for kids under 10" is an age; "lego for a boy under 40" a price
            high = _amount(m, 0)
            ceiling_at.update(range(m.start(), m.end()))
        if high is None:
            for m in _MAX_AFTER.finditer(text):
                if m.group(0).lower().endswith("to spend") and not (_has_currency(m.group(0)) or _GOT_BEFORE.search(
                        text[:m.start()])):
                    continue  # "a game for 4 to spend time together"; "i've got 15 to spend" is money
                if not _has_currency(m.group(0)) and (_amount(m, 0) or 0) <= _OLDEST_CHILD and (
                        _KID_WORDS.search(text[:m.start()]) or re.search(r"\band\s+(?:under|below|less)\b", m.group(0), re.IGNORECASE)):
                    continue  # "toys for kids 5 and under", "for my grandkids, 8 and under": ages; "25 and under" a price
                high = _amount(m, 0)
        if high is None and (hard := _AROUND_NO_MORE.search(text)):
            high = _amount(hard, 0)
        for m in _MIN.finditer(text):
            if (_followed_by_unit(text, m.end()) or not _has_currency(m.group(0)) or m.start() in ceiling_at
                    or any(c.start() <= m.start() < c.end() for c in ceilings)):
                continue
            low = _amount(m, 0)
        if low is None:
            for m in _MIN_AFTER.finditer(text):
                if _has_currency(m.group(0)) and (value := _amount(m, 0)) is not None and value != high:
                    low = value
        if high is None and ceilings:
            high = _amount(ceilings[0], 1)  # group 1 is "than"
        if high is None and low is None:
            if around := _AROUND.search(text):
                if ((_has_currency(around.group(0)) or (lead := _SPEND_BEFORE.search(text[:around.start()]))
                     and _SPENT_ENDS.match(text, around.end())
                     and (lead.group(0).strip().lower() not in ("anything", "something")  # "anything around 30?"
                          or re.match(r"\s*(?:[.,;!?]|$)", text[around.end():])))
                        and not _followed_by_unit(text, around.end()) and (v := _amount(around, 0)) is not None):
                    low, high = _around_ends(v)
            elif bare := _BARE.search(text):
                high = _amount(bare, 0)
        if high is None and low is None and (ish := _ISH_EACH.search(text)) and (v := _amount(ish, 0)) is not None:
            low, high = _around_ends(v)
    if low is None and high is None and said_range is not None:
        low, high = said_range
    said = high if high is not None else low
    written = next((a for a in amounts if a.currency is not None and a.value == said), None)
    if written is not None and written.currency is not None and written.currency != currency:
        # the amount the budget was read from was written in another currency ("under 20 quid"); a
        # bare number beside it stays the store's ("under 2000, it's $10 over there")
        foreign = {a.currency for a in amounts if a.currency is not None} - {currency}
        per_unit = budget_rates(written.currency, currency, rates) if len(foreign) == 1 else None
        if per_unit is None:
            return None, None, [(f"currency:{written.currency}", written.value)]
        if said_around(text, low, high) is not None:
            low = None  # "about £30": the floor was guessed around the amount; read in dollars, no floor
        ignored.append((f"converted:{written.currency}", said))  # as written
        to_ceiling, to_floor = per_unit
        high = None if high is None else math.floor(high * to_ceiling * 100 + 1e-6) / 100
        low = None if low is None else math.ceil(low * to_floor * 100 - 1e-6) / 100
    if _NEGATIVE.search(text):  # "under -5 euros": no part of it is a usable limit
        return None, None, [("negative", None)]
    for name, value in (("budget_min", low), ("budget_max", high)):
        if value is not None and (value <= 0 or value >= MAX_BUDGET):
            ignored.append((name, value))
    if low is not None and not 0 < low < MAX_BUDGET:
        low = None
    if high is not None and not 0 < high < MAX_BUDGET:
        high = None
    if low is not None and high is not None and low > high:
        low, high = high, low
    return low, high, ignored


def said_around(text: str, low: float | None, high: float | None) -> float | None:
    """The amount of "about $30" where `low` and `high` are the ends `parse_budget` guessed from it
    (never a floor said beside it: "at least $30, around $40 would be ideal")."""
    if low is None or high is None:
        return None
    said = [v for m in (_AROUND.search(text), _ISH_EACH.search(text)) if m and (v := _amount(m, 0)) is not None]
    return next((v for v in said if (low, high) == _around_ends(v)), None)


def _around_ends(amount: float) -> tuple[float, float]:
    """The budget guessed from "about $30": three quarters of it to the amount itself."""
    return round(amount * 0.75, 2), amount


def _amount(m: re.Match[str], start_group: int) -> float | None:
    groups = m.groups()
    for value in groups[start_group:start_group + 2]:
        if value:
            try:
                return float(value.replace(",", ""))
            except ValueError:
                return None
    return None


def _has_currency(fragment: str) -> bool:
    """True when `fragment` writes a currency (amounts were normalised to "¤<n>" first)."""
    return bool(re.search(rf"{_CUR_BEFORE}|{_CUR_AFTER}\b", fragment, re.IGNORECASE))


def _followed_by_unit(text: str, end: int) -> bool:
    return bool(_NOT_MONEY_AFTER.match(text[end:end + 14]))


# A bare number counted in these is no price: "my limit is 2 gifts per kid", "cap it at 3 items",
# "can't go past 3 hours of screen time" ("under $20 gifts" has its currency, and stays a price).
_COUNTED_AFTER = re.compile(r"^\s*(?:gifts?|presents?|items?|things?|toys?|hours?|hrs?|minutes?|mins?|times?|days?|"
                            r"weeks?|per\s+(?:day|week))\b", re.IGNORECASE)


_GOT_BEFORE = re.compile(r"\b(?:got|have|has|'ve)\s+(?:about\s+|around\s+|only\s+|just\s+)?$", re.IGNORECASE)


def _counts_things(text: str, m: re.Match[str]) -> bool:
    return not _has_currency(m.group(0)) and bool(_COUNTED_AFTER.match(text[m.end():m.end() + 16]))


# A range "in the 6-8 range" of what is not a price: an age, a size, pieces, players.
_NOT_A_PRICE_RANGE = re.compile(r"\b(?:ages?|aged|sizes?|wears?|pieces?|pcs|puzzles?|jigsaws?|players?|kids?|boys?|"
                                r"girls?|(?:she|he|they)(?:'s|’s|\s+is|\s+are|'re))\b", re.IGNORECASE)


def _a_range_of_prices(text: str, m: re.Match[str]) -> bool:
    """Whether "the 15-25 range" is of prices: nothing before it in its clause says an age, a
    size or a count ("she's in the 6-8 range", "a jigsaw in the 500-1000 range")."""
    clause = re.split(r"[,.;!?]", text[:m.start()])[-1]
    return not _NOT_A_PRICE_RANGE.search(clause) and not _KID_WORDS.search(text[:m.start()])


# "budget is like 15-20", "my budget's maybe 20 to 30": the budget named in the words just before
_BUDGET_SAID = re.compile(r"\bbudget(?:\s+is|['’]s)?(?:\s+(?:like|maybe|probably|roughly|about|around|somewhere|"
                          r"anywhere|between|in\s+the|kinda|sort\s+of))*\s*$", re.IGNORECASE)


def _is_money_context(text: str, m: re.Match[str]) -> bool:
    if _followed_by_unit(text, m.end()):
        return False
    before = text[max(0, m.start() - 12):m.start()].lower()
    if _has_currency(m.group(0)) or "budget" in before or "price" in before or _BUDGET_SAID.search(text[:m.start()]):
        return True
    # A bare "between 10 and 20" is a price range, unless it is about the kids ("kids between 6 and 8").
    lead = m.group(0).lower().lstrip()
    return (lead.startswith(("between", "from")) or "between" in before) and not _KID_WORDS.search(text[:m.start()])
