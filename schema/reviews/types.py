from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from projections.history import list_history
from projections.reviews import compare, figure_rows
from projections.storage import Row, Sql
from schema.common import (
    Connection,
    FailureType,
    connection,
    decode_cursor,
    encode_cursor,
    from_same_names,
    page_size,
    read,
)
from schema.context import Context
from schema.history.types import HistoryEvent
from schema.program.types import Phase


@strawberry.enum(
    description="Sơ kết (preliminary, end of 2026), giữa kỳ (mid-term, 2027–2028), tổng kết "
    "(final, 2029–2030), or a yearly review."
)
class ReviewKind(Enum):
    PRELIMINARY = "preliminary"
    MID_TERM = "mid_term"
    FINAL = "final"
    YEARLY = "yearly"


@strawberry.type(description="One figure of a review: a count read from the views.")
class Figure:
    key: str
    label_vi: str
    value: int


@strawberry.type(description="How a figure changed between two reviews.")
class FigureChange:
    key: str
    label_vi: str
    before: int
    after: int

    @strawberry.field
    def difference(self) -> int:
        return self.after - self.before


@strawberry.type
class EventCount:
    event_type: str
    count: int


@strawberry.type(description="A review held, the log position it covers and what it found.")
class Review:
    id: strawberry.ID
    kind: ReviewKind
    year: int
    phase: str = strawberry.field(description="The phase code, e.g. 'phase-1'.")
    title: str
    held_on: datetime.date
    conclusions: str
    covers_position: int = strawberry.field(
        description="The last log position it covers: read any view with this `asOf` to see "
        "the record as the review saw it."
    )
    row: strawberry.Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> Review:
        return from_same_names(
            cls,
            row,
            id=strawberry.ID(row["id"]),
            kind=ReviewKind(row["kind"]),
            held_on=datetime.date.fromisoformat(row["held_on"]),
            row=row,
        )

    @strawberry.field(description="The figures the views showed at the position it covers.")
    async def figures(self, info: Info[Context, None]) -> list[Figure]:
        rows = await read(info, figure_rows, summary=self.row["summary"], at=self.covers_position)
        return [Figure(key=r["key"], label_vi=r["label_vi"], value=r["value"]) for r in rows]


@strawberry.type(description="What changed between two reviews.")
class ReviewComparison:
    earlier: Review
    later: Review
    changes: list[FigureChange] = strawberry.field(description="The figures that changed.")
    event_counts: list[EventCount] = strawberry.field(
        description="How many events of each type were recorded in between."
    )
    from_position: int
    to_position: int

    @strawberry.field(description="The events recorded in between, in log order.")
    async def events(
        self, info: Info[Context, None], first: int = 50, after: str | None = None
    ) -> Connection[HistoryEvent]:
        cursor = decode_cursor("pos", after)
        start = max(self.from_position, int(cursor) if cursor and cursor.isdigit() else 0)
        found = await read(
            info, list_history, after_position=start, at=self.to_position, first=page_size(first)
        )
        return connection(
            found, HistoryEvent.from_row, lambda r: encode_cursor("pos", r["position"])
        )

    @classmethod
    def build(cls, sql: Sql, earlier: Row, later: Row) -> ReviewComparison:
        found = compare(sql, earlier, later)
        return cls(
            earlier=Review.from_row(earlier),
            later=Review.from_row(later),
            changes=[FigureChange(**c) for c in found["changes"]],
            event_counts=[EventCount(event_type=t, count=n) for t, n in found["event_counts"]],
            from_position=found["from_position"],
            to_position=found["to_position"],
        )


@strawberry.type(description="A phase of the program (IV.1), its focus and its reviews.")
class PhaseReviews:
    phase: Phase
    current: bool = strawberry.field(description="Whether the date asked about falls in it.")
    reviews: list[Review]


@strawberry.type(description="The review as recorded.")
class ReviewHeld:
    review: Review
    position: int = strawberry.field(description="The log position of the last event recorded.")


ReviewResult = Annotated[ReviewHeld | FailureType, strawberry.union("ReviewResult")]
