"""Runs the benchmarks and prints one table: each figure beside a baseline measured in the same
run, their ratio, and the target.

    python -m bench.run --quick              # about a minute
    python -m bench.run                      # the full run
    python -m bench.run --only mutations --backends postgres
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from bench import as_of, http_mutations, memory, queries
from bench import rebuild as rebuild_bench
from bench import verify as verify_bench
from bench.common import BACKENDS, Figure, rate, ratio, scratch_database, table
from bench.drills import contention, crash, two_servers
from bench.generate import generate
from bench.mutations import measure as measure_mutations
from domain.application import Ledger
from projections.storage import Database

BACKEND_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
THROUGHPUT_TARGET = 0.8
REBUILD_TARGET = 30_000  # events/s
VERIFY_TARGET = 100_000  # events/s


@dataclass(frozen=True)
class Options:
    quick: bool
    backends: tuple[str, ...]

    @property
    def mutations(self) -> int:
        return 300 if self.quick else 2000

    @property
    def http_mutations(self) -> int:
        return 200 if self.quick else 1000

    @property
    def seconds(self) -> float:
        return 3 if self.quick else 10

    @property
    def events(self) -> int:
        return 50_000 if self.quick else 1_000_000


def mutation_figures(options: Options) -> list[Figure]:
    figures: list[Figure] = []
    for backend in options.backends:
        for f in measure_mutations(backend, options.mutations):
            share = f.ledger.per_second / f.bare.per_second if f.bare.per_second else 0.0
            figures.append(
                Figure(
                    measure=(
                        f"{f.workload} via Ledger, {BACKEND_NAMES[backend]}, "
                        f"{f.clients} client{'s' if f.clients > 1 else ''}"
                    ),
                    figure=rate(f.ledger),
                    baseline=f"bare save() {rate(f.bare)}",
                    ratio=ratio(f.ledger.per_second, f.bare.per_second),
                    target="≥ 80% throughput",
                    met=share >= THROUGHPUT_TARGET,
                )
            )
    return figures


def http_mutation_figures(options: Options) -> list[Figure]:
    figures: list[Figure] = []
    for backend in options.backends:
        bare = {f.clients: f.bare for f in measure_mutations(backend, options.mutations // 2)}
        for f in http_mutations.measure(backend, options.http_mutations):
            target = ""
            met = None
            if backend == "postgres" and f.clients == 16:
                target, met = "p99 ≤ 25 ms", f.load.p99_ms <= 25
            failed = f", {f.load.non_2xx} failed" if f.load.non_2xx else ""
            figures.append(
                Figure(
                    measure=(
                        f"reportProgress over HTTP, {BACKEND_NAMES[backend]}, "
                        f"{f.clients} client{'s' if f.clients > 1 else ''} ({f.client})"
                    ),
                    figure=f"{f.load.describe()}{failed}, server CPU {f.server_cpu_ms:.1f} ms/req",
                    baseline=f"bare save() in-process {rate(bare[f.clients])}",
                    ratio=ratio(f.load.requests_per_second, bare[f.clients].per_second),
                    target=target,
                    met=met,
                )
            )
    return figures


def query_figures(options: Options) -> list[Figure]:
    figures: list[Figure] = []
    for backend in options.backends:
        for f in queries.measure(backend, options.seconds):
            share = f.graphql.requests_per_second / f.plain.requests_per_second
            is_board = f.query == "villageBoard"
            where = f"{BACKEND_NAMES[backend]}, 16 connections"
            figures.append(
                Figure(
                    measure=f"{f.query} query ({f.response_bytes:,} bytes), {where}",
                    figure=f.graphql.describe(),
                    baseline=f"plain Starlette, same bytes: {f.plain.describe()}",
                    ratio=f"{share:.0%}",
                    target="≥ 50% throughput" if is_board else "",
                    met=share >= 0.5 if is_board else None,
                )
            )
            if f.conditional is not None:
                figures.append(
                    Figure(
                        measure=f"{f.query} with If-None-Match (304), {where}",
                        figure=f.conditional.describe(),
                        baseline="the same plain endpoint",
                        ratio=ratio(f.conditional.requests_per_second, f.plain.requests_per_second),
                    )
                )
    return figures


def memory_figures(options: Options) -> list[Figure]:
    figures: list[Figure] = []
    for backend in options.backends:
        found = memory.measure(backend, options.events)
        measure = f"server peak RSS, {options.events:,}-event store, {BACKEND_NAMES[backend]}"
        if found is None:
            figures.append(Figure(measure, "n/a: bench.generate is not in this build yet"))
            continue
        figures.append(
            Figure(
                measure=measure,
                figure=(
                    f"{found.peak_mb:.0f} MB (now {found.rss_mb:.0f} MB), "
                    f"after {found.writes:,} progress reports"
                ),
                baseline=f"generated in {found.generate_s:.0f} s, views in {found.rebuild_s:.0f} s",
                target=f"≤ {memory.TARGET_MB} MB",
                met=found.peak_mb <= memory.TARGET_MB,
            )
        )
    return figures


def audit_figures(options: Options) -> list[Figure]:
    """The auditor's measures on one generated log per backend: `socai rebuild`, `socai verify`
    and the `asOf` village boards, each against its baseline from the same store and run."""
    figures: list[Figure] = []
    for backend in options.backends:
        name = BACKEND_NAMES[backend]
        with scratch_database(backend, "audit") as url:
            ledger = Ledger(Database.from_url(url))
            try:
                generate(ledger, options.events)
            finally:
                ledger.close()
            built = rebuild_bench.measure(backend, 0, 1_000 if options.quick else 3_000, url)
            ledger = Ledger(Database.from_url(url))
            try:
                boards = as_of.measure(ledger, rounds=3 if options.quick else 5)
            finally:
                ledger.close()
            checked = verify_bench.measure(url)
        figures.append(
            Figure(
                measure=f"socai rebuild, {built.events:,}-event log, {name}",
                figure=(
                    f"{built.rebuild_per_s:,.0f} events/s "
                    f"({built.rebuild_cpu_us:.0f} µs CPU/event, peak {built.peak_mb:,.0f} MB)"
                ),
                baseline=(
                    f"one transaction per event {built.per_event_txn_per_s:,.0f}/s; "
                    f"decode only {built.fast_decode_per_s:,.0f}/s"
                ),
                ratio=f"{built.rebuild_per_s / built.per_event_txn_per_s:.1f}x",
                target=f"≥ {REBUILD_TARGET:,} events/s",
                met=built.rebuild_per_s >= REBUILD_TARGET,
            )
        )
        figures.append(
            Figure(
                measure=f"socai verify, {checked.events:,}-event log, {name}",
                figure=f"{checked.verify_per_s:,.0f} events/s" + ("" if checked.ok else " FAILED"),
                baseline=f"read + SHA-256 of every record only {checked.hash_per_s:,.0f}/s",
                ratio=ratio(checked.verify_per_s, checked.hash_per_s),
                target=f"≥ {VERIFY_TARGET:,} events/s",
                met=checked.ok and checked.verify_per_s >= VERIFY_TARGET,
            )
        )
        _, current, _, _ = boards[0]
        label, slowest, _, _ = max(boards[1:], key=lambda b: b[1])
        worst = slowest / current
        figures.append(
            Figure(
                measure=f"asOf village boards, {built.events:,}-event log, {name}",
                figure=f"slowest {slowest * 1000:,.1f} ms ({label})",
                baseline=f"current boards {current * 1000:,.1f} ms",
                ratio=f"{worst:.2f}x",
                target=f"≤ {as_of.TARGET:.0f}x the current board",
                met=worst <= as_of.TARGET,
            )
        )
    return figures


def drill_figures(options: Options) -> list[Figure]:
    figures: list[Figure] = []
    for backend in options.backends:
        outcomes = [
            crash.run(backend, kills=5 if options.quick else 20),
            contention.run(backend, commands=6 if options.quick else 20),
            two_servers.run(backend, rounds=10 if options.quick else 40),
        ]
        for outcome in outcomes:
            figures.append(Figure(outcome.name, outcome.line(), met=outcome.passed))
    return figures


SECTIONS: dict[str, Callable[[Options], list[Figure]]] = {
    "mutations": mutation_figures,
    "http": http_mutation_figures,
    "queries": query_figures,
    "memory": memory_figures,
    "audit": audit_figures,
    "drills": drill_figures,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer operations: about a minute")
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"sections, comma-separated: {', '.join(SECTIONS)}",
    )
    parser.add_argument("--backends", default=",".join(BACKENDS), help="sqlite,postgres")
    parser.add_argument("--json", help="also write the figures to this file as JSON")
    args = parser.parse_args(argv)
    options = Options(quick=args.quick, backends=tuple(args.backends.split(",")))
    figures: list[Figure] = []
    began = time.perf_counter()
    drills: list[Figure] = []
    for name in args.only.split(","):
        section = SECTIONS[name](options)
        (drills if name == "drills" else figures).extend(section)
        for line in table(section).splitlines() if name != "drills" else []:
            print(line, file=sys.stderr, flush=True)
    if figures:
        print(table(figures))
    for drill in drills:
        print(drill.figure)
    print(f"\n{len(figures)} figures, {len(drills)} drills in {time.perf_counter() - began:.0f} s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump([asdict(x) for x in figures + drills], f, ensure_ascii=False, indent=1)
    return 0 if all(d.met for d in drills) else 1


if __name__ == "__main__":
    raise SystemExit(main())
