"""Contention drill: 16 clients send conflicting commands to the same aggregates.

Every client reports progress on one and the same task and renames one and the same unit,
each command under its own idempotency key; a client that gets `Conflict` (or loses its
connection) retries with the same key, and some clients send a finished command once more.
Afterwards: every answer was a typed result; each key that succeeded is in the log exactly
once, at the position it was answered with, and each refused key left nothing; no update is
lost (the task counts every successful report, and shows the last one; the unit bears the name
of the last successful rename); the views equal a refold of the log.

    python -m bench.drills.contention --backend postgres --clients 16 --commands 20
"""

from __future__ import annotations

import argparse
import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.common import scratch_database
from bench.drills.common import (
    RENAME,
    REPORT,
    TYPED_REFUSALS,
    Outcome,
    UntypedError,
    check_views,
    drill_main,
    events_of,
    mutate,
)
from bench.mutations import LedgerSystem
from bench.process import BENCH_SERVE, serving
from domain.application import Ledger
from domain.unit import unit_id_for
from projections.storage import Database
from projections.tasks import get_task
from projections.units import get_unit

RETRIES = 20
SUCCESS = frozenset({"TaskChanged", "UnitChanged"})


@dataclass
class Tally:
    successes: dict[str, tuple[str, int, Any]] = field(
        default_factory=dict
    )  # key: kind, pos, value
    refused: dict[str, str] = field(default_factory=dict)
    conflicts_retried: int = 0
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _command(
    rng: random.Random, c: int, i: int, key: str, task_id: str
) -> tuple[str, dict[str, Any], Any]:
    """Even commands report progress on the task, odd ones rename the unit."""
    if i % 2 == 0:
        percent = rng.randint(0, 100)
        report = {
            "idempotencyKey": key,
            "taskId": task_id,
            "percent": percent,
            "summary": f"Khách hàng {c} báo cáo lần {i}",
            "evidence": [],
        }
        return REPORT, {"input": report}, percent
    name = f"Thôn Một ({c}-{i})"
    unit_id = str(unit_id_for("thon-1"))
    return RENAME, {"input": {"idempotencyKey": key, "unitId": unit_id, "name": name}}, name


def _client(url: str, task_id: str, c: int, commands: int, tally: Tally) -> None:
    rng = random.Random(c)
    with httpx.Client(timeout=60) as http:
        for i in range(commands):
            key = uuid.uuid4().hex
            text, variables, value = _command(rng, c, i, key, task_id)
            result: dict[str, Any] | None = None
            for _ in range(RETRIES):
                try:
                    result = mutate(http, url, text, variables, key)
                except httpx.TransportError:
                    continue
                except UntypedError as error:
                    with tally.lock:
                        tally.problems.append(str(error))
                    break
                if result["__typename"] != "Conflict":
                    break
                with tally.lock:
                    tally.conflicts_retried += 1
            if result is None:
                continue
            kind = result["__typename"]
            with tally.lock:
                if kind in SUCCESS:
                    tally.successes[key] = (kind, int(result["position"]), value)
                elif kind in TYPED_REFUSALS:
                    tally.refused[key] = kind
                else:
                    tally.problems.append(f"untyped or unexpected result {kind}")
            if kind in SUCCESS and i % 5 == 0:
                # A client that never heard the answer sends the same command again.
                again = mutate(http, url, text, variables, key)
                with tally.lock:
                    tally.duplicates += 1
                    if again.get("position") != result["position"]:
                        tally.problems.append(f"retry of {key} answered {again}, first {result}")


def run(backend: str, clients: int = 16, commands: int = 20) -> Outcome:
    outcome = Outcome(f"contention drill on {backend}")
    tally = Tally()
    began = time.monotonic()
    with scratch_database(backend, "contention") as url:
        setup = LedgerSystem(url)
        [task] = setup.assign_tasks(1)
        setup.close()
        with serving(url, BENCH_SERVE) as server:
            threads = [
                threading.Thread(target=_client, args=(server.url, str(task), c, commands, tally))
                for c in range(clients)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        outcome.problems.extend(tally.problems[:5])
        ledger = Ledger(Database.from_url(url))
        try:
            found = events_of(ledger, [*tally.successes, *tally.refused])
            for key, (_, position, _) in tally.successes.items():
                if found[key] != [position]:
                    outcome.problems.append(f"{key} answered {position}, log has {found[key]}")
            outcome.problems.extend(
                f"refused {k} left {found[k]}" for k in tally.refused if found[k]
            )
            reports = sorted(
                (pos, value)
                for kind, pos, value in tally.successes.values()
                if kind == "TaskChanged"
            )
            renames = sorted(
                (pos, value)
                for kind, pos, value in tally.successes.values()
                if kind == "UnitChanged"
            )
            with ledger.reading() as sql:
                row = get_task(sql, str(task))
                unit = get_unit(sql, str(unit_id_for("thon-1")))
            assert row is not None
            assert unit is not None
            if row["progress_reports"] != len(reports):
                outcome.problems.append(
                    f"lost update: {len(reports)} reports succeeded, "
                    f"task counts {row['progress_reports']}"
                )
            if reports and row["percent"] != reports[-1][1]:
                outcome.problems.append(
                    f"task shows {row['percent']}%, last report {reports[-1][1]}%"
                )
            if renames and unit["name"] != renames[-1][1]:
                outcome.problems.append(f"unit named {unit['name']}, last rename {renames[-1][1]}")
        finally:
            ledger.close()
        outcome.problems.extend(f"views: {d}" for d in check_views(url)[:3])
    outcome.figures = {
        "clients": clients,
        "commands": clients * commands,
        "succeeded": len(tally.successes),
        "conflicts retried": tally.conflicts_retried,
        "refused (typed)": len(tally.refused),
        "duplicates answered with the first result": tally.duplicates,
        "seconds": round(time.monotonic() - began),
    }
    return outcome


def _args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--commands", type=int, default=20)


if __name__ == "__main__":
    drill_main(lambda a: run(a.backend, a.clients, a.commands), _args)
