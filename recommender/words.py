"""The words of a shopper's text: stop words, light stems, initialisms, a phrase as said, where a clause ends."""
from __future__ import annotations

import re


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
mom dad mother father sister brother uncle aunt cousin twins triplets someone who loves into enjoys likes
between under below above within up at most least no more than around roughly approximately
hmm hm um umm uh well sure ok okay idea know dunno whatever lol yes yeah nope
year-old years-old age ages aged expensive pricey costly item items product products stuff
though although however anyway anyways still even ever always usually sometimes often perhaps probably
definitely actually literally honestly apparently obviously seriously whether while whilst yet else
otherwise instead almost nearly ago since until unless fyi btw tho
we've we're we'll we'd you've you're you'll you'd they've they're they'll they'd he's she's it's that's
there's what's i'll he'll she'll he'd she'd weve youre theyre thats theres whats
""".split())
_INITIALISM = re.compile(r"\b(?:[^\W\d_]\.){2,}(?:[^\W\d_]\b)?")


def join_initialisms(text: str) -> str:
    """Letters written with dots as one word, as shoppers also write them: "L.O.L." -> "LOL"."""
    return _INITIALISM.sub(lambda m: m.group().replace(".", ""), text)


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


def forms(word: str) -> set[str]:
    """`word` (lower case), its singular (`stem`) and the irregular plurals of that singular
    ("knife": knife, knives; "ponies": ponies, pony)."""
    single = stem(word)
    return {word.lower(), single} | {plural for plural, one in _IRREGULAR.items() if one == single}


# Where a clause ends: punctuation, the end, or a word of chat ("no lego either", "not more please").
ENDS_CLAUSE = (r"\s*(?:[,.;:!?)]|$|(?:please|pls|thanks|tho|though|either|too|fyi|btw|so)\b|"
                r"in\s+(?:this|our|my|the)\s+(?:house|home|household|family)\b)")
