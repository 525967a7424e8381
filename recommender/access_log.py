"""Access log lines without personal data: the route's pattern, never the path or query.

aiohttp's default line holds the request line, so `GET /v1/customers/C001/data` or
`/api/products?q=...` would put customer ids and shoppers' words in the logs.
"""
from __future__ import annotations

from aiohttp.abc import AbstractAccessLogger
from aiohttp.web import BaseRequest, StreamResponse


class RouteAccessLogger(AbstractAccessLogger):
    """`POST /v1/feedback 201 3.1ms`; `GET /v1/customers/{customer_id}/data 200 ...`."""

    def log(self, request: BaseRequest, response: StreamResponse, time: float) -> None:
        match_info = getattr(request, "match_info", None)
        resource = match_info.route.resource if match_info is not None else None
        route = resource.canonical if resource is not None else "(no route)"
        self.logger.info("%s %s %d %.1fms", request.method, route, response.status, time * 1000)
