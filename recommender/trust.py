"""Trust figures from feedback counts: Beta posteriors of acceptance and explanation helpfulness.

Each figure is a rate with its uncertainty: with `s` successes and `f` failures and a uniform
Beta(1, 1) prior, the posterior is Beta(1 + s, 1 + f). Its 90% credible interval comes from
the inverse of the regularized incomplete beta function, computed here with a continued
fraction and bisection (no SciPy needed at run time).

    >>> [round(x, 4) for x in beta_posterior(8, 2)["ci90"]]  # Beta(9, 3)
    [0.5299, 0.9212]
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TypedDict

from recommender.feedback_types import ACCEPTED, NOT_ACCEPTED

HELPFUL = ("explanation_helpful",)
UNHELPFUL = ("explanation_unhelpful",)
ANSWER_HELPFUL = ("answer_helpful",)  # "that helped" after an answer to a product question
ANSWER_WRONG = ("answer_wrong",)  # "that's wrong" after one
PRIOR = (1.0, 1.0)  # uniform Beta(1, 1): no opinion before any feedback
CREDIBLE = 0.90  # the interval's probability mass, centred (5% cut from each tail)


class BetaPosterior(TypedDict):
    alpha: float
    beta: float
    mean: float
    ci90: list[float]  # [lower, upper]: equal-tailed 90% credible interval
    successes: int
    failures: int


class TrustFigures(TypedDict):
    acceptance: BetaPosterior  # accepted, added to cart, purchased vs rejected, wrong kind, ...
    explanation_helpfulness: BetaPosterior  # "helpful" vs "unhelpful" on a why-answer
    answer_helpfulness: BetaPosterior  # "that helped" vs "that's wrong" on an answer to a product question
    questions: int  # product questions asked (answered or not)
    questions_answered: int  # of those, answered from the listing
    events: dict[str, int]  # count per feedback type (types with none left out)
    total: int


def trust_figures(counts: Mapping[str, int], answered: int = 0) -> TrustFigures:
    """Figures from event counts per feedback type, and how many `asked_question` events were answered."""

    def total(kinds: tuple[str, ...]) -> int:
        return sum(counts.get(k, 0) for k in kinds)

    return {
        "acceptance": beta_posterior(total(ACCEPTED), total(NOT_ACCEPTED)),
        "explanation_helpfulness": beta_posterior(total(HELPFUL), total(UNHELPFUL)),
        "answer_helpfulness": beta_posterior(total(ANSWER_HELPFUL), total(ANSWER_WRONG)),
        "questions": total(("asked_question",)),
        "questions_answered": answered,
        "events": {k: int(n) for k, n in sorted(counts.items()) if n},
        "total": int(sum(counts.values())),
    }


def beta_posterior(successes: int, failures: int, prior: tuple[float, float] = PRIOR) -> BetaPosterior:
    """Posterior Beta(prior + counts) with its mean and equal-tailed 90% interval."""
    if successes < 0 or failures < 0:
        raise ValueError(f"counts must be non-negative, got {successes} and {failures}")
    a, b = prior[0] + successes, prior[1] + failures
    tail = (1.0 - CREDIBLE) / 2
    return {"alpha": a, "beta": b, "mean": a / (a + b),
            "ci90": [beta_ppf(tail, a, b), beta_ppf(1.0 - tail, a, b)],
            "successes": successes, "failures": failures}


def beta_cdf(x: float, a: float, b: float) -> float:
    """The regularized incomplete beta function I_x(a, b), i.e. P(X <= x) for X ~ Beta(a, b)."""
    if a <= 0 or b <= 0:
        raise ValueError(f"a and b must be positive, got {a} and {b}")
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                 + a * math.log(x) + b * math.log1p(-x))
    # The continued fraction converges fast on this side of the mean; use symmetry otherwise.
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _continued_fraction(x, a, b) / a
    return 1.0 - math.exp(log_front) * _continued_fraction(1.0 - x, b, a) / b


def beta_ppf(q: float, a: float, b: float) -> float:
    """The q-quantile of Beta(a, b): bisection on `beta_cdf`, which increases in x."""
    if not 0.0 <= q <= 1.0:
        raise ValueError(f"q must be in [0, 1], got {q}")
    lo, hi = 0.0, 1.0
    for _ in range(60):  # 2**-60: far below float precision of a rate
        mid = (lo + hi) / 2
        if beta_cdf(mid, a, b) < q:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _continued_fraction(x: float, a: float, b: float, eps: float = 1e-15, max_terms: int = 100_000) -> float:
    """Lentz's method for the continued fraction of I_x(a, b) (Numerical Recipes' betacf)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, max_terms):
        for numerator in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                          -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < eps:
            return h
    raise ArithmeticError(f"incomplete beta did not converge for x={x}, a={a}, b={b}")
