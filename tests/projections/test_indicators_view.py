from __future__ import annotations

from typing import cast

from domain.base import LedgerAggregate, Stamp
from domain.indicator import Indicator
from domain.program import Program
from projections.fold import project
from projections.indicators import INDICATORS, score
from projections.viewstore import MemoryViewStore

STAMP = Stamp("office-1", "office", "Số liệu chốt", "c-1")


def test_measurements_are_kept_in_period_order_and_a_correction_replaces_its_period() -> None:
    program = Program.adopt(Stamp("socai", "system", "", "init"))
    indicator = Indicator.define(
        STAMP,
        code="rac-thai",
        criterion=program.item("criterion", "commune-8"),
        name_vi="Tỷ lệ rác thải được thu gom",
        name_en="",
        unit_of_measure="%",
        direction="increase",
        baseline="60",
        baseline_year=2025,
        targets={2026: "90"},
    )
    for period, value in [("2026-Q3", "85"), ("2026-03", "70"), ("2026-Q3", "86.5")]:
        indicator.measure(STAMP, period=period, value=value, source="Phòng KT", evidence=[])
    events = [cast(LedgerAggregate.Event, e) for e in indicator.collect_events()]
    store = MemoryViewStore()
    project(events, range(1, len(events) + 1), store)
    row = store.current(INDICATORS)[str(indicator.id)]
    assert [(m["period"], m["value"]) for m in row["measurements"]] == [
        ("2026-03", "70"),
        ("2026-Q3", "86.5"),
    ]
    standing = score(row, 2026)
    assert (standing["status"], standing["value"], standing["progress_percent"]) == (
        "not_met",
        "86.5",
        "88.3",
    )
    assert score(row, 2025)["status"] == "not_measured"
