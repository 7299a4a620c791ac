"""How fast `socai rebuild` folds a large log, against baselines measured in the same run.

For each backend it makes a scratch store (a SQLite file in a temporary folder; a PostgreSQL
database created and dropped here), generates the log with `bench.generate`, then measures:

- decode only: reading the log in batches and decoding it, with the application's mapper and
  with the rebuild's own decoder (`projections.decode`), the floor under any fold;
- one transaction per event: the library's projection-runner style (fold one event with the
  live `SqlViewStore`, record the position, commit), on the log's first events;
- rebuild: `socai rebuild` over the whole log, run as its own process, with its CPU time per
  event and its peak memory, all its processes together (wall-clock figures depend on what else
  the machine runs; CPU time does much less).

    python -m bench.rebuild --events 1000000 --backend sqlite --backend postgres
    python -m bench.rebuild --database-url sqlite:///var/log1m.db   # a log generated before

A generated log can be kept and measured again (`python -m bench.generate --events 1000000
--database-url …`, then `--database-url`): the rebuild leaves the log as it was.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from contextlib import ExitStack, suppress
from dataclasses import dataclass
from pathlib import Path

from bench.common import process_tree, scratch_database
from bench.generate import generate
from bench.memory import status_mb
from domain.application import Ledger
from projections.decode import FastDecoder
from projections.fold import project
from projections.rebuild import ShadowSql, _create_shadow, _raw_reader, decode_batch, writing
from projections.storage import Database
from projections.viewstore import SqlViewStore

ROOT = Path(__file__).resolve().parent.parent
REBUILT = re.compile(
    r"from (?P<events>[\d,]+) events .* in (?P<seconds>[\d.]+) s.* waited (?P<locked>[\d.]+) s"
)


@dataclass(frozen=True)
class Figures:
    backend: str
    events: int
    generated_per_s: float
    decode_per_s: float
    fast_decode_per_s: float
    per_event_txn_per_s: float
    rebuild_per_s: float
    rebuild_cpu_us: float
    locked_s: float
    peak_mb: float  # the rebuild's processes together, at their largest


def decode_only(ledger: Ledger, batch: int = 10_000) -> float:
    started, position, done = time.perf_counter(), 0, 0
    while notes := ledger.store.select_notifications(start=position + 1, limit=batch):
        decode_batch(ledger, notes)
        position, done = notes[-1].id, done + len(notes)
    return done / (time.perf_counter() - started)


def fast_decode_only(ledger: Ledger, batch: int = 10_000) -> float:
    """What the rebuild's bulk pass does before its fold: raw rows, decoded by orjson."""
    decode = FastDecoder(ledger.mapper).decode
    stop = int(ledger.store.max_notification_id() or 0)
    started, position, done = time.perf_counter(), 0, 0
    with _raw_reader(ledger.database, ledger.store) as select:
        while rows := select(position, stop, batch):
            decode(rows)
            position, done = rows[-1][0], done + len(rows)
    return done / (time.perf_counter() - started)


def one_transaction_per_event(ledger: Ledger, sample: int) -> float:
    """Folds the log's first `sample` events, one transaction each, into empty tables beside
    the live ones (the rebuild's shadow tables, which the rebuild that follows makes again)."""
    with writing(ledger.store) as sql:
        _create_shadow(sql)
    notes = ledger.store.select_notifications(start=1, limit=sample)
    started = time.perf_counter()
    for note, event in zip(notes, decode_batch(ledger, notes), strict=True):
        with writing(ledger.store) as sql:
            views = SqlViewStore(ShadowSql(sql))
            project([event], [note.id], views)
            views.finish()
    return len(notes) / (time.perf_counter() - started)


def measure(backend: str, events: int, sample: int, url: str | None = None) -> Figures:
    with ExitStack() as stack:
        generated = 0.0
        if url is None:
            url = stack.enter_context(scratch_database(backend))
        ledger = Ledger(Database.from_url(url))
        try:
            if events:
                started = time.perf_counter()
                generate(ledger, events)
                generated = events / (time.perf_counter() - started)
            decoded = decode_only(ledger)
            fast = fast_decode_only(ledger)
            per_event = one_transaction_per_event(ledger, sample)
        finally:
            ledger.close()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "cli.py"), "rebuild"],
            env={**os.environ, "DATABASE_URL": url},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        peak = _TreeMemory(process.pid)
        output, _ = process.communicate()
        peak.stop()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if process.returncode != 0:
            raise SystemExit(f"socai rebuild failed:\n{output}")
    found = REBUILT.search(output)
    assert found, output
    rebuilt = int(found["events"].replace(",", ""))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Figures(
        backend=backend,
        events=rebuilt,
        generated_per_s=generated,
        decode_per_s=decoded,
        fast_decode_per_s=fast,
        per_event_txn_per_s=per_event,
        rebuild_per_s=rebuilt / float(found["seconds"]),
        rebuild_cpu_us=cpu / rebuilt * 1e6,
        locked_s=float(found["locked"]),
        peak_mb=max(peak.peak_mb, after.ru_maxrss / 1024),
    )


class _TreeMemory:
    """The largest sum of the resident sets of a process and its descendants, sampled from
    `/proc` five times a second (the rebuild's two processes hold different rows; where `/proc`
    is missing, the largest single process's figure from `getrusage` stands)."""

    def __init__(self, pid: int) -> None:
        self.peak_mb = 0.0
        self._pid = pid
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._done.wait(0.2):
            with suppress(OSError):  # /proc missing
                self.peak_mb = max(self.peak_mb, sum(map(_rss_mb, process_tree(self._pid))))


def _rss_mb(pid: int) -> float:
    with suppress(OSError):  # gone meanwhile
        return status_mb(pid, "VmRSS")
    return 0.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument(
        "--database-url", help="measure a log generated before (no new events are added)"
    )
    parser.add_argument("--sample", type=int, default=3_000, help="events folded one per txn")
    parser.add_argument(
        "--backend", action="append", choices=["sqlite", "postgres"], help="repeatable"
    )
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} CPUs, load average {load:.1f} at the start", flush=True)
    if args.database_url:
        runs = [(Database.from_url(args.database_url).backend, args.database_url)]
    else:
        runs = [(backend, None) for backend in args.backend or ["sqlite", "postgres"]]
    for backend, url in runs:
        f = measure(backend, 0 if url else args.events, args.sample, url)
        made = f"generated at {f.generated_per_s:,.0f}/s" if not url else "a log made before"
        print(
            f"{f.backend}: {f.events:,} events; {made}\n"
            f"  decode only, mapper       {f.decode_per_s:>10,.0f} events/s\n"
            f"  decode only, orjson       {f.fast_decode_per_s:>10,.0f} events/s\n"
            f"  one transaction per event {f.per_event_txn_per_s:>10,.0f} events/s "
            f"(sample of {args.sample:,})\n"
            f"  rebuild                   {f.rebuild_per_s:>10,.0f} events/s  "
            f"= {f.rebuild_per_s / f.per_event_txn_per_s:.1f}x one-per-transaction, "
            f"{f.rebuild_per_s / f.fast_decode_per_s:.2f}x decode only (orjson); "
            f"{f.rebuild_cpu_us:.0f} us CPU per event; writers waited {f.locked_s:.1f} s; "
            f"peak memory {f.peak_mb:,.0f} MB",
            flush=True,
        )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
