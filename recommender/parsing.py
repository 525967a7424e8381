"""Pure parsing of what a shopper wrote: budget, ages, exclusions, content words."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any

from recommender.facets import (
    ADULTHOOD,
    CHILD_WORDS,
    CHILDREN,
    NOT_FOR,
    Recipient,
    recipient,
    requested_colours,
    sex_by_pronouns,
)
from recommender.money import NUMBER_WORDS, normalize_amounts, spelled_number

MAX_BUDGET = 1_000_000.0  # anything above is treated as "no budget" (e.g. "under $1e99")
_NUM = r"(\d+(?:\.\d+)?e\d+|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d{1,7}(?:\.\d{1,2})?)"
_CUR_BEFORE = r"(?:¤|\$|usd\s*|us\$|€|£)"
_CUR_AFTER = r"(?:\s*(?:dollars?|bucks?|usd|\$|euros?|pounds?|quid))"
_AMOUNT = rf"(?:{_CUR_BEFORE}\s*{_NUM}|{_NUM}{_CUR_AFTER}?)"
_NOT_MONEY_AFTER = re.compile(r"^\s*(?:-|\s)?(?:years?|yrs?|yo|y/o|months?|mos?|old|pieces?|pcs|kids?|players?|"
                              r"inch(?:es)?|cm|mm|%|percent|ft|feet|lbs?|kg|am|pm)\b", re.IGNORECASE)
# "my son Max is 4": Max the son, no $4 ceiling ("Max is 40", "budget: max is 25" are ceilings).
_NAMED_MAX = "".join(rf"(?<!\b{w}\s)" for w in ("son", "nephew", "grandson", "godson", "stepson", "boy", "brother", "cousin",
                                                 "friend", "kid", "dog", "puppy", "called", "named", "lad", "baby",
                                                 "little", "toddler"))
_MAX_WORDS = r"(?:under|below|less th[ae]n|no more th[ae]n|not more th[ae]n|max(?:imum)?\.?|" \
             r"(?:(?-i:max|MAX|maximum|Maximum|MAXIMUM)|" + _NAMED_MAX + r"(?-i:Max))(?:\s+(?:is|would\s+be)|['’]s)|" \
             r"up to|upto|at most|within|" \
             r"cheaper th[ae]n|budget(?: is| of|['’]s)?:?|<=?|lower th[ae]n|tops|no higher th[ae]n|for less th[ae]n|" \
             r"(?:spending )?cap(?: of| is|:)|ceiling(?: of| is)?:?|(?:do not|don['’]?t|not|never) exceed(?:ing)?|" \
             r"nothing (?:over|above|more th[ae]n|pricier th[ae]n|more expensive th[ae]n|north of|beyond|past)|south\s+of|max(?:imum)?\s+spend(?:\s+on\s+(?:this|it|these|them|each))?\s+(?:is|of|:)|" \
             r"(?:price|spending|budget)\s+cap|(?:gone|come|went)\s+down\s+to|down\s+to(?=\s*¤)|" \
             r"all\s+(?:i|we)\s*(?:['’]ve\s+got|\s+have|\s+got|\s+can\s+(?:spend|afford|do))\s+is|" \
             r"not (?:over|above|past|beyond)|(?:budget|limit|max) was|now says|" \
             r"no (?:over|above)|spend(?:ing)?(?: up to| is| limit is)?|only have|only got|have only|" \
             r"(?:price|spending|budget) limit(?: is| of)?:?|(?:can\s+)?stretch(?:ing)?\s+to|go\s+as\s+high\s+as|" \
             r"can\s+(?:(?:we|i|you)\s+)?do(?=\s*¤|\s+\S+\s+instead\b)|(?:lower|drop|bring|raise|up)\s+it\s+(?:down\s+)?to|" \
             r"spend\s+limit(?: is)?:?|(?:my|our|the|upper|hard|top)\s+limit(?:['’]s|\s+is|\s+of)?:?|" \
             r"(?:can(?:no|['’])?t|won['’]?t|not|never)\s+(?:go(?:ing)?|stretch(?:ing)?)\s+(?:past|over|above|beyond)|sub-|" \
             r"cap(?:ped)?\s+(?:it\s+)?at|(?:the\s+)?most\s+(?:i|we)(?:\s+(?:can|could|would|will|want\s+to|wanna)|['’](?:d|ll))\s+" \
             r"(?:spend|pay|do|go)\s+is|make\s+(?:that|it)|keep\s+it\s+(?:to|at)|" \
             r"(?:remove|drop|exclude|skip|lose|ditch|hide)\s+(?:anything|everything|all|the\s+ones|those|ones)\s+" \
             r"(?:over|above|more\s+th[ae]n|pricier\s+th[ae]n))"
_MIN_WORDS = r"(?:(?<!nothing )(?<!not )(?<!no )(?:over|above)|(?<!no )(?<!not )(?<!nothing )more th[ae]n|at least|" \
             r"minimum|min|starting at|from|>=?|(?<!no )(?<!not )higher th[ae]n)"
_RANGE = re.compile(rf"(?:between|from)?\s*{_AMOUNT}\s*(?:-|–|to|and)\s*{_AMOUNT}", re.IGNORECASE)
_MAX = re.compile(rf"{_MAX_WORDS}\s*(?:of\s*|about\s*|around\s*|~\s*)?{_AMOUNT}", re.IGNORECASE)
# "¤1500 max", "20 dollars tops", "¤30 or less", "around ¤1000 max": the limit said after the amount.
_MAX_AFTER = re.compile(rf"{_AMOUNT}(?:\s+(?:each|apiece|per\s+(?:kid|child|person|gift|item)))?[\s,]*"
                        r"(?:max(?:imum)?|tops|at most|at the (?:very )?most|or less|or under|or below|and under|and below|"
                        r"and less|limit|"
                        r"(?:is|'s|would\s+be|will\s+be)\s+(?:the|my|our)\s+(?:(?:absolute|hard|upper|total|very)\s+)?"
                        r"(?:max(?:imum)?|limit|top|ceiling)|"
                        r"(?:is|'s)\s+(?:literally\s+|really\s+|just\s+)?all\s+(?:i|we)\s+(?:have|'ve\s+got|got|can\s+spend)|"
                        r"to\s+spend|is\s+pushing\s+it)\b",
                        re.IGNORECASE)
# Where a clause ends: punctuation, the end, or a word of chat ("no lego either", "not more please").
_ENDS_CLAUSE = (r"\s*(?:[,.;:!?)]|$|(?:please|pls|thanks|tho|though|either|too|fyi|btw|so)\b|"
                r"in\s+(?:this|our|my|the)\s+(?:house|home|household|family)\b)")
# "around 30 but not more", "about $25, not a cent more": the amount is a ceiling, not a guess.
_AROUND_NO_MORE = re.compile(rf"(?:around|about|roughly|approximately|~|budget\w*|spend\w*)\s*{_AMOUNT}\s*"
                             r"(?:,\s*|\s+but\s+|\s+and\s+|\s*-\s*)?(?:not|no|nothing)\s+"
                             r"(?:a\s+(?:cent|penny|dollar|pound|buck)\s+)?(?:more|over|higher|above)\b"
                             rf"(?={_ENDS_CLAUSE})", re.IGNORECASE)
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
# "about $30": a little over, never a fifth more (a $36 gift is not "about $30"); under is any cheaper.
AROUND_OVER = 1.1
_AROUND = re.compile(rf"(?:around|about|roughly|approximately|~)\s*{_AMOUNT}", re.IGNORECASE)
_BARE = re.compile(rf"{_CUR_BEFORE}\s*{_NUM}|{_NUM}\s*(?:dollars?|bucks?|usd)\b", re.IGNORECASE)
_THE_MARK = re.compile(r"\bthe\s+(¤?\s*\d+(?:\.\d+)?)\s*(?:dollars?|bucks?|pounds?|quid|euros?)?\s*mark\b",
                       re.IGNORECASE)
_CHEAP = re.compile(r"\b(cheap|cheaper|inexpensive|affordable|budget[- ]friendly|low[- ]cost|bargain)\b", re.IGNORECASE)
_AGE_SPAN = re.compile(r"\bages?\s*(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\b|"
                       # "my 2 nephews (6 and 9)", "the twins, 4 and 7": the ages of the children named
                       r"\b(?:nephews|nieces|grandsons|granddaughters|grandkids|grandchildren|kids|children|boys|girls|"
                       r"sons|daughters|twins)\s*(?:\(|,)\s*(\d{1,2})\s*(?:and|&|,)\s*(\d{1,2})\b(?!\s*(?:\$|dollars?|bucks?))",
                       re.IGNORECASE)
_OLDEST_CHILD = 18  # "a boy under 40" is no age: the 40 is a price ("girls under 18" is one)
_KID_WORDS = re.compile(r"(?:kids?|children|child|ages?|boys?|girls?|toddlers?|babies|teens?)\s*$", re.IGNORECASE)
_NEGATIVE = re.compile(rf"(?:{_MAX_WORDS}|{_MIN_WORDS}|between|around|about)\s*-\s*{_CUR_BEFORE}?\s*\d", re.IGNORECASE)
_AGE = re.compile(
    r"\b(\d{1,2})\s*(?:-|\s)?(?:years?|yrs?)(?:\s*|-)?olds?\b|\b(\d{1,2})\s*-?\s*(?:yo|y/o|y\.o\.?)(?![\w/])|"
    r"\b(?:aged?|ages)\s*(\d{1,2})\b(?!\s*(?:months?|mos?|mths?)\b)|\bturn(?:s|ing|ed)?\s*(\d{1,2})\b(?!\s*(?:months?|mos?|mths?)\b)|"
    r"\b(\d{1,2})(?:st|nd|rd|th)\s+(?:birthday|bday|b-day)\b|"  # "my son's 16th birthday"
    # "she have 10 years", "he has 7 years old": an age as other languages say it
    r"\b(?:she|he|they|who)\s+(?:has|have|having)\s+(\d{1,2})\s+(?:years?|yrs?)\b(?!\s+(?:of|left|ago|to|in|at|with|on|since|now|together)\b)",
    re.IGNORECASE)
# Who an age said beside them belongs to: "my stepson, 11", "my eldest (12)".
_AGED_PERSON = (r"nephew|niece|son|daughter|grandson|granddaughter|grandkid|grandchild|kid|kiddo|child|boy|girl|godson|"
                r"goddaughter|stepson|stepdaughter|lad|lass|eldest|youngest|oldest|teen|teenager|tween|toddler")
_NOT_AN_AGE = r"(?![.,]\d|\s*(?:\$|dollars?|bucks?|usd|%|pounds?|kg|lbs?|inch|cm|feet|ft|months?|mos?\b|weeks?|days?))"
# "my niece is 4", "he's turning 7": a person word, then "is", then a bare number (not money).
_AGE_IS = re.compile(
    rf"\b(?:hes|shes|(?:he|she|they|{_AGED_PERSON}|brother|sister|cousin|little\s+one|friend)(?:'s|\s+(?:who\s+)?is|\s+(?:who\s+)?are|"
    r"\s+will\s+be))\s+(?:turning\s+|almost\s+|nearly\s+)?"
    rf"(\d{{1,2}})\b{_NOT_AN_AGE}|"
    # "my grandson Oliver, who is five", "my nephew Sam's 7": the person's name between
    rf"\b(?:{_AGED_PERSON}|brother|sister|cousin|friend)(?:\s+(?-i:[A-Z][a-z]+)(?:['’]s|\s+is)|(?:\s+[a-z]+)?\s*,?\s+who(?:['’]s|\s+is))"
    rf"\s+(?:turning\s+|almost\s+|nearly\s+)?(\d{{1,2}})\b{_NOT_AN_AGE}|"
    # "for our girl, 5", "grandkid, 8, a boy": a person, a comma, a bare number that ends the clause
    rf"\b(?:{_AGED_PERSON})s?\s*,\s*"
    r"(\d{1,2})(?=\s*(?:[,.;:!?)]|$|and\b|(?:a\s+)?(?:boy|girl)\b))|"
    # "a lad of 9", "a girl of 6"
    r"\b(?:boy|girl|lad|lass|child|kid)\s+of\s+(\d{1,2})\b(?!\s*(?:\$|dollars?|bucks?|%|pieces?))", re.IGNORECASE)
# "'the kid' lol. around 7 I think": an age guessed, said with the guess (a bare "around 7" may be a price).
_AGE_GUESSED = re.compile(r"(?:^|[.!?]\s+|\b(?:she|he|they)(?:['’]s|\s+is|\s+are)\s+)(?:around|about|maybe|probably|roughly)\s+"
                          r"(1[0-7]|[1-9])\s*,?\s*(?:i\s+think|i\s+guess|i\s+reckon|i\s+believe|or\s+so|ish)?"
                          r"\s*(?=[.!?,]|$)(?![^.!?|]*(?:\$|dollars?|bucks?|budget|spend|price|max|cap))", re.IGNORECASE)
# "my little one (girl, 4)", "for my kid (7, boy)", "my son (4)": a bracketed age beside the person.
_AGE_BRACKET = re.compile(
    r"\(\s*(?:girls?|boys?|she|he)\s*,\s*(\d{1,2})\s*\)|\(\s*(\d{1,2})\s*,\s*(?:girls?|boys?)\s*\)|"
    rf"\b(?:one|{_AGED_PERSON})\s*\(\s*(\d{{1,2}})\s*\)",
    re.IGNORECASE)
# "a 6 month old", "my son is 18 months", "baby girl, 9 months": an age in months (a year is 12).
_MONTHS = r"(?:months?|mos?|mths?)\b"
_AGE_IN_MONTHS = re.compile(
    rf"\b(\d{{1,2}})\s*-?\s*{_MONTHS}\s*-?\s*olds?\b|"
    rf"\b(?:(?:{_AGED_PERSON}|baby|infant|bub|he|she)(?:\s*[,(]|\s+(?:is|will\s+be)|['’]s)?|turns|turning|turned|aged?)"
    rf"\s*(\d{{1,2}})\s*{_MONTHS}(?!\s+(?:away|ago|from\s+now|left|later|warranty|guarantee))",
    re.IGNORECASE)
_CHRISTENING = re.compile(r"\b(?:christening|baptism|naming\s+ceremony)\b", re.IGNORECASE)
_AGE_WORDS = {"toddler": (1, 3), "baby": (0, 2), "infant": (0, 1), "preschooler": (3, 5),
              "teen": (13, 17), "teenager": (13, 17), "tween": (9, 12), "little one": (0, 5)}
# The words whose ages the age filter holds a list to where no age is said (`said_ages`): "baby"
# is as often a thing ("a baby doll for my daughter", "Baby Yoda") as a person.
_PERSON_AGE_WORDS = {word: span for word, span in _AGE_WORDS.items() if word != "baby"}
# Said as a verb: "I don't want a jigsaw", "he doesn't like barbie", "not interested in lego",
# "something that doesn't need assembly", "avoid lego", "skip the barbies" ("Skip Hop" is a brand), "ditch the nerf", "bar the wrestling ones",
# "barring lego", "minus the lego", "sans crayola",
# "steer clear of star wars", "I'd rather not get pokemon", "she has too many barbies".
# Refusing in other words: "he's too old for dinosaurs", "she's so over unicorns", "bored of
# lego", "grew out of paw patrol", "can't stand board games", "please drop the lego ones", "a
# building set rather than lego", "pass on the marvel stuff", "no to barbie".
_NUMBER_AHEAD = r"(?!\s*(?:\d|¤|\$|£|€|a\s+(?:hundred|tenner|fiver)\b|(?:" + "|".join(NUMBER_WORDS) + r")\b))"
_DONE_WITH = (r"(?:so\s+|totally\s+|completely\s+|kinda\s+|really\s+|well\s+|just\s+)?(?:done\s+with|"
              r"over(?!\s+(?:the|a|an|my|his|her|their|our|your|it|there|here|\w+ly)\b)" + _NUMBER_AHEAD + r")")
# "she's not keen on", "isn't really into", "not sold on": not liking, said of the thing after.
NOT_LIKING = (r"(?:not|isn['’]?t|aren['’]?t|wasn['’]?t|never\s+been)\s+(?:really\s+|actually\s+|even\s+|exactly\s+|that\s+|"
              r"very\s+|too\s+|so\s+|much\s+of\s+)?(?:interested\s+in|into|fond\s+of|a\s+(?:big\s+|huge\s+|massive\s+|great\s+)?"
              r"fan\s+of|(?:keen|big|mad|crazy|wild|huge|fussed|sold)\s+on)")
REFUSING_MORE = (
    r"too\s+old\s+for|(?:bored|tired)\s+(?:of|with)(?!\s+\w+ing\b)|(?:gone|went)\s+(?:right\s+|completely\s+|totally\s+|a\s+bit\s+|kinda\s+)?off(?!\s+to\b)|"
    r"gr[eo]wn?\s+out\s+of(?!\s+(?:in|it|them|that|this)\b)|moved\s+on\s+from|had\s+it\s+(?:up\s+to\s+here\s+)?with|"
    r"(?:(?<=^)|(?<=[,;:.!?]\s)|(?<=\bactually\s)|(?<=\bjust\s)|(?<=\band\s))forget(?:\s+about)?(?=\s+(?!it\b|that\b|what\b|i\b))|sick\s+to\s+death\s+of|dislikes?|"
    # "she's so over unicorns", "we are SO over dolls": a person is over it ("it's over the top" is no one)
    r"(?:(?<=\bhe['’]s\s)|(?<=\bshe['’]s\s)|(?<=\bwe['’]re\s)|(?<=\bthey['’]re\s)|(?<=\bi['’]m\s)|(?<=\bhe\sis\s)|(?<=\bshe\sis\s)|"
    r"(?<=\bhes\s)|(?<=\bshes\s)|(?<=\btheyre\s)|(?<=\bim\s)|(?<=\bherself\s)|(?<=\bhimself\s)|(?<=\bthemselves\s)|"
    r"(?<=\bwe\sare\s)|(?<=\bthey\sare\s))" + _DONE_WITH + r"|"
    r"can(?:no|['’])?t\s+stand|(?:won['’]?t|wouldn['’]?t|would\s+never|['’]d\s+never|will\s+never)\s+(?:play\s+with|touch)|"
    r"never\s+plays?\s+with|nothing\s+to\s+do\s+with|refuse\s+to\s+(?:get|buy|give)(?:\s+(?:him|her|them))?|"
    # "a toy that doesn't make any noise", "nothing that makes a mess"
    r"(?:don['’]?t|doesn['’]?t|does\s+not|do\s+not|won['’]?t)\s+make(?=\s+(?:any|a)\s+(?:noise|sound|sounds|mess)\b)|"
    # "he has every nerf gun ever made", "owns all the hot wheels tracks"
    r"(?:has|have|owns?|got)\s+(?:already\s+)?every(?:\s+single)?|owns?\s+(?:already\s+)?all\s+the|(?<!not\s)(?<!n['’]t\s)enough\s+(?:with|of)(?=\s+(?:the|those|these|all|any)\b)|"
    # "don't show me lego", "stop showing me barbies", "quit suggesting nerf"
    r"(?:don['’]?t|do\s+not|stop|quit|no\s+more)\s+(?:show(?:ing)?|send(?:ing)?|giv(?:e|ing)|offer(?:ing)?|push(?:ing)?|"
    r"suggesting|recommending)(?:\s+(?:me|us|him|her|them))?(?=\s)|"
    r"(?:drop|lose|nix|bin|scrap|ditch|swap(?:\s+out)?|take\s+out)(?=\s+(?:the|any|all|those|these|anything|everything)\b)|"
    r"remove(?!\s+(?:my|me|your|our|it|that|this)\b)|exclude|get\s+rid\s+of|rule\s+out|cross\s+off|instead\s+of|rather\s+than|"
    r"(?<=anything\s)besides|keep\s+(?:away|clear)\s+from|keep\s+clear\s+of|(?:steer|stay)\s+(?:well\s+|far\s+)?(?:clear|away)\s+(?:of|from)|"
    r"pass\s+on(?!\s+(?:to|it|that|this|your|my|the\s+message)\b)(?!\s+(?:the\s+)?\w+\s+ones?\b)|"
    r"(?:no|nope|nah)\s+(?:thx\s+|thanks\s+|thank\s+you\s+)?to(?=\s+(?!be\b|me\b|you\b|go\b|worry\b|the\s+(?:budget|price)\b))|"
    r"(?:nope|nah)\s+on(?=\s)|"
    r"not\s+doing|(?:(?<=['’]ve\s)|(?<=\bhave\s)|(?<=\bhas\s)|(?<=\bwe\s)|(?<=\bshe\s)|(?<=\bhe\s)|(?<=\bthey\s)|(?<=\bi\s)|"
    r"(?<=\bmom\s)|(?<=\bmum\s)|(?<=\bdad\s)|(?<=\bparents\s)|(?<=\bschool\s)|(?<=\bteacher\s))banned|"
    # "her mother has put a ban on slime", "there's a strict ban on guns", "mum bans slime"
    r"\ban?\s+(?:total\s+|strict\s+|complete\s+|blanket\s+|firm\s+)?ban\s+on|(?<=\s)bans(?=\s+(?!on\b)[a-z])")
# A refusing verb said of what is not refused: "he's never too old for lego", "don't rule out
# lego", "she'll never get bored of dolls", "he still hasn't grown out of dinosaurs".
_NEGATED_BEFORE = re.compile(r"\b(?:not|never|no|n['’]t|hasn['’]?t|haven['’]?t|don['’]?t|doesn['’]?t|didn['’]?t|won['’]?t|"
                             r"wouldn['’]?t|isn['’]?t|aren['’]?t|can['’]?t|cannot)\b(?:\s+[\w'’]+){0,3}\s*$", re.IGNORECASE)
_REFUSING_MORE_CUE = re.compile(r"\b(?:" + REFUSING_MORE + r")", re.IGNORECASE)
# "skip the barbies", "ditch the nerf", "bar the wrestling ones": verbs of refusing that are also
# names elsewhere ("Skip Hop", a "Chin Up Bar"); "bar" only at a clause's start ("a bar the baby
# can reach"). `targeting` reads them as no name.
REFUSING_THE = (r"(?:skip|ditch|(?:(?<=^)|(?<=[,;:])|(?<=[,;:]\s)|(?<=\s-\s))(?:bar|hold))(?=\s+(?:the|any|anything|all|those|these)\b)|"
                 # "skip pokemon" said alone, never "Skip Hop", "Skip-Bo" or "skip to the end"
                 r"(?:(?<=^)|(?<=[,;:.!?]\s)|(?<=\bso\s))skip(?=\s+[a-z])(?!\s+(?:hop|bo|it|this|that|to|ahead|over|out|past|school|"
                 r"class|a|an|me|us|him|her|them|the|any|anything|all|those|these|number|no|item|option|that|one)\b)")
_NOT_WANTED = (r"(?:really\s+|actually\s+|even\s+)?(?:want(?:\s+to\s+(?:see|get|buy|be))?|wanna\s+(?:see|get|buy)|like|do|allow|permit|need|suggest|recommend|involve|include|contain|"
               r"require|use|celebrate)")
_REFUSING = (r"(?:do|does|did)\s+not\s+" + _NOT_WANTED + r"|(?:don|doesn|didn)['’]?t\s+" + _NOT_WANTED + r"|"
             r"no\s+need\s+for|"
             + NOT_LIKING + r"|"
             r"(?:no|zero|little)\s+interest\s+(?:whatsoever\s+|at\s+all\s+)?in|hates?|avoid(?:ing)?|"
             + REFUSING_MORE + r"|"
             + REFUSING_THE + r"|barring|minus|sans|leave\s+(?:out|off)|leaving\s+(?:out|off)|(?:steer|stay|keep)\s+(?:well\s+|far\s+)?clear\s+of|(?:stay|keep)\s+away\s+from|"
             r"cut(?:ting)?\s+(?:down|back)\s+on|"
             r"(?:(?:would|'d|’d)\s+)?rather\s+not(?:\s+(?:get|have|buy))?|"
             # never "you can't have too many books", "we can never have enough lego": more is wanted
             r"(?<!\bcan['’]t\s)(?<!\bcant\s)(?<!\bcannot\s)(?<!\bnever\s)(?<!\bdon['’]t\s)"
             r"(?:has|have|got|owns?)\s+(?:(?:way\s+)?too\s+(?:many|much)|enough|plenty\s+of|so\s+many|"
             # more than anyone needs: "has about a hundred funkos ... something different" (a count
             # alone may ask for more: "we have a hundred lego sets"), "a whole trunk of dress-up clothes"
             r"(?:(?:about|like|over|literally|at\s+least|well\s+over)\s+)?(?:a\s+hundred|hundreds\s+of|a\s+thousand|"
             r"thousands\s+of|a\s+million|millions\s+of|a\s+zillion|a\s+gazillion|"
             # "he already has a ton of lego. something different"
             r"a\s+ton\s+of|tons\s+of|loads\s+of|lots\s+of|heaps\s+of|a\s+bunch\s+of|a\s+lot\s+of)"
             # "something different", never "a different set" (another of the same kind)
             r"(?=(?:[^.!?]*[.!?]+\s*)?[^.!?]*\b(?:(?:something|anything|totally|completely|entirely|bit)\s+different|"
             r"different\s*(?:[.,;!?]|$|this\s+time|please|pls|for\s+a\s+change)|(?:different|other|another)\s+brands?|else|instead|other\s+than|something\s+new|"
             r"no\s+more|not\s+another|"
             r"already)\b)"  # said in its sentence or the next
             r"(?![^.!?]*\b(?:wants?\s+more|more\s+of|for\s+them|go\s+with|with\s+them|loves?)\b)|"
             r"(?:a\s+whole|an\s+entire)\s+(?:trunk|box|bin|drawer|cupboard|closet|room|shelf|basket|chest|pile|"
             r"wardrobe|tub|bag)(?:\s+full)?\s+of)|"
             # "already bought my niece a ton of harry potter things"
             r"already\s+(?:bought|got|given|gave)\s+(?:(?:him|her|them|my\s+\w+|our\s+\w+|the\s+\w+)\s+)?"
             r"(?:a\s+ton\s+of|tons\s+of|loads\s+of|lots\s+of|heaps\s+of|plenty\s+of|so\s+many|too\s+many|"
             r"a\s+bunch\s+of|a\s+lot\s+of)(?![^.!?]*\b(?:wants?\s+more|more\s+of|for\s+them|go\s+with|with\s+them|"
             r"storage|to\s+keep)\b)|outgrown|"
             # "owns about half the Melissa & Doug catalogue so let's try a different brand"
             r"(?:has|have|got|owns?)\s+(?:(?:about|like|nearly|almost)\s+)?(?:half|most)(?:\s+of)?(?=\s+the\s[^.!?]*"
             r"(?:[.!?]+\s*[^.!?]*)?\b(?:(?:something|anything)\s+(?:else|different)|(?:different|other|another)\s+brands?)\b)|"
             r"(?:terrified|scared|afraid|frightened)\s+of|phobia\s+(?:of|about)|phobic\s+(?:of|about)|(?:offended|insulted)\s+by|please\s+avoid|not\s+another|(?:sick|tired)\s+of(?!\s+\w+ing\b)|allergic\s+to|fed\s+up\s+with|"
             # "the kids can't have anything that takes batteries", "he isn't allowed slime" (never "you can't have too many books")
             r"(?:can(?:no|['’])?t|cannot)\s+have(?!\s+(?:enough|too\s+many|too\s+much|it\s+all|everything)\b)|"
             r"(?:is|are)n['’]?t\s+allowed(?:\s+to\s+have)?(?!\s+to\b)|(?:not|never)\s+allowed(?:\s+to\s+have)?(?!\s+to\b)")
# Words of whom a thing is made for: "nothing aimed at preschoolers", "kits aimed at kids like k'nex".
_AIMED = r"(?:aimed|meant|designed|intended|geared|targeted|marketed)"
# "nothing Fisher-Price", "nothing with princesses", "nothing that rattles", "not for the pool", "none of the Funko ones",
# "w/o a tail", "a full outfit, not just a mask": a preposition and an article after the negation
# are skipped to reach the thing.
_EXCLUDE = re.compile(
    r"(?:\b(?:" + _REFUSING + r"|not|no\s+more|zero(?!\s+(?:gravity|waste|sugar|calories?|percent|to|g)\b)|(?<!a )(?<!hard )(?<!big )(?<!firm )no|isn't|isnt|aren't|arent|wasn't|except|excluding|without|anything but|other than|apart from|aside from|nothing|"
    r"none of)|(?<!\w)w/o)\s+(?:(?:for|from|by|with|of|on|in)\s+|(?:made|built)\s+(?:of|from|with|out\s+of)\s+|"
    # "nothing aimed at preschoolers", "no toys meant for babies": whom it is for
    r"(?:" + _AIMED + r"|made)\s+(?:at|for|towards?)\s+|"
    # "nothing that needs an ipad": the thing it needs
    r"(?<=nothing )(?:that|which)\s+(?:(?:needs|requires|uses|involves|contains|has)\s+(?:a\s+|an\s+|any\s+)?)?|"
    # "can't have anything that takes batteries": what it takes
    r"anything\s+(?:that|which)\s+(?:takes|needs|requires|uses|runs\s+on|involves|contains)\s+(?:a\s+|an\s+|any\s+)?|"
    r"(?<=nothing )(?:that|which)(?:['’]s|\s+is)\s+(?:an?\s+)?|"  # "nothing that's an expansion"
    # "no toys that need wifi or an app": what they need; "no toys that light up": what they do
    r"(?<=no )(?:toys?|games?|gifts?|stuff|things?|gadgets?)\s+(?:that|which)\s+"
    r"(?:(?:needs?|requires?|uses?|involves?|runs?\s+on)\s+(?:a\s+|an\s+|any\s+)?)?)?"
    r"(?:(?<=not\s)(?:really|exactly|much\s+of)\s+(?=(?:a|an)\s))?"  # "he's not really a lego kid"
    # "nothing too scary" (never "nothing too hard": how hard names no thing)
    r"(?:(?<=nothing\s)(?:too|overly|remotely|particularly)\s+"  # never "super" ("nothing super hero related")
    r"(?!(?:hard|difficult|complicated|complex|advanced|challenging|easy|simple|small|young|old|long|heavy|serious|"
    r"technical|formal|stuffy)\b))?"
    r"(?:(?<=not\s)(?:getting|buying|having|receiving)\s+(?=(?:another|any|more|a|an)\s))?"  # "is NOT getting another video game"
    r"(?:just\s+(?=(?:a|an|the)\s))?(?:(?:any\s*)?more\s+(?!th[ae]n\b)|any\s+|a\s+|an\s+|another\s+|the\s+|(?<=of\s)th[oe]se\s+|all\s+(?:the\s+)?(?=[a-z])|"
    r"anything\s+(?:to\s+do\s+with\s+|(?:with|from|by)\s+|(?:made|built)\s+(?:of|from|with|out\s+of)\s+)?)?"
    r"([a-z0-9][\w'&-]*(?:\s+(?!(?:or|and|nor|no|not)\b)[a-z0-9][\w'&-]*)?)", re.IGNORECASE)
# "Funko excluded", "barbies are a no", "hot wheels are banned": the word before the cue, and the
# one before it where the two begin a clause ("my wife says guns are banned" excludes guns;
# "plush toys are not allowed" excludes plush). `_excluded_before`.
# Verdicts said after the thing that are also names elsewhere ("nerf is off the table": no
# table named); `targeting` reads them as no name.
# "superheroes aren't his thing", "barbie's a bit young for her now".
_THEIR_THING = r"(?:really\s+)?(?:his|her|their|my|our|your)\s+(?:thing|jam|cup\s+of\s+tea|scene|bag)"
_TOO_YOUNG = (r"(?:(?:a\s+(?:bit|little)|way|far|much|kinda|kind\s+of|too|now)\s+)*(?:too\s+)?(?:young|babyish|childish|"
              r"immature)\s+for\s+(?:him|her|them|my\s+\w+|our\s+\w+)(?:\s+(?:now|anymore|these\s+days))?")
VERDICTS = (r"(?:off[- ]limits|forbidden|verboten|not\s+welcome|not\s+an\s+option|off\s+the\s+(?:table|list|menu|cards)|"
            r"out\s+of\s+the\s+question|a\s+no[- ]no|a\s+non[- ]starter|a\s+deal[- ]?breaker|not\s+" + _THEIR_THING + "|"
            r"(?:so\s+|super\s+|totally\s+|way\s+too\s+|too\s+)?cringe(?:y|worthy)?(?:\s+now)?|"  # "fortnite is 'cringe' now"
            # "Losi and Redcat stuff is junk, so not those brands" (never "his old scooter is trash, he needs a new one")
            r"(?:total\s+|utter\s+|absolute\s+|cheap\s+)?(?:junk|rubbish|garbage|trash|crap)"
            r"(?=[^.!?]*\bso\s+(?:not|no|none|nothing|avoid|skip)\b)|"
            # "toys whose main thing is sounds are kind of pointless for him" (he's deaf)
            r"(?:(?:kind|sort)\s+of\s+|a\s+bit\s+|totally\s+|completely\s+|pretty\s+)?(?:pointless|useless)\s+"
            r"(?:for|to)\s+(?:him|her|them)|"
            + _TOO_YOUNG + ")")
_EXCLUDED_AFTER = re.compile(r"(?:\b([a-z0-9][\w'&-]*)\s+)?"
                             r"\b([a-z0-9][\w'&-]*)[?!.]*(?:\s+|(?=['’][sr]\s))(?:excluded|excepted|no\s+thanks?|no\s+thank\s+you|hard\s+pass|"
                             r"-\s+(?:skip|not)\s+(?:those|them|these|that)|(?:isn['’]?t|aren['’]?t)\s+(?:allowed|" + _THEIR_THING + ")|"
                             r"=\s*(?:no|nope)|"
                             r"(?:(?<=\s)(?:is|are|r)|['’]s|['’]re)\s+(?:a\s+(?:hard\s+|big\s+|firm\s+)?no(?:[- ]?go)?|"
                             r"banned|not\s+allowed|" + VERDICTS + r"|out)\b(?!\s+(?:of|there|now)\b))", re.IGNORECASE)
# The words of refusing themselves, which name nothing ("he can't stand board games": no stand;
# "nerf is off the table": no table). `without_refusals`.
_REFUSAL_WORDS = re.compile(r"\b(?:" + REFUSING_THE + "|" + REFUSING_MORE + "|" + NOT_LIKING + r")\b", re.IGNORECASE)
_VERDICT_WORDS = re.compile(r"(?<=\s)(?:is|are)\s+" + VERDICTS + r"\b|['’](?:s|re)\s+" + VERDICTS + r"\b|"
                            r"(?:isn['’]?t|aren['’]?t)\s+" + _THEIR_THING + r"\b", re.IGNORECASE)


def phrase_words(phrase: str) -> list[str]:
    """The words of an excluded phrase as said, hyphens and spaces alike ("play-doh", "board games")."""
    return [w for w in re.split(r"[\s-]+", phrase) if w]


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Where `phrase` is said, its words parted by spaces or hyphens (`phrase_words`)."""
    return re.compile(r"\b" + r"[\s-]+".join(map(re.escape, phrase_words(phrase))) + r"\b", re.IGNORECASE)


def without_phrases(text: str, phrases: list[str] | tuple[str, ...]) -> str:
    """`text` with each phrase blanked where it is said, its words parted by spaces or hyphens."""
    for phrase in sorted(phrases, key=len, reverse=True):
        if phrase_words(phrase):
            text = phrase_pattern(phrase).sub(" ", text)
    return text


def wanted_text(text: str, exclusions: tuple[str, ...]) -> str:
    """`text` without what it refuses and the words of refusing, for a sentence encoder, which
    reads "not lego" as much like lego as "lego" ("building sets but not lego" -> "building
    sets but not")."""
    return re.sub(r"\s+", " ", without_phrases(without_refusals(text), exclusions)).strip() or text


def without_refusals(text: str, mark: str = " ") -> str:
    """`text` with the words of refusing replaced by `mark` (those said before the thing refused,
    "can't stand board games") or blanked (a verdict said after it, "nerf is off the table"):
    what they refuse is read as excluded, and the words themselves are no name to search for.
    A refusing verb that is itself denied ("he's never too old for lego") is left as it is."""
    def refusal(m: re.Match[str]) -> str:
        return m.group() if _NEGATED_BEFORE.search(m.string[:m.start()]) else mark
    return _REFUSAL_WORDS.sub(refusal, _REFUSED_TAIL_WORDS.sub(" ", _VERDICT_WORDS.sub(" ", text)))


# "slime? absolutely not", "nerf? nope", "glitter - no way": a thing said alone, then refused.
_REFUSED_TAIL = (r"(?:(?:absolutely|definitely|certainly)\s+not|no\s+way|nope|nah|not\s+a\s+chance|not\s+so\s+much|"
                 r"hard\s+pass)\b")
_ASKED_AND_REFUSED = re.compile(r"(?:^|[.!?;,]\s*)([a-z0-9][\w'&-]*(?:\s+[a-z0-9][\w'&-]*)?)\s*(?:\?+|\s-|,)\s*"
                                + _REFUSED_TAIL,
                                re.IGNORECASE)
_REFUSED_TAIL_WORDS = re.compile(r"(?<=[?,-])\s*" + _REFUSED_TAIL, re.IGNORECASE)  # no name: "pokemon, not so much"
_CLAUSE_START = re.compile(r"(?:^|[,.;:!?(]|\b(?:and|but|so|also|plus|though|tho|then|the|his|her|my|our|their|your))\s*$",
                           re.IGNORECASE)
# Words before a thing excluded that only say how much of it ("everything pink is a no") or that
# it is a toy ("toy guns are not allowed" leaves out water guns too).
_ALL_OF = frozenset({"everything", "anything", "all", "any", "every", "more", "toy", "toys"})
# "we already have playmobil so not that", "has loads of puzzles already, so no more", "we already
# have loads of melissa and doug so steer clear of that brand": what they have, when the shopper
# says not to add to it ("she has lots of lego" alone may ask for more).
# How much of a thing someone has: "loads of", "approximately one billion", "a literal mountain of".
_A_GREAT_DEAL = (r"(?:(?:approximately|about|like|roughly|literally|maybe)\s+)?"
                 r"(?:a\s+million|millions|loads|lots|plenty|tons|a\s+lot|too\s+many|so\s+many|hundreds|dozens|heaps|"
                 r"(?:a|one)\s+(?:billion|zillion|gazillion|bajillion|hundred|thousand)|"
                 r"an?\s+(?:(?:literal|whole|small|giant|huge|entire|actual)\s+)?(?:mountain|pile|heap|truckload|boatload|"
                 r"shedload|bucketload|crate|box|drawer|bin|closet|cupboard|room|ton)(?:\s+full)?|"
                 # "a ridiculous number of colored pencils"
                 r"an?\s+(?:ridiculous|silly|crazy|insane|huge|massive|stupid|obscene|absurd)\s+(?:number|amount)\s+of)")
_HAVE_ALREADY = re.compile(
    # "already got him the lightsaber and costume": what was got for them
    r"\b(?:already\s+(?:(?:have|has|owns?)|(?:got|bought|gave|given)(?:\s+(?:him|her|them)(?=\s+(?:the|a|an|some|all)\s))?)|(?:have|has|got|owns?)(?=\s(?:[^.?!]*\s)?already\b|\s+all\s+the\b|\s+"
    + _A_GREAT_DEAL + r"\s)|"
    r"(?:has|have|'s|’s)\s+(?:done|had|tried|built|made)(?=\s+(?:loads|lots|plenty|tons|heaps|so\s+many|too\s+many|"
    r"a\s+lot)\b)|"
    # "takes it personally if anyone gives him Star Wars stuff, so please avoid that"
    r"(?:gives?|giving|gave|buys?|buying|bought|gets?|getting)\s+(?:him|her|them)|"
    r"(?:drowning|swimming|buried)\s+in)\s+"  # "she's already drowning in plush toys and blankets so skip those"
    r"(?:(?:" + _A_GREAT_DEAL + r"|enough)\s+(?:of\s+)?|all\s+the\s+|some\s+|the\s+|a\s+|an\s+)?"
    # up to four words, and a second thing of up to two ("a chemistry set and snap circuits")
    r"([a-z0-9][\w'&/-]*(?:\s+(?!(?:so|already|from|for)\b)[a-z0-9][\w'&-]*){0,3}?"
    r"(?:\s+and\s+(?:an?\s+|the\s+)?(?!(?:so|already|from|for)\b)[a-z0-9][\w'&-]*(?:\s+(?!(?:so|already|from|for)\b)[a-z0-9][\w'&-]*)?)?)"
    r"(?:\s+(?:from|since|after|for)\s+(?:the\s+|her\s+|his\s+|their\s+|a\s+)?[a-z]+)?"  # "... stuff from the shower"
    r"(?:\s+already)?\s*[,.;:!-]*\s*(?:so\s+|(?:(?<=[.;!]\s)|(?<=[.;!]))(?=(?:please\s+)?(?:something|anything)\s+else\b))"
    r"(?:(?:not|no)(?:\s+(?:that|those|them|it|these|this|more|again|please|pls|thanks)\b|\s*(?:[.,!;]|$))|"
    r"(?:please\s+)?(?:steer\s+clear\s+of|avoid|skip|none\s+of)\s+(?:that|those|them|it|these|this)\b|"
    r"(?:please\s+)?(?:something|anything)\s+else\b|(?:something|anything)\s+other\s+than\s+(?:that|those|them|these|this)\b|"
    r"(?:nothing|none)\s+(?:like|similar\s+to)\s+(?:that|those|them|these|this|it)\b)",
    re.IGNORECASE)
# "leave the barbies out", "he's past the dinosaur phase", "grew out of her princess phase".
_LEFT_OUT = re.compile(r"\bleave\s+(?:the\s+|any\s+|all\s+(?:the\s+)?)?([a-z0-9][\w'&-]*(?:\s+[a-z0-9][\w'&-]*)?)\s+out\b|"
                       r"\b(?:past|beyond|out\s+of|over)\s+(?:the|his|her|their|that|a|an|its)\s+"
                       r"([a-z0-9][\w'&-]*(?:\s+[a-z0-9][\w'&-]*)?)\s+(?:phase|stage|obsession|craze|kick|thing|stuff|fad|era)\b",
                       re.IGNORECASE)
# "we're a no-weapons household", "a no-screens house": the one word after "no-".
_NO_HYPHEN = re.compile(r"\bno-([a-z][\w'&]*)", re.IGNORECASE)
_NO_HYPHEN_IDIOMS = frozenset({"one", "brainer", "nonsense", "fuss", "frills", "show", "go", "win", "name", "limit",
                               "holds", "man's", "mans"})
# A later turn that adds to what was refused: "or marvel either", "nor lego".
_OR_THING = r"^\s*(?:and\s+)?(?:or|nor)\s+(?:any\s+|the\s+)?([a-z0-9][\w'&-]*(?:\s+(?!either\b)[a-z0-9][\w'&-]*)?)"
_OR_EITHER = re.compile(_OR_THING + r"\s+(?:either|too|as\s+well)\b", re.IGNORECASE)
# ... and, after a turn that refused something, a turn that is only "or X" ("not lego", then "or star wars").
_OR_ALONE = re.compile(_OR_THING + r"\s*[.!?]*\s*$", re.IGNORECASE)
# ... and such a sentence after a refusal in the same message: "Nothing with unicorns please. Or mermaids."
_OR_SENTENCE = re.compile(r"(?<=[.!])\s+(?:and\s+)?(?:or|nor)\s+(?:any\s+|the\s+)?"
                          r"([a-z0-9][\w'&-]*(?:\s+(?!(?:either|too|please|pls)\b)[a-z0-9][\w'&-]*)?)"
                          r"(?:\s+(?:either|too|as\s+well|please|pls))?\s*(?:[.!]|$)", re.IGNORECASE)
_SUGGESTED = re.compile(r"\b(?:maybe|perhaps|how\s+about|what\s+about)\b", re.IGNORECASE)


def _refused_in_sentence_before(text: str, at: int) -> bool:
    """True when the sentence before `at` refuses a thing ("Nothing with unicorns please."), not
    when it is chat ("Not sure what to get.", "Not really.")."""
    start = max(text.rfind(c, 0, max(at - 1, 0)) for c in ".!?") + 1
    return (any(_clean_exclusion(m.group(1)) for m in _EXCLUDE.finditer(text[start:at]))
            or any(_EXCLUDED_AFTER.finditer(text[start:at])))  # "anything military is a firm no — tanks, ..."
# "non-barbie dolls"; "non-toxic" and the like describe, and exclude nothing.
_NON = re.compile(r"\bnon-([a-z][\w'&]*)", re.IGNORECASE)
_NON_DESCRIBES = frozenset({"toxic", "slip", "stick", "skid", "stop", "woven", "profit", "fiction", "verbal", "gmo",
                            "allergenic", "flammable", "marking", "spill", "smoking", "breakable"})
# More things excluded in the same breath: "isn't wwe or marvel", "no lego, duplo or mega bloks".
_ALSO_EXCLUDED = re.compile(
    r"\s*(?P<sep>,\s*(?:(?:or|and|nor)\b)?|\bor\b|\band\b|\bnor\b|/)\s*(?:not\s+|no\s+)?(?:any\s+|a\s+|an\s+|the\s+|those\s+|these\s+|some\s+)?"
    r"(?P<item>[a-z0-9][\w'&-]*(?:\s+(?!(?:or|and|nor|in|at|for|from|with|so)\b)[a-z0-9][\w'&-]*)?)", re.IGNORECASE)
# Examples of what is refused, after it: "NOT into kids' toy trains like Thomas or wooden train
# sets", "no scary stuff such as skeletons, zombies or ghosts" (`_examples_after`). Up to two words
# may stand between ("trains"), never words of chat ("no dolls she'd like books").
_EXAMPLE = (r"(?!(?:i|he|she|they|we|you|it|that|this|there|his|her|my|our|their|your|to|is|are|was|really|literally|"
            r"so|maybe|under|over|around|about|last|previous|before|what|whatever|when|if|more|less|not|no|but)\b)"
            r"(?:(?:the|a|an|any)\s+)?[a-z][\w'&-]*(?![\w'&-])"
            r"(?:\s+(?!(?:or|and|nor|but|so|please|pls|etc|more|because|as|he|she|they|we|i|it|is|are|would|will|could|"
            r"might|instead|maybe)\b)[a-z0-9][\w'&-]*(?![\w'&-])){0,2}")
# ... parted by commas, then at most one "or"/"and": "like Thomas or wooden train sets, more the serious type" ends at "sets"
# ... never after a comma, which may start what is wanted instead ("no screens, like books or puzzles
# instead"), nor a list said to be wanted ("... like lego would be great").
_WANTED_AFTER = r"(?!\s*(?:instead|would|will|are\s+(?:better|great|fine|ok|good)|is\s+(?:better|great|fine|ok|good)|maybe|please)\b)"
_EXAMPLES = re.compile(r"(?P<skip>(?:\s+[a-z][\w'’-]*){0,2}?)(?:\s+" + _AIMED + r"\s+(?:at|for|towards?)\s+[a-z][\w'’-]*)?"
                       r"\s+(?:like|such\s+as|e\.g\.,?|including|especially)\s+"
                       r"(?P<items>" + _EXAMPLE + r"(?:\s*,\s*" + _EXAMPLE + r")*(?:\s*,?\s+(?:or|and|nor)\s+"
                       + _EXAMPLE + r")?)" + _WANTED_AFTER, re.IGNORECASE)


_KIND_WORDS = frozenset({"stuff", "things", "thing", "ones", "items", "products"})  # "no scary stuff like ..."
_RESEMBLING = frozenset({"looks", "look", "looking", "sounds", "seems", "feels", "smells"})


def _examples_after(text: str, start: int, said: str) -> list[str]:
    """The examples said right after a thing refused that `said` begins at `start` (`_EXAMPLES`),
    each a thing refused too; the words between are the thing's own ("kids' toy trains like ..."),
    never chat ("no dolls she'd like books")."""
    if said.split()[0].lower() in _RESEMBLING:
        return []  # "nothing that looks like a kid's toy": how it is, no example
    m = _EXAMPLES.match(text, start + len(said.split()[0]))
    if not m or any(w.lower() in STOPWORDS and w.lower() not in _KIND_WORDS for w in m.group("skip").split()):
        return []
    return _example_items(m.group("items"))


def _example_items(said: str) -> list[str]:
    """The things of a list of examples, each without its article; never an adverb or a kind
    said of them ("bugs, like real ones")."""
    items = re.split(r"\s*,\s*(?:(?:or|and|nor)\s+)?|\s+(?:or|and|nor)\s+", said, flags=re.IGNORECASE)
    items = [re.sub(r"^(?:the|an?|any)\s+", "", item, flags=re.IGNORECASE) for item in items]
    return [item for item in items if item and not re.fullmatch(r"\w{3,}ly", item)
            and not re.search(r"\b(?:ones?|kinds?|sorts?|types?|versions?)$", item, re.IGNORECASE)]


# ... and in brackets after it: "no electronic toys (vtech, leapfrog etc)", "no 'beauty science' stuff
# (lip balm, perfume, spa kits)": a list in brackets in the clause of a refusal, after a word of a kind
# or led by "like", "e.g." (`_bracketed_examples`).
_BRACKETED_EXAMPLES = re.compile(r"\(\s*(?P<lead>(?:like|e\.g\.,?|eg|such\s+as|i\.e\.,?|including)\s+)?(?P<items>" + _EXAMPLE
                                 + r"(?:\s*,\s*" + _EXAMPLE + r")*(?:\s*,?\s+(?:or|and)\s+" + _EXAMPLE + r")?)"
                                 r"\s*,?\s*(?:etc\.?|and\s+so\s+on)?\s*\)", re.IGNORECASE)


def _bracketed_examples(text: str) -> list[str]:
    """The examples in brackets after a refusal in the same clause (`_BRACKETED_EXAMPLES`)."""
    found = []
    for m in _BRACKETED_EXAMPLES.finditer(text):
        clause = re.split(r"[,;:.!?]|\bbut\b", text[:m.start()], flags=re.IGNORECASE)[-1]
        items = _example_items(m.group("items"))
        refused = any(_clean_exclusion(e.group(1)) for e in _EXCLUDE.finditer(clause)) or any(_EXCLUDED_AFTER.finditer(clause))
        # led by "like"/"e.g.", or after a word of a kind ("no electronic toys (...)", "'beauty science'
        # stuff (...)"); never reasons ("no slime (carpet, dog)"), someone ("her twins (boys, turning 7)")
        # or one thing alone ("(moms rule)")
        kind = re.search(r"\b(?:stuff|things|toys|ones|kits|sets|brands|products|games|gadgets|characters|merch)\s*$",
                         clause, re.IGNORECASE)
        if refused and (m.group("lead") or kind and len(items) > 1):
            found += items
    return found


# Leads after which "and" still lists what is excluded: "anything except nerf and x-shot".
_AND_LISTS = frozenset({"except", "excluding", "without", "other", "anything"})
# ... and after these when the item after "and" ends the clause: "she hates slime and squishy
# things", "we've got enough beeping and singing stuff"; not "she hates dolls and draws all day",
# "he hates lego and loves puzzles", "got enough noisy toys and a new baby" (`_stops_a_list`).
_AND_LISTS_AT_END = frozenset({"hate", "hates", "avoid", "avoiding", "got", "has", "have", "own", "owns", "outgrown", "over",
                               "bored", "tired", "dislike", "dislikes", "can't", "cant", "cannot", "grew", "grown", "had", "forget",
                               "banned", "gone", "went", "done", "sick", "fed", "phobia", "phobic", "terrified", "scared",
                               "afraid", "frightened"})
_CLAUSE_END = re.compile(_ENDS_CLAUSE, re.IGNORECASE)
# A person after "and" is someone else, not a thing refused ("enough noisy toys and a new baby").
_PERSONS = frozenset({"baby", "sister", "brother", "son", "daughter", "kid", "kids", "child", "children", "twins"})
# "lego-free", "latex free", "free of plastic": what comes before "-free" (or after "free of") is
# excluded, save idioms where nothing is ("hands-free" is a feature, "worry-free" no thing).
_FREE = re.compile(r"\b([a-z][\w'&]*)(?:-|\s)free\b(?!\s+(?:of|from)\b)|\bfree\s+(?:of|from)\s+(?:any\s+)?([a-z][\w'&-]*)|"
                   r"\b([a-z][\w'&]*)-less\b", re.IGNORECASE)  # "battery-less", "pokemon-less"
_NOT_FREE_OF = frozenset({"hands", "tax", "duty", "toll", "care", "worry", "hassle", "stress", "risk", "trouble",
                          "maintenance", "fuss", "royalty", "feel", "set", "totally", "completely", "entirely",
                          "absolutely", "shipping", "scot", "fancy", "break", "hand"})
# A list that turns into what is wanted: "no stuffed animals, books or puzzles are great" (not "an
# ipad or tablet to work").
_PRAISED = re.compile(r"\s*(?:are|is|would|will|could|sounds?|works?|seems?|'s|'re|'d)\b", re.IGNORECASE)
# Words after "not"/"no" that do not name a thing to exclude.
_NOT_EXCLUSIONS = {
    "more", "less", "than", "longer", "one", "idea", "sure", "that", "this", "too", "very", "really",
    "much", "so", "problem", "problems", "issue", "issues", "worries", "thanks", "thank", "matter", "need", "expensive", "over",
    "higher", "above", "pricey", "big", "a", "the", "it", "i", "me", "yet", "rush", "budget",
    "limit", "preference", "particular", "specific", "clue", "gift", "just",
    "meant", "made", "intended", "suitable", "designed",  # "not meant for kids": `facets.NOT_FOR`
    "fancy", "else", "special", "like", "crazy", "wrong", "bad", "but", "at", "all", "to", "in",  # "nothing fancy"
    "those", "these", "them", "ones", "kidding", "worth", "mind", "stock", "sale", "hurry", "way", "general",
    "excluded",  # "nothing excluded"
    "allowed",  # "guns are not allowed": what comes before is excluded
    "already", "anymore",  # "she has too many puzzles already"
    "spend", "spending", "pay", "paying", "exceed",  # "I'd rather not spend more than $30"
    "cost", "costs", "costing", "priced",  # "does not cost over $50"
    "pls", "plz", "thx", "tho", "btw",  # "anything except funko pls" ("though", "fyi": STOPWORDS)
    "either", "neither", "aswell",  # "actually no lego either"
    "household",  # "we're a no-weapons household"
    "dark", "heights",  # "she's scared of the dark"
    "cent", "penny", "dime",  # "about $25, not a cent more"
    "first", "second", "third", "fourth", "fifth", "last",  # "the third one? no thanks": an item shown
    "toy", "toys",  # "it's not just a toy": in a toy shop, no thing to leave out
    "everything", "lot", "plenty", "right", "ok", "okay",  # "he already has everything, so not that"
    "now", "lately", "tbh", "sadly", "besides", "bothered", "forever",  # "too old for dinosaurs now"
    "list", "lists", "options", "suggestions", "results",  # "don't show me the same list"
    "pricier", "single", "enough", "wait",  # "nothing pricier than 25", "no single item over 20", "no wait"
    "whatsoever", "period", "altogether", "junk", "rubbish", "tat", "crap",  # "no slime whatsoever", "no plastic junk"
    "etc",  # "no zombies etc"
    "records", "data", "history", "details", "information", "info",  # "remove all my records": no thing
}
STOPWORDS = frozenset("""
a an the and or but if of for to in on at by with from about as is are was were be been being am
i me my mine we us our you your he him his she her they them their it its this that these those there going coming
here what which who whom whose when where why how all any both each few more most other some such
only own same so than too very can will just should would could may might must shall do does did
have has had having not no nor none nothing also into over under again further then once up down out off
looking look want wanted need needs needed find get buy buying something anything thing things gift
gifts present presents please thanks hi hello hey like likes love loves loved good nice great best
really maybe someone somebody one ones year years old yo birthday around about dollars dollar bucks
buck usd budget price cheap cheaper less max im i'm id i'd ive i've show give recommend suggest
kid kids child children boy girl son daughter nephew niece grandson granddaughter friend wife husband
mom dad mother father sister brother uncle aunt cousin someone who loves into enjoys likes
between under below above within up at most least no more than around roughly approximately
hmm hm um umm uh well sure ok okay idea know dunno whatever lol yes yeah nope
year-old years-old age ages aged expensive pricey costly item items product products stuff
though although however anyway anyways still even ever always usually sometimes often perhaps probably
definitely actually literally honestly apparently obviously seriously whether while whilst yet else
otherwise instead almost nearly ago since until unless fyi btw tho
we've we're we'll we'd you've you're you'll you'd they've they're they'll they'd he's she's it's that's
there's what's i'll he'll she'll he'd she'd weve youre theyre thats theres whats
""".split())
_TOKEN = re.compile(r"[a-z][a-z0-9'&-]*")
_INITIALISM = re.compile(r"\b(?:[^\W\d_]\.){2,}(?:[^\W\d_]\b)?")


def join_initialisms(text: str) -> str:
    """Letters written with dots as one word, as shoppers also write them: "L.O.L." -> "LOL"."""
    return _INITIALISM.sub(lambda m: m.group().replace(".", ""), text)


@dataclass(frozen=True)
class RequestFacts:
    """What the conversation states, derived from its text alone (no model)."""

    budget_min: float | None = None
    budget_max: float | None = None
    cheap: bool = False  # "cheap" without a number; the ranker turns it into a ceiling
    age: int | None = None  # age of the person the product is for
    age_range: tuple[int, int] | None = None
    exclusions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # content words, for matching and quoting in reasons
    recipient: Recipient | None = None  # who it is for, as audience groups ("for my wife": women)
    colours: frozenset[str] = frozenset()  # colours asked for ("a black t-shirt"), not those excluded
    # Budgets stated but not applied: ("negative", None), ("budget_max", 0.0), ("budget_min", 1e99).
    ignored: tuple[tuple[str, float | None], ...] = field(default=(), compare=False)
    # The amount said with "about" ("about $30") where the budget is guessed around it: the floor
    # (three quarters of it) is no limit the shopper set, so what was named below it is listed
    # rather than nothing, and a reason says only what was said ("within your $30 budget").
    around: float | None = None

    @property
    def floor_guessed(self) -> bool:
        return self.around is not None

    @property
    def notes(self) -> list[str]:
        """The ignored budgets in words, for people reading the API's answers."""
        return [note_text(what, amount) for what, amount in self.ignored]


# Words that ask for a suggestion without saying what of: a request made only of these (and
# stopwords) says nothing about what is wanted, so a customer's history alone answers it.
_ASKING_ONLY = frozenset({
    "surprise", "next", "new", "got", "buy", "get", "idea", "ideas", "anything", "something", "else", "more",
    "recommend", "recommendation", "recommendations", "suggest", "suggestion", "suggestions", "again", "good",
    "nice", "cool", "like", "want", "need", "please", "thanks", "thank", "shop", "shopping", "pick", "picks",
    "today", "would", "could", "should", "stuff", "thing", "things", "item", "items", "product", "products",
    "interesting", "help", "hello", "hey",
})


def content_free(facts: RequestFacts) -> bool:
    """True when the request names nothing wanted ("anything for me?", "surprise me", "what should
    I buy next?", or no words at all), and is not for someone else: its budget may still apply."""
    own = facts.recipient is None or facts.recipient.said in ("me", "myself")
    return own and not ({_stem(w) for w in facts.keywords} - {_stem(w) for w in _ASKING_ONLY})


def note_text(what: str, amount: float | None) -> str:
    if what == "negative":
        return "ignored a negative budget"
    if what.startswith("currency:"):
        return f"ignored a budget of {amount:g} {what.split(':', 1)[1]}: prices are filtered in the store's currency only"
    return f"ignored a {'maximum' if what == 'budget_max' else 'minimum'} budget of {amount:g}"


def ignored_entry(what: str, amount: float | None) -> dict[str, Any]:
    """A budget the request stated but the ranker did not apply, for programs:
    {"what": "budget_max" | "budget_min" | "negative" | "currency", "amount", "currency"?}."""
    entry: dict[str, Any] = {"what": what, "amount": amount if amount is None or math.isfinite(amount) else None}
    if what.startswith("currency:"):
        entry.update(what="currency", currency=what.split(":", 1)[1])
    return entry


def parse_budget(text: str, currency: str = "USD") -> tuple[float | None, float | None, list[tuple[str, float | None]]]:
    """Return (min, max, ignored) for the budget stated in `text`, if any, in the store's `currency`.

    Amounts are read in every way `money.normalize_amounts` knows ("20$", "INR 2500", "fifty
    quid", "2k"); a bare number is in the store's currency. A budget written only in another
    currency is not applied: it comes back in `ignored` as ("currency:EUR", 30.0).

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
                if _has_currency(around.group(0)) and (v := _amount(around, 0)) is not None:
                    low, high = _around_ends(v)
            elif bare := _BARE.search(text):
                high = _amount(bare, 0)
    if low is None and high is None and said_range is not None:
        low, high = said_range
    written = {a.currency for a in amounts if a.currency is not None}
    if (low is not None or high is not None) and written and currency not in written:
        foreign = next(a for a in amounts if a.currency is not None)
        return None, None, [(f"currency:{foreign.currency}", foreign.value)]
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


def parse_request(text: str, currency: str = "USD") -> RequestFacts:
    """Parse one message (or several joined by newlines) into `RequestFacts`."""
    text = text[:5000]
    low, high, ignored = parse_budget(text, currency)
    age, age_range = _parse_age(text)
    excluded = _excluded(_as_meant(join_initialisms(_THAT_IS.sub(",", text))))
    exclusions = tuple(dict.fromkeys(e for raw, listed in excluded if (e := _clean_exclusion(raw, listed))))
    if any(m.group("who").lower() in CHILDREN for m in NOT_FOR.finditer(text)):
        exclusions = tuple(dict.fromkeys(exclusions + CHILD_WORDS))  # "nothing for kids"
    keywords = tuple(dict.fromkeys(
        w for w in (_stem(t) for t in _TOKEN.findall(normalize_amounts(text, currency)[0].lower()))
        if w not in STOPWORDS and len(w) > 2 and not any(c.isdigit() for c in w) and not any(w in e.split() for e in exclusions)))
    return RequestFacts(low, high, bool(_CHEAP.search(text)) and high is None, age, age_range,
                        exclusions, keywords, recipient(text), requested_colours(text, exclusions),
                        tuple(ignored), around=_said_around(text, low, high))


def _said_around(text: str, low: float | None, high: float | None) -> float | None:
    """The amount of "about $30" where `low` and `high` are the ends `parse_budget` guessed from it
    (never a floor said beside it: "at least $30, around $40 would be ideal")."""
    around = _AROUND.search(text) if low is not None and high is not None else None
    if around is None or (v := _amount(around, 0)) is None:
        return None
    return v if (low, high) == _around_ends(v) else None


def _around_ends(amount: float) -> tuple[float, float]:
    """The budget guessed from "about $30": three quarters of it to a little over it."""
    return round(amount * 0.75, 2), round(amount * AROUND_OVER, 2)


# A later turn that only corrects the amount ("under 20", then "no wait, 25"): read as a ceiling
# by `parse_budget`, so its currency is checked as any budget's is.
_AMOUNT_CORRECTED = re.compile(r"^\s*(?:(?:no|wait|sorry|oops|actually|hmm|i\s+mean|make\s+(?:that|it))[\s,.!]+)+"
                               r"(?P<amount>[$£€¤]?\s*\d{1,5}(?:\.\d{1,2})?\s*(?:dollars?|bucks?|quid|pounds?|euros?)?)\s*[.!]*\s*$",
                               re.IGNORECASE)


_TOO = re.compile(r"\b(?:too|also|as\s+well)\b", re.IGNORECASE)
# A bare "around 50" closing a message: a price where the recipient's age is said and is another
# number ("my 11yo girl ... around 50"); alone it may answer "how old?" ("around 10"), so it is
# no budget there. Only as a clause of its own ("..., around 50", "around 30 please"), never of
# something else ("her cousin who's around 6", "there'll be about 12", "sets around 500"), and
# between 5 and 499 ("a puzzle for my 12 year old, around 1000" counts pieces).
_BARE_ABOUT = re.compile(r"(?:^|[,.;!?]\s*|\s[-–—]\s*)(?:around|about|roughly|approx(?:imately)?|~)\s*(\d{1,3})(?:\s*-?\s*ish)?\s*"
                         r"(?:please|pls|thanks|thx|or\s+so)?\s*[.!?)]*\s*$", re.IGNORECASE)


def merge_facts(turns: list[str], currency: str = "USD") -> RequestFacts:
    """Facts of a whole conversation: later turns override budgets, ages, the recipient and the
    colours they state; exclusions add up."""
    merged = RequestFacts()
    for turn in turns:
        f = parse_request(turn, currency)
        if merged.exclusions and (more := _OR_ALONE.match(turn)) and (also := _clean_exclusion(more.group(1))):
            f = replace(f, exclusions=tuple(dict.fromkeys((*f.exclusions, also))))  # "not lego", then "or star wars"
        if merged.budget_max is not None and f.budget_max is None and f.budget_min is None and (
                fixed := _AMOUNT_CORRECTED.match(turn)):  # "make it 20", then "no wait, 25"
            _, high, ignored = parse_budget(f"under {fixed.group('amount')}", currency)
            f = replace(f, budget_max=high, ignored=tuple(dict.fromkeys(f.ignored + tuple(ignored))))
        new_budget = f.budget_min is not None or f.budget_max is not None
        who = f.recipient
        if who is not None and who.pronoun_only and merged.recipient is not None and who.same_person(merged.recipient):
            who = merged.recipient  # "now a raincoat for her": the daughter named before
        # "she's a girl", of the one whose age alone was said ("my 8yo"), is that one
        new_person = (who is not None and who is not merged.recipient
                      and not (who.pronoun_only and merged.recipient is None and merged.age is not None))
        if new_person and who is not None and merged.recipient is not None and not who.pronoun_only and _TOO.search(turn):
            who = who.joined(merged.recipient)  # "for my friend's kid, she's 7", then "her brother too"
        excluded = {w for e in f.exclusions for w in e.split()}
        merged = RequestFacts(
            budget_min=f.budget_min if new_budget else merged.budget_min,
            budget_max=f.budget_max if new_budget else merged.budget_max,
            cheap=f.cheap or (merged.cheap and not new_budget),
            # A new person without an age does not inherit the last one's ("my 16 year old son",
            # then "a dress for my daughter").
            age=f.age if f.age is not None else (None if new_person else merged.age),
            age_range=f.age_range if f.age_range is not None else (None if new_person else merged.age_range),
            exclusions=tuple(dict.fromkeys(merged.exclusions + f.exclusions)),
            keywords=tuple(dict.fromkeys(merged.keywords + f.keywords)),
            recipient=who or merged.recipient,
            colours=f.colours or frozenset(c for c in merged.colours if c not in excluded),
            # A budget applied later supersedes what earlier turns could not apply; what this
            # turn could not apply is said even while an earlier budget stays in force.
            ignored=f.ignored if new_budget else merged.ignored + f.ignored,
            around=f.around if new_budget else merged.around,
        )
    if merged.budget_min is None and merged.budget_max is None and merged.age is not None:
        for turn in turns:
            amount = int(bare.group(1)) if (bare := _BARE_ABOUT.search(turn)) else 0
            if 5 <= amount < 500 and amount != merged.age:
                low, high, _ = parse_budget(f"about ${amount}", currency)
                merged = replace(merged, budget_min=low, budget_max=high, around=float(amount) if low is not None else None)
    if merged.recipient is None and merged.age is not None:  # "a puzzle for a 10 year old": either sex
        merged = replace(merged, recipient=Recipient(frozenset({"boys", "girls"}), ADULTHOOD, f"{merged.age} year old"))
    who = merged.recipient
    if (who is not None and ({"boys", "girls"} <= who.child or {"men", "women"} <= who.adult)
            and (sex := sex_by_pronouns(turns, who.said))):
        # "my 10 year old", then "she's really into experiments": a girl; "a coworker", then "she likes cats"
        other = {"boys", "men"} if sex == "she" else {"girls", "women"}
        merged = replace(merged, recipient=replace(who, child=who.child - other, adult=who.adult - other))
    return merged


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


# "an eight year old", "she's turning six", "my son is seven": an age in words, read as digits.
_AGE_IN_WORDS = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen)(?=[\s-]*(?:years?|yrs?)[\s-]*olds?\b|[\s-]*yo\b)|"
    r"(?:(?<=\baged )|(?<=\bturns )|(?<=\bturning )|(?<=\bturned )|(?<=\bis )|(?<=\bwill be )|(?<='s )|(?<=’s ))(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen)\b(?=\s*(?:[,.;:!?)]|$|(?:now|next|soon|today|tomorrow|this|in|going|and\s+(?:really\s+|totally\s+|super\s+)?(?:a\s+half|loves?|likes?|"
    r"is|into|wants?|has)|(?:years?|yrs?)[\s-]*olds?|yo)\b))",
    re.IGNORECASE)


_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                  "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
                  "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                  "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
                  "eightieth": 80, "ninetieth": 90}
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
# "her sixth birthday": the 6th, an age
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_BIRTHDAY = re.compile("".join(rf"(?<!{t}\s)(?<!{t}-)" for t in _TENS)  # not the "first" of "twenty first"
                               + r"\b(" + "|".join(_ORDINAL_WORDS) + r")(?=\s+(?:birthday|bday|b-day)\b)", re.IGNORECASE)


def ages_in_digits(text: str, ordinals: bool = True) -> str:
    """`text` with an age said in words written in digits ("a five year old", "she's turning
    seven", and with `ordinals` "her sixth birthday"): an age, never a name to look for ("Five
    Way Engine Shed", "Seven Deadly Sins")."""
    if ordinals:
        text = _ORDINAL_BIRTHDAY.sub(lambda m: f"{(n := _ORDINAL_WORDS[m.group(1).lower()])}"
                                               f"{_SUFFIX.get(n % 10 if n % 100 not in (11, 12, 13) else 0, 'th')}", text)
    return _AGE_IN_WORDS.sub(lambda m: m.group() if (n := spelled_number(m.group())) is None else f"{n:g}", text)


def _parse_age(text: str) -> tuple[int | None, tuple[int, int] | None]:
    """The age said, and the span of ages; an ordinal birthday in words ("her sixth birthday")
    only where no other age is ("the first birthday party we're invited to, for a 6 year old": 6)."""
    found = _age_in(ages_in_digits(text, ordinals=False))
    if found[0] is None and _ORDINAL_BIRTHDAY.search(text):
        found = _age_in(ages_in_digits(text))
    return found


def _age_in(text: str) -> tuple[int | None, tuple[int, int] | None]:
    if m := _AGE_SPAN.search(text):
        lo, hi = sorted(int(g) for g in m.groups() if g)
        return lo, (lo, hi)
    for pattern in (_AGE, _AGE_IS, _AGE_BRACKET, _AGE_GUESSED):
        if m := pattern.search(text):
            age = int(next(g for g in m.groups() if g))
            if 0 < age < 120:
                return age, (age, age)
    if m := _AGE_IN_MONTHS.search(text):
        age = int(next(g for g in m.groups() if g)) // 12
        return age, (age, age)
    if _CHRISTENING.search(text):  # a christening's gift is for a baby: the age of one
        return 0, (0, 1)
    lower = text.lower()
    for word, span in _AGE_WORDS.items():
        if re.search(rf"\b{word}s?\b", lower):
            return None, span
    return None, None


def said_ages(text: str) -> tuple[int, int] | None:
    """The ages a word for the recipient says where no age is said ("a jigsaw for a toddler": 1 to
    3, "my little one": to 5, "a teen": 13 to 17); None when an age is said or no such word is."""
    if _parse_age(text)[0] is not None:
        return None
    spans = [_PERSON_AGE_WORDS[(m.group(1) or m.group(2)).lower()] for m in _SAID_OF_A_PERSON.finditer(text)
             if not _NOT_FOR_THEM.search(text[:m.start()])]
    return (min(lo for lo, _ in spans), max(hi for _, hi in spans)) if spans else None


# The recipient, said with a word of age: "for a toddler", "my little one", "our teen"; never a
# name ("a Teen Titans figure"), a kind of thing ("toddler toys"), or "is there a little one?".
_SAID_OF_A_PERSON = re.compile(
    r"(?i:\b(?:(?:for|to)\s+(?:a|an|my|our|the|his|her|their)|a|an|my|our|his|her|their)\s+(?:little\s+|young\s+)?"
    r"(" + "|".join(w for w in _PERSON_AGE_WORDS if " " not in w) + r")s?\b)"
    r"(?!\s+[A-Z])(?i:(?!\s+(?:toys?|stuff|things|games?|books?|beds?|clothes|section|range|sizes?|puzzles?)\b))|"
    r"(?i:\b(?:my|our|his|her|their)\s+(little\s+one)s?\b)")  # only as someone's: never "is there a little one?"
# ... unless said as what it is not: "too old for toddler toys", "nothing for toddlers".
_NOT_FOR_THEM = re.compile(r"(?:\btoo\s+old\s+for|\bnothing\s+for|\bnot\s+(?:for|a)|\bno)\s+(?:\w+\s+)?$", re.IGNORECASE)


# Chat spellings of the words that refuse, a word said over and over ("she hates hates hates
# dolls", "no no no lego") and "arts and crafts" (one thing, both words excluded): `_as_meant`.
_CHAT_SPELLINGS = {"nothin": "nothing", "nuthin": "nothing", "nothign": "nothing", "nothng": "nothing",
                   "anythng": "anything", "anythin": "anything", "anyting": "anything", "anythign": "anything"}
_CHAT_SPELLING = re.compile(r"\b(" + "|".join(_CHAT_SPELLINGS) + r")['’]?(?=\s)", re.IGNORECASE)
_SAID_AGAIN = re.compile(r"\b([a-z]+)(?:\s+\1\b)+", re.IGNORECASE)
_ARTS_AND_CRAFTS = re.compile(r"\b(arts?)\s*(?:and|&|n['’]?)\s*(crafts?)\b", re.IGNORECASE)


# "not pokemon, yugioh or any of those trading card ones": the trading cards.
_ANY_OF_THOSE = re.compile(r"\bany\s+of\s+(?:those|these|the|them)\s+([a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)\s+"
                           r"(?:ones|things|stuff|types|kinds|sorts)\b|"
                           r"(?<=\bor\s)any\s+(?:kind|sort|type)\s+of\s+", re.IGNORECASE)  # "... or any kind of weapon"
# "anything except cats - and that includes big cats, lions, tigers": more of what was refused.
_THAT_INCLUDES = re.compile(r"\b(?:and\s+)?(?:that|this)\s+(?:includes|goes\s+for|counts\s+for)\s+(?:the\s+)?",
                            re.IGNORECASE)


def _right_after_a_refusal(text: str, at: int) -> bool:
    """True when a refusal of a thing ends just before `at` ("anything except cats - and that
    includes ..."), not one of chat earlier ("No rush. Something outdoorsy - that includes")."""
    refusals = list(_EXCLUDE.finditer(text[:at]))
    return bool(refusals) and bool(_clean_exclusion(refusals[-1].group(1))) and re.fullmatch(
        r"[\s,;:–—.!'’\"-]*", text[refusals[-1].end():at]) is not None  # "done with princesses.' That includes"


# "offended by 'baby stuff'", "no \"educational\" toys": a few words in quotes, read as the words.
_QUOTED = re.compile(r"(?<![\w'‘’])['‘\"“](?=\w)([^'‘’\"“”\n]{1,40}?)(?<=\w)([.!?]?)['’\"”](?![\w'’])")


def _as_meant(text: str) -> str:
    """`text` with chat spellings of refusing words spelt out, quotes around a few words left out,
    a word said over and over said once, "arts and crafts" as two things ("no arts and crafts"
    leaves out both), "any of those X ones" as X, and "that includes ..." after a refusal as a
    refusal of those too."""
    text = _CHAT_SPELLING.sub(lambda m: _CHAT_SPELLINGS[m.group(1).lower()], text)
    text = _QUOTED.sub(r"\1\2", text)  # "declared herself 'done with princesses.'": its full stop kept
    text = _ANY_OF_THOSE.sub(lambda m: m.group(1) or "", text)
    text = _THAT_INCLUDES.sub(lambda m: " and except " if _right_after_a_refusal(m.string, m.start()) else m.group(), text)
    return _ARTS_AND_CRAFTS.sub(r"\1/\2", _SAID_AGAIN.sub(r"\1", text))


# A sentence that lists things and ends "none of it" ("No war toys, please. Tanks, soldiers, army
# stuff, none of it."), or "all of it" after a sentence that refuses ("the parents have banned
# trading cards. Pokemon cards, Yu-Gi-Oh, all of it."): each of them refused.
_LIST_THEN_NONE = re.compile(r"(?:^|(?<=[.!?])\s+|(?P<dash>(?<=\s[—–-])\s+))(?P<items>[a-z0-9][\w'&-]*(?:\s+[a-z0-9][\w'&-]*){0,2}"
                             r"(?:\s*,\s*[a-z0-9][\w'&-]*(?:\s+[a-z0-9][\w'&-]*){0,2}){1,6})\s*,\s*"
                             r"(?:(?P<none>none|nothing)\s+of|all(?:\s+of)?|any\s+of)\s+(?:it|them|that|those)\b"
                             r"(?=\s*(?:please|pls|thanks)?\s*(?:[.!?]|$))", re.IGNORECASE)  # the sentence ends there


# "everything in that house is Melissa & Doug ... something from a different company": that brand,
# where a different one is asked for.
_ALL_ONE_BRAND = re.compile(
    r"\beverything\s+(?:(?:in|at)\s+(?:that|the|this|their|our|his|her)\s+(?:house|home|playroom|room|nursery)\s+|"
    r"(?:he|she|they)\s+(?:has|have|owns?)\s+)?is\s+(?:from\s+|by\s+)?"
    r"([a-z0-9][\w'-]*(?:\s+(?:&\s+|and\s+)?[a-z0-9][\w'-]*){0,2}?)\s*(?=[(.,;!?]|$)"
    r"(?=.*\b(?:different|other|another)\s+(?:company|companies|brand|brands|maker|makers|manufacturer|make)\b)",
    re.IGNORECASE | re.DOTALL)


def _have_parts(said: str) -> list[str]:
    """What `_HAVE_ALREADY` found, as the things it names: "electronics/circuit kits" two, "colored
    pencils and crayons" two, "melissa and doug" one (a name of two single words is kept whole)."""
    parts = said.split("/")
    out: list[str] = []
    for part in parts:
        pair = re.split(r"\s+and\s+", part)
        out.extend(pair if len(pair) == 2 and any(len(p.split()) > 1 for p in pair) else [part])
    return [re.sub(r"^(?:an?|the)\s+", "", p, flags=re.IGNORECASE) for p in out]  # "... and a doll": doll


def _excluded(text: str) -> list[tuple[str, bool]]:
    """Each thing excluded, as written: the one after "not", "no", "isn't", ... and those listed
    with it: "isn't wwe or marvel", "no lego, duplo or mega bloks", "anything except nerf and
    x-shot". A comma alone lists nothing ("not barbie, a doll like it"; "no pink, purple would be
    nice"): the list must end in "or"/"nor" (or "and" after "except", "without", ...), and a list
    followed by praise is what is wanted ("no stuffed animals, books or puzzles are great")."""
    found = [(w, False) for m in _FREE.finditer(text)
             if (w := m.group(1) or m.group(2) or m.group(3)).lower() not in _NOT_FREE_OF]
    found += [(w, False) for m in _EXCLUDED_AFTER.finditer(text) for w in _excluded_before_all(m)]  # "Funko excluded"
    found += [(m.group(1), False) for m in _NON.finditer(text) if m.group(1).lower() not in _NON_DESCRIBES]
    found += [(re.sub(r"\s*&\s*", " and ", m.group(1)), False) for m in _ALL_ONE_BRAND.finditer(text)]  # "... is Melissa & Doug"
    found += [(m.group(1), False) for m in _OR_EITHER.finditer(text)]  # "or marvel either"
    found += [(m.group(1), False) for m in _OR_SENTENCE.finditer(text)  # "Nothing with unicorns please. Or mermaids."
              if _refused_in_sentence_before(text, m.start()) and not _SUGGESTED.search(m.group())]
    found += [(m.group(1), False) for m in _ASKED_AND_REFUSED.finditer(text)]  # "nerf? nope"
    found += [(item, True) for item in _bracketed_examples(text)]  # "no electronic toys (vtech, leapfrog etc)"
    found += [(item, True) for m in _LIST_THEN_NONE.finditer(text)  # "Tanks, soldiers, army stuff, none of it."
              # after a dash only "none of them": "NOT Mario — no Luigi, Yoshi, none of them" (a list after
              # "No screens please -" ending "all that" may be what is wanted instead)
              if m.group("none") or (not m.group("dash") and _refused_in_sentence_before(text, m.start()))
              for item in re.split(r"\s*,\s*", m.group("items"))]
    found += [(m.group(1), False) for m in _NO_HYPHEN.finditer(text) if m.group(1).lower() not in _NO_HYPHEN_IDIOMS]
    found += [(m.group(1) or m.group(2), False) for m in _LEFT_OUT.finditer(text)
              if not _NEGATED_BEFORE.search(text[:m.start()])]  # "don't leave the lego out"
    found += [(part, False) for m in _HAVE_ALREADY.finditer(text)  # "we already have lego so not that"
              # "he's done loads of electronics/circuit kits so not those", "colored pencils and crayons"
              for part in _have_parts(m.group(1))]
    for m in _EXCLUDE.finditer(text):
        if _REFUSING_MORE_CUE.match(text, m.start()) and _NEGATED_BEFORE.search(text[:m.start()]):
            continue  # "he's never too old for lego", "don't rule out lego"
        found.append((m.group(1), False))
        found += [(item, True) for item in _examples_after(text, m.start(1), m.group(1))]  # "... like Thomas or wooden train sets"
        if not _clean_exclusion(m.group(1)):
            continue
        if _POLITE_TAIL.search(m.group(1)) or _POLITE_NEXT.match(text, m.end()):
            continue  # "no batteries please, wooden toys, blocks etc": the refusal ends at "please"
        lead = m.group(0).split()[0].lower()
        run: list[tuple[str, str, int]] = []  # (separator, item, where it ends) after the first
        starts: list[int] = []  # where each item of `run` begins
        end = m.end()
        while ((more := _ALSO_EXCLUDED.match(text, end)) and _clean_exclusion(more.group("item"), listed=True)
               and not _stops_a_list(more, lead)):
            sep = more.group("sep").lower()
            kind = "or" if ("or" in sep or "/" in sep) else "and" if "and" in sep else ","
            run.append((kind, more.group("item"), more.end()))
            starts.append(more.start("item"))
            end = more.end()
        closers = [i for i, (kind, _, _) in enumerate(run)
                   if kind == "or" or (kind == "and" and lead in _AND_LISTS | _AND_LISTS_AT_END)]
        items = [_GOES_ON_WORD.sub("", item) for _, item, _ in run]
        if run and not any(_DESCRIBING.search(item) for item in items) and (
                _GOES_ON.match(text, run[-1][2]) or _GOES_ON_WORD.search(run[-1][1])
                or (len(run) >= 2 and all(_PLURAL.search(item) for item in [m.group(1), *items])
                    and _LIST_ENDS.match(text, run[-1][2]))):
            closers.append(len(run) - 1)  # "no skeletons, witches, ghosts, zombies etc": every one
        if not closers:
            continue
        last = closers[-1]
        after = run[last][2]
        if goes_on := _GOES_ON.match(text, after):
            after = goes_on.end()  # "nothing electronic, wooden toys etc are great": praised
        praised = (_PRAISED.match(text, after) and not run[last][1].lower().endswith(" to")) or any(
            _PRAISED.match(w) for _, item, _ in run[:last + 1] for w in item.split()[1:])
        if not praised:
            found.extend((item, True) for _, item, _ in run[:last + 1])
            found += [(example, True) for (_, item, _), start in zip(run[:last + 1], starts)
                      for example in _examples_after(text, start, item)]  # "or anything scary like a witch"
    return found


# "no batteries please, wooden toys, blocks etc": a refusal ends at "please"
_POLITE = r"(?:please|pls|plz|thanks|thank\s+you|thx)\b"
_POLITE_TAIL = re.compile(r"(?:^|\s)" + _POLITE + r"\s*$", re.IGNORECASE)
_POLITE_NEXT = re.compile(r"\s+" + _POLITE, re.IGNORECASE)
# A list said to go on ("no sirens, beeps, songs, that kind of thing"; "zombies etc"): it is a
# list, with no "or" before its last item.
_GOES_ON_WORDS = (r"etc\b\.?|et\s+cetera|and\s+so\s+on|and\s+the\s+like|and\s+all\s+that|the\s+lot\b|or\s+similar|"
                  r"(?:(?:or|and)\s+)?(?:anything|stuff|things)\s+like\s+(?:that|those|it)|"
                  r"(?:that|this)\s+(?:kind|sort|type)\s+of\s+(?:thing|stuff)")
_GOES_ON = re.compile(r"\s*,?\s*(?:" + _GOES_ON_WORDS + ")", re.IGNORECASE)
_GOES_ON_WORD = re.compile(r"\s(?:etc)$", re.IGNORECASE)  # "zombies etc" read as one item
# ... and three things or more, parted by commas, to the end of a sentence: "no guns, swords,
# tanks, soldiers, army stuff." ("no lego, a puzzle instead" has one comma).
_LIST_ENDS = re.compile(r"\s*(?:[.!?;]|$)")
# ... when each is a thing in the plural ("army stuff" too), never how a thing should be ("no
# batteries, wooden, quiet, simple"; "not plastic, wooden toys, puzzles, books" asks for those).
_PLURAL = re.compile(r"(?:[a-z]{2}s|stuff|things|gear|merch)$", re.IGNORECASE)
# ... and never a list of how it should be: "No batteries, something wooden, handmade etc".
_DESCRIBING = re.compile(r"^(?:some|any)thing\b|(?:al|ive|ful|ous|able|ible|made|ish|wooden|woolen|golden)$", re.IGNORECASE)


def _stops_a_list(more: re.Match[str], lead: str) -> bool:
    """After a lead of `_AND_LISTS_AT_END`, an item after "and" that does not end the clause, or
    names a person, starts something else: "she hates dolls and draws all day"."""
    if lead not in _AND_LISTS_AT_END or "and" not in more.group("sep").lower():
        return False
    item = more.group("item").lower().split()
    return not _CLAUSE_END.match(more.string, more.end()) or bool(_PERSONS & set(item)) or item[0] in STOPWORDS


_ONE_BEFORE_AND = re.compile(r"(?:^|[,.;:!?]\s*|\b(?:says?|said|thinks?|and|but|so|also|anything|everything|any|all)\s+)"
                             r"([a-z0-9][\w'&-]*)\s*(?:\s(?:and|&|or)\s|/)\s*$", re.IGNORECASE)
# Words after a name that say only that a thing is of it: "anything DC / Batman related is out",
# "Losi and Redcat stuff is junk".
_OF_IT = frozenset({"related", "themed", "based", "branded", "stuff", "things", "merch", "products", "ones"})


def _name_before(head: str) -> tuple[str, int]:
    """The name (up to three words) that ends `head` and where it starts, words that only say "of
    it" left off: "anything Hot Wheels related" -> "Hot Wheels"; "so anything DC / Batman" -> "Batman"."""
    words = list(re.finditer(r"[\w'&-]+|[^\w\s]", head))
    while words and words[-1].group().lower() in _OF_IT:
        words.pop()
    name: list[re.Match[str]] = []
    while (words and len(name) < 3 and re.match(r"[\w&]", words[-1].group())
           and words[-1].group().lower() not in _ALL_OF | STOPWORDS):
        name.insert(0, words.pop())
    return " ".join(w.group() for w in name), name[0].start() if name else len(head)


def _excluded_before_all(m: re.Match[str]) -> list[str]:
    """`_excluded_before`, and a word said with it by "and" at a clause's start: "minecraft and
    fortnite are cringe" excludes both."""
    name, start = _excluded_before(m)
    names = [name]
    while (one := _SLASHED.search(m.string[:start])) and one.group(1).lower() not in _ALL_OF | STOPWORDS:
        names.append(one.group(1))  # "sounds/music/talking are pointless for him": all three
        start = one.start()
    if len(names) > 1:
        return names
    if (one := _ONE_BEFORE_AND.search(m.string[:start])) and one.group(1).lower() not in _ALL_OF | STOPWORDS:
        return [name, one.group(1)]
    return [name]


_SLASHED = re.compile(r"(?<![\w'&-])((?!(?:and|or|w)\s*/)[a-z][\w'&-]+)\s*/\s*$", re.IGNORECASE)


# "anything loud or with flashing lights is a no go": the two words after "anything ... with" are
# what is refused ("toys with loud sounds are banned" refuses sounds, however loud).
_WITH_BEFORE = re.compile(r"\b(?:anything|everything|nothing)\b[^.!?;,]*\bwith\s*$", re.IGNORECASE)


def _excluded_before(m: re.Match[str]) -> tuple[str, int]:
    """What "... is banned" (`_EXCLUDED_AFTER`) excludes, and where it starts: the word before the
    cue, with the one before it where the two begin a clause ("hot wheels are banned"), never an
    adverb ("sadly guns are banned") or a word of how much ("everything pink is a no"); "plush
    toys": plush; "Hot Wheels stuff is out": Hot Wheels."""
    first, last = m.group(1), m.group(2)
    if last.lower() in _OF_IT:
        name, at = _name_before(m.string[:m.start(2)])
        return (name, at) if name else (last, m.start(2))
    if first and last.lower() in ("toy", "toys") and first.lower() not in _ALL_OF | STOPWORDS:
        return first, m.start(1)
    if (not first or first.lower() in _ALL_OF | STOPWORDS or first.lower().endswith("ly")
            or not (_CLAUSE_START.search(m.string[:m.start(1)]) or _WITH_BEFORE.search(m.string[:m.start(1)]))):
        return last, m.start(2)
    return f"{first} {last}", m.start(1)


# Words after a name that only say the thing is of it: "nothing marvel related", "no
# frozen-themed stuff", "without any disney characters", "no star wars merch". What is excluded
# is the name, whether a title says "character" or not.
_THEMED = re.compile(r"[\s-](?:related|themed|based|branded|characters?|brands?|merch|merchandise|themes?|phase|stage|"
                     r"franchise|designs?|licensed)\b", re.IGNORECASE)
# "I'd rather not go over $40" is a budget; "barbie is a no go" excludes barbie, the "go" nothing
# ("no go karts" still excludes go karts).
_NO_GO = re.compile(r"go(?:ing)?(?:\s+(?:over|above|beyond|past)\b|$)", re.IGNORECASE)


# "nothing north of $30", "nothing past 30": a budget, no "north" or "past" excluded ("no North Face" is one).
_PRICE_BOUND = re.compile(r"(?:north\s+of|beyond|past)(?:\s+\d|$)", re.IGNORECASE)
# "i.e." and "e.g." introduce what was excluded: read as a comma, never joined into "ie" and "eg".
_THAT_IS = re.compile(r"\b(?:i\.\s?e|e\.\s?g)\.", re.IGNORECASE)


def _clean_exclusion(raw: str, listed: bool = False) -> str:
    """The thing excluded, in at most three words; "" when it names none. "lol" is chat, save as a
    list's item or before "surprise" ("not barbie or lol", "no lol surprise": L.O.L. Surprise)."""
    if _NO_GO.match(raw) or _PRICE_BOUND.match(raw):
        return ""
    raw = _THEMED.sub("", raw)
    named_lol = listed or len(raw.split()) > 1
    words = [w for i, w in enumerate(raw.lower().split())
             if w not in STOPWORDS or w in ("board",) or (i == 0 and w == "lol" and named_lol)]
    words = [w for w in words if w not in _NOT_EXCLUSIONS and not w.isdigit()]
    while len(words) > 1 and words[0] in _ONLY_DESCRIBE:
        words = words[1:]  # "the usual barbie stuff": barbie
    if len(words) == 2 and (words[1] in _A_PERSON_OF or words[1] in _ANY_KIND and words[0] not in _KIT_KINDS):
        words = words[:1]  # "not really a puzzle person": puzzles; "no slime kits": no slime at all
    if len(words) == 2 and words[1] == "making" and words[0] in ("jewellery", "jewelry"):  # kits say no "making"
        words = words[:1]
    first, *rest = raw.lower().split()
    if rest and re.fullmatch(_AIMED, rest[0]):
        return ""  # "no interest in kits aimed at kids like k'nex or lego": the examples say what (`_examples_after`)
    if listed and first in ("except", "excluding", "without"):
        return ""  # "no screens, that includes tablets": a refusal of its own starts ("and except tablets")
    if first in ("toy", "toys"):  # "we don't do toy weapons": weapons; "no toy story", "no toy box": so called
        return f"{first} {rest[0]}" if rest and not rest[0].endswith("s") else " ".join(words[:2])
    if not words or first in _NOT_EXCLUSIONS:
        return ""  # "not that expensive"
    if len(words) > 1 and len(words[1]) > 4 and words[1].endswith("ly"):
        words = words[:1]  # "bored with puzzles quickly": an adverb after the thing
    if len(words) > 3 or len(words) == 3 and (words[2] in _ANY_KIND or words[2] in _LINE_KINDS):
        words = words[:2]  # "one billion hot wheels cars": Hot Wheels ("the star wars lightsaber" stays whole;
        # four words cut to three would name another thing: "lol surprise doll house")
    return " ".join(words)


# Words before the thing excluded that only say what the shopper thinks of it, and after it
# that say it is a kind of person: "the usual barbie stuff", "not a puzzle person".
_ONLY_DESCRIBE = frozenset({"usual", "typical", "obvious", "predictable", "same", "boring", "standard", "generic",
                            "basic", "overdone", "cheesy", "tacky", "violent"})
# Words after the thing excluded that say only how it comes: "no slime kits" leaves out slime, kit or not.
_ANY_KIND = frozenset({"kit", "kits", "set", "sets", "pack", "packs", "bundle", "bundles", "collection", "collections",
                       "gear", "products", "range"})
# Kinds a line's products mostly are, said after its name: "hot wheels cars", "funko pop figures".
_LINE_KINDS = frozenset({"cars", "toys", "figures", "dolls", "games", "books", "vehicles", "trucks", "things", "items",
                         "products", "stuff", "merch"})
_KIT_KINDS = frozenset({"model"})  # "not a model kit": a kit to build, not a built model
_A_PERSON_OF = frozenset({"person", "type", "fan", "fans", "guy", "gal", "lover", "lovers", "family",
                          "household", "fanatic"})


# Plurals that are not the singular and an "s": "except knives" leaves out a "Chef's Knife";
# "no jewellery making" a "Jewelry" kit.
_IRREGULAR = {"jewellery": "jewelry", "colour": "color", "colours": "color",  # and British spellings
              "knives": "knife", "wolves": "wolf", "elves": "elf", "shelves": "shelf", "leaves": "leaf",
              "halves": "half", "scarves": "scarf", "dwarves": "dwarf", "calves": "calf", "wives": "wife",
              "mice": "mouse", "geese": "goose", "children": "child"}


def _stem(word: str) -> str:
    """A light plural stem, enough to match 'kits' with 'kit' and 'puzzles' with 'puzzle'."""
    word = word.strip("'-&")
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def stem(word: str) -> str:
    """Public alias of the plural stemmer used for keyword matching."""
    return _stem(word.lower())
