"""A response cache for GraphQL queries, versioned by the log position.

Every view is a function of the log up to a position, so the answer to a query is fixed by the
query text, its variables, who asks (role and unit, since answers differ by role), today's date
(boards judge "overdue" as of today by default) and the state version: the positions the views
have reached, and the state of followers that write outside the event transaction (the ledger's
tree and checkpoints; see `projections.read.VERSION_SOURCES`). That tuple is the cache key and
the ETag; nothing is ever invalidated by hand: when a write moves the position, the key changes
and the old entries age out of the LRU.

The position is read before the query runs, so an entry holds an answer at least as new as its
key. A client that sends `If-None-Match` with the ETag it holds gets `304 Not Modified` while
nothing was recorded. Mutations, subscriptions and failed answers pass through untouched, and
so do the requests of roles that may see personal data: each such read is itself recorded,
so it must run.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections import OrderedDict
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qs

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain.application import Ledger
from domain.authority import PUBLIC, Actor, Role
from projections.read import state_version
from projections.storage import dumps

# The roles whose answers never hold personal data.
CACHED_ROLES = frozenset({Role.PUBLIC, Role.REPORTER})
MAX_BODY = 4 * 1024 * 1024  # a larger answer is not kept
MAX_BYTES = 64 * 1024 * 1024  # all answers kept, together


@lru_cache(maxsize=512)
def is_query(document: str, operation_name: str | None) -> bool:
    """Whether the operation that would run is a query (not a mutation or subscription)."""
    try:
        parsed = parse(document)
    except GraphQLError:
        return False
    operations = [d for d in parsed.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    return len(operations) == 1 and operations[0].operation == OperationType.QUERY


def _graphql_request(scope: Scope, body: bytes) -> tuple[str, Any, str | None] | None:
    """(query, variables, operationName) of a GraphQL request over GET or JSON POST."""
    try:
        if scope["method"] == "GET":
            params = parse_qs(scope.get("query_string", b"").decode())
            query = params.get("query", [None])[0]
            raw = params.get("variables", [None])[0]
            variables = json.loads(raw) if raw else None
            operation_name = params.get("operationName", [None])[0]
        else:
            payload = json.loads(body)
            if not isinstance(payload, dict):
                return None
            query = payload.get("query")
            variables = payload.get("variables")
            operation_name = payload.get("operationName")
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(query, str) or not (
        operation_name is None or isinstance(operation_name, str)
    ):
        return None
    return query, variables, operation_name


def _matches(if_none_match: bytes, etag: bytes) -> bool:
    tags = (t.strip().removeprefix(b"W/") for t in if_none_match.split(b","))
    return any(t in (etag, b"*") for t in tags)


class ResponseCache:
    """ASGI middleware in front of the GraphQL endpoint."""

    def __init__(self, app: ASGIApp, ledger: Ledger, *, entries: int = 1024) -> None:
        self.app = app
        self.ledger = ledger
        self.size = entries
        self.entries: OrderedDict[str, bytes] = OrderedDict()
        self.bytes = 0
        self._next: asyncio.Future[tuple[object, ...]] | None = None
        self._reading = False

    def _read_positions(self) -> tuple[object, ...]:
        with self.ledger.store.reading_once() as sql:
            return state_version(sql)

    async def positions(self) -> tuple[object, ...]:
        """The views' positions and followers' states, read after this request arrived.

        One read at a time serves every request that arrived before it started: under load,
        requests wait for the next read together instead of each sending its own."""
        waiting = self._next
        if waiting is None:
            waiting = self._next = asyncio.get_running_loop().create_future()
            if not self._reading:
                self._launch()
        return await asyncio.shield(waiting)

    def _launch(self) -> None:
        waiting, self._next = self._next, None
        assert waiting is not None
        self._reading = True
        read = asyncio.ensure_future(asyncio.to_thread(self._read_positions))

        def done(task: asyncio.Future[tuple[object, ...]]) -> None:
            self._reading = False
            error = task.exception()
            if error is not None:
                waiting.set_exception(error)
            else:
                waiting.set_result(task.result())
            if self._next is not None:
                self._launch()

        read.add_done_callback(done)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "POST") or not self.size:
            await self.app(scope, receive, send)
            return
        body = b""
        if scope["method"] == "POST":
            more = True
            while more:
                message = await receive()
                body += message.get("body", b"")
                more = message.get("more_body", False)

        async def replay() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        actor: Actor = scope.get("state", {}).get("actor", PUBLIC)
        request = _graphql_request(scope, body)
        if (
            request is None
            or actor.role not in CACHED_ROLES
            or not is_query(request[0], request[2])
        ):
            await self.app(scope, replay, send)
            return
        positions = await self.positions()
        key = hashlib.sha256(
            dumps(
                [
                    *request,
                    actor.role.value,
                    str(actor.unit_id or ""),
                    datetime.now(UTC).date().isoformat(),
                    positions,
                ]
            ).encode()
        ).hexdigest()
        etag = f'"{key[:32]}"'.encode()
        headers = dict(scope["headers"])
        if _matches(headers.get(b"if-none-match", b""), etag):
            await self._send(send, 304, etag, b"")
            return
        cached = self.entries.get(key)
        if cached is not None:
            self.entries.move_to_end(key)
            await self._send(send, 200, etag, cached)
            return
        await self._fill(scope, replay, send, key, etag)

    async def _fill(
        self, scope: Scope, receive: Receive, send: Send, key: str, etag: bytes
    ) -> None:
        """Runs the query and keeps a successful answer; anything else goes out as it came."""
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        body = b"".join(chunks)
        ok = start.get("status") == 200 and b'"errors"' not in body and len(body) <= MAX_BODY
        if not ok:
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        if key not in self.entries:
            self.entries[key] = body
            self.bytes += len(body)
        while len(self.entries) > self.size or self.bytes > MAX_BYTES:
            self.bytes -= len(self.entries.popitem(last=False)[1])
        await self._send(send, 200, etag, body)

    @staticmethod
    async def _send(send: Send, status: int, etag: bytes, body: bytes) -> None:
        headers = [
            (b"etag", etag),
            (b"cache-control", b"no-cache"),
            (b"vary", b"authorization"),
        ]
        if status == 200:
            headers += [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
