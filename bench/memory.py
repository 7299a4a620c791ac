"""Server memory with a city-sized store: the peak resident set (VmHWM) of a server process
serving a store of N generated events (default 1,000,000), after it has answered every view
and then written progress on more open tasks than the aggregate cache holds (each report
loads its task through the cache; `--writes`).

The store comes from `bench.generate` (realistic events, written to the log in bulk, without
views), then `socai rebuild` builds the views; a build without that command folds the log here.

    python -m bench.memory --events 1000000 --backend sqlite
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from bench.common import scratch_database
from bench.process import ROOT, SOCAI_SERVE, TOKENS, serving
from domain.application import Ledger
from projections.fold import project
from projections.read import view_positions
from projections.refold import logged_events
from projections.storage import AGGREGATE_CACHE_SIZE, Database
from projections.viewstore import SqlViewStore

QUERIES = [
    "{ villageBoard(first: 200) { nodes { unit { code } tasks { title percent } "
    "models { state } openShortcomings { finding } commendations { form } } } }",
    "{ coverage { modelType { code } target recognized ratio } }",
    "{ history(first: 200) { nodes { position eventType summary } } }",
    "{ tasks(first: 200) { nodes { title percent leadUnit { name } } } }",
    "{ units(first: 200) { nodes { code name status } } }",
]
TARGET_MB = 300
WRITES = AGGREGATE_CACHE_SIZE + 500  # distinct tasks reported on: more than the cache keeps
OPEN_TASKS = """query($after: String) {
  tasks(status: OPEN, first: 200, after: $after) {
    nodes { id percent } pageInfo { hasNextPage endCursor }
  }
}"""
REPORT = """mutation($input: ReportProgressInput!) {
  reportProgress(input: $input) { __typename }
}"""


@dataclass(frozen=True)
class MemoryFigures:
    events: int
    rss_mb: float
    peak_mb: float
    generate_s: float
    rebuild_s: float
    writes: int = 0


def generator() -> Callable[..., int] | None:
    """`bench.generate.generate(ledger, events)`, where this build has it."""
    try:
        module = importlib.import_module("bench.generate")
    except ModuleNotFoundError:
        return None
    found: Callable[..., int] = module.generate
    return found


def _rebuild(url: str) -> None:
    help_text = subprocess.run(
        [sys.executable, "cli.py", "--help"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout
    if "rebuild" in help_text:
        subprocess.run(
            [sys.executable, "cli.py", "rebuild"],
            cwd=ROOT,
            env={"DATABASE_URL": url, "PATH": ""},
            check=True,
            capture_output=True,
        )
        return
    ledger = Ledger(Database.from_url(url))
    try:
        batch: list[Any] = []

        def flush() -> None:
            with ledger.store.writing() as sql:
                views = SqlViewStore(sql)
                project([e for _, e in batch], [p for p, _ in batch], views)
                views.finish()
            batch.clear()

        with ledger.reading() as sql:
            folded = dict(view_positions(sql)).get("views", 0)
        for item in logged_events(ledger, after=folded):
            batch.append(item)
            if len(batch) >= 5000:
                flush()
        if batch:
            flush()
    finally:
        ledger.close()


def status_mb(pid: int, field: str) -> float:
    """A memory figure of a process from /proc: VmRSS (now) or VmHWM (peak), in MiB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def open_tasks(http: httpx.Client, base: str, limit: int) -> list[tuple[str, int]]:
    """Up to `limit` open tasks (id, percent), paging through the `tasks` query."""
    found: list[tuple[str, int]] = []
    after: str | None = None
    while len(found) < limit:
        response = http.post(
            f"{base}/graphql", json={"query": OPEN_TASKS, "variables": {"after": after}}
        )
        page = response.json()["data"]["tasks"]
        found += [(n["id"], n["percent"]) for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    return found[:limit]


def report_on(http: httpx.Client, base: str, tasks: list[tuple[str, int]]) -> int:
    """One progress report (the same percent again) on each task, as the office; returns how
    many were recorded."""
    headers = {"authorization": f"Bearer {TOKENS['office']}"}
    recorded = 0
    for task_id, percent in tasks:
        variables = {
            "input": {
                "idempotencyKey": f"memory-{uuid.uuid4().hex}",
                "taskId": task_id,
                "percent": percent,
                "summary": "Rà soát tiến độ",
                "evidence": [],
            }
        }
        response = http.post(
            f"{base}/graphql",
            json={"query": REPORT, "variables": variables},
            headers=headers,
        )
        answer = response.json()
        assert response.status_code == 200, response.text[:300]
        assert "errors" not in answer, response.text[:300]
        recorded += answer["data"]["reportProgress"]["__typename"] == "TaskChanged"
    return recorded


def measure(backend: str, events: int, writes: int = WRITES) -> MemoryFigures | None:
    generate = generator()
    if generate is None:
        return None
    with scratch_database(backend, "memory") as url:
        began = time.perf_counter()
        ledger = Ledger(Database.from_url(url))
        try:
            generate(ledger, events)
        finally:
            ledger.close()
        generated = time.perf_counter() - began
        _rebuild(url)
        rebuilt = time.perf_counter() - began - generated
        with serving(url, SOCAI_SERVE) as server, httpx.Client(timeout=300) as http:
            for _ in range(3):
                for text in QUERIES:
                    response = http.post(f"{server.url}/graphql", json={"query": text})
                    assert response.status_code == 200, response.text[:300]
            recorded = report_on(http, server.url, open_tasks(http, server.url, writes))
            rss = status_mb(server.pid, "VmRSS")
            peak = status_mb(server.pid, "VmHWM")
    return MemoryFigures(events, rss, peak, generated, rebuilt, recorded)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--writes", type=int, default=WRITES, help="open tasks to report progress on"
    )
    args = parser.parse_args()
    figures = measure(args.backend, args.events, args.writes)
    if figures is None:
        print("n/a: bench.generate is not in this build yet")
        return
    print(json.dumps(figures.__dict__))


if __name__ == "__main__":
    main()
