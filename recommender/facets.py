"""The catalog's facets: who a product is for (audience) and its colour, read from the
request and matched against the store's own columns.

A store's audience column says "Men", "Women", "Boys", "Girls", "Unisex", "Kids" or "Baby" in
its own words ("Male", "Ladies", "Children"); each value is read into a set of groups. A request
says who it is for with a person ("for my wife", "my 10 year old son", "I'm a guy") or a group
("watches for men"). Both sides meet on the same groups, so no catalog needs code of its own.

A catalog without the column still says who some products are for, in the listing's own words:
"Witch Costume for Girls", "Men's Cowboy Hat", a "Girls" level of the category path. Those are
read into the same groups (`listed_for`); a product whose listing names no one serves anyone.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from recommender.catalog import INFANTS_THINGS
from recommender.refusing import LITTLE_ONES

GROUPS = ("men", "women", "boys", "girls", "baby")
EVERYONE = frozenset(GROUPS)
CHILDHOOD = frozenset({"boys", "girls", "baby"})
ADULTHOOD = frozenset({"men", "women"})
ADULT_AGE = 15  # a son or daughter this old shops in the men's or women's section
BABY_AGE = 2  # a son or daughter this young may wear the baby section
INFANT_AGE = 1  # and one this young only the baby section: a "Girls'" dress is no christening gift
NEWBORN_AGES = (0, INFANT_AGE)  # the ages a gift for a baby shower or a new baby is held to
SCHOOL_AGE = 4  # a kid or toddler this old has left the baby section

# A catalog value's words -> the groups it serves ("Unisex" serves men and women).
_VALUE_GROUPS: dict[str, frozenset[str]] = {}
for _words, _groups in (
    ("men mens man male males gents gent gentlemen boyfriend husband him his", {"men"}),
    ("women womens woman female females ladies lady girlfriend wife her", {"women"}),
    ("boys boy", {"boys"}),
    ("girls girl", {"girls"}),
    ("baby babies infant infants newborn newborns toddler toddlers", {"baby"}),
    ("kids kid children child junior juniors youth", {"boys", "girls"}),
    ("unisex adult adults everyone all", {"men", "women"}),
):
    for _word in _words.split():
        _VALUE_GROUPS[_word] = frozenset(_groups)

# People a shopper buys for -> (groups as a child, groups as an adult); None: no gender said.
_AGELESS_WORDS = "friend friends cousin cousins buddy pal bestie bff bffs neighbour neighbor"
_GROWN_UNLESS_AGED_HE, _GROWN_UNLESS_AGED_SHE = "brother bro him", "sister sis her"
_PEOPLE: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
for _words, _child, _adult in (
    # "gs", "gd", "dd": grandson, granddaughter, daughter as chat writes them (never "ds": a Nintendo DS)
    ("son sons boy boys nephew nephews grandson grandsons godson stepson lad lads laddie gs dgs", {"boys"}, {"men"}),
    ("daughter daughters girl girls niece nieces granddaughter granddaughters goddaughter stepdaughter lass lassie "
     + "gd dgd dd", {"girls"}, {"women"}),
    ("husband hubby boyfriend bf dad father stepdad grandpa grandfather granddad uncle fiance man men "
     + "guy guys gentleman gentlemen gents male grandad gramps grampa papa stepfather fiancé pops "
     + "bil fil", {"men"}, {"men"}),  # "bil", "fil": brother-, father-in-law as chat writes them
    ("wife wifey girlfriend gf mom mum stepmom stepmum mother grandma grandmother aunt fiancee woman "
     + "women lady ladies female missus missis nan nana nanna granny gran grammy stepmother mam mama mommy mummy "
     + "momma auntie aunty fiancée sil mil", {"women"}, {"women"}),
    # grown-ups unless an age says otherwise (`GROWN_UNLESS_AGED`): "my brother, he is 9" is a boy
    (_GROWN_UNLESS_AGED_HE, {"boys"}, {"men"}),
    (_GROWN_UNLESS_AGED_SHE, {"girls"}, {"women"}),
    ("little_man", {"boys"}, {"boys"}),
    ("little_princess little_lady", {"girls"}, {"girls"}),
    # grown-ups whose sex is not said: "he" or "she" after them says it (`_by_pronoun`)
    ("partner partners spouse other_half teacher teachers boss coworker coworkers co-worker colleague colleagues "
     + "roommate roommates flatmate flatmates housemate housemates",
     {"men", "women"}, {"men", "women"}),
    ("kid kids kiddo kiddos child children toddler toddlers twins triplets little_one little_ones wee_one wee_ones "
     + "grader graders kindergartener preschooler youngster youngsters eldest youngest oldest "
     + "grandkid grandkids grandchild grandchildren grandbaby grandbabies godchild godchildren godkid godkids "
     + "stepkid stepkids stepchild stepchildren",
     {"boys", "girls", "baby"}, {"men", "women"}),
    # past the baby section, in a child's or a grown-up's (the age, when said, decides)
    ("teenager teenagers tween tweens preteen preteens", {"boys", "girls", "men", "women"}, {"men", "women"}),
    # a child or a grown-up (`AGELESS`): "he"/"she" or "a girl" after them says the sex
    (_AGELESS_WORDS, {"boys", "girls"}, {"men", "women"}),
    ("classmate classmates schoolmate schoolmates schoolfriend schoolfriends", {"boys", "girls"}, {"men", "women"}),
    ("baby babies infant newborn", {"baby"}, {"baby"}),
    ("adult adults grownup grownups grown_up grown_ups in_laws", {"men", "women"}, {"men", "women"}),
):
    for _word in _words.split():
        _PEOPLE[_word.replace("_", " ")] = (frozenset(_child), frozenset(_adult))
AGELESS = frozenset(_AGELESS_WORDS.split())
# The words for a person a gift may be for ("niece", "grandpa", "little one"), pronouns aside.
PERSON_WORDS = frozenset(_PEOPLE) - {"him", "her"}
GROWN_UNLESS_AGED = frozenset(f"{_GROWN_UNLESS_AGED_HE} {_GROWN_UNLESS_AGED_SHE}".split())
_IN_LAW = ["in", "law"]  # "my son-in-law" is a man
_SEXES = ("girl", "boy")  # "my little one (girl, 4)": a girl

_WORD = re.compile(r"[a-z]+(?:'s|s')?|[.,;!?()]", re.IGNORECASE)
# "10 y.o. son": read as "yo", so its full stops do not end the look for the person.
_Y_O = re.compile(r"\by\.o\.?", re.IGNORECASE)
# After these a person says who the product is for ("for my wife", "my son's birthday").
_LEADS = frozenset({"for", "my", "our", "customer's", "client's", "cust's", "customers", "clients"})
_AGE_LEADS = frozenset({"old", "olds", "yo", "yr", "yrs"})  # "what would a 3 year old girl like": the next word
# "a new baby arrived": a baby, where no one else is named ("a gift for my son, we have a new baby": the son).
_NEW_BABY = re.compile(r"\bnew\s*(?:born|baby|babies|arrival)\b|"
                       # a gift for a baby shower, not "she was given three at the baby shower"
                       r"\bbaby\s+shower\s+(?:gift|present|idea|next|this|on|coming)|"
                       r"\bfor\s+(?:a|the|her|his|their|my\s+\w+)\s+baby\s+shower\b|^\W*(?:a\s+)?baby\s+shower\b",
                       re.IGNORECASE)
# "friend just had a baby", "my sister is expecting a baby": the one named is the parent, the
# gift the baby's, unless it is said to be for them or for someone else ("for HIM, not the baby",
# "a gift for the new grandma", "for our 5 year old"), or the baby is a brother or sister.
# "just had her first": the baby is the first, said or not (never "had his first birthday", nor
# "had his first yesterday", a tooth lost, a lesson).
_HAD_A_BABY = re.compile(r"^[^.!?]{0,40}?\b(?:just\s+|recently\s+)?((?:had|having|expecting|welcomed)\s+(?:(?:a|their\s+first|"
                         r"her\s+first|his\s+first|our\s+first)\s+(?:baby|babe|newborn)|(?:their|her|his|our)\s+first"
                         r"(?=\s*(?:[.!?,;]|$|\s+(?:little\s+)?(?:one|child|kid|grandchild)\b))))"
                         r"\b(?!\s+(?:brother|sister|cousin)\b)"
                         r"(?![^.!?]*\b(?:shower|sitter)\b)", re.IGNORECASE)
_FOR_THE_PARENT = re.compile(r"\bnot\s+(?:for\s+)?the\s+baby\b|\bfor\s+(?:him|her|them|(?:the|my|our|his|her)\s+(?:new\s+)?"
                             r"(?!bab(?:y|ies)\b|newborn|little\s+one)[a-z]+)\b|\b\d+\s*-?\s*(?:years?|yrs?|yo)\b", re.IGNORECASE)
# "Secret Santa at work", "the office gift swap": a coworker, where no one else is named.
_WORK_SWAP = re.compile(r"\b(?:secret\s+santa|gift\s+(?:swap|exchange)|white\s+elephant|yankee\s+swap)\b[^.!?]*?"
                        r"\b(?:at\s+work|work|office|coworkers?|co-workers?|colleagues?)\b|"
                        r"\b(?:work|office)\s+(?:secret\s+santa|gift\s+(?:swap|exchange)|white\s+elephant)\b", re.IGNORECASE)
# "gender neutral", "they aren't finding out (if it's a boy or a girl)": a product for one sex
# alone is no gift for them, whoever it is for (`said_neutral`).
NEUTRAL = re.compile(r"\bgender[\s-]*neutral\b|\bunisex\b|\b(?:either|any|no\s+particular)\s+(?:gender|sex)\b|"
                     r"\bsurprise\s+(?:gender|sex)\b|\b(?:gender|sex)\s+(?:is\s+)?(?:a\s+)?(?:surprise|secret)\b|"
                     r"(?:\bnot|n['’]?t)\s+(?:finding\s+out|know(?:ing)?|telling|sure\s+(?:of|about))"
                     r"(?:\s+(?:the|its|their|the\s+baby['’]?s))?\s+(?:gender|sex)\b(?!\s+ed\b)|"
                     r"(?:\bnot|n['’]?t)\s+(?:finding\s+out|know(?:ing)?|telling|sure)\s+(?:(?:if|whether)\s+(?:it['’]?s|it\s+is|"
                     r"it['’]?ll\s+be|they['’]re\s+having)\s+)?(?:a\s+)?(?:boy\s+or\s+(?:a\s+)?girl|girl\s+or\s+(?:a\s+)?boy)\b|"
                     r"(?:\bnot|n['’]?t)\s+finding\s+out\b(?=\s*(?:[.,;:!?)]|$|(?:so|and|but|yet)\b))",
                     re.IGNORECASE)


# "update: it's a girl!": the baby's sex told, after "they're not finding out".
SEX_TOLD = re.compile(r"\bit['’]?s\s+a\s+(?:girl|boy)\b(?=\s*(?:[!.,;]|$))", re.IGNORECASE)


def one_sex(groups: frozenset[str]) -> bool:
    """Whether `groups` holds one sex and not the other ("Girl's 1st Birthday Headband": girls)."""
    return bool(groups & {"boys", "men"}) != bool(groups & {"girls", "women"})


def said_neutral(text: str) -> bool:
    """Whether `text` asks for a gift for neither sex alone ("gender neutral", "they're not
    finding out"): a listing for girls or for boys only is then out (`ranker.Constraints.neutral`)."""
    return bool(NEUTRAL.search(text))


# "teacher gift ideas?", "grandpa present": a person named only by the gift for them.
_PERSON_GIFT = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _PEOPLE), key=len, reverse=True))
                          + r")\s+(?:gifts?|presents?)\b", re.IGNORECASE)
# "friends of ours just got married", "a wedding present", "the newlyweds": a grown-up couple,
# where no one else is named.
_WEDDING = re.compile(r"\b(?:(?:just|recently|are|is|getting|got)\s+(?:got\s+|getting\s+)?married|newly-?weds?|"
                      # "she's retiring after 31 years", "a retirement present": a grown-up's
                      r"(?:he|she|they)(?:['’]s|['’]re|\s+is|\s+are)\s+(?:just\s+|finally\s+)?retiring|"
                      r"retirement\s+(?:gift|present|party|do)|leaving\s+(?:gift|present|do)|"
                      r"wedding\s+(?:gift|present|registry)|engagement\s+(?:gift|present))\b", re.IGNORECASE)
# Occasions of grown-ups: friends or cousins named for one of them are grown up.
_GROWN_OCCASION = re.compile(r"\b(?:house-?warming|wedding|anniversary|retirement|retiring|engagement|new\s+job|promotion)\b",
                             re.IGNORECASE)
# "hubby's birthday", "mum's first christmas": the person whose occasion it is, with no "for" or "my".
_OCCASIONS = frozenset({"birthday", "bday", "b-day", "christmas", "xmas", "anniversary", "graduation",
                        "retirement", "stocking", "first", "1st"})
_ORDINAL = re.compile(r"st|nd|rd|th")  # what `_WORD` keeps of "10th"
_LOOK_AHEAD = 4  # words after a lead in which the person is looked for ("for my sporty little nephew")
_GROUP = re.compile(r"\b(men|women|boys|girls|kids|ladies|gents|unisex|babies|male|female|"
                    r"adult(?!\s+(?:supervision|help|assistance|assembly|required)\b))(?:'s|s'|s)?\b|"
                    r"\b(man|woman|boy|girl|baby)'s\b", re.IGNORECASE)
# Who gives, said before a group's word: "from me + our 3 kids", "from the kids".
_GIVERS_BEFORE = re.compile(r"\bfrom\s+(?:(?:me|us)\s*(?:and|\+|&)\s*)?(?:(?:my|our|the|his|her|their|all)\s+)?(?:\w+\s+)?$",
                            re.IGNORECASE)
_SELF = re.compile(r"\b(?:i'?m|i am|as)\s+an?\s+(guy|man|woman|lady|girl|boy|male|female|dad|mom|mum)\b",
                   re.IGNORECASE)
# Words said of a person before naming them at a message's start ("teenage daughter (15)").
_BEFORE_A_PERSON = frozenset({"teenage", "teen", "tween", "preteen", "little", "young", "older", "eldest", "youngest", "oldest",
                              "big", "grown",
                              "grownup", "adult", "toddler"})
_AN_ARTICLE = frozenset({"a", "an", "the", "this", "that", "one"})
_WHERE_FROM = frozenset({"at", "from", "in", "on", "next"})  # "a lady at work", "the guy next door"
_ADDED = frozenset({"too", "also", "instead", "as"})  # "her brother too", "her brother instead"
_CLOSE = frozenset({"best", "bestest", "closest", "new", "favourite", "favorite", "oldest"})  # "my son's best friend"
# "Man, christmas shopping is hard", "Boy, these prices", "Mom, dad and me": said, not shopped for.
_EXCLAIMED = frozenset({"man", "boy", "girl", "mom", "mum", "dad", "guy", "guys", "lady", "ladies", "baby", "kids", "kid",
                        "gents", "men", "women", "boys", "girls"})
# "she thinks they're for babies now", "he thinks RC is for kids": a verdict on things, no one a
# gift is for ("it's for toddlers at my daycare" is one).
_IS_FOR = r"(?:\b(?:is|are)|['’](?:s|re))\s+['‘’\"]?(?:only\s+|just\s+)?(?:for|4)\s+"
_BABYISH = _IS_FOR + LITTLE_ONES
# ... and "kids" ("he says that's for kids"), never with a place ("she says it's for kids at her school")
_KIDDISH = _IS_FOR + r"(?:kids|children)\b(?!\s+(?:at|in|from|of|on)\b)"
_FOR_BABIES = re.compile(r"\b(?:thinks?|says?|said|decided|reckons?|apparently|considers?)\b[^.!?]{0,60}?(?:" + _BABYISH
                         + "|" + _KIDDISH + r")\b|"
                         + _BABYISH + r"['‘’\"]?\s+now\b", re.IGNORECASE)
# "my sister's sanity is at stake", "his mum's nerves": what the gift would cost someone, never whom it is for.
_THEIR_PEACE = re.compile(r"(?<!\bfor\s)\b(?:my|our|his|her|their|the)\s+[a-z]+['’]s\s+(?:sanity|nerves|patience|peace|eardrums)\b",
                          re.IGNORECASE)
_FOR_ME = re.compile(r"\bfor\s+me\b", re.IGNORECASE)
_PRICEY_FOR_ME = re.compile(r"\b(?:much|pricey|pricy|expensive|dear|steep|rich|costly|spendy)\s+for\s+me\b", re.IGNORECASE)
# what the shopper gets themself ("a costume for myself", "treating myself", "it's for me"), never
# "I can build it myself" nor "not for myself"
_FOR_MYSELF = re.compile(r"(?<!\bnot\s)\bfor\s+(?:myself|my\s+own)\b|\b(?:treat|treating|spoil|spoiling|get|getting|buy|buying)\s+"
                         r"myself\b|\b(?:this|it|this\s+one|that\s+one)(?:['’]s|\s+is)\s+for\s+me\b|"
                         r"\b(?:mostly|just|all)\s+for\s+me\b", re.IGNORECASE)
_I_AM_AGED = re.compile(r"\b(?:i['’]?m|i\s+am)\s+(?:only\s+|just\s+)?(\d{1,2})\b(?!\s*(?:%|percent|dollars?|bucks|quid|pounds?|euros?))",
                        re.IGNORECASE)
_FOR_SELF = re.compile(r"\b(?:for me|for myself|myself|for my own)\b", re.IGNORECASE)
# "a costume for the office party (I'm a woman, 30s)": a grown-up saying what they are, with no one
# else named and no gift, shops for themself ("I'm a woman looking for a gift" may be for anyone).
_GROWN_SELF = frozenset({"guy", "man", "woman", "lady"})
_A_CHILD_SAID = re.compile(r"\b\d{1,2}\s*(?:-?\s*(?:yo|y/o|years?|yrs?|months?)\b)|\b(?:kids?|child|children|toddlers?|bab(?:y|ies)|"
                           r"teens?|tweens?|boys?|girls?)\b", re.IGNORECASE)  # "I'm a man looking for something for a 10 year old"
_GIFT_FOR_ANOTHER = re.compile(r"\b(?:gifts?|presents?|stocking\s+stuffers?|for\s+(?:him|her|them|someone|somebody))\b",
                               re.IGNORECASE)
# "(she's a girl btw)", "he is a boy": the sex of the person named before, as "her" or "him" says it.
_SEX_SAID = re.compile(r"\b(she|he)\s*(?:['’]s|\s+is)\s+(?:a\s+)?(girl|boy|lady|guy|man|woman|female|male)\b",
                       re.IGNORECASE)
_LIKES = frozenset({"loves", "likes", "adores", "enjoys", "collects", "wants", "needs", "is", "has", "plays", "turns", "turned",
                    "turning"})
_CORRECTING = frozenset({"wait", "no", "sorry", "oops", "actually", "i", "meant", "mean", "oh", "ah", "um", "umm", ",",
                         "."})
_NOT_RECIPIENT = frozenset({"from", "with", "by", "like"})  # "a gift from my daughter", "shoes like my dad's"
# Before a lead, these say who it is *not* for ("nothing for kids", "not for my son"): never a
# recipient; for children, an exclusion of what is named for them (`CHILD_WORDS`).
NEGATIONS = frozenset({"not", "nothing", "none", "never", "isn't", "isnt", "aren't", "arent"})
# A refusal earlier in the clause: a group word after it says what is refused, not whom it is for
# (never "no idea what girls like", "not sure", "never bought for boys").
_REFUSED_BEFORE = re.compile(r"(?:\b(?:no|not|nothing|none|never)|n['’]t)\b(?!\s+(?:idea|clue|sure|bought|shopped|know|knowing)\b)"
                             r"(?:(?!\s[-–—]\s)[^,.;:!?()\n]){0,40}$", re.IGNORECASE)
NOT_FOR = re.compile(
    rf"\b(?:{'|'.join(sorted(NEGATIONS))})\s+(?:(?:meant|made|intended|suitable|designed|really|just)\s+)?"
    r"for\s+(?:(?:a|an|the|my|our|little|young|small)\s+)*(?P<who>[a-z]+)\b", re.IGNORECASE)
CHILDREN = frozenset({"kid", "kids", "child", "children", "toddler", "toddlers", "baby", "babies"})
CHILD_WORDS = ("kids", "children", "child", "toddler", "baby", "boys", "girls", "youth")  # names that say "for children"
_SPEAKS = frozenset({"says", "said", "thinks", "thought", "told", "tells", "asked", "asks", "suggested",
                     "recommended", "insists", "reckons"})

COLOURS = frozenset("""
black white grey gray silver charcoal red maroon burgundy wine pink rose magenta fuchsia purple
violet lavender lilac mauve blue navy teal turquoise aqua cyan green olive khaki mint lime yellow
mustard gold golden orange peach coral brown tan beige cream camel nude ivory rust copper bronze
multicolour multicolor denim
""".split())
_SAME_COLOUR = {"gray": "grey", "multicolor": "multicolour", "golden": "gold"}
# Colour words that more often name something else in a request; still read from a store's
# colour column, and still matched as words of the listing.
_SOMETIMES_COLOURS = frozenset({"cream", "olive", "mint", "denim", "wine", "rose", "gold", "silver", "copper",
                                "bronze", "nude", "lime", "peach", "coral", "camel", "tan", "rust"})
# A colour after a negation, up to three words on, and the colours joined to it ("no black or navy").
_NEGATED_COLOURS = re.compile(
    r"\b(?:not|no|nothing|avoid|without|except|hate|hates|dislike|don'?t (?:want|like)|never|isn'?t|aren'?t|"
    r"but not|rather not)\s+((?:(?:in|a|an|the|any|too|so|very|dark|light|bright|[a-z]+ish)\s+){0,3}"
    r"[a-z]+(?:\s*(?:,|or|and|nor|/)\s*[a-z]+){0,3})")
_COLOUR_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Recipient:
    """Who the shopper said the product is for: the groups that fit a child and an adult of
    that description (a son is a boy until `ADULT_AGE`), and the words that said it."""

    child: frozenset[str]
    adult: frozenset[str]
    said: str  # "daughter", "men", "I'm a guy"
    # Said only of people who may be a child or a grown-up ("my friend", "my cousin"): with no
    # age said, either may fit.
    ageless: bool = False
    # The groups when no age is said, where that is not `child`: "my brother", "a gift for her" is
    # a grown-up unless an age says otherwise (`GROWN_UNLESS_AGED`).
    unaged: frozenset[str] | None = None
    newborn: bool = False  # a baby not yet born or just born ("a baby shower gift"): the ages of one

    @property
    def pronoun_only(self) -> bool:
        """Said only as "him" or "her": in a conversation, the person named before."""
        return self.said in ("him", "her")

    def groups(self, age: int | None = None) -> frozenset[str]:
        """The groups that fit at `age` (None: not said, so a child for "son", "niece"); a
        child of two or under may wear the baby section too, one of one or under only it."""
        if age is None and self.ageless:
            return self.child | self.adult
        if age is None and self.unaged is not None:
            return self.unaged
        if age is not None and age >= ADULT_AGE:
            return self.adult
        if age is not None and age <= INFANT_AGE and self.child:
            return frozenset({"baby"})
        if age is not None and age <= BABY_AGE and self.child:
            return self.child | {"baby"}
        if age is not None and age >= SCHOOL_AGE and self.child - {"baby"}:
            return self.child - {"baby"}  # "my kid, 9": not the baby section
        return self.child

    def joined(self, other: Recipient) -> Recipient:
        """Both people: "for my friend's kid, she's 7", then "her brother too"."""
        return Recipient(self.child | other.child, self.adult | other.adult, f"{other.said}, {self.said}",
                         self.ageless and other.ageless,
                         None if self.unaged is None and other.unaged is None
                         else (self.unaged or self.child) | (other.unaged or other.child))

    def same_person(self, other: Recipient) -> bool:
        """Whether "him"/"her" (`self`) can be `other`: "her" after "my daughter", not "him"."""
        return bool(self.adult & other.adult)

    def label(self, age: int | None = None) -> str:
        """The groups in words, for notes: "girls", "men or women"."""
        return " or ".join(g for g in GROUPS if g in self.groups(age))


def value_groups(value: str) -> frozenset[str]:
    """The audience groups a catalog value serves ("Women" -> {women}; "Unisex" -> {men, women};
    "Boys & Girls" -> {boys, girls}); empty when no word of it is known."""
    groups: set[str] = set()
    for word in re.findall(r"[a-z]+", value.lower()):
        groups |= _VALUE_GROUPS.get(word, frozenset())
    return frozenset(groups)


# A listing's words for who it is for. Not `_VALUE_GROUPS`: in a title "Male"/"Female" are
# connectors, "Junior" a size and "for All" all ages, and a baby or toddler word names
# childhood, not the baby section alone ("for Toddlers" fits a son of unstated age).
_LISTED: dict[str, frozenset[str]] = {}
for _words, _listed in (
    ("men mens man gents him", {"men"}),
    ("women womens woman ladies lady her", {"women"}),
    ("boys boy", {"boys"}),
    ("girls girl", {"girls"}),
    ("kids kid children child childrens toddler toddlers baby babies infant infants newborn newborns preschoolers",
     CHILDHOOD),
    ("adult adults grownups", ADULTHOOD),
    ("teens teen teenagers teenager tweens youth", {"boys", "girls", "men", "women"}),
):
    for _word in _words.split():
        _LISTED[_word] = frozenset(_listed)
_ONE_SEX = (frozenset({"boys"}), frozenset({"girls"}))
_BABY_OF = frozenset({"baby", "toddler", "infant", "newborn"})  # "Baby Boys'", "Toddler Girls'": that gender, small
_SIZED = frozenset({"little", "big", "young", "teen", "tween"})  # "Big Girls'": that gender
_LISTING_WORD = re.compile(r"[a-z]+(?:['’]s|s['’]|['’])?|\d+|[^\sa-z\d]", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$|s['’]$|['’]$")
_AGE_WORDS = frozenset({"year", "years", "yr", "yrs", "old", "olds", "age", "ages", "aged", "to", "up", "-", "+", "&"})
_JOINS = frozenset({"and", "or", "&", ",", "/", "+"})
# Words that in a title only ever say who it is for ("Adult Costume", "Child Large", "Kids Bike");
# not "Girls" or "Boys", which are also names ("Glitter Girls", "Beastie Boys").
_ONLY_AUDIENCE = frozenset({"adult", "adults", "mens", "womens", "child", "children", "kids"})


def _possessed(word: str) -> str | None:
    """The group word of a possessive ("Girls'", "Men's", "Children’s"), or None."""
    if not _POSSESSIVE.search(word):
        return None
    bare = re.sub(r"['’]s?$", "", word.lower())
    return bare if bare in _LISTED else None


def _groups_of(words: list[str], lead: str | None = None) -> frozenset[str]:
    """The groups one phrase names: "Girls and Boys" is childhood, "Toddler Girls'" girls in the
    baby section too, "Big Girls'" girls, "Adults & Teens" everyone past the baby section."""
    named = [_LISTED[w] for w in words]
    groups = frozenset().union(*named)
    if set(_ONE_SEX) <= set(named) or lead in _BABY_OF:  # a boys' word and a girls' word: every child
        groups |= {"baby"}
    return groups


def _phrases(text: str) -> list[tuple[frozenset[str], str]]:
    """Who each phrase of a title says the product is for, with the phrase as written: after
    "for" ("Costume for Girls", "for Kids and Adults", "for 3 Year Old Girls"), a possessive
    ("Men's", "Toddler Girls'", "Child's"), a word that is only ever the audience ("Adult
    Costume", "Mens") or the words before a "Gift" ("Baby or Toddler Gift")."""
    words = list(_LISTING_WORD.finditer(text))
    lowered = [m.group().lower() for m in words]
    found: list[tuple[frozenset[str], str]] = []
    i = 0
    while i < len(words):
        word = lowered[i]
        if word == "for" and (read := _after_for(lowered, i)) is not None:
            groups, last, i = read  # the phrase's words are read: "for Adults & Teens" is one phrase
            found.append((groups, text[words[last[0]].start():words[last[1]].end()]))
            continue
        if (bare := _possessed(word)) is not None:
            lead = lowered[i - 1] if i and lowered[i - 1] in _BABY_OF | _SIZED else None
            first = words[i - 1] if lead else words[i]
            found.append((_groups_of([bare], lead), text[first.start():words[i].end()]))
        elif word in _ONLY_AUDIENCE:
            found.append((_LISTED[word], words[i].group()))
        elif word in _LISTED and (end := _before_gift(lowered, i)) is not None:
            lead = word if word in _BABY_OF | _SIZED and lowered[i + 1] in _LISTED else None  # "Teen Girl Gifts"
            named = [w for w in lowered[i + bool(lead):end] if w in _LISTED]
            found.append((_groups_of(named, lead), text[words[i].start():words[end].end()]))
            i = end
        i += 1
    return found


_GIFT = frozenset({"gift", "gifts", "present", "presents"})


def _before_gift(lowered: list[str], at: int) -> int | None:
    """Where the "Gift" after the group words from `at` stands ("Baby or Toddler Gift", "Boy
    Gifts"); None when those words are not followed by one."""
    j = at
    while j < len(lowered) and (lowered[j] in _LISTED or lowered[j] in _JOINS):
        j += 1
    return j if j < len(lowered) and lowered[j] in _GIFT and lowered[j - 1] in _LISTED else None


def _after_for(lowered: list[str], at: int) -> tuple[frozenset[str], tuple[int, int], int] | None:
    """The groups named after the "for" at `at` ("for Toddler Girls", "for Girls 3-Year-Old &
    Up", "for Kids and Adults"), the span of words that said them and where reading stopped;
    None when no group follows ("for Use with Storybook Projector")."""
    named: list[str] = []
    lead = None
    j, last = at + 1, at
    while j < min(len(lowered), at + 9):
        w = lowered[j]
        if w in _BABY_OF | _SIZED and j + 1 < len(lowered) and lowered[j + 1] in _LISTED:
            lead = lead or w  # "for Toddler Girls", "for Teen Boys"
        elif w in _LISTED or (w := _possessed(w) or w) in _LISTED:
            named.append(w)
            last = j
        elif not (w in _JOINS or w in _AGE_WORDS or w.isdigit() or w == "the"):
            break
        j += 1
    return (_groups_of(named, lead), (at, last), j) if named else None


def _level_groups(level: str) -> frozenset[str] | None:
    """Who a category level is for: "Girls", "Baby Boys", "Kids & Baby", "Boys' Clothing",
    "Kids' Bikes"; None for a level that names no one. "Baby Monitors" and "Baby & Toddler
    Toys" name what they hold, not who they are for: a baby monitor is bought by a parent."""
    words = [w for w in map(str.lower, _LISTING_WORD.findall(level)) if w not in ("&", ",", "and")]
    if not words:
        return None
    if all(w in _LISTED for w in words):  # "Girls", "Kids & Baby"
        lead = words[0] if len(words) > 1 and words[0] in _BABY_OF else None
        return _groups_of(words[1:] if lead else words, lead)  # "Baby Boys"
    if (bare := _possessed(words[0])) is not None:
        return _groups_of([bare])  # "Boys' Clothing", "Kids' Bikes"
    return None


def listed_for(title: str, category_path: str = "") -> frozenset[str]:
    """The groups a listing says it is for; empty when it names no one. The title's own words
    come first ("Child's Stormtrooper Costume" filed under "Girls" is for any child); where
    they name no one, the category path's levels ("Kids & Baby > Girls"). Phrases narrow one
    another ("Men's Adult Hat": men); where they disagree, the listing serves each of them.

    >>> sorted(listed_for("Pretty Potion Witch Halloween Costume for Girls"))
    ['girls']
    >>> sorted(listed_for("Forum Novelties Men's Adult Suede Cowboy Hat"))
    ['men']
    >>> sorted(listed_for("Wooden Bead Set (Great Gift for Girls and Boys)"))
    ['baby', 'boys', 'girls']
    >>> sorted(listed_for("Little Mermaid Costume", "Costumes & Accessories > Kids & Baby > Girls > Costumes"))
    ['girls']
    >>> listed_for("Glitter Girls by Battat - Candice 14 inch Doll")
    frozenset()
    """
    found = [groups for groups, _, _ in listing_phrases(title, category_path)]
    if not found:
        return frozenset()
    return frozenset.intersection(*found) or frozenset().union(*found)


@lru_cache(maxsize=1 << 18)  # a reload reads the same listings again
def listing_phrases(title: str, category_path: str = "") -> tuple[tuple[frozenset[str], str, str], ...]:
    """Each phrase of a listing that says who it is for: (groups, "title" or "category", the
    words as written), the title's when it has any (`listed_for`).

    >>> listing_phrases("Witch Costume for Girls, with Hat")
    ((frozenset({'girls'}), 'title', 'for Girls'),)
    """
    if in_title := _phrases(title[:500]):
        return tuple((groups, "title", quote) for groups, quote in in_title)
    return tuple((groups, "category", level) for level in category_path.split(" > ")[1:]
                 if (groups := _level_groups(level)) is not None)


# Names that hold a group's word but call no one: characters and lines ("Spider-Man", "Wonder
# Woman", "Baby Alive", "Powerpuff Girls").
_NAMED_LIKE_PEOPLE = re.compile(
    r"\b(?:spider|iron|ant|bat|super|aqua|he|she|pac|snow|gingerbread|sand|green|hawk|plastic|wonder|cat|invisible|tin|"
    r"lego|mega|x)[- ]?(?:wo)?m[ae]n\b|\bbaby\s+(?:alive|shark|yoda|born)\b|\b(?:powerpuff|glitter|lol|l\.o\.l\.)\s+girls?\b",
    re.IGNORECASE)


@lru_cache(maxsize=1 << 18)  # a reload reads the same titles again
def called(title: str) -> frozenset[str]:
    """The groups any word of a title calls, loosely ("PRINZ Man Money Bank": men; "Who's That
    Girl Dress up Trunk": girls), characters' and lines' names aside. Not whom the listing is
    for (`listed_for` reads that, and a hard constraint rests on it): a list prefers, where it
    can, products that call no one else (`engine`)."""
    words = _LISTING_WORD.findall(_NAMED_LIKE_PEOPLE.sub(" ", title[:300]).lower())
    found = [_LISTED[w] for i, w in enumerate(_possessed(w) or w for w in words) if w in _LISTED
             and (w not in ("her", "him") or "for" in words[max(0, i - 3):i])]  # "Gifts for Him and Her", never "On Her Vespa"
    return frozenset().union(*found) if found else frozenset()


# A shelf of a child's first years: a level of the category path that names babies or toddlers and
# nothing but what such a shelf holds ("Baby & Toddler Toys", "Baby Products", "Toddler Beds";
# never "Baby Dolls", a doll, nor "Kids & Baby", every child's).
BABY_WORDS = frozenset({"baby", "babies", "toddler", "toddlers", "infant", "infants", "newborn", "newborns"})
_SHELF_WORDS = BABY_WORDS | {"toys", "toy", "products", "care", "gear", "beds", "bedding", "girls", "boys",
                                    "and", "essentials"}


# A title calling babies or toddlers as whom it is for: "for Toddlers", "Baby's First", "Infant",
# "Baby Activity and Teething Toy", "Baby Plush"; never a thing's name ("Baby Groot", "Cry Babies",
# "Baby Animals Puzzle", "Toddler Bed for Dolls", "Baby Doll Stroller").
_CALLS_THE_SMALL = re.compile(
    r"\bfor\s+(?:(?:your|the|a|my|little)\s+)?(?:babies|baby|toddlers?|infants?|newborns?)\b|\b(?:infant|newborn)s?\b|"
    r"\bbaby['’]?s\s+first\b|\bmy\s+first\b|\b(?:baby|toddler)\s+(?:toys?|gifts?|activity|teethers?|teething|rattles?|gym|"
    r"walkers?|plush|lovey|blankets?|bath|feeding|sensory|musical|learning)\b", re.IGNORECASE)


def calls_the_small(title: str) -> bool:
    """True where a title calls babies or toddlers as whom it is for (`_CALLS_THE_SMALL`: "Hansa
    Ostrich Baby Plush", "Shape Sorting Garage ... for Toddlers") and no one else ("Baby Boys'
    Romper", "for Kids & Baby" call others too): for a child past those years it is the baby
    shelf's, whatever shelf it is filed on (`CatalogArrays.on_shelf_outgrown`)."""
    title = _NAMED_LIKE_PEOPLE.sub(" ", title[:300])
    words = [_possessed(w) or w for w in _LISTING_WORD.findall(title.lower())]
    return bool(_CALLS_THE_SMALL.search(title)) and not any(w in _LISTED and w not in BABY_WORDS for w in words)


# ... and one calling newborns, infants or babies, or a baby's first things, and never toddlers ("for
# Newborns and Babies", "Baby My First Christmas"): a child of two is past it, before the baby shelf.
_CALLS_INFANTS = re.compile(r"\bfor\s+(?:(?:your|the|a|my|little)\s+)?(?:newborns?|infants?|babies)\b|"
                            r"\b(?:infant|newborn)s?\b|\bbaby['’]?s?\s+(?:my\s+)?first\b", re.IGNORECASE)
INFANCY_PAST = 2  # the age from which a title calling only infants is for someone younger


# ... or a first birthday's ("Girl's 1st Birthday Felt Novelty Headband"): a one-year-old's, whoever else it
# calls (not a twenty-first's; a title that also calls toddlers is theirs too).
_FIRST_BIRTHDAY = re.compile(r"(?<![\w-])(?<!twenty\s)(?<!twenty-)(?:1st|first)\s+(?:birthday|bday|b-day)\b", re.IGNORECASE)
# ... or a thing of a baby's first year, whatever its title calls ("Bright Starts Rattle & Shake
# Barbell Toy, Ages 3 months +", "Baby Rattle, Mirror and Teething Toy"; never a rattlesnake).
_INFANTS_THING = re.compile(r"\b(?:" + INFANTS_THINGS + r")\b", re.IGNORECASE)


def calls_infants(title: str) -> bool:
    """True where a title calls newborns, infants or babies alone, toddlers not among them (`_CALLS_INFANTS`),
    or is a first birthday's (`_FIRST_BIRTHDAY`) or a baby's first year's (`_INFANTS_THING`).

    >>> calls_infants("Little Lamb Board Book and Stuffed Animal Set for Newborns and Babies")
    True
    >>> calls_infants("Shape Sorter for Babies and Toddlers"), calls_infants("Baby Alive Real As Can Be Baby")
    (False, False)
    >>> calls_infants("Girl's 1st Birthday Felt Novelty Headband"), calls_infants("Rattle & Shake Barbell, Ages 3 months +")
    (True, True)
    """
    head = title[:300]
    return ((bool(_FIRST_BIRTHDAY.search(head)) or bool(_INFANTS_THING.search(head))
             or (calls_the_small(title) and bool(_CALLS_INFANTS.search(head))))
            and not re.search(r"\btoddlers?\b", head, re.IGNORECASE))


def on_baby_shelf(category_path: str) -> bool:
    """True where the store files the product on the baby or toddler shelf: a gift for a child
    past it, or a grown-up, looks elsewhere first (`CatalogArrays.on_shelf_outgrown`)."""
    for level in category_path.lower().split(">"):
        words = re.findall(r"[a-z]+", level)
        if words and BABY_WORDS & set(words) and set(words) <= _SHELF_WORDS:
            return True
    return False


def serves(audience: str, title: str, category_path: str = "", first_years: bool = False) -> frozenset[str]:
    """The groups a product serves: the store's audience value; where it has none, whom its
    listing names (`listed_for`); where that names no one, everyone, or every child for a thing
    of a child's first years (`first_years`: a rocking zebra from the baby shelf is no gift for a
    girlfriend)."""
    if audience:
        return value_groups(audience)
    return listed_for(title, category_path) or (CHILDHOOD if first_years else EVERYONE)


_SMALL = _BABY_OF | {"toddlers", "babies"}
_YOUNG = frozenset({"little", "baby", "younger", "kid", "small", "toddler"})  # "my little brother": a boy
_SIBLINGS = {"brother": "boy", "brothers": "boys", "sister": "girl", "sisters": "girls", "bro": "boy", "sis": "girl"}
_ALSO = frozenset({"my", "his", "her", "our", "their", "a", "an", "the"})  # "my son and my daughter"


def _person_groups(person: str, before: str, after: list[str]) -> tuple[frozenset[str], frozenset[str], str, int]:
    """(groups as a child, groups as an adult, the words that said it, words read from the
    person on) of one person named: "a toddler boy" is a boy in the baby section too, "my little
    brother" a boy."""
    if person in _SMALL and after and after[0] in _PEOPLE and _PEOPLE[after[0]][0] <= {"boys", "girls"}:
        small = _PEOPLE[after[0]][0] | {"baby"}
        return small, small, f"{person} {after[0]}", 2
    if person in _SIBLINGS and before in _YOUNG:
        young = _PEOPLE[_SIBLINGS[person]][0]
        return young, young, f"{before} {person}", 1
    if after[:2] == _IN_LAW:
        grown = _PEOPLE[person][1]
        return grown, grown, f"{person}-in-law", 3
    child, adult = _PEOPLE[person]
    if after[:1] == ["("] and after[1:2] and after[1] in (*_SEXES, "male", "female") and len(child) > 1:
        said = after[1:after.index(")")] if ")" in after else after[1:4]
        if not {w for w in said if w in (*_SEXES, "male", "female")} - {after[1]}:  # "twins (boy + girl)": both
            as_child, as_adult = _PEOPLE[after[1]]
            return child & as_child, adult & as_adult, f"{person} ({after[1]})", 1
    if (sex := _by_pronoun(after)) and {"men", "women"} <= adult:  # "my partner, he's into trains"
        keep = _OF_SEX[sex]
        return child & keep, adult & keep, person, 1  # as said: reasons quote it ("your “cousin”")
    return child, adult, person, 1


# "he", "his", "she", "her" said of a person whose sex the word for them does not say.
_PRONOUNS = {"he": "boy", "he's": "boy", "hes": "boy", "his": "boy", "him": "boy", "mr": "boy",
             "she": "girl", "she's": "girl", "shes": "girl", "her": "girl", "hers": "girl", "ms": "girl", "mrs": "girl",
             "miss": "girl"}  # "my son's teacher, Ms Alvarez": a woman
_SENTENCE_END = frozenset({".", "!", "?", ";"})
_ANOTHER = frozenset({"my", "our", "from", "says", "said", "thinks", "told", "i", "we"})  # someone else speaks or gives
_OF_SEX = {"boy": frozenset({"boys", "men", "baby"}), "girl": frozenset({"girls", "women", "baby"})}


def _by_pronoun(after: list[str]) -> str | None:
    """"boy" or "girl" when the words after a person, to the end of the sentence, say only "he"
    or only "she" ("my little one, she's 3"); None when they say neither, or both."""
    said = set()
    for i, word in enumerate(after):
        if word in _SEXES and i and after[i - 1] in ("a", ",", "and", "&", "one"):
            said.add(word)  # "my son's friend, a girl, 8"; "my twins, boy and girl": both
            continue
        if word in _SENTENCE_END or word in _ANOTHER or word.removesuffix("'s") in _PEOPLE:
            break  # "for my toddler, my wife says she ...": the wife
        if word in _PRONOUNS and i + 1 < len(after) and after[i + 1] in _SPEAKS:
            return None  # "my cousin's child, he said she likes art": who speaks is someone else
        if word in _PRONOUNS:
            said.add(_PRONOUNS[word])
    return said.pop() if len(said) == 1 else None


_GIVING = frozenset({"wants", "wanted", "needs", "needed", "is", "was", "asked", "asks", "would", "wanna", "will", "plans",
                     "hopes", "has", "had", "'s", "’s"})


def _gives(words: list[str], at: int) -> bool:
    """Whether the person named at `at` is looking for a gift for someone else named later in the
    sentence ("my husband wants something for our son", "grandma wants to buy something for the baby")."""
    if at + 1 >= len(words) or words[at + 1] not in _GIVING:
        return False
    for j in range(at + 2, min(len(words), at + 10)):
        if words[j] in _SENTENCE_END:
            return False
        if words[j] == "for" and any((w := word.removesuffix("'s").removesuffix("'")) in _PEOPLE and w not in _PRONOUNS
                                     for word in words[j + 1:j + 4]):  # "for her party" is the same person's
            return True
    return False


_GAVE = frozenset({"given", "gave", "bought", "sent", "knitted", "brought", "gifted"})  # never "got" or "made":
_GAVE_TO = frozenset({"us", "me", "him", "her", "them"})  # "my son just got his black belt", "she made the team"


def _has_given(words: list[str], at: int) -> bool:
    """Whether the person named at `at` is said to have given something already ("my mom has
    already given us 5 owl things", "grandma bought him a bike"): one who gives, not the one it is for."""
    j = at + 1
    if j < len(words) and words[j] in ("has", "have", "had", "'s"):
        j += 1
    while j < len(words) and words[j] in ("already", "just", "also"):
        j += 1
    return j + 1 < len(words) and words[j] in _GAVE and words[j + 1] in _GAVE_TO


_PAYING = frozenset({"chip", "chipping", "chips", "chipped", "pitch", "pitching", "pitches", "pitched", "pay", "paying", "pays",
                     "paid", "split", "splitting", "splits", "contribute", "contributing", "contributes", "cover", "covering"})
_TOWARDS = frozenset({"in", "half", "towards", "toward", "the"})  # "chipping in", "paying half", "covering the rest"


def _pays(words: list[str], at: int) -> bool:
    """Whether the person named at `at` pays towards the gift ("my mum's chipping in", "grandma will pay
    half"; never "my nephew pitches in little league", "my son is pitching", "paid for her own ipad")."""
    after = [*words[at + 1:at + 4], "", "", ""]
    if after[0] in ("is", "will", "can", "are"):
        after = after[1:]
    return after[0] in _PAYING and after[1] in _TOWARDS and not (after[1] == "in" and after[2] in ("little", "the", "a"))


def _unaged(person: str, words_said: str, as_child: frozenset[str], as_adult: frozenset[str]) -> frozenset[str]:
    """The groups of one person named when no age is said: a grown-up's for a brother or "her"
    said alone (`GROWN_UNLESS_AGED`), a child's otherwise ("my little brother" is a boy)."""
    return as_adult if person in GROWN_UNLESS_AGED and words_said == person else as_child


def recipient(text: str) -> Recipient | None:
    """Who `text` says the product is for, or None when it does not say.

    >>> sorted(recipient("a party dress for my 10 year old daughter").groups(10))
    ['girls']
    >>> sorted(recipient("a shirt for my son").groups(30))
    ['men']
    >>> sorted(recipient("watches for men under INR 2500").groups())
    ['men']
    >>> recipient("a jacket for me (I'm a guy)").said
    "I'm a guy"
    """
    text = _THEIR_PEACE.sub(" ", _FOR_BABIES.sub(" ", _Y_O.sub("yo", text[:2000])))
    if (m := _HAD_A_BABY.search(text)) and not _FOR_THE_PARENT.search(text):
        return Recipient(_PEOPLE["baby"][0], _PEOPLE["baby"][1], m.group(1).lower(), newborn=True)
    child: set[str] = set()
    adult: set[str] = set()
    said: list[str] = []
    ageless: list[bool] = []  # per person named: may be a child or a grown-up ("my friend")
    unaged: set[str] = set()  # the groups when no age is said
    if (m := _SELF.search(text)) and _FOR_SELF.search(text):
        word = m.group(1).lower()
        groups = _PEOPLE[word][0 if word in ("boy", "girl") else 1]
        child |= groups
        adult |= groups
        unaged |= groups
        said.append(m.group(0))
        ageless.append(False)
    words = [w.lower() for w in _WORD.findall(text)]
    first = next((i for i, w in enumerate(words) if w not in _CORRECTING), len(words))
    at_start = first  # "teenage daughter (15) - gift ideas?": the daughter, read with the word before her
    if first + 1 < len(words) and words[first] in _BEFORE_A_PERSON and words[first + 1] in _PEOPLE:
        first += 1
    if (first + 2 < len(words) and words[first] in ("her", "his", "their") and words[first + 1] in _PEOPLE
            and words[first + 2] in _ADDED):
        words.insert(first, "for")  # "actually her brother too, he's 9": the brother as well ("her brother loves lego" is not)
    elif (first + 3 < len(words) and words[first] in _AN_ARTICLE and words[first + 1] in _PEOPLE
            and words[first + 1] not in ("her", "him") and words[first + 2] in _WHERE_FROM
            and _LIKES & set(words[first + 3:first + 7])):
        words.insert(at_start, "for")  # "A lady at work is retiring", "a guy from church loves trains": that person
    elif (first < len(words) and words[first] in _PEOPLE and words[first] not in ("her", "him")
            and (first + 1 == len(words) or words[first + 1] in _LIKES or words[first + 1] == "("
                 or (words[first + 1] == "," and (first > at_start or words[first] not in _EXCLAIMED))
                 or (first and words[first + 1] in _SENTENCE_END))):
        words.insert(at_start, "for")  # "grandpa loves trains, under 60": grandpa; "wait no, granddaughter"
    for i, word in enumerate(words):
        occasion = words[i + 1] if i + 1 < len(words) else ""
        if _ORDINAL.fullmatch(occasion):
            occasion = words[i + 2] if i + 2 < len(words) else "."  # "son's 10th birthday"
            if occasion in _SENTENCE_END or occasion == ",":
                occasion = "birthday"  # "It's Grandpa's 80th."
        if (occasion in _OCCASIONS and word.endswith(("'s", "s'"))
                and (name := word.removesuffix("'s").removesuffix("'")) in _PEOPLE
                and not (i and words[i - 1] in _LEADS | _ALSO)):  # "hubby's birthday"
            as_child, as_adult, words_said, _ = _person_groups(name, words[i - 1] if i else "", words[i + 1:i + 4])
            ageless.append(name in AGELESS)
            child |= as_child
            adult |= as_adult
            unaged |= _unaged(name, words_said, as_child, as_adult)
            said.append(words_said)
            continue
        if (word not in _LEADS | _AGE_LEADS or (i and words[i - 1] in _NOT_RECIPIENT | NEGATIONS)
                or (i > 1 and words[i - 2] in NEGATIONS)
                or (i > 1 and words[i - 1] in ("or", "nor") and NEGATIONS & set(words[max(0, i - 6):i - 1]))
                or (i > 1 and words[i - 1] == "of" and words[i - 2] in _PEOPLE)):
            continue  # "a gift from my daughter", "not for my wife", "nothing for kids", "a classmate of my son",
            # "nothing baby-ish or for toddlers"
        person, at = None, i
        for j in range(i + 1, min(len(words), i + 1 + (1 if word in _AGE_LEADS else _LOOK_AHEAD))):
            ahead = words[j]
            if j + 1 < len(words) and (pair := f"{ahead} {words[j + 1]}") in _PEOPLE:  # "my little one", "the in-laws", "a grown up"
                person, at = pair, j + 1
                break
            name = ahead.removesuffix("'s").removesuffix("'")
            if (name in _BEFORE_A_PERSON and name not in _SMALL and j + 1 < len(words)
                    and words[j + 1].removesuffix("'s") in _PEOPLE):
                continue  # "my eldest son": the son ("a toddler boy" is a boy in the baby section too)
            if name in ("her", "him") and j + 1 < len(words) and words[j + 1].removesuffix("'s") in _PEOPLE:
                continue  # "a costume for her son": the son
            if name in _PEOPLE and words[j - 1] == "other" and "for" not in (word, words[i - 1] if i else ""):
                break  # "it's my OTHER grandkid with all the dinos": someone else ("for my other son" is one)
            if name in _PEOPLE:
                person, at = name, j
                if ahead != name or (j + 1 < len(words) and words[j + 1].removesuffix("'s") in _PEOPLE
                                     and name.endswith("s")):  # "my friends baby": the baby
                    continue  # "my son's girlfriend", "my sister's baby": the last one named
                break
            if person and ahead in _CLOSE and j + 1 < len(words) and words[j + 1] in _PEOPLE:
                continue  # "my son's best friend": the friend
            if person or not ahead[0].isalpha() or ahead in _LEADS or ahead in _NOT_RECIPIENT:
                break  # "a board game for game night with friends": no one it is for
        if person is None:
            continue
        if word in ("my", "our") and words[at + 1:at + 2] and words[at + 1] in _SPEAKS:
            continue  # "my wife says I need running shoes": who speaks, not who it is for
        if words[at + 1:at + 3] in (["and", "i"], ["and", "me"]):
            continue  # "my partner and I want something for our nephew": the nephew
        if _pays(words, at):
            continue  # "my mum's chipping in so we can go up to 45": who pays, not whom it is for
        if _has_given(words, at):
            continue  # "my MIL has already given us about 5 owl things": who gave, not whom it is for
        if _gives(words, at) or (word in ("my", "our") and "from" in words[max(0, i - 3):i]):
            continue  # "my mom is looking for a present for my daughter", "from me and my husband": who gives
        while True:  # "for my nephew and niece": each one named
            as_child, as_adult, words_said, read = _person_groups(person, words[at - 1], words[at + 1:at + 10])
            ageless.append(person in AGELESS)
            child |= as_child
            adult |= as_adult
            unaged |= _unaged(person, words_said, as_child, as_adult)
            said.append(words_said)
            at += read
            if at + 2 < len(words) and words[at] in _SENTENCE_END and words[at + 1] == "or":
                at += 1  # "a toy for a boy. Or a girl."
            if not (at + 1 < len(words) and words[at] in ("and", "or", "&")):
                break
            at += 2 if words[at + 1] in _ALSO and at + 2 < len(words) else 1
            person = words[at].removesuffix("'s").removesuffix("'")
            if person not in _PEOPLE or person in AGELESS:
                break  # "for my daughter and her friends": the daughter's, of her kind
    for m in _GROUP.finditer(unrefused := NOT_FOR.sub(" ", text)):  # "nothing for kids" names no one it is for
        if _REFUSED_BEFORE.search(unrefused[:m.start()]) or _GIVERS_BEFORE.search(unrefused[:m.start()]):
            continue  # "he has NO interest in kits aimed at kids", "no kids' games please": what is refused;
            # "for my wife from me + our 3 kids": who gives
        groups = value_groups(m.group(1) or m.group(2))
        child |= groups
        adult |= groups
        unaged |= groups
        said.append(m.group(0).lower())
        ageless.append(False)
    if not child and not adult and _NEW_BABY.search(text) and not re.search(r"\b\d+\s*-?\s*(?:years?|yrs?|yo)\b", text):
        return Recipient(_PEOPLE["baby"][0], _PEOPLE["baby"][1], "new baby", newborn=True)
    if not child and not adult and _WORK_SWAP.search(text):
        return Recipient(_PEOPLE["coworker"][0], _PEOPLE["coworker"][1], "coworker")
    if not child and not adult and (m := _PERSON_GIFT.search(text)):
        after = _WORD.findall(text[m.end():].lower())[:10]
        as_child, as_adult, words_said, _ = _person_groups(m.group(1).lower(), "", after)
        return Recipient(as_child, as_adult, words_said)
    if not child and not adult and (m := _WEDDING.search(text)):  # reasons quote the words that said it
        return Recipient(frozenset({"men", "women"}), frozenset({"men", "women"}), m.group(0).lower())
    if not child and not adult and (m := _SEX_SAID.search(text)):
        she, noun = m.group(1).lower() == "she", m.group(2).lower()
        child_adult = _PEOPLE[noun] if noun not in ("female", "male") else _PEOPLE["girl" if she else "boy"]
        return Recipient(*child_adult, "her" if she else "him")  # "a girl": a child at a child's age; "a woman": grown
    if (not child and not adult and (m := _SELF.search(text)) and m.group(1).lower() in _GROWN_SELF
            and not _GIFT_FOR_ANOTHER.search(text) and not _A_CHILD_SAID.search(text)):
        groups = _PEOPLE[m.group(1).lower()][1]
        return Recipient(groups, groups, m.group(0), unaged=groups)
    if not child and not adult:
        asked = _PRICEY_FOR_ME.sub(" ", text)  # "those are a bit much for me": the price, never who it is for
        if not (_FOR_ME.search(asked) or _FOR_MYSELF.search(asked)):
            return None  # "I can build it myself": no one it is for
        # "a costume for myself": the shopper, a grown-up unless said otherwise ("I'm 12": nothing
        # required); a bare "for me" may be said of anything ("too pricey for me"): nothing required
        if not _FOR_MYSELF.search(text) or ((m := _I_AM_AGED.search(text)) and int(m.group(1)) < ADULT_AGE):
            return Recipient(frozenset(), frozenset(), "me")
        grown = frozenset({"men", "women"})
        return Recipient(frozenset(), grown, "me", unaged=grown)
    if ageless and all(ageless) and adult and _GROWN_OCCASION.search(text):
        # "a housewarming present for my friends Dan and Priya": friends, grown up
        return Recipient(frozenset(adult), frozenset(adult), ", ".join(dict.fromkeys(said)))
    return Recipient(frozenset(child), frozenset(adult), ", ".join(dict.fromkeys(said)), bool(ageless) and all(ageless),
                     None if unaged == child else frozenset(unaged))


_HE = frozenset({"he", "he's", "hes", "him", "his", "himself"})
_SHE = frozenset({"she", "she's", "shes", "her", "hers", "herself"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their"})
# children counted or aged: "(2 boys, 1 girl)", "(boys 5 and 9, girl 7)"
_COUNTED = re.compile(r"\b(?:\d+|two|three|four|five|six|both)\s+(boy|girl)s\b|\b(boy|girl)s\s+(?=\d)", re.IGNORECASE)
_SEXED = {"boy": "he", "lad": "he", "guy": "he", "dude": "he", "girl": "she", "lass": "she", "male": "he", "female": "she"}


_NEGATING = frozenset({"no", "not", "nothing", "none", "never", "t"})  # "don't" is read as "don", "t"


def _refused_at(words: list[str], at: int) -> bool:
    """True where a refusal is said up to three words before `words[at]`, in its clause ("NOT into
    kids' toys", "not a baby doll"; never "no balloons pls - one kid in his class")."""
    for w in reversed(words[max(0, at - 3):at]):
        if w in ".,;!?()":
            return False
        if w in _NEGATING:
            return True
    return False


def _says_of_self(words: list[str], at: int) -> bool:
    """True where who speaks at `at` speaks of themself: "my kid is 7, she said she wants a bike"
    (never "she said lego", "she says he likes dinosaurs")."""
    same, other = (_HE, _SHE) if words[at] in _HE else (_SHE, _HE)
    said = words[at + 2:at + 4]
    return bool(same.intersection(said)) and not other.intersection(said)


def sex_by_pronouns(turns: list[str] | tuple[str, ...], said: str) -> str | None:
    """"he" or "she" where the conversation's pronouns (and "a lad", "a girl") name only one sex
    and no one else they could be: "my 11yo wants a skateboard for his birthday" (his mum, being
    his, is no one else); never "a gift for a coworker's kid, she just says 'the kid'" (she may
    be the coworker) nor "don't know if it's a boy or girl"."""
    own = set(_WORD.findall(said.lower()))
    sexes: set[str] = set()
    for text in turns:
        words = [w.lower() for w in _WORD.findall(NOT_FOR.sub(" ", text[:2000]))]  # "nothing just for girls"
        sexes.update(_SEXED[(m.group(1) or m.group(2)).lower()] for m in _COUNTED.finditer(text[:2000]))  # both sexes
        for i, w in enumerate(words):
            if (w in _HE or w in _SHE) and i + 1 < len(words) and words[i + 1] in _SPEAKS and not _says_of_self(words, i):
                return None  # "I asked the cashier and she said lego": someone speaking
            if w in _HE or w in _SHE:
                sexes.add("he" if w in _HE else "she")
            elif w in _SEXED:  # "what else would a lad that age like?"
                sexes.add(_SEXED[w])

            elif (name := w.removesuffix("'s").removesuffix("'")) in _PEOPLE and name not in own and not (
                    i and words[i - 1] in _POSSESSIVE_PRONOUNS) and not _refused_at(words, i):
                return None  # someone else is named: whom a pronoun means is not sure ("NOT into kids' toys" names no one)
    return sexes.pop() if len(sexes) == 1 else None


def colour_words(value: str) -> frozenset[str]:
    """The colour names in `value`, one spelling each ("Navy Blue" -> {navy, blue})."""
    words = _COLOUR_WORD.findall(value.lower())
    return frozenset(_SAME_COLOUR.get(w, w) for w in words if w in COLOURS)


def requested_colours(text: str, exclusions: tuple[str, ...] = ()) -> frozenset[str]:
    """The colours a request asks for: not those it excludes ("not black", "nothing black", "no
    black or navy", "I hate black"), nor words that are colours only sometimes ("olive oil",
    "face cream", "a denim jacket").

    >>> sorted(requested_colours("a black or navy t-shirt"))
    ['black', 'navy']
    >>> sorted(requested_colours("jeans, no black or navy, maybe blue"))
    ['blue']
    """
    text = text[:2000].lower()
    excluded = {w for e in exclusions for w in colour_words(e)}
    for m in _NEGATED_COLOURS.finditer(text):
        excluded |= colour_words(m.group(1))
    return frozenset(c for c in colour_words(text) if c not in excluded and c not in _SOMETIMES_COLOURS)


def hard_facets(who: Recipient | None, age: int | None, colours: frozenset[str], *,
                has_audience: bool, has_colour: bool,
                fits: Callable[[tuple[str, ...], tuple[str, ...]], bool]) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, Any]]:
    """The audience groups and colours to require, and what became of each one asked for.

    A stated recipient or colour is required when the catalog has that facet and
    `fits(audience, colours)` (the other hard constraints plus these facets) leaves a product;
    otherwise it is relaxed and the summary's `note` says so. A catalog without the facet is
    not mentioned: its request words still count in matching (a colour in a title), and a
    recipient's age still applies.

    Returns (audience groups, colours, summary for the API).
    """
    audience: tuple[str, ...] = ()
    wanted_colours: tuple[str, ...] = ()
    summary: dict[str, Any] = {}
    relaxed: list[str] = []
    if who is not None and has_audience and who.groups(age):
        groups = tuple(g for g in GROUPS if g in who.groups(age))
        applied = fits(groups, ())
        if applied:
            audience = groups
        else:
            relaxed.append(f"for {who.label(age)}")
        summary["audience"] = {"asked": list(groups), "said": who.said, "applied": applied}
    if colours and has_colour:
        wanted = tuple(sorted(colours))
        applied = fits(audience, wanted)
        if applied:
            wanted_colours = wanted
        else:
            relaxed.append("in " + " or ".join(wanted))
        summary["colour"] = {"asked": list(wanted), "applied": applied}
    summary["note"] = (f"Nothing listed {' and '.join(relaxed)} fits the rest of what you asked, "
                       "so these are not limited to that.") if relaxed else None
    return audience, wanted_colours, summary
