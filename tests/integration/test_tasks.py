"""Tasks on a real store: read-your-writes, merges, the tracker's filters, the reporter's scope."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

import pytest

from domain.application import Ledger
from domain.authority import SYSTEM, Actor, NotAllowed, Role
from domain.base import NotFound
from domain.ledger import Done
from domain.program import UnknownProgramItem
from domain.task import TaskAlreadyCompleted
from domain.unit import unit_id_for
from projections.read import head_position
from projections.tasks import get_task, list_tasks, tasks_of_unit
from tests.conftest import OFFICE, request_as

REPORTER = Actor("reporter@thon-1", Role.REPORTER, unit_id_for("thon-1"))
THON = {code: unit_id_for(code) for code in ("thon-1", "thon-2", "thon-3")}


@pytest.fixture
def commune(ledger: Ledger) -> Ledger:
    """The program adopted and three villages registered."""
    ledger.adopt_program(request_as(SYSTEM))
    for code in THON:
        ledger.register_unit(
            request_as(OFFICE), code=code, kind="village", name=f"Thôn {code[-1]}", parent_id=None
        )
    return ledger


def assign(
    ledger: Ledger,
    lead: str,
    coordinating: Sequence[str] = (),
    *,
    due: date = date(2026, 6, 30),
    area: str = "III.2",
    phase: str = "phase-1",
    title: str = "Sản phẩm OCOP",
    key: str | None = None,
) -> Done:
    return ledger.assign_task(
        request_as(OFFICE, key),
        title=title,
        description="",
        area=area,
        phase=phase,
        lead_unit_id=THON[lead],
        coordinating_unit_ids=[THON[c] for c in coordinating],
        due_date=due,
    )


def ids(rows: Sequence[dict[str, object]]) -> list[str]:
    return [str(r["id"]) for r in rows]


def test_the_tracker_reflects_each_command_when_it_returns(commune: Ledger) -> None:
    done = assign(commune, "thon-1", ["thon-2"])
    with commune.reading() as sql:
        row = get_task(sql, str(done.id))
        assert head_position(sql) == done.position
    assert row is not None
    assert (row["status"], row["percent"], row["lead_unit_id"]) == ("open", 0, str(THON["thon-1"]))
    progress = commune.report_progress(
        request_as(OFFICE), task_id=done.id, percent=45, summary="Đã đăng ký", evidence=["hs-1"]
    )
    commune.change_deadline(request_as(OFFICE), task_id=done.id, due_date=date(2026, 8, 31))
    with commune.reading() as sql:
        now = get_task(sql, str(done.id))
        then = get_task(sql, str(done.id), at=progress.position)
    assert now is not None
    assert then is not None
    assert (now["percent"], now["due_date"], now["last_evidence"]) == (45, "2026-08-31", ["hs-1"])
    assert then["due_date"] == "2026-06-30"


def test_a_retried_assignment_records_one_task(commune: Ledger) -> None:
    first = assign(commune, "thon-1", key="assign-1")
    again = assign(commune, "thon-1", key="assign-1")
    assert first == again
    with commune.reading() as sql:
        assert len(list_tasks(sql).rows) == 1


def test_refusals_record_nothing(commune: Ledger) -> None:
    done = assign(commune, "thon-1")
    commune.complete_task(request_as(OFFICE), task_id=done.id)
    with commune.reading() as sql:
        position = head_position(sql)
    with pytest.raises(TaskAlreadyCompleted):
        commune.report_progress(
            request_as(OFFICE), task_id=done.id, percent=100, summary="x", evidence=[]
        )
    with pytest.raises(UnknownProgramItem):
        assign(commune, "thon-1", area="III.9")
    with pytest.raises(UnknownProgramItem):
        assign(commune, "thon-1", phase="phase-9")
    with pytest.raises(NotFound):
        commune.assign_task(
            request_as(OFFICE),
            title="x",
            description="",
            area="III.1",
            phase="phase-1",
            lead_unit_id=unit_id_for("nowhere"),
            coordinating_unit_ids=[],
            due_date=date(2026, 1, 1),
        )
    with pytest.raises(NotFound):
        commune.complete_task(request_as(OFFICE), task_id=THON["thon-1"])
    with commune.reading() as sql:
        assert head_position(sql) == position


def test_a_merge_hands_open_tasks_to_the_receiving_unit(commune: Ledger) -> None:
    led = assign(commune, "thon-1", ["thon-3"], title="Dẫn dắt")
    coordinated = assign(commune, "thon-3", ["thon-1", "thon-2"], title="Phối hợp")
    finished = assign(commune, "thon-1", title="Đã xong")
    commune.complete_task(request_as(OFFICE), task_id=finished.id)
    elsewhere = assign(commune, "thon-3", title="Không liên quan")
    before = assign(commune, "thon-2", title="Mốc").position

    merged = commune.merge_unit(
        request_as(OFFICE), unit_id=THON["thon-1"], into_unit_id=THON["thon-2"]
    )

    source, target = str(THON["thon-1"]), str(THON["thon-2"])
    with commune.reading() as sql:
        rows = {r["title"]: r for r in list_tasks(sql).rows}
        of_source = tasks_of_unit(sql, source)
        of_source_before = tasks_of_unit(sql, source, at=before)
        history = sql.all(
            f"SELECT event_type, stream_id FROM {sql.table('history')} "
            "WHERE position > ? ORDER BY position",
            (before,),
        )
    assert (rows["Dẫn dắt"]["lead_unit_id"], rows["Dẫn dắt"]["coordinating_unit_ids"]) == (
        target,
        [str(THON["thon-3"])],
    )
    # thon-2 already coordinated: it takes thon-1's place once, not twice.
    assert rows["Phối hợp"]["coordinating_unit_ids"] == [target]
    assert rows["Đã xong"]["lead_unit_id"] == source
    assert rows["Không liên quan"]["coordinating_unit_ids"] == []
    assert ids(of_source) == [str(finished.id)]
    assert set(ids(of_source_before)) == {str(led.id), str(coordinated.id), str(finished.id)}
    assert sorted((h["event_type"], h["stream_id"]) for h in history) == sorted(
        [
            ("UnitMerged", source),
            ("TaskReassigned", str(led.id)),
            ("TaskReassigned", str(coordinated.id)),
        ]
    )
    assert str(elsewhere.id) not in {h["stream_id"] for h in history}
    assert merged.position == head_position_of(commune)


def head_position_of(ledger: Ledger) -> int:
    with ledger.reading() as sql:
        return head_position(sql)


def test_the_tracker_filters_by_unit_area_phase_status_and_overdue(commune: Ledger) -> None:
    early = assign(commune, "thon-1", due=date(2026, 3, 31), area="III.2")
    late = assign(commune, "thon-2", ["thon-1"], due=date(2026, 9, 30), area="III.3")
    done_early = assign(commune, "thon-2", due=date(2026, 2, 28), area="III.3")
    commune.complete_task(request_as(OFFICE), task_id=done_early.id)
    other_phase = assign(commune, "thon-3", due=date(2027, 5, 1), phase="phase-2")

    with commune.reading() as sql:
        by_unit = list_tasks(sql, unit_id=str(THON["thon-1"])).rows
        by_area = list_tasks(sql, area="III.3").rows
        by_phase = list_tasks(sql, phase="phase-2").rows
        completed = list_tasks(sql, status="completed").rows
        overdue_mid_year = list_tasks(sql, overdue_on="2026-07-01").rows
        overdue_on_due_day = list_tasks(sql, overdue_on="2026-03-31").rows
        overdue_for_thon_2 = list_tasks(sql, overdue_on="2026-12-31", unit_id=str(THON["thon-2"]))
        wildcard = list_tasks(sql, unit_id="%").rows
    assert ids(by_unit) == [str(early.id), str(late.id)]
    assert ids(by_area) == [str(done_early.id), str(late.id)]
    assert ids(by_phase) == [str(other_phase.id)]
    assert ids(completed) == [str(done_early.id)]
    assert ids(overdue_mid_year) == [str(early.id)]
    assert overdue_on_due_day == []
    assert ids(overdue_for_thon_2.rows) == [str(late.id)]
    assert wildcard == []


def test_pages_follow_the_due_date_and_id_key(commune: Ledger) -> None:
    dones = [assign(commune, "thon-1", due=date(2026, 6, 30)) for _ in range(3)]
    dones.append(assign(commune, "thon-1", due=date(2026, 1, 15)))
    expected = [str(dones[3].id), *sorted(str(d.id) for d in dones[:3])]
    seen: list[str] = []
    after: tuple[str, str] | None = None
    with commune.reading() as sql:
        while True:
            found = list_tasks(sql, first=1, after=after)
            seen += ids(found.rows)
            if not found.has_next:
                break
            last = found.rows[-1]
            after = (str(last["due_date"]), str(last["id"]))
    assert seen == expected


def test_a_reporter_reports_only_on_tasks_of_its_own_unit(commune: Ledger) -> None:
    led = assign(commune, "thon-1")
    coordinated = assign(commune, "thon-2", ["thon-1"])
    foreign = assign(commune, "thon-2", ["thon-3"])

    def report(task_id: UUID) -> Done:
        return commune.report_progress(
            request_as(REPORTER), task_id=task_id, percent=20, summary="Báo cáo", evidence=[]
        )

    report(led.id)
    report(coordinated.id)
    with pytest.raises(NotAllowed):
        report(foreign.id)
    with pytest.raises(NotAllowed):
        commune.complete_task(request_as(REPORTER), task_id=led.id)
    with pytest.raises(NotAllowed):
        assign_as_reporter(commune)
    with commune.reading() as sql:
        percents = {r["id"]: r["percent"] for r in list_tasks(sql).rows}
    assert percents == {str(led.id): 20, str(coordinated.id): 20, str(foreign.id): 0}


def assign_as_reporter(ledger: Ledger) -> Done:
    return ledger.assign_task(
        request_as(REPORTER),
        title="x",
        description="",
        area="III.1",
        phase="phase-1",
        lead_unit_id=THON["thon-1"],
        coordinating_unit_ids=[],
        due_date=date(2026, 1, 1),
    )
