"""Mutation latency over HTTP through the real server: uvicorn in a process of its own, and an
async httpx client with 1 or 16 concurrent workers sending `reportProgress`, each worker on
tasks of its own, each request with a fresh idempotency key."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

import httpx

from bench.common import Load, scratch_database
from bench.mutations import TASKS, LedgerSystem
from bench.process import BENCH_SERVE, TOKENS, serving

REPORT = """mutation($input: ReportProgressInput!) {
  reportProgress(input: $input) {
    __typename
    ... on TaskChanged { position task { id percent } }
    ... on Failure { message }
  }
}"""


@dataclass(frozen=True)
class HttpMutationFigures:
    backend: str
    clients: int
    load: Load


async def _drive(base: str, tasks: Sequence[UUID], operations: int, clients: int) -> Load:
    latencies: list[float] = []
    errors = 0
    headers = {"authorization": f"Bearer {TOKENS['office']}"}
    per_client = len(tasks) // clients
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=60) as http:

        async def worker(c: int) -> None:
            nonlocal errors
            for i in range(c, operations, clients):
                n = i // clients
                variables = {
                    "input": {
                        "idempotencyKey": uuid.uuid4().hex,
                        "taskId": str(tasks[c + clients * (n % per_client)]),
                        "percent": (n * 7) % 101,
                        "summary": "Đã lắp đặt thêm camera",
                        "evidence": ["BB 03/2026"],
                    }
                }
                began = time.perf_counter()
                response = await http.post(
                    "/graphql", json={"query": REPORT, "variables": variables}
                )
                elapsed = time.perf_counter() - began
                answer = response.json()
                ok = response.status_code == 200 and "errors" not in answer
                if ok and answer["data"]["reportProgress"]["__typename"] == "TaskChanged":
                    latencies.append(elapsed)
                else:
                    errors += 1

        began = time.perf_counter()
        await asyncio.gather(*(worker(c) for c in range(clients)))
        return Load(len(latencies), time.perf_counter() - began, tuple(latencies), errors)


def measure(
    backend: str, operations: int, clients_levels: tuple[int, ...] = (1, 16)
) -> list[HttpMutationFigures]:
    figures: list[HttpMutationFigures] = []
    with scratch_database(backend, "http_mut") as url:
        setup = LedgerSystem(url)
        task_sets = [setup.assign_tasks(TASKS) for _ in clients_levels]
        setup.close()
        with serving(url, BENCH_SERVE) as server:
            for clients, tasks in zip(clients_levels, task_sets, strict=True):
                asyncio.run(_drive(server.url, tasks, max(clients, operations // 10), clients))
                load = asyncio.run(_drive(server.url, tasks, operations, clients))
                figures.append(HttpMutationFigures(backend, clients, load))
    return figures


if __name__ == "__main__":
    import sys

    for backend in sys.argv[1:] or ["sqlite", "postgres"]:
        for f in measure(backend, 400):
            print(
                backend,
                f.clients,
                f"{f.load.per_second:.0f}/s p50 {f.load.p50_ms:.1f} p99 {f.load.p99_ms:.1f}",
                f.load.errors,
            )
