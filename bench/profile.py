"""Profiles the write path: one mutation workload through the ledger under pyinstrument.

python -m bench.profile --backend postgres --workload reportProgress --operations 500
"""

from __future__ import annotations

import argparse

from pyinstrument import Profiler

from bench.mutations import WORKLOADS, system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="postgres")
    parser.add_argument("--workload", choices=tuple(WORKLOADS), default="reportProgress")
    parser.add_argument("--operations", type=int, default=500)
    parser.add_argument("--clients", type=int, default=1)
    parser.add_argument("--system", choices=("ledger", "bare"), default="ledger")
    parser.add_argument("--html", help="also write the profile as HTML to this file")
    args = parser.parse_args()
    workload = WORKLOADS[args.workload]
    with system(args.system, args.backend) as s:
        workload(s, max(args.clients, args.operations // 4), args.clients)  # warm up
        profiler = Profiler(interval=0.0005)
        profiler.start()
        load = workload(s, args.operations, args.clients)
        profiler.stop()
    print(f"{load.per_second:,.0f}/s p50 {load.p50_ms:.2f} ms p99 {load.p99_ms:.2f} ms")
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        with open(args.html, "w", encoding="utf-8") as f:
            f.write(profiler.output_html())


if __name__ == "__main__":
    main()
