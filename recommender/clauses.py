"""A request cut into clauses, and the clauses and words in it that name nothing wanted: chat, occasions, who is speaking, what was had already."""
from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from recommender.ages import SCHOOL_GRADE
from recommender.facets import NEUTRAL, PERSON_WORDS
from recommender.lexical import (
    MEASURE,
    MEASURE_RANGE,
)
from recommender.matching import LETTERS
from recommender.money import NUMBER_WORDS
from recommender.refusing import NEGATED_BEFORE
from recommender.words import STOPWORDS, phrase_words

# Words that start a new clause: what follows describes the person, the price, an exclusion or
# what they will do with it ("a model kit he can build and paint": no "build" or "paint" is named).
# A full stop ends one, save after a title or the like ("Dr. Seuss", "St. Patrick's Day").
_CLAUSE = re.compile(
    r"((?<!\bdr)(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bst)(?<!\bjr)(?<!\bvs)\.|[;!?\n]|\b(?:for|who|whom|whose|that|which|to|under|below|over|above|between|"
    r"with|less|more|within|max|not|no|isn't|isnt|aren't|without|except|but|than|if|because|since|so|"
    r"like|likes|loves|enjoys|into|wants|need|needs|please|maybe|cheaper|cheap|budget|"
    r"preferably|ideally|something|anything|i|i'm|im|(?:he|she|they|we|you)\s+(?:can|could|will|would|might|may|should)|"
    # "a baby doll my daughter can feed": what the person will do with it, as "she can feed" is
    r"(?:my|his|her|their|our|your|the)\s+(?:son|daughter|kids?|child(?:ren)?|boy|girl|nephew|niece|grand(?:son|daughter|kids?|"
    r"child(?:ren)?)|toddler|baby|husband|wife|dad|mom|mum|brother|sister|friend|students?|twins)\s+"
    r"(?:can|could|will|would|might|may|should))\b)",
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
# "want to get him a few decks of playing cards": what is sought ("don't want to give clothes" is a refusal)
_WANTING = frozenset({"want", "wants", "wanted", "need", "needs", "like", "hoping", "hope", "trying", "planning", "wish"})  # "to get him"
_GETTING = re.compile(r"\s*(?:get|buy|find|give|grab|order)\s+(?:him|her|them|me|us|my|his|their|our|a|an|some)\b",
                      re.IGNORECASE)
# Where the shopper or the gift is: "I'm in Australia but ordering for her in the US", "we live in
# the UK", "shipping to Canada". No product is named by it (a territory's English name, by Babel).
_COUNTRIES = sorted({*(name.lower() for code, name in Locale("en").territories.items() if len(code) == 2),
                     "us", "usa", "u.s.", "u.s.a.", "uk", "u.k.", "the states", "england", "scotland", "wales", "europe",
                     "america", "oz"}, key=len, reverse=True)
WHERE_THEY_ARE = re.compile(
    r"\b(?:i['’]?m|i\s+am|we['’]?re|we\s+are|they['’]?re|(?:s?he|they)\s+(?:is|are)|s?he['’]s|(?:i|we|they)\s+live|lives|"
    r"living|based|located|staying|ordering|order(?:ed)?|buying|shipp?(?:ing|ed)?|send(?:ing)?|sent|deliver(?:ed|ing|y)?|"
    r"visiting|moved|moving|flying)\b(?:\s+(?:it|them|this|that|these|those|for\s+(?:him|her|them|me|us)|here|there|over|now|currently|\w+ly))*"
    r"\s+(?:in|from|to|over\s+in|out\s+in|down\s+in|up\s+in)\s+(?:the\s+)?"
    r"(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in _COUNTRIES) + r")(?![\w.])", re.IGNORECASE)
# the shopper's own wish, never "the kids like to get ..." ("I" is a clause's break: "'d like" is "I'd like")
_I_WOULD = re.compile(r"(?:^\s*|\b(?:i|we)\s*)(?:['’]d|would)\s+like\s*$", re.IGNORECASE)
# An amount then one of these is a budget ("20 bucks tops", "in the $10-$20 range"), not a product word.
AFTER_AMOUNT = re.compile(r"(¤[\d.,]+(?:\s*(?:-|–|to)\s*¤?[\d.,]+)?)\s+(?:tops|max|maximum|or less|or under|at most|(?:price\s+)?range|"
                           r"mark|ballpark|area|or so|ish|limit|budget|cap|ceiling|and under|and below|spend)\b|\b(\d+(?:\.\d+)?)\s+tops\b", re.IGNORECASE)
# An amount then what it is paid for ("¤10 a pack", "¤5 each kid", "¤30 per item"), or "tops" before
# it ("tops ¤15"): a price, never a pack, an item or a top.
PER_UNIT = re.compile(r"(¤[\d.,]+)\s+(?:(?:a|an|per|each)\s+(?:pack|packet|piece|item|set|box|bag|kid|child|person|one|unit|"
                      r"gift|present)s?|for\s+(?:a|an|one|each)\s+(?:kid|child|person|one|gift|present)s?)\b|"
                      r"(?:^|(?<=[,.;:!?(]\s))tops\s+(?=¤?\d)|(?<=\beach\s)tops\b", re.IGNORECASE)
# Words before "it" or "them" that are verbs though they end in neither -s nor -ed ("make it a 4k one").
VERBS_OF_IT = frozenset({"make", "take", "get", "give", "do", "pick", "choose", "chose", "keep", "need", "want", "like",
                          "love", "use", "try", "wrap", "send", "show", "narrow", "find", "bring", "put", "number",
                          "lower", "drop", "raise", "cut", "bump", "up"})
# "he's a big kid at heart", "a new baby in the family", "the beeping drives me up the wall",
# "we're a no-weapons house", "money's tight this month": about the people, no thing.
ABOUT_THEM = re.compile(r"\b(?:(?:a\s+)?big\s+)?kid\s+at\s+heart\b|\bin\s+the\s+family\b|"
                         r"\bfor\s+the\s+whole\s+family\b(?!\s+(?:game|games|board|fun|night|friendly)\b)|"  # whom, no "Family" title
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
                         r"\b(?:money|cash|funds)(?:'s|’s|\s+is|\s+are)\s+(?:a\s+bit\s+|really\s+|very\s+|so\s+|a\s+lot\s+|much\s+)?"
                         r"(?:tight|short|low)(?:er)?\b|"
                         r"\b(?:pool(?:ed|ing)?|chip(?:ped|ping)?\s+in|put\s+in|raised?)\s+(?:our\s+|the\s+|some\s+)?(?:money|cash|funds)\b",
                         re.IGNORECASE)
# "that chemistry set is way too much", "the lego one was too expensive": a price said of a thing
# shown, which asks for no more of it.
TOO_DEAR = re.compile(r"\b(?:that|the|this|those|these)\s+(?:[a-z][\w'-]*\s+){0,3}?(?:is|was|are|were|'s|’s)\s+"
                       r"(?:(?:way|far|much|a\s+bit|a\s+little|just)\s+)?(?:too\s+(?:much|expensive|pricey|dear|steep)|"
                       r"over\s+(?:my\s+|the\s+|our\s+)?budget|out\s+of\s+(?:my\s+|our\s+)?(?:budget|price\s+range))\b|"
                       r"\bway\s+too\s+(?:much|expensive|pricey|dear|steep)\b", re.IGNORECASE)
# "she will be four in March", "by next Friday": when, no thing ("Birthstone Ring - March" aside).
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
WHEN = re.compile(r"\b(?:in|by|next|this|last|until|till|before|after|since|on|early|late|mid|end\s+of|start\s+of)\s+"
                   r"(?:next\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december|"
                   + _WEEKDAYS + r")\b", re.IGNORECASE)
# Who a shopper says they are ("Retired machinist here.", "Grandpa here!"; never "Star Wars fan here").
_WHO_SAYS = PERSON_WORDS | {"agent", "customer", "nurse", "engineer", "machinist", "mechanic", "parent", "parents",
                            "grandparent", "grandparents", "student", "retiree"}
# "a send-off for Bob next Friday": a person's name, said before when
FOR_A_NAME = re.compile(r"(?<=\bfor\s)(?-i:[A-Z][a-z]+)(?=\s+(?:(?:next|this|on)\s+(?:" + _WEEKDAYS
                         + r"|week|weekend|month)|tomorrow|tonight)\b)", re.IGNORECASE)
# "eight-ish dollars", "20ish": about an amount, no thing.
ABOUT_AMOUNT = re.compile(r"\b(?:\d+|" + "|".join(NUMBER_WORDS) + r")-?ish\b", re.IGNORECASE)
# "a stocking filler", "stocking stuffers", "a white elephant swap", "secret santa": a small
# gift, no kind of thing.
STOCKING_GIFT = re.compile(r"\bstocking[\s-]+(?:fill|stuff)(?:ers?|ing)\b|\bwhite\s+elephant\s+(?:swap|gift|exchange|"
                            r"party)\b|\bsecret\s+santa\b", re.IGNORECASE)
# "to keep her busy on the plane", "for the long car ride", "flying out to see my mum": something
# for a journey (listings say "travel"), never a plane or a car.
ON_A_JOURNEY = re.compile(r"\b(?:on|for|during)\s+(?:the|a|our|my|their|his|her)\s+(?:long\s+)?(?:(?:plane|flight)(?:\s+(?:ride|journey|trip))?|"
                           r"(?:car|train|bus)\s+(?:ride|journey|trip)|road\s*trip|journey)s?\b|"
                           r"\bflying\s+(?:out\s+|back\s+|home\s+|over\s+|down\s+|up\s+)?(?:to|with)\b", re.IGNORECASE)
# "he's super into tabletop games": how much, no Super Mario or Super Soaker.
INTENSIFIER = re.compile(r"\b(?:super|mega|uber|hella|wicked)\s+(?=(?:into|keen|obsessed|excited|interested|passionate|"
                         r"fond|crazy|mad|nuts)\b)", re.IGNORECASE)
# "we're off to the beach next week", "heading to the lake": an outing, what the thing is for
# ("a kite" for the beach): no beach thing is named ("Turtle Beach" headsets, a "Beach Series" longboard).
GOING_OUT = re.compile(r"\b(?:off|going|headed|heading|driving|away)\s+(?:down\s+|up\s+|out\s+)?to\s+(?:the\s+)?"
                       r"(beach|lake|seaside|coast|shore|pool|park|mountains|cabin|cottage|campsite|zoo)\b", re.IGNORECASE)
# "to keep the kids busy", "keep him entertained": what a thing will do, not a busy board.
KEEP_BUSY = re.compile(r"\bkeep(?:s|ing)?\s+(?:[a-z]+\s+){0,3}?(?:busy|occupied|entertained|quiet|amused)\b", re.IGNORECASE)
# "her 1st birthday", "his 6th bday": whose birthday it is, an age ("1st" is also how titles number things).
NTH_BIRTHDAY = re.compile(r"\b\d+(?:st|nd|rd|th)\s+(?=(?:birthday|bday|b-day)\b)", re.IGNORECASE)
# How a shopper says they live or are ("a broke student", "a one-bedroom apartment", "a busy family").
_SHOPPER_IS = (r"(?:broke|poor|busy|small|big|large|tiny|new|young|single|working|retired|first[\s-]+time|[\w-]+[\s-]+bedroom|"
               r"studio|low[\s-]+income|cash[\s-]+strapped|frugal|struggling|full[\s-]+time|part[\s-]+time|stay[\s-]+at[\s-]+home|"
               r"grad|college|uni|university|school|nursery|preschool)")
# Chat, no thing named: "I search a present" (as other languages say "I am looking for"), "he's
# moving out", "(long story)", "our office is doing a send-off" (no office supplies), "Customer
# (grandmother) on the phone" (no phone), "ordering through the site", asides of chat.
CHAT_PHRASES = re.compile(r"\bI\s+(?:search|am\s+searching|'m\s+searching)\b|\bmoving\s+out\b|"
                           # "money's not really the issue", "price is no object": no money box or price tag
                           r"\b(?:money|price|cost|budget)(?:(?:['’]s|\s+is)\s+(?:really\s+)?(?:not|no)|\s+isn['’]?t)\s+"
                           r"(?:(?:really|much\s+of)\s+)*(?:(?:an?|the)\s+)?(?:issue|object|problem|concern)\b|"
                           # "she's made that VERY clear", "just to be clear"
                           r"\bmade\s+(?:that|it|this)\s+(?:\w+\s+)?clear\b|\b(?:just\s+)?to\s+be\s+clear\b|"
                           # "filling Easter baskets", "to fill the stockings": what the things go in, none of it wanted
                           r"\bfill(?:ing)?\s+(?:up\s+)?(?:(?:the|my|our|their|his|her|some|a\s+few|two|three|\d+)\s+)?"
                           r"(?:(?:easter|christmas|xmas|holiday|party|goody|gift|loot|treat|birthday)\s+)?"
                           r"(?:baskets?|stockings?|bags?|piñatas?|pinatas?|hampers?)\b|"
                           # "heading off to college next year": when and why, no college thing named
                           r"\b(?:heading|headed|going|off)\s+(?:off\s+)?to\s+(?:college|uni|university|boarding\s+school|"
                           r"camp|summer\s+camp)\b|"
                           # "he's a beginner", "she's a total newbie": the person ("a beginner's kit" names one)
                           r"\b(?:(?:he|she|i)(?:['’]s|['’]m|\s+is|\s+am)|(?:they|we)(?:['’]re|\s+are))\s+(?:just\s+|only\s+|still\s+)?"
                           r"(?:(?:a|an)\s+)?(?:(?:complete|total|absolute|real)\s+)?(?:beginner|novice|newbie|noob|amateur|"
                           r"newcomer)s?\b|"
                           # "the school doesn't allow characters", "banned at our community pool": who or where refuses
                           r"\b(?:the|his|her|their|our|my)\s+(?:school|nursery|daycare|preschool|teacher|church|club|landlord|"
                           r"hoa|building|pool|gym|camp)\s+(?:doesn['’]?t|does\s+not|won['’]?t|will\s+not|don['’]?t|do\s+not)\s+"
                           r"(?:allow|permit|let)\b|(?<=\b(?:banned|barred)\s)(?:at|in|from)\s+(?:the|our|my|his|her|their)\s+"
                           r"(?:local\s+|community\s+|public\s+|neighbou?rhood\s+)?(?:pool|school|nursery|daycare|church|club|"
                           r"gym|park|building|classroom|camp)\b|"
                           # "what dinosaur stuff fits under that": the budget, no fit
                           r"\bfits?\s+(?:under|in|within|into)\s+(?:that|it|this|the\s+budget|my\s+budget|budget)\b|"
                           # "house rule here is no toy guns", "NO slime in the house", "in my brother's house": where, no house
                           r"\b(?:house|household|family|home)\s+rules?\b|\bin\s+(?:the|this|our|my|his|her|their|[\w'’]+['’]s)\s+"
                           r"(?:house|home|household)\b|"
                           # "i have a $25 gift card": how they pay, no card
                           r"\b(?:have|got|with|using|use|spend(?:ing)?|on)\s+(?:a|an|my|the|this)\s+(?:¤[\d.,]+\s+|\$?\d+\s+)?"
                           r"gift\s+(?:card|voucher|certificate)s?\b|"
                           # "won't pay anything on top", "collecting for a leaving present", "the kitty came to $40",
                           # "getting back into skating"
                           r"\b(?:pay|spend|paying|spending)\s+(?:anything|something|more|extra)\s+on\s+top\b|"
                           r"\bcollect(?:ing|ed)\s+(?:money\s+)?for\b|\b(?:the|our|office|work)\s+kitty\s+(?:came|comes)\s+to\b|\b(?:get|gets|getting|got|coming|came)\s+back\s+into\b|"
                           # "we have a tiny yard", "nothing with a million little pieces": the place, how many, no yard or piece
                           r"\b(?:we|i)\s+(?:have|['’]ve\s+got|got|live\s+in)\s+(?:a|an|only\s+a)\s+(?:tiny|small|little|big|huge|"
                           r"large|smallish)\s+(?:yard|garden|house|apartment|flat|room|backyard|place)\b|"
                           r"\b(?:a\s+)?(?:million|billion|gazillion|thousand|hundred)\s+(?:little\s+|tiny\s+|small\s+)?"
                           r"(?:pieces|bits|parts)\b|"
                           # "he loves playing with sand", "just started playing D&D": the doing, no playing cards
                           r"\bplay(?:ing|s)?\s+with\b|(?<=\bstarted\s)playing\b|(?<=\bstarting\s)playing\b|"
                           r"(?<=\bbegan\s)playing\b|"
                           # "he still puts everything in his mouth", "she chews on everything": why small parts are refused
                           r"\b(?:puts?|putting|shoves?|sticks?)\s+(?:everything|anything|it\s+all|things|stuff)\s+(?:in|into)\s+"
                           r"(?:his|her|their|the|its)\s+mouths?\b|\bchew(?:s|ing)?\s+(?:on\s+)?(?:everything|anything)\b|"
                           r"\beverything\s+(?:goes|ends\s+up)\s+in\s+(?:his|her|their)\s+mouths?\b|"
                           r"\b(?:had|has|have)\s+(?:his|her|their|my|our|your)\s+fill\b|"  # "he's had his fill of X"
                           # "so I'd rather go a different way", "let's try another direction"
                           r"\b(?:go|going|try|head|take)\s+(?:in\s+)?(?:a|another|some)\s+(?:different|other|new)?\s*"
                           r"(?:way|direction|route|tack)\b|"
                           r"\b(?:our|my|at\s+the|at)\s+(?:office|workplace)\b(?!\s+(?:supplies|desk|chair))|"
                           r"\b(?:on|over)\s+the\s+(?:phone|line|chat)\b|"
                           # "they always get lost" (never "to get Lost Kitties")
                           r"\b(?:always|keep|kept|often|usually|just|all)\s+(?:get|gets|getting|got|go|goes|going|went)\s+lost\b|"
                           r"\b(?:get|gets|got|go|goes|went)\s+lost\s*(?=[,.!?;]|$)|"
                           r"\bthe\s+right\s+(?:ones?|kind|sort|size|type)\b|"  # "I never have the right ones" (batteries)
                           r"\(?\blong\s+story(?:\s+short)?\b\)?|"
                           r"\bnever\s*mind\b|\bnvm\b|"
                           # "the custodian will murder me": who would, no custodian named
                           r"\b(?:(?:the|my|his|her|their|our)\s+[\w'’-]+\s+(?:will|would|['’]ll|is\s+going\s+to|gonna|might|may)\s+"
                           r"(?:literally\s+|actually\s+|honestly\s+)?)?(?:kill|murder|disown|divorce|strangle)\s+(?:me|us)\b|"
                           # "the eating/pooping one freaked her out": what a thing did to them, no thing wanted
                           # (from the last "the", "that", ... before the verb: "a plush of the dragon from the movie
                           # that scared him" keeps the dragon)
                           r"\b(?:the|that|this|those|these|it|they)\b(?:(?!\b(?:the|that|this|those|these|it|they)\b)"
                           r"[^.!?;,\n–—]){0,40}?\b(?:freak(?:ed|s)?|scared?|scares|terrif(?:y|ies|ied)|frighten(?:ed|s)?|"
                           r"upset|upsets)\s+(?:him|her|them|me|us)(?:\s+out)?\b|"
                           # "she finds 1000 pieces too fiddly now": how it is, never a name ("too many pieces" keeps the count)
                           r"\btoo\s+(?:fiddly|hard|difficult|tricky|complicated|complex|easy|simple|fussy|boring|fragile|flimsy|"
                           r"heavy|bulky|big|small|long|short)\b(?!\s+for\b)|"
                           # "his dad's a sports nut", "a total board game geek": the person, no nut or geek asked for
                           r"(?<=\s)(?:nut|buff|junkie|fiend|freak|geek|nerd|fanatic)\b(?!\s+(?:and|&)\s+bolts?\b)|"
                           # "mould is a nightmare", "glitter is such a pain to clean up": a complaint, no thing wanted
                           r"\b(?:the\s+)?[\w'’-]+\s+(?:is|are|was|were)\s+(?:a\s+|an\s+|such\s+an?\s+|(?:an?\s+)?(?:total|real|"
                           r"absolute|complete|huge)\s+)(?:nightmare|pain|hassle|headache|disaster|menace)\b(?!\s+(?:on|before)\b)"
                           r"(?:\s+to\s+\w+(?:\s+up)?)?|"
                           # "a Christmas gift for my father", "buying for this Christmas": when it is given, no
                           # Christmas thing asked for ("christmas decorations", "a christmas sweater", "baby's first
                           # christmas gift" still name it)
                           r"(?<!\bfirst\s)\b(?:christmas|xmas|x-mas|hanukkah|chanukah|easter|(?:(?:fa|mo)thers?|dads?|mums?|moms?|"
                           r"valentines?|grandparents?)['’]?s?\s+day|valentine['’]?s?)\s+(?:gifts?|presents?|pressies?|prezzies?|"
                           r"shopping|ideas?)\b(?!\s+(?:bags?|tags?|boxe?s?|wrap|wrapping|paper|cards?|baskets?|sets?)\b)|"
                           r"\b(?:buy|buying|get|getting|shop|shopping|gifts?|presents?|something)\s+for\s+(?:this\s+|next\s+)?"
                           r"(?:christmas|xmas|x-mas|hanukkah|chanukah|easter|(?:fa|mo)ther['’]?s\s+day|valentine['’]?s?(?:\s+day)?)\b|"
                           r"\bthis\s+(?:christmas|xmas|x-mas)\b(?=\s*(?:[,.;:!?]|$)|\s+(?:and|for|so|but|we|i|he|she|they|is|was)\b)|"
                           # "trying to get him off the xbox", "wean her off screens": what they are to do less of
                           r"\b(?:get|getting|keep|keeping|wean|weaning|drag|dragging|tear|tearing|prise|prize|pry)\s+"
                           r"(?:him|her|them|me|us)\s+(?:off|away\s+from)(?:\s+(?:the|his|her|their|that|those|these))?\s+[\w'’-]+"
                           r"(?:\s+games?\b)?|"
                           # "the house is full of it", "her room is overflowing with stuffies": why a thing is refused
                           r"\b(?:the\s+|our\s+|my\s+|his\s+|her\s+|their\s+)?(?:house|home|room|bedroom|playroom|place|flat|"
                           r"apartment|shelf|shelves|toy\s+box)\s+(?:is|are)\s+(?:already\s+|literally\s+)?(?:full|overflowing|drowning|"
                           r"packed|stuffed|bursting|groaning)\b(?:\s+(?:of|with)(?:\s+(?!so\b|but\b|and\b|then\b|now\b)[\w'’-]+){1,4})?|"
                           # "10 hour flight with a 6yo": the trip, no hours or flights wanted ("for the plane": ON_A_JOURNEY)
                           r"\b\d+\s*-?\s*(?:hours?|hrs?|minutes?|mins?|days?)\s+(?:long\s+)?(?:flight|drive|car\s+ride|ride|trip|"
                           r"journey|train\s+ride|road\s+trip|bus\s+ride)\b|"
                           # "a lad who games all day"
                           r"\ball\s+day(?:\s+long)?\b|\ball\s+the\s+time\b|"
                           # "a few small bits for the pinata", "zero idea what teens are into"
                           r"\b(?:few\s+)?(?:small|little|tiny)\s+bits\b|\bbits\s+(?:and|n|&)\s+bobs\b|"
                           r"\b(?:zero|no|0|not\s+a|nae)\s+(?:idea|clue)\b(?:\s+what\s+[\w'’]+\s+(?:are|is)\s+into\b)?|"
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
                           # "I'm a broke student", "we're a one-bedroom apartment", "I teach 6th grade": who or where
                           # the shopper is, no thing asked for (never "we're a lego family", "I'm a star wars guy")
                           r"\b(?:i['’]?m|i\s+am|we['’]?re|we\s+are)\s+(?:just\s+|only\s+)?(?:a|an)\s+(?:" + _SHOPPER_IS + r"\s+){0,2}"
                           r"(?:student|teacher|parent|pensioner|retiree|renter|tenant|nurse|apartment|flat|condo|household|"
                           r"family|couple)s?\b|\b(?:i|we)\s+teach\b|"
                           # "one of those monopoly style games", "brio style": like it, no "style" named ("a Style Me Up kit" is one)
                           r"(?<=[a-z0-9][\s-])(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)styled?\b(?!\s+me\b)|"
                           r"\b(?:ordering|order|buying|shopping)\s+(?:through|on|from|via)\s+(?:the|your)\s+(?:[a-z]+\s+)?"
                           r"(?:site|website|app|store|shop)\b|"
                           # "(his bedroom looks like Jurassic Park, bless her)", "(don't ask)"
                           r"\([^()]*\b(?:bless|looks\s+like|don['’]?t\s+ask|lol|haha|ugh|sigh|not\s+getting\s+into)\b[^()]*\)",
                           re.IGNORECASE)
# "nephew's 5th bday party, $20ish": the occasion, no party supplies named (though what suits a
# party may be searched for: `without_chat` leaves it).
BIRTHDAY_PARTY = re.compile(r"\b(?:birthday|bday|b-day)\s+party\b(?!\s+(?:favou?rs?|supplies|supply|decorations?|decor|"
                            r"games?|bags?|packs?|hats?|poppers|plates|cups|napkins|balloons|banners?|kits?|goods|tableware|"
                            r"accessories|invitations?|lights?|props?|theme|themed|bundle|set)\b)", re.IGNORECASE)
# "we have enough LEGO to sink a ship", "enough soft toys to fill a stable": how much they have;
# no ship or stable is named (the measure's words to the end of the clause; `focus` keeps the rest).
HOW_MUCH_THEY_HAVE = re.compile(
    r"\b((?:enough|so\s+many|so\s+much|too\s+many|too\s+much)\b[^.!?;,\n]*?)\s+to\s+(?:sink|fill|stock|open|start|sail|drown|"
    r"bury|cover|last|supply|feed|build|pave|wallpaper|float|outfit|run|decorate|equip)\b[^.!?;,\n]*", re.IGNORECASE)
# A story told beside the request, which names nothing wanted: "the last drone we got him is still
# on the neighbor's roof", "the car just needed a new transmission so let's cap it at 25", "their
# house is basically jurassic park". A
# sentence (or what follows a dash or a comma) whose subject is a thing or a person said with
# "the", "our", ..., and whose verb tells where it still is or what it needed, or a home said to be
# like something, up to the next comma, dash or "so"; never one that says what someone likes,
# wants or needs, and never a thing that broke ("our trampoline just broke": another is wanted).
_DESIRE_WORDS = (r"love|loves|loved|like|likes|liked|into|want|wants|wanted|need|needs|wish|wishes|hoping|looking|"
                 r"obsessed|fan|enjoys?|collects?|asked|asking|gift|present|get\s+(?:him|her|them)|buy|find|recommend")
ANECDOTE = re.compile(r"(?:^|(?<=[.!?;,]\s)|(?<=\s[-–—]\s)|(?<=\bhmm\s)|(?<=\bwell\s)|(?<=\bok\s)|(?<=\bokay\s)|(?<=\bactually\s)|(?<=\bso\s))"
                       r"(?:the|our|my|his|her|their)\s+(?![^.!?;\n]*\b(?:" + _DESIRE_WORDS + r")\b)"
                       r"(?:(?:[a-z][\w'’-]*\s+){1,6}?(?:(?:is|are|was|were)\s+still\s+(?:on|in|at|under|up|stuck)|"
                       r"(?:just\s+)?(?:needed|cost|got\s+(?:lost|stuck)|went\s+(?:missing|through)|ended\s+up))|"
                       r"(?:[a-z][\w'’-]*\s+){0,2}?(?:house|home|room|bedroom|playroom|nursery|place|garage|basement)\s+"
                       r"(?:is|looks)\s+(?:basically|literally|practically|pretty\s+much)(?:\s+like)?)"
                       r"\b[^.!?;,\n]*?(?=$|[.!?;,\n]|\s[-–—]\s|\s+so\s)", re.IGNORECASE)
# "nothing that can end up in the carpet", "nothing that could hurt the cat": how what is refused
# is, to the end of its sentence; no thing wanted.
NOTHING_THAT_CAN = re.compile(r"\bnothing\s+(?:that|which)\s+(?:can|could|might|may|will|would)\s+"
                               r"(?:(?!(?:maybe|ideally|but|just|perhaps)\b)[^.!?;,\n–—-])*", re.IGNORECASE)
_ANY_PERSON = "|".join(sorted(map(re.escape, PERSON_WORDS), key=len, reverse=True))  # a person word, longest first
# "my son is autistic and ...", "he's deaf, so ...": a word said of the person alone, which no
# listing holds, is no name the shopper missed ("my daughter is crafty" still names crafts).
SAID_OF_THEM = re.compile(r"\b(?:(?:he|she)(?:\s+is|['’]s)|(?:they|we)(?:\s+are|['’]re)|"
                           r"(?:he|she|they|we)(?:\s+(?:has|have)|['’]s|['’]ve)\s+(?:both\s+|all\s+)?been|"  # "they've both been sober"
                           r"(?:my|our|his|her|their)\s+(?:(?:little|big|older|younger|eldest|"
                           r"youngest)\s+)?(?:parents|folks|family|" + _ANY_PERSON
                           + r")\s+(?:is|are))"
                           r"\s+(?:(?:very|really|so|quite|pretty|totally|super|also)\s+)?([a-z]+)\b"
                           r"(?=\s*(?:$|[.,;!?(]|\s[-–—]\s|\band\s|\b(?:for|since)\s+(?:\w+\s+)?(?:years?|months?|ages|a\s+while|now)\b))",
                           re.IGNORECASE)
# "my niece Harper turns six", "our daughter Maya is 7": a person's name, never a product's.
PERSONS_NAME = re.compile(r"\b(?:(?i:my|our|his|her|their)\s+(?:(?i:little|big|older|younger|eldest|youngest|best)\s+)?"
                           r"(?i:" + _ANY_PERSON + r")\s+)"
                           r"([A-Z][a-z]+)"
                           r"(?=\s*(?:,|\(|(?i:who|is|turns|turned|and|has|loves|likes|just|will|was|wants)\b|['’]s\b))")
# "my little brother", "her big sister", "our youngest son": the person's own, said after "my",
# "her", ...: no "Little" or "Big" of a product's name is asked for (the recipient's groups
# read them: `facets`). A capital is a name's ("my Little Mommy doll"), and "for little kids" says
# whom the thing suits, which stays.
DESCRIBED_PERSON = re.compile(r"\b((?i:my|our|his|her|their|your)\s+)(?:little|big|older|younger|oldest|eldest|youngest|elder)\s+"
                              r"(?=(?i:" + _ANY_PERSON + r")s?\b)")
# "party bag fillers", "goody bag stuff", "loot bags": what shops call party favors.
# ... and so do a prize box and a classroom's treasure chest ("a 6th grade class prize box"; never
# "a pirate treasure chest", a thing).
PARTY_BAG = re.compile(r"\b(?:(?:party|goody|goodie|loot|treat)[\s-]+bags?|(?:(?:class(?:room)?|school)\s+)?prize[\s-]+"
                       r"(?:box(?:es)?|bins?|chests?|baskets?)|(?:class(?:room)?|school)\s+treasure[\s-]+(?:box(?:es)?|bins?|chests?))"
                       r"(?:[\s-]+(?:fillers?|stuffers?|fill|items?|toys?|bits|stuff|things))?\b", re.IGNORECASE)
# "they're huge on game nights": games, not a title with "game" and "night" in it
GAME_NIGHT = re.compile(r"\bgame[\s-]*nights?\b", re.IGNORECASE)
# "Marvel figures - the poseable kind": how the thing named should be, never the kind of thing.
THE_KIND = re.compile(r"\b(?:the|a|an)\s+([a-z][\w'-]*)\s+(?:kind|sort|type|variety)\b(?!\s+of\b)", re.IGNORECASE)
# A turn that asks anew ("something for ...", "show me ...") rather than narrowing the last ask.
# A request made afresh; "anything but plush" only refuses.
FRESH = re.compile(r"(?<!\bskip\s)(?<!\bavoid\s)(?<!\bno\s)(?<!\bnot\s)(?<!\bban\s)(?<!\bwithout\s)"  # "skip anything licensed" refuses
                   r"\b(?:something|anything(?!\s+(?:but|except|besides|other\s+than|apart\s+from|aside\s+from)\b)|"
                   r"looking for|show me|i need|i want|do you have|recommend|suggest)\b", re.IGNORECASE)
# "trucks n diggers": "n" said for "and" between words, in lower case (never "Learn 'n Pop", "Guns N
# Roses", names; nor rock n roll, nor an N scale train)
ALTERNATIVES = re.compile(r"\s*(?:\bor\b|\band\b|&|/|,|\+|(?<=[a-z])(?<!\brock)\s+(?-i:n)(?=\s+[a-z])(?!\s+(?i:scale|gauge)\b))\s*",
                          re.IGNORECASE)
ARTICLE_AFTER_OR = re.compile(r"(?:\bor\b|\band\b|,)\s+(?:a|an|the|some|any|maybe)\s", re.IGNORECASE)
# A dash or colon before a list: "Avengers stuff - Hulk, Captain America, Thor" and "military
# toys: tanks, soldiers" name the Avengers or Hulk or ..., never all at once.
BEFORE_LIST = re.compile(r"\s[-–—]+(?:\s|$)|:\s|\s*\(")
_A_LIST = re.compile(r"\w\s*(?:\bor\b|\band\b|&|/|,|\+)\s*\w", re.IGNORECASE)  # two words or more, parted
# A question, then a list that says what was meant: "band merch? pink floyd, misfits, social
# distortion", "nintendo stuff? mario, luigi, yoshi".
_QUESTION_THEN_LIST = re.compile(r"\?\s+(?=[^.!?\n]*,[^.!?\n]*,)")
# A question after a comma asks about the thing just named, never of another: "loves making
# jewelry, do you have a kit?" asks for a jewelry-making kit, not for jewelry or a kit.
ASKED_OF_IT = re.compile(
    r",\s*(?:do|does|have|has|got|is|are|can|could)\s+(?:you|u|ya|they|there)\s+"
    r"(?:(?:have|got|sell|carry|stock)\s+)?(?:(?:a|an|any|some)\s+)?(?=\w)(?!(?:one|ones|it|them|those|these|that|this)\b)",
    re.IGNORECASE)
# Words that praise or qualify rather than name a thing ("something fun", "a cool gift").
NOT_NAMES = frozenset("""
fun cool awesome amazing cute nice special unique perfect interesting new great good best favorite
favourite favorites favourites fave faves fav favs wanna gonna gotta little big small large tiny huge fancy simple neat lovely beautiful pretty sweet
idea ideas surprise fan lover obsessed gift gifts present presents recommendation recommendations
girlfriend boyfriend goddaughter godson grandma grandpa grandmother grandfather grandchild
grandchildren granddad grandkid grandkids boys girls men women man woman guy lady teenager
toy toys buy purchase order shop shopping store option options choice choices kind sort type
supplies supply stuff gear accessories accessory equipment essentials goodies
smth sth smthg somethin
roommate roommates flatmate flatmates housemate housemates bestie bff bffs bf gf bro sis buddy pal classmate classmates
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
weekend weekends tomorrow tonight today lately recently nowadays currently week weeks month months coming got gotten gets getting actually
different stuck indoors outdoors inside outside
stretch splurge afford enough free zone terrified scared afraid frightened allergic phase craze
hubby wifey massive arrived change yr yrs twin twins digit digits cust customer caller callers separate past
gave given give gives giving said told asked asks bought buys brought thought think thinks
knew knows took takes went goes gone came comes sent wanted wants try tried tries trying hoping hoped hope
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
ugh hmm meh nah fine poss counts haha hahaha hehe lmao rofl
use uses used using day group cold
""".split())
# Occasions: a name where listings hold them ("graduation gift": a Graduation Bear), else read past
# without a note ("a retirement gift for a coworker who loves trains" names trains, nothing missing).
OCCASIONS = frozenset("""
retirement retiring retired housewarming graduation anniversary christening baptism farewell send-off leaving
""".split())
# Words of chat, never names, that shoppers misspell ("anythng", "somthing", "stuf"): a word no
# title holds as written that is this close to one of them is read as it, not as a name.
CHAT_WORDS = sorted(w for w in STOPWORDS | NOT_NAMES if len(w) >= 4 and w.isalpha())
# What accessories were asked for: "doll accessories", "accessories for her doll".
ACCESSORIES_OF = re.compile(r"([a-z][\w'-]*)\s+(?=accessor(?:y|ies)\b)|\baccessor(?:y|ies)\s+for\s+"
                             r"(?:(?:a|an|the|my|his|her|their|our|your)\s+)?([a-z][\w'-]*)", re.IGNORECASE)
REFUSAL_MARK = "\u2298"  # where a verb of refusing was: the clause it starts names nothing wanted
GREETINGS = frozenset({"hello", "hi", "hey"})  # a greeting, unless a name goes on with it ("Hello Kitty")


# Who a gift is for: a word just before one of these describes the person, not the product.
PEOPLE = frozenset("""
kid kids child children boy boys girl girls son daughter nephew niece grandson granddaughter friend
wife husband mom dad mother father sister brother uncle aunt cousin teen teenager toddler baby
girlfriend boyfriend man woman guy lady person one someone
""".split())


# "crazy about the Hulk", "obsessed with sloths", "a bug-crazy kid", "my horse crazy 8 yo", "horse crazy 🐴",
# "dinosaur mad": the liking, not a name; what was liked stays, cut from the person ("a bug, a
# kid"). "Crazy" or "mad" before anything else may be a name ("Crazy Aaron's", "Mad Libs").
LIKING = re.compile(r"\b(?:crazy|nuts|mad|wild|obsessed|obsessing)\s+(?:about|over|with|for)\b|"
                     r"(?<=\w)[\s-](?:crazy|mad)\b(?=\s*(?:$|[^\w\s-]|-\s|\d|(?:but|and|so|though|tho|at\s+the\s+moment|right\s+now|"
                     + "|".join(sorted(PEOPLE)) + r")\b))",
                     re.IGNORECASE)


# Chat said beside a request, which names nothing: an amount, the people, a price said of a
# thing shown, when, who the shopper is, a story, how a refused thing is, "gender neutral" (a
# constraint, `facets.said_neutral`), a school grade ("a 6th grade class": ages, `ages.said_ages`).
CHAT = (ABOUT_AMOUNT, ABOUT_THEM, TOO_DEAR, FOR_A_NAME, WHEN, CHAT_PHRASES, ANECDOTE, NOTHING_THAT_CAN, NEUTRAL, SCHOOL_GRADE)


@lru_cache(maxsize=1024)  # each turn is read by focus, the BM25 query, the encoding and every item's reasons
def without_chat(text: str, same_length: bool = False) -> str:
    """`text` with its chat (`CHAT`) blanked and the words that describe a person left out
    ("for my little brother": "for my brother"): what is left may name or describe a thing.
    With `same_length`, each is blanked space for character, so offsets into `text` hold."""
    def blank(m: re.Match[str]) -> str:
        kept = m.group(1) if m.re is DESCRIBED_PERSON else ""
        return kept + " " * (len(m.group()) - len(kept)) if same_length else kept or " "
    for chat in (DESCRIBED_PERSON, *CHAT):
        text = chat.sub(blank, text)
    return text


def said_liked(text: str, name: str) -> bool:
    """Whether `text` says someone likes `name` ("unicorn-mad", "loves unicorns", "she's into dinosaurs")."""
    said = r"[\s-]+".join(map(re.escape, phrase_words(name)))
    return bool(re.search(rf"\b(?:loves?|likes?|adores?|into|obsessed\s+with|(?:crazy|mad|nuts|wild)\s+(?:about|over|for)|"
                          rf"fan\s+of)\s+(?:[\w'’]+\s+){{0,2}}{said}|\b{said}\w*[\s-](?:mad|crazy|obsessed|lover|fan)\b",
                          text, re.IGNORECASE))


# A clause of what someone already has names nothing wanted ("she has tons of lego already",
# "theres like 30 on that backpack already"), unless more of it is asked for ("already has
# the Hogwarts castle, something to go with it").
ALREADY_HAD = re.compile(r"^(?!.*\b(?:wants?|needs?|looking|would\s+like|love|loves)\b)(?=.*\balready\b)"
                          r".*\b(?:has|have|had|got|owns?|there['’]?s|theres|there\s+are)\b|"
                          # "they each have a storage crate full": a container full of what they own
                          r"\b(?:has|have|got)\s+(?:(?:each|both|all)\s+)?(?:got\s+)?an?\s+(?:[a-z]+\s+){0,2}?full\s*$|"
                          # "she has like 30 on her backpack": a count of what is had, and where (never "I have 30 to
                          # spend on a lego set", "I have 2 boys who are into dinosaurs")
                          r"^(?!.*\b(?:wants?|needs?|looking|would\s+like|loves?|likes|into|spend|budget|gift\s+cards?)\b).*\b(?:has|have|got|owns?)\s+"
                          r"(?:like\s+|about\s+|around\s+|maybe\s+|over\s+|literally\s+)?\d+\s+"
                          r"(?!(?:bucks?|dollars?|quid|euros?|pounds?)\b)(?:[a-z]+\s+)?"
                          r"(?:on|in|at|off|hanging)\b", re.IGNORECASE)
PARTS = re.compile(r"([.!?;,]+|\s+but\s+|\s+so\s+)")
MORE_OF = re.compile(r"\b(?:more\s+of|more\s+(?:for|to|pieces|sets)|another\s+one|to\s+go\s+with|goes\s+with|add\s+to|"
                      r"matching|expand|extension|complete\s+(?:the|her|his|their))\b", re.IGNORECASE)
# "for like one night", "to like build stuff": "like" as a filler, not a clause of liking.
FILLER_LIKE = re.compile(r"\b(for|to)\s+like\b", re.IGNORECASE)
# British words for a thing listings call otherwise: "fancy dress" is a costume, a "soft toy" plush.
CALLED_OTHERWISE = ((re.compile(r"(?<!\ba\s)(?<!\ban\s)\bfancy[\s-]+dress\b", re.IGNORECASE), "costume"),  # "a fancy dress": a dress
                    (re.compile(r"\b(?:soft|cuddly)\s+toys?\b", re.IGNORECASE), "plush"))
# "wants to dress up as a knight": a knight costume ("dress" is the verb, not a dress).
DRESS_UP_AS = re.compile(r"\bdress(?:es|ed|ing)?[\s-]+up\s+(?:as|like)\s+(?:(?:a|an|the)\s+)?([a-z][\w'-]*)",
                          re.IGNORECASE)


PRONOUNS = frozenset({"one", "ones", "it", "them", "something", "anything", "kind", "sort", "type"})


def listed_alternatives(clause: str) -> str:
    """The clause with a dash or colon before a list read as one more comma ("Avengers stuff -
    Hulk, Thor"), and as a space where no list follows ("lego star wars - the big sets")."""
    clause = BEFORE_LIST.sub(lambda m: ", " if _A_LIST.search(m.string[m.end():]) else " ", clause)
    return clause.replace(")", " ")


def question_then_list(text: str) -> str:
    """The text with a question mark read as a comma where a list of names follows it, one that
    starts no new clause ("pink floyd, misfits, social distortion")."""
    def read(m: re.Match[str]) -> str:
        rest = re.split(r"[.!?\n]", m.string[m.end():], maxsplit=1)[0]
        return ", " if not _CLAUSE.search(rest) else m.group()
    return _QUESTION_THEN_LIST.sub(read, text)


def names_anything(clause: str) -> bool:
    """True when the clause, its counts and sizes aside, holds a word that could name a product."""
    rest = MEASURE.sub(" ", MEASURE_RANGE.sub(" ", clause))
    return any(w.lower() not in STOPWORDS and w.lower() not in PRONOUNS and w.lower() not in _SEEKING
               for w in LETTERS.findall(rest))


def cut_clauses(text: str, purposes: bool = False, liked: list[str] | None = None,
                sought: list[str] | None = None) -> list[str]:
    """The clauses that may name the product, in order; purpose clauses ("for work") left out,
    or only those with `purposes` (read when nothing else names anything). `liked` receives
    those said after a verb of liking or wanting ("he's into anime and gaming"), `sought` those
    after a verb of seeking ("want to get him a few decks of playing cards")."""
    parts = _CLAUSE.split(text)  # text, breaker, text, breaker, ...
    out: list[str] = []
    for i in range(0, len(parts), 2):
        lead = parts[i - 1].lower() if i else ""
        before = parts[i - 2].split() if i >= 2 else []
        seeking = bool(before) and before[-1].lower() in _SEEKING  # "looking for a kite" names the kite
        # the verb before "to", itself a breaker where nothing stands between ("I'd like to get him")
        verb, said_before = ((before[-1], parts[i - 2]) if before else
                             (parts[i - 3], parts[i - 4] + parts[i - 3]) if i >= 4 and not parts[i - 2].strip() else ("", ""))
        wanting = (lead == "to" and verb.lower() in _WANTING and _GETTING.match(parts[i]) is not None
                   and (verb.lower() != "like" or _I_WOULD.search(said_before) is not None)
                   and not NEGATED_BEFORE.search(said_before))  # "i wouldn't really want to get him"
        seeking = seeking or wanting
        if seeking and out and out[-1] == parts[i - 2].strip():
            # "searching" is the verb of what follows, not a clause naming anything
            rest = " ".join(before[:-1])
            out[-1:] = [rest] if rest else []
        part = parts[i]
        if (lead in _PURPOSE and not seeking and out and (cut := BEFORE_LIST.search(part))
                and _A_LIST.search(part[cut.end():]) and not re.search(r"\d", part[cut.end():])):
            if not purposes:  # "water toys for the backyard - water guns, sprinkler": the list says what
                out[-1] = f"{out[-1]}{part[cut.start():]}"
            part = part[:cut.start()]
        if ((lead not in _PURPOSE or seeking) != purposes) and part.strip():
            out.append(part.strip())
            if sought is not None and wanting:
                sought.append(part.strip())
            if liked is not None and lead in _LIKED_LEADS and (lead != "into" or not before or _INTO_AFTER.search(before[-1])):
                liked.append(part.strip())  # "he's into trains", never "flew the drone into the pool"
    return out
