"""The facts a conversation states (`recommender.parsing`): whom it is for, and what later turns add or correct."""
from __future__ import annotations

import pytest

from recommender.parsing import merge_facts, parse_request


@pytest.mark.parametrize("text, age, groups", [
    ("customer's son is 11, wants science stuff", 11, {"boys"}),
    ("for my granddaughter who just turned 3", 3, {"girls"}),
    ("grandpa loves trains, under 60", None, {"men"}),
    ("my little one is 3, she loves animals", 3, {"girls", "baby"}),
    ("my cousin is twelve and really into astronomy", 12, {"boys", "girls"}),
    ("need a teether or rattle for my friends baby", None, {"baby"}),
    # an age to come: "she'll be 6", "he's gonna be 10"
    ("Shopping for my granddaughter, she'll be 6 on the 14th.", 6, {"girls"}),
    ("my grandson, he's gonna be 10 in May", 10, {"boys"}),
    ("my niece is going to be 9 next week", 9, {"girls"}),
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


def test_mrs_or_ms_said_of_a_teacher_is_a_woman() -> None:
    facts = merge_facts(["End-of-year present for my son's teacher, Ms Alvarez. up to $45"])
    assert facts.recipient is not None and facts.recipient.groups(facts.age) == {"women"}


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
    ("my coworker's kid is 5, she says he likes dinosaurs", 5, {"boys", "girls"}),  # who speaks is someone else
    # ... but one who says what they want themself is the one it is for
    ("my kid is 7, she said she wants a bike", 7, {"girls"}),
    ("something for a 9 year old, he said he wants lego", 9, {"boys"}),
    ("a science kit for my 9 year old daughter, adult supervision is fine", 9, {"girls"}),
    ("cust needs a baby shower gift, they dont know if its a boy or girl yet", None, {"baby"}),
    ("teenage girl, she likes making jewellery", None, {"girls"}),
])
def test_whom_this_rounds_rules_leave_alone(text: str, age: int | None, groups: set[str] | None) -> None:
    facts = merge_facts([text])
    assert facts.age == age
    assert (set(facts.recipient.groups(facts.age)) if facts.recipient and facts.recipient.groups(facts.age) else None) == groups


@pytest.mark.parametrize("text, excluded", [
    ("They've outgrown it and get genuinely offended by 'baby stuff' now lol", ("baby",)),
    ('no "educational" toys please', ("educational",)),
    ("the invite actually says 'no Lego please'", ("lego",)),
    ("no lego or those magnetic tiles", ("lego", "magnetic tiles")),
    ("it's my son's 'thing'", ()),
])
def test_quoted_words_are_read_as_the_words(text: str, excluded: tuple[str, ...]) -> None:
    assert parse_request(text).exclusions == excluded


def test_minutes_hours_and_people_are_no_age() -> None:
    assert merge_facts(["my son and I will be 20 minutes late, he'll be 3 hours on the road"]).age is None
    assert merge_facts(["a board game for game night, they'll be 6 of us"]).age is None
    assert merge_facts(["a party game for my friends, they're going to be 8 people"]).age is None


def test_what_a_thing_is_said_to_be_for_is_no_recipient() -> None:
    """"he thinks RC is for kids": a verdict on remote control toys; the gift is still for hubby."""
    facts = merge_facts(["hubby is 45 and loves nascar and racing. under 60",
                         "no remote control stuff please, he thinks RC is for kids"])
    assert facts.recipient is not None and facts.recipient.said == "hubby"
    assert facts.recipient.groups(facts.age) == {"men"}
    husband = merge_facts(["gift for my husband, he says that's for kids, something techy"])
    assert husband.recipient is not None and husband.recipient.said == "husband"
    at_school = merge_facts(["my wife says it's for kids at her school, under $10 each"])  # whom it is for
    assert at_school.recipient is not None and at_school.recipient.said == "kids"


def test_whom_it_is_not_for_said_in_a_list_of_refusals() -> None:
    """"for HIM, not the baby, so nothing baby-ish or for toddlers": the new dad alone."""
    facts = merge_facts([("my brother is about to become a dad for the first time and i want to get him something "
                          "fun - but for HIM, not the baby, so nothing baby-ish or for toddlers. $20-40")])
    assert facts.recipient is not None and facts.recipient.groups(facts.age) == {"men"}
    both = merge_facts(["a gift for my son or for my daughter"])
    assert both.recipient is not None and both.recipient.groups(both.age) == {"boys", "girls"}


def test_children_of_both_sexes_said_in_numbers_are_both() -> None:
    """"(2 boys, 1 girl)": boys and girls, not the girl alone; "two boys" of twins: boys."""
    kids = merge_facts(["stocking stuffers for my 3 kids (2 boys, 1 girl, ages 6-10). under $8 each."])
    assert kids.recipient is not None and kids.recipient.groups(kids.age) == {"boys", "girls"}
    guys = merge_facts(["Hi guys! looking for a gift for my 7 year old, under $30"])  # no one's sex
    assert guys.recipient is not None and guys.recipient.groups(guys.age) == {"boys", "girls"}
    she = merge_facts(["a gift for my 7 year old (1 girl), she loves cats"])  # counted and "she" agree
    assert she.recipient is not None and she.recipient.groups(she.age) == {"girls"}
    twins = merge_facts(["Twins turning 8 — two boys — so I need two gifts, $30 each tops."])
    assert twins.recipient is not None and twins.recipient.groups(twins.age) == {"boys"}
