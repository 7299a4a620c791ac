"""Rate limits shared by server processes through Redis: a client's share is the same however
its requests are spread over the processes. These tests need the Redis at 127.0.0.1:6379 (CI
starts it) and fail without it."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

from domain.application import Ledger
from server import bootstrap
from settings import Settings, SettingsError, parse_tokens
from tests.conftest import TOKEN_SPEC, TOKENS
from tests.support.processes import free_port, listening, socai, stop, until

REDIS = "redis://127.0.0.1:6379"
QUERY = {"query": "{ program { nameVi } }"}


@pytest.fixture
def prefix() -> Iterator[str]:
    """A key prefix of this test's own, in the Redis that must be running; its keys are
    deleted afterwards."""
    client = redis.Redis.from_url(REDIS, socket_connect_timeout=2)
    try:
        assert client.ping(), "Redis at 127.0.0.1:6379 does not answer"
    except redis.ConnectionError as error:
        pytest.fail(f"these tests need Redis at 127.0.0.1:6379: {error}")
    name = f"socai-test-{uuid.uuid4().hex}"
    try:
        yield name
    finally:
        keys = list(client.scan_iter(match=f"{name}*"))
        if keys:
            client.delete(*keys)
        client.close()


@asynccontextmanager
async def server(ledger: Ledger, **settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    """One server process's app, as `socai serve` builds it, in this process."""
    app = bootstrap(Settings(tokens=parse_tokens(TOKEN_SPEC), **settings), ledger)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://socai.test") as http:
        yield http


async def statuses(servers: list[httpx.AsyncClient], sends: int, **headers: str) -> list[int]:
    """`sends` requests, taking the servers in turn."""
    codes = []
    for n in range(sends):
        response = await servers[n % len(servers)].post("/graphql", json=QUERY, headers=headers)
        codes.append(response.status_code)
    return codes


async def two_servers(
    stack: AsyncExitStack, ledger: Ledger, **settings: Any
) -> list[httpx.AsyncClient]:
    return [await stack.enter_async_context(server(ledger, **settings)) for _ in range(2)]


async def test_two_servers_share_one_count_through_redis(ledger: Ledger, prefix: str) -> None:
    shared = {"rate_limit_storage": REDIS, "rate_limit_prefix": prefix}
    async with AsyncExitStack() as stack:
        servers = await two_servers(
            stack, ledger, rate_per_address="4/minute", rate_per_token="off", **shared
        )
        assert await statuses(servers, 5) == [200, 200, 200, 200, 429]
        refused = await servers[0].post("/graphql", json=QUERY)
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
    async with AsyncExitStack() as stack:
        servers = await two_servers(
            stack, ledger, rate_per_address="off", rate_per_token="3/minute", **shared
        )
        office = {"authorization": f"Bearer {TOKENS['office']}"}
        assert await statuses(servers, 4, **office) == [200, 200, 200, 429]
        auditor = {"authorization": f"Bearer {TOKENS['auditor']}"}
        assert await statuses(servers, 2, **auditor) == [200, 200], "each token its own count"
    # In memory, the default, each server counts its own share: twice as many get through.
    async with AsyncExitStack() as stack:
        servers = await two_servers(
            stack, ledger, rate_per_address="4/minute", rate_per_token="off"
        )
        assert await statuses(servers, 9) == [200] * 8 + [429]


async def test_a_storage_that_cannot_be_reached_lets_requests_through(
    ledger: Ledger, caplog: pytest.LogCaptureFixture
) -> None:
    down = f"redis://127.0.0.1:{free_port()}"  # nothing listens there
    caplog.set_level(logging.ERROR, logger="socai.ratelimit")
    async with server(ledger, rate_per_address="1/minute", rate_limit_storage=down) as http:
        assert await statuses([http], 3) == [200, 200, 200]
    assert [r.message for r in caplog.records] == [
        "rate limits not counted: their storage failed"
    ], "logged once, not per request"


@pytest.mark.parametrize("uri", ["mongodb://127.0.0.1", "memcached://127.0.0.1:11211", "redis"])
def test_an_unknown_storage_is_refused_at_start(uri: str) -> None:
    with pytest.raises(SettingsError, match="SOCAI_RATE_LIMIT_STORAGE"):
        Settings.from_env({"SOCAI_RATE_LIMIT_STORAGE": uri})


def test_the_storage_and_prefix_come_from_the_environment() -> None:
    settings = Settings.from_env(
        {"SOCAI_RATE_LIMIT_STORAGE": REDIS, "SOCAI_RATE_LIMIT_PREFIX": "xa-nghi-duong"}
    )
    assert (settings.rate_limit_storage, settings.rate_limit_prefix) == (REDIS, "xa-nghi-duong")
    default = Settings.from_env({})
    assert (default.rate_limit_storage, default.rate_limit_prefix) == ("memory://", "socai")


def test_two_server_processes_share_one_count(
    database_url: str, prefix: str, tmp_path: Path
) -> None:
    """Two `socai serve` processes on one store and one Redis: a client sending to both in
    turn gets its share once, not once per process."""
    init = socai("init", env={"DATABASE_URL": database_url}, log=tmp_path / "init.log")
    assert init.wait(timeout=60) == 0
    ports = [free_port(), free_port()]
    processes = [
        socai(
            "serve",
            env={
                "DATABASE_URL": database_url,
                "HOST": "127.0.0.1",
                "PORT": str(port),
                "SOCAI_TOKENS": TOKEN_SPEC,
                "SOCAI_RATE_LIMIT": "6/minute",
                "SOCAI_TOKEN_RATE_LIMIT": "off",
                "SOCAI_RATE_LIMIT_STORAGE": REDIS,
                "SOCAI_RATE_LIMIT_PREFIX": prefix,
            },
            log=tmp_path / f"serve-{port}.log",
        )
        for port in ports
    ]
    try:
        until(lambda: all(listening(p) for p in ports), within=60, what="both servers")
        codes = []
        with httpx.Client(timeout=30) as http:
            for n in range(8):
                url = f"http://127.0.0.1:{ports[n % 2]}/graphql"
                codes.append(http.post(url, json=QUERY).status_code)
        assert codes == [200] * 6 + [429, 429]
    finally:
        for process in processes:
            stop(process)
