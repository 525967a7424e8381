"""What the shopper named, and which products hold it.

"show me a lego set under $50" names LEGO and a set; "crayons or markers" names either;
"a gift for my nephew who loves science" names science. The list must be made of such
products whenever the catalog holds enough of them within the hard constraints.

The request is cut into clauses at words that start a new thought ("for", "who", "under",
"not", ...) and at sentence marks; clauses led by "for" or "to" say what the product is for
("for work", "for my nephew") and are left out, except after "looking", "shopping" and the
like ("looking for a kite"). The *focus* is the first remaining clause
that names something this catalog's products are called (a word of some title, brand or category): its words joined by
"or", "and", "&", "/" or a comma are alternatives (and so are the items of a list after a dash
or colon: "military toys - tanks, soldiers"), and the words of one alternative are all
required ("remote control car"). Words the shopper named that no listing holds at all are
`missing` ("nerf" in a store without Nerf), said to the shopper rather than matched to
something else; a misspelling close to a catalog word is read as that word ("legoo"). A thing
asked for that a few listings mention but no product is called ("a xylophone", where a set's
bullets list one) is `unnamed`, and said too; a word left beside a missing one that listings
use to describe ("run" in "marble run") names nothing.

A word is matched as the catalog writes it: "hot-wheels" and "hotwheels" both as hot + wheels
when the names say "Hot Wheels", "play doh" and "playdoh" as "Play-Doh"; a word the catalog
writes both ways ("Stormtrooper" and "Storm Trooper", "Dragon Ball" and "Dragonball") matches
either.

A product's `coverage` is the share of the best alternative it holds in its title, brand or
category, each word weighted by how rare it is among the catalog's names (so "lego" counts
for more than "set"). The kind (the alternative's last word: "costume" in "halloween
costume", passing over words that say how it is sold: "slime" in "slime kit") and brands or lines (words most products that hold them lead with: "lego",
"barbie") count in full; other qualifiers ("halloween", "wooden") count half, and together
never more than the kind, so a costume that is not a Halloween one is a close alternative and
a Halloween mug is not. A product is on target (`on_target`) when its names hold every word
of an alternative, "set"/"kit" aside, and any stated count; when any on-target product fits,
the list holds only those, fuller coverage first. Only when none fits come products that miss
nothing but describing words (`essential`), labelled as close alternatives; when no product
is even that, the closest partial matches above a floor, labelled the same way.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

import numpy as np

from recommender.facets import PERSON_WORDS
from recommender.franchises import lines_of, owns_lines, with_lines
from recommender.impressions import ShownItem
from recommender.lexical import (
    FOR_WORDS,
    MEASURE,
    MEASURE_RANGE,
    LexicalIndex,
    bounds,
    measure_words,
    measures,
    numbered_names,
    refused_counts,
    tokens,
    word_tokens,
)
from recommender.matching import LETTERS
from recommender.money import NUMBER_WORDS, normalize_amounts
from recommender.parsing import (
    STOPWORDS,
    ages_in_digits,
    join_initialisms,
    phrase_words,
    without_phrases,
    without_refusals,
)

FLOOR = 0.5  # partial matches below this coverage are unrelated: never shown when a focus exists
QUALIFIER = 0.5  # weight of a word that qualifies the kind named, against the kind or a brand
QUALIFIER_CAP = 0.9  # all qualifiers together weigh at most this share of the kind
DESCRIBES = 2.0  # a qualifier in this many times more listings than names only describes
MAX_NAME_SHARE = 0.3  # a word in more of the catalog's names than this names nothing in particular
RARE_IN_LISTINGS = 0.01  # a word in no name and at most this share of listings is a thing none is called
# Words that start a new clause: what follows describes the person, the price, an exclusion or
# what they will do with it ("a model kit he can build and paint": no "build" or "paint" is named).
# A full stop ends one, save after a title or the like ("Dr. Seuss", "St. Patrick's Day").
_CLAUSE = re.compile(
    r"((?<!\bdr)(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bst)(?<!\bjr)(?<!\bvs)\.|[;!?\n]|\b(?:for|who|whom|whose|that|which|to|under|below|over|above|between|"
    r"with|less|more|within|max|not|no|isn't|isnt|aren't|without|except|but|than|if|because|since|so|"
    r"like|likes|loves|enjoys|into|wants|need|needs|please|maybe|cheaper|cheap|budget|"
    r"preferably|ideally|something|anything|i|i'm|im|(?:he|she|they|we|you)\s+(?:can|could|will|would|might|may|should))\b)",
    re.IGNORECASE)
# A clause led by these says what the product is for ("for work", "for my nephew", "to
# build with"): a purpose or a person, never the thing itself.
_PURPOSE = frozenset({"for", "to"})
# A clause led by these says what someone likes or wants ("he's into anime and gaming").
_LIKED_LEADS = frozenset({"like", "likes", "loves", "enjoys", "into", "wants", "need", "needs"})
_INTO_AFTER = re.compile(r"^(?:is|are|was|were|be|been|really|so|very|totally|also|big|huge|super|seriously|"
                         r"(?:he|she|they|we|you|i|who)['’](?:s|re|m)|['’](?:s|re)|hes|shes|theyre|im|whos|\w+['’]s|.*[,;:—-])$", re.IGNORECASE)
# ... unless it follows one of these: "looking for a kite", "shopping for lego" name the thing.
_SEEKING = frozenset({"look", "looking", "search", "searching", "shop", "shopping", "hunt", "hunting",
                      "market", "ask", "asking", "hoping", "browsing"})
# An amount then one of these is a budget ("20 bucks tops", "in the $10-$20 range"), not a product word.
_AFTER_AMOUNT = re.compile(r"(¤[\d.,]+(?:\s*(?:-|–|to)\s*¤?[\d.,]+)?)\s+(?:tops|max|maximum|or less|or under|at most|(?:price\s+)?range|"
                           r"mark|ballpark|area|or so|ish|limit|budget|cap|ceiling|and under|and below|spend)\b|\b(\d+(?:\.\d+)?)\s+tops\b", re.IGNORECASE)
# Words before "it" or "them" that are verbs though they end in neither -s nor -ed ("make it a 4k one").
_VERBS_OF_IT = frozenset({"make", "take", "get", "give", "do", "pick", "choose", "chose", "keep", "need", "want", "like",
                          "love", "use", "try", "wrap", "send", "show", "narrow", "find", "bring", "put", "number",
                          "lower", "drop", "raise", "cut", "bump", "up"})
# "he's a big kid at heart", "a new baby in the family", "the beeping drives me up the wall",
# "we're a no-weapons house", "money's tight this month": about the people, no thing.
_ABOUT_THEM = re.compile(r"\b(?:(?:a\s+)?big\s+)?kid\s+at\s+heart\b|\bin\s+the\s+family\b|"
                         # the gift game, no Santa or elephant wanted ("a white elephant figure" is one)
                         r"\bsecret\s+santa\b|\bwhite\s+elephant\b(?=\s+(?:gift|swap|party|exchange|game))|"
                         r"\b(?:his|her|their|our|my|your)\s+family\b(?!\s+(?:game|games|board|fun|night|friendly)\b)|"
                         # an agent for a customer: "Customer notes the child's parents don't want ..."
                         r"\b(?:customer|client|cust|caller)\s+(?:notes|noted|says|said|mentions|mentioned|adds|added|"
                         r"explains|explained|requests|requested|states|stated|asks|asked)\b|"
                         r"\b(?:my|our|the)\s+little\s+(?:princess|man|lady|one)\b|"
                         # "she apparently thinks they're for babies now": a verdict, no babies' things wanted
                         r"\b(?:thinks?|says?|said|decided|reckons?)\b[^.!?]{0,40}?(?:\bis|\bare|['’]re|['’]s)\s+"
                         r"(?:only\s+|just\s+)?for\s+(?:babies|little\s+kids|toddlers)\b|"
                         # "for someone who gets bad nightmares": what the person suffers, no thing wanted
                         r"\b(?:who|that|he|she|they|and)\s+(?:gets?|has|have|had|suffers?\s+from|struggles?\s+with)\s+"
                         r"(?:(?:really|very|such|so|bad|terrible|awful|frequent|severe|a\s+lot\s+of|lots\s+of)\s+)*"
                         r"(?:nightmares|night\s+terrors|anxiety|allergies|eczema|asthma|migraines|seizures|sensory\s+issues)\b|"
                         r"\bdrives?\s+(?:me|us|him|her)\s+(?:up\s+the\s+wall|crazy|nuts|mad|bonkers|insane)\b|"
                         r"\bno-[a-z]+\s+(?:house|household|home|family|zone)\b|"
                         r"\b(?:money|cash|funds)(?:'s|\s+is|\s+are)\s+(?:a\s+bit\s+|really\s+|very\s+|so\s+)?(?:tight|short|low)\b|"
                         r"\b(?:pool(?:ed|ing)?|chip(?:ped|ping)?\s+in|put\s+in|raised?)\s+(?:our\s+|the\s+|some\s+)?(?:money|cash|funds)\b",
                         re.IGNORECASE)
# "that chemistry set is way too much", "the lego one was too expensive": a price said of a thing
# shown, which asks for no more of it.
_TOO_DEAR = re.compile(r"\b(?:that|the|this|those|these)\s+(?:[a-z][\w'-]*\s+){0,3}?(?:is|was|are|were|'s|’s)\s+"
                       r"(?:(?:way|far|much|a\s+bit|a\s+little|just)\s+)?(?:too\s+(?:much|expensive|pricey|dear|steep)|"
                       r"over\s+(?:my\s+|the\s+|our\s+)?budget|out\s+of\s+(?:my\s+|our\s+)?(?:budget|price\s+range))\b|"
                       r"\bway\s+too\s+(?:much|expensive|pricey|dear|steep)\b", re.IGNORECASE)
# "she will be four in March", "by next Friday": when, no thing ("Birthstone Ring - March" aside).
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WHEN = re.compile(r"\b(?:in|by|next|this|last|until|till|before|after|since|on|early|late|mid|end\s+of|start\s+of)\s+"
                   r"(?:next\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december|"
                   + _WEEKDAYS + r")\b", re.IGNORECASE)
# Who a shopper says they are ("Retired machinist here.", "Grandpa here!"; never "Star Wars fan here").
_WHO_SAYS = PERSON_WORDS | {"agent", "customer", "nurse", "engineer", "machinist", "mechanic", "parent", "parents",
                            "grandparent", "grandparents", "student", "retiree"}
# "a send-off for Bob next Friday": a person's name, said before when
_FOR_A_NAME = re.compile(r"(?<=\bfor\s)(?-i:[A-Z][a-z]+)(?=\s+(?:(?:next|this|on)\s+(?:" + _WEEKDAYS
                         + r"|week|weekend|month)|tomorrow|tonight)\b)", re.IGNORECASE)
# "eight-ish dollars", "20ish": about an amount, no thing.
_ABOUT_AMOUNT = re.compile(r"\b(?:\d+|" + "|".join(NUMBER_WORDS) + r")-?ish\b", re.IGNORECASE)
# "a stocking filler", "stocking stuffers", "a white elephant swap", "secret santa": a small
# gift, no kind of thing.
_STOCKING_GIFT = re.compile(r"\bstocking[\s-]+(?:fill|stuff)(?:ers?|ing)\b|\bwhite\s+elephant\s+(?:swap|gift|exchange|"
                            r"party)\b|\bsecret\s+santa\b", re.IGNORECASE)
# "to keep her busy on the plane", "for the long car ride", "flying out to see my mum": something
# for a journey (listings say "travel"), never a plane or a car.
_ON_A_JOURNEY = re.compile(r"\b(?:on|for|during)\s+(?:the|a|our|my|their|his|her)\s+(?:long\s+)?(?:(?:plane|flight)(?:\s+(?:ride|journey|trip))?|"
                           r"(?:car|train|bus)\s+(?:ride|journey|trip)|road\s*trip|journey)s?\b|"
                           r"\bflying\s+(?:out\s+|back\s+|home\s+|over\s+|down\s+|up\s+)?(?:to|with)\b", re.IGNORECASE)
# "to keep the kids busy", "keep him entertained": what a thing will do, not a busy board.
_KEEP_BUSY = re.compile(r"\bkeep(?:s|ing)?\s+(?:[a-z]+\s+){0,3}?(?:busy|occupied|entertained|quiet|amused)\b", re.IGNORECASE)
# "her 1st birthday", "his 6th bday": whose birthday it is, an age ("1st" is also how titles number things).
_NTH_BIRTHDAY = re.compile(r"\b\d+(?:st|nd|rd|th)\s+(?=(?:birthday|bday|b-day)\b)", re.IGNORECASE)
# Chat, no thing named: "I search a present" (as other languages say "I am looking for"), "he's
# moving out", "(long story)", "our office is doing a send-off" (no office supplies), "Customer
# (grandmother) on the phone" (no phone), "ordering through the site", asides of chat.
_CHAT_PHRASES = re.compile(r"\bI\s+(?:search|am\s+searching|'m\s+searching)\b|\bmoving\s+out\b|"
                           r"\b(?:had|has|have)\s+(?:his|her|their|my|our|your)\s+fill\b|"  # "he's had his fill of X"
                           # "so I'd rather go a different way", "let's try another direction"
                           r"\b(?:go|going|try|head|take)\s+(?:in\s+)?(?:a|another|some)\s+(?:different|other|new)?\s*"
                           r"(?:way|direction|route|tack)\b|"
                           r"\b(?:our|my|at\s+the|at)\s+(?:office|workplace)\b(?!\s+(?:supplies|desk|chair))|"
                           r"\b(?:on|over)\s+the\s+(?:phone|line|chat)\b|"
                           r"\(?\blong\s+story(?:\s+short)?\b\)?|"
                           # "we've got christmas coming up too" (why the budget is lower)
                           r"\b(?:christmas|xmas|the\s+holidays|holidays|hanukkah|easter|thanksgiving|(?:his|her|their|my|our|a)\s+"
                           r"(?:birthday|bday|party|wedding))\s+(?:is\s+|are\s+)?coming\s+up\b|"
                           # "there's dust allergies in the house", "has a severe latex allergy" (what is refused is read apart)
                           r"\b(?:has|have|with|there['’]?s|there\s+(?:is|are))\s+(?:an?\s+)?(?:(?:severe|bad|serious|mild|bit\s+of\s+an?)\s+)?"
                           r"(?:[\w-]+\s+)?allerg(?:y|ies)\b(?:\s+in\s+the\s+(?:house|home|family))?|"
                           # "her high school graduation", "Retired machinist here."
                           r"\b(?:high\s+school|college|university|uni|kindergarten|preschool|nursery|school)\s+graduation\b|"
                           r"(?:^|(?<=[.!?]\s))(?:[\w'’-]+\s+){0,2}(?:" + "|".join(sorted(map(re.escape, _WHO_SAYS), key=len, reverse=True))
                           + r")\s+here\s*[.!,]|"
                           # "nephew's 5th bday party, $20ish": the occasion, no party supplies
                           r"\b(?:birthday|bday|b-day)\s+party\b(?!\s+(?:favou?rs?|supplies|supply|decorations?|decor|games?|bags?|"
                           r"packs?|hats?|poppers|plates|cups|napkins|balloons|banners?|kits?|goods|tableware|accessories|"
                           r"invitations?|lights?|props?|theme|themed|bundle|set)\b)|"
                           r"\b(?:ordering|order|buying|shopping)\s+(?:through|on|from|via)\s+(?:the|your)\s+(?:[a-z]+\s+)?"
                           r"(?:site|website|app|store|shop)\b|"
                           # "(his bedroom looks like Jurassic Park, bless her)", "(don't ask)"
                           r"\([^()]*\b(?:bless|looks\s+like|don['’]?t\s+ask|lol|haha|ugh|sigh|not\s+getting\s+into)\b[^()]*\)",
                           re.IGNORECASE)
# A story told beside the request, which names nothing wanted: "the last drone we got him is still
# on the neighbor's roof", "the car just needed a new transmission so let's cap it at 25", "their
# house is basically jurassic park". A
# sentence (or what follows a dash or a comma) whose subject is a thing or a person said with
# "the", "our", ..., and whose verb tells where it still is or what it needed, or a home said to be
# like something, up to the next comma, dash or "so"; never one that says what someone likes,
# wants or needs, and never a thing that broke ("our trampoline just broke": another is wanted).
_DESIRE_WORDS = (r"love|loves|loved|like|likes|liked|into|want|wants|wanted|need|needs|wish|wishes|hoping|looking|"
                 r"obsessed|fan|enjoys?|collects?|asked|asking|gift|present|get\s+(?:him|her|them)|buy|find|recommend")
_ANECDOTE = re.compile(r"(?:^|(?<=[.!?;,]\s)|(?<=\s[-–—]\s)|(?<=\bhmm\s)|(?<=\bwell\s)|(?<=\bok\s)|(?<=\bokay\s)|(?<=\bactually\s)|(?<=\bso\s))"
                       r"(?:the|our|my|his|her|their)\s+(?![^.!?;\n]*\b(?:" + _DESIRE_WORDS + r")\b)"
                       r"(?:(?:[a-z][\w'’-]*\s+){1,6}?(?:(?:is|are|was|were)\s+still\s+(?:on|in|at|under|up|stuck)|"
                       r"(?:just\s+)?(?:needed|cost|got\s+(?:lost|stuck)|went\s+(?:missing|through)|ended\s+up))|"
                       r"(?:[a-z][\w'’-]*\s+){0,2}?(?:house|home|room|bedroom|playroom|nursery|place|garage|basement)\s+"
                       r"(?:is|looks)\s+(?:basically|literally|practically|pretty\s+much)(?:\s+like)?)"
                       r"\b[^.!?;,\n]*?(?=$|[.!?;,\n]|\s[-–—]\s|\s+so\s)", re.IGNORECASE)
# "nothing that can end up in the carpet", "nothing that could hurt the cat": how what is refused
# is, to the end of its sentence; no thing wanted.
_NOTHING_THAT_CAN = re.compile(r"\bnothing\s+(?:that|which)\s+(?:can|could|might|may|will|would)\s+"
                               r"(?:(?!(?:maybe|ideally|but|just|perhaps)\b)[^.!?;,\n–—-])*", re.IGNORECASE)
# "my son is autistic and ...", "he's deaf, so ...": a word said of the person alone, which no
# listing holds, is no name the shopper missed ("my daughter is crafty" still names crafts).
_SAID_OF_THEM = re.compile(r"\b(?:(?:he|she)(?:\s+is|['’]s)|(?:they|we)(?:\s+are|['’]re)|"
                           r"(?:he|she|they|we)(?:\s+(?:has|have)|['’]s|['’]ve)\s+(?:both\s+|all\s+)?been|"  # "they've both been sober"
                           r"(?:my|our|his|her|their)\s+(?:(?:little|big|older|younger|eldest|"
                           r"youngest)\s+)?(?:parents|folks|family|" + "|".join(sorted(map(re.escape, PERSON_WORDS), key=len, reverse=True))
                           + r")\s+(?:is|are))"
                           r"\s+(?:(?:very|really|so|quite|pretty|totally|super|also)\s+)?([a-z]+)\b"
                           r"(?=\s*(?:$|[.,;!?(]|\s[-–—]\s|\band\s|\b(?:for|since)\s+(?:\w+\s+)?(?:years?|months?|ages|a\s+while|now)\b))",
                           re.IGNORECASE)
# "my niece Harper turns six", "our daughter Maya is 7": a person's name, never a product's.
_PERSONS_NAME = re.compile(r"\b(?:(?i:my|our|his|her|their)\s+(?:(?i:little|big|older|younger|eldest|youngest|best)\s+)?"
                           r"(?i:" + "|".join(sorted(map(re.escape, PERSON_WORDS), key=len, reverse=True)) + r")\s+)"
                           r"([A-Z][a-z]+)"
                           r"(?=\s*(?:,|\(|(?i:who|is|turns|turned|and|has|loves|likes|just|will|was|wants)\b|['’]s\b))")
# "party bag fillers", "goody bag stuff", "loot bags": what shops call party favors.
_PARTY_BAG = re.compile(r"\b(?:party|goody|goodie|loot|treat)[\s-]+bags?(?:[\s-]+(?:fillers?|stuffers?|fill|items?|toys?|bits|"
                        r"stuff|things))?\b", re.IGNORECASE)
# "they're huge on game nights": games, not a title with "game" and "night" in it
_GAME_NIGHT = re.compile(r"\bgame[\s-]*nights?\b", re.IGNORECASE)
# "Marvel figures - the poseable kind": how the thing named should be, never the kind of thing.
_THE_KIND = re.compile(r"\b(?:the|a|an)\s+([a-z][\w'-]*)\s+(?:kind|sort|type|variety)\b(?!\s+of\b)", re.IGNORECASE)
# A turn that asks anew ("something for ...", "show me ...") rather than narrowing the last ask.
_FRESH = re.compile(r"\b(?:something|anything|looking for|show me|i need|i want|do you have|recommend|"
                    r"suggest)\b", re.IGNORECASE)
_ALTERNATIVES = re.compile(r"\s*(?:\bor\b|\band\b|&|/|,|\+)\s*", re.IGNORECASE)
_ARTICLE_AFTER_OR = re.compile(r"(?:\bor\b|\band\b|,)\s+(?:a|an|the|some|any|maybe)\s", re.IGNORECASE)
# A dash or colon before a list: "Avengers stuff - Hulk, Captain America, Thor" and "military
# toys: tanks, soldiers" name the Avengers or Hulk or ..., never all at once.
_BEFORE_LIST = re.compile(r"\s[-–—]+(?:\s|$)|:\s|\s*\(")
_A_LIST = re.compile(r"\w\s*(?:\bor\b|\band\b|&|/|,|\+)\s*\w", re.IGNORECASE)  # two words or more, parted
# A question, then a list that says what was meant: "band merch? pink floyd, misfits, social
# distortion", "nintendo stuff? mario, luigi, yoshi".
_QUESTION_THEN_LIST = re.compile(r"\?\s+(?=[^.!?\n]*,[^.!?\n]*,)")
# A question after a comma asks about the thing just named, never of another: "loves making
# jewelry, do you have a kit?" asks for a jewelry-making kit, not for jewelry or a kit.
_ASKED_OF_IT = re.compile(
    r",\s*(?:do|does|have|has|got|is|are|can|could)\s+(?:you|u|ya|they|there)\s+"
    r"(?:(?:have|got|sell|carry|stock)\s+)?(?:(?:a|an|any|some)\s+)?(?=\w)(?!(?:one|ones|it|them|those|these|that|this)\b)",
    re.IGNORECASE)
# Words that praise or qualify rather than name a thing ("something fun", "a cool gift").
NOT_NAMES = frozenset("""
fun cool awesome amazing cute nice special unique perfect interesting new great good best favorite
favourite little big small large tiny huge fancy simple neat lovely beautiful pretty sweet
idea ideas surprise fan lover obsessed gift gifts present presents recommendation recommendations
girlfriend boyfriend goddaughter godson grandma grandpa grandmother grandfather grandchild
grandchildren granddad grandkid grandkids boys girls men women man woman guy lady teenager
toy toys buy purchase order shop shopping store option options choice choices kind sort type
supplies supply stuff gear accessories accessory equipment essentials goodies
smth sth smthg somethin
roommate roommates flatmate flatmates housemate housemates bestie bf gf bro sis buddy pal classmate classmates
schoolmate schoolmates schoolfriend schoolfriends co-worker fiance fiancee fiancé fiancée stepdad stepmom stepmum
stepfather stepmother stepson stepdaughter mum mam mama momma mommy mummy papa grampa grammy lad lads laddie lass
lassie kiddo kiddos gents gentleman gentlemen nephews nieces sons daughters grandsons granddaughters cousins
useful practical handy helpful quality basic everyday decent
carry carries sell sells stock stocked merch merchandise item items product products
somewhere roughly approximately whatever chance already anymore sense popular trending
theme themed inspired related based
pls plz thx tho btw asap idk imo teen teens tween tweens
brand brands rather banned outgrown excluded million millions billion hundreds dozens loads heaps tons
characters himself herself themselves myself yourself ourselves bday b-day
weekend weekends tomorrow tonight today week weeks month months coming got gotten gets getting actually
different stuck indoors outdoors inside outside
stretch splurge afford enough free zone terrified scared afraid frightened allergic phase craze
hubby wifey massive arrived change yr yrs twin twins digit digits cust customer past
gave given give gives giving said told asked asks bought buys brought thought think thinks
knew knows took takes went goes gone came comes sent wanted wants tried tries hoping hoped hope
reckon suppose mean means meant last
granny gran nan nana nanna grandad gramps missus partner partners spouse boss coworker coworkers colleague colleagues
issue issues problem problems
celebrate celebrates celebrating celebrated changes matters don't dont
let lets start starting go going time
oh ah th st nd rd first limit limits sick days many lot lots ton tons bad rule rules sorry dumped pooled tighter
realistically ceiling drowning pension evry every particular cent name officially personally lifelong included
including chasing broke redoing throwing help together household thank g'day gday hiya howdy howzit
two three four five six seven eight nine ten teacher teachers neighbour neighbor neighbours neighbors
see treat enters nerd nerds geek geeks far much auntie aunty served forgot
refuse refuses refused refusing made allergy allergies
""".split())
# Occasions: a name where listings hold them ("graduation gift": a Graduation Bear), else read past
# without a note ("a retirement gift for a coworker who loves trains" names trains, nothing missing).
_OCCASIONS = frozenset("""
retirement retiring retired housewarming graduation anniversary christening baptism farewell send-off leaving
""".split())
# Words of chat, never names, that shoppers misspell ("anythng", "somthing", "stuf"): a word no
# title holds as written that is this close to one of them is read as it, not as a name.
_CHAT_WORDS = sorted(w for w in STOPWORDS | NOT_NAMES if len(w) >= 4 and w.isalpha())
# Asked of a kind, one of these means its parts or accessories are wanted ("doll accessories").
_FOR_STEMS = frozenset(t for w in FOR_WORDS for t in word_tokens(w))
# What accessories were asked for: "doll accessories", "accessories for her doll".
_ACCESSORIES_OF = re.compile(r"([a-z][\w'-]*)\s+(?=accessor(?:y|ies)\b)|\baccessor(?:y|ies)\s+for\s+"
                             r"(?:(?:a|an|the|my|his|her|their|our|your)\s+)?([a-z][\w'-]*)", re.IGNORECASE)
_REFUSAL_MARK = "\u2298"  # where a verb of refusing was: the clause it starts names nothing wanted
_GREETINGS = frozenset({"hello", "hi", "hey"})  # a greeting, unless a name goes on with it ("Hello Kitty")


# Stems of words that say how a thing is sold, not what it is: never the kind when another word
# names it, and never required ("a slime kit" is met by slime without the word "kit").
PACKAGING = frozenset({"set", "kit", "pack", "bundl", "collect", "box", "lot", "assort", "piec", "pc", "pcs"})


# Who a gift is for: a word just before one of these describes the person, not the product.
PEOPLE = frozenset("""
kid kids child children boy boys girl girls son daughter nephew niece grandson granddaughter friend
wife husband mom dad mother father sister brother uncle aunt cousin teen teenager toddler baby
girlfriend boyfriend man woman guy lady person one someone
""".split())


# "crazy about the Hulk", "obsessed with sloths", "a bug-crazy kid", "my horse crazy 8 yo",
# "dinosaur mad": the liking, not a name; what was liked stays, cut from the person ("a bug, a
# kid"). "Crazy" or "mad" before anything else may be a name ("Crazy Aaron's", "Mad Libs").
_LIKING = re.compile(r"\b(?:crazy|nuts|mad|wild|obsessed|obsessing)\s+(?:about|over|with|for)\b|"
                     r"(?<=\w)[\s-](?:crazy|mad)\b(?=\s*(?:$|[,.!?;:]|\d|(?:but|and|so|though|tho|at\s+the\s+moment|right\s+now|"
                     + "|".join(sorted(PEOPLE)) + r")\b))",
                     re.IGNORECASE)
# A clause of what someone already has names nothing wanted ("she has tons of lego already",
# "theres like 30 on that backpack already"), unless more of it is asked for ("already has
# the Hogwarts castle, something to go with it").
_ALREADY_HAD = re.compile(r"^(?!.*\b(?:wants?|needs?|looking|would\s+like|love|loves)\b)(?=.*\balready\b)"
                          r".*\b(?:has|have|had|got|owns?|there['’]?s|theres|there\s+are)\b|"
                          # "they each have a storage crate full": a container full of what they own
                          r"\b(?:has|have|got)\s+(?:(?:each|both|all)\s+)?(?:got\s+)?an?\s+(?:[a-z]+\s+){0,2}?full\s*$", re.IGNORECASE)
_PARTS = re.compile(r"([.!?;,]+|\s+but\s+|\s+so\s+)")
_MORE_OF = re.compile(r"\b(?:more\s+of|more\s+(?:for|to|pieces|sets)|another\s+one|to\s+go\s+with|goes\s+with|add\s+to|"
                      r"matching|expand|extension|complete\s+(?:the|her|his|their))\b", re.IGNORECASE)
# "for like one night", "to like build stuff": "like" as a filler, not a clause of liking.
_FILLER_LIKE = re.compile(r"\b(for|to)\s+like\b", re.IGNORECASE)
# "wants to dress up as a knight": a knight costume ("dress" is the verb, not a dress).
_DRESS_UP_AS = re.compile(r"\bdress(?:es|ed|ing)?[\s-]+up\s+(?:as|like)\s+(?:(?:a|an|the)\s+)?([a-z][\w'-]*)",
                          re.IGNORECASE)


@dataclass(frozen=True)
class Focus:
    """What the shopper named: alternatives of required stems, as typed, and what no listing has."""

    alternatives: tuple[tuple[str, ...], ...] = ()
    phrase: str = ""  # the shopper's words for it, as typed ("lego set")
    missing: tuple[str, ...] = ()  # named words no listing holds ("nerf"), as typed
    unnamed: tuple[str, ...] = ()  # named words that a few listings hold but no name ("xylophone"), as typed
    corrected: tuple[tuple[str, str], ...] = ()  # (as typed, the catalog word read instead)
    measures: tuple[tuple[str, str], ...] = ()  # (number, unit) a title must state: ("500", "piece"), ("<=100", "piece")
    said: frozenset[str] = frozenset()  # every word of the clause, names or not ("accessories" in "doll accessories")
    accessories_of: frozenset[str] = frozenset()  # what accessories were asked for ("doll" in "doll accessories")
    in_listings: bool = False  # matched in the listings, bullets included: no product is called it ("a xylophone")
    properties: frozenset[str] = frozenset()  # words said of how it is, not what it is ("cuddly", "adult")

    def __bool__(self) -> bool:
        return bool(self.alternatives)

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for alt in self.alternatives for t in alt))


def find_focus(turns: list[str] | tuple[str, ...], index: LexicalIndex, exclusions: tuple[str, ...] = ()) -> Focus:
    """The focus of the latest turn that names anything. A later turn that only narrows ("under
    $30", "for my son") keeps an earlier turn's focus; one that asks anew ("something for the
    family") does not."""
    # A purpose ("something to pack my kid's lunch in") names the product only when no turn names
    # anything else: "a halloween costume", then "under 15, she'll wear it for like one night" is
    # still a costume.
    return _latest_focus(turns, index, exclusions, purposes=False) or _latest_focus(turns, index, exclusions)


def _latest_focus(turns: list[str] | tuple[str, ...], index: LexicalIndex, exclusions: tuple[str, ...],
                  purposes: bool = True) -> Focus:
    only_unnamed: Focus | None = None  # "does it come with a mallet?": an earlier request's focus still holds
    counted: list[tuple[str, str]] = []  # "puzzles", then "1000 pieces": a later count is asked of them
    for n, turn in enumerate(reversed(turns)):
        focus = _turn_focus(turn[:2000], index, exclusions, purposes)
        if (focus.in_listings or (focus.unnamed and not focus.alternatives)) and not _FRESH.search(turn):
            only_unnamed = focus if only_unnamed is None else only_unnamed
            continue
        if (n < len(turns) - 1 and focus.alternatives and not _FRESH.search(turn)
                and _only_describes(focus, index) and not set(focus.terms) & focus.properties):
            # a later turn's words that listings only use to describe, and that say nothing of how
            # the thing is, name no new thing: "plush, under $15", then "not a dog please - we just
            # lost ours and it'd be too sad" ("make it a soft toy" says how it is)
            only_unnamed = focus if only_unnamed is None else only_unnamed
            continue
        if focus.alternatives or focus.missing or _FRESH.search(turn):
            return _counted(focus, counted)  # "something for the family" starts afresh: the old focus is not carried
        said = {u for _, u in counted}  # the latest count of a unit wins ("500 pieces", then "1000 pieces")
        counted[:0] = [m for m in measures(normalize_amounts(turn[:2000], "USD")[0])
                       if m[1] in _COUNTED_LATER and m[1] not in said and not m[0].startswith(">")]
    return Focus() if only_unnamed is None else only_unnamed


# Units a later turn states of the thing named ("1000 pieces"); a size may be of anything ("our
# yard is 20 ft wide"), and "nothing over 500 pieces" reads as more than 500.
_COUNTED_LATER = frozenset({"piece", "pack", "count"})


def _counted(focus: Focus, later: list[tuple[str, str]]) -> Focus:
    """`focus` with the counts and sizes said in later turns that name nothing else, in place of
    its own of the same unit ("1000 pieces" after "500 piece puzzles")."""
    if not later or not focus.alternatives:
        return focus
    units = {u for _, u in later}
    stated = tuple(dict.fromkeys([*(m for m in focus.measures if m[1] not in units), *later]))
    phrase = focus.phrase
    for m in focus.measures:
        if m[1] in units:
            phrase = phrase.replace(measure_words(m), "", 1)
    return replace(focus, measures=stated, phrase=" ".join([*map(measure_words, later), *phrase.split()]))


# "lol surprise dolls": L.O.L. Surprise!, never a laugh ("lol that's funny").
_LOL_SURPRISE = re.compile(r"\blol\s+sur?prise\b(?!\s+(?:me|us|him|her|them)\b)", re.IGNORECASE)


def _turn_focus(text: str, index: LexicalIndex, exclusions: tuple[str, ...], purposes: bool = True) -> Focus:
    text = _LOL_SURPRISE.sub("L.O.L. Surprise", text)
    spelled = {w.lower() for w in re.findall(r"\S+", join_initialisms(text))} - {w.lower() for w in re.findall(r"\S+", text)}
    text = normalize_amounts(join_initialisms(text), "USD")[0]  # "twenty five dollars" is a price, never a name
    text = _NTH_BIRTHDAY.sub(" ", ages_in_digits(text))  # "he is five", "her sixth birthday": an age, never a name
    text = _AFTER_AMOUNT.sub(r"\1\2", text)  # "25 tops" is a ceiling, never a top
    text = _LIKING.sub(lambda m: ", a " if m.group().lower().endswith(("crazy", "mad")) else " ", text)
    text = _DRESS_UP_AS.sub(r"\1 costume", text)
    text = _FILLER_LIKE.sub(r"\1", text)  # "she'll wear it for like one night": a purpose still
    text = _PERSONS_NAME.sub(lambda m: m.group(0)[:m.start(1) - m.start(0)], text)
    for chat in (_ABOUT_AMOUNT, _ABOUT_THEM, _TOO_DEAR, _FOR_A_NAME, _WHEN, _CHAT_PHRASES, _ANECDOTE, _NOTHING_THAT_CAN):
        text = chat.sub(" ", text)  # an amount, the people, a price, when, chat, a story, how a refused thing is
    text = _SAID_OF_THEM.sub(lambda m: m.group() if any(index.in_listings(t) for t in word_tokens(m.group(1)))
                             else " ", text)
    # "skip the nerf", "can't stand board games": no Skip Hop, no stand; and what follows a verb of
    # refusing in its clause is about the refusal ("we've banned slime in this house after the
    # carpet incident. any craft kits?" names craft kits, no house or carpet).
    text = without_refusals(text, f"; {_REFUSAL_MARK} ")
    if not _MORE_OF.search(text):  # "theres like 30 on that backpack already": what they have, not what is wanted
        text = "".join(" " if _ALREADY_HAD.search(part) else part for part in _PARTS.split(text))
    text = _STOCKING_GIFT.sub(" gift ", text)
    # a purpose: named only where nothing else is ("a coloring book for the plane ride" is a coloring book)
    text = _KEEP_BUSY.sub(" ", _ON_A_JOURNEY.sub(" for travel ", text))
    text = _PARTY_BAG.sub(" party favor ", text)
    text = _GAME_NIGHT.sub(" games ", text)
    text = _THE_KIND.sub(lambda m: " " if _describes(m.group(1), index) else m.group(), text)
    # A bound on a count or size ("100 pieces or less", "at least 18 inches") is asked of the
    # thing named, in whichever clause it is said.
    found = bounds(text)
    found = sorted(found + refused_counts(text, [span for _, span in found]), key=lambda f: f[1])  # "not the big one with 1000 pieces": fewer
    bounded = tuple(dict.fromkeys(m for m, _ in found))
    for _, (start, end) in reversed(found):
        text = f"{text[:start]} {text[end:]}"
    # What is excluded is not named: a one-word exclusion's word never is ("lego-free building
    # toys"), a phrase's words only together ("a doll, anything except a baby doll" names dolls).
    phrases = [{t for w in name.split() for t in word_tokens(w)} for e in exclusions for name in with_lines(e)]
    # where said together, a phrase names nothing ("board games, not card games"; "play-doh")
    text = without_phrases(text, [e for e in exclusions if len(phrase_words(e)) > 1])
    excluded = {t for ph in phrases if len(ph) == 1 for t in ph}
    numbered_out = {t for e in exclusions for _, t in numbered_names(e)}  # "inline skates that aren't K2"
    # "big puzzles ... looking for a 1000 piece one": a count in a clause that names nothing
    # else is asked of the thing named.
    liked: list[str] = []  # clauses of what someone likes or wants
    clauses = _clauses(_question_then_list(text), liked=liked)
    # ... and so is one said after a comma that ends a purpose ("puzzles for adults, 1000 pieces")
    asides = [part for c in _clauses(text, purposes=True) for part in c.split(",")[1:]]
    elsewhere = tuple(dict.fromkeys(m for c in [*clauses, *asides] if not _names_anything(c) for m in measures(c)))
    described: Focus | None = None  # a clause that only describes, kept while a later one may name the thing
    unknown: Focus | None = None  # a clause naming only what no listing holds, kept likewise
    accessories_of = frozenset(t for m in _ACCESSORIES_OF.finditer(text)
                               if (w := m.group(1) or m.group(2)).lower() not in STOPWORDS for t in word_tokens(w))
    for n, clause in enumerate([*clauses, *(_clauses(text, purposes=True) if purposes else [])]):
        original = clause
        if clause.startswith(_REFUSAL_MARK):  # what a refusal refuses, to the next comma
            clause = clause.partition(",")[2].strip()
            if not clause:
                continue
        purpose = n >= len(clauses)  # "something to pack my kid's lunch in": only when nothing else names
        # A count or size of this clause ("500 piece jigsaw") is asked of the thing it names;
        # one in a purpose clause ("a board game for 4 players") is not. Its words are no name.
        stated = tuple(dict.fromkeys(measures(clause)))
        clause = MEASURE_RANGE.sub(lambda m: " " if measures(m.group()) else m.group(), clause)
        clause = MEASURE.sub(lambda m: " " if measures(m.group()) else m.group(), clause)
        alternatives: list[tuple[str, ...]] = []
        typed: list[str] = []
        missing: list[str] = []
        unnamed: list[str] = []
        corrected: list[tuple[str, str]] = []
        clause = _joined_names(_listed(_ASKED_OF_IT.sub(" ", clause)), index)
        for part in _ALTERNATIVES.split(clause):
            required: list[str] = []
            missed, said_before = len(missing), len(typed)
            not_called: list[int] = []  # words no name holds ("xylophone"), by position
            called: set[int] = set()  # words that name something, by position
            spelt: list[tuple[tuple[str, ...], tuple[str, ...]]] = []  # (tokens, as the catalog also writes them)
            numbered = [(m, t) for m, t in numbered_names(part)  # "Step2", "4M", "PS4": as the titles write them
                        if t not in numbered_out and 0 < index.name_df(t) <= MAX_NAME_SHARE * index.size]
            required.extend(t for _, t in numbered)
            typed.extend(m.group() for m, _ in numbered)
            for m, _ in reversed(numbered):
                part = f"{part[:m.start()]} {part[m.end():]}"  # not also read as "Step" or "PS"
            words = list(LETTERS.finditer(part))
            joined_to: set[int] = set()  # words read with the one before ("frog" of "leap frog")
            for j, m in enumerate(words):
                if j in joined_to:
                    continue
                word = m.group()
                lower = word.lower()
                toks = [t for t in word_tokens(word) if lower in spelled or t not in STOPWORDS and t not in NOT_NAMES
                        and lower.removesuffix("'s") not in NOT_NAMES]  # "hubby's": its stem is "hubbi"
                if (j + 1 < len(words) and words[j + 1].group().lower() in PEOPLE
                        and not _named_together(lower, words[j + 1].group(), index)):
                    continue  # "a curious kid", "my sporty nephew": it describes the person ("Glitter Girls" aside)
                if (j + 1 < len(words) and words[j + 1].group().lower() in ("it", "them")
                        and (lower.endswith(("s", "ed")) and not lower.endswith("ss") or lower in _VERBS_OF_IT)):
                    continue  # "my 3yo watches it enough": a verb, no watch ("a drone it needs a camera": a drone)
                if lower in _GREETINGS and j + 1 < len(words) and _named_together(lower, words[j + 1].group(), index):
                    toks = list(word_tokens(word))  # "hello kitty" is no greeting
                elif lower in NOT_NAMES and lower not in STOPWORDS and _in_a_name(words, j, index):
                    toks = list(word_tokens(word))  # "Little Tikes", "Wonder Woman", "Green Toys"
                elif lower in STOPWORDS and len(lower) > 3 and _in_a_name(words, j, index, brand=True):
                    toks = list(word_tokens(word))  # "Great Eastern": a word of chat only in a brand's name
                elif (lower in STOPWORDS or lower in NOT_NAMES or len(lower) < 2) and lower not in spelled:
                    continue  # "L.O.L." is a name even where "lol" would be chat
                if not toks or any(t in excluded for t in toks):
                    continue
                if not _written_in_names(lower, index) and _chat_typo(lower):
                    continue  # "anythng", "somthing", "baby stuf" ("stuf" is also the stem of "stuffed")
                terms = _name_terms(toks, index)
                if not terms and len(toks) == 1 and not index.in_listings(toks[0]):
                    terms = _split_joined(lower, index)  # "hotwheels" for "Hot Wheels"
                if not terms:
                    terms = index.spelled_out(word)  # "tmnt" for "Teenage Mutant Ninja Turtles"
                if not terms:
                    terms = _named_otherwise(toks, index)  # "plushies" where the names say "plush"
                if not terms and lower in spelled:
                    continue  # "e.g." is no name the shopper missed
                if not terms and not any(index.in_listings(t) for t in toks) and (
                        joined := _joined_with_next(words, j, index)):
                    terms, word = joined
                    joined_to.add(j + 1)  # "leap frog": the names say "LeapFrog"
                if not terms:
                    if not any(index.in_listings(t) for t in toks):
                        fixed = index.closest_name(lower)
                        if (fixed is None and lower in index.known_words and j + 1 < len(words)
                                and (near := index.closest_name(lower, spelt_right=False)) is not None
                                and any(index.name_df(t) for t in word_tokens(near + words[j + 1].group().lower()))):
                            fixed = near  # a word, but a letter from a name written as one with the next ("fischer price": Fisher-Price)
                        if fixed is not None and (fixed_terms := _name_terms(list(word_tokens(fixed)), index)):
                            corrected.append((word, fixed))
                            required.extend(fixed_terms)
                            typed.append(word)
                        elif lower not in _OCCASIONS:
                            missing.append(word)
                    elif all(_rare_in_listings(t, index) for t in toks):
                        not_called.append(j)  # "a xylophone" where a set's bullets alone mention one
                    continue
                terms = tuple(t for t in terms if index.name_df(t) <= MAX_NAME_SHARE * index.size)
                if terms:
                    required.extend(terms)
                    typed.append(word)
                    called.add(j)
                    if not purpose and j + 1 not in joined_to:  # a purpose is named only as it was said ("for bath time")
                        spelt.extend(_spelt_otherwise(word, terms, words[j + 1].group() if j + 1 < len(words) else "", index))
            unnamed.extend(_things_not_called(words, not_called, called))
            required = [t for t in required if not any(t in ph and ph <= set(required) for ph in phrases)]
            if len(missing) > missed and all(index.listing_df(t) > DESCRIBES * index.name_df(t)
                                             and not _rare_in_listings(t, index) for t in required):
                required, typed[said_before:] = [], []  # "marble run" without marbles is no "run"
            if required:
                alternatives.append(tuple(dict.fromkeys(required)))
                for was, now in [*spelt, *_said_otherwise(tuple(dict.fromkeys(required)), index)]:
                    if set(was) <= set(required):
                        at = required.index(was[0])
                        rest = [t for t in required if t not in was]
                        alternatives.append(tuple(dict.fromkeys([*rest[:at], *now, *rest[at:]])))
        if purpose:
            missing, unnamed, corrected = [], [], []  # a purpose's odd word is no name the shopper missed
        # "a xylophone", "anything by mattel": what mentions it as written, as no product is called it
        mentioned = [thing for thing in unnamed if not purpose and not alternatives
                     and _holding([index.mentions(w) for w in thing.split()], index.size).any()]
        in_listings = bool(mentioned)
        if in_listings:
            alternatives = [tuple(t for w in thing.split() for t in word_tokens(w)) for thing in mentioned]
            typed = mentioned
        if alternatives or missing or unnamed:
            stated = tuple(dict.fromkeys((*(stated or elsewhere), *bounded)))
            said = [measure_words(m) for m in stated] if alternatives else []
            if not purpose and not _ARTICLE_AFTER_OR.search(clause):  # "paw patrol toys or a puzzle": any puzzle
                # a kind said once only of two things, "X or Y Z", never of a list of examples
                alternatives = _shared_words(alternatives, index, heads=len(_ALTERNATIVES.split(clause)) == 2
                                             and not _BEFORE_LIST.search(clause))
            focus = Focus(tuple(dict.fromkeys(alternatives)), " ".join([*said, *typed]), tuple(missing),
                          tuple(unnamed), tuple(corrected), stated if alternatives else (),
                          frozenset(t for w in LETTERS.findall(clause) for t in word_tokens(w)), accessories_of,
                          in_listings, frozenset(t for w in LETTERS.findall(clause) if _is_property(w)
                                                 for t in word_tokens(w)))
            if purpose and not on_target(focus, index).any():
                continue  # "for bath time": a purpose names the product only when some product is all of it
            if (not purpose and not focus.missing and not in_listings and focus.alternatives and _SUGGESTS.search(text)
                    and _only_describes(focus, index)):
                described = described or focus  # "something cuddly ..., maybe a lamb": the lamb, if named
                continue
            if (not purpose and focus.missing and not focus.alternatives and not focus.unnamed
                    and any(c in liked for c in clauses[n + 1:])):
                # only words no listing holds, and a later clause says what someone likes or
                # wants: that clause names the thing, and the note still says what no listing
                # holds ("it sends him into a meltdown. he's 5 and loves animals and trains")
                if unknown is None:
                    unknown = focus
                else:  # "a tamagotchi. or a furby? he loves pets": both said in the note
                    unknown = replace(unknown, missing=tuple(dict.fromkeys((*unknown.missing, *focus.missing))))
                continue
            if unknown is not None:
                if purpose or original not in liked:
                    return unknown
                return replace(focus, missing=tuple(dict.fromkeys((*unknown.missing, *focus.missing))))
            return described if purpose and described else focus
    return described or (unknown if unknown is not None else Focus())


# Words that say how a thing is rather than what it is: adjectives by their endings ("cuddly",
# "poseable", "acrylic", "colorful", "interactive"; long enough not to be "fly", "table", "magic"
# or "music") and a few said of when it is for. "adult" is whom it is for (`facets.recipient`
# reads it, so a kids' costume is no close alternative to an adult's), and no part of what it is:
# "adult inline skates" are any inline skates not listed for children.
_PROPERTY_ENDING = re.compile(r"^(?:[a-z]{3,}(?<!f)ly|[a-z]{4,}(?:able|ible)|[a-z]{5,}ic|[a-z]{3,}(?:ful|ous)|"
                              r"[a-z]{4,}ive)$")
_PROPERTY_WORDS = frozenset("halloween christmas xmas easter holiday outdoor outdoors indoor soft fluffy squishy "
                            "fuzzy shiny sparkly glittery adult adults".split())


def _is_property(word: str) -> bool:
    """True for a word that says how a thing is, not what it is: "cuddly", "halloween" (`_PROPERTY_ENDING`)."""
    lower = word.lower()
    return lower in _PROPERTY_WORDS or bool(_PROPERTY_ENDING.match(lower))


def _describes(word: str, index: LexicalIndex) -> bool:
    """True when listings use `word` far more to describe than to name ("poseable", "cuddly")."""
    toks = word_tokens(word)
    return bool(toks) and all(index.listing_df(t) > DESCRIBES * index.name_df(t) for t in toks)


def _rare_in_listings(token: str, index: LexicalIndex) -> bool:
    """True when few listings hold `token` (at most `RARE_IN_LISTINGS` of them, or three): a thing
    that some listings mention ("xylophone", "mat"), not a word that describes ("sturdy", "run")."""
    return index.listing_df(token) <= max(3, RARE_IN_LISTINGS * index.size)


_ARTICLES = frozenset({"a", "an", "any", "some", "by", "from"})  # "a telescope", "anything by mattel"
_SUBJECTS = frozenset({"i", "you", "u", "we", "he", "she", "they", "it"})  # "any chance you sell ...": no thing


def _things_not_called(words: Sequence[re.Match[str]], at: list[int], called: set[int]) -> list[str]:
    """The things asked for that no product is called, as typed: runs of such words (`at`, by
    position) that end a phrase after a word that names something ("crayola markers", not
    "sticky notes"), or that end what follows "a", "an", "any", "some", "by" or "from" ("a
    telescope under $100", "a toy cash register", "anything by mattel"; not "a second one" or
    "a quiet toy")."""
    runs: list[list[int]] = []
    for j in at:
        if runs and runs[-1][-1] == j - 1:
            runs[-1].append(j)
        else:
            runs.append([j])
    lower = [w.group().lower() for w in words]
    found: list[str] = []
    for run in runs:
        first, last = run[0], run[-1]
        k = first - 1
        while k >= 0 and (lower[k] in PEOPLE or lower[k] in NOT_NAMES and lower[k] not in STOPWORDS):
            k -= 1  # "a toy cash register", "a cute telescope", "a kids telescope"
        after = lower[last + 1] if last + 1 < len(words) else None
        ends = after is None or (after in STOPWORDS and after not in _PRONOUNS | NOT_NAMES | _SUBJECTS)
        if (first - 1 in called and last + 1 not in called) or (k >= 0 and lower[k] in _ARTICLES and ends):
            found.append(" ".join(words[j].group() for j in run))
    return found


# A thing suggested after what was only described: "something cuddly, maybe a lamb".
_SUGGESTS = re.compile(r"\b(?:maybe|perhaps|possibly|ideally|preferably)\b", re.IGNORECASE)


def _shared_words(alternatives: list[tuple[str, ...]], index: LexicalIndex, heads: bool) -> list[tuple[str, ...]]:
    """Alternatives with the words the clause says once for all of them, where the catalog holds
    such products: a brand before the first ("lol surprise dolls or pets": L.O.L. Surprise pets;
    "pokemon cards - booster tin or theme deck"), and with `heads` (two things, no list of
    examples) a kind after the last ("marvel or dc playing cards": Marvel playing cards too, but
    "Avengers stuff - Hulk, Captain America" is no Avengers America). Never "barbie dolls or a
    kite" (no Barbie kite here) nor "a barbie or a baby doll"."""
    if len(alternatives) < 2:
        return alternatives

    def brand_of(alt: tuple[str, ...]) -> int:
        """How many of `alt`'s first words name a brand or an owner of lines ("melissa doug")."""
        n = 0
        while n < len(alt) and (index.leads(alt[n]) or owns_lines(alt[n]) or (n and index.names_brand(alt[n - 1], alt[n]))):
            n += 1
        return n

    out = []
    for n, alt in enumerate(alternatives):
        fuller = alt
        if heads and brand_of(alt) == len(alt):  # a brand alone, before a brand and a kind: the kind is said once
            kinds = [later[at:] for later in alternatives[n + 1:] if 0 < (at := brand_of(later)) < len(later)]
            fuller = next(((*alt, *k) for k in kinds if on_target(Focus(((*alt, *k),)), index).any()), alt)
        elif not brand_of(alt):  # a kind alone, after a brand and a kind: the brand is said once
            brands = [earlier[:at] for earlier in alternatives[:n] if 0 < (at := brand_of(earlier)) < len(earlier)]
            fuller = next(((*b, *alt) for b in brands if on_target(Focus(((*b, *alt),)), index).any()), alt)
        out.append(fuller)
    return out


def _only_describes(focus: Focus, index: LexicalIndex) -> bool:
    """True when every word named is one that listings use far more to describe than to name
    ("cuddly", "soft", "realistic"): a thing suggested later ("maybe a lamb") says what it is."""
    return all(index.listing_df(t) > DESCRIBES * index.name_df(t) for alt in focus.alternatives for t in alt)


_PRONOUNS = frozenset({"one", "ones", "it", "them", "something", "anything", "kind", "sort", "type"})


# Names of one thing that listings use in each other's place: an "rc car" is also a "Remote
# Control Car" and a "Radio Control Car", a "keychain" a "Key Ring".
_SAME_THING = tuple(tuple(tuple(tokens(v)) for v in variants) for variants in (
    ("rc", "remote control", "radio control"),
    ("keychain", "key chain", "key ring", "keyring"),
    ("fishing pole", "fishing rod"),
    ("fire truck", "fire engine", "firetruck"),
    ("stroller", "pram", "pushchair"),  # the words of one store and another's
    ("diaper", "nappy"),
    ("jump rope", "skipping rope"),
    ("plushie", "plush"),  # "plushy", "plushies": one stem
    ("stuffie", "stuffed animal"),
))
# ... and names of one thing only beside a brand or line's name: "pokemon cards" are "Pokemon TCG:
# ... Booster Pack", but a birthday or a greeting card is no trading card game.
_SAME_THING_BESIDE = tuple(tuple(tuple(tokens(v)) for v in variants) for variants in (
    ("card", "tcg"),
))


def _said_otherwise(alternative: tuple[str, ...], index: LexicalIndex) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(a name of `_SAME_THING` as the alternative says it, another way listings say it), read as
    the catalog's other spellings are (`_spelt_otherwise`)."""
    found: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    beside_a_name = any(index.leads(t) for t in alternative)  # "pokemon cards", not "a greeting card"
    for variants in (*_SAME_THING, *(_SAME_THING_BESIDE if beside_a_name else ())):
        said = next((v for v in variants if any(alternative[i:i + len(v)] == v for i in range(len(alternative)))), None)
        found.extend((said, other) for other in variants if said is not None and other != said)
    return found


def _named_otherwise(toks: list[str], index: LexicalIndex) -> tuple[str, ...]:
    """The tokens of another name of `_SAME_THING` for a word that names nothing itself, where
    the catalog's names hold all of them ("plushies": "plush")."""
    for variants in _SAME_THING:
        if tuple(toks) in variants:
            for other in variants:
                if other != tuple(toks) and all(index.name_df(t) for t in other):
                    return other
    return ()


def _listed(clause: str) -> str:
    """The clause with a dash or colon before a list read as one more comma ("Avengers stuff -
    Hulk, Thor"), and as a space where no list follows ("lego star wars - the big sets")."""
    clause = _BEFORE_LIST.sub(lambda m: ", " if _A_LIST.search(m.string[m.end():]) else " ", clause)
    return clause.replace(")", " ")


_JOINED = re.compile(r"\b([a-z][\w'-]*)(\s*(?:&|\band\b|\bn\b|'n'?)\s*)(?=([a-z][\w'-]*))", re.IGNORECASE)


def _joined_names(clause: str, index: LexicalIndex) -> str:
    """The clause with "and" or "&" dropped between two words that the titles join the same way
    as one name ("rick and morty", "Melissa & Doug", misspelt or not: "melisa and doug"): both
    are then required, never either."""
    def as_written(word: str) -> str:
        fixed = None if any(index.in_listings(t) for t in word_tokens(word)) else index.closest_name(word)
        return fixed or word

    return _JOINED.sub(lambda m: f"{m.group(1)} " if index.named_phrase(
        as_written(m.group(1)), as_written(m.group(3)), joined=True) else m.group(), clause)


def _question_then_list(text: str) -> str:
    """The text with a question mark read as a comma where a list of names follows it, one that
    starts no new clause ("pink floyd, misfits, social distortion")."""
    def read(m: re.Match[str]) -> str:
        rest = re.split(r"[.!?\n]", m.string[m.end():], maxsplit=1)[0]
        return ", " if not _CLAUSE.search(rest) else m.group()
    return _QUESTION_THEN_LIST.sub(read, text)


def _names_anything(clause: str) -> bool:
    """True when the clause, its counts and sizes aside, holds a word that could name a product."""
    rest = MEASURE.sub(" ", MEASURE_RANGE.sub(" ", clause))
    return any(w.lower() not in STOPWORDS and w.lower() not in _PRONOUNS and w.lower() not in _SEEKING
               for w in LETTERS.findall(rest))


def _name_terms(toks: list[str], index: LexicalIndex) -> tuple[str, ...]:
    """The index tokens by which the catalog names this word: the joined form of a compound if
    some name holds it ("playdoh"), else every part that names something ("hot-wheels": hot
    and wheel, both required)."""
    if len(toks) > 1 and index.name_df(toks[-1]) > 0:
        return (toks[-1],)
    return tuple(t for t in (toks[:-1] if len(toks) > 1 else toks) if index.name_df(t) > 0)


def _written_in_names(word: str, index: LexicalIndex) -> bool:
    """True when some title or brand holds `word` as written, or its singular ("tanks" where
    titles say "Tank": no misspelt "thanks")."""
    return any(index.written_in_names(w) for w in (word, word[:-1] if word.endswith("s") else "",
                                                    word[:-2] if word.endswith("es") else "") if w)


def _chat_typo(word: str) -> bool:
    """True when `word` is a misspelt word of chat ("anythng", "somthing", "stuf", "pleas")."""
    return len(word) >= 4 and bool(difflib.get_close_matches(word, _CHAT_WORDS, n=1, cutoff=0.85))


def _in_a_name(words: Sequence[re.Match[str]], j: int, index: LexicalIndex, brand: bool = False) -> bool:
    """True when word `j`, one that alone names nothing ("little", "woman", "toys"), is half of a
    two-word name with the word before or after it ("Little Tikes", "Wonder Woman", "Green Toys");
    with `brand`, only of a brand's name or one written as a name ("Great Eastern")."""
    word = words[j].group()
    for other, pair in ((j - 1, (None, word)), (j + 1, (word, None))):
        if not 0 <= other < len(words):
            continue
        neighbour = words[other].group()
        if neighbour.lower() in STOPWORDS or neighbour.lower() in NOT_NAMES:
            continue
        first, second = (neighbour, word) if pair[0] is None else (word, neighbour)
        if index.named_phrase(first, second, brand=brand):
            return True
    return False


def _named_together(first: str, second: str, index: LexicalIndex) -> bool:
    """True when some product's names hold both words ("Hello Kitty")."""
    a, b = word_tokens(first), word_tokens(second)
    return bool(a and b and np.intersect1d(index.named_docs(a[-1]), index.named_docs(b[-1])).size)


def _cuts(word: str) -> list[tuple[str, str]]:
    """Every way to cut `word` in two halves of three letters or more."""
    return [(word[:cut], word[cut:]) for cut in range(3, len(word) - 2)]


def _name_halves(left: tuple[str, ...], right: tuple[str, ...], index: LexicalIndex) -> tuple[str, str] | None:
    """The two halves' tokens when each is one token that some name holds, else None."""
    if len(left) == len(right) == 1 and index.name_df(left[0]) and index.name_df(right[0]):
        return left[0], right[0]
    return None


def _spelt_otherwise(word: str, terms: tuple[str, ...], following: str,
                     index: LexicalIndex) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """How titles also write what the shopper wrote: (its tokens, the other spelling's tokens).
    One word as two ("stormtrooper": "Storm Trooper"; "plus-plus": "PLUS PLUS"), or this word
    and the next as one ("dragon ball": "Dragonball")."""
    found: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    lower = word.lower()
    halves = _cuts(lower) if lower.isalpha() else [tuple(re.split(r"['’-]", lower, maxsplit=1))]
    for left, right in halves:
        if (pair := _name_halves(word_tokens(left), word_tokens(right), index)) and index.written_apart(left, right):
            found.append((terms, pair))
            break
    if following and following.isalpha() and lower.isalpha():
        joined = lower + following.lower()
        after = _name_terms(list(word_tokens(following)), index)
        if after and index.written_in_names(joined):
            found.append(((*terms, *after), word_tokens(joined)))
    return found


def _joined_with_next(words: Sequence[re.Match[str]], j: int, index: LexicalIndex) -> tuple[tuple[str, ...], str] | None:
    """(the tokens, the two words as typed) where word `j`, in no listing, and the next are one
    word in the catalog's names ("leap frog" for "LeapFrog"), else None."""
    if j + 1 >= len(words):
        return None
    first, second = words[j].group(), words[j + 1].group()
    joined = (first + second).lower()
    if not (first.isalpha() and second.isalpha() and index.written_in_names(joined)):
        return None
    terms = _name_terms(list(word_tokens(joined)), index)
    return (terms, f"{first} {second}") if terms else None


def _split_joined(word: str, index: LexicalIndex) -> tuple[str, ...]:
    """Two name words that some listing's name holds together, for a word written as one
    ("hotwheels", "playmobile" aside): the catalog's own spelling decides. Failing that, one
    half may be misspelt when the other is a name word as typed ("hotweels": hot + wheels)."""
    def together(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
        return (_name_halves(left, right, index) is not None
                and bool(np.intersect1d(index.named_docs(left[0]), index.named_docs(right[0])).size))

    cuts = _cuts(word)
    for a, b in cuts:
        if together(word_tokens(a), word_tokens(b)):
            return (word_tokens(a)[0], word_tokens(b)[0])
    for a, b in cuts:  # one closest_name look-up per cut whose other half is a name word
        left, right = word_tokens(a), word_tokens(b)
        if len(left) == 1 and index.name_df(left[0]) and (fixed := index.closest_name(b)):
            right = word_tokens(fixed)
        elif len(right) == 1 and index.name_df(right[0]) and (fixed := index.closest_name(a)):
            left = word_tokens(fixed)
        else:
            continue
        if together(left, right):
            return (left[0], right[0])
    return ()


def _clauses(text: str, purposes: bool = False, liked: list[str] | None = None) -> list[str]:
    """The clauses that may name the product, in order; purpose clauses ("for work") left out,
    or only those with `purposes` (read when nothing else names anything). `liked` receives
    those said after a verb of liking or wanting ("he's into anime and gaming")."""
    parts = _CLAUSE.split(text)  # text, breaker, text, breaker, ...
    out: list[str] = []
    for i in range(0, len(parts), 2):
        lead = parts[i - 1].lower() if i else ""
        before = parts[i - 2].split() if i >= 2 else []
        seeking = bool(before) and before[-1].lower() in _SEEKING  # "looking for a kite" names the kite
        if seeking and out and out[-1] == parts[i - 2].strip():
            # "searching" is the verb of what follows, not a clause naming anything
            rest = " ".join(before[:-1])
            out[-1:] = [rest] if rest else []
        part = parts[i]
        if (lead in _PURPOSE and not seeking and out and (cut := _BEFORE_LIST.search(part))
                and _A_LIST.search(part[cut.end():]) and not re.search(r"\d", part[cut.end():])):
            if not purposes:  # "water toys for the backyard - water guns, sprinkler": the list says what
                out[-1] = f"{out[-1]}{part[cut.start():]}"
            part = part[:cut.start()]
        if ((lead not in _PURPOSE or seeking) != purposes) and part.strip():
            out.append(part.strip())
            if liked is not None and lead in _LIKED_LEADS and (lead != "into" or not before or _INTO_AFTER.search(before[-1])):
                liked.append(part.strip())  # "he's into trains", never "flew the drone into the pool"
    return out


def _kind(alternative: tuple[str, ...]) -> int:
    """Which word names the kind: the last one, unless that only says how it is sold ("slime
    kit", "watercolor set": the kind is slime, watercolor)."""
    named = [i for i, t in enumerate(alternative) if t not in PACKAGING]
    return named[-1] if named else len(alternative) - 1


def _weights(alternative: tuple[str, ...], index: LexicalIndex) -> list[float]:
    """Rarity weights; qualifiers together never outweigh the kind, so the kind alone stays
    above the floor (a close alternative) and the qualifiers alone stay below it."""
    kind = _kind(alternative)
    key = [i == kind or index.leads(t) for i, t in enumerate(alternative)]
    weights = [index.idf(t) * (1.0 if k else QUALIFIER) for t, k in zip(alternative, key)]
    qualifiers = sum(w for w, k in zip(weights, key) if not k)
    cap = QUALIFIER_CAP * weights[kind]
    if qualifiers > cap:
        weights = [w if k else w * cap / qualifiers for w, k in zip(weights, key)]
    return weights




def _named_docs(token: str, alternative: tuple[str, ...], focus: Focus, index: LexicalIndex) -> np.ndarray:
    """The products whose names hold `token` or a licensed line of the owner it names (`franchises`),
    save those that hold it only in a brand's name the shopper did not say: "rc wheels" are not
    Hot Wheels cars, "games" not Buffalo Games jigsaws.
    For a focus no product is called, those whose listings mention it."""
    if focus.in_listings:  # the word as typed, found in listings as written
        return next((index.mentions(w) for thing in focus.unnamed for w in thing.split() if token in word_tokens(w)),
                    np.zeros(0, dtype=np.int64))
    docs = index.named_docs(token)
    if lines := lines_of(token, alternative):  # "marvel": a Captain America figure is Marvel's
        docs = np.union1d(docs, np.concatenate([index.named_all(line) for line in lines]))
    for first, only in index.branded(token):
        if first not in focus.said and first not in alternative:  # "hotwheels" says "hot" too
            docs = np.setdiff1d(docs, only)
    return docs


def _holding(docs: list[np.ndarray], size: int) -> np.ndarray:
    """Products found in every one of `docs` (index arrays)."""
    count = np.zeros(size, dtype=np.int32)
    for d in docs:
        count[np.unique(d)] += 1
    return count == len(docs)


def essential(focus: Focus, index: LexicalIndex) -> np.ndarray:
    """Per product: holds every word of some alternative that the shopper could not do without,
    and states every count or size asked for (a 500 piece puzzle not called a jigsaw is closer to
    "a 500 piece jigsaw" than a 1000 piece jigsaw is).

    That is the kind, the brands and lines, and qualifiers that listings use mostly as names
    ("yoga" in "yoga mat", "cutting" in "cutting board"); a qualifier that listings use far
    more in their descriptions than in their names ("halloween": "perfect for Halloween")
    only describes, and a product without it is a close alternative. So is a brand's product
    when no name of the brand's holds the kind and the kind only describes too ("Great Eastern
    anime merch": no title says "anime", though the brand's products are). A part for the kind
    ("Doll Hat") is none, unless the catalog holds nothing else that names the kind: "an art
    easel" where the one easel is an "Easel Case Artist Set".
    """
    if focus.in_listings:
        return on_target(focus, index)  # each word is what was asked for
    held = np.zeros(index.size, dtype=bool)
    for alternative in focus.alternatives:
        kind = _kind(alternative)
        names = [t not in PACKAGING and index.listing_df(t) <= DESCRIBES * index.name_df(t) for t in alternative]
        pair = {t for a, b in pairwise(alternative) if index.names_brand(a, b) for t in (a, b)}
        said_of_brand = bool(pair) and not names[kind] and alternative[kind] not in pair and not _holding(
            [_named_docs(t, alternative, focus, index) for t in (*pair, alternative[kind])], index.size).any()
        need = [t for i, t in enumerate(alternative)
                if (i == kind and not said_of_brand) or index.leads(t) or t in pair or names[i]]
        this = _holding([_named_docs(t, alternative, focus, index) for t in dict.fromkeys(need)]
                        + [index.measured_docs(m) for m in focus.measures], index.size)
        whole = this.copy()
        whole[_unasked_parts(alternative, focus, index)] = False
        held |= whole if whole.any() else this  # where the catalog has only parts for it ("Easel Case Artist Set")
    return held


def on_target(focus: Focus, index: LexicalIndex) -> np.ndarray:
    """Per product: is what was named. Its title, brand or category holds every word of some
    alternative and every stated count or size ("500 piece"); a word that says how it is sold
    ("set", "kit") is never required, save as the kind or a brand: a chess board is a chess set."""
    held = np.zeros(index.size, dtype=bool)
    for alternative in focus.alternatives:
        kind = _kind(alternative)
        words = dict.fromkeys(t for i, t in enumerate(alternative)
                              if i == kind or t not in PACKAGING or index.leads(t))
        docs = [_named_docs(t, alternative, focus, index) for t in words] + [index.measured_docs(m) for m in focus.measures]
        this = _holding(docs, index.size)
        held |= _parts_as_asked(this, alternative, focus, index)
    return held


def close_to_target(focus: Focus, index: LexicalIndex) -> np.ndarray:
    """Per product: is what was named but for words that say how it is ("a cuddly stuffed animal":
    any stuffed animal; "a halloween costume": any costume), which listings often leave unsaid.
    Never a thing of another kind: "finger puppets" has no hand puppet close to it."""
    held = np.zeros(index.size, dtype=bool)
    for alternative in focus.alternatives:
        kind = _kind(alternative)
        if not any(t in focus.properties for i, t in enumerate(alternative) if i != kind):
            continue
        words = dict.fromkeys(t for i, t in enumerate(alternative) if i == kind or (
            t not in focus.properties and (t not in PACKAGING or index.leads(t))))
        docs = [_named_docs(t, alternative, focus, index) for t in words] + [index.measured_docs(m) for m in focus.measures]
        held |= _parts_as_asked(_holding(docs, index.size), alternative, focus, index)
    return held


def _parts_as_asked(held: np.ndarray, alternative: tuple[str, ...], focus: Focus, index: LexicalIndex) -> np.ndarray:
    """`held` with the parts and accessories for the kind named as the shopper asked: "a doll" is
    not "Doll Clothes" (unless parts or accessories were asked for); "doll accessories" are a
    doll's accessories or parts ("Doll Hat"), not the doll. LEGO storage is LEGO: a brand keeps all."""
    kind = alternative[_kind(alternative)]
    if kind in focus.accessories_of and not index.leads(kind):
        accessory = np.zeros(index.size, dtype=bool)
        accessory[index.accessories()] = True
        accessory[index.parts_for(kind)] = True
        return held & accessory
    held[_unasked_parts(alternative, focus, index)] = False
    return held


def _unasked_parts(alternative: tuple[str, ...], focus: Focus, index: LexicalIndex) -> np.ndarray:
    """The products that are parts or accessories for the kind named ("Doll Hat" for a doll; a
    truck body filed under vehicle parts, for a car), when the shopper asked for none and the
    kind is no brand: never what was named, nor close to it. With a brand named ("hot wheels", "anything
    from Redcat"), what the store files under parts is still that brand's."""
    kind = alternative[_kind(alternative)]
    if focus.in_listings or index.leads(kind) or kind in focus.accessories_of or focus.said & _FOR_STEMS:
        return np.zeros(0, dtype=np.int64)
    if any(index.leads(t) for t in alternative) or any(index.names_brand(a, b) for a, b in pairwise(alternative)):
        return index.parts_for(kind)  # "Great Eastern anime merch": the brand's wallet too
    return np.union1d(index.parts_for(kind), index.filed_as_parts(kind))


def coverage(focus: Focus, index: LexicalIndex) -> np.ndarray:
    """Per product, the best alternative's rarity-weighted share held in its names (0..1)."""
    best = np.zeros(index.size, dtype=np.float32)
    for alternative in focus.alternatives:
        weights = _weights(alternative, index)
        held = np.zeros(index.size, dtype=np.float32)
        for w, t in zip(weights, alternative):
            held[_named_docs(t, alternative, focus, index)] += w
        total = sum(weights)
        kind = _kind(alternative)
        held[_unasked_parts(alternative, focus, index)] -= weights[kind]  # a "Doll Hat" is no doll
        for measure in focus.measures:  # a stated count or size weighs as much as the kind
            held[index.measured_docs(measure)] += weights[kind]
            total += weights[kind]
        best = np.maximum(best, held / max(total, 1e-9))
    return np.round(best, 3)


def match_summary(focus: Focus, items: Sequence[ShownItem], k: int) -> dict[str, Any]:
    """What the shopper named and how the list holds it, with one honest sentence when it falls short.

    `note` is None when every item is what was named; otherwise it says how many are, that
    the rest are alternatives, which named words no listing holds, and which no product is called.
    """
    targets = [it.evidence["target"] for it in items if it.evidence.get("target")]
    on_target = sum(t["on_target"] for t in targets)
    summary: dict[str, Any] = {"named": focus.phrase, "terms": list(focus.terms), "missing": list(focus.missing),
                               "unnamed": list(focus.unnamed), "corrected": {typed: word for typed, word in focus.corrected},
                               "on_target": on_target, "shown": len(items), "note": None}
    said: list[str] = []
    absent = [f"{lead} {' or '.join(f'“{w}”' for w in words)}" for lead, words in (
        ("nothing in this store's listings mentions", dict.fromkeys(focus.missing)),
        ("no product here is called", dict.fromkeys(focus.unnamed))) if words]
    others = len(items) - on_target
    if absent:
        said.append("; ".join(absent).capitalize()[:1] + "; ".join(absent)[1:] + (
            _mentioned(focus, len(items), on_target, k) if focus.in_listings
            else f", so these are matched on “{focus.phrase}” only." if focus and items
            else "; these are the closest I found." if items and focus.unnamed else "."))
    named = bool(focus) and not focus.in_listings  # what mentions a thing no product is called is said above
    if named and items and on_target == 0:
        said.append(f"Nothing matches all of “{focus.phrase}” within what you asked; "
                    + ("this is the closest alternative." if len(items) == 1 else "these are the closest alternatives."))
    elif named and others:
        said.append(f"{on_target} of these match all of “{focus.phrase}”; the other {others} "
                    f"{'is a close alternative' if others == 1 else 'are close alternatives'}.")
    elif named and 0 < len(items) < k:
        said.append(f"That's {'the only one' if len(items) == 1 else f'all {len(items)}'} matching "
                    f"“{focus.phrase}” within what you asked.")
    summary["note"] = " ".join(said) or None
    return summary


def _mentioned(focus: Focus, shown: int, on_target: int, k: int) -> str:
    """The end of the sentence for a focus no product is called: which of the list mention it."""
    it = "it" if len(focus.unnamed) == 1 else "them"
    if shown and on_target == shown:
        which = "this one mentions" if shown == 1 else "these mention"
        where = "its listing" if shown == 1 else "their listings"
        return f"; {which} {it} in {where}" + (", all within what you asked." if shown < k else ".")
    if on_target:
        rest = shown - on_target
        return (f"; {on_target} of these mention {it} in their listings, the other {rest} "
                f"{'is' if rest == 1 else 'are'} the closest I found.")
    return "; these are the closest I found." if shown else "."
