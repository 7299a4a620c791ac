"""An `asOf` village board against the current one, on a large generated log, in the same run.

The store is either given (`--database-url`, a store whose views are built, e.g. a generated log
after `socai rebuild`) or made here: a scratch store, `bench.generate` for `--events` events,
then `socai rebuild`. Each measure is the board of every active village (`village_boards`, what
the `villageBoard` query reads, in one read transaction) read now and as of a few log positions;
the reads alternate in rounds so that a busy machine weighs on all of them alike, and each
figure is the median over the rounds.

    python -m bench.as_of --database-url sqlite:///var/bench.db
    python -m bench.as_of --events 1000000 --backend postgres
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack

from bench.common import scratch_database
from domain.application import Ledger
from projections.board import village_boards
from projections.read import head_position
from projections.storage import Database

FRACTIONS = (0.1, 0.5, 0.9, 1.0)  # of the log's head: the positions read as of
ON = "2026-11-30"
TARGET = 2.0


def board_seconds(ledger: Ledger, at: int | None) -> tuple[float, float, int]:
    """One read of every village's board: its seconds, this process's CPU seconds (SQLite works
    inside it; PostgreSQL's server does not count), and how many tasks the boards show."""
    started, cpu = time.perf_counter(), time.process_time()
    with ledger.reading() as sql:
        boards, _ = village_boards(sql, on=ON, first=200, at=at)
    shown = sum(len(b.tasks) for b in boards)
    return time.perf_counter() - started, time.process_time() - cpu, shown


def measure(ledger: Ledger, rounds: int) -> list[tuple[str, float, float, int]]:
    with ledger.reading() as sql:
        head = head_position(sql)
    positions: list[tuple[str, int | None]] = [("current board", None)]
    positions += [(f"asOf position {round(head * f):,}", round(head * f)) for f in FRACTIONS]
    for _, at in positions:  # warm the caches once
        board_seconds(ledger, at)
    samples: dict[str, list[float]] = {label: [] for label, _ in positions}
    cpu: dict[str, list[float]] = {label: [] for label, _ in positions}
    tasks: dict[str, int] = {}
    for _ in range(rounds):
        for label, at in positions:
            seconds, cpu_seconds, shown = board_seconds(ledger, at)
            samples[label].append(seconds)
            cpu[label].append(cpu_seconds)
            tasks[label] = shown
    median = statistics.median
    return [
        (label, median(samples[label]), median(cpu[label]), tasks[label]) for label, _ in positions
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="a store with its views built (else one is made)")
    parser.add_argument("--events", type=int, default=1_000_000, help="for a store made here")
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start", flush=True)
    with ExitStack() as stack:
        url = args.database_url
        if not url:
            from bench.generate import generate
            from projections.rebuild import rebuild_views

            url = stack.enter_context(scratch_database(args.backend, "asof"))
            ledger = Ledger(Database.from_url(url))
            try:
                generate(ledger, args.events)
                rebuild_views(ledger)
            finally:
                ledger.close()
        ledger = Ledger(Database.from_url(url))
        try:
            with ledger.reading() as sql:
                head = head_position(sql)
            figures = measure(ledger, args.rounds)
        finally:
            ledger.close()
    _, current, current_cpu, _ = figures[0]
    backend = Database.from_url(url).backend
    print(f"village boards, {backend}, log of {head:,} events, median of {args.rounds} rounds")
    worst = 0.0
    for label, seconds, cpu, tasks in figures:
        ratio = seconds / current
        worst = max(worst, ratio)
        print(
            f"  {label:<26} {seconds * 1000:9.1f} ms {ratio:5.2f}x   CPU {cpu * 1000:8.1f} ms "
            f"{cpu / current_cpu:5.2f}x   {tasks:>6,} tasks shown"
        )
    verdict = "✓" if worst <= TARGET else "✗"
    print(
        f"slowest asOf board at {worst:.2f}x the current board (target ≤ {TARGET:.0f}x) {verdict}"
    )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
