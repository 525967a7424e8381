"""Ages a shopper said: "my 7 year old", "ages 3-5", "18 months", "a toddler", a fifth birthday."""
from __future__ import annotations

import re

from recommender.money import spelled_number

_AGE_SPAN = re.compile(r"\bages?\s*(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\b|"
                       # "my 2 nephews (6 and 9)", "the twins, 4 and 7": the ages of the children named
                       r"\b(?:nephews|nieces|grandsons|granddaughters|grandkids|grandchildren|kids|children|boys|girls|"
                       r"sons|daughters|twins)\s*(?:\(|,)\s*(\d{1,2})\s*(?:and|&|,)\s*(\d{1,2})\b(?!\s*(?:\$|dollars?|bucks?))",
                       re.IGNORECASE)
_AGE = re.compile(
    r"\b(\d{1,2})\s*(?:-|\s)?(?:years?|yrs?)(?:\s*|-)?olds?\b|\b(\d{1,2})\s*-?\s*(?:yo|y/o|y\.o\.?)(?![\w/])|"
    r"\b(?:aged?|ages)\s*(\d{1,2})\b(?!\s*(?:months?|mos?|mths?)\b)|\bturn(?:s|ing|ed)?\s*(\d{1,2})\b(?!\s*(?:months?|mos?|mths?)\b)|"
    r"\b(\d{1,2})(?:st|nd|rd|th)\s+(?:birthday|bday|b-day)\b|"  # "my son's 16th birthday"
    # "a board game for her 30th.": a birthday said by its number alone, what a gift is for (never "her
    # 5th grade teacher", "this would be his 3rd."; "their 5th" may be a couple's anniversary)
    r"\bfor\s+(?:his|her)\s+(\d{1,2})(?:st|nd|rd|th)\b(?=\s*(?:[.,;:!?)]|$|(?:but|so|next|this|coming|soon)\b))|"
    # "she have 10 years", "he has 7 years old": an age as other languages say it
    r"\b(?:she|he|they|who)\s+(?:has|have|having)\s+(\d{1,2})\s+(?:years?|yrs?)\b(?!\s+(?:of|left|ago|to|in|at|with|on|since|now|together)\b)",
    re.IGNORECASE)
# Who an age said beside them belongs to: "my stepson, 11", "my eldest (12)".
_AGED_PERSON = (r"nephew|niece|son|daughter|grandson|granddaughter|grandkid|grandchild|grandbaby|godchild|kid|kiddo|child|boy|girl|godson|"
                r"goddaughter|stepson|stepdaughter|lad|lass|eldest|youngest|oldest|teen|teenager|tween|toddler")
_NOT_AN_AGE = (r"(?![.,]\d|\s*(?:\$|dollars?|bucks?|usd|%|pounds?|kg|lbs?|inch|cm|feet|ft|months?|mos?\b|weeks?|days?|hours?\b|"
               r"hrs?\b|minutes?\b|mins?\b)|\s+(?:of\s+(?:us|them|you|\d+)|people|guests|players|persons|adults|kids|"
               r"in\s+total)\b)")  # "they'll be 6 of us", "he'll be 1 of 12 kids"
# "my niece is 4", "he's turning 7": a person word, then "is", then a bare number (not money).
_AGE_IS = re.compile(
    rf"\b(?:hes|shes|(?:he|she|they|{_AGED_PERSON}|brother|sister|cousin|little\s+one|friend|bff|bestie|buddy|pal|sil|mil|bil|fil)(?:'s|\s+(?:who\s+)?is|\s+(?:who\s+)?are|"
    r"\s+will\s+be|['’]ll\s+be|(?:['’]s|\s+is|\s+are|['’]re)\s+(?:going\s+to|gonna)\s+be))\s+(?:turning\s+|almost\s+|nearly\s+)?"
    rf"(\d{{1,2}})\b{_NOT_AN_AGE}|"
    # "my grandson Oliver, who is five", "my nephew Sam's 7": the person's name between
    rf"\b(?:{_AGED_PERSON}|brother|sister|cousin|friend|bff|bestie|buddy|pal)(?:\s+(?-i:[A-Z][a-z]+)(?:['’]s|\s+is)|(?:\s+[a-z]+)?\s*,?\s+who(?:['’]s|\s+is))"
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
_AGE_WORDS = {"toddler": (1, 3), "baby": (0, 2), "infant": (0, 1), "newborn": (0, 1), "preschooler": (3, 5),
              "teen": (13, 17), "teenager": (13, 17), "tween": (9, 12), "little one": (0, 5)}
# The words whose ages the age filter holds a list to where no age is said (`said_ages`): "baby"
# is as often a thing ("a baby doll for my daughter", "Baby Yoda") as a person.
_PERSON_AGE_WORDS = {word: span for word, span in _AGE_WORDS.items() if word != "baby"}


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


def parse_age(text: str) -> tuple[int | None, tuple[int, int] | None]:
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
    if parse_age(text)[0] is not None:
        return None
    spans = [_PERSON_AGE_WORDS[(m.group(1) or m.group(2)).lower()] for m in _SAID_OF_A_PERSON.finditer(text)
             if not _NOT_FOR_THEM.search(text[:m.start()])]
    spans += [_AGE_WORDS[re.sub(r"ies$", "y", m.group(1).lower()).rstrip("s")] for m in IS_A_BABY.finditer(text)]
    spans += [_grade_ages(m) for m in SCHOOL_GRADE.finditer(text) if not _NOT_FOR_THEM.search(text[:m.start()])]
    spans += [_AGE_WORDS["newborn" if m.group("born") else "baby"] for m in _A_BABY_SAID.finditer(text)]
    return (min(lo for lo, _ in spans), max(hi for _, hi in spans)) if spans else None


# The recipient, said with a word of age: "for a toddler", "my little one", "our teen"; never a
# name ("a Teen Titans figure"), a kind of thing ("toddler toys"), or "is there a little one?".
_SAID_OF_A_PERSON = re.compile(
    r"(?i:\b(?:(?:for|to)\s+(?:a|an|my|our|the|his|her|their)|a|an|my|our|his|her|their)\s+(?:little\s+|young\s+)?"
    r"(" + "|".join(w for w in _PERSON_AGE_WORDS if " " not in w) + r")s?\b)"
    r"(?!\s+[A-Z])(?i:(?!\s+(?:toys?|stuff|things|games?|books?|beds?|clothes|section|range|sizes?|puzzles?|dolls?|props?|"
    r"photography|outfits?|diapers?)\b))|"
    r"(?i:\b(?:(?:for|to)\s+(?:a|the)|my|our|his|her|their)\s+(little\s+one)s?\b)")  # someone's, or "for a little one"; never "is there a little one?"
# ... or said to be one: "he's a baby", "she's still a newborn", "they're only babies" (a baby
# said of a person, never a doll).
# The clause ends there: never "he's a baby boomer", "she's a baby about it", "a newborn photographer".
IS_A_BABY = re.compile(r"\b(?:(?:he|she)(?:['’]s|\s+is)|hes|shes|(?:they|twins)(?:['’]re|\s+are))\s+"
                        r"(?:(?:just|only|still|really)\s+)*(?:an?\s+)?(?:tiny\s+|little\s+)?(bab(?:y|ies)|infants?|newborns?)\b"
                        r"(?=\s*(?:[.,;:!?)]|$|(?:and|so|but|now|still|too|lol|haha|though|tho)\b))", re.IGNORECASE)
# ... or said to be just born, or teething: "he was born last week", "my new nephew", "her first
# christmas", "my son is teething" (never "since before I was born", "our first christmas
# together", "my new son-in-law", "a puppy that's teething").
_A_BABY_SAID = re.compile(r"\b(?P<born>(?:(?:he|she|they|who|baby|son|daughter|nephew|niece|grandson|granddaughter|grandbaby)\s+"
                          r"(?:was|were|(?:has|have)\s+just\s+been)|just|newly|recently)"
                          r"\s+born\b|new\s+(?:nephew|niece|grandson|granddaughter|grandbaby|"
                          r"son|daughter|baby\s+(?:boy|girl))\b(?![\s-]+in[\s-]+law)|(?:his|her|baby['’]s|the\s+baby['’]s)\s+"
                          r"(?:first|1st)\s+(?:christmas|xmas|easter|hanukkah)\b|\b(?:first|1st)\s+(?:christmas|xmas)\s+(?:gift|present)s?\s+for\b)|"
                          r"\b(?:(?:he|she|they)(?:['’](?:s|re)|\s+is|\s+are)|hes|shes|(?:son|daughter|nephew|niece|grandson|"
                          r"granddaughter|baby|one)\s+(?:is|has\s+been))\s+(?:\w+\s+)?teething\b|\bteething\s+(?:baby|babies|toddler|infant|one)\b",
                          re.IGNORECASE)
# ... or a school grade of the children it is for: "my 3rd grader", "a 6th grade class", "grade 2
# kids", "my son is in 3rd grade", "a kindergartner" (never "my 5th grade teacher" nor "my 3rd
# grader's teacher", a grown-up, nor "Grade 6" of a title).
_GRADE_NUMBER = (r"(?:(?P<n{0}>1[0-2]|[1-9])(?:st|nd|rd|th)|(?P<word{0}>first|second|third|fourth|fifth|sixth|seventh|"
                 r"eighth|ninth|tenth|eleventh|twelfth))")
_GRADE_CHILDREN = r"(?:class(?:es|room)?|kids|students|pupils|boys?|girls?|son|daughter|niece|nephew)\b(?!['’]s)"
SCHOOL_GRADE = re.compile(rf"\b{_GRADE_NUMBER.format(1)}[\s-]+grade(?:rs?\b(?!['’]s)|(?=\s+{_GRADE_CHILDREN}))|"
                          rf"\bin\s+(?:the\s+)?{_GRADE_NUMBER.format(2)}[\s-]+grade\b(?!\s+teacher)|"
                          rf"\bgrade\s+(?P<n3>1[0-2]|[1-9])\s+(?={_GRADE_CHILDREN})|"
                          rf"\b(?P<k>kindergart[ae]?ners?|kindergarten\s+{_GRADE_CHILDREN})", re.IGNORECASE)


def _grade_ages(m: re.Match[str]) -> tuple[int, int]:
    """The ages of a school grade (`SCHOOL_GRADE`): a first grader is six or seven, a kindergartner five or six."""
    if m.group("k"):
        return 5, 6
    number = m.group("n1") or m.group("n2") or m.group("n3")
    grade = int(number) if number else _ORDINAL_WORDS[(m.group("word1") or m.group("word2")).lower()]
    return grade + 5, grade + 6


# ... unless said as what it is not: "too old for toddler toys", "nothing for toddlers".
_NOT_FOR_THEM = re.compile(r"(?:\btoo\s+old\s+for|\bnothing\s+for|\bnot\s+(?:for|a)|\bno)\s+(?:\w+\s+)?$", re.IGNORECASE)
