"""Ages and whom a gift is for (`recommender.ages`)."""
from __future__ import annotations

import pytest

from recommender.ages import said_ages
from recommender.parsing import merge_facts, parse_request


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


@pytest.mark.parametrize("text", ["my daughter is two grades ahead in math", "my son is two years ahead in reading",
                                  "she's four foot tall", "my son is six hundred miles away",
                                  "he's ten times more into trains"])
def test_numbers_in_words_that_are_no_age_either(text: str) -> None:
    assert merge_facts([text]).age is None


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


@pytest.mark.parametrize("text, age", [("Hello, I need a regalo for my niece, she have 10 years.", 10),
                                       ("my son, he has 7 years old", 7), ("she has 2 years of piano", None),
                                       ("My grandson (he's eight going on thirty) is coming to stay", 8)])
def test_an_age_as_other_languages_say_it(text: str, age: int | None) -> None:
    assert merge_facts([text]).age == age


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
    ("a newborn doll for my niece", None),  # a kind of doll
    ("something for a teen who likes art", (13, 17)), ("for my toddler, he is 4", None),  # an age said wins
    ("a baby doll for my daughter", None),  # "baby" is as often a thing as a person
    ("a puzzle for my son", None),
    # never a name, a kind of thing, a question about a product, or what the recipient is not
    ("a Teen Titans figure for my nephew", None), ("my nephew is too old for toddler toys", None),
    ("nothing for toddlers please, something for my niece", None),
    ("the big dollhouse is too much, is there a little one?", None),
    # a baby said to be the one: "he's a baby", never a thing he likes
    ("a gift for my grandson, he's a baby", (0, 2)), ("something for my niece, she is still a newborn", (0, 1)),
    ("the twins are only babies", (0, 2)), ("my nephew, he's a baby shark fan", None),
    ("my dad, he's a baby boomer", None), ("she's a baby about it", None), ("he's a baby, teething", (0, 2)),
    # ... or said to be just born or teething
    ("a gift for my new nephew", (0, 1)), ("a gift for my grandson, he was born last week", (0, 1)),
    ("her first christmas", (0, 1)), ("our first christmas together", None), ("my son is teething", (0, 2)),
    ("my new son-in-law", None), ("my niece was born yesterday", (0, 1)),
    ("my grandad has had a model railway since before i was born", None), ("toys for a puppy thats teething", None),
    # a school grade: a third grader is eight or nine; never the teacher's, nor a grade refused
    ("my 3rd grader loves science", (8, 9)), ("a 6th grade class prize box", (11, 12)), ("my son is in the fourth grade", (9, 10)),
    ("grade 2 kids party", (7, 8)), ("kindergarten class gift swap", (5, 6)), ("for her 2nd and 3rd grade classes", (8, 9)),
    ("my 5th grade teacher", None), ("for my 5th grade son's teacher", None), ("gift for my 3rd grader's teacher", None),
    ("nothing for 3rd graders please, something for my nephew", None), ("task cards grade 6", None),
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


@pytest.mark.parametrize("text, age", [
    ("a board game for her 30th. something strategic", 30), ("for his 50th!", 50), ("a gift for her 1st, and", 1),
    # an ordinal said of something else: a school year, a couple's anniversary, a count
    ("for her 5th grade teacher", None), ("for their 10th", None), ("his 3rd attempt at chess", None),
    ("this would be his 3rd.", None), ("for her 2nd and 3rd grade classes", None),
    # an in-law as chat writes them, then "is" and an age
    ("SIL is 35 and still LOVES harry potter", 35), ("my bil is 40, likes golf", 40),
])
def test_a_birthday_said_by_its_number_alone_is_an_age(text: str, age: int | None) -> None:
    assert parse_request(text).age == age
