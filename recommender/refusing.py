"""The words of refusing ("doesn't want", "too old for", "is off the table"), and a text without them."""
from __future__ import annotations

import re

from recommender.money import NUMBER_WORDS
from recommender.words import STOPWORDS, without_phrases

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
    # "actually scratch tanks", "scratch the lego idea" (never "scratch art", "scratch cards", "scratch that")
    r"(?:(?<=^)|(?<=[,;:.!?]\s)|(?<=\bactually\s)|(?<=\bno\s)|(?<=\bok\s)|(?<=\bokay\s)|(?<=\bwait\s)|(?<=\bhmm\s))scratch(?=\s+(?!it\b|that\b|this\b|"
    r"what\b|art\b|cards?\b|paper\b|pads?\b|and\b|n\b|off\b|kits?\b|boards?\b|coding\b|programming\b|jr\b|junior\b|"
    r"resistant\b|proof\b|maps?\b)[a-z])|"
    # "she's so over unicorns", "we are SO over dolls": a person is over it ("it's over the top" is no one)
    r"(?:(?<=\bhe['’]s\s)|(?<=\bshe['’]s\s)|(?<=\bwe['’]re\s)|(?<=\bthey['’]re\s)|(?<=\bi['’]m\s)|(?<=\bhe\sis\s)|(?<=\bshe\sis\s)|"
    r"(?<=\bhes\s)|(?<=\bshes\s)|(?<=\btheyre\s)|(?<=\bim\s)|(?<=\bherself\s)|(?<=\bhimself\s)|(?<=\bthemselves\s)|"
    r"(?<=\bwe\sare\s)|(?<=\bthey\sare\s))" + _DONE_WITH + r"|"
    r"can(?:no|['’])?t\s+stand|(?:won['’]?t|wouldn['’]?t|would\s+never|['’]d\s+never|will\s+never)\s+(?:play\s+with|touch)|"
    r"never\s+plays?\s+with|nothing\s+to\s+do\s+with|refuse\s+to\s+(?:get|buy|give)(?:\s+(?:him|her|them))?|"
    # "a toy that doesn't make any noise", "nothing that makes a mess"
    r"(?:don['’]?t|doesn['’]?t|does\s+not|do\s+not|won['’]?t)\s+make(?=\s+(?:any|a)\s+(?:noise|sound|sounds|mess)\b)|"
    # "he has every nerf gun ever made", "owns all the hot wheels tracks"
    r"(?:has|have|owns?|got)\s+(?:already\s+)?every(?:\s+single)?|owns?\s+(?:already\s+)?all\s+the|"
    # "already has all the Breyer ones" (never "she has all the patience in the world")
    r"already\s+(?:has|have|got)\s+all\s+(?:of\s+)?the|(?:has|have|got)\s+already\s+all\s+(?:of\s+)?the|(?<!not\s)(?<!n['’]t\s)enough\s+(?:with|of)(?=\s+(?:the|those|these|all|any)\b)|"
    # "don't show me lego", "stop showing me barbies", "quit suggesting nerf"
    r"(?:don['’]?t|do\s+not|stop|quit|no\s+more)\s+(?:show(?:ing)?|send(?:ing)?|giv(?:e|ing)|offer(?:ing)?|push(?:ing)?|"
    r"suggesting|recommending)(?:\s+(?:me|us|him|her|them))?(?=\s)|"
    r"(?:drop|lose|nix|bin|scrap|ditch|swap(?:\s+out)?|take\s+out)(?=\s+(?:the|any|all|those|these|anything|everything)\b)|"
    r"remove(?!\s+(?:my|me|your|our|it|that|this)\b)|exclude|get\s+rid\s+of|rule\s+out|cross\s+off|instead\s+of|rather\s+than|"
    r"(?<=anything\s)besides|keep(?:s|ing)?\s+(?:away|clear)\s+from|keep(?:s|ing)?\s+clear\s+of|(?:steer|stay)(?:s|ing|ed)?\s+(?:well\s+|far\s+)?(?:clear|away)\s+(?:of|from)|"
    r"pass\s+on(?!\s+(?:to|it|that|this|your|my|the\s+message)\b)(?!\s+(?:the\s+)?\w+\s+ones?\b)|"
    r"(?:no|nope|nah)\s+(?:thx\s+|thanks\s+|thank\s+you\s+)?to(?=\s+(?!be\b|me\b|you\b|go\b|worry\b|the\s+(?:budget|price)\b))|"
    r"(?:nope|nah)\s+on(?=\s)|"
    r"not\s+doing|(?:(?<=['’]ve\s)|(?<=\bhave\s)|(?<=\bhas\s)|(?<=\bwe\s)|(?<=\bshe\s)|(?<=\bhe\s)|(?<=\bthey\s)|(?<=\bi\s)|"
    r"(?<=\bmom\s)|(?<=\bmum\s)|(?<=\bdad\s)|(?<=\bparents\s)|(?<=\bschool\s)|(?<=\bteacher\s))banned|"
    # "her mother has put a ban on slime", "there's a strict ban on guns", "mum bans slime"
    r"\ban?\s+(?:total\s+|strict\s+|complete\s+|blanket\s+|firm\s+)?ban\s+on|(?<=\s)bans(?=\s+(?!on\b)[a-z])")
# A refusing verb said of what is not refused: "he's never too old for lego", "don't rule out
# lego", "she'll never get bored of dolls", "he still hasn't grown out of dinosaurs".
NEGATED_BEFORE = re.compile(r"\b(?:not|never|no|n['’]t|hasn['’]?t|haven['’]?t|don['’]?t|doesn['’]?t|didn['’]?t|won['’]?t|"
                             r"wouldn['’]?t|isn['’]?t|aren['’]?t|can['’]?t|cannot)\b(?:\s+[\w'’]+){0,3}\s*$", re.IGNORECASE)
REFUSING_MORE_CUE = re.compile(r"\b(?:" + REFUSING_MORE + r")", re.IGNORECASE)
# "skip the barbies", "ditch the nerf", "bar the wrestling ones": verbs of refusing that are also
# names elsewhere ("Skip Hop", a "Chin Up Bar"); "bar" only at a clause's start ("a bar the baby
# can reach"). `focus` reads them as no name.
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
             + REFUSING_THE + r"|barring|minus|sans|leave\s+(?:out|off)|leaving\s+(?:out|off)|(?:steer|stay|keep)(?:s|ing|ed)?\s+(?:well\s+|far\s+)?clear\s+of|(?:stay|keep)(?:s|ing)?\s+away\s+from|"
             r"cut(?:ting)?\s+(?:down|back)\s+on|"
             # "her dad would kill me if I got slime", "mum will murder me if anyone brings more glitter"
             r"(?:would|will|['’]d|['’]ll|gonna|going\s+to)\s+(?:literally\s+|actually\s+)?(?:kill|murder|disown|divorce|strangle)\s+"
             r"(?:me|us)\s+if\s+(?:i|we|you|anyone|someone|somebody)\s+(?:got|get|gets|bought|buy|buys|brought|bring|brings|gave|give|"
             r"gives)(?:\s+(?:him|her|them|home))?|"
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
AIMED = r"(?:aimed|meant|designed|intended|geared|targeted|marketed)"
# "nothing Fisher-Price", "nothing with princesses", "nothing that rattles", "not for the pool", "none of the Funko ones",
# "w/o a tail", "a full outfit, not just a mask": a preposition and an article after the negation
# are skipped to reach the thing.
EXCLUDE = re.compile(
    r"(?:\b(?:" + _REFUSING + r"|not|no\s+more|zero(?!\s+(?:gravity|waste|sugar|calories?|percent|to|g)\b)|(?<!a )(?<!hard )(?<!big )(?<!firm )no|isn't|isnt|aren't|arent|wasn't|except|excluding|without|anything but|other than|apart from|aside from|nothing|"
    r"none of)|(?<!\w)w/o)\s+(?:(?:for|from|by|with|of|on|in)\s+|(?:made|built)\s+(?:of|from|with|out\s+of)\s+|"
    # "nothing aimed at preschoolers", "no toys meant for babies": whom it is for
    r"(?:" + AIMED + r"|made)\s+(?:at|for|towards?)\s+|"
    # "nothing that needs an ipad": the thing it needs
    r"(?<=nothing )(?:that|which)\s+(?:(?:needs|requires|uses|involves|contains|has)\s+(?:a\s+|an\s+|any\s+)?)?|"
    # "can't have anything that takes batteries": what it takes; "has banned anything that talks": what it does
    r"anything\s+(?:that|which)\s+(?:(?:takes|needs|requires|uses|runs\s+on|involves|contains)\s+(?:a\s+|an\s+|any\s+)?|"
    r"(?=(?:talks|beeps|sings|buzzes|flashes|squeaks|squeals|glows|lights\s+up|plays\s+music|makes\s+(?:noises?|sounds?))\b))|"
    r"(?<=nothing )(?:that|which)(?:['’]s|\s+is)\s+(?:an?\s+)?|"  # "nothing that's an expansion"
    # "no toys that need wifi or an app": what they need; "no toys that light up": what they do
    r"(?<=no )(?:toys?|games?|gifts?|stuff|things?|gadgets?|kits?|sets?)\s+(?:that|which)\s+"
    r"(?:(?:needs?|requires?|uses?|involves?|runs?\s+on)\s+(?:a\s+|an\s+|any\s+)?)?)?"
    r"(?:(?<=not\s)(?:really|exactly|much\s+of)\s+(?=(?:a|an)\s))?"  # "he's not really a lego kid"
    # "nothing too scary" (never "nothing too hard": how hard names no thing)
    r"(?:(?<=nothing\s)(?:too|overly|remotely|particularly)\s+"  # never "super" ("nothing super hero related")
    r"(?!(?:hard|difficult|complicated|complex|advanced|challenging|easy|simple|small|young|old|long|heavy|serious|"
    r"technical|formal|stuffy)\b))?"
    r"(?:(?<=not\s)(?:getting|buying|having|receiving)\s+(?=(?:another|any|more|a|an)\s))?"  # "is NOT getting another video game"
    r"(?:just\s+(?=(?:a|an|the)\s))?(?:(?:any\s*)?more\s+(?!th[ae]n\b)|any\s+|a\s+|an\s+|another\s+|the\s+|(?<=of\s)th[oe]se\s+|all\s+(?:the\s+)?(?=[a-z])|"
    r"anything\s+(?:to\s+do\s+with\s+|(?:with|from|by)\s+|(?:made|built)\s+(?:of|from|with|out\s+of)\s+)?)?"
    # "nothing based on a movie or tv show": the movie
    r"(?:(?:based|inspired)\s+(?:on|by)\s+(?:a\s+|an\s+|the\s+|any\s+)?)?"
    r"([a-z0-9][\w'&-]*(?:\s+(?!(?:or|and|nor|no|not)\b)[a-z0-9][\w'&-]*)?)", re.IGNORECASE)
# "Funko excluded", "barbies are a no", "hot wheels are banned": the word before the cue, and the
# one before it where the two begin a clause ("my wife says guns are banned" excludes guns;
# "plush toys are not allowed" excludes plush). `_excluded_before`.
# Verdicts said after the thing that are also names elsewhere ("nerf is off the table": no
# table named); `focus` reads them as no name.
# "superheroes aren't his thing", "barbie's a bit young for her now".
_THEIR_THING = r"(?:really\s+)?(?:his|her|their|my|our|your)\s+(?:thing|jam|cup\s+of\s+tea|scene|bag)"
_TOO_YOUNG = (r"(?:(?:a\s+(?:bit|little)|way|far|much|kinda|kind\s+of|too|now)\s+)*(?:too\s+)?(?:young|babyish|childish|"
              r"immature)\s+for\s+(?:him|her|them|my\s+\w+|our\s+\w+)(?:\s+(?:now|anymore|these\s+days))?")
# the little ones something is "for" once outgrown ("is for babies now"); `facets` reads them too
LITTLE_ONES = r"(?:babies|little\s+(?:kids|ones)|small\s+kids|toddlers|preschoolers)"
VERDICTS = (r"(?:off[- ]limits|forbidden|verboten|not\s+welcome|not\s+an\s+option|off\s+the\s+(?:table|list|menu|cards)|"
            r"out\s+of\s+the\s+question|a\s+no[- ]no|a\s+non[- ]starter|a\s+deal[- ]?breaker|not\s+" + _THEIR_THING + "|"
            r"(?:so\s+|super\s+|totally\s+|way\s+too\s+|too\s+)?cringe(?:y|worthy)?(?:\s+now)?|"  # "fortnite is 'cringe' now"
            # "Losi and Redcat stuff is junk, so not those brands" (never "his old scooter is trash, he needs a new one")
            r"(?:total\s+|utter\s+|absolute\s+|cheap\s+)?(?:junk|rubbish|garbage|trash|crap)"
            r"(?=[^.!?]*\bso\s+(?:not|no|none|nothing|avoid|skip)\b)|"
            # "toys whose main thing is sounds are kind of pointless for him" (he's deaf)
            r"(?:(?:kind|sort)\s+of\s+|a\s+bit\s+|totally\s+|completely\s+|pretty\s+)?(?:pointless|useless)\s+"
            r"(?:for|to)\s+(?:him|her|them)|"
            # "hello kitty is 'for little kids' now", "barbie is for babies now": outgrown
            r"(?:only\s+|just\s+)?['\"‘“]?for\s+" + LITTLE_ONES + r"(?:['\"’”]?\s+(?:now|anymore|these\s+days)|(?=['\"’”]))|"
            + _TOO_YOUNG + ")")
EXCLUDED_AFTER = re.compile(r"(?:\b([a-z0-9][\w'&-]*)\s+)?"
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


# "lego-free", "latex free", "free of plastic": what comes before "-free" (or after "free of") is
# excluded, save idioms where nothing is ("hands-free" is a feature, "worry-free" no thing) and
# a doing ("Spirit Riding Free", "running free": no riding refused). `freed_of`.
FREE_OF = re.compile(r"\b([a-z][\w'&]*)(?:-|\s)free\b(?!\s+(?:of|from)\b)(?:\s+zones?\b)?|"
                     r"\bfree\s+(?:of|from)\s+(?:any\s+)?([a-z][\w'&-]*)|"
                     r"\b([a-z][\w'&]*)-less\b", re.IGNORECASE)  # "battery-less", "pokemon-less"
_NOT_FREE_OF = frozenset({"hands", "tax", "duty", "toll", "care", "worry", "hassle", "stress", "risk", "trouble",
                          "maintenance", "fuss", "royalty", "feel", "set", "totally", "completely", "entirely",
                          "absolutely", "shipping", "scot", "fancy", "break", "hand"})
_DOINGS = frozenset({"riding", "running", "roaming", "flying", "living", "rolling", "swimming", "wheeling", "walking",
                     "spirited", "breathing", "wandering"})


def freed_of(m: re.Match[str]) -> str:
    """The thing a match of `FREE_OF` refuses ("latex" of "latex free"), or "" for an idiom, a doing
    or no thing at all ("is it free?")."""
    word = m.group(m.lastindex or 0)  # the one group an alternative holds
    low = word.lower()
    if low in _NOT_FREE_OF or low in STOPWORDS or (m.lastindex == 1 and low in _DOINGS):
        return ""
    return word


def without_free(text: str) -> str:
    """`text` with the "free"/"less" of what it is free of (and a "zone" after it) blanked, its
    length kept: "unicorn free zone" searches for nothing, nor does a reason quote its "free"."""
    def blank(m: re.Match[str]) -> str:
        if not freed_of(m):
            return m.group()
        start, end = m.span(m.lastindex or 0)
        return " " * (start - m.start()) + m.string[start:end] + " " * (m.end() - end)
    return FREE_OF.sub(blank, text)


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
        return m.group() if NEGATED_BEFORE.search(m.string[:m.start()]) else mark
    text = without_free(text)
    return _REFUSAL_WORDS.sub(refusal, _REFUSED_TAIL_WORDS.sub(" ", _VERDICT_WORDS.sub(" ", text)))


# "slime? absolutely not", "nerf? nope", "glitter - no way": a thing said alone, then refused.
_REFUSED_TAIL = (r"(?:(?:absolutely|definitely|certainly)\s+not|no\s+way|nope|nah|not\s+a\s+chance|not\s+so\s+much|"
                 r"hard\s+pass)\b")
ASKED_AND_REFUSED = re.compile(r"(?:^|[.!?;,]\s*)([a-z0-9][\w'&-]*(?:\s+[a-z0-9][\w'&-]*)?)\s*(?:\?+|\s-|,)\s*"
                                + _REFUSED_TAIL,
                                re.IGNORECASE)
_REFUSED_TAIL_WORDS = re.compile(r"(?<=[?,-])\s*" + _REFUSED_TAIL, re.IGNORECASE)  # no name: "pokemon, not so much"


# A later turn that refuses what was named before by a pronoun: "he's grown out of them", "she's so
# over those now", "no more of those", "he's sick of them" (`stages` reads what they were).
REFUSED_BY_PRONOUN = re.compile(
    r"\b(?:gr[eo]wn?\s+out\s+of|(?:he|she|they|we)(?:['’](?:s|re)|\s+(?:is|are))\s+(?:so\s+|totally\s+|completely\s+|kinda\s+)?"
    r"(?:over|done\s+with)|(?:sick|tired|bored)\s+(?:of|with)|no\s+more\s+of|(?:has|have|got)\s+(?:enough|too\s+many|plenty)\s+of|"
    r"(?:not|isn['’]?t|aren['’]?t)\s+(?:really\s+)?into|(?:doesn['’]?t|don['’]?t)\s+(?:really\s+)?(?:like|want|play\s+with))\s+"
    # the pronoun ends the clause ("I don't want them fighting over it": the kids)
    r"(?:them|those|these)(?:\s+(?:any\s*more|now|either))?\s*(?:[.,;!?]|$)|"
    # "folkmanis is gorgeous but too pricey, skip that brand", "... so avoid those" (never "none of
    # these are right", "not those, something cheaper", "not that one": a list shown, which the
    # bot's follow-ups read)
    r"\b(?:skip|avoid|steer\s+clear\s+of)\s+(?:that|those|them|these)(?:\s+(?:brand|brands|line|range|stuff))?\b(?!\s+ones?\b)",
    re.IGNORECASE)


# What was said before is taken back: "a telescope, wait no scrap that, a chess set" (`focus` reads what
# follows; `exclusions` refuses no "scrap").
TAKEN_BACK_VERBS = frozenset({"scrap", "scratch", "forget", "ignore", "cancel", "strike"})
TAKEN_BACK = re.compile(r"\b(?:(?:wait|actually|oh|ok|okay|hmm)\s+)?(?:no\s+)?(?:" + "|".join(sorted(TAKEN_BACK_VERBS))
                        + r")\s+(?:that|this)\b", re.IGNORECASE)
