"""Budgets however they are written (`recommender.budgets`)."""
from __future__ import annotations

import pytest

from recommender.budgets import parse_budget
from recommender.parsing import merge_facts, parse_request


@pytest.mark.parametrize("text, low, high", [
    ("under $40", None, 40.0),
    ("under 40 bucks", None, 40.0),
    ("less than 25 dollars please", None, 25.0),
    ("no more than 15 dollars", None, 15.0),
    ("between $20 and $50", 20.0, 50.0),
    ("$20-$50", 20.0, 50.0),
    ("over $100", 100.0, None),
    ("around $25", 18.75, 25.0),
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
    ("about $30", 22.5, 30.0),  # never over the amount said
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
    ("Budget's tight, 10 or so per item.", None, 10.0), ("budget's pretty tight: like 20", None, 20.0),
    ("budget is limited, 2 kids", None, None),
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
    # a bare amount said of spending
    ("it's a girl. I'd like to stay around 25 and nothing Disney", 18.75, 25.0),
    ("a puzzle of around 500 pieces", None, None), ("we'll stay around 3 days", None, None),
    ("for my grandson, I was thinking around 7 or 8", None, None), ("we are looking at about 20 guests", None, None),
    ("try to keep it around 40 for my niece", 30.0, 40.0), ("for my grandson, I was thinking around 30", 22.5, 30.0),
])
def test_a_ceiling_however_said(text: str, low: float | None, high: float | None) -> None:
    facts = parse_request(text)
    assert (facts.budget_min, facts.budget_max) == (low, high)


@pytest.mark.parametrize("turns, low, high", [
    # a bare "around N" closing a message is a price where the recipient's age is said and is another number
    (["my 11yo girl wants something sporty - skates, a ball, a kite. she is sooo over anything pink rn. around 50"], 37.5, 50.0),
    (["what would a 13yo boy like", "around 30 please"], 22.5, 30.0),
    (["a gift for my 8 year old, around 8"], None, None),  # the age again
    (["lego set, around 50"], None, None), (["my boss, around 40"], None, None),  # no age said: an age, maybe
    (["my 9 year old loves puzzles, a puzzle with around 500"], None, None),  # not its last words alone: pieces
    # never of something else: another person's age, a count of guests or pieces, a time
    (["gifts for my 4 year old and her cousin who's around 6"], None, None),
    (["something for my 10 year old and grandma too, she's about 80"], None, None),
    (["a party game for my 7 year old's party, there'll be about 12"], None, None),
    (["a puzzle for my 12 year old, around 1000"], None, None), (["a gift for my 3 year old, birthday in about 2"], None, None),
    # a bare "30ish" the same
    (["son's 1st birthday - a stacking or sorting toy, 30ish", "no fisher price though"], 22.5, 30.0),
    (["my nephew is 6, a lego set - 25-ish."], 18.75, 25.0), (["a stacking toy, 30ish"], None, None),
    (["my 12 year old's teacher, a 40ish woman"], None, None), (["my 8 year old, 8ish"], None, None),
    (["presents for my nieces, aged 8, 12ish"], None, None),
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


@pytest.mark.parametrize("turns, low, high", [
    (["gf is really into mystery / whodunnit type games, anything around 30?"], 22.5, 30.0),
    (["for my 8 year old, approx. 30"], 22.5, 30.0),  # the age said is another number
    (["budget is roughly 40"], None, 40.0), (["looking to spend approx 30"], None, 30.0),
    # ... and what is no budget: an age, a count, a size
    (["she is 30ish"], None, None), (["I'd say 40 pieces is enough"], None, None), (["something around 30 cm"], None, None),
    (["my 9 year old, anything around 10 and up"], None, None), (["a gift for a kid, say 6, who likes space"], None, None),
    (["presents for my nieces, aged 5, 7ish"], None, None),
    # ... though "each" says an amount is money: about it, never over it
    (["twins turning 3 next month!! 25ish each"], 18.75, 25.0), (["10ish per person, there are 6 of us"], 7.5, 10.0),
    (["my twins, they are around 7, 25ish each"], 18.75, 25.0),  # an age said "around" is no amount
    # ... where no other amount is a budget, and never a count ("5ish per kid")
    (["buying 4ish each, around $10"], 7.5, 10.0), (["stocking stuffers, maybe 5ish per kid"], None, None),
])
def test_budgets_said_in_passing(turns: list[str], low: float | None, high: float | None) -> None:
    facts = merge_facts(turns)
    assert (facts.budget_min, facts.budget_max) == (low, high)


def test_a_corrected_amount_in_another_currency_is_read_and_said() -> None:
    facts = merge_facts(["a gift under 30", "make it 20", "no wait, €25"])
    assert facts.budget_max == 25.0 and facts.ignored == (("converted:EUR", 25.0),)
    facts = merge_facts(["a gift under 30", "make it 20", "no wait, 0.5 btc"])
    assert facts.budget_max == 20.0 and facts.ignored == (("currency:BTC", 0.5),)


def test_an_age_guessed_is_an_age_and_a_guessed_amount_is_none() -> None:
    """"'the kid' lol. around 7 I think" is a child of about seven; "around 20 I think is my
    budget" is no age; "we've got a million bricks already" still leaves the bricks out."""
    facts = merge_facts(["a gift for a coworker's kid", "she just says 'the kid' lol. around 7 I think", "under 15"])
    assert facts.age == 7 and facts.budget_max == 15.0
    assert merge_facts(["around 20 I think is my budget"]).age is None
    assert merge_facts(["anything that isn't lego pls, we've got a million bricks already"]).exclusions == ("lego", "bricks")


@pytest.mark.parametrize("text, high", [("my son Max is 4", None), ("my son Max's 4", None), ("our dog Max is 3", None),
                                        ("MAX IS 40", 40.0), ("Max is 40 dollars", 40.0), ("max's 20", 20.0),
                                        ("Max is 40", 40.0), ("Budget: Max is 25", 25.0), ("Max's 30", 30.0)])
def test_max_as_a_name_is_no_budget(text: str, high: float | None) -> None:
    assert parse_request(text).budget_max == high


@pytest.mark.parametrize("text, around", [
    ("a funny gag gift, about $30", 30.0),
    # a floor said beside it is said, not guessed
    ("spend at least $30, around $40 would be ideal", None), ("between $15 and $25, about $20 ideally", None),
])
def test_a_floor_is_guessed_only_from_about_alone(text: str, around: float | None) -> None:
    facts = parse_request(text)
    assert facts.around == around and facts.floor_guessed == (around is not None)


def test_a_bare_about_n_ending_a_sentence_is_a_price_beside_an_age() -> None:
    """"my 15yo ... around 20. he doesn't paint minis": the budget, though the message goes on."""
    facts = merge_facts(["my 15yo is into dungeons & dragons type stuff, around 20. he doesn't paint minis though"])
    assert (facts.age, facts.budget_max) == (15, 20.0)
    assert merge_facts(["my nephew is 7, he has around 20 hot wheels. something else"]).budget_max is None
    assert merge_facts(["my son (9) has a lot of hot wheels, around 150. something different please"]).budget_max is None
    assert merge_facts(["I have a 7 year old boy who loves trucks, around 30"]).budget_max == 30.0  # no count had


@pytest.mark.parametrize("text, high", [
    ("budget's like 30", 30.0), ("spend like 25", 25.0), ("under maybe 25", 25.0), ("budget is just 20", 20.0),
    ("i can do like 30... nah let's say 25", 25.0), ("lets say 40", 40.0), ("let's say 5 kids", None),
    ("lets say 6 to 8 year olds", None), ("let's say 3 of them", None), ("can you do like 3 options", None),
    ("he only got like 3 of them", None),
    ("I like 30 piece puzzles", None), ("nothing over like 5 pieces", None), ("for a kid under like 10", None),
])
def test_a_filler_between_the_limit_and_the_amount(text: str, high: float | None) -> None:
    assert parse_budget(text, "USD")[1] == high
