from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest

from domain.base import DateOutsideProgram, InvalidInput, Stamp
from domain.task import (
    DeadlineUnchanged,
    LeadAlsoCoordinating,
    LeadUnchanged,
    PercentOutOfRange,
    Task,
    TaskAlreadyCancelled,
    TaskAlreadyCompleted,
    TaskClosed,
    TaskNotOfUnit,
)
from domain.unit import Unit, UnitNotActive

STAMP = Stamp("office-1", "office", "", "c-1")
AREA: dict[str, Any] = {"code": "III.2", "number": 2}
PHASE: dict[str, Any] = {"code": "phase-1", "number": 1}
DUE = date(2026, 6, 30)


def village(code: str) -> Unit:
    return Unit.register(STAMP, code=code, kind="village", name=f"Thôn {code}", parent=None)


def assign(lead: Unit, coordinating: Sequence[Unit] = (), **extra: Any) -> Task:
    fields: dict[str, Any] = {
        "title": "Xây dựng sản phẩm OCOP",
        "description": "",
        "area": AREA,
        "phase": PHASE,
        "lead": lead,
        "coordinating": coordinating,
        "due_date": DUE,
        **extra,
    }
    return Task.assign(STAMP, **fields)


def test_assignment_records_the_catalog_codes_and_the_units() -> None:
    one, two = village("thon-1"), village("thon-2")
    task = assign(one, [two], title="  Tho\u0302n 1 OCOP  ")
    events = task.collect_events()
    assert [type(e).__name__ for e in events] == ["TaskAssigned"]
    assert (task.title, task.area, task.phase, task.status) == (
        "Thôn 1 OCOP",
        "III.2",
        "phase-1",
        "open",
    )
    assert task.lead_unit_id == one.id
    assert task.coordinating_unit_ids == [two.id]
    assert task.unit_ids == (one.id, two.id)


def test_assignment_rules() -> None:
    one, two = village("thon-1"), village("thon-2")
    with pytest.raises(InvalidInput) as empty:
        assign(one, title="   ")
    assert empty.value.field == "title"
    with pytest.raises(DateOutsideProgram):
        assign(one, due_date=date(2031, 1, 1))
    with pytest.raises(LeadAlsoCoordinating):
        assign(one, [two, one])
    with pytest.raises(InvalidInput) as twice:
        assign(one, [two, two])
    assert twice.value.field == "coordinatingUnitIds"
    two.dissolve(STAMP)
    with pytest.raises(UnitNotActive):
        assign(one, [two])
    with pytest.raises(UnitNotActive):
        assign(two)


def test_progress_is_a_percent_with_summary_and_evidence() -> None:
    task = assign(village("thon-1"))
    task.report_progress(STAMP, percent=40, summary="Đã khảo sát", evidence=[" bien-ban-01 "])
    assert task.percent == 40
    reported = task.collect_events()[-1]
    assert isinstance(reported, Task.ProgressReported)
    assert reported.evidence == ["bien-ban-01"]
    for percent in (-1, 101):
        with pytest.raises(PercentOutOfRange):
            task.report_progress(STAMP, percent=percent, summary="x", evidence=[])
    with pytest.raises(InvalidInput):
        task.report_progress(STAMP, percent=50, summary=" ", evidence=[])


def test_deadline_must_change_and_stay_in_the_program() -> None:
    task = assign(village("thon-1"))
    with pytest.raises(DeadlineUnchanged):
        task.change_deadline(STAMP, DUE)
    with pytest.raises(DateOutsideProgram):
        task.change_deadline(STAMP, date(2024, 12, 31))
    task.change_deadline(STAMP, date(2026, 9, 30))
    assert task.due_date == date(2026, 9, 30)
    changed = task.collect_events()[-1]
    assert isinstance(changed, Task.DeadlineChanged)
    assert changed.previous_due_date == DUE


def test_reassignment_rules() -> None:
    one, two, three = village("thon-1"), village("thon-2"), village("thon-3")
    task = assign(one, [two])
    with pytest.raises(LeadUnchanged):
        task.reassign(STAMP, one, None)
    with pytest.raises(LeadAlsoCoordinating):
        task.reassign(STAMP, three, [three])
    # A coordinating unit promoted to lead leaves the coordinating list.
    task.reassign(STAMP, two, None)
    assert (task.lead_unit_id, task.coordinating_unit_ids) == (two.id, [])
    task.reassign(STAMP, three, [one, two])
    assert (task.lead_unit_id, task.coordinating_unit_ids) == (three.id, [one.id, two.id])
    one.dissolve(STAMP)
    with pytest.raises(UnitNotActive):
        task.reassign(STAMP, one, None)


def test_hand_over_replaces_the_merged_unit_wherever_it_stands() -> None:
    one, two, three = village("thon-1"), village("thon-2"), village("thon-3")
    led = assign(one, [two, three])
    led.hand_over(STAMP, one.id, two)
    assert (led.lead_unit_id, led.coordinating_unit_ids) == (two.id, [three.id])
    coordinated = assign(three, [one, two])
    coordinated.hand_over(STAMP, one.id, two)
    assert (coordinated.lead_unit_id, coordinated.coordinating_unit_ids) == (three.id, [two.id])
    with pytest.raises(TaskNotOfUnit):
        coordinated.hand_over(STAMP, one.id, two)


@pytest.mark.parametrize(
    ("close", "error"), [("complete", TaskAlreadyCompleted), ("cancel", TaskAlreadyCancelled)]
)
def test_a_closed_task_accepts_nothing_more(close: str, error: type[TaskClosed]) -> None:
    one, two = village("thon-1"), village("thon-2")
    task = assign(one)
    getattr(task, close)(STAMP)
    assert task.status == ("completed" if close == "complete" else "cancelled")
    with pytest.raises(error):
        task.report_progress(STAMP, percent=10, summary="x", evidence=[])
    with pytest.raises(error):
        task.change_deadline(STAMP, date(2026, 1, 1))
    with pytest.raises(error):
        task.reassign(STAMP, two, None)
    with pytest.raises(error):
        task.hand_over(STAMP, one.id, two)
    with pytest.raises(error):
        task.complete(STAMP)
    with pytest.raises(error):
        task.cancel(STAMP)


def test_replay_rebuilds_the_same_state() -> None:
    one, two = village("thon-1"), village("thon-2")
    task = assign(one, [two])
    task.report_progress(STAMP, percent=60, summary="Đang triển khai", evidence=[])
    task.reassign(STAMP, two, [one])
    task.complete(STAMP)
    events = task.collect_events()
    replayed: Task | None = None
    for event in events:
        replayed = event.mutate(replayed)
    assert replayed is not None
    assert (replayed.percent, replayed.status, replayed.lead_unit_id) == (60, "completed", two.id)
    assert replayed.coordinating_unit_ids == [one.id]
