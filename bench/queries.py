"""Query throughput and latency over HTTP at 16 connections, against a plain Starlette endpoint
returning the same bytes from the same server process.

The load comes from `wrk` in a process of its own (a C program, so the client costs the
machine little); without `wrk`, an async httpx client in this process stands in.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from bench.common import Load, scratch_database
from bench.process import BENCH_SERVE, serving
from bench.seed import seed_commune
from domain.application import Ledger
from projections.storage import Database

BOARD = """query Board { villageBoard(on: "2026-11-29") { nodes {
  unit { code name }
  models { modelType { code } state validUntil }
  openShortcomings { severity finding }
  commendations { form status }
  tasks { title dueDate percent status }
  overdueTasks { title dueDate percent }
  taskTally { total open completed overdue averagePercent } } } }"""
COVERAGE = """query Coverage { coverage(on: "2026-12-31") {
  modelType { code nameVi } target recognized ratio targetTextVi } }"""
HISTORY = """query History { history(filter: {stream: "task"}, first: 50) {
  nodes { position recordedAt eventType actorId actorRole reason summary }
  pageInfo { hasNextPage endCursor } } }"""
QUERIES = {"villageBoard": BOARD, "coverage": COVERAGE, "history": HISTORY}
CONNECTIONS = 16


@dataclass(frozen=True)
class HttpLoad:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int = 0

    def describe(self) -> str:
        rate = f"{self.requests_per_second:,.0f} req/s"
        return f"{rate} p50 {self.p50_ms:.2f} ms p99 {self.p99_ms:.2f} ms"


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip()).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(
    url: str, body: bytes, seconds: float, headers: Mapping[str, str] | None = None
) -> HttpLoad:
    """POSTs `body` to `url` over CONNECTIONS keep-alive connections for `seconds`."""
    lines = ['wrk.method = "POST"', f"wrk.body = {json.dumps(body.decode())}"]
    lines += [
        f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}"
        for k, v in {"Content-Type": "application/json", **(headers or {})}.items()
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write("\n".join(lines) + "\n")
        script.flush()
        out = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{CONNECTIONS}",
                f"-d{seconds:.0f}s",
                "--latency",
                "-s",
                script.name,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return parse_wrk(out)


def parse_wrk(out: str) -> HttpLoad:
    """Requests/s, p50, p99 and counts from `wrk --latency` output."""
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return HttpLoad(rate, p50, p99, total, int(bad.group(1)) if bad else 0)


def httpx_load(
    url: str, body: bytes, seconds: float, headers: Mapping[str, str] | None = None
) -> HttpLoad:
    """The same load from an async httpx client, where `wrk` is not installed."""

    async def run() -> Load:
        latencies: list[float] = []
        errors = 0
        limits = httpx.Limits(max_connections=CONNECTIONS)
        send = {"content-type": "application/json", **(headers or {})}
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:
            deadline = time.perf_counter() + seconds

            async def worker() -> None:
                nonlocal errors
                while time.perf_counter() < deadline:
                    began = time.perf_counter()
                    response = await client.post(url, content=body, headers=send)
                    latencies.append(time.perf_counter() - began)
                    errors += response.status_code >= 400

            began = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(CONNECTIONS)))
            return Load(len(latencies), time.perf_counter() - began, tuple(latencies), errors)

    load = asyncio.run(run())
    return HttpLoad(load.per_second, load.p50_ms, load.p99_ms, load.operations, load.errors)


def load(
    url: str, body: bytes, seconds: float, headers: Mapping[str, str] | None = None
) -> HttpLoad:
    return (wrk if shutil.which("wrk") else httpx_load)(url, body, seconds, headers)


@dataclass(frozen=True)
class QueryFigures:
    query: str
    graphql: HttpLoad
    plain: HttpLoad
    conditional: HttpLoad | None
    response_bytes: int


@contextmanager
def seeded_server(backend: str) -> Iterator[str]:
    with scratch_database(backend, "queries") as url:
        ledger = Ledger(Database.from_url(url))
        try:
            seed_commune(ledger)
        finally:
            ledger.close()
        with serving(url, BENCH_SERVE) as server:
            yield server.url


def measure(
    backend: str, seconds: float, queries: Mapping[str, str] = QUERIES
) -> list[QueryFigures]:
    figures: list[QueryFigures] = []
    with seeded_server(backend) as base:
        for name, query in queries.items():
            body = json.dumps({"query": query}).encode()
            first = httpx.post(
                f"{base}/graphql", content=body, headers={"content-type": "application/json"}
            )
            answer: dict[str, Any] = first.json()
            assert first.status_code == 200, first.text
            assert "errors" not in answer, first.text
            httpx.put(f"{base}/plain/{name}", content=first.content)
            etag = first.headers.get("etag")
            load(f"{base}/graphql", body, 1)  # warm up
            plain = load(f"{base}/plain/{name}", body, seconds)
            graphql = load(f"{base}/graphql", body, seconds)
            conditional = (
                load(f"{base}/graphql", body, seconds, {"If-None-Match": etag}) if etag else None
            )
            figures.append(QueryFigures(name, graphql, plain, conditional, len(first.content)))
    return figures


if __name__ == "__main__":
    import sys

    for f in measure(sys.argv[1] if len(sys.argv) > 1 else "sqlite", 5):
        print(
            f.query,
            f.response_bytes,
            "graphql",
            f.graphql.describe(),
            "| plain",
            f.plain.describe(),
            "| 304",
            f.conditional.describe() if f.conditional else "-",
        )
