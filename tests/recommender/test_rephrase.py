"""A rephrasing reaches the shopper only when the verifier accepts it.

The rephrasers here are stand-ins for a generative model (none capable runs on this CPU
machine); what is under test is the gate, which is real.
"""
from __future__ import annotations

from recommender.catalog import Product
from recommender.parsing import parse_request
from recommender.reasons import Claim, Context, Reason, build_reasons
from recommender.rephrase import KeepWording, Rephraser, VerifiedRephrasing

KIT = Product("K1", "Junior Microscope Kit", "A science microscope for kids | ages 8+", "Toys > Science Kits", "Acme", 29.99)
TEXT = "a science kit for my 8 year old under $40"
CTX = Context(request_text=TEXT, facts=parse_request(TEXT))


class Fixed(Rephraser):
    def __init__(self, text: str) -> None:
        self.text = text

    def rephrase(self, sentence: str) -> str:
        return self.text


def budget_reason() -> Reason:
    return Reason("At $29.99, the Junior Microscope Kit is within your $40 budget.",
                  (Claim("within_budget", {"price": 29.99, "budget": 40.0, "name": "Junior Microscope Kit"}),))


def test_a_faithful_rewording_is_kept() -> None:
    gate = VerifiedRephrasing(Fixed("Good news: it's $29.99, comfortably inside your $40 budget."))
    assert gate(budget_reason(), KIT, CTX).text.startswith("Good news")
    assert gate.kept == 1


def test_an_invented_fact_falls_back_to_the_grounded_sentence() -> None:
    for made_up in ("At $19.99 it's a steal within your $40 budget.",           # wrong price
                    "At $29.99, within $40, and waterproof to 30 metres.",       # extra number
                    "Within your $40 budget; reviewers call it “the best kit ever”."):  # invented quote
        gate = VerifiedRephrasing(Fixed(made_up))
        assert gate(budget_reason(), KIT, CTX) == budget_reason()
        assert gate.rejected == 1


def test_build_reasons_uses_the_gate_and_keeps_reasons_unique() -> None:
    gate = VerifiedRephrasing(Fixed("At $29.99 with a $40 budget, yes."))
    reasons = build_reasons(KIT, CTX, None, "salt", set(), reword=gate)
    assert any(r.text == "At $29.99 with a $40 budget, yes." for r in reasons)
    assert len({r.text for r in reasons}) == len(reasons)
    assert VerifiedRephrasing(KeepWording())(budget_reason(), KIT, CTX) == budget_reason()
