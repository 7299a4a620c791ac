from __future__ import annotations

from datetime import date
from typing import cast

from domain.base import LedgerAggregate, Stamp
from domain.feedback import Feedback, reference_for
from domain.personal import Sealed
from domain.task import Task
from domain.testimony import Testimony as CitizenTestimony
from domain.unit import Unit
from projections.feedback import FEEDBACK, PROGRESS_REPORTS, TESTIMONIES
from projections.fold import project
from projections.viewstore import MemoryViewStore
from tests.support.sealing import KEY, seal

SUBMITTED = Stamp("anonymous", "public", "", "c-1", date(2026, 3, 2))
ANSWERED = Stamp("reporter-1", "reporter", "", "c-2", date(2026, 3, 9))


def test_feedback_and_testimonies_fold_into_their_views_without_naming_anyone() -> None:
    unit = Unit.register(SUBMITTED, code="thon-1", kind="village", name="Thôn 1", parent=None)
    feedback = Feedback.submit(
        SUBMITTED,
        channel="phone",
        topic="Rác thải",
        text="Rác đổ dọc đê",
        unit=unit,
        submitter_name="Phạm Thị E",
        submitter_contact="0912 000 000",
        seal=seal,
    )
    feedback.acknowledge(ANSWERED, note="")
    feedback.answer(ANSWERED, answer="Đã thu gom")
    task = Task.assign(
        SUBMITTED,
        title="Camera",
        description="",
        area={"code": "III.4"},
        phase={"code": "phase-1"},
        lead=unit,
        coordinating=[],
        due_date=date(2026, 9, 30),
    )
    task.report_progress(ANSWERED, percent=40, summary="Lắp 40%", evidence=["BC 1"])
    testimonies = [
        CitizenTestimony.give(
            SUBMITTED,
            task=task,
            report_version=2,
            stance=stance,
            text="x",
            submitter_name="Người dân",
            submitter_contact=None,
            seal=seal,
        )
        for stance in ("confirm", "confirm", "dispute")
    ]
    aggregates: list[LedgerAggregate] = [unit, feedback, task, *testimonies]
    events = [cast(LedgerAggregate.Event, e) for a in aggregates for e in a.collect_events()]
    store = MemoryViewStore()
    project(events, range(1, len(events) + 1), store)

    row = store.current(FEEDBACK)[str(feedback.id)]
    assert row["reference"] == reference_for(feedback.id)
    assert (row["status"], row["submitted_on"], row["answered_on"], row["response_days"]) == (
        "answered",
        "2026-03-02",
        "2026-03-09",
        7,
    )
    assert (row["submitter_name"], row["submitter_contact"]) == (None, None)
    name, contact = Sealed.from_json(row["sealed_name"]), Sealed.from_json(row["sealed_contact"])
    assert (name and name.open(KEY), contact and contact.open(KEY)) == (
        "Phạm Thị E",
        "0912 000 000",
    )
    report = store.current(PROGRESS_REPORTS)[f"{task.id}:2"]
    assert (report["percent"], report["confirmations"], report["disputes"]) == (40, 2, 1)
    assert report["reported_on"] == "2026-03-09"
    assert len(store.current(TESTIMONIES)) == 3
    summaries = " ".join(h.summary for h in store.history)
    assert "Phạm Thị E" not in summaries
    assert "Người dân" not in summaries
    assert "Progress report disputed by a citizen: Camera" in summaries
