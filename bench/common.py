"""What every benchmark shares: scratch stores made and dropped here, latency summaries, the
table they print."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass

import psycopg
from psycopg import sql

from projections.storage import Database

POSTGRES_SERVER = os.environ.get(
    "SOCAI_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
)
BACKENDS = ("sqlite", "postgres")


def stat_fields(pid: int) -> list[str]:
    """The fields of /proc/<pid>/stat after the command's name (field 4, the parent, first)."""
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()


def process_tree(pid: int) -> set[int]:
    """A process and its living descendants (Linux: /proc), e.g. the worker processes of
    `socai serve --workers N` or the second process of `socai rebuild`."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with suppress(OSError):  # gone meanwhile
                parents[int(entry)] = int(stat_fields(int(entry))[1])
    tree = {pid}
    grew = True
    while grew:
        grew = False
        for child, parent in parents.items():
            if parent in tree and child not in tree:
                tree.add(child)
                grew = True
    return tree


@contextmanager
def scratch_database(backend: str, label: str = "bench") -> Iterator[str]:
    """A store of its own: a SQLite file in a temporary folder, or a PostgreSQL database that
    is created here and dropped afterwards, whatever happens in between."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix=f"socai-{label}-") as folder:
            yield f"sqlite:///{folder}/socai.db"
        return
    server = Database.from_url(POSTGRES_SERVER)
    name = f"socai_{label}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server.admin_conninfo(), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        auth = server.user + (f":{server.password}" if server.password else "")
        yield f"postgresql://{auth}@{server.host}:{server.port}/{name}?schema=commune"
    finally:
        with psycopg.connect(server.admin_conninfo(), autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def percentile(samples: Sequence[float], p: float) -> float:
    """The nearest-rank percentile of `samples` (p in 0..100); 0 for no samples."""
    if not samples:
        return 0.0
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


@dataclass(frozen=True)
class Load:
    """What a load run measured: operations, wall time, and each operation's latency."""

    operations: int
    seconds: float
    latencies: tuple[float, ...]
    errors: int = 0
    cpu_seconds: float = 0.0  # this process's CPU time over the load, all threads

    @classmethod
    def combine(cls, loads: Sequence[Load]) -> Load:
        return cls(
            sum(x.operations for x in loads),
            sum(x.seconds for x in loads),
            tuple(t for x in loads for t in x.latencies),
            sum(x.errors for x in loads),
            sum(x.cpu_seconds for x in loads),
        )

    @property
    def cpu_ms_per_operation(self) -> float:
        return self.cpu_seconds * 1000 / self.operations if self.operations else 0.0

    @property
    def per_second(self) -> float:
        return self.operations / self.seconds if self.seconds else 0.0

    @property
    def p50_ms(self) -> float:
        return percentile(self.latencies, 50) * 1000

    @property
    def p99_ms(self) -> float:
        return percentile(self.latencies, 99) * 1000


@dataclass(frozen=True)
class Figure:
    """One line of the table: a measure, its figure, the baseline measured in the same run."""

    measure: str
    figure: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    met: bool | None = None


def ratio(value: float, base: float) -> str:
    return f"{value / base:.0%}" if base else "–"


def rate(load: Load, unit: str = "/s") -> str:
    return f"{load.per_second:,.0f}{unit} p50 {load.p50_ms:.1f} ms p99 {load.p99_ms:.1f} ms"


def table(figures: Sequence[Figure]) -> str:
    """A Markdown table, so the same text goes to the terminal and to the README."""
    header = ("measure", "figure", "baseline in the same run", "ratio", "target")
    rows = [
        (
            f.measure,
            f.figure,
            f.baseline,
            f.ratio,
            f.target + ("" if f.met is None else (" ✓" if f.met else " ✗")),
        )
        for f in figures
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *(line(r) for r in rows)])
