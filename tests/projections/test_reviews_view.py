from __future__ import annotations

from datetime import date
from typing import cast

from domain.base import LedgerAggregate, Stamp
from domain.program import Program
from domain.review import Review
from projections.fold import project
from projections.reviews import REVIEWS
from projections.viewstore import MemoryViewStore

STAMP = Stamp("office-1", "office", "", "c-1")


def test_a_review_row_keeps_its_position_and_figures() -> None:
    program = Program.adopt(Stamp("socai", "system", "", "init"))
    review = Review.hold(
        STAMP,
        kind="mid_term",
        year=2028,
        title="Đánh giá giữa kỳ",
        held_on=date(2028, 6, 30),
        conclusions="Bổ sung tiêu chí",
        covers_position=40,
        summary={"tasks.total": 12, "feedback.waiting": 2},
        phases=program.items["phase"],
    )
    events = [cast(LedgerAggregate.Event, e) for e in review.collect_events()]
    store = MemoryViewStore()
    project(events, [41], store)
    assert store.current(REVIEWS)[str(review.id)] == {
        "id": str(review.id),
        "kind": "mid_term",
        "year": 2028,
        "phase": "phase-2",
        "title": "Đánh giá giữa kỳ",
        "held_on": "2028-06-30",
        "conclusions": "Bổ sung tiêu chí",
        "covers_position": 40,
        "summary": {"tasks.total": 12, "feedback.waiting": 2},
        "recorded_position": 41,
    }
    assert store.history[0].summary == (
        "Đánh giá giữa kỳ 2028 held, covering positions 1–40: Đánh giá giữa kỳ"
    )
