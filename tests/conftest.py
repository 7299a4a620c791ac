"""Fixtures shared by every layer: a fresh store on each backend, the app, a GraphQL client."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from psycopg import sql

from domain.application import Ledger
from domain.authority import Actor, Role
from domain.ledger import Request
from projections.storage import Database
from server import bootstrap
from settings import Settings, parse_tokens

PG_URL = os.environ.get("SOCAI_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]

TOKENS = {
    "office": "test-office-token",
    "committee": "test-committee-token",
    "inspector": "test-inspector-token",
    "auditor": "test-auditor-token",
    "admin": "test-admin-token",
    "reporter": "test-reporter-thon-1",
}
TOKEN_SPEC = ",".join(
    f"{token}={'reporter@thon-1' if role == 'reporter' else role}" for role, token in TOKENS.items()
)


@contextmanager
def fresh_store(backend: str, folder: Path, prefix: str = "socai_test") -> Iterator[str]:
    """A store of its own: a SQLite file in `folder`, or a PostgreSQL database created here and
    dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'socai.db'}"
        return
    server = Database.from_url(PG_URL)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server.admin_conninfo(), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"postgresql://{server.user}@{server.host}:{server.port}/{name}?schema=commune"
    finally:
        with psycopg.connect(server.admin_conninfo(), autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store of its own for each backend the test is parametrized with (SQLite by default)."""
    with fresh_store(getattr(request, "param", "sqlite"), tmp_path) as url:
        yield url


@pytest.fixture
def ledger(database_url: str) -> Iterator[Ledger]:
    app = Ledger(Database.from_url(database_url))
    try:
        yield app
    finally:
        app.close()


OFFICE = Actor("office-1", Role.OFFICE)
COMMITTEE = Actor("committee-1", Role.COMMITTEE)
INSPECTOR = Actor("inspector-1", Role.INSPECTOR)


def request_as(actor: Actor, key: str | None = None, **kwargs: Any) -> Request:
    return Request(actor, key or uuid.uuid4().hex, correlation_id="test", **kwargs)


class GraphQLClient:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.http = client

    async def __call__(
        self, query: str, variables: dict[str, Any] | None = None, *, role: str | None = None
    ) -> dict[str, Any]:
        headers = {"authorization": f"Bearer {TOKENS[role]}"} if role else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert "errors" not in body, body["errors"]
        return body["data"]  # type: ignore[no-any-return]


@pytest.fixture
async def gql(ledger: Ledger) -> AsyncIterator[GraphQLClient]:
    settings = Settings(tokens=parse_tokens(TOKEN_SPEC))
    app = bootstrap(settings, ledger)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://socai.test") as client:
        yield GraphQLClient(client)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that needs a store runs on both backends."""
    if "database_url" in metafunc.fixturenames:
        metafunc.parametrize("database_url", BACKENDS, indirect=True)
