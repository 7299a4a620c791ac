"""`GET /feed`: the same feed as the GraphQL `events` query, as a CloudEvents JSON batch.

Beside the paging headers, `feed-checkpoint-size`, `-position` and `-root` (base64) name the
latest signed checkpoint when there is one: events at or below its position can be proved
against it with `inclusionProof(position, treeSize)`."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from domain.application import Ledger
from domain.authority import PUBLIC, Actor
from domain.base import DomainError, InvalidInput
from domain.ledger import Request as LedgerRequest
from projections.cloudevents import BATCH_CONTENT_TYPE, to_cloudevent
from projections.feed import FeedPage, read_feed
from projections.personal import open_sealed, sees_personal
from projections.storage import dumps
from schema.audit.types import b64
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

        actor: Actor = getattr(request.state, "actor", PUBLIC)

        def in_transaction() -> tuple[FeedPage, list[dict[str, Any]], set[str]]:
            with ledger.reading() as sql:
                page = read_feed(
                    sql,
                    after=after,
                    limit=limit,
                    event_types=wanted.event_types,
                    unit_ids=wanted.unit_ids,
                    events_table=ledger.store.events_table_name,
                    checkpoint=True,
                )
                events = [to_cloudevent(r, actor.role) for r in page.rows]
                if not sees_personal(actor.role):
                    return page, events, set()
                opened, shown = open_sealed(sql, events)
                return page, opened, shown

        found, events, shown = await asyncio.to_thread(in_transaction)
        if shown:
            try:
                await asyncio.to_thread(
                    ledger.record_personal_read,
                    LedgerRequest(
                        actor=actor,
                        idempotency_key=f"personal-read:{uuid.uuid4()}",
                        correlation_id=request.headers.get("x-correlation-id", "")[:100]
                        or str(uuid.uuid4()),
                    ),
                    person_ids=sorted(UUID(p) for p in shown),
                    operation="GET /feed",
                    query=str(request.url.query),
                )
            except DomainError:
                return JSONResponse(
                    {
                        "error": {
                            "message": "personal data cannot be shown: the read was not recorded"
                        }
                    },
                    status_code=503,
                )
        body = dumps(events)
        query: list[tuple[str, str | int]] = [("after", found.next_after), ("limit", limit)]
        query += [("type", t) for t in wanted.event_types] + [("unit", u) for u in wanted.unit_ids]
        headers = {
            "link": f'<{request.url.path}?{urlencode(query)}>; rel="next"',
            "feed-next-after": str(found.next_after),
            "feed-has-more": "true" if found.has_more else "false",
            "feed-head": str(found.head),
            "cache-control": "no-store",
        }
        checkpoint = found.checkpoint
        if checkpoint is not None:
            headers["feed-checkpoint-size"] = str(checkpoint["tree_size"])
            headers["feed-checkpoint-position"] = str(checkpoint["position"])
            headers["feed-checkpoint-root"] = b64(bytes(checkpoint["root_hash"]))
        return Response(body, media_type=BATCH_CONTENT_TYPE, headers=headers)

    return feed
