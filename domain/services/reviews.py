from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.base import InvalidInput, Stamp
from domain.ledger import Done, Request
from domain.review import Review, ReviewAlreadyHeld, review_id_for
from domain.services.program import ProgramService
from projections.read import head_position
from projections.summary import figures


class ReviewService(ProgramService):
    def hold_review(
        self,
        request: Request,
        *,
        kind: str,
        year: int,
        title: str,
        held_on: date,
        conclusions: str,
        covers_position: int | None = None,
    ) -> Done:
        """Records a review covering the log up to `covers_position` (default: all of it), with
        the figures the views showed there."""

        def work(stamp: Stamp) -> tuple[UUID, list[Review]]:
            if self.exists(review_id_for(kind, year)):
                raise ReviewAlreadyHeld(f"the {kind.replace('_', '-')} review of {year} is held")
            program = self.program()
            with self.reading() as sql:
                head = head_position(sql)
                covers = head if covers_position is None else covers_position
                if covers > head:
                    raise InvalidInput("covers", f"the log ends at position {head}")
                summary = figures(sql, at=covers, on=held_on.isoformat())
            review = Review.hold(
                stamp,
                kind=kind,
                year=year,
                title=title,
                held_on=held_on,
                conclusions=conclusions,
                covers_position=covers,
                summary=summary,
                phases=program.items["phase"],
            )
            return review.id, [review]

        payload = {
            "kind": kind,
            "year": year,
            "title": title,
            "held_on": held_on,
            "conclusions": conclusions,
            "covers_position": covers_position,
        }
        return self.execute(request, "hold_review", payload, work)
