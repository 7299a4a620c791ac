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

from bench.common import BACKENDS, Figure, rate, ratio, table
from bench.mutations import measure as measure_mutations

BACKEND_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
THROUGHPUT_TARGET = 0.8


@dataclass(frozen=True)
class Options:
    quick: bool
    backends: tuple[str, ...]

    @property
    def mutations(self) -> int:
        return 300 if self.quick else 2000


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


SECTIONS: dict[str, Callable[[Options], list[Figure]]] = {
    "mutations": mutation_figures,
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
    for name in args.only.split(","):
        section = SECTIONS[name](options)
        figures.extend(section)
        print(table(section), file=sys.stderr, flush=True)
    print(table(figures))
    print(f"\n{len(figures)} figures in {time.perf_counter() - began:.0f} s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump([asdict(x) for x in figures], f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
