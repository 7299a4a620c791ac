"""Two-server drill: two server processes on one database serve and write consistently.

First, clients alternate: a write through one server is read at once through the other (each
server answers from its own response cache when it can, so this also shows that a cache keyed
by the log position never serves a stale answer). Then clients write through both at the same
time to the same task; every success is in the log exactly once, none is lost, and both servers
give the same answer at once, and the same ETag for the same state of the store (the ETag also
covers the ledger's tree, which its follower grows a moment after the writes). Last, the views
equal a refold of the log. On PostgreSQL, exactly one process holds the ledger follower's lock
while both serve.

With `--workers N`, each server is `socai serve --workers N`: 2 x N processes on one database.

    python -m bench.drills.two_servers --backend postgres --rounds 40
    python -m bench.drills.two_servers --backend postgres --rounds 40 --workers 2
"""

from __future__ import annotations

import argparse
import threading
import time
import uuid
from typing import Any

import httpx
import psycopg

from bench.common import scratch_database
from bench.drills.common import (
    REPORT,
    Outcome,
    UntypedError,
    check_views,
    drill_main,
    events_of,
    mutate,
)
from bench.mutations import LedgerSystem
from bench.process import SOCAI_SERVE, ServerProcess
from domain.application import Ledger
from projections.audit.follower import follower_lock
from projections.storage import Database

TASK = "query($id: ID!) { task(id: $id) { percent progressReports } }"


def _report(http: httpx.Client, url: str, task: str, percent: int) -> tuple[str, dict[str, Any]]:
    key = uuid.uuid4().hex
    variables = {
        "input": {
            "idempotencyKey": key,
            "taskId": task,
            "percent": percent,
            "summary": "Báo cáo qua hai máy chủ",
            "evidence": [],
        }
    }
    result: dict[str, Any] = {}
    for _ in range(20):
        result = mutate(http, url, REPORT, variables, key)
        if result["__typename"] != "Conflict":
            break
    return key, result


def _read(http: httpx.Client, url: str, task: str) -> tuple[dict[str, Any], str]:
    response = http.post(f"{url}/graphql", json={"query": TASK, "variables": {"id": task}})
    body = response.json()
    if response.status_code != 200 or "errors" in body:
        raise UntypedError(response.text[:300])
    return body["data"]["task"], response.headers.get("etag", "")


def _alternate(
    servers: list[ServerProcess], task: str, rounds: int, successes: dict[str, int]
) -> list[str]:
    """A write through one server, read at once through the other, the reader's cache warm."""
    with httpx.Client(timeout=60) as http:
        for i in range(rounds):
            writer, reader = servers[i % 2].url, servers[(i + 1) % 2].url
            _read(http, reader, task)
            key, result = _report(http, writer, task, i % 101)
            if result["__typename"] != "TaskChanged":
                return [f"round {i}: {result}"]
            successes[key] = int(result["position"])
            seen, _ = _read(http, reader, task)
            if seen != {"percent": i % 101, "progressReports": i + 1}:
                return [f"round {i}: the other server showed {seen}"]
    return []


def _together(
    servers: list[ServerProcess], task: str, writers: int, commands: int
) -> tuple[dict[str, int], list[str]]:
    """Writers on both servers at once, on one task; then both servers must agree."""
    successes: dict[str, int] = {}
    problems: list[str] = []
    lock = threading.Lock()

    def writer_thread(w: int) -> None:
        with httpx.Client(timeout=60) as http:
            for n in range(commands):
                key, result = _report(http, servers[(w + n) % 2].url, task, n)
                with lock:
                    if result["__typename"] == "TaskChanged":
                        successes[key] = int(result["position"])
                    elif result["__typename"] not in ("Conflict", "RuleBroken"):
                        problems.append(f"untyped result {result}")

    threads = [threading.Thread(target=writer_thread, args=(w,)) for w in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with httpx.Client(timeout=60) as http:
        answers = [_read(http, s.url, task) for s in servers]
        if answers[0][0] != answers[1][0]:
            problems.append(f"the servers disagree: {answers}")
        elif (mismatch := _same_etag(http, servers, task)) is not None:
            problems.append(mismatch)
    if answers[0][0]["progressReports"] != len(successes):
        problems.append(
            f"lost update: {len(successes)} reports succeeded, the task counts "
            f"{answers[0][0]['progressReports']}"
        )
    return successes, problems


def _same_etag(http: httpx.Client, servers: list[ServerProcess], task: str) -> str | None:
    """Both servers give one ETag for one state of the store, or a problem.

    The ETag also covers the ledger's tree, which its follower grows a moment after the
    writes: a read through the first server, one through the second, and the first again. When
    the first server's two ETags are equal, nothing moved in between, so the second server's
    must be the same; otherwise the follower was still catching up, and the reads are tried
    again (for up to 10 s)."""
    for _ in range(50):
        before, between, after = (_read(http, s.url, task) for s in (*servers, servers[0]))
        if before == after:
            if between != before:
                return f"one state of the store, two answers: {before} and {between}"
            return None
        time.sleep(0.2)
    return "the store never stood still for three reads in 10 s"


def _followers(database_url: str) -> int:
    """How many sessions hold the ledger follower's lock on this database (one process per
    database follows), once the servers' processes have all started (up to 10 s)."""
    database = Database.from_url(database_url)
    held = 0
    with psycopg.connect(database.admin_conninfo(), autocommit=True) as conn:
        for _ in range(50):
            row = conn.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                "AND objsubid = 1 AND objid = (hashtext(%s)::bigint & 4294967295)::oid",
                (follower_lock(database.schema),),
            ).fetchone()
            held = int(row[0]) if row else 0
            if held == 1:
                break
            time.sleep(0.2)
    return held


def run(
    backend: str, rounds: int = 40, writers: int = 8, commands: int = 10, workers: int = 1
) -> Outcome:
    outcome = Outcome(
        f"two-server drill on {backend}"
        + (f", {workers} worker processes each" if workers > 1 else "")
    )
    began = time.monotonic()
    successes: dict[str, int] = {}
    with scratch_database(backend, "two") as url:
        setup = LedgerSystem(url)
        first, second = (str(t) for t in setup.assign_tasks(2))
        setup.close()
        args = SOCAI_SERVE if workers == 1 else (*SOCAI_SERVE, "--workers", str(workers))
        servers = [ServerProcess(url, args), ServerProcess(url, args)]
        try:
            for s in servers:
                s.start()
            outcome.problems.extend(_alternate(servers, first, rounds, successes))
            together, problems = _together(servers, second, writers, commands)
            successes.update(together)
            outcome.problems.extend(problems)
            if backend == "postgres" and (held := _followers(url)) != 1:
                outcome.problems.append(f"{held} processes hold the follower's lock, not 1")
        finally:
            for s in servers:
                s.stop()
                s.log.close()
        ledger = Ledger(Database.from_url(url))
        try:
            found = events_of(ledger, list(successes))
        finally:
            ledger.close()
        outcome.problems.extend(
            f"{k} answered {p}, log has {found[k]}" for k, p in successes.items() if found[k] != [p]
        )
        outcome.problems.extend(f"views: {d}" for d in check_views(url)[:3])
    outcome.figures = {
        "servers": 2,
        "processes each": workers,
        "cross-server reads of a fresh write": rounds,
        "concurrent writers": writers,
        "writes recorded exactly once": len(successes),
        "seconds": round(time.monotonic() - began),
    }
    return outcome


def _args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--commands", type=int, default=10)
    parser.add_argument("--workers", type=int, default=1, help="socai serve --workers N each")
    parser.set_defaults(backend="postgres")


if __name__ == "__main__":
    drill_main(lambda a: run(a.backend, a.rounds, a.writers, a.commands, a.workers), _args)
