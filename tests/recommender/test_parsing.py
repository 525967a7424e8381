from __future__ import annotations

import pytest

from actions.parsing import customer_id_in, parse_position, positions, request_turns
from recommender.ages import said_ages
from recommender.budgets import parse_budget
from recommender.parsing import merge_facts, parse_request
from recommender.refusing import wanted_text


@pytest.mark.parametrize("text, low, high", [
    ("under $40", None, 40.0),
    ("under 40 bucks", None, 40.0),
    ("less than 25 dollars please", None, 25.0),
    ("no more than 15 dollars", None, 15.0),
    ("between $20 and $50", 20.0, 50.0),
    ("$20-$50", 20.0, 50.0),
    ("over $100", 100.0, None),
    ("around $25", 18.75, 27.5),
    ("budget of $1,299.99", None, 1299.99),
    ("a gift for my 8 year old, under $40", None, 40.0),
    ("toys for kids under 10", None, None),
    ("a 1000 piece puzzle", None, None),
    ("under -5", None, None),
    ("under $1e99", None, None),
    ("something nice", None, None),
    # "and under" after an amount; after a child's word a small number is an age
    ("nothing DC at all please. 25 and under", None, 25.0),
    ("toys for kids 5 and under", None, None),
    ("toys for kids 5 or under", None, None),
    ("a gift for my son, 30 or less", None, 30.0),
    ("a gift for kids aged 3 and under", None, None), ("stocking stuffers for my grandkids, 8 and under", None, None),
    ("about $30", 22.5, 33.0),  # a little over, not a fifth more
])
def test_budget(text: str, low: float | None, high: float | None) -> None:
    assert parse_budget(text)[:2] == (low, high)


def test_absurd_budgets_leave_a_note() -> None:
    assert parse_request("under $1e99").notes
    assert parse_request("under -5").notes
    # The same, for programs (the actions read this, never the words).
    assert parse_request("under $1e99").ignored == (("budget_max", 1e99),)
    assert parse_request("under -5").ignored == (("negative", None),)
    assert merge_facts(["under $0", "something cheaper"]).notes == ["ignored a maximum budget of 0"]


@pytest.mark.parametrize("text, ceiling", [
    ("any lego for a 7 year old boy under 40?", 40.0),  # was read as no limit at all
    ("lego for a boy under 40", 40.0),
    ("toys for kids under 20", 20.0),
    ("toys for kids under 10", None),  # an age
    ("girls under 18", None),
])
def test_under_an_amount_after_a_child_is_a_price_unless_a_child_s_age(text: str, ceiling: float | None) -> None:
    assert merge_facts([text]).budget_max == ceiling


def test_age_exclusions_keywords() -> None:
    facts = parse_request("birthday gift for my 8 year old nephew who loves science, not Lego, under $40")
    assert facts.age == 8
    assert facts.exclusions == ("lego",)
    assert "science" in facts.keywords and "lego" not in facts.keywords
    assert parse_request("ages 6 to 9").age_range == (6, 9)
    assert parse_request("cheap crayons").cheap
    assert parse_request("no more than 15 dollars").exclusions == ()
    # "shes 7", "hes 5" without the apostrophe are ages too; "shes 30 dollars" is not
    assert merge_facts(["a toy for my niece, shes 7"]).age == 7
    assert merge_facts(["hes 5, a toy for my nephew"]).age == 5
    assert merge_facts(["a toy, shes 30 dollars"]).age is None
    # an age in brackets beside the person; a count in brackets is none
    assert merge_facts(["something for my little one (girl, 4)"]).age == 4
    assert merge_facts(["for my son (6)"]).age == 6
    assert merge_facts(["a puzzle (500 pieces) for my son"]).age is None


@pytest.mark.parametrize("text, excluded", [
    ("action figure that isn't wwe or marvel", ("wwe", "marvel")),
    ("no lego, duplo or mega bloks", ("lego", "duplo", "mega bloks")),
    ("anything except nerf and x-shot", ("nerf", "x-shot")),
    ("without masks or wigs", ("masks", "wigs")),
    ("inline skates but not K2", ("k2",)),
    ("no lego and under $30", ("lego",)),  # "under" names no thing: the list stops there
    ("no nerf or anything violent", ("nerf", "violent")),
    ("not sure, or a kite", ()),  # "not sure" excludes nothing, so neither does what follows
    ("no problem, and a kite please", ()),
    # A comma alone lists nothing, and a list followed by praise is what is wanted.
    ("not barbie, a doll like it", ("barbie",)), ("under $40, no lego, science stuff", ("lego",)),
    ("no stuffed animals, books or puzzles are great", ("stuffed animals",)),
    ("no pink, purple would be nice", ("pink",)), ("not a puzzle, a board game", ("puzzle",)),
    ("no sugar, organic snacks", ("sugar",)),
    # "-free" and "free of" exclude; idioms and prices do not.
    ("building toys, lego-free please", ("lego",)), ("latex free balloons", ("latex",)),
    ("a gift that is free of plastic", ("plastic",)), ("nut-free snacks, no peanuts", ("nut", "peanuts")),
    ("a hands-free headset", ()), ("feel free to suggest anything", ()), ("a worry-free gift", ()),
    ("is it free?", ()), ("free shipping toys", ()),
    # "nothing X", "nothing with X", "not for the X", "none of the X": the thing after them.
    ("baby or toddler toys, nothing Fisher-Price", ("fisher-price",)),
    ("disney stuff, but nothing with princesses", ("princesses",)),
    ("something inflatable that's not for the pool", ("pool",)), ("none of the funko ones", ("funko",)),
    ("nothing fancy, just a ball", ()), ("nothing over $20", ()), ("not at all pricey", ()),
    ("nothing in mind, a gift", ()), ("is it not in stock?", ()),
])
def test_several_things_excluded_in_one_breath(text: str, excluded: tuple[str, ...]) -> None:
    assert parse_request(text).exclusions == excluded


def test_later_turns_override_budget_and_keep_exclusions() -> None:
    facts = merge_facts(["science kit under $40, no Lego", "actually under $25"])
    assert facts.budget_max == 25.0 and facts.exclusions == ("lego",)


@pytest.mark.parametrize("text, expected", [
    ("why the second one?", 2), ("the 3rd", 3), ("#4", 4), ("the last one", -1), ("that one", None),
])
def test_positions(text: str, expected: int | None) -> None:
    assert parse_position(text) == expected


def test_positions_from_entities_then_text() -> None:
    assert positions([{"entity": "position", "value": "first"}, {"entity": "position", "value": "3"}], "") == [1, 3]
    assert positions([], "compare 1 and 3") == [1, 3]
    assert customer_id_in("I'm helping customer c004 today") == "C004"


def test_request_turns_skip_follow_ups_and_buttons() -> None:
    events = [
        {"event": "user", "text": "science kit under 40", "parse_data": {"intent": {"name": "ask_recommendation"}}},
        {"event": "bot", "text": "Here..."},
        {"event": "user", "text": "why the second?", "parse_data": {"intent": {"name": "ask_why"}}},
        {"event": "user", "text": '/ask_recommendation{"x": 1}', "parse_data": {"intent": {"name": "ask_recommendation"}}},
    ]
    assert request_turns(events) == ["science kit under 40"]


@pytest.mark.parametrize("text, age", [
    ("my niece is 4 and loves dinosaurs", 4),
    ("he's turning 7 next week", 7),
    ("my son is almost 10", 10),
    ("my son is 6 feet tall", None),
    ("she is 30 dollars short", None),
    ("the price is 4", None),
    ("a present for my granddaughter who is 5", 5),
    ("a puzzle for an 8-yo", 8),
    ("a kite for my 9 y/o", 9),
    ("a yoyo for kids", None),
    ("what's popular for 8 year olds", 8),  # "year olds" had read no age
])
def test_age_from_is_n(text: str, age: int | None) -> None:
    assert parse_request(text).age == age


@pytest.mark.parametrize("text, expected", [
    ("why 3?", [3]), ("compare 1 and 3", [1, 3]), ("what about number 4", [4]), ("the 2nd one", [2]),
    ("is the paint set ok for a 3 year old", []), ("does it come with 24 tubes", []), ("under $30", []),
    ("is 2 ok for 4 players", [2]), ("is the first one ok for a 5-year-old", [1]),
])
def test_numbers_that_are_amounts_are_no_positions(text: str, expected: list[int]) -> None:
    assert positions([], text) == expected


@pytest.mark.parametrize("text, excluded", [
    ("a puzzle, I don't want a jigsaw", ("jigsaw",)),
    ("a puzzle, i do not want a jigsaw", ("jigsaw",)),
    ("my son doesnt like barbie", ("barbie",)),
    ("not interested in lego", ("lego",)),  # before: "interested" was excluded, lego was not
    ("not a fan of funko or marvel", ("funko", "marvel")),
    ("she hates dolls", ("dolls",)),
    ("building toys, avoid lego please", ("lego",)),
    ("dolls, skip the barbies", ("barbies",)),
    ("star wars stuff minus the lego", ("lego",)),
    ("markers sans crayola", ("crayola",)),
    ("a kite w/o a tail", ("tail",)),
    ("leave out the lego", ("lego",)),
    ("action figures, Funko excluded", ("funko",)),
    ("lego but steer clear of star wars", ("star wars",)),
    ("rather not get anything pokemon, a card game?", ("pokemon",)),
    ("a doll, she already has too many barbies", ("barbies",)),
    ("stuffed animals - we have enough bears", ("bears",)),
    ("we have plenty of puzzles already", ("puzzles",)),
    ("no more legos please", ("legos",)),
    ("no go karts", ("go karts",)),
    ("nothing marvel related", ("marvel",)),
    ("no frozen-themed stuff", ("frozen",)),
    ("non-barbie dolls", ("barbie",)),
    ("a non-electric train", ("electric",)),
    ("lego is a no-go", ("lego",)),
    ("he has outgrown paw patrol", ("paw patrol",)),
    ("any puzzles apart from jigsaws", ("jigsaws",)),
    ("ditch the nerf, what else do you have", ("nerf",)),
    ("any dolls? not barbie or lol", ("barbie", "lol")),  # L.O.L. Surprise, not a laugh
    ("not barbie or l.o.l.", ("barbie", "lol")),
    ("no barbie lol", ("barbie",)),
    ("no lol, just a gift for my son", ()),  # a laugh, alone after "no"
    ("a jacket, but no North Face", ("north face",)),  # "north" is a price bound only before an amount
    ("no screens i.e. tablets or phones", ("screens", "tablets", "phones")),  # "i.e." is no word "ie"
    ("non-toxic crayons", ()),
    # a word that only says "of it" after a name: no title says "characters"
    ("jigsaw puzzle without any disney characters", ("disney",)),
    ("no marvel characters please", ("marvel",)),
    ("nothing star wars merch", ("star wars",)),
    ("a puzzle, no characters", ("characters",)),
    # said after the thing, or as a house rule
    ("we don't do barbie in this house, a doll?", ("barbie",)),
    ("an art kit, crayola is a no", ("crayola",)),
    ("a doll, barbie is a no go", ("barbie",)),
    ("barbie is off limits", ("barbie",)),
    ("toy guns are not allowed, a water toy", ("guns",)),
    ("the new set is out of stock, another one", ()),
    ("action figure, bar the wrestling ones", ("wrestling",)),
    ("barring lego, any building sets?", ("lego",)),
    ("hot wheels are banned, he has hundreds", ("hot wheels",)),
    ("my wife says guns are not allowed", ("guns",)),
    ("everything pink is a no", ("pink",)),
    ("we already have playmobil so not that", ("playmobil",)),
    ("she has loads of puzzles already, so no more please", ("puzzles",)),
    ("rather not anything harry potter", ("harry potter",)),
    ("a plush, anything except funko pls", ("funko",)),
    ("show me ones that dont need batteries", ("batteries",)),
    ("a costume, full outfit, not just a mask or a wig", ("mask", "wig")),
    ("no lego toys", ("lego",)),
    # ... and what only looks like it
    ("she has lots of lego, more lego please", ()),
    ("it's not just a toy, it teaches", ()),
    ("a water toy and unfortunately guns are banned", ("guns",)),  # an adverb is no name
    ("i think these guns are banned", ("guns",)),
    ("a stuffed animal but sadly plush toys are not allowed", ("plush",)),
    ("an activity gym with a bar the baby can reach", ()),  # a bar, no verb
    ("he already has everything so not sure what to get", ()),
    ("it doesn't need batteries right?", ("batteries",)),
    ("I'd rather not spend more than $30 on lego", ()),
    ("rather not go over $40", ()),
    ("a Skip Hop diaper bag", ()),
    ("I hate to ask, but a kite", ()),
    ("nothing excluded, a kite", ()),
    ("a mystery game, nothing too gory or horror-y though", ("gory", "horror-y")),  # "too" is how much, not what
    ("nothing too scary please", ("scary",)),
    ("nothing too hard, he is 5", ()),  # how hard names no thing
    ("nothing too technical", ()), ("nothing super hero related please", ("super hero",)),  # "super" is of the name
    # the two words after "with", every word of a slashed list, "pointless for him"
    ("anything loud or with flashing lights is a no go", ("flashing lights",)),
    ("we don't allow anything to do with witches, wizards or Harry Potter", ("witches", "wizards", "harry potter")),
    ("toys w/ batteries are banned", ("batteries",)), ("toys with loud sounds are banned", ("sounds",)),
    ("she has all the barbies already! something else", ("barbies",)),
    ("he's deaf, so toys whose main thing is sounds/music/talking are kind of pointless for him",
     ("talking", "music", "sounds")),
])
def test_exclusions_said_as_verbs(text: str, excluded: tuple[str, ...]) -> None:
    assert parse_request(text).exclusions == excluded


@pytest.mark.parametrize("text, low, high", [
    # a ceiling said with a negation was read as a floor: pricier things were shown
    ("a puzzle, I can't spend more than $30", None, 30.0),
    ("won't pay more than 30 dollars", None, 30.0),
    ("a puzzle, shouldn't cost more than $30", None, 30.0),
    ("I don't want anything over $30", None, 30.0),
    ("something that does not cost over $50", None, 50.0),
    ("at least $10 but I cannot spend more than $30", 10.0, 30.0),
    ("a puzzle, price limit 30", None, 30.0),
    ("a puzzle, 30 is the max", None, 30.0),
    # a number word without a currency word, as its digits would be read
    ("lego under thirty", None, 30.0),
    ("a gift less than twenty five", None, 25.0),
    ("a puzzle under a hundred", None, 100.0),
    ("a toy for kids under five, less than thirty", None, 30.0),
    # "then" for "than", a cap, a ceiling, "max.", "don't exceed", a budget after a colon or in words
    ("lego less then 30", None, 30.0),
    ("i cant spend more then $30", None, 30.0),
    ("nothing more then 30", None, 30.0),
    ("lego, a cap of 30", None, 30.0),
    ("lego, ceiling 30", None, 30.0),
    ("lego max. 30", None, 30.0),
    ("dont exceed 30", None, 30.0),
    ("budget: 30", None, 30.0),
    ("my budget is thirty", None, 30.0),
    ("budget's about 30 for a costume", None, 30.0),
    ("a baseball cap under 20", None, 20.0),
    # two amounts in words are a range, never their sum ("ten and twenty" had been read as 30)
    ("a doll between ten and twenty dollars", 10.0, 20.0),
    ("between five and ten bucks", 5.0, 10.0),
    ("a hundred and twenty dollars", None, 120.0),
    ("a puzzle, nothing north of $30", None, 30.0),
    ("a kite for less than a tenner", None, 10.0),
    ("something between ten and twenty", 10.0, 20.0),
    ("nothing past 30 please", None, 30.0),
    ("a kite under a fiver", None, 5.0),
    # ... and what is not one
    ("a toy for a kid under five", None, None),
    ("less than a week to christmas", None, None),
    ("I can spend more than $30", 30.0, None),
    ("not for kids over 5", None, None),
    ("a gift, not over 12 years old", None, None),
    ("limit of 3 per customer", None, None),
])
def test_a_ceiling_however_said(text: str, low: float | None, high: float | None) -> None:
    facts = parse_request(text)
    assert (facts.budget_min, facts.budget_max) == (low, high)


@pytest.mark.parametrize("text", ["a puzzle, nothing north of $30", "something that does not cost over $50",
                                  "it should not cost more than $30"])
def test_a_ceiling_said_with_a_negation_excludes_nothing(text: str) -> None:
    assert parse_request(text).exclusions == ()


@pytest.mark.parametrize("turns, low, high", [
    # a bare "around N" closing a message is a price where the recipient's age is said and is another number
    (["my 11yo girl wants something sporty - skates, a ball, a kite. she is sooo over anything pink rn. around 50"], 37.5, 55.0),
    (["what would a 13yo boy like", "around 30 please"], 22.5, 33.0),
    (["a gift for my 8 year old, around 8"], None, None),  # the age again
    (["lego set, around 50"], None, None), (["my boss, around 40"], None, None),  # no age said: an age, maybe
    (["my 9 year old loves puzzles, a puzzle with around 500"], None, None),  # not its last words alone: pieces
    # never of something else: another person's age, a count of guests or pieces, a time
    (["gifts for my 4 year old and her cousin who's around 6"], None, None),
    (["something for my 10 year old and grandma too, she's about 80"], None, None),
    (["a party game for my 7 year old's party, there'll be about 12"], None, None),
    (["a puzzle for my 12 year old, around 1000"], None, None), (["a gift for my 3 year old, birthday in about 2"], None, None),
])
def test_a_bare_about_n_is_a_price_beside_an_age(turns: list[str], low: float | None, high: float | None) -> None:
    facts = merge_facts(turns)
    assert (facts.budget_min, facts.budget_max) == (low, high)


@pytest.mark.parametrize("text, low, high", [
    ("halloween costume, looking in the 15-25 range", 15.0, 25.0),
    ("a 10 to 20 price range", 10.0, 20.0),
    ("something for building, around 30 but not more", None, 30.0),
    ("about $25, not a cent more", None, 25.0),
    ("a model kit, i'd say 25 is the absolute limit", None, 25.0),
    ("actually i can stretch to 25 for a nice one", None, 25.0),
    ("party bag fillers - a fiver each, tops", None, 5.0),
    ("eight-ish dollars is what i'm thinking, absolutely not past 9", None, 9.0),
    ("hmm can we do 60 instead", None, 60.0),
    ("budget was 30 but she now says 20", None, 20.0),
    ("hmm lower it to 35, money's tight", None, 35.0),
    ("spend limit 35. something crafty", None, 35.0),
    ("ten bucks is literally all i have", None, 10.0),
    ("something in the 20-30 range for my nephew", 20.0, 30.0),
    ("i can do $30", None, 30.0),
    ("Oh also budget is like 15-20", 15.0, 20.0),  # the budget named just before the range
    ("my budget is maybe 20 to 30", 20.0, 30.0),
    ("so no dolls. Budget ~40", None, 40.0),
    # ... and what is none: a bare "around N" may be an age (the answer to "how old?"), a count, a size, a time
    ("she is sooo over anything pink or purple rn. around 50", None, None), ("my nephew, around 10", None, None),
    ("a puzzle with around 500", None, None), ("party starts around 11", None, None),
    ("a scooter for kids in the 5-10 range, budget 60", None, 60.0),  # the ages' range, the stated budget
    ("a jigsaw puzzle in the 500-1000 range", None, None),
    ("gift for a girl, she's in the 6-8 range", None, None),
    ("he wears sizes in the 4-6 range", None, None),
    ("my son can do 10 push ups, get him some sports gear", None, None),
    ("my niece is about 5, no more baby toys", None, None),
    ("4 is the most players we'd have", None, None),
    ("kids ages 3-5 range", None, None),
    ("can do 25 piece puzzles", None, None),
    ("a set of 4, no more", None, None),
])
def test_a_hard_limit_said_as_a_range_or_a_last_word(text: str, low: float | None, high: float | None) -> None:
    facts = parse_request(text)
    assert (facts.budget_min, facts.budget_max) == (low, high)


@pytest.mark.parametrize("text, excluded", [
    ("she hates slime and squishy things, ugh the texture", ("slime", "squishy")),
    ("he hates lego and loves puzzles", ("lego",)),
    ("hates barbie and wants a puzzle", ("barbie",)),
    ("baby toy, nothing that rattles pls", ("rattles",)),
    ("actually no lego either, he's got loads", ("lego",)),
    ("craft kit, no jewellery making", ("jewellery",)),
    ("my kid is terrified of clowns", ("clowns",)),
    ("he's allergic to latex", ("latex",)),
    ("a fantasy series thats finished, im tired of waiting for sequels", ()),
    ("nothing that expensive please", ()),
    ("actually she really doesnt need more home decor stuff", ("home decor",)),
    ("i dont want any more puzzles", ("puzzles",)),
    ("no guns or blasters, we don't do toy weapons", ("guns", "blasters", "weapons")),
    ("he's done loads of electronics/circuit kits so not those", ("electronics", "circuit")),
    # two things owned, the second of two words ("snap circuits")
    ("she already has a chemistry set and snap circuits so not those two please", ("chemistry", "snap circuits")),
    ("we already have every Hot Wheels car and track ever made so avoid those", ("hot wheels",)),
    ("we've got enough beeping and singing stuff", ("beeping", "singing")),
    ("she has too many dolls and wants a puzzle", ("dolls",)),
    ("not just a toy", ()),
    ("toy guns are a hard no in our family", ("guns",)),
    ("funko pops are a hard no", ("funko pops",)),
    ("not another stuffed animal!!! her bed is covered in them", ("stuffed animal",)),
    ("star wars? no thanks. he's got the lot", ("star wars",)),
    ("the third one? no thanks", ()),
    ("looking for battery-less toys, sick of buying AAs", ("battery",)),
    ("pokemon-less gift please lol", ("pokemon",)),
    ("puzzles - skip those, she's done with them", ("puzzles",)),
    ("we already have loads of melissa and doug so steer clear of that brand", ("melissa doug",)),
    ("kid's 6, not a big reader so dont suggest books", ("books",)),
    ("or marvel either", ("marvel",)),
    ("or maybe a puzzle", ()),
    ("we're a no-weapons house. swords, lightsabers, blasters, all of it", ("weapons",)),
    ("a no-brainer gift", ()),
    ("no mugs no candles, she has hundreds", ("mugs", "candles")),
    ("no top hats", ("top hats",)),
    ("the endless summer game", ()),
    # lists after "except", "but", "without" as before; after "hates" or "got enough" only to a clause's end
    ("anything except nerf and stuffed animals", ("nerf", "stuffed animals")),
    ("anything but pink and red", ("pink", "red")),
    ("anything except barbie and other dolls", ("barbie", "dolls")),
    ("he hates lego and stuffed animals", ("lego", "stuffed animals")),
    ("she hates dolls and draws all day", ("dolls",)),
    ("she hates baths and bath toys might help", ("baths",)),
    ("we've got enough noisy toys and a new baby", ("noisy",)),
    ("she's scared of the dark, so a night light would be great", ()),
    ("no toy story please", ("toy story",)),
    ("no cake making kits", ("cake making",)),
    ("about $25, not a cent more", ()),
    # what they have a great deal of, then not to add to it
    ("She has a literal mountain of My Little Pony already so steer clear of that", ("little pony",)),
    ("my 4yo boy has approximately one billion hot wheels cars so none of that", ("hot wheels",)),
    ("They've been buried in Fisher-Price stuff from the shower, so something else please", ("fisher-price",)),
    ("we have a box full of puzzles so none of those", ("puzzles",)),
    ("she has lots of lego", ()),
    ("he has a box of tricks so not sure", ()),
    # a verdict of "cringe", said of two things
    ("also he says minecraft and fortnite are 'cringe' now so none of that either", ("fortnite", "minecraft")),
    ("lego and duplo are banned", ("duplo", "lego")),
    # quoted with its full stop, then "That includes ..."
    (("My daughter is 5 and has declared herself 'done with princesses forever.' That includes Elsa and Anna and "
     "anything Frozen, I checked."), ("princesses", "elsa", "anna", "frozen")),
    ("No rush. Something outdoorsy. That includes a kite", ()),
    # a list that ends "anything like that"
    ("so please no playdough, clay, anything like that", ("playdough", "clay")),
    ("lego, puzzles, anything like that would be great", ()),
    # everything they have is one brand, and another is asked for
    ("everything in that house is Melissa & Doug (brand loyalty). I would like something from a different company.",
     ("melissa doug",)),
    ("everything is great, a different brand of puzzle maybe", ()),
    ("a 12 yr old boy who is into gaming but is NOT getting another video game (moms rule)", ("video game",)),
    # toys-new8's words: a phobia of two things, "X or Y is a firm no", "anything DC / Batman
    # related is out", "Losi and Redcat stuff is junk, so not those", "a ridiculous number of
    # colored pencils and crayons ... something other than those", "no more of those surprise toys"
    ("I have a massive phobia of snakes and spiders so nothing like that comes in", ("snakes", "spiders")),
    ("anything military or war-related is a firm no — tanks, soldiers, fighter planes, army sets, all of it.",
     ("war", "military")),  # what "military" leaves out holds tanks, soldiers, fighters (`franchises`)
    ("I'm strictly a Marvel guy, so anything DC / Batman related is out lol.", ("batman", "dc")),
    ("they say Losi and Redcat stuff is junk, so not those brands please.", ("redcat", "losi")),
    ("he loves junk food", ()),
    ("she's got a ridiculous number of colored pencils and crayons already, so something other than those.",
     ("colored pencils", "crayons")),
    ("we already have loads of melissa and doug so none of that", ("melissa doug",)),
    ("PLEASE no more of those surprise unboxing toys, she rips them open", ("surprise unboxing",)),
    # a list after a dash may be what is refused or what is wanted instead: neither is guessed
    ("No screens please - books, puzzles, art kits, all that. For my 7 year old", ("screens",)),
    # a name before "stuff" or "related" is the whole name
    ("Hot Wheels stuff is off the table", ("hot wheels",)), ("Hot Wheels related stuff is out", ("hot wheels",)),
    ("My Little Pony stuff is banned", ("little pony",)),
    # what is worn out is no refusal
    ("His old scooter is trash, he needs a new one for his 9th birthday", ()),
    ("their mom banned foam dart guns after one of them took a dart to the eye", ("foam dart",)),
    # what someone can't have or isn't allowed
    ("my sister has this new rule where the kids can't have anything that takes batteries or plugs in.",
     ("batteries", "plugs")),
    ("she cannot have slime", ("slime",)), ("he isn't allowed to have toy guns", ("guns",)),
    ("she is not allowed to go outside", ()), ("I can't have it shipped late", ()),
    ("so I'd like to steer well clear of dinos", ("dinos",)),
    # more is wanted, not refused
    ("you can't have too many books", ()), ("we can never have enough lego", ()),
    ("we have enough puzzles", ("puzzles",)),
])
def test_more_ways_of_refusing(text: str, excluded: tuple[str, ...]) -> None:
    assert parse_request(text).exclusions == excluded


@pytest.mark.parametrize("text, excluded", [
    # ways of being done with a thing
    ("he's too old for dinosaurs now, something for a 9 year old boy", ("dinosaurs",)),
    ("she's so over barbie", ("barbie",)),
    ("we are SO over dolls in this house", ("dolls",)),
    ("he's bored of lego, what else is there", ("lego",)),
    ("she's gone off slime", ("slime",)),
    ("my son grew out of paw patrol", ("paw patrol",)),
    ("she has moved on from frozen", ("frozen",)),
    ("he's done with pokemon", ("pokemon",)),
    ("he's had it with lego", ("lego",)),
    ("she's sick to death of unicorns", ("unicorns",)),
    ("he's past the dinosaur phase", ("dinosaur",)),
    ("oh she's outgrown LOL Surprise and Shopkins fyi", ("lol surprise", "shopkins")),
    # of not liking it
    ("not keen on anything plastic", ("plastic",)),
    ("she's not big on dolls", ("dolls",)),
    ("isn't a fan of lego", ("lego",)),
    ("not a big fan of slime", ("slime",)),
    ("no interest whatsoever in barbie", ("barbie",)),
    ("zero interest in sports stuff", ("sports",)),
    ("my daughter dislikes puzzles", ("puzzles",)),
    ("he can't stand board games", ("board games",)),
    ("she won't play with dolls", ("dolls",)),
    ("he doesn't really do puzzles", ("puzzles",)),
    ("we're not doing screens", ("screens",)),
    # of taking it off the list
    ("please drop the lego ones", ("lego",)),
    ("lose the barbie stuff", ("barbie",)),
    ("get rid of the nerf ones", ("nerf",)),
    ("take out anything disney", ("disney",)),
    ("remove the plush ones", ("plush",)),
    ("can you swap the funko ones for something else", ("funko",)),
    ("a building set rather than lego", ("lego",)),
    ("something instead of lego", ("lego",)),
    ("anything besides barbie", ("barbie",)),
    ("i'll pass on barbie", ("barbie",)),
    ("leave the barbies out", ("barbies",)),
    ("no to barbie", ("barbie",)),
    ("we've banned slime AND play-doh in this house", ("slime", "play-doh")),
    # verdicts after it
    ("slime is forbidden in our house", ("slime",)),
    ("nerf is off the table", ("nerf",)),
    ("lego's a no from me", ("lego",)),
    ("barbie = no", ("barbie",)),
    # chat after it is no part of it
    ("not a unicorn though, everyone always gives unicorns", ("unicorn",)),
    ("No jigsaws though, there's a cupboard full of them already.", ("jigsaws",)),
    # the same words that refuse nothing
    ("he's not too old for lego yet", ()),
    ("she's over the moon about unicorns", ()),
    ("he's over 5 now so something harder", ()),
    ("she's over twenty so an adult gift", ()),
    ("the game is over quickly", ()),
    ("pass on to my grandson", ()),
    ("i'll pass on your suggestions to my wife", ()),
    ("instead of spending a lot, something small", ()),
    ("besides, she likes lego", ()),
    ("no to be honest i want lego", ()),
    ("remove my details from your system pls", ()),
    ("these cost too much for something he'll grow out of in a month", ()),
    ("im tired of waiting for sequels", ()),
    ("he'll never play with anything else once he has lego", ()),
])
def test_refusing_in_other_words(text: str, excluded: tuple[str, ...]) -> None:
    assert parse_request(text).exclusions == excluded


@pytest.mark.parametrize("text, low, high", [
    ("can't go past 25", None, 25.0),
    ("my limit's 40", None, 40.0),
    ("upper limit 50", None, 50.0),
    ("i've got 15 to spend", None, 15.0),
    ("the most i can spend is 25", None, 25.0),
    ("most i'd spend is 30", None, 30.0),
    ("sub-20", None, 20.0),
    ("cap it at 30", None, 30.0),
    # "no gifts over $15" is a ceiling, never a floor
    ("apparently the invite says no gifts over $15", None, 15.0),
    ("nothing priced over $40 please", None, 40.0),
    ("puzzles up to 1000 pieces", None, None),
    ("sub-zero ninja figure", None, None),
])
def test_more_ways_of_setting_a_ceiling(text: str, low: float | None, high: float | None) -> None:
    assert parse_budget(text)[:2] == (low, high)


def test_a_later_ceiling_said_with_no_replaces_an_earlier_budget() -> None:
    facts = merge_facts(["a gift for a 7 year old's party, was thinking about $25",
                         "ugh apparently the invite says no gifts over $15"])
    assert (facts.budget_min, facts.budget_max) == (None, 15.0)


@pytest.mark.parametrize("text, exclusions, wanted", [
    ("building sets but not lego", ("lego",), "building sets but not"),
    ("a doll, she's so over barbie", ("barbie",), "a doll, she's"),
    ("nothing Fisher-Price please, a baby toy", ("fisher-price",), "nothing please, a baby toy"),
    ("a puzzle", (), "a puzzle"),
])
def test_the_encoded_request_leaves_out_what_it_refuses(text: str, exclusions: tuple[str, ...], wanted: str) -> None:
    assert wanted_text(text, exclusions) == wanted


@pytest.mark.parametrize("turns, high", [
    (["a puzzle under 30", "actually make that 20"], 20.0),
    (["lego", "nothing above twenty five please"], 25.0),
    (["lego", "twenty five max"], 25.0),
    (["lego", "fifty or less"], 50.0),
    (["a gift, I've got a tenner"], 10.0),
    (["keep it to 30"], 30.0),
    (["30 would be the max"], 30.0),
    (["30 is pushing it"], 30.0),
    (["make it 2 players"], None),
    (["can you make it 10 pieces or less"], None),
])
def test_ceilings_in_words_and_in_later_turns(turns: list[str], high: float | None) -> None:
    assert merge_facts(turns).budget_max == high


@pytest.mark.parametrize("text", [
    # a refusing verb that is itself denied
    "he's never too old for lego", "he never gets bored of lego", "he still hasn't grown out of dinosaurs",
    "don't rule out lego", "I don't dislike lego", "don't leave the lego out, he loves it",
    "he's never played with lego, would he like it?", "is he too young for lego? absolutely not, he loves it",
    # ordinary verbs and idioms
    "something he won't lose the pieces of", "we have so much fun with board games", "a toy to take out in the garden",
    "a pretend take out food set", "a craft kit where you cut out shapes", "an alarm clock that goes off with music",
    "besides lego he also loves trains", "it's over the top, a simpler dollhouse", "that's over my head",
    "his birthday is over easter", "the party is over the weekend", "we'll pass on the blue one",
    "a toy for the beach. nah, for the pool", "no issue going over $40 for something good",
])
def test_words_of_refusing_that_refuse_nothing(text: str) -> None:
    assert parse_request(text).exclusions == ()


@pytest.mark.parametrize("text, excluded", [
    ("we've banned screens and she wants crafts", ("screens",)),
    ("she gets bored with puzzles quickly", ("puzzles",)),
    ("not fussed on cars, more into trains", ("cars",)),
])
def test_what_a_refusal_refuses_ends_where_it_should(text: str, excluded: tuple[str, ...]) -> None:
    assert parse_request(text).exclusions == excluded


@pytest.mark.parametrize("text, low, high", [
    ("my limit is 2 gifts per kid", None, None),
    ("cap it at 3 items please", None, None),
    ("can't go past 3 hours of screen time a day", None, None),
    ("a game for 4 to spend time together", None, None),
    ("under $20 gifts", None, 20.0),
    ("no I want something over $30", 30.0, None),
    ("remove anything over $40", None, 40.0),
    ("can you drop anything over 30", None, 30.0),
])
def test_counts_are_no_prices_and_removing_what_is_over_is_a_ceiling(text: str, low: float | None,
                                                                      high: float | None) -> None:
    assert parse_budget(text)[:2] == (low, high)


@pytest.mark.parametrize("text", ["my daughter is two grades ahead in math", "my son is two years ahead in reading",
                                  "she's four foot tall", "my son is six hundred miles away",
                                  "he's ten times more into trains"])
def test_numbers_in_words_that_are_no_age_either(text: str) -> None:
    assert merge_facts([text]).age is None


@pytest.mark.parametrize("text, excluded", [
    ("a gift for my niece, she's over the unicorn thing", ("unicorn",)),
    ("anything but the usual barbie stuff", ("barbie",)),
    ("hold the glitter, craft kit for my daughter", ("glitter",)),
    ("she wouldn't touch a doll, present for my 8 year old", ("doll",)),
    ("he already owns every hot wheels track, something else", ("hot wheels",)),
    ("he's not really a lego kid", ("lego",)),
    ("she's not really a puzzle person", ("puzzle",)),
    ("leave off the frozen stuff", ("frozen",)),
    ("nothing to do with trucks", ("trucks",)),
    ("don't show me lego", ("lego",)),
    ("stop showing me barbies", ("barbies",)),
    ("enough with the nerf", ("nerf",)),
    ("nope on slime", ("slime",)),
    ("superheroes aren't his thing", ("superheroes",)),
    ("pokemon, not so much", ("pokemon",)),
    ("skip pokemon", ("pokemon",)),
    ("she's gone right off barbie", ("barbie",)),
    ("barbie's a bit young for her now", ("barbie",)),
    ("dolls are too babyish for my daughter", ("dolls",)),
    ("nothin with batteries", ("batteries",)),
    ("anythng but puzzles", ("puzzles",)),
    ("she hates hates hates dolls", ("dolls",)),
    ("zero lego", ("lego",)),
    ("no slime whatsoever", ("slime",)),
    ("no plastic junk", ("plastic",)),
    ("no arts and crafts", ("arts", "crafts")),
    ("customer's son is 11, wants science stuff, no slime kits", ("slime",)),
    ("no lego sets", ("lego",)),
    ("no board games", ("board games",)),
    ("fisher price toys except little people", ("little people",)),
    ("a toy airplane, not a model kit", ("model kit",)),
])
def test_refusals_a_shopper_might_write(text: str, excluded: tuple[str, ...]) -> None:
    assert parse_request(text).exclusions == excluded


@pytest.mark.parametrize("text", [
    "skip hop activity gym for a baby", "a skip-bo card game", "skip to the good stuff: lego", "not enough of a challenge",
    "don't show me anything over $30", "is it too young for her?", "we're over the moon, what's a good gift",
    "she has all the patience in the world", "a zero gravity car", "skip number 4",
])
def test_refusing_words_that_refuse_nothing_here(text: str) -> None:
    assert parse_request(text).exclusions == ()


@pytest.mark.parametrize("text, high", [
    ("fifteen fifty max", 15.5),
    ("fifteen fifty is literally all i have on me", 15.5),
    ("max spend on this is half a hundred", 50.0),
    ("my max is 60 but cheaper is better", 60.0), ("the maximum would be 45", 45.0),
    ("got a twenty, what dinosaur stuff fits under that", 20.0),
    ("i've got a twenty to spend", 20.0),
    ("he has a twenty piece set already", None),
    ("we have a hundred lego sets", None),
    ("around the 20 mark", None),
    ("nothing over the $30 mark", 30.0),
    ("keep it south of 25", 25.0),
    ("40 at the very most", 40.0),
    ("price cap 40", 40.0),
    ("my budget has gone down to 20", 20.0),
    ("all I've got is 20", 20.0),
    ("can't stretch past 40", 40.0),
    ("no single item over 20", 20.0),
    ("twenty is my limit", 20.0),
    ("gift for a 5yo girl, spend is 25", 25.0),
])
def test_more_ceilings_a_shopper_might_write(text: str, high: float | None) -> None:
    facts = parse_request(text)
    assert facts.budget_max == high
    assert facts.exclusions == ()


@pytest.mark.parametrize("text, age, groups", [
    ("customer's son is 11, wants science stuff", 11, {"boys"}),
    ("for my granddaughter who just turned 3", 3, {"girls"}),
    ("grandpa loves trains, under 60", None, {"men"}),
    ("my little one is 3, she loves animals", 3, {"girls", "baby"}),
    ("my cousin is twelve and really into astronomy", 12, {"boys", "girls"}),
    ("need a teether or rattle for my friends baby", None, {"baby"}),
])
def test_who_and_how_old_in_a_shoppers_words(text: str, age: int | None, groups: set[str]) -> None:
    facts = merge_facts([text])
    assert facts.age == age
    assert facts.recipient is not None and facts.recipient.groups(facts.age) == groups


def test_friends_said_of_a_game_night_are_no_recipient() -> None:
    assert merge_facts(["board game for game night with friends, under $30"]).recipient is None


@pytest.mark.parametrize("turns, excluded, high, groups", [
    (["a gift for my nephew, 10", "not lego", "or star wars"], ("lego", "star wars"), None, {"boys"}),
    (["a gift under 30", "make it 20", "no wait, 25"], (), 25.0, None),
    (["a present for my grandson", "wait no, granddaughter"], (), None, {"girls"}),
    (["a gift for my nephew, 10", "or star wars"], (), None, {"boys"}),  # nothing refused before: no list to add to
    (["a puzzle for my son", "no wait, 8"], (), None, {"boys"}),  # no amount said before: no amount corrected
])
def test_a_later_turn_that_only_adds_or_corrects(turns: list[str], excluded: tuple[str, ...], high: float | None,
                                                 groups: set[str] | None) -> None:
    facts = merge_facts(turns)
    assert facts.exclusions == excluded and facts.budget_max == high
    assert (facts.recipient.groups(facts.age) if facts.recipient else None) == groups


@pytest.mark.parametrize("turns, excluded", [
    (["Got any craft kits that don't involve glitter?"], ("glitter",)),
    (["a science kit that doesn't require batteries"], ("batteries",)),
    (["plushies - but I've had it up to HERE with Hello Kitty and Pusheen, so none of those"], ("kitty", "pusheen")),
    (["my toddler loves peppa pig and paw patrol", "actually forget paw patrol, he's gone right off it"], ("paw patrol",)),
    (["don't forget the batteries"], ()),
    (["forget it, show me puzzles"], ()),
])
def test_refusals_found_on_toys_new4(turns: list[str], excluded: tuple[str, ...]) -> None:
    assert merge_facts(turns).exclusions == excluded


def test_mrs_or_ms_said_of_a_teacher_is_a_woman() -> None:
    facts = merge_facts(["End-of-year present for my son's teacher, Ms Alvarez. up to $45"])
    assert facts.recipient is not None and facts.recipient.groups(facts.age) == {"women"}


def test_a_corrected_amount_in_another_currency_is_said_not_applied() -> None:
    facts = merge_facts(["a gift under 30", "make it 20", "no wait, €25"])
    assert facts.budget_max == 20.0 and facts.ignored == (("currency:EUR", 25.0),)


@pytest.mark.parametrize("turns, excluded", [
    # a list said to go on is a list, with no "or" before its last item
    (["nothing spooky - no skeletons, witches, ghosts, zombies etc"], ("spooky", "skeletons", "witches", "ghosts", "zombies")),
    (["no sirens, beeps, songs, that kind of thing"], ("sirens", "beeps", "songs")),
    (["no guns, swords, knives and so on"], ("guns", "swords", "knives")),
    (["no slime, glitter, or anything like that"], ("slime", "glitter")),
    (["no lego etc"], ("lego",)),
    (["no lego, a puzzle instead"], ("lego",)),  # a comma alone still lists nothing
    (["no pink, purple would be nice"], ("pink",)),
    # "that includes ..." after a refusal refuses those too
    (["Anything except cats - and that includes lions, tigers, the lot"], ("cats", "lions", "tigers")),
    (["no lego - that means duplo too"], ("lego",)),  # "means" mostly says what is wanted ("that means bikes")
    (["a halloween costume, that includes a mask"], ()),
    # "any of those X ones": the Xs
    (["a card game but NOT pokemon, yugioh or any of those trading card ones"], ("pokemon", "yugioh", "trading card")),
    (["His family don't celebrate Halloween"], ("halloween",)),
    (["we celebrate christmas, so something festive"], ()),
    # done with, gone off, sick of two things
    (["Forgot to say, she's gone right off Peppa Pig and Paw Patrol"], ("peppa pig", "paw patrol")),
    (["he's done with lego and duplo"], ("lego", "duplo")),
    (["she's gone off dolls and loves drawing now"], ("dolls",)),
])
def test_refusals_that_list_more_than_one_thing(turns: list[str], excluded: tuple[str, ...]) -> None:
    assert merge_facts(turns).exclusions == excluded


@pytest.mark.parametrize("turns, age, groups", [
    (["my 8yo is obsessed with star wars, under $20", "(she's a girl btw, if that changes anything)"], 8, {"girls"}),
    (["my 5 year old", "he's a boy"], 5, {"boys"}),
    (["a gift for my nephew", "he is a boy obviously"], None, {"boys"}),
    (["adult inline skates"], None, {"men", "women"}),
    (["an adult costume under $30"], None, {"men", "women"}),
    (["a game for kids and adults"], None, {"baby", "boys", "girls", "men", "women"}),
])
def test_whom_a_later_turn_or_an_adjective_says(turns: list[str], age: int | None, groups: set[str]) -> None:
    facts = merge_facts(turns)
    assert facts.age == age and facts.recipient is not None and facts.recipient.groups(facts.age) == groups


@pytest.mark.parametrize("turns, excluded", [
    (["no balloons and nothing made of rubber or latex"], ("balloons", "rubber", "latex")),
    (["His parents do not permit toy guns, swords or any kind of weapon."], ("guns", "swords", "weapon")),
    (["Please exclude all WWE / wrestling merchandise per customer."], ("wwe", "wrestling")),
    (["nothing that needs an ipad or tablet to work"], ("ipad", "tablet")),
    (["Nothing with unicorns please. Or mermaids. Apparently both are so last year"], ("mermaids", "unicorns")),
    (["he has about a hundred funkos lol. maybe a different kind of collectible figure instead?"], ("funkos",)),
    (["we have a whole trunk of dress-up clothes, capes, masks, tutus, the lot"],
     ("dress-up clothes", "capes", "masks", "tutus")),
    (["she already bought my niece a ton of harry potter things. anything else?"], ("harry potter",)),
    (["no toy weapons. no guns, swords, tanks, soldiers, army stuff."], ("weapons", "guns", "swords", "tanks", "soldiers", "army")),
    (["no lego, puzzles, books."], ("lego",)),  # "not plastic, wooden toys, puzzles, books." asks for those
    (["no lego, thanks, bye."], ("lego",)),
    (["a doll please. Or a teddy."], ()),  # "or" after no refusal adds nothing
    (["she has a hundred dollars to spend"], ()),
    (["remove all records of me"], ()),
    (["all the lego sets please"], ()),
    (["he already has a ton of lego. something different"], ("lego",)),  # more than anyone needs, and a cue
    (["he already has tons of lego, something else please"], ("lego",)),
    (["he's got loads of hot wheels already"], ("hot wheels",)),
    (["for my daughter, her brother has all the nerf stuff so not that"], ("nerf",)),
    (["no toys that need wifi or an app"], ("wifi", "app")), (["no toys that are loud"], ("loud",)),
    (["we're trying to cut down on plastic toys"], ("plastic",)), (["i don't want to see barbies"], ("barbies",)),
    (["stay clear of the scary stuff"], ("scary",)), (["i don't want to get him lego"], ("lego",)),
    (["i don't wanna see barbies"], ("barbies",)),
    (["i don't want to spend more than 20"], ()),
    (["no screens, that includes tablets and phones"], ("screens", "tablets", "phones")),  # no "except tablets"
])
def test_refusals_found_on_toys_new5(turns: list[str], excluded: tuple[str, ...]) -> None:
    assert merge_facts(turns).exclusions == excluded


@pytest.mark.parametrize("turns, age, groups", [
    (["a present for my granddaughter, she will be four in March."], 4, {"girls"}),
    (["my little lad is 4 and scared of dinosaurs"], 4, {"boys"}),
    (["my 2 nephews (6 and 9) - something each under 12 dollars"], 6, {"boys"}),
    (["grandson turns 11 next month. no toy weapons"], 11, {"boys"}),
    (["teenage daughter (15) - gift ideas? cap is 35 dollars"], 15, {"women"}),
    (["a science kit for my 10 year old", "she's really into experiments"], 10, {"girls"}),
    (["My 11yo wants a skateboard for his birthday but his mum has vetoed it. What would a lad that age like?"],
     11, {"boys"}),
    (["a gift for a coworker's kid", "don't know if it's a boy or girl, she just says 'the kid'"], None,
     {"baby", "boys", "girls"}),  # she may be the coworker
    (["a puzzle for a 10 year old, my wife says he likes space"], 10, {"boys", "girls"}),
    (["something for my goddaughter's christening", "up to 50 dollars"], 0, {"baby"}),
    (["a gift for my friend's daughter, she turns 5", "nothing Dora, she thinks it's for babies now"], 5, {"girls"}),
])
def test_whom_and_how_old_found_on_toys_new5(turns: list[str], age: int | None, groups: set[str]) -> None:
    facts = merge_facts(turns)
    assert facts.age == age and facts.recipient is not None and facts.recipient.groups(facts.age) == groups


def test_an_age_guessed_is_an_age_and_a_guessed_amount_is_none() -> None:
    """"'the kid' lol. around 7 I think" is a child of about seven; "around 20 I think is my
    budget" is no age; "we've got a million bricks already" still leaves the bricks out."""
    facts = merge_facts(["a gift for a coworker's kid", "she just says 'the kid' lol. around 7 I think", "under 15"])
    assert facts.age == 7 and facts.budget_max == 15.0
    assert merge_facts(["around 20 I think is my budget"]).age is None
    assert merge_facts(["anything that isn't lego pls, we've got a million bricks already"]).exclusions == ("lego", "bricks")


@pytest.mark.parametrize("text, excluded", [
    # a review of this round's rules: what they must not read as a refusal
    ("No batteries please, wooden, quiet, simple.", ("batteries",)),
    ("not plastic, wooden toys, puzzles, books.", ("plastic",)),
    ("No noise, creative, educational, fun!", ("noise",)),
    ("No batteries, something wooden, handmade etc", ("batteries",)),
    ("No rush. Something outdoorsy - that means bikes, scooters, that kind of thing", ()),
    ("No idea. Something for the whole family, that includes grandparents", ()),
    ("Not sure what to get. Or lego?", ()),
    ("not that one. or the red one?", ()),
    ("Not really. Or lego.", ()),
    ("No plastic toys please. Or maybe wooden?", ("plastic",)),
    ("he has a thousand hot wheels and wants a track for them, nothing else", ()),
    ("she has hundreds of squishmallows already but wants more", ()),
    ("we have about a hundred lego sets, what else could go with them", ()),
    ("nothing electronic, wooden toys etc are great", ("electronic",)),
    # "a different set" is another of the same kind, not something else
    ("he has lots of lego, maybe a different set", ()), ("she has loads of dolls. a different doll would be nice", ()),
    ("he's got a bunch of dinosaurs, a different one he doesn't have", ()),
    ("we have a hundred lego sets, maybe a different set", ()),
    ("he has lots of lego and wants more", ()), ("she has loads of barbies already, she loves them", ()),
    ("she has all the frozen dolls, wants the castle", ()),
    ("no batteries please, wooden toys, blocks etc", ("batteries",)),  # the refusal ends at "please"
])
def test_what_this_rounds_refusals_leave_alone(text: str, excluded: tuple[str, ...]) -> None:
    assert merge_facts([text]).exclusions == excluded


@pytest.mark.parametrize("text, age, groups", [
    ("he has maybe 3 or so lego sets, wants a bigger one", None, None),
    ("I need around 12 or so party favors", None, None),
    ("I'd like to spend around 15 I think", None, None),
    ("looking for a yoga mat, she's a woman in her 40s", None, {"women"}),
    ("what do I get him, he's a guy who has everything, budget 50", None, {"men"}),
    ("Little brother loves minecraft", None, {"boys"}),
    ("Man, christmas shopping is hard. A lego set under 50?", None, None),
    ("Boy, these prices. A kite please", None, None),
    ("it's for toddlers at my daycare", None, {"baby", "boys", "girls"}),
    ("a gift for a 10 year old, nothing just for girls", 10, {"boys", "girls"}),
    ("for a 7 year old. I asked the cashier and she said lego", 7, {"boys", "girls"}),
    ("a science kit for my 9 year old daughter, adult supervision is fine", 9, {"girls"}),
    ("cust needs a baby shower gift, they dont know if its a boy or girl yet", None, {"baby"}),
    ("teenage girl, she likes making jewellery", None, {"girls"}),
])
def test_whom_this_rounds_rules_leave_alone(text: str, age: int | None, groups: set[str] | None) -> None:
    facts = merge_facts([text])
    assert facts.age == age
    assert (set(facts.recipient.groups(facts.age)) if facts.recipient and facts.recipient.groups(facts.age) else None) == groups


@pytest.mark.parametrize("text, age, groups", [
    # an age in months is a baby's: the baby section only, under a year and a year old alike
    ("for my 6 month old niece", 0, {"baby"}),
    ("Looking for a present for my 18 month old grandson, nothing more than $35", 1, {"baby"}),
    ("something for my 6 month old grandson to chew on or shake", 0, {"baby"}),
    ("my daughter will be 6 months next week", 0, {"baby"}),
    ("a 3-month-old baby boy", 0, {"baby"}),
    ("toys for a 1 year old boy, max 20", 1, {"baby"}),
    ("she turns 5 in 2 months", 5, {"girls"}),
    ("in 2 months he will be 7", 7, {"boys"}),
    # the person's name between the person and the age
    ("a gift for my grandson Oliver, who is five", 5, {"boys"}),
    ("a present for my nephew Sam who's 7", 7, {"boys"}),
    ("my niece Emma is 6 and loves art", 6, {"girls"}),
    ("for my daughter, who is 9", 9, {"girls"}),
    ("my son Max is 4", 4, {"boys"}),
    ("for my nephew, who is 3 feet tall", None, {"boys"}),
    # four is no longer a toddler: not the baby section
    ("twins turning 4 next week, one boy one girl - ideas?", 4, {"boys", "girls"}),
])
def test_ages_in_months_and_after_a_name(text: str, age: int | None, groups: set[str]) -> None:
    facts = merge_facts([text])
    assert facts.age == age
    assert set(facts.recipient.groups(facts.age)) == groups


@pytest.mark.parametrize("text, high", [("my son Max is 4", None), ("my son Max's 4", None), ("our dog Max is 3", None),
                                        ("MAX IS 40", 40.0), ("Max is 40 dollars", 40.0), ("max's 20", 20.0),
                                        ("Max is 40", 40.0), ("Budget: Max is 25", 25.0), ("Max's 30", 30.0)])
def test_max_as_a_name_is_no_budget(text: str, high: float | None) -> None:
    assert parse_request(text).budget_max == high


@pytest.mark.parametrize("text, excluded", [
    ("her mother has put a ban on slime, Play-Doh or any modelling clay", ("slime", "play-doh", "modelling clay")),
    ("there's a strict ban on guns in our house", ("guns",)),
    ("mum bans slime", ("slime",)),
    ("she banned nerf last year", ("nerf",)),
    ("hot wheels r banned lol", ("hot wheels",)),
    ("The family already owns about half the Melissa & Doug catalogue so let's try a different brand.", ("melissa",)),
    ("she has most of the barbie range so something else", ("barbie",)),
    ("he has loads of lego, maybe another brand?", ("lego",)),
    # no refusal: a count of what is had, a ban said of nothing
    ("he has half the pieces already", ()),
    ("the bans on the list", ()),
])
def test_bans_and_a_different_brand(text: str, excluded: tuple[str, ...]) -> None:
    assert parse_request(text).exclusions == excluded


@pytest.mark.parametrize("text, age", [("Hello, I need a regalo for my niece, she have 10 years.", 10),
                                       ("my son, he has 7 years old", 7), ("she has 2 years of piano", None),
                                       ("My grandson (he's eight going on thirty) is coming to stay", 8)])
def test_an_age_as_other_languages_say_it(text: str, age: int | None) -> None:
    assert merge_facts([text]).age == age


@pytest.mark.parametrize("text, excluded", [
    ("They've outgrown it and get genuinely offended by 'baby stuff' now lol", ("baby",)),
    ('no "educational" toys please', ("educational",)),
    ("the invite actually says 'no Lego please'", ("lego",)),
    ("no lego or those magnetic tiles", ("lego", "magnetic tiles")),
    ("it's my son's 'thing'", ()),
])
def test_quoted_words_are_read_as_the_words(text: str, excluded: tuple[str, ...]) -> None:
    assert parse_request(text).exclusions == excluded


@pytest.mark.parametrize("text, excluded", [
    ("No war toys in this house, please. Tanks, soldiers, army stuff, none of it.", ("tanks", "soldiers", "army", "war")),
    ("the parents have banned trading cards. Pokemon cards, Yu-Gi-Oh, all of it.",
     ("pokemon cards", "yu-gi-oh", "trading cards")),
    ("He loves dinosaurs. Trucks, trains, all of it.", ()),  # "all of it" after no refusal: wanted
    ("oh and shes over hello kitty now so none of that pls", ("kitty",)),
    ("he already has all the thomas stuff so skip trains", ("trains",)),
    ("takes it personally if anyone gives him Star Wars stuff, so please avoid that.", ("star wars",)),
    ("nothing that's an expansion though", ("expansion",)),
    ("nothing that's too big", ()),
])
def test_lists_refused_at_their_end_and_refusals_typed_fast(text: str, excluded: tuple[str, ...]) -> None:
    assert parse_request(text).exclusions == excluded


@pytest.mark.parametrize("text, age, high, excluded", [
    ("christmas is 2 months away, something for my nephew", None, None, ()),
    ("my daughter is turning 18 months", 1, None, ()),
    ("the warranty is 12 months, something for my son", None, None, ()),
    ("No slime please. Books, puzzles, crafts, all of those are great", None, None, ("slime",)),
    ("Trucks, trains, cars, none of it with batteries please", None, None, ()),
    ("something for my son max is 30", None, 30.0, ()),
    ("our baby Max is 1", None, None, ()),
])
def test_found_in_review_months_lists_and_max(text: str, age: int | None, high: float | None,
                                              excluded: tuple[str, ...]) -> None:
    facts = merge_facts([text])
    assert (facts.age, facts.budget_max, facts.exclusions) == (age, high, excluded)


@pytest.mark.parametrize("text, ages", [
    ("a jigsaw puzzle for a toddler", (1, 3)), ("jigsaw for my little one", (0, 5)),
    ("jigsaw for a little one w/ big chunky peices", (0, 5)), ("gift for a newborn, under $20", (0, 1)),
    ("something for a teen who likes art", (13, 17)), ("for my toddler, he is 4", None),  # an age said wins
    ("a baby doll for my daughter", None),  # "baby" is as often a thing as a person
    ("a puzzle for my son", None),
    # never a name, a kind of thing, a question about a product, or what the recipient is not
    ("a Teen Titans figure for my nephew", None), ("my nephew is too old for toddler toys", None),
    ("nothing for toddlers please, something for my niece", None),
    ("the big dollhouse is too much, is there a little one?", None),
])
def test_a_word_for_the_recipient_says_their_ages_where_no_age_is_said(text: str, ages: tuple[int, int] | None) -> None:
    assert said_ages(text) == ages


@pytest.mark.parametrize("text, age", [
    ("for my goddaughter's sixth birthday", 6), ("her first birthday", 1), ("Mum's sixtieth birthday", 60),
    ("his twenty first birthday", None), ("the second one", None),
    # an age said in digits wins over an ordinal of some other birthday
    ("It's the first birthday party we've been invited to, for a 6 year old boy", 6),
    ("it's his first birthday away from home, he turns 10", 10),
])
def test_an_ordinal_birthday_in_words_is_an_age(text: str, age: int | None) -> None:
    assert parse_request(text).age == age


@pytest.mark.parametrize("text, excluded", [
    # what was got for them already, a thing of three words kept whole (never all of Star Wars)
    ("His mom already got him the Star Wars lightsaber and costume, so not those.", ("star wars lightsaber", "costume")),
    ("she already has a ton of sketchbooks and coloring books so nothing like that", ("sketchbooks", "coloring books")),
    ("she already got a scooter for christmas so not that", ("scooter",)),
    ("already got her a barbie dream house and a doll for her birthday so not those", ("barbie dream house", "doll")),
    # whom it is made for, what it is made of
    ("So: no video games at all and nothing aimed at preschoolers.", ("video games", "preschoolers")),
    ("his parents don't want anything made with leather, suede, wool or feathers", ("leather", "suede", "wool", "feathers")),
    ("she does not want to be a princess, or anything scary like a witch or zombie", ("princess", "scary", "witch", "zombie")),
    ("I refuse to get him a violent video game", ("video",)),
    # examples of what is refused are refused
    ("no scary stuff like skeletons, zombies or ghosts", ("scary", "skeletons", "zombies", "ghosts")),
    ("he doesn't like dolls like barbie", ("dolls", "barbie")),
    ("Please no weapons like swords (school rule)", ("weapons", "swords")),
    ("he has NO interest in kits aimed at kids like k'nex or lego. $100", ("k'nex", "lego")),
    # ... and in brackets in the clause of a refusal
    ("no electronic toys (vtech, leapfrog etc)", ("vtech", "leapfrog", "electronic")),
    ("Please no slime kits or 'beauty science' stuff (lip balm, perfume, spa kits)",
     ("lip balm", "perfume", "spa", "slime", "beauty science")),
    ("no barbie, but lego (star wars, ninjago) is great", ("barbie",)),
    ("she hates slime (the sticky kind)", ("slime",)),
    ("my sister has a strict no toy guns rule for her twins (boys, turning 7)", ("guns",)),
    ("no slime (carpet, dog)", ("slime",)), ("nothing noisy (new baby, thin walls)", ("noisy",)),  # reasons, no examples
    ("no screens, like books or puzzles instead", ("screens",)),  # what is wanted instead
    ("he doesn't like dolls like barbie would be great", ("dolls",)),
    # ... never chat, how a thing is, or a word of what is wanted
    ("no dolls she'd like books", ("dolls",)),
    ("he is TERRIFIED of spiders and bugs, like real ones", ("spiders", "bugs")),
    ("no more plush, like she has 50 already", ("plush",)),
])
def test_what_was_got_already_and_examples_of_a_refusal(text: str, excluded: tuple[str, ...]) -> None:
    assert parse_request(text).exclusions == excluded


def test_examples_of_a_refusal_end_with_the_list() -> None:
    """"NOT into kids' toy trains like Thomas or wooden train sets, more the serious model
    railroading type": Thomas and wooden trains are refused, what follows the list is not."""
    excluded = parse_request("She is NOT into kids' toy trains like Thomas or wooden train sets, "
                             "more the serious model railroading type").exclusions
    assert {"thomas", "wooden train"} <= set(excluded)
    assert not any("serious" in e or "model" in e for e in excluded), excluded


@pytest.mark.parametrize("text, around", [
    ("a funny gag gift, about $30", 30.0),
    # a floor said beside it is said, not guessed
    ("spend at least $30, around $40 would be ideal", None), ("between $15 and $25, about $20 ideally", None),
])
def test_a_floor_is_guessed_only_from_about_alone(text: str, around: float | None) -> None:
    facts = parse_request(text)
    assert facts.around == around and facts.floor_guessed == (around is not None)
