"""Reading a product question: what it is about (its aspects), what kind of answer it wants, and
whether the quotes say yes or no. `recommender/qa.py` answers with these; `bot/verdicts.py`
has its own narrower reading of which messages are product questions at all.

- `aspects_of`: "what does it run on?" is about batteries or power, "dryer ok?" about washing;
  each aspect also names the words a passage uses when it speaks of it (`speaks_of`);
- `answer_kinds` and `can_answer`: "how long does it burn?" wants a duration, "how many pages?"
  a count of pages: a passage without one cannot answer, however close its topic;
- `asked_things`: what a yes/no question asks to be in the box ("does it come with a lid?");
- `asking_part`: the sentences that ask, where others only tell ("what paint is on them? my 2
  year old chews on everything"): the readings above are taken from them;
- `polarity`: "yes"/"no" only when the quotes decide the yes/no question.
"""
from __future__ import annotations

import re
from typing import Literal

from recommender.listing import Passage
from recommender.money import NUMBER_WORDS

# "will it fit our tetherball pole?" asks what it works with; "will it fit my son?" how big it is
_FITS_A_THING = (r"\s+(?:my|our|the|your|his|her|their|other|any|all|standard|regular)\s+(?!son|daughter|kid|child|boy|girl|"
                 r"grand|nephew|niece|toddler|baby|husband|wife|teen|little)")
# What a question can be about: (words in the question, words in a passage that speak of it,
# what "the listing doesn't say" names).
ASPECTS: dict[str, tuple[str, str, str]] = {
    "batteries": (r"batter|rechargeable|charg|power|plug|cord|\bvolt(?:s|age)?\b|\bmah\b|\bruns? on\b(?!\s+(?:my|our|the|your|a|an|his|her)\b)", (r"batter|rechargeable|charg|usb|power|plug|cord|"
                  r"electric|\baa+\b|\bvolt|\d\s*v\b|\d\s*mah\b"),
                  "anything about batteries or power"),
    "material": (r"made (?:of|from|out)|material|plastic|wood|metal|fabric|cotton|steel|bpa|latex|allergic", (r"plastic|wood|metal|steel|"
                 r"cotton|polyester|fabric|material|made (?:of|from|with)|silicone|rubber|foam|cardboard|paper|leather|"
                 r"nylon|resin|vinyl|alumin|bamboo|wool|acrylic|abs\b|felt|plush|polymer|glass|ceramic|canvas|latex|bpa|mesh|wire|"
                 r"porcelain|paraffin|wax|beech|pine|oak|card ?stock|\bmdf\b|(?:chip|paper|hard|fib(?:er|re)|particle|ply)[ -]?(?:board|wood)|\bpvc\b|die-?cast|alloy"),
                 "what it is made of"),
    "count": (r"how many|pieces|pcs|\bpc\b|count|number of", (r"\b\d+\s*(?:-\s*)?(?:[a-z]+-)?[a-z]{2,}|\bpieces?\b|\bof \d|"
              r"\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|dozen)\b"), "how many there are"),
    # "old school", "my old phone", "next year", "a few months" say no age
    "age": ((r"\bage|(?<!\bmy )(?<!\bour )(?<!\bthe )(?<!\ban )\bold\b(?![- ](?:school|fashioned|style|version|model))|\byrs?\b|"
             r"(?<!next )(?<!last )(?<!this )(?<!every )(?<!per )(?<!\ba )(?<!\bfew )\b(?:years?|months?)\b(?! ago)|"
             r"toddler|kid|child|baby|adult|teen|grown|\d\s*(?:yo|y/o|mo)\b|too (?:advanced|hard|easy|young|old|difficult)"), (r"\bage|years|yrs|toddler|"
            r"kids?\b|child|adult|teen|months|\d+\s*\+|grade"), "what age it is for"),
    "size": (rf"how (?:big|large|small|tall|long|wide|high)|\bsize|dimension|inch|\bcm\b|measure|\bfit\b(?!{_FITS_A_THING})",
             (r"inch|\d\s*-?\s*(?:in\b(?!-?\d)|\"|”|''|’’)|\d+:\d+ scale|"
             r"(?:\d\s*|\b)(?:cm|mm)\b|feet|\bfoot\b|\bft\b|dimension|measur|\bsize|tall|wide|long|diameter|height|length|width|large|small"),
             "how big it is"),
    "weight": (r"weigh|heavy|lightweight|\blight (?:enough|to carry)", r"weigh|\blbs?\b|pounds|\boz\b|ounces|\bkg\b|grams|lightweight|heavy",
               "what it weighs"),
    "water": (r"water|rain|\bwet\b|pool|bath|swim|shower|splash|puddle|\bsnow\b(?!\s*white|man)|submerg", r"water|rain|\bwet\b|splash|pool|bath|swim|shower|weather",
              "whether it can get wet"),
    "washing": (r"\bwash|clean|dishwasher|laundry|dryer|tumble|stain|come out|\bwip(?:e|ed|ing)\b", (r"\bwash|clean|dishwasher|wipe|laundr|"
                r"tumble|stain"), "how to clean it"),
    "assembly": ((r"assembl|put together|set ?up|built|\bbuild(?!ing (?:blocks?|bricks?|sets?|toys?|kits?))|install|\bglue|"
                  r"tools? (?:needed|required)|screwdriver|\b(?:come|comes|arrive|arrives|ship|ships) in (?:pieces|parts)\b|"
                  r"ready to (?:go|use|play|ride) (?:right )?out of the box"),
                 r"assembl|put together|set ?up|built|\bbuild|install|glu|snap|tools?\b|screw",
                 "whether it needs assembly"),
    "contents": (r"come with|comes with|include|in the box|what'?s in|contents|\bextra|separately", (r"includ|comes with|come with|contain|"
                 r"set of|\bwith\b|\bpack\b|\bkit\b|^\d+\s+[a-z]|separately|sold|case of"), "what comes in the box"),
    "warranty": (r"warrant|guarantee|refund|return", r"warrant|guarantee|refund|return", "anything about a warranty"),
    "colour": (r"(?<!water)colou?r|\bshade", (r"(?<!water)colou?r|\bred\b|blue|green|yellow|pink|purple|black|white|orange|"
               r"brown|grey|gray|silver|gold|rainbow|multicolou?r"), "its colour"),
    "safety": (r"\bsafe|toxic|choking|small parts|certif|lead\b", (r"\bsafe|toxic|choking|small parts|certif|astm|cpsia|"
               r"\bce\b|tested|lead[- ]free|bpa"), "anything about safety"),
    "sound": (r"sound|noise|noisy|loud|music|sing|volume", r"sound|noise|music|song|sing|volume|speaker|audio|tune",
              "anything about sound"),
    "light": (r"light up|lights|\bled\b|glow", r"light|\bled\b|glow", "anything about lights"),
    "control": (r"remote|\bapp\b|bluetooth|wi-?fi|control|wireless", (r"remote|\bapp\b|bluetooth|wi-?fi|control|2\.4 ?ghz|"
                r"wired|wireless|cable"), "how it is controlled"),
    "time": (r"how long|hours|minutes|last\b|run ?time|play ?time", (r"\bhours?\b|\bminutes?\b|\bmins?\b|\d\s*(?:days?|weeks?)\b|run ?time|"
             r"play ?time|last"), "how long it lasts"),
    "speed": (r"how fast|speed|mph|km/?h", r"speed|mph|km/?h|fast", "how fast it goes"),
    "players": ((r"\bplay\w*\b.*\b(?:alone|solo|by (?:my|him|her|them)sel\w*|at once|together)\b|"
                 r"\b(?:alone|solo|by (?:my|him|her|them)sel\w*|at once|together)\b.*\bplay|"
                 r"how many (?:people|players|kids|of us)|\bplayers?\b|\bof us\b"),
                # a count of players, not "player cards"
                (r"(?<![-\w])(?:\d+|one|two|three|four|five|six|seven|eight|ten)\+?\s*(?:-|to|or|and)?\s*(?:\d+|two|three|four|five|six|"
                 r"seven|eight|ten)?\+?\s*(?:players?|people|persons?)\b"
                 r"(?!\s+(?:cards?|characters?|pieces?|boards?|mats?|tokens?|pawns?|figures?|aids?|screens?|markers?))|"
                 r"\bplayers?\s*:\s*\d|\bsolo\b|single[- ]player|"
                 r"multi-?player|\bplayers? (?:ages|\d)"),
                "how many can play"),
    "compatibility": ((r"work with|compatible|fit (?:with|on|in|into)|go with|snap (?:together )?with|connect (?:to|with)|"
                       rf"other (?:\w+ ){{0,3}}brands|\bmix (?:\w+ ){{0,3}}with|\bfits?{_FITS_A_THING}"),
                      r"compatib|\bfits?\b|works? with|brands|connect|attach\w* to|for use with", "what it works with"),
    "removable": (r"come off|detach|remov|take (?:it |them )?(?:off|apart)|(?<!buy )(?<!sold )(?<!purchase )(?<!order )separate(?!ly)",
                  r"detach|remov|take off|separat|zip",
                  "whether it comes apart"),
    "place": (r"outside|outdoors?|indoors?|backyard|\byard\b|garden", r"outdoor|outside|indoor|inside|yard|garden|patio",
              "where it is meant to be used"),
    "heat": (r"\boven\b|\bbak(?:e|ed|ing)\b(?!\s+soda)|microwave|freezer", r"\boven|\bbak(?:e|ed|ing)\b|microwave|\bfreez", "whether it can go in the oven, microwave or freezer"),
    "binding": (r"\bhardcover\b|\bhard ?(?:back|cover) book|\bhardback|paper ?back|soft ?cover|board book|spiral[- ]bound", (r"hard ?(?:back|cover)|paper ?back|soft ?cover|"
                r"board book|spiral|binding"), "whether it is hardcover or paperback"),
    "inflation": (r"blown up|blow (?:it |them )?up|inflat|deflat|\bpump\b", r"inflat|deflat|\bpump|blow", "whether it comes inflated"),
    "origin": (r"\bmade in\b(?!\s+(?:one|two|\d))|\bwhere (?:\w+ ){1,3}(?:made|manufactured|produced|from)\b|country of origin|manufactured",
               r"\bmade in\b|origin|manufactured in|produced in|imported|\busa\b|united states", "where it is made"),
    "author": (r"\bauthor|who wrote|written by|\bwriter\b|illustrat", r"\bauthor|written by|\bwriter\b|illustrat", "who wrote it"),
    "articulation": (r"\bpose?able\b|articulat|\bjoints?\b|move (?:his|her|its|the|their) (?:arms|legs|head)",
                     r"\b(?:pose?able|move?able)\b|articulat|\bjoint|points of|\bbend", "whether it can be posed"),
}
_ASPECT_RES = {k: (re.compile(q, re.IGNORECASE), re.compile(p, re.IGNORECASE), what) for k, (q, p, what) in ASPECTS.items()}
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOPWORDS = frozenset("""a an the it its it's this that these those they them is are was were be been do does did
doing have has had having i me my you your we our he she his her what which who whom how when where why will would
can could should shall may might must of in on at to for from by with about as into than then so if or and but not no
yes any some there here one ones first second third fourth fifth last thing item product listing please tell know
want wanna need needs get got come comes came also just really very much many thanks hi hey ok okay whats s""".split())
_YES_NO = re.compile(r"^\s*(?:(?:hi|hey|ok|okay|so|and|but|also|um|hmm)[,!]?\s+)*(?:is|are|does|do|can|could|will|would|"
                     r"has|have|did|should|was|were|isn'?t|aren'?t|doesn'?t|don'?t)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|no|non|without|never|isn'?t|aren'?t|doesn'?t|don'?t|cannot|can'?t)\b[\s-]*(?:\w+[\s-]+){0,2}$",
                       re.IGNORECASE)
_NOT_INCLUDED = re.compile(r"not included|sold separately|not come with|doesn'?t come with|purchased separately|"
                           r"not supplied|batteries? required|excluded", re.IGNORECASE)
_INCLUDED = re.compile(r"\bincludes?\b|\bincluded\b|\bincluding\b|comes with|\bcontains?\b|\bwith\b|supplied", re.IGNORECASE)
_NEEDS = re.compile(r"\brequires?\b|\brequired\b|\bneeds?\b|\buses?\b|\bpowered by\b|\boperates? (?:on|with)\b|\bruns? on\b|"
                    r"\btakes?\b", re.IGNORECASE)


# What kind of answer a question wants, when a passage without one cannot answer it however
# close its topic: (the question's words, what a passage must hold, what "doesn't say" names).
_UNIT_TIME = r"(?:hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?)"
_UNIT_SIZE = r"(?:inch(?:es)?|in\b|\"|”|''|cm|mm|meters?|metres?|m\b|ft|feet|foot|yards?|yds?)"
_UNIT_WEIGHT = r"(?:lbs?|pounds?|oz|ounces?|kg|kilograms?|g\b|grams?)"
_NUM = r"(?:\d+(?:[.,/]\d+)?(?:\s*[¼½¾⅓⅔⅛])?|[¼½¾]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|half)\b)"
_SIZE_NAME = r"\b(?:small|medium|x*-?large|one size|x{1,3}[ls])\b"  # "Small (4-6x)": a size, no measure
ANSWER_KINDS: dict[str, tuple[str, str, str]] = {
    "time": ((r"\bhow long (?:does|do|will|would|can|could|until|till|before|to|it takes?|has)\b|\bhow (?:many|much) "
              r"(?:hours?|hrs?|minutes?|mins?|days?|time)\b|\b(?:burn|run|play|charging|charge) ?time\b|\bbattery life\b"),
             rf"{_NUM}\s*(?:[-‐‑–]|to)?\s*(?:{_NUM}\s*)?\+?\s*{_UNIT_TIME}\b", "how long it lasts"),
    "size": ((r"\bhow (?:big|large|small|tall|wide|high|deep|thick)\b|\bhow long (?:is|are)\b|\b(?:dimensions?|diameter|"
              r"measurements?|length|width|height)\b|\bwhat size\b|"
              rf"\bhow many {_UNIT_SIZE}"),
             rf"{_NUM}\s*(?:[-‐‑–]|to)?\s*(?:{_NUM}\s*)?{_UNIT_SIZE}|\d\s*x\s*\d|\bsize\s*\d|{_SIZE_NAME}",
             "how big it is"),
    "weight": (rf"\bhow many {_UNIT_WEIGHT}|\bhow heavy\b|\bhow much (?:does|do) (?:it|they|this|that|the \w+) weigh\b|\bweight\b",
               rf"{_NUM}\s*{_UNIT_WEIGHT}\b|\bweigh", "what it weighs"),
    "origin": ((r"\bwhere (?:is|are|was|were|do|does) (?:it|they|this|these|that|the \w+) (?:\w+ )?(?:made|manufactured|"
               r"produced|from|come from)\b|\bmade in (?:what|which)\b|\bcountry of origin\b"),
               r"\b(?:made|manufactured|produced|assembled|printed|crafted) in\b|\bimported\b|\borigin\b", "where it is made"),
    "battery type": (r"\bwhat (?:kind of |type of |sort of |size )?batter(?:y|ies)\b|\bwhich batter|\bbatter(?:y|ies) (?:type|size)\b",
                     (r"batter|\baaa?\b|\b[cd]\s*(?:cells?|size)\b|\bvolt|\d\s*v\b|lithium|li-?ion|rechargeable|button cell|"
                      r"\bcr\d{4}|\blr\d+|\bag\d+|usb"), "what batteries it takes"),
    "speed": (r"\bhow fast\b|\btop speed\b|\bwhat speed\b|\bhow quick(?:ly)? (?:does|can|will) (?:it|they) (?:go|run|drive|fly)\b",
              r"\d+\s*(?:mph|km/?h|kph|miles? (?:per|an) hour|feet per second|fps|m/s)\b", "how fast it goes"),
    # "is it ok for a 6 year old?": a passage without an age cannot say
    "age": ((r"\b\d+\s*(?:yo|y/o|y\.o\.)|\b\d+[- ]?(?:years?|yrs?|months?)[- ]old\b|\bage[- ]appropriate\b|\bwhat age|"
             r"\bhow old\b|\btoo (?:young|old|advanced|hard|easy|difficult)\b|\bturns? \d+\b"),
            (r"\bag(?:es?|ed)\b|\d+\s*(?:\+|and up|years|yrs|months|mos|(?:or|and) (?:under|younger|older|over))|\b(?:under|over) \d|"
             r"\b(?:toddler|preschool|grade|teen|adult|baby|babies|infant)"),
            "what age it is for"),
    "scale": (r"\bwhat scale\b|\bscale (?:is|are)\b|\bwhich scale\b", r"\b1\s*[:/]\s*\d+|\b(?:ho|n|o|g|oo|s)\s+(?:scale|gauge)\b|\d\s*scale\b", "what scale it is"),
    "temperature": (r"\bwhat (?:temp|temperature|degrees?)\b|\bhow hot\b|\bwhat heat\b|\btemperature range\b",
                    r"\d\s*(?:°|º)\s*[cf]?\b|\d\s*degrees?\s*(?:f|c|fahrenheit|celsius)\b", "what temperature it takes"),
    # "what are the magnets made of?": a passage that names no material cannot say
    "material": (r"\bmade (?:up )?(?:of|from|out of)\b|\bwhat (?:material|fabric)|\bwhat kind of (?:material|fabric|plastic|wood|metal)\b",
                 ASPECTS["material"][1], "what it is made of"),
    # "how loud can they get?": a passage without decibels cannot say
    "loudness": (r"\bhow loud\b|\b(?:max(?:imum)?|top) volume\b(?!\s+of)|\bdecibels?\b|\bdb\b", r"\d\s*d[bB]\b|decibel",
                 "how loud it gets"),
    "filling": (r"\b(?:stuffed|filled) with\b|\bstuffing\b|\bfilling\b",
                (r"polyester|\bfib(?:er|re)|cotton|\bbeans?\b|pellets|\bfoam\b|\bdown\b|\bfill(?:ed|ing)?\b|stuffing|batting|"
                 r"\bbeads\b"), "what it is filled with"),
}
_UNIT = re.compile(rf"{_UNIT_TIME}|{_UNIT_SIZE}|{_UNIT_WEIGHT}", re.IGNORECASE)
_ANSWER_KIND_RES = {k: (re.compile(q, re.IGNORECASE), re.compile(p, re.IGNORECASE), what)
                    for k, (q, p, what) in ANSWER_KINDS.items()}
_HOW_MANY = re.compile(r"\bhow many (?:(?:different|kinds?|types?|sorts?|total|separate|individual|of|little|lil|small|tiny|mini|"
                       r"big|large|whole|actual|real|extra)\s+)*(\w+)(?:\s+(\w+))?",
                       re.IGNORECASE)
# "how long" asks a length unless a verb of time follows ("how long does it burn?")
_HOW_LONG = re.compile(r"\bhow long\b(?!.*\b(?:last|burn|take|run|play|charge|keep|stay|hold|work|cook|dry|grow|wait|"
                       r"until|till|before|battery|time)\w*)", re.IGNORECASE)
# "how long do the poles extend?" asks a length, not a time, and "how long is a game?" a time as
# "how long is the slide?" a length: per kind wanted, the other kind that answers it when so asked
_HOW_LONG_EITHER = {"time": ("size", _HOW_LONG), "size": ("time", re.compile(r"\bhow long (?:is|are)\b", re.IGNORECASE))}
_COUNTABLE = re.compile(rf"{_NUM}|\b(?:dozen|pair|single|several|multiple)\b", re.IGNORECASE)
# "how many pieces" is answered by any count; "how many pages" only by a count of pages.
_ANY_COUNT = frozenset("piece pieces pc pcs item items thing things one ones part parts total count".split())
_PEOPLE_COUNTED = ("player", "people", "person", "kid", "child", "figure", "doll", "character")  # "how many lil people": mini-dolls
_COUNT_SYNONYMS = {"people": _PEOPLE_COUNTED, "person": _PEOPLE_COUNTED, "ppl": _PEOPLE_COUNTED,
                   "brick": ("brick", "block", "piece", "pc", "cube"), "block": ("brick", "block", "piece", "pc", "cube"),
                   "design": ("design", "pattern", "print", "style"), "pattern": ("design", "pattern", "print", "style"),
                   "kid": ("player", "kid", "child"), "child": ("player", "kid", "child"),
                   "color": ("color", "colour", "shade"), "colour": ("color", "colour", "shade")}


def answer_kinds(question: str) -> list[str]:
    """The kinds of answer the question wants ("time", "size", "weight", "origin")."""
    return [k for k, (q, _, _) in _ANSWER_KIND_RES.items() if q.search(question)]


def counted(question: str) -> str | None:
    """What "how many X" counts, when it is a particular thing (not "pieces" or "items", nor a unit
    of time or measure, which `answer_kinds` asks for)."""
    nouns = _counted_nouns(question)
    return nouns[0] if nouns else None


def _counted_nouns(question: str) -> list[str]:
    """The words that may name what is counted: "how many lil people" counts people, "how many
    lego people" lego people; either word held by a passage will do."""
    m = _HOW_MANY.search(question)
    if not m:
        return []
    first = m.group(1).lower()
    if first in _ANY_COUNT or first in STOPWORDS or _UNIT.fullmatch(first):
        return []
    second = (m.group(2) or "").lower()
    return [_stem(first)] + ([_stem(second)] if second and second not in STOPWORDS and not _UNIT.fullmatch(second) else [])


# "One dozen per order", "pack of 12", "24-count": how many of the product itself come
_PER_PACK = re.compile(rf"\b{_NUM}\s*(?:per|in (?:a|each|the|one)|to a|an?)\s+(?:order|pack(?:age)?|box|set|bag|case|bundle)\b|"
                       r"\b(?:pack|box|bag|case|bundle) of\s*\d+(?!\s*[a-z])|\b\d+\s*-?\s*(?:pack|pk|count|ct)\b|"
                       r"\b(?:one|a|half a) dozen (?:per|in|to)\b", re.IGNORECASE)


# "dryer ok?", "dishwasher safe?": a passage that names no such care ("Machine washable") cannot say
_APPLIANCES = tuple((re.compile(q, re.IGNORECASE), re.compile(p, re.IGNORECASE)) for q, p in (
    (r"\b(?:dryer|tumble)\b", r"\bdry|\bdried\b|tumble"),
    (r"\bdishwasher", r"dishwasher|hand[- ]?wash|wipe"),
    (r"\bmicrowave", r"microwave"),
    (r"\boven\b", r"\boven|\bbak(?:e|ed|ing)\b"),
    (r"\bfreezer\b", r"\bfreez"),
    (r"\bdry[- ]clean", r"dry[- ]clean|machine[- ]wash|hand[- ]wash|washable|washing machine"),
))
# "will it keep my coffee hot?": a passage that says only "keeps drinks cold" cannot say, nor the reverse
# (asked only of what it keeps: "is this jacket warm?" is no such question)
_KEEPS = re.compile(r"\b(?:keeps?|stays?|keeping)\b", re.IGNORECASE)
_HOT, _COLD = re.compile(r"\b(?:hot|warm)\b", re.IGNORECASE), re.compile(r"\bcold\b", re.IGNORECASE)
_OPPOSITES = ((_HOT, _COLD), (_COLD, _HOT))
# "will the app run on a Kindle Fire?": the devices asked about must be the passage's
_DEVICES = re.compile(r"\b(?:android|ios|ipads?|iphones?|kindle|chromebooks?|windows (?:pc|\d+)|macbook|mac ?os|xbox|playstation|"
                      r"ps[345]|apple watch|alexa)\b", re.IGNORECASE)


def _devices(text: str) -> set[str]:
    """The devices a text names, "iPads" and "iPhone" as iOS, "Windows 10" as windows, plurals as one."""
    found = set()
    for device in (d.lower() for d in _DEVICES.findall(text)):
        if device.startswith(("ios", "ipad", "iphone")):
            found.add("ios")
        elif device.startswith("windows"):
            found.add("windows")
        else:
            found.add(device.removesuffix("s"))
    return found


# "Packed in a 9 x 6 inch cardboard box": what it is packed in is not what it is made of
_PACKED = re.compile(r"\b(?:pack(?:ed|aged)|ship(?:s|ped)|comes|arrives?|sold|stored) in (?:a |an |its |the )?[\w\s-]{0,40}?"
                     r"\b(?:box|bag|tin|case|packag(?:e|ing))\b|\bpackaging\b", re.IGNORECASE)
_CONTAINER = re.compile(r"\b(?:box|bag|case|tin|packaging|package)\b", re.IGNORECASE)  # "what is the box made of?"


# "maximum load is 265 lb", "supports up to 220 lbs": what it carries, not what it weighs
_ASKS_LOAD = re.compile(r"\bhow much weight\b|\bweight (?:can|will|does)\b|\bhold (?:up|me|an adult)|\b(?:sit|stand|ride) on\b",
                        re.IGNORECASE)
_LOAD = re.compile(r"\b(?:max(?:imum)?\s+)?(?:load|capacity|weight (?:limit|capacity))\b[^.;,]*|\b(?:supports?|holds?|carr(?:y|ies))\s+"
                   r"(?:up to\s+|a maximum of\s+)?\d[^.;,]*|\blimit\b[^.;,]*", re.IGNORECASE)
_MEASURED = re.compile(r"\b(?:measurements?|dimensions?|how (?:big|large|tall|wide|high|deep|thick|long)|length|width|height|"
                       r"diameter|inches|cm)\b", re.IGNORECASE)
_SIZE_NAMES = re.compile(_SIZE_NAME, re.IGNORECASE)


_AGES = re.compile(r"\bages?\s*:?\s*\d+(?:\s*(?:\+|and up|to \d+|-\s*\d+))?(?:\s*(?:months?|years?|yrs?))?|"
                   r"\bfor (?:kids|children) \d+\s*\+?|\b\d+\s*(?:-\s*\d+\s*)?(?:years?|yrs?|months?)[\s-]*old\b|"
                   r"\b\d+\s*\+(?=\s*(?:$|[,.;)]|years|yrs|months))|\b\d+\s+and up\b", re.IGNORECASE)
_PLAYER_NOUNS = frozenset({"player", *(noun for noun, also in _COUNT_SYNONYMS.items() if "player" in also)})
# "how long does it take to charge?" is not answered by a run time ("plays 40 minutes on a full charge")
_CHARGE_TIME = re.compile(r"\btakes? to (?:fully )?(?:re)?charge\b|\bcharg(?:e|ing) time\b|\bhow long (?:to|does it take to) (?:re)?charge\b",
                          re.IGNORECASE)
_CHARGES_IN = re.compile(r"\bcharg\w*\s+(?:fully\s+)?(?:in|within)\b|\b(?:to|of)\s+(?:fully\s+)?(?:re)?charg|charg(?:e|ing) time",
                         re.IGNORECASE)


def can_answer(question: str, p: Passage, product_words: frozenset[str] = frozenset()) -> bool:
    """Whether the passage holds an answer of the kind the question wants: a duration, a measure,
    a weight, a place of making, a count (of the thing counted, or of the product itself, one of
    `product_words` (its title's `words`), by the pack), the care asked of an appliance ("dryer
    ok?": drying), the temperature something keeps, the devices named. What a thing is packed in,
    what it carries and a size's name are not read as its material, weight or measure, nor an age
    as a count. Any passage can when none is wanted."""
    text = p.readable()
    if any(asked.search(question) and not answers.search(text) for asked, answers in _APPLIANCES):
        return False
    if _KEEPS.search(question) and any(asked.search(question) and not other.search(question) and other.search(text)
                                       and not asked.search(text) for asked, other in _OPPOSITES):
        return False
    if (devices := _devices(question)) and not devices & _devices(text):
        return False
    for kind in answer_kinds(question):
        said = text
        if kind == "material" and not _CONTAINER.search(question):  # unless the box itself is asked about
            said = _PACKED.sub(" ", said)
        elif kind == "weight" and not (_LOAD.search(question) or _ASKS_LOAD.search(question)):  # what it weighs, not carries
            said = _LOAD.sub(" ", said)
        elif kind == "size" and _MEASURED.search(question):  # "what are the measurements": not "Small"
            said = _SIZE_NAMES.sub(" ", said)
        elif kind == "time" and _CHARGE_TIME.search(question) and not _CHARGES_IN.search(said):
            return False
        if _ANSWER_KIND_RES[kind][1].search(said):
            continue
        other, asks = _HOW_LONG_EITHER.get(kind, ("", None))
        if not (asks and asks.search(question) and _ANSWER_KIND_RES[other][1].search(text)):
            return False
    if _HOW_MANY.search(question):
        if not _COUNTABLE.search(_AGES.sub(" ", text)):  # "ages 6 and up" counts nothing
            return False
        nouns = _counted_nouns(question)
        if nouns:
            held = set(words(text))
            wanted = {w for noun in nouns for w in _COUNT_SYNONYMS.get(noun, (noun,))}
            if not any(named_anywhere(_stem(w), held) for w in wanted) and not (
                    _PER_PACK.search(text) and not set(nouns) & _PLAYER_NOUNS
                    and any(named_anywhere(_stem(w), set(product_words)) for w in wanted)):
                return False
    return True


def words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


def _stem(word: str) -> str:
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and not word.endswith("ss"):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


# A sentence ends at "?" or "!", or at "." unless the word before it is cut short ("approx.", "e.g.", "10 in.")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_CUT_SHORT = frozenset("""approx ca e.g eg i.e ie etc vs mr mrs ms dr st no nr in ft oz lb lbs cm mm pcs pc yr yrs mo
mos min mins hr hrs sec qty""".split())
_ASKS = re.compile(r"\?[?!.)\"'”]*$")  # "is it loud?!"
# what "is it ok for him?" says of its own: nothing, so the sentences around it are what is asked about
_VAGUE = frozenset("him ok okay fine good alright suitable appropriate right enough work works".split())


def _sentences(question: str) -> list[str]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(question):
        before = question[start:m.start()]
        last = before.rsplit(None, 1)[-1].lower().rstrip(".") if before.split() else ""
        if before.endswith(".") and not before.endswith("..") and (last in _CUT_SHORT or (len(last) == 1 and last.isalpha())):
            continue  # "approx. 10 in. tall", "J. K. Rowling"
        out.append(before)
        start = m.end()
    out.append(question[start:])
    return [s for s in out if s.strip()]


def asking_part(question: str) -> str:
    """The sentences of a question that ask, where others only tell: "what kind of paint is on
    them? my 2 year old chews on everything" asks about paint, not an age. Those ending in "?";
    the whole question when none does, all do, or those that do say nothing of their own ("is it
    ok for him?")."""
    sentences = _sentences(" ".join(question.split()))
    asking = [s for s in sentences if _ASKS.search(s.rstrip())]
    if not asking or len(asking) == len(sentences) or not [w for w in words(" ".join(asking)) if w not in _VAGUE]:
        return question
    return " ".join(asking)


# "when my toddler is done", "my kid chews on everything": the child is who does something, not an
# age asked about ("is it ok for my toddler?", "can my toddler use it?" still ask one)
_THEIR_CHILD = re.compile(r"\b(?<!for )(?<!fit )(?<!suit )(?<!with )(?<!can )(?<!could )(?<!will )(?<!would )(?<!should )"
                          r"(?<!is )(?<!does )(?:my|our|his|her|their)\s+(?:little\s+)?"
                          r"(?:toddler|kid|child|baby)s?\b(?=\s+(?:is|was|has|had|gets?|got|keeps?|always|loves?|likes?|"
                          r"chews?|plays?|uses?|breaks?|puts?|won['’]?t|can['’]?t|doesn['’]?t|will|would|\w+s\b))"
                          # ... save one whose age is said: "my kid is 2", "my toddler turns 2", "my kids will be 4 and 6"
                          r"(?!\s+(?:is|was|turns?|turned|will\s+be|are)\s+(?:only\s+|just\s+|almost\s+|nearly\s+|about\s+|around\s+)?"
                          r"(?:\d|" + "|".join(NUMBER_WORDS) + r")\b)",
                          re.IGNORECASE)


# "... so we can look at our own samples from the garden?": what it is for, not what is asked about it
_PURPOSE = re.compile(r"\bso (?:that )?(?:we|i|he|she|they|you|u|(?:my|our|his|her|their) \w+) (?:can|could|may|might)\b(?:(?!\band\b)[^?.!,;])*",
                      re.IGNORECASE)


def aspects_of(question: str) -> list[str]:
    question = _PURPOSE.sub(" ", _THEIR_CHILD.sub(" ", question))
    return [k for k, (q, _, _) in _ASPECT_RES.items() if q.search(question)]


# "does it come with a lid?", "are batteries included": a yes/no question about a thing in the box
_COMES_WITH = re.compile(r"\b(?:come|comes|came) (?:with\b|in\b(?! (?:pieces|parts)\b))|\binclud\w*|\bis there an?\b|\bare there\b|\bdoes it have\b|"
                         r"\bin the box\b", re.IGNORECASE)
_NOT_A_THING = frozenset("""box set kit package pack thing stuff extra anything everything own need use buy order separately
well also too lol haha pls plz btw thx u ur ya some grab go by just only something somewhere place spot way kind sort type
itself themselves limit minimum maximum max min difference option choice risk chance problem issue reason rule
weight size height length width age price cost capacity rating""".split())


_THING_ENDS = re.compile(r"[,?!.;]|\b(?:of|for|so|about|to|that|which|because|when|if|since|in|on)\b|"
                         r"\bor\s+(?:do|does|is|are|will|would|just|only|i|we|should|can|it)\b", re.IGNORECASE)


_A_KIND_OF = re.compile(r"^\s*(?:\w+\s+)?(?:kinds?|sorts?|types?)\s+of\b", re.IGNORECASE)  # "all kinds of"


def asked_things(question: str) -> list[str]:
    """The things a yes/no question asks to be in the box: "lids" in "do the bowls come with lids?",
    "batteries" in "are batteries included". [] for any other question."""
    if not is_yes_no(question) or not (m := _COMES_WITH.search(question)):
        return []
    # the thing named first: "a checklist of the 101 things so ...", "a USB-C cord for charging, or ..."
    named = _THING_ENDS.split(_A_KIND_OF.sub("", question[m.end():]), maxsplit=1)[0]
    before = question[:m.start()]  # "are the decals for both paint schemes in the box?": the decals
    return _heads(named) or _heads(_THING_ENDS.split(before, maxsplit=1)[0]) or _heads(before)


def _heads(phrase: str) -> list[str]:
    """The last word of each thing a phrase names: "a wall plug / charging brick" -> plug, brick."""
    heads = []
    for part in re.split(r"\bor\b|\band\b|/|&", phrase, flags=re.IGNORECASE):
        if held := [w for w in words(part) if w not in _NOT_A_THING and len(w) > 2]:
            heads.append(held[-1])
    return heads


# What a shopper calls a thing in the box (as `words` writes it, "goggl" for "goggles"), and the
# words listings call it by: "does it come with a picture?" of "a reference poster is included",
# "goggles" of "safety glasses". Matched as whole words of the listing, never inside one ("discover").
_CALLED_ALSO_NAMES = (
    ("people person", "figure, figurine, minifigure"),
    ("picture photo image", "poster, photo, picture, image"),
    ("weapon", "sword, spear, gun, blaster, shield, axe, dagger, blade"),
    ("cover lid", "lid, cover"),
    ("goggle", "goggles, safety glasses, eye protection"),
    ("organizer container", "organizer, container, case, tray"),
    ("remote controller", "remote, controller, transmitter"),
    ("instruction manual", "instructions, manual, guide, booklet"),
    ("bag", "bag, case, pouch, tote, backpack, carrier"),
    ("plug", "plug, adapter, charger"),
    ("string", "string, line, cord, thread"),
    ("pet", "pet, dog, puppy, cat, kitten"),
    ("pocket", "pocket, pouch, compartment, sleeve"),
    ("glue", "glue, adhesive, tape"),
)
_CALLED_ALSO = {said: re.compile(r"\b(?:" + "|".join(re.escape(n.strip()).replace(r"\ ", r"\s+") + "(?:e?s)?" for n in also.split(","))
                                 + r")\b", re.IGNORECASE)
                for things, also in _CALLED_ALSO_NAMES for thing in things.split() for said in {thing, _stem(thing + "s")}}


def called_also(thing: str, text: str) -> list[str]:
    """The words a listing's `text` calls a thing asked for otherwise (`_CALLED_ALSO`), as written there."""
    return [m.group() for m in _CALLED_ALSO[thing].finditer(text)] if thing in _CALLED_ALSO else []


def named_anywhere(thing: str, held: set[str]) -> bool:
    """Whether a listing's words (`words`) name the thing: the word, a longer or shorter form of it
    ("piece" and "piec", the stem of "pieces"), or a compound ending in it ("ball" in "basketball",
    "stick" in "LightStick", "figure" in "minifigur", the stem of "minifigures")."""
    plural = thing[:-1] if len(thing) > 4 and thing.endswith("e") else thing  # "figure": "figur" as `words` writes "figures"
    return thing in held or any(h.startswith(thing) or (len(h) >= 4 and thing.startswith(h))
                                or (len(plural) >= 4 and h.endswith(plural)) for h in held)


def is_yes_no(question: str) -> bool:
    return bool(_YES_NO.search(question))


def polarity(question: str, quotes: list[str]) -> Literal["yes", "no"] | None:
    """"yes"/"no" when the quotes decide the yes/no question, else None (then no yes/no is said)."""
    question = asking_part(question)  # "we live by the beach. is it waterproof?"
    if not is_yes_no(question) or not quotes:
        return None
    text = " ".join(quotes)
    asked = question.lower()
    asks_included = bool(re.search(r"includ|come with|comes with|in the box|supplied", asked))
    thing = _thing(asked)
    if thing and asks_included:
        if not re.search(re.escape(thing[:5]), text, re.IGNORECASE):
            return None
        return "no" if _NOT_INCLUDED.search(text) else ("yes" if _INCLUDED.search(text) else None)
    if thing and re.search(r"\b(?:need|require|use|take|run on|work with|operate)", asked):
        if not re.search(re.escape(thing[:5]), text, re.IGNORECASE):
            return None
        if re.search(rf"\bno {re.escape(thing[:5])}\w* (?:needed|required)|{re.escape(thing[:5])}\w*[- ]free\b", text, re.IGNORECASE):
            return "no"
        return "yes" if _NEEDS.search(text) else None
    # "is it waterproof?", "is it machine washable?": the property's words in the quote decide.
    prop = property_asked(asked)
    if not prop:
        return None
    written = re.escape(prop).replace("\\ ", "[- ]").replace("\\-", "[- ]")  # "bpa free" is also "BPA-free"
    m = re.search(rf"\b{written}", text, re.IGNORECASE)
    if not m:
        return None
    return "no" if _NEGATION.search(text[: m.start()]) else "yes"


def _thing(asked: str) -> str | None:
    """The thing a "does it need/include X" question names: batteries, a remote, a charger ..."""
    m = re.search(r"\b(batter\w*|remote\w*|charger\w*|cable\w*|cord\w*|adapter\w*|stand\w*|case\w*|bag\w*|"
                  r"instructions?|manual\w*|box\w*|lid\w*|stickers?|paint\w*|brush\w*|glue|tools?|screwdriver\w*|"
                  r"controller\w*|app|wifi|wi-fi|bluetooth|assembly|tripod|lens\w*|slides?|book\w*|guide\w*)\b", asked)
    return m.group(1) if m else None


_PROPERTIES = ("waterproof", "water resistant", "water-resistant", "machine washable", "washable", "dishwasher safe",
               "rechargeable", "non-toxic", "bpa free", "bpa-free", "foldable", "collapsible", "portable", "adjustable",
               "wireless", "reusable", "magnetic", "stackable", "inflatable", "removable", "unisex", "handmade",
               "organic", "recyclable", "biodegradable", "dishwasher", "wooden", "plastic", "metal", "cotton",
               "battery operated", "battery-operated", "assembled", "pre-assembled", "fully assembled")


def property_asked(asked: str) -> str | None:
    found = [p for p in _PROPERTIES if p in asked]
    return max(found, key=len) if found else None


def speaks_of(p: Passage, asked_aspects: list[str]) -> bool:
    """Whether the passage speaks of any of the asked aspects."""
    text = p.readable()
    return any(_ASPECT_RES[a][1].search(text) for a in asked_aspects)




def what_is_unsaid(question: str) -> str:
    """What "the listing doesn't say ..." names for this question: the property, kind of answer or aspect asked."""
    question = asking_part(question)
    prop = property_asked(question.lower()) if is_yes_no(question) else None
    if prop:
        return f"whether it is {prop}"
    if kinds := answer_kinds(question):
        return _ANSWER_KIND_RES[kinds[0]][2]
    if asked := aspects_of(question):
        return _ASPECT_RES[asked[0]][2]
    return "that"
