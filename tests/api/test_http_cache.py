"""The query response cache: ETags versioned by the log position, conditional requests, and
answers that never lag behind a write."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from domain.application import Ledger
from schema.http_cache import ResponseCache
from tests.conftest import OFFICE, TOKENS, GraphQLClient, request_as

UNITS = "query Units { units(first: 10) { nodes { code name } } }"
REGISTER = """
mutation($code: String!) {
  registerUnit(input: {idempotencyKey: $code, code: $code, kind: VILLAGE, name: $code}) {
    __typename
  }
}
"""


async def post(
    http: httpx.AsyncClient, query: str, role: str | None = None, **headers: str
) -> httpx.Response:
    if role:
        headers["authorization"] = f"Bearer {TOKENS[role]}"
    return await http.post("/graphql", json={"query": query}, headers=headers)


def codes(response: httpx.Response) -> list[str]:
    body: dict[str, Any] = response.json()
    return [n["code"] for n in body["data"]["units"]["nodes"]]


async def test_an_unchanged_answer_is_not_sent_again(gql: GraphQLClient) -> None:
    await gql(REGISTER, {"code": "thon-1"}, role="office")
    first = await post(gql.http, UNITS)
    etag = first.headers["etag"]
    assert first.status_code == 200
    assert first.headers["cache-control"] == "no-cache"
    again = await post(gql.http, UNITS)
    assert again.headers["etag"] == etag
    assert again.content == first.content
    conditional = await post(gql.http, UNITS, **{"if-none-match": etag})
    assert conditional.status_code == 304
    assert conditional.content == b""


async def test_a_write_changes_the_answer_and_its_etag_at_once(gql: GraphQLClient) -> None:
    await gql(REGISTER, {"code": "thon-1"}, role="office")
    first = await post(gql.http, UNITS)
    assert codes(first) == ["thon-1"]
    await gql(REGISTER, {"code": "thon-2"}, role="office")
    after = await post(gql.http, UNITS, **{"if-none-match": first.headers["etag"]})
    assert after.status_code == 200
    assert after.headers["etag"] != first.headers["etag"]
    assert codes(after) == ["thon-1", "thon-2"]


async def test_roles_get_answers_of_their_own(gql: GraphQLClient) -> None:
    public = await post(gql.http, UNITS)
    reporter = await post(gql.http, UNITS, role="reporter")
    assert public.headers["etag"] != reporter.headers["etag"]


async def test_mutations_and_failures_are_never_cached(gql: GraphQLClient) -> None:
    mutation = await gql.http.post(
        "/graphql",
        json={"query": REGISTER, "variables": {"code": "thon-1"}},
        headers={"authorization": f"Bearer {TOKENS['office']}"},
    )
    assert "etag" not in mutation.headers
    broken = await post(gql.http, "query { units(first: 0) { nodes { code } } }")
    assert "etag" not in broken.headers
    assert "errors" in broken.json()


@pytest.mark.parametrize("role", ["office", "inspector", "committee", "auditor", "admin"])
async def test_reads_by_roles_that_may_see_personal_data_always_run(
    gql: GraphQLClient, role: str
) -> None:
    read = await post(gql.http, UNITS, role=role)
    assert read.status_code == 200
    assert "etag" not in read.headers


async def test_requests_that_arrive_together_share_one_read_of_the_position(
    ledger: Ledger,
) -> None:
    cache = ResponseCache(Starlette(), ledger)
    reads = 0
    read = cache._read_positions

    def counting() -> tuple[object, ...]:
        nonlocal reads
        reads += 1
        return read()

    cache._read_positions = counting  # type: ignore[method-assign]
    answers = await asyncio.gather(*(cache.positions() for _ in range(20)))
    assert reads <= 2
    assert all(a == answers[0] for a in answers)
    ledger.register_unit(
        request_as(OFFICE), code="thon-1", kind="village", name="Thôn 1", parent_id=None
    )
    after = await cache.positions()
    assert after != answers[0]


async def test_the_cache_keeps_within_its_entries(ledger: Ledger) -> None:
    async def answer(scope: Scope, receive: Receive, send: Send) -> None:
        await JSONResponse({"data": {"n": 1}})(scope, receive, send)

    cache = ResponseCache(answer, ledger, entries=3)
    transport = httpx.ASGITransport(app=cache)
    async with httpx.AsyncClient(transport=transport, base_url="http://socai.test") as http:
        for n in range(5):
            response = await http.post("/graphql", json={"query": f"query Q{n} {{ n }}"})
            assert response.status_code == 200
    assert len(cache.entries) == 3
    assert cache.bytes == sum(len(body) for body in cache.entries.values())
