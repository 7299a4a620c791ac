"""GraphQL hardening: limits on what a request may ask, masked errors, body size, rate limits,
production mode, CORS and websocket origins."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from graphql import parse, validate
from strawberry.extensions.parser_cache import _get_parse_cache
from strawberry.extensions.validation_cache import _get_validate_cache

from access.guards import WebSocketOrigins
from domain.application import Ledger
from schema import schema
from schema.hardening import cost_rule
from server import bootstrap
from settings import Settings, parse_tokens
from tests.conftest import TOKEN_SPEC, TOKENS

INTROSPECTION = "{ __schema { types { name } } }"


@asynccontextmanager
async def client(ledger: Ledger, **settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    app = bootstrap(Settings(tokens=parse_tokens(TOKEN_SPEC), **settings), ledger)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://socai.test") as http:
        yield http


async def ask(http: httpx.AsyncClient, query: str, **headers: str) -> dict[str, Any]:
    response = await http.post("/graphql", json={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def messages(body: dict[str, Any]) -> str:
    return " ".join(e["message"] for e in body.get("errors", []))


async def test_depth_aliases_and_tokens_are_limited(ledger: Ledger) -> None:
    deep = "{ units(first: 1) { nodes { " + "parent { " * 12 + "code" + " }" * 12 + " } } }"
    aliases = "{ " + " ".join(f"a{i}: program {{ nameVi }}" for i in range(21)) + " }"
    tokens = "{ program { " + "nameVi " * 4001 + "} }"
    async with client(ledger) as http:
        assert "exceeds maximum operation depth" in messages(await ask(http, deep))
        assert "aliases" in messages(await ask(http, aliases)).lower()
        assert "token" in messages(await ask(http, tokens)).lower()
        fine = await ask(http, "{ units(first: 1) { nodes { parent { parent { code } } } } }")
        assert "errors" not in fine


async def test_parsed_and_validated_documents_are_cached(ledger: Ledger) -> None:
    parsed: Any = _get_parse_cache(512)  # functools' LRU caches, shared by every request
    validated: Any = _get_validate_cache(512)
    query = f"{{ p{uuid.uuid4().hex}: program {{ nameVi }} }}"  # a text never sent before
    # The auditor's answers are never kept by the response cache: each request runs.
    auditor = {"authorization": f"Bearer {TOKENS['auditor']}"}
    async with client(ledger) as http:
        before = (parsed.cache_info(), validated.cache_info())
        for _ in range(3):
            assert "errors" not in await ask(http, query, **auditor)
        after = (parsed.cache_info(), validated.cache_info())
    for was, now in zip(before, after, strict=True):
        assert (now.misses - was.misses, now.hits - was.hits) == (1, 2)


def cost_errors(query: str, limit: int) -> list[str]:
    return [e.message for e in validate(schema._schema, parse(query), [cost_rule(limit)])]


def test_cost_counts_first_as_a_multiplier() -> None:
    query = "{ units(first: 10) { nodes { code parent { code } } } }"
    # units 1, nodes 10, code 10, parent 10, parent.code 10
    assert cost_errors(query, 41) == []
    assert "may return 41 values" in cost_errors(query, 40)[0]
    defaulted = "{ units { nodes { code } } }"  # the field's own default page, 50
    assert cost_errors(defaulted, 101) == []
    assert cost_errors(defaulted, 100) != []
    variable = "query($n: Int!) { units(first: $n) { nodes { code } } }"  # counted as 200
    assert "401" in cost_errors(variable, 400)[0]
    with_default = "query($n: Int! = 3) { units(first: $n) { nodes { code } } }"
    assert cost_errors(with_default, 7) == []
    fragment = "{ units(first: 10) { nodes { ...U } } } fragment U on Unit { code name }"
    assert cost_errors(fragment, 31) == []
    assert cost_errors(fragment, 30) != []


async def test_a_bad_argument_keeps_its_message_and_gets_a_code(ledger: Ledger) -> None:
    async with client(ledger) as http:
        body = await ask(http, '{ units(first: 1, after: "garbage") { nodes { code } } }')
        (error,) = body["errors"]
        assert error["message"] == "is not a cursor of this list"
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}
        big = (await ask(http, "{ units(first: 201) { nodes { code } } }"))["errors"][0]
        assert big["message"] == "must be between 1 and 200"
        assert big["extensions"]["code"] == "BAD_USER_INPUT"


async def test_unexpected_errors_are_masked_and_logged(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import schema.program.queries as program_queries

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("password=hunter2 at /srv/secret.py line 3")

    monkeypatch.setattr(program_queries, "program_row", broken)
    async with client(ledger) as http:
        with caplog.at_level(logging.ERROR, logger="socai.graphql"):
            response = await http.post(
                "/graphql",
                json={"query": "{ program { nameVi } }"},
                headers={"x-correlation-id": "req-123"},
            )
    body = response.json()
    assert "hunter2" not in response.text
    assert "secret" not in response.text
    (error,) = body["errors"]
    assert error["message"] == "Unexpected error."
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-123"}
    assert any("req-123" in r.getMessage() and r.exc_info for r in caplog.records)


async def test_a_large_body_gets_413(ledger: Ledger) -> None:
    async with client(ledger, max_body_bytes=1000) as http:
        padding = " " * 2000
        response = await http.post("/graphql", json={"query": "{ program { nameVi } }" + padding})
        assert response.status_code == 413
        ok = await http.post("/graphql", json={"query": "{ program { nameVi } }"})
        assert ok.status_code == 200

        async def chunks() -> AsyncIterator[bytes]:
            for _ in range(5):
                yield b" " * 300

        streamed = await http.post(
            "/graphql", content=chunks(), headers={"content-type": "application/json"}
        )
        assert streamed.status_code == 413


async def test_rate_limits_answer_429(ledger: Ledger) -> None:
    async with client(ledger, rate_per_address="3/minute", rate_per_token="off") as http:
        codes = [
            (await http.post("/graphql", json={"query": "{ program { nameVi } }"}))
            for _ in range(4)
        ]
        assert [r.status_code for r in codes] == [200, 200, 200, 429]
        assert int(codes[-1].headers["retry-after"]) >= 1
    async with client(ledger, rate_per_address="off", rate_per_token="2/minute") as http:
        office = {"authorization": f"Bearer {TOKENS['office']}"}
        auditor = {"authorization": f"Bearer {TOKENS['auditor']}"}
        query = {"query": "{ program { nameVi } }"}
        sent = [await http.post("/graphql", json=query, headers=office) for _ in range(3)]
        assert [r.status_code for r in sent] == [200, 200, 429]
        assert (await http.post("/graphql", json=query, headers=auditor)).status_code == 200
        assert (await http.post("/graphql", json=query)).status_code == 200


async def test_production_turns_off_introspection_suggestions_and_graphiql(
    ledger: Ledger,
) -> None:
    async with client(ledger) as http:
        assert "errors" not in await ask(http, INTROSPECTION)
        assert "Did you mean" in messages(await ask(http, "{ program { nameV } }"))
        page = await http.get("/graphql", headers={"accept": "text/html"})
        assert "graphiql" in page.text.lower()
    async with client(ledger, production=True, graphiql=False) as http:
        assert "introspection" in messages(await ask(http, INTROSPECTION)).lower()
        wrong = messages(await ask(http, "{ program { nameV } }"))
        assert "Cannot query field 'nameV'" in wrong
        assert "Did you mean" not in wrong
        page = await http.get("/graphql", headers={"accept": "text/html"})
        assert "graphiql" not in page.text.lower()


async def test_cors_allows_the_configured_origins(ledger: Ledger) -> None:
    async with client(ledger, cors_origins=("https://portal.nghiduong.vn",)) as http:
        preflight = {
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization, content-type",
        }
        allowed = await http.options(
            "/graphql", headers={**preflight, "origin": "https://portal.nghiduong.vn"}
        )
        assert allowed.headers["access-control-allow-origin"] == "https://portal.nghiduong.vn"
        other = await http.options(
            "/graphql", headers={**preflight, "origin": "https://evil.example"}
        )
        assert "access-control-allow-origin" not in other.headers


async def websocket_outcome(origin: str | None, allowed: tuple[str, ...]) -> str:
    reached: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        reached.append("app")

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    headers = [(b"host", b"socai.nghiduong.vn")]
    if origin:
        headers.append((b"origin", origin.encode()))
    guard: Callable[..., Any] = WebSocketOrigins(app, allowed)
    await guard({"type": "websocket", "headers": headers, "path": "/graphql"}, receive, send)
    return "app" if reached else str(sent[0]["code"])


async def test_websocket_origins_are_checked() -> None:
    portal = ("https://portal.nghiduong.vn",)
    assert await websocket_outcome("https://portal.nghiduong.vn", portal) == "app"
    assert await websocket_outcome("https://socai.nghiduong.vn", portal) == "app"  # its own
    assert await websocket_outcome(None, portal) == "app"  # not a browser: it authenticates
    assert await websocket_outcome("https://evil.example", portal) == "4403"
    assert await websocket_outcome("https://evil.example", ()) == "4403"
