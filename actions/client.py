"""HTTP client of the recommender service, with time limits from the environment."""
from __future__ import annotations

import os
from typing import Any, Unpack, cast
from urllib.parse import quote

import aiohttp

from recommender.api import (
    AskBody,
    AskResponse,
    CompareBody,
    CompareResponse,
    ExplainResponse,
    FeedbackBody,
    ItemRef,
    RecommendBody,
    RecommendResponse,
)


class ServiceUnavailable(Exception):
    """The recommender did not answer in time, answered with a server error, refused our token
    (a deployment fault, not the shopper's) or answered something that is not a JSON object.

    The message names the route and the status only, never an id or the shopper's words, so
    that it can be logged.
    """


class ServiceRejected(Exception):
    """The recommender answered 4xx: the request named something that does not exist (404) or
    was not valid (400, with the service's reason in `error`; not for the logs, since it may
    quote an id)."""

    def __init__(self, status: int, route: str, error: str = "") -> None:
        super().__init__(f"{route}: HTTP {status}")
        self.status, self.route, self.error = status, route, error


class RecommenderClient:
    """One shared connection pool per action-server process, opened on first use."""

    def __init__(self, base_url: str | None = None, timeout_s: float | None = None) -> None:
        self.base_url = (base_url or os.environ.get("RECOMMENDER_URL", "http://127.0.0.1:8000")).rstrip("/")
        self.timeout = aiohttp.ClientTimeout(
            total=timeout_s or float(os.environ.get("RECOMMENDER_TIMEOUT_S", "20")))
        # The recommender's API wants the bearer token that scripts/stack.py hands every process.
        token = os.environ.get("RECOMMENDER_TOKEN")
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._session: aiohttp.ClientSession | None = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout, headers=self.headers)
        return self._session

    async def _call(self, method: str, path: str, body: dict[str, Any] | None = None,
                    params: dict[str, str] | None = None, route: str | None = None) -> dict[str, Any]:
        """One request; `route` is `path` with its ids left out, for error messages and logs."""
        route = route or path
        try:
            async with self._http().request(method, f"{self.base_url}{path}", json=body, params=params) as resp:
                data = await resp.json(content_type=None)
                if resp.status >= 500 or resp.status in (401, 403):
                    raise ServiceUnavailable(f"{route}: HTTP {resp.status}")
                if resp.status >= 400:
                    error = data.get("error") if isinstance(data, dict) else None
                    raise ServiceRejected(resp.status, route, error if isinstance(error, str) else "")
                if not isinstance(data, dict):
                    raise ServiceUnavailable(f"{route}: HTTP {resp.status} without a JSON object")
                return data
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            raise ServiceUnavailable(f"{route}: {type(exc).__name__}") from exc

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    # Bodies and answers are `recommender.api`'s types: the service checks the same shapes.
    async def recommend(self, **body: Unpack[RecommendBody]) -> RecommendResponse:
        return cast(RecommendResponse, await self._call("POST", "/v1/recommend", dict(body)))

    async def explain(self, **body: Unpack[ItemRef]) -> ExplainResponse:
        return cast(ExplainResponse, await self._call("POST", "/v1/explain", dict(body)))

    async def compare(self, **body: Unpack[CompareBody]) -> CompareResponse:
        return cast(CompareResponse, await self._call("POST", "/v1/compare", dict(body)))

    async def ask(self, **body: Unpack[AskBody]) -> AskResponse:
        """A question about an item of a list, answered from its listing: {answered, answer, evidence, ...}."""
        return cast(AskResponse, await self._call("POST", "/v1/ask", dict(body)))

    async def feedback(self, **body: Unpack[FeedbackBody]) -> dict[str, Any]:
        return await self._call("POST", "/v1/feedback", dict(body))

    async def customer(self, customer_id: str) -> dict[str, Any]:
        return await self._call("GET", f"/v1/customers/{_segment(customer_id)}", route="/v1/customers/{id}")

    async def customer_data(self, who: str) -> dict[str, Any]:
        """Everything stored about a customer id or sender id; ServiceRejected(404) when nothing is."""
        return await self._call("GET", f"/v1/customers/{_segment(who)}/data", route="/v1/customers/{id}/data")

    async def forget(self, who: str) -> dict[str, Any]:
        """Delete everything stored about a customer id or sender id: {"id", "deleted": {table: rows}}."""
        return await self._call("DELETE", f"/v1/customers/{_segment(who)}/data", route="/v1/customers/{id}/data")

    async def trust(self, who: str) -> dict[str, Any]:
        """Trust figures (acceptance, explanation helpfulness) of a customer id or sender id."""
        return await self._call("GET", "/v1/trust", params={"customer": who})


def _segment(value: str) -> str:
    """One URL path segment: sender ids come from channels and may hold any character."""
    return quote(value, safe="")
