from __future__ import annotations

from datetime import date
from typing import cast

from domain.base import Stamp
from domain.task import Task
from domain.unit import Unit
from projections.fold import project
from projections.tasks import TASKS
from projections.viewstore import MemoryViewStore

STAMP = Stamp("office-1", "office", "kế hoạch 15", "c-1", effective_date=date(2026, 3, 2))


def village(code: str) -> Unit:
    return Unit.register(STAMP, code=code, kind="village", name=f"Thôn {code[-1]}", parent=None)


def fed(*aggregates: Unit | Task) -> MemoryViewStore:
    events = [cast(Unit.Event, e) for a in aggregates for e in a.collect_events()]
    store = MemoryViewStore()
    project(events, range(1, len(events) + 1), store)
    return store


def test_the_tracker_row_follows_a_task_through_its_life() -> None:
    one, two, three = village("thon-1"), village("thon-2"), village("thon-3")
    task = Task.assign(
        STAMP,
        title="Câu lạc bộ văn nghệ",
        description="Thành lập CLB",
        area={"code": "III.3"},
        phase={"code": "phase-1"},
        lead=one,
        coordinating=[two],
        due_date=date(2026, 6, 30),
    )
    task.report_progress(STAMP, percent=30, summary="Đã họp", evidence=["bb-1"])
    task.report_progress(STAMP, percent=70, summary="Đã tập luyện", evidence=["bb-2", "anh-3"])
    task.change_deadline(STAMP, date(2026, 9, 30))
    task.reassign(STAMP, three, [one])
    task.complete(STAMP)
    store = fed(one, two, three, task)

    row = store.current(TASKS)[str(task.id)]
    assert row["title"] == "Câu lạc bộ văn nghệ"
    assert (row["area"], row["phase"], row["status"]) == ("III.3", "phase-1", "completed")
    assert (row["lead_unit_id"], row["coordinating_unit_ids"]) == (str(three.id), [str(one.id)])
    assert row["involved"] == f"|{three.id}|{one.id}|"
    assert (row["percent"], row["progress_reports"]) == (70, 2)
    assert (row["last_summary"], row["last_evidence"]) == ("Đã tập luyện", ["bb-2", "anh-3"])
    assert row["due_date"] == "2026-09-30"
    assert (row["assigned_on"], row["completed_on"], row["cancelled_on"]) == (
        "2026-03-02",
        "2026-03-02",
        None,
    )

    versions = store.versions[TASKS.name][str(task.id)]
    assert [(v[0], v[2]["percent"], v[2]["status"]) for v in versions] == [
        (4, 0, "open"),
        (5, 30, "open"),
        (6, 70, "open"),
        (7, 70, "open"),
        (8, 70, "open"),
        (9, 70, "completed"),
    ]
    history = [h for h in store.history if h.stream == "task"]
    assert [h.event_type for h in history] == [
        "TaskAssigned",
        "ProgressReported",
        "ProgressReported",
        "DeadlineChanged",
        "TaskReassigned",
        "TaskCompleted",
    ]
    assert history[0].units == (str(one.id), str(two.id))
    assert history[0].summary.startswith("Task assigned: Câu lạc bộ văn nghệ (III.3, phase-1)")
    assert "Thôn 1" in history[0].summary
    assert history[2].summary == "Progress reported: Câu lạc bộ văn nghệ at 70%"
    assert history[3].summary == "Deadline changed: Câu lạc bộ văn nghệ 2026-06-30 → 2026-09-30"
    # A reassignment concerns the units that held the task and those that hold it now.
    assert set(history[4].units) == {str(one.id), str(two.id), str(three.id)}
    assert history[4].summary == "Task reassigned: Câu lạc bộ văn nghệ from Thôn 1 to Thôn 3"
    assert history[5].units == (str(three.id), str(one.id))
    assert history[0].reason == "kế hoạch 15"


def test_a_cancelled_task_keeps_its_progress_and_records_the_day() -> None:
    one = village("thon-1")
    task = Task.assign(
        STAMP,
        title="Camera an ninh",
        description="",
        area={"code": "III.4"},
        phase={"code": "phase-2"},
        lead=one,
        coordinating=[],
        due_date=date(2027, 12, 31),
    )
    task.report_progress(STAMP, percent=10, summary="Khảo sát", evidence=[])
    task.cancel(STAMP)
    row = fed(one, task).current(TASKS)[str(task.id)]
    assert (row["status"], row["percent"], row["cancelled_on"]) == ("cancelled", 10, "2026-03-02")
    assert row["completed_on"] is None
