"""`GET /feed`: the same feed as the GraphQL `events` query, as a CloudEvents JSON batch."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from domain.application import Ledger
from domain.authority import PUBLIC, Actor
from domain.base import InvalidInput
from projections.cloudevents import BATCH_CONTENT_TYPE, to_cloudevent
from projections.feed import FeedPage, read_feed
from projections.storage import dumps
from schema.feed.types import feed_filter

MAX_LIMIT = 1000


def _number(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise InvalidInput(name, f"must be a whole number from {low} to {high}")
    return int(raw)


def feed_endpoint(ledger: Ledger) -> Callable[[Request], Awaitable[Response]]:
    async def feed(request: Request) -> Response:
        """?after=<position>&limit=<1–1000>&type=<event type>…&unit=<unit id>…"""
        try:
            after = _number(request, "after", 0, 0, 2**62)
            limit = _number(request, "limit", 100, 1, MAX_LIMIT)
            wanted = feed_filter(
                request.query_params.getlist("type"),
                request.query_params.getlist("unit"),
                units_field="unit",
            )
        except InvalidInput as error:
            return JSONResponse(
                {"error": {"field": error.field, "message": error.message}}, status_code=400
            )

        def in_transaction() -> FeedPage:
            with ledger.reading() as sql:
                return read_feed(
                    sql,
                    after=after,
                    limit=limit,
                    event_types=wanted.event_types,
                    unit_ids=wanted.unit_ids,
                )

        found = await asyncio.to_thread(in_transaction)
        actor: Actor = getattr(request.state, "actor", PUBLIC)
        body = dumps([to_cloudevent(r, actor.role) for r in found.rows])
        query: list[tuple[str, str | int]] = [("after", found.next_after), ("limit", limit)]
        query += [("type", t) for t in wanted.event_types] + [("unit", u) for u in wanted.unit_ids]
        return Response(
            body,
            media_type=BATCH_CONTENT_TYPE,
            headers={
                "link": f'<{request.url.path}?{urlencode(query)}>; rel="next"',
                "feed-next-after": str(found.next_after),
                "feed-has-more": "true" if found.has_more else "false",
                "feed-head": str(found.head),
                "cache-control": "no-store",
            },
        )

    return feed
