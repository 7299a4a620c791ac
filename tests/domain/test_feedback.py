from __future__ import annotations

import re
from datetime import date
from uuid import UUID, uuid4

import pytest

from domain.base import InvalidInput, Stamp
from domain.feedback import (
    Feedback,
    FeedbackAlreadyAcknowledged,
    FeedbackAlreadyAnswered,
    FeedbackAlreadyClosed,
    FeedbackNotAcknowledged,
    FeedbackTransferToSameUnit,
    reference_for,
)
from domain.personal import Sealed
from domain.task import Task
from domain.testimony import Testimony as CitizenTestimony
from domain.testimony import UnknownProgressReport
from domain.unit import Unit, UnitNotActive

PUBLIC = Stamp("anonymous", "public", "", "c-1")
OFFICE = Stamp("office-1", "office", "", "c-2")
KEY, PERSON = bytes(32), uuid4()


def seal(field: str, text: str) -> Sealed:
    return Sealed.seal(KEY, PERSON, field, text)


def village(code: str = "thon-1") -> Unit:
    return Unit.register(OFFICE, code=code, kind="village", name=f"Thôn {code}", parent=None)


def submitted(unit: Unit | None = None) -> Feedback:
    return Feedback.submit(
        PUBLIC,
        channel="online",
        topic="Đèn đường",
        text="Đèn đường trục thôn hỏng đã 2 tuần",
        unit=unit or village(),
        submitter_name=" Nguyễn Văn C ",
        submitter_contact="   ",
        seal=seal,
    )


def test_the_reference_is_short_readable_and_follows_from_the_id() -> None:
    ident = UUID("0123456789abcdef0123456789abcdef")
    assert reference_for(ident) == reference_for(ident)
    assert re.fullmatch(r"GY-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}", reference_for(ident))
    assert reference_for(ident) != reference_for(UUID("1123456789abcdef0123456789abcdef"))


def test_submission_checks_its_input_and_keeps_identity_apart() -> None:
    feedback = submitted()
    (event,) = feedback.collect_events()
    assert isinstance(event, Feedback.FeedbackSubmitted)
    # The name enters the event sealed; an empty contact is none.
    assert (event.submitter_name, event.submitter_contact, event.sealed_contact) == (None,) * 3
    assert event.sealed_name is not None
    assert event.sealed_name.open(KEY) == "Nguyễn Văn C"
    assert feedback.status == "submitted"
    with pytest.raises(InvalidInput) as refused:
        Feedback.submit(
            PUBLIC,
            channel="pigeon",
            topic="t",
            text="x",
            unit=village(),
            submitter_name=None,
            submitter_contact=None,
        )
    assert refused.value.field == "channel"
    gone = village("thon-2")
    gone.dissolve(OFFICE)
    with pytest.raises(UnitNotActive):
        submitted(gone)


def test_feedback_is_acknowledged_then_answered_then_closed() -> None:
    feedback = submitted()
    with pytest.raises(FeedbackNotAcknowledged):
        feedback.answer(OFFICE, answer="Đã sửa")
    feedback.acknowledge(OFFICE, note="Đã nhận")
    with pytest.raises(FeedbackAlreadyAcknowledged):
        feedback.acknowledge(OFFICE, note="")
    feedback.answer(OFFICE, answer="Đã thay bóng đèn ngày 12/3")
    with pytest.raises(FeedbackAlreadyAnswered):
        feedback.answer(OFFICE, answer="x")
    feedback.close(OFFICE, note="")
    with pytest.raises(FeedbackAlreadyClosed):
        feedback.close(OFFICE, note="")
    assert [type(e).__name__ for e in feedback.collect_events()] == [
        "FeedbackSubmitted",
        "FeedbackAcknowledged",
        "FeedbackAnswered",
        "FeedbackClosed",
    ]


def test_unanswered_feedback_closes_only_with_a_reason() -> None:
    feedback = submitted()
    with pytest.raises(InvalidInput) as refused:
        feedback.close(OFFICE, note="")
    assert refused.value.field == "reason"
    feedback.close(Stamp("office-1", "office", "Trùng phản ánh GY-…", "c-3"), note="")
    assert feedback.status == "closed"


def test_open_feedback_passes_to_another_unit() -> None:
    one, two = village("thon-1"), village("thon-2")
    feedback = submitted(one)
    with pytest.raises(FeedbackTransferToSameUnit):
        feedback.transfer(OFFICE, one.id)
    feedback.transfer(OFFICE, two.id)
    assert feedback.unit_id == two.id


def test_a_testimony_points_at_a_progress_report_of_the_task() -> None:
    unit = village()
    task = Task.assign(
        OFFICE,
        title="Lắp camera",
        description="",
        area={"code": "III.4"},
        phase={"code": "phase-1"},
        lead=unit,
        coordinating=[],
        due_date=date(2026, 9, 30),
    )
    task.report_progress(OFFICE, percent=50, summary="Lắp 46/92 camera", evidence=[])
    assert task.report_versions == [2]
    with pytest.raises(UnknownProgressReport):
        CitizenTestimony.give(
            PUBLIC,
            task=task,
            report_version=1,
            stance="confirm",
            text="",
            submitter_name=None,
            submitter_contact=None,
        )
    with pytest.raises(InvalidInput) as refused:
        CitizenTestimony.give(
            PUBLIC,
            task=task,
            report_version=2,
            stance="dispute",
            text=" ",
            submitter_name=None,
            submitter_contact=None,
        )
    assert refused.value.field == "text"
    testimony = CitizenTestimony.give(
        PUBLIC,
        task=task,
        report_version=2,
        stance="dispute",
        text="Ngõ 5 chưa có camera",
        submitter_name="Lê Văn D",
        submitter_contact=None,
        seal=seal,
    )
    assert (testimony.task_id, testimony.report_version, testimony.stance) == (
        task.id,
        2,
        "dispute",
    )
