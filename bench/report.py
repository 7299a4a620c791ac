"""Benchmark: the periodic report upward and the yearly scorecard, against a baseline query
run in the same process on the same store.

    python bench/report.py [EXTRA]     (DATABASE_URL picks the store; default a fresh SQLite
                                        file in a temporary folder)

Loads the demo commune, then EXTRA more of each: tasks with a progress report, citizens'
feedback (half of them answered) and budget allocations. Times, as the median of repeated
calls, each on its own read transaction:

- baseline: one page of 200 history events (`list_history`), and the village board;
- `periodic_report` (every section, from the views), and rendering it as HTML;
- `scorecard` for 2026 and `response_by_unit`.
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import demo
from domain.application import Ledger
from domain.authority import Actor, Role
from domain.ledger import Request
from projections.board import village_boards
from projections.feedback import response_by_unit
from projections.history import list_history
from projections.indicators import scorecard
from projections.report import periodic_report
from projections.storage import Database, Sql
from reports.periodic import render

OFFICE = Actor("office-bench", Role.OFFICE)
CITIZEN = Actor("citizen-bench", Role.PUBLIC)
REPEATS = 7


def command(actor: Actor, day: str) -> Request:
    return Request(
        actor,
        uuid.uuid4().hex,
        correlation_id="bench",
        effective_date=datetime.date.fromisoformat(day),
    )


def grow(ledger: Ledger, extra: int) -> None:
    villages = [demo.unit(f"thon-{s}") for s in ("dong", "doai", "mo", "kim-son", "du-le")]
    for n in range(extra):
        village = villages[n % len(villages)]
        day = f"2026-{1 + n % 11:02d}-{1 + n % 27:02d}"
        task = ledger.assign_task(
            command(OFFICE, day),
            title=f"Nhiệm vụ {n}",
            description="",
            area=f"III.{1 + n % 5}",
            phase="phase-1",
            lead_unit_id=village,
            coordinating_unit_ids=[],
            due_date=datetime.date(2026, 12, 31),
        ).id
        ledger.report_progress(
            command(OFFICE, day), task_id=task, percent=50, summary="Một nửa", evidence=[]
        )
        feedback = ledger.submit_feedback(
            command(CITIZEN, day),
            channel="online",
            topic="Ý kiến",
            text=f"Ý kiến số {n}",
            unit_id=village,
        ).id
        if n % 2:
            ledger.acknowledge_feedback(command(OFFICE, day), feedback_id=feedback)
            ledger.answer_feedback(command(OFFICE, day), feedback_id=feedback, answer="Đã xử lý")
        ledger.allocate_budget(
            command(OFFICE, day),
            target_kind="task",
            target_id=str(task),
            year=2026,
            amount=1_000_000 + n,
            sector="Văn hóa",
            decision_ref=f"QĐ {n}",
        )


def timed(ledger: Ledger, query: Callable[[Sql], Any]) -> float:
    """The median of REPEATS calls, in milliseconds."""
    times: list[float] = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        with ledger.reading() as sql:
            query(sql)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    extra = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    folder = tempfile.mkdtemp()
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.db"
    ledger = Ledger(Database.from_url(url))
    started = time.perf_counter()
    demo.load(ledger)
    grow(ledger, extra)
    head = ledger.recorder.max_notification_id() or 0
    loaded = time.perf_counter() - started
    print(f"store: {url.split(':')[0]}, {head} events, loaded in {loaded:.1f} s")
    report = None

    def build(sql: Sql) -> None:
        nonlocal report
        report = periodic_report(sql, since="2026-01-01", until="2026-11-30")

    figures = {
        "baseline: history page (200 events)": timed(
            ledger, lambda sql: list_history(sql, first=200, after_position=head // 2)
        ),
        "baseline: village boards (50)": timed(
            ledger, lambda sql: village_boards(sql, on="2026-11-30", first=50)
        ),
        "periodicReport (every section)": timed(ledger, build),
        "scorecard 2026": timed(ledger, lambda sql: scorecard(sql, year=2026)),
        "feedback response by unit": timed(
            ledger, lambda sql: response_by_unit(sql, on="2026-11-30")
        ),
    }
    assert report is not None
    started = time.perf_counter()
    for _ in range(REPEATS):
        render(report, printed_on=datetime.date(2026, 11, 30))
    figures["HTML render of the report"] = (time.perf_counter() - started) * 1000 / REPEATS
    for name, ms in figures.items():
        print(f"{name:40s} {ms:8.1f} ms")
    ledger.close()


if __name__ == "__main__":
    main()
