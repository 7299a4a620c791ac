"""How fast `socai verify` checks a large log, against baselines measured in the same run.

Generates a log of real domain events (units registered and renamed, turned into stored events
by the application's own mapper and inserted in bulk through the recorder, not through
commands), builds the ledger's tree and checkpoints with the follower, then times:

  read rows      reading every event row through the same snapshot reader verify uses
  sha-256 only   hashing every canonical record, without the tree
  verify         the whole of `socai verify`: read, hash, tree, every checkpoint's signature
                 and root, consistency between consecutive checkpoints

    python -m bench.verify --backend sqlite --events 200000
    python -m bench.verify --backend postgres --events 200000
    python -m bench.verify --url sqlite:///var/bench.db   # reuse a log generated earlier
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bench.common import scratch_database
from domain.application import Ledger
from domain.base import Stamp
from domain.unit import Unit
from projections.audit.follower import LedgerFollower
from projections.audit.notes import Signer
from projections.audit.records import record_leaf_hash
from projections.audit.snapshot import event_batches, snapshot
from projections.audit.verify import verify
from projections.storage import Database

RENAMES = 9  # events per unit: one registration and nine renames


@contextmanager
def store(backend: str, url: str | None) -> Iterator[str]:
    if url:
        yield url
        return
    with scratch_database(backend) as scratch:
        yield scratch


def generate(ledger: Ledger, events: int) -> None:
    stamp = Stamp("bench", "office", "QĐ 01/QĐ-UBND", "bench")
    units = -(-events // (RENAMES + 1))
    batch = []
    written = 0
    for n in range(units):
        unit = Unit.register(stamp, code=f"bench-{n}", kind="village", name="Thôn", parent=None)
        for r in range(RENAMES):
            unit.rename(stamp, f"Thôn Văn hóa kiểu mẫu số {n}.{r}")
        for event in unit.collect_events():
            if written == events:
                break
            batch.append(ledger.mapper.to_stored_event(event))
            written += 1
        if len(batch) >= 5000 or written == events:
            ledger.recorder.insert_events(batch)
            batch = []
        if written == events:
            break


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>11,.0f} events/s  ({seconds:.2f} s)"


@dataclass(frozen=True)
class VerifyFigures:
    """Seconds for each pass over one store's `events` events, and the verdict verify printed."""

    events: int
    follower_s: float
    read_s: float
    hash_s: float
    verify_s: float
    line: str
    ok: bool

    @property
    def verify_per_s(self) -> float:
        return self.events / self.verify_s

    @property
    def hash_per_s(self) -> float:
        return self.events / self.hash_s


def measure(database_url: str) -> VerifyFigures:
    """Builds the tree and checkpoints of the store at `database_url` with the follower (with a
    key made here), then times reading, hashing and verifying its whole log."""
    ledger = Ledger(Database.from_url(database_url))
    try:
        signer = Signer.generate("socai.bench")
        started = time.perf_counter()
        follower = LedgerFollower(ledger, signer, every=10_000, seconds=3600, batch=5000)
        total = follower.catch_up(checkpoint=True).size
        built = time.perf_counter() - started

        started = time.perf_counter()
        rows = 0
        with snapshot(ledger) as db:
            for batch in event_batches(db):
                rows += len(batch)
        read_only = time.perf_counter() - started

        started = time.perf_counter()
        with snapshot(ledger) as db:
            for batch in event_batches(db):
                for position, stream, version, topic, state_bytes in batch:
                    record_leaf_hash(position, stream, version, topic, state_bytes)
        hashing = time.perf_counter() - started

        started = time.perf_counter()
        outcome = verify(ledger, signer.verifier)
        verifying = time.perf_counter() - started
    finally:
        ledger.close()
    assert rows == total, (rows, total)
    return VerifyFigures(total, built, read_only, hashing, verifying, outcome.line(), outcome.ok)


def run(backend: str, url: str | None, events: int) -> None:
    with store(backend, url) as database_url:
        ledger = Ledger(Database.from_url(database_url))
        try:
            existing = ledger.recorder.max_notification_id() or 0
            if existing < events:
                started = time.perf_counter()
                generate(ledger, events - existing)
                print(f"generated {events - existing:,} events in "
                      f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        finally:
            ledger.close()
        f = measure(database_url)
    assert f.ok, f.line
    print(f"{backend}: {f.events:,} events, {f.line}")
    print(f"  follower (tree + checkpoints) {rate(f.events, f.follower_s)}")
    print(f"  baseline: read rows           {rate(f.events, f.read_s)}")
    print(f"  baseline: read + sha-256 only {rate(f.events, f.hash_s)}")
    print(f"  socai verify                  {rate(f.events, f.verify_s)}   target ≥ 100,000")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--url", help="an existing store to use (and fill up to --events)")
    args = parser.parse_args()
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    for backend in backends:
        run(Database.from_url(args.url).backend if args.url else backend, args.url, args.events)
        if args.url:
            break


if __name__ == "__main__":
    main()
