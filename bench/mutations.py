"""Mutation throughput and latency through the application, against the library's bare `save()`.

Each workload runs twice in the same run on fresh stores of the same backend: through `Ledger`
(authority, idempotency key, the aggregate's rules, views, history and consistency checks in
the event transaction), and as the baseline — the same aggregate commands, so the same events,
saved with the library's plain `Application.save()` (no views, no idempotency). Clients are
threads, each with its own tasks, so the figures measure the write path, not collisions (the
contention drill measures those).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import JSONTranscoder
from eventsourcing.utils import Environment

from bench.common import Load, scratch_database
from domain.application import Ledger
from domain.authority import SYSTEM, Actor, Role
from domain.base import DateAsISO, Stamp, StampAsDict
from domain.ledger import Request
from domain.program import Program
from domain.task import Task
from domain.unit import Unit, unit_id_for
from projections.storage import Database

OFFICE = Actor("office-bench", Role.OFFICE)
TASKS = 64  # a multiple of every client count, so each client has tasks of its own
VILLAGES = 8
DUE = date(2026, 12, 31)


def stamp() -> Stamp:
    return Stamp(OFFICE.id, OFFICE.role.value, "", f"bench-{uuid.uuid4().hex[:8]}")


def request() -> Request:
    return Request(OFFICE, idempotency_key=uuid.uuid4().hex, correlation_id="bench")


class BareApplication(Application[UUID]):
    """The library's application on the same backend and transcodings, with its own recorder:
    `save()` appends events and nothing else."""

    name = "socai"

    def __init__(self, database: Database) -> None:
        database.prepare()
        env = dict(database.eventsourcing_env())
        env.pop("APPLICATION_RECORDER_TOPIC")
        # The library's defaults otherwise: no aggregate cache, every load reads the stream.
        env.pop("AGGREGATE_CACHE_MAXSIZE")
        env.pop("AGGREGATE_CACHE_FASTFORWARD")
        super().__init__(env=env)

    def construct_env(self, name: str, env: Mapping[str, str] | None = None) -> Environment:
        return Environment(name, dict(env or {}))

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())
        transcoder.register(StampAsDict())


class System(Protocol):
    """A way to record the benchmark's commands: through the ledger, or bare."""

    def assign_tasks(self, count: int) -> list[UUID]: ...

    def report_progress(self, task_id: UUID, percent: int) -> None: ...

    def register_unit(self, code: str) -> None: ...

    def close(self) -> None: ...


class LedgerSystem:
    def __init__(self, url: str) -> None:
        self.ledger = Ledger(Database.from_url(url))
        self.ledger.adopt_program(Request(SYSTEM, "bench:adopt", "bench"))
        for n in range(VILLAGES):
            self.ledger.register_unit(
                request(), code=f"thon-{n}", kind="village", name=f"Thôn {n}", parent_id=None
            )

    def assign_tasks(self, count: int) -> list[UUID]:
        return [
            self.ledger.assign_task(
                request(),
                title=f"Nhiệm vụ {n}",
                description="",
                area="III.4",
                phase="phase-1",
                lead_unit_id=unit_id_for(f"thon-{n % VILLAGES}"),
                coordinating_unit_ids=[],
                due_date=DUE,
            ).id
            for n in range(count)
        ]

    def report_progress(self, task_id: UUID, percent: int) -> None:
        self.ledger.report_progress(
            request(),
            task_id=task_id,
            percent=percent,
            summary="Đã lắp đặt thêm camera",
            evidence=["BB 03/2026"],
        )

    def register_unit(self, code: str) -> None:
        self.ledger.register_unit(
            request(), code=code, kind="party_cell", name=f"Chi bộ {code}", parent_id=None
        )

    def close(self) -> None:
        self.ledger.close()


class BareSystem:
    def __init__(self, url: str) -> None:
        self.app = BareApplication(Database.from_url(url))
        self.program = Program.adopt(stamp())
        self.villages = [
            Unit.register(stamp(), code=f"thon-{n}", kind="village", name=f"Thôn {n}", parent=None)
            for n in range(VILLAGES)
        ]
        self.app.save(self.program, *self.villages)

    def assign_tasks(self, count: int) -> list[UUID]:
        tasks = [
            Task.assign(
                stamp(),
                title=f"Nhiệm vụ {n}",
                description="",
                area=self.program.item("task_area", "III.4"),
                phase=self.program.item("phase", "phase-1"),
                lead=self.villages[n % VILLAGES],
                coordinating=[],
                due_date=DUE,
            )
            for n in range(count)
        ]
        for task in tasks:
            self.app.save(task)
        return [t.id for t in tasks]

    def report_progress(self, task_id: UUID, percent: int) -> None:
        task: object = self.app.repository.get(task_id)
        assert isinstance(task, Task)
        task.report_progress(
            stamp(), percent=percent, summary="Đã lắp đặt thêm camera", evidence=["BB 03/2026"]
        )
        self.app.save(task)

    def register_unit(self, code: str) -> None:
        self.app.save(
            Unit.register(stamp(), code=code, kind="party_cell", name=f"Chi bộ {code}", parent=None)
        )

    def close(self) -> None:
        self.app.close()


SYSTEMS: dict[str, Callable[[str], System]] = {"ledger": LedgerSystem, "bare": BareSystem}


@contextmanager
def system(kind: str, backend: str) -> Iterator[System]:
    with scratch_database(backend, f"mut_{kind}") as url:
        built = SYSTEMS[kind](url)
        try:
            yield built
        finally:
            built.close()


def run_load(operation: Callable[[int, int], None], operations: int, clients: int) -> Load:
    """`operations` calls spread over `clients` threads; client `c` makes calls `(c, i)`."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    start = threading.Barrier(clients + 1)

    def client(c: int) -> None:
        if clients > 1:
            start.wait()
        for i in range(c, operations, clients):
            began = time.perf_counter()
            try:
                operation(c, i // clients)
            except Exception:
                errors[c] += 1
                continue
            latencies[c].append(time.perf_counter() - began)

    began = time.perf_counter()
    cpu_began = time.process_time()
    if clients == 1:
        client(0)  # in this thread, where a profiler sees it
    else:
        threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
        for t in threads:
            t.start()
        start.wait()
        began = time.perf_counter()
        for t in threads:
            t.join()
    seconds = time.perf_counter() - began
    flat = tuple(x for per in latencies for x in per)
    return Load(len(flat), seconds, flat, sum(errors), time.process_time() - cpu_began)


@dataclass(frozen=True)
class MutationFigures:
    workload: str
    backend: str
    clients: int
    ledger: Load
    bare: Load


def report_progress_load(s: System, operations: int, clients: int) -> Load:
    tasks = s.assign_tasks(TASKS)
    per_client = TASKS // clients

    def operation(c: int, i: int) -> None:
        s.report_progress(tasks[c + clients * (i % per_client)], (i * 7) % 101)

    return run_load(operation, operations, clients)


def register_unit_load(s: System, operations: int, clients: int) -> Load:
    run = uuid.uuid4().hex[:6]
    return run_load(lambda c, i: s.register_unit(f"cb-{run}-{c}-{i}"), operations, clients)


WORKLOADS: dict[str, Callable[[System, int, int], Load]] = {
    "reportProgress": report_progress_load,
    "registerUnit": register_unit_load,
}
ROUNDS = 3


def measure(
    backend: str, operations: int, clients_levels: tuple[int, ...] = (1, 16)
) -> list[MutationFigures]:
    """Every workload at every client count, through the ledger and bare, on one backend.

    The two alternate in rounds, so that a machine busy with something else for a while
    weighs on both alike."""
    figures: list[MutationFigures] = []
    with system("bare", backend) as bare, system("ledger", backend) as ledger:
        for name, workload in WORKLOADS.items():
            for clients in clients_levels:
                loads: dict[str, list[Load]] = {"bare": [], "ledger": []}
                for s in (bare, ledger):
                    workload(s, max(clients, operations // 10), clients)  # warm up
                for _ in range(ROUNDS):
                    for kind, s in (("bare", bare), ("ledger", ledger)):
                        loads[kind].append(workload(s, operations // ROUNDS, clients))
                figures.append(
                    MutationFigures(
                        name,
                        backend,
                        clients,
                        Load.combine(loads["ledger"]),
                        Load.combine(loads["bare"]),
                    )
                )
    return figures


def describe(figures: list[MutationFigures]) -> list[dict[str, Any]]:
    return [
        {
            "workload": f.workload,
            "backend": f.backend,
            "clients": f.clients,
            "ledger_per_s": round(f.ledger.per_second),
            "bare_per_s": round(f.bare.per_second),
            "ledger_p99_ms": round(f.ledger.p99_ms, 1),
            # This process's CPU time per command (on PostgreSQL the server's work is apart).
            "ledger_cpu_ms": round(f.ledger.cpu_ms_per_operation, 2),
            "bare_cpu_ms": round(f.bare.cpu_ms_per_operation, 2),
            "errors": f.ledger.errors + f.bare.errors,
        }
        for f in figures
    ]


if __name__ == "__main__":
    import sys

    ops = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    for backend in sys.argv[2:] or ["sqlite", "postgres"]:
        for row in describe(measure(backend, ops)):
            print(row)
