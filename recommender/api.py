"""The recommender service's HTTP API as types: what the actions' client sends and what the
service answers. Both sides import these (no heavy imports here, so the action server can).

Request bodies are what `actions.client.RecommenderClient` sends and `recommender.service`
checks; answers are what `Recommender` returns and the service sends as JSON. Annotations are
evaluated (no `from __future__ import annotations`), so `NotRequired` keys are known at run time.
"""

from typing import Any, Literal, NotRequired, TypedDict

RefineOp = Literal["cheaper", "more_like", "different_brand"]


# --- request bodies ---------------------------------------------------------------------------
class Ids(TypedDict):
    """Who is asking: the conversation, and the customer it is bound to (None for a guest)."""

    sender_id: str
    customer_id: str | None


class RefineBody(TypedDict):
    op: RefineOp
    recommendation_id: str
    position: NotRequired[int]


class RecommendBody(Ids):
    messages: list[str]  # the conversation's request turns, oldest first
    refine: NotRequired[RefineBody]
    k: NotRequired[int]


class ItemRef(Ids):
    """An item of a list this conversation was shown, by its 1-based position."""

    recommendation_id: str
    position: int


class AskBody(ItemRef):
    question: str


class CompareBody(Ids):
    recommendation_id: str
    positions: list[int]  # two positions


class FeedbackBody(Ids):
    type: str  # a `FeedbackType` value
    recommendation_id: NotRequired[str | None]
    position: NotRequired[int | None]
    product_id: NotRequired[str | None]
    detail: NotRequired[dict[str, Any]]


# --- answers ----------------------------------------------------------------------------------
class ItemPayload(TypedDict):
    product_id: str
    title: str
    price: float | None
    currency: str
    category: str
    image_url: str | None
    reasons: list[str]
    score: float
    audience: NotRequired[str]  # the store's facets, where its catalog has them
    colour: NotRequired[str]


class RecommendationPayload(TypedDict):
    """The list as the widget draws it (the bot's custom payload)."""

    type: Literal["recommendations"]
    recommendation_id: str
    items: list[ItemPayload]


class Anchor(TypedDict):
    product_id: str
    title: str


class RecommendResponse(TypedDict):
    recommendation: RecommendationPayload
    constraints: dict[str, Any]  # the hard constraints applied (`Constraints.to_dict`)
    policy: dict[str, float]  # trust, exploration weight, MMR lambda
    match: dict[str, Any]  # what was named and how the list holds it (`targeting.match_summary`)
    facets: dict[str, Any]
    cheapest: dict[str, Any] | None  # for an empty list: the cheapest product within the other limits
    question: str | None  # a clarifying question, when the request was too vague
    notes: list[str]
    currency: str
    example_budget: float
    ignored: list[dict[str, Any]]  # budgets that could not be used, for programs
    anchor: Anchor | None  # "more like this": the item the list is like


class ExplainResponse(TypedDict):
    product_id: str
    position: int
    title: str
    text: str


class Evidence(TypedDict):
    field: str  # "title", "bullet 3", "description", "attribute batteries_required"
    text: str  # the listing's words, verbatim


class Answer(TypedDict):
    product_id: str
    answered: bool
    answer: str
    evidence: list[Evidence]


class AskResponse(Answer):
    position: int
    title: str


class CompareResponse(TypedDict):
    product_ids: list[str]
    text: str
