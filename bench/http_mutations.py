"""Mutation latency over HTTP through the real server: uvicorn in a process of its own, and 1 or
16 concurrent clients sending `reportProgress` over keep-alive connections, each request with a
fresh idempotency key.

The clients are `wrk` (a C program, so the client's own cost hardly counts) with a Lua script
that makes each request's key and picks the task; without `wrk`, an async httpx client with as
many workers, each on tasks of its own, stands in (it costs about 3 ms of a 2-core machine per
request, which then shows in the figures)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from uuid import UUID

import httpx

from bench.common import Load, process_tree, scratch_database, stat_fields
from bench.mutations import TASKS, LedgerSystem
from bench.process import BENCH_SERVE, SOCAI_SERVE, TOKENS, serving
from bench.queries import HttpLoad, parse_wrk

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
    load: HttpLoad
    client: str = "httpx"
    # The server process's CPU time (user + system) over the run, per request answered.
    server_cpu_ms: float = 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process and its living descendants (the worker processes of
    `socai serve --workers N`) have used so far (Linux: /proc/<pid>/stat)."""
    total = 0.0
    for member in process_tree(pid):
        with suppress(OSError):  # gone meanwhile
            fields = stat_fields(member)
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


WRK_SCRIPT = """
local tasks = {TASKS}
local query = QUERY
local prefix = PREFIX
local headers = {["Content-Type"] = "application/json", ["Authorization"] = TOKEN}
counter = 0
bad = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"query": %s, "variables": {"input": {"idempotencyKey": "%s-%d", "taskId": "%s", ' ..
    '"percent": %d, "summary": "Đã lắp đặt thêm camera", "evidence": ["BB 03/2026"]}}}',
    query, prefix, counter, tasks[(counter % #tasks) + 1], counter % 101)
  return wrk.format("POST", "/graphql", headers, body)
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"TaskChanged"', 1, true) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("bad")
  end
  io.write(string.format("FAILED %d\\n", failed))
end
"""


def _wrk(base: str, tasks: Sequence[UUID], seconds: float, clients: int) -> HttpLoad:
    """`clients` keep-alive connections sending reportProgress for `seconds`."""
    script = (
        WRK_SCRIPT.replace("TASKS", ", ".join(json.dumps(str(t)) for t in tasks))
        .replace("QUERY", json.dumps(json.dumps(REPORT)))
        .replace("PREFIX", json.dumps(uuid.uuid4().hex))
        .replace("TOKEN", json.dumps(f"Bearer {TOKENS['office']}"))
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as file:
        file.write(script)
        file.flush()
        out = subprocess.run(
            ["wrk", "-t1", f"-c{clients}", f"-d{seconds:.0f}s", "--latency", "-s", file.name, base],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    found = parse_wrk(out)
    failed = int(re.search(r"FAILED (\d+)", out).group(1))  # type: ignore[union-attr]
    return HttpLoad(found.requests_per_second, found.p50_ms, found.p99_ms, found.requests, failed)


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
    backend: str, operations: int, clients_levels: tuple[int, ...] = (1, 16), workers: int = 1
) -> list[HttpMutationFigures]:
    """`operations` requests per client count with httpx, or as many seconds' worth (at
    about 100 requests/s) with wrk. With `workers` above 1, the server is `socai serve
    --workers N` (each process's CPU time is counted); otherwise `bench.serve`, one process."""
    figures: list[HttpMutationFigures] = []
    use_wrk = shutil.which("wrk") is not None
    with scratch_database(backend, "http_mut") as url:
        setup = LedgerSystem(url)
        task_sets = [setup.assign_tasks(TASKS) for _ in clients_levels]
        setup.close()
        args = BENCH_SERVE if workers == 1 else (*SOCAI_SERVE, "--workers", str(workers))
        with serving(url, args) as server:
            for clients, tasks in zip(clients_levels, task_sets, strict=True):
                asyncio.run(_drive(server.url, tasks, max(clients, operations // 10), clients))
                cpu_before = cpu_seconds(server.pid)
                if use_wrk:
                    load = _wrk(server.url, tasks, max(2.0, operations / 100), clients)
                else:
                    done = asyncio.run(_drive(server.url, tasks, operations, clients))
                    load = HttpLoad(
                        done.per_second, done.p50_ms, done.p99_ms, done.operations, done.errors
                    )
                cpu_ms = (cpu_seconds(server.pid) - cpu_before) * 1000 / max(load.requests, 1)
                figures.append(
                    HttpMutationFigures(
                        backend, clients, load, "wrk" if use_wrk else "httpx", cpu_ms
                    )
                )
    return figures


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="reportProgress over HTTP, 1 and 16 clients")
    parser.add_argument("backends", nargs="*", default=["sqlite", "postgres"])
    parser.add_argument("--operations", type=int, default=400)
    parser.add_argument("--workers", type=int, default=1, help="socai serve --workers N")
    options = parser.parse_args()
    for backend in options.backends:
        for f in measure(backend, options.operations, workers=options.workers):
            print(
                backend,
                f.clients,
                f.client,
                f.load.describe(),
                f"{f.load.non_2xx} failed",
                f"server CPU {f.server_cpu_ms:.2f} ms per request",
            )
