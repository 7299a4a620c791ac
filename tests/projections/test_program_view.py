from __future__ import annotations

from datetime import date
from typing import cast

from domain.base import LedgerAggregate, Stamp
from domain.program import Program
from projections.fold import project
from projections.program import PROGRAM_ITEMS
from projections.viewstore import MemoryViewStore

STAMP = Stamp("socai", "system", "", "init")
AMENDED = Stamp("committee-1", "committee", "Giữa kỳ", "c-1", date(2028, 6, 1))


def test_amendments_version_the_catalog_rows_by_position() -> None:
    program = Program.adopt(STAMP)
    adopted = len(program.pending_events)
    program.revise_criterion(AMENDED, code="commune-3", text_vi="Dân làm chủ", text_en="")
    program.retire_criterion(AMENDED, code="commune-3")
    program.revise_target(
        AMENDED,
        model_type="socialist-school",
        target_kind="count",
        target_count=2,
        target_text_vi="02 Trường",
        target_text_en="",
    )
    events = [cast(LedgerAggregate.Event, e) for e in program.collect_events()]
    store = MemoryViewStore()
    project(events, range(1, len(events) + 1), store)

    versions = store.versions[PROGRAM_ITEMS.name]["criterion:commune-3"]
    defined = 1 + 7 + 3  # the adoption, seven goals, then commune-1 to commune-3
    assert [(start, end) for start, end, _ in versions] == [
        (defined, adopted + 1),
        (adopted + 1, adopted + 2),
        (adopted + 2, None),
    ]
    first, revised, retired = (doc for _, _, doc in versions)
    assert (first["version"], first["status"], first["text_vi"]) == (
        1,
        "in_force",
        "Nhân dân làm chủ, đồng hành, thụ hưởng.",
    )
    assert (revised["version"], revised["text_vi"], revised["revised_on"]) == (
        2,
        "Dân làm chủ",
        "2028-06-01",
    )
    assert (retired["status"], retired["retired_on"], retired["text_vi"]) == (
        "retired",
        "2028-06-01",
        "Dân làm chủ",
    )
    school = store.current(PROGRAM_ITEMS)["model_type:socialist-school"]
    assert (school["target_count"], school["target_text_vi"]) == (2, "02 Trường")
    assert [h.summary for h in store.history[-3:]] == [
        "Criterion revised: commune-3 (version 2) — Dân làm chủ",
        "Criterion retired: commune-3 — Dân làm chủ",
        "Target revised: Trường học xã hội chủ nghĩa — 02 Trường",
    ]
