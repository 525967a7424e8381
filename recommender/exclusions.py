"""What a shopper refused, as the words of the thing refused: "not Funko", "a doll that isn't a Barbie", "without masks"."""
from __future__ import annotations

import re

from recommender.franchises import also_called, known_name
from recommender.lexical import begins_with_pieces
from recommender.refusing import (
    AIMED,
    ASKED_AND_REFUSED,
    EXCLUDE,
    EXCLUDED_AFTER,
    FREE_OF,
    NEGATED_BEFORE,
    REFUSING_MORE_CUE,
    TAKEN_BACK_VERBS,
    freed_of,
)
from recommender.words import ENDS_CLAUSE, STOPWORDS

_CLAUSE_START = re.compile(r"(?:^|[,.;:!?(]|\b(?:and|but|so|also|plus|though|tho|then|the|his|her|my|our|their|your)|"
                           # what someone says: "she's just informed me hello kitty is 'for little kids' now"
                           r"\b(?:says?|said|thinks?|thought|told\s+(?:me|us)|informed\s+(?:me|us)|decided|reckons?|announced)"
                           r"(?:\s+that)?)\s*$", re.IGNORECASE)
# Words before a thing excluded that only say how much of it ("everything pink is a no") or that
# it is a toy ("toy guns are not allowed" leaves out water guns too).
_ALL_OF = frozenset({"everything", "anything", "all", "any", "every", "more", "toy", "toys"})
_CHAT = frozenset({"ugh", "hmm", "meh", "lol", "ok", "okay", "welp"})  # "ugh pink is for babies now": pink
# "we already have playmobil so not that", "has loads of puzzles already, so no more", "we already
# have loads of melissa and doug so steer clear of that brand": what they have, when the shopper
# says not to add to it ("she has lots of lego" alone may ask for more).
# How much of a thing someone has: "loads of", "approximately one billion", "a literal mountain of".
A_GREAT_DEAL = (r"(?:(?:approximately|about|like|roughly|literally|maybe)\s+)?"
                 r"(?:a\s+million|millions|loads|lots|plenty|tons|a\s+lot|too\s+many|so\s+many|hundreds|dozens|heaps|"
                 r"(?:a|one)\s+(?:billion|zillion|gazillion|bajillion|hundred|thousand)|"
                 r"an?\s+(?:(?:literal|whole|small|giant|huge|entire|actual)\s+)?(?:mountain|pile|heap|truckload|boatload|"
                 r"shedload|bucketload|crate|box|drawer|bin|closet|cupboard|room|ton)(?:\s+full)?|"
                 # "a ridiculous number of colored pencils"
                 r"an?\s+(?:ridiculous|silly|crazy|insane|huge|massive|stupid|obscene|absurd)\s+(?:number|amount)\s+of)")
_HAVE_ALREADY = re.compile(
    # "already got him the lightsaber and costume": what was got for them
    r"\b(?:already\s+(?:(?:have|has|owns?)|(?:got|bought|gave|given)(?:\s+(?:him|her|them)(?=\s+(?:the|a|an|some|all)\s))?)|(?:have|has|got|owns?)(?=\s(?:[^.?!]*\s)?already\b|\s+all\s+the\b|\s+"
    + A_GREAT_DEAL + r"\s)|"
    r"(?:has|have|'s|’s)\s+(?:done|had|tried|built|made)(?=\s+(?:loads|lots|plenty|tons|heaps|so\s+many|too\s+many|"
    r"a\s+lot)\b)|"
    # "takes it personally if anyone gives him Star Wars stuff, so please avoid that"
    r"(?:gives?|giving|gave|buys?|buying|bought|gets?|getting)\s+(?:him|her|them)|"
    r"(?:drowning|swimming|buried)\s+in)\s+"  # "she's already drowning in plush toys and blankets so skip those"
    r"(?:(?:" + A_GREAT_DEAL + r"|enough)\s+(?:of\s+)?|all\s+the\s+|some\s+|the\s+|a\s+|an\s+|(?:two|three|a\s+couple\s+of|\d+)\s+)?"
    # up to four words, and a second thing of up to two ("a chemistry set and snap circuits")
    r"([a-z0-9][\w'&/-]*(?:\s+(?!(?:so|already|from|for)\b)[a-z0-9][\w'&-]*){0,3}?"
    r"(?:!?\s+and\s+(?:an?\s+|the\s+)?(?!(?:so|already|from|for)\b)[a-z0-9][\w'&-]*(?:\s+(?!(?:so|already|from|for)\b)[a-z0-9][\w'&-]*)?)?)"
    r"(?:\s+(?:from|since|after|for)\s+(?:the\s+|her\s+|his\s+|their\s+|a\s+)?[a-z]+)?"  # "... stuff from the shower"
    r"(?:\s+already)?\s*[,.;:!-]*\s*(?:so\s+|(?:(?<=[.;!]\s)|(?<=[.;!]))(?=(?:please\s+)?(?:something|anything)\s+else\b))"
    r"(?:(?:not|no)(?:\s+(?:that|those|them|it|these|this|him|her|more|again|please|pls|thanks)\b|\s*(?:[.,!;]|$))|"
    r"(?:please\s+)?(?:steer\s+clear\s+of|avoid|skip|none\s+of)\s+(?:that|those|them|it|these|this)\b|"
    r"(?:please\s+)?(?:something|anything)\s+else\b|(?:something|anything)\s+other\s+than\s+(?:that|those|them|these|this)\b|"
    r"(?:nothing|none)\s+(?:like|similar\s+to)\s+(?:that|those|them|these|this|it)\b)",
    re.IGNORECASE)
# "last year we got my nephew a hot wheels track and he never touched it": not that again (never
# "thinking of getting him a skateboard but he never used one", "he didn't like it at first").
_NEVER_TOUCHED = re.compile(
    r"\b(?:got|bought|gave|given)\s+(?:(?:him|her|them|my\s+\w+|the\s+\w+|our\s+\w+)\s+)?"
    r"(?:a|an|the|some|that|this|one\s+of\s+those)\s+(?P<thing>[a-z0-9][\w'&-]*(?:\s+[a-z0-9][\w'&-]*){0,3}?)\s*,?\s+"
    r"(?:and|but)\s+(?:he|she|they)\s+(?:never\s+(?:even\s+)?|(?:did\s+not|didn['’]?t|hardly\s+(?:ever\s+)?)\s*(?:even\s+)?)"
    r"(?:touched|touch|played\s+with|play\s+with|used|use|opened|open|looked\s+at|look\s+at|liked|like|got\s+into)"
    r"\s+(?:it|them|that|those)\b(?!\s+(?:at\s+first|until|till)\b)",
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
OR_ALONE = re.compile(_OR_THING + r"\s*[.!?]*\s*$", re.IGNORECASE)
# ... and such a sentence after a refusal in the same message: "Nothing with unicorns please. Or mermaids."
_OR_SENTENCE = re.compile(r"(?<=[.!])\s+(?:and\s+)?(?:or|nor)\s+(?:any\s+|the\s+)?"
                          r"([a-z0-9][\w'&-]*(?:\s+(?!(?:either|too|please|pls)\b)[a-z0-9][\w'&-]*)?)"
                          r"(?:\s+(?:either|too|as\s+well|please|pls))?\s*(?:[.!]|$)", re.IGNORECASE)
_SUGGESTED = re.compile(r"\b(?:maybe|perhaps|how\s+about|what\s+about)\b", re.IGNORECASE)


def _refused_in_sentence_before(text: str, at: int) -> bool:
    """True when the sentence before `at` refuses a thing ("Nothing with unicorns please."), not
    when it is chat ("Not sure what to get.", "Not really.")."""
    start = max(text.rfind(c, 0, max(at - 1, 0)) for c in ".!?") + 1
    return (any(clean_exclusion(m.group(1)) for m in EXCLUDE.finditer(text[start:at]))
            or any(EXCLUDED_AFTER.finditer(text[start:at])))  # "anything military is a firm no — tanks, ..."
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
_EXAMPLES = re.compile(r"(?P<skip>(?:\s+[a-z][\w'’-]*){0,2}?)(?:\s+" + AIMED + r"\s+(?:at|for|towards?)\s+[a-z][\w'’-]*)?"
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
        refused = any(clean_exclusion(e.group(1)) for e in EXCLUDE.finditer(clause)) or any(EXCLUDED_AFTER.finditer(clause))
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
_AND_LISTS_AT_END = frozenset({"hate", "hates", "avoid", "avoiding", "got", "has", "have", "own", "owns", "outgrown", "over", "already",
                               "bored", "tired", "dislike", "dislikes", "can't", "cant", "cannot", "grew", "grown", "had", "forget",
                               "banned", "gone", "went", "done", "sick", "fed", "phobia", "phobic", "terrified", "scared",
                               "afraid", "frightened"})
_CLAUSE_END = re.compile(ENDS_CLAUSE, re.IGNORECASE)
# A person after "and" is someone else, not a thing refused ("enough noisy toys and a new baby").
_PERSONS = frozenset({"baby", "sister", "brother", "son", "daughter", "kid", "kids", "child", "children", "twins"})
# A list that turns into what is wanted: "no stuffed animals, books or puzzles are great" (not "an
# ipad or tablet to work").
_PRAISED = re.compile(r"\s*(?:are|is|would|will|could|sounds?|works?|seems?|'s|'re|'d)\b", re.IGNORECASE)
# A size before a thing refused ("no big plush toys") refuses the thing; "no big deal", "not big on", "no big ones" refuse none.
_SIZES = frozenset({"big", "bigger", "large", "larger", "huge", "giant", "massive"})
_NOT_AFTER_A_SIZE = frozenset({"deal", "fan", "fans", "on", "of", "hit", "enough", "ones", "one", "thing", "things", "stuff",
                               "spender", "budget", "spend", "issue", "problem", "rush", "head", "heads"})
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


def right_after_a_refusal(text: str, at: int) -> bool:
    """True when a refusal of a thing ends just before `at` ("anything except cats - and that
    includes ..."), not one of chat earlier ("No rush. Something outdoorsy - that includes")."""
    refusals = list(EXCLUDE.finditer(text[:at]))
    return bool(refusals) and bool(clean_exclusion(refusals[-1].group(1))) and re.fullmatch(
        r"[\s,;:–—.!'’\"-]*", text[refusals[-1].end():at]) is not None  # "done with princesses.' That includes"


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
    pencils and crayons" two; two single words "catan & carcassonne", which the catalog's names say
    are two things or one ("melissa & doug": `RequestStages._pairs_read`)."""
    parts = said.split("/")
    out: list[str] = []
    for part in parts:
        pair = [p.rstrip("!") for p in re.split(r"\s+and\s+", part)]
        if len(pair) == 2 and all(len(p.split()) == 1 for p in pair):
            out.append(" & ".join(pair))  # two names or one ("melissa and doug"): the catalog says (`stages`)
        else:
            out.extend(pair if len(pair) == 2 else [part])
    return [re.sub(r"^(?:an?|the)\s+", "", p, flags=re.IGNORECASE) for p in out]  # "... and a doll": doll


def excluded_phrases(text: str) -> list[tuple[str, bool]]:
    """Each thing excluded, as written: the one after "not", "no", "isn't", ... and those listed
    with it: "isn't wwe or marvel", "no lego, duplo or mega bloks", "anything except nerf and
    x-shot". A comma alone lists nothing ("not barbie, a doll like it"; "no pink, purple would be
    nice"): the list must end in "or"/"nor" (or "and" after "except", "without", ...), and a list
    followed by praise is what is wanted ("no stuffed animals, books or puzzles are great")."""
    found = [(w, False) for m in FREE_OF.finditer(text) if (w := freed_of(m))]
    found += [(w, False) for m in EXCLUDED_AFTER.finditer(text) for w in _excluded_before_all(m)]  # "Funko excluded"
    found += [(m.group(1), False) for m in _NON.finditer(text) if m.group(1).lower() not in _NON_DESCRIBES]
    found += [(re.sub(r"\s*&\s*", " and ", m.group(1)), False) for m in _ALL_ONE_BRAND.finditer(text)]  # "... is Melissa & Doug"
    found += [(m.group(1), False) for m in _OR_EITHER.finditer(text)]  # "or marvel either"
    found += [(m.group(1), False) for m in _OR_SENTENCE.finditer(text)  # "Nothing with unicorns please. Or mermaids."
              if _refused_in_sentence_before(text, m.start()) and not _SUGGESTED.search(m.group())]
    found += [(m.group(1), False) for m in ASKED_AND_REFUSED.finditer(text)]  # "nerf? nope"
    found += [(item, True) for item in _bracketed_examples(text)]  # "no electronic toys (vtech, leapfrog etc)"
    found += [(item, True) for m in _LIST_THEN_NONE.finditer(text)  # "Tanks, soldiers, army stuff, none of it."
              # after a dash only "none of them": "NOT Mario — no Luigi, Yoshi, none of them" (a list after
              # "No screens please -" ending "all that" may be what is wanted instead)
              if m.group("none") or (not m.group("dash") and _refused_in_sentence_before(text, m.start()))
              for item in re.split(r"\s*,\s*", m.group("items"))]
    found += [(m.group(1), False) for m in _NO_HYPHEN.finditer(text) if m.group(1).lower() not in _NO_HYPHEN_IDIOMS]
    found += [(m.group(1) or m.group(2), False) for m in _LEFT_OUT.finditer(text)
              if not NEGATED_BEFORE.search(text[:m.start()])]  # "don't leave the lego out"
    found += [(m.group("thing"), False) for m in _NEVER_TOUCHED.finditer(text)]  # "... and he never touched it"
    found += [(part, False) for m in _HAVE_ALREADY.finditer(text)  # "we already have lego so not that"
              # "he's done loads of electronics/circuit kits so not those", "colored pencils and crayons"
              for part in _have_parts(m.group(1))]
    for m in EXCLUDE.finditer(text):
        if REFUSING_MORE_CUE.match(text, m.start()) and NEGATED_BEFORE.search(text[:m.start()]):
            continue  # "he's never too old for lego", "don't rule out lego"
        if _ANYONE_WHO.search(text[:m.start()]):
            continue  # "party games are 'for people who don't like games'": no one the gift is for
        said_start, said_end = _with_its_of(text, m.start(1), m.end(1))
        said = text[said_start:said_end]
        if (why := _WHY_LAST.search(said)) and (why.group("because") or _CLAUSE_NEXT.match(text, said_end)):
            said = said[:why.start()]  # "banned slime after the carpet incident": slime
        found.append((said, False))
        found += [(item, True) for item in _examples_after(text, said_start, said)]  # "... like Thomas or wooden train sets"
        if not clean_exclusion(said) and not _KNOCK_OFF.search(said):
            continue  # ("no Lego knock-offs or Barbie": the list goes on)
        if _POLITE_TAIL.search(said) or _POLITE_NEXT.match(text, said_end):
            continue  # "no batteries please, wooden toys, blocks etc": the refusal ends at "please"
        lead = m.group(0).split()[0].lower()
        run: list[tuple[str, str, int]] = []  # (separator, item, where it ends) after the first
        starts: list[int] = []  # where each item of `run` begins
        end = said_end  # EXCLUDE ends with the thing it reads (its group 1)
        while ((more := _ALSO_EXCLUDED.match(text, end)) and clean_exclusion(more.group("item"), listed=True)
               and not _stops_a_list(more, lead)):
            sep = more.group("sep").lower()
            kind = "or" if ("or" in sep or "/" in sep) else "and" if "and" in sep else ","
            item_start, item_end = _with_its_of(text, more.start("item"), more.end("item"))  # "... or lord of the rings"
            run.append((kind, text[item_start:item_end], item_end))  # `_ALSO_EXCLUDED` ends with its item
            starts.append(item_start)
            end = item_end  # "no harry potter, lord of the rings or star wars": the list goes on after the name
        closers = [i for i, (kind, _, _) in enumerate(run)
                   if kind == "or" or (kind == "and" and lead in _AND_LISTS | _AND_LISTS_AT_END)]
        items = [_GOES_ON_WORD.sub("", item) for _, item, _ in run]
        if run and not any(_DESCRIBING.search(item) for item in items) and (
                _GOES_ON.match(text, run[-1][2]) or _GOES_ON_WORD.search(run[-1][1])
                or (len(run) >= 2 and all(_PLURAL.search(item) for item in [said, *items])
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


# A name with "of" in it: "no lord of the rings", "nothing guardians of the galaxy" (cut at "of", "lord" had
# refused every lord and "game of thrones" every game); never an amount or a kind of something ("no lots of
# glitter" refuses glitter, "nothing of the sort", "no sets of more than 500").
_NOT_NAMED = (r"(?!(?:any|anything|them|those|these|it|that|this|my|his|her|their|our|your|sort|kind|type|more|less|all|a|an|"
              r"which|what|stuff|things|other|others|course|whom|or|and|nor|no|not|please|pls|etc)\b)")
_OF_A_NAME = re.compile(r"(?:\s+the)?\s+(?P<name>(?P<first>" + _NOT_NAMED + r"[a-z][\w'&-]*)(?:\s+" + _NOT_NAMED
                        + r"[a-z][\w'&-]*)?)", re.IGNORECASE)
_AMOUNTS_OF = frozenset({"lots", "loads", "tons", "heaps", "hundreds", "thousands", "dozens", "millions", "billions", "plenty",
                         "masses", "piles"})
_COUNTED = frozenset({"pieces", "piece", "parts", "bits", "steps", "rules", "cards", "players"})
_NOT_A_NAME_OF = _AMOUNTS_OF | frozenset({
    "ton", "bunch", "couple", "pair", "kind", "sort", "type", "one", "any", "all", "most", "some", "much", "many", "more",
    "less", "none", "each", "either", "neither", "both", "part", "made", "out", "instead", "because", "full", "sick",
    "tired", "scared", "afraid", "fond", "fan", "fans", "lot", "piece", "pieces", "number", "amount", "north", "south",
    "east", "west", "short", "ahead", "outside", "inside", "front", "top", "side"})


def _with_its_of(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the thing refused at `text[start:end]` begins and ends, with the rest of a name it
    stops at "of" in ("lord of" -> "lord of the rings"), or what an amount is of ("lots of" -> "glitter")."""
    said = text[start:end]
    if not said.lower().endswith(" of") or not (of := _OF_A_NAME.match(text, end)):
        return start, end
    if (first := said.split()[0].lower()) in _AMOUNTS_OF:  # "nothing with lots of glitter": glitter
        # ... but "no lots of pieces" is a count (`lexical.refused_counts`)
        return (start, end) if of.group("name").lower() in _COUNTED else of.span("name")
    if first in _NOT_A_NAME_OF:
        return start, end
    return start, of.end("first")  # "no lord of the rings": the whole name


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
    return (not _CLAUSE_END.match(more.string, more.end()) or bool(_PERSONS & set(item)) or item[0] in STOPWORDS
            or item[0] in _SAYS_OF_THEM)  # "already has all the lego and wants more"


# Verbs that start a clause said of the person after "and", never a thing listed.
_SAYS_OF_THEM = frozenset({"wants", "loves", "likes", "needs", "enjoys", "adores", "prefers", "plays", "collects", "asks"})


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
    """What "... is banned" (`EXCLUDED_AFTER`) excludes, and where it starts: the word before the
    cue, with the one before it where the two begin a clause ("hot wheels are banned"), never an
    adverb ("sadly guns are banned") or a word of how much ("everything pink is a no"); "plush
    toys": plush; "Hot Wheels stuff is out": Hot Wheels."""
    first, last = m.group(1), m.group(2)
    if last.lower() in _OF_IT:
        name, at = _name_before(m.string[:m.start(2)])
        return (name, at) if name else (last, m.start(2))
    if first and last.lower() in ("toy", "toys") and first.lower() not in _ALL_OF | STOPWORDS:
        return first, m.start(1)
    if first and known_name(f"{first} {last}".lower()):
        return f"{first} {last}", m.start(1)  # "... hello kitty is for little kids now": the line's name
    if (not first or first.lower() in _ALL_OF | STOPWORDS | _CHAT or first.lower().endswith("ly")
            or not (_CLAUSE_START.search(m.string[:m.start(1)]) or _WITH_BEFORE.search(m.string[:m.start(1)]))):
        return last, m.start(2)
    return f"{first} {last}", m.start(1)


# Words after a name that only say the thing is of it: "nothing marvel related", "no
# frozen-themed stuff", "without any disney characters", "no star wars merch", "nothing rubber-duck
# style". What is excluded
# is the name, whether a title says "character" or not.
_THEMED = re.compile(r"[\s-](?:related|themed|based|branded|characters?|brands?|merch|merchandise|themes?|phase|stage|"
                     r"franchise|designs?|licensed|style|styled)\b", re.IGNORECASE)
# "no Lego knock-offs" refuses no LEGO: a knock-off is told only where listings give it a name of its
# own (`franchises.also_called`: "no more Monopoly knock-offs", a city's "-opoly").
_KNOCK_OFF = re.compile(r"[\s-](?:knock-?offs?|rip-?offs?|copies|copycats?|imitations?|clones?)\b", re.IGNORECASE)
# "I'd rather not go over $40" is a budget; "barbie is a no go" excludes barbie, the "go" nothing
# ("no go karts" still excludes go karts).
_NO_GO = re.compile(r"go(?:ing)?(?:\s+(?:over|above|beyond|past)\b|$)", re.IGNORECASE)
# Words after the thing refused that start why or when: "banned slime after the carpet incident".
_WHY_WORDS = r"(?:after|before|because|cause|cuz|coz|since|when|until|till|during)"
_CLAUSE_STARTS = r"(?:(?:the|a|an|my|his|her|their|our|your|he|she|we|i|they|it|that|this|last)\b|\d)"
# ... where the clause goes on after the phrase ("after the carpet incident", "after 7pm"); "because" always
_WHY_LAST = re.compile(r"\s+(?:(?P<because>because|cause|cuz|coz)|" + _WHY_WORDS + r")$", re.IGNORECASE)
_CLAUSE_NEXT = re.compile(r"\s+" + _CLAUSE_STARTS, re.IGNORECASE)
_WHY_AFTER = re.compile(r"\s+(?:" + _WHY_WORDS + r"\s+(?=" + _CLAUSE_STARTS + r")|ever\s+again\b)", re.IGNORECASE)


# "nothing north of $30", "nothing past 30": a budget, no "north" or "past" excluded ("no North Face" is one).
_PRICE_BOUND = re.compile(r"(?:north\s+of|beyond|past)(?:\s+\d|$)", re.IGNORECASE)


def clean_exclusion(raw: str, listed: bool = False) -> str:
    """The thing excluded, in at most three words; "" when it names none. "lol" is chat, save as a
    list's item or before "surprise" ("not barbie or lol", "no lol surprise": L.O.L. Surprise)."""
    if _NO_GO.match(raw) or _PRICE_BOUND.match(raw) or begins_with_pieces(raw):
        return ""  # a count refused is a bound on the count ("no 1000 piece ones": `lexical.refused_counts`)
    if (knock_off := _KNOCK_OFF.search(raw)) and (of := raw[:knock_off.start()].split()):
        names = also_called(of[-1])
        return names[0] if len(names) == 1 else ""
    themed = [w for m in _THEMED.finditer(raw) if (before := raw[:m.start()].split())
              and (w := before[-1].lower()) not in _NOT_THE_THEME]
    raw = _THEMED.sub("", raw)  # "not birthday-themed": birthday, a word said of anything elsewhere, is the theme
    raw = _WHY_AFTER.split(raw, maxsplit=1)[0]  # "banned slime after the carpet incident": slime
    named_lol = listed or len(raw.split()) > 1
    raw = re.sub(r"(?<=\w)['’]+\s*$", "", raw)  # "games'" ending a quote: its mark is no part of the word
    said = raw.lower().split()
    words = [w for i, w in enumerate(said)  # a line's name keeps its words ("hello kitty")
             if w not in STOPWORDS or w in ("board",) or w in themed or (i == 0 and w == "lol" and named_lol)
             or known_name(" ".join(said[i:i + 2])) or i and known_name(" ".join(said[i - 1:i + 1]))]
    words = [w for w in words if w not in _NOT_EXCLUSIONS and not w.isdigit()]
    while len(words) > 1 and (words[0] in _ONLY_DESCRIBE or _LIKE_ISH.fullmatch(words[0])):
        words = words[1:]  # "the usual barbie stuff": barbie; "toy-ish thomas stuff": thomas
    if len(words) == 2 and (words[1] in _A_PERSON_OF or words[1] in _ANY_KIND and words[0] not in _KIT_KINDS):
        words = words[:1]  # "not really a puzzle person": puzzles; "no slime kits": no slime at all
    if len(words) == 2 and words[1] == "making" and words[0] in ("jewellery", "jewelry"):  # kits say no "making"
        words = words[:1]
    first, *rest = raw.lower().split()
    if first in TAKEN_BACK_VERBS and rest and rest[0] in ("that", "this", "it", "those"):
        return ""  # "wait no scrap that": what was said is taken back, no scrap refused
    if rest and re.fullmatch(AIMED, rest[0]):
        return ""  # "no interest in kits aimed at kids like k'nex or lego": the examples say what (`_examples_after`)
    if listed and first in ("except", "excluding", "without"):
        return ""  # "no screens, that includes tablets": a refusal of its own starts ("and except tablets")
    if first in ("toy", "toys"):  # "we don't do toy weapons": weapons; "no toy story", "no toy box": so called
        return f"{first} {rest[0]}" if rest and not rest[0].endswith("s") else " ".join(words[:2])
    if (first in _SIZES and rest and rest[0] not in _NOT_EXCLUSIONS and rest[0] not in _NOT_AFTER_A_SIZE
            and not rest[0].endswith("er")):  # "not a big reader": a person
        first, *rest = rest  # "no big plush toys", "or large swing sets": the thing, whatever its size
        words = [w for w in words if w not in _SIZES]
    if not words or first in _NOT_EXCLUSIONS:
        return ""  # "not that expensive"
    if len(words) > 1 and len(words[1]) > 4 and words[1].endswith("ly") and not _NOT_AN_ADVERB.search(words[1]):
        words = words[:1]  # "bored with puzzles quickly": an adverb after the thing (never "clank firefly")
    if len(words) > 3 or len(words) == 3 and (words[2] in _ANY_KIND or words[2] in _LINE_KINDS):
        words = words[:2]  # "one billion hot wheels cars": Hot Wheels ("the star wars lightsaber" stays whole;
        # four words cut to three would name another thing: "lol surprise doll house")
    return " ".join(words)


# Words in "-ly" that are things, not how it is done: a firefly, a butterfly, a family, a dolly.
_NOT_AN_ADVERB = re.compile(r"fly$|^(?:family|jelly|belly|holly|bully|lily|rally|dolly|molly|polly|sally|billy|trolly|"
                            r"trolley|assembly|ugly)$")
# Words before "themed", "brands" that say whose, not what ("none of their brands").
_NOT_THE_THEME = frozenset({"their", "his", "her", "my", "our", "your", "its", "the", "a", "an", "any", "those", "these",
                            "that", "this", "such", "some", "all", "other", "same", "of"})
# Words before the thing excluded that only say what the shopper thinks of it, and after it
# that say it is a kind of person: "the usual barbie stuff", "not a puzzle person".
_ONLY_DESCRIBE = frozenset({"usual", "typical", "obvious", "predictable", "same", "boring", "standard", "generic",
                            "basic", "overdone", "cheesy", "tacky", "violent"})
# ... or how it seems, as "-ish" says: "toy-ish thomas stuff", "babyish peppa pig things" (never
# "swedish fish", "irish dance").
_LIKE_ISH = re.compile(r"[a-z]+-ish|babyish|childish|girlish|boyish|kiddish|toyish|cheapish|[a-z]+-?looking")
# Whoever refuses, when it is people at large that a thing is said to be for: "(party games are)
# for people who don't like games" (never "my son, who doesn't like lego", nor "she's one of those
# people who hates pink": the one the gift is for).
_ANYONE_WHO = re.compile(r"\bfor\s+(?:people|those|anyone|anybody|someone|somebody|folks|others|everyone|everybody)\s+"
                         r"(?:who|that)\s+(?:really\s+|just\s+|simply\s+)?$", re.IGNORECASE)
# Words after the thing excluded that say only how it comes: "no slime kits" leaves out slime, kit or not.
_ANY_KIND = frozenset({"kit", "kits", "set", "sets", "pack", "packs", "bundle", "bundles", "collection", "collections",
                       "gear", "products", "range"})
# Kinds a line's products mostly are, said after its name: "hot wheels cars", "funko pop figures".
_LINE_KINDS = frozenset({"cars", "toys", "figures", "dolls", "games", "books", "vehicles", "trucks", "things", "items",
                         "products", "stuff", "merch"})
# "enough unicorn soft toys" (cut to "unicorn soft"), "no dinosaur puzzles": a kind said after a name
# refuses that kind of it, not all of the name (`stages` keeps the learned reader's "unicorn" out).
KIND_AFTER_A_NAME = _ANY_KIND | _LINE_KINDS | frozenset({
    "soft", "plush", "plushies", "puzzle", "puzzles", "costume", "costumes", "card", "cards", "book", "books", "shirt",
    "shirts", "sticker", "stickers", "figure", "doll", "toy", "game", "blanket", "blankets", "bedding", "clothes"})
_KIT_KINDS = frozenset({"model"})  # "not a model kit": a kit to build, not a built model
_A_PERSON_OF = frozenset({"person", "type", "fan", "fans", "guy", "gal", "lover", "lovers", "family",
                          "household", "fanatic"})
