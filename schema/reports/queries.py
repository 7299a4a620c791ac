from __future__ import annotations

import datetime

import strawberry
from strawberry.types import Info

from domain.base import InvalidInput
from projections.report import periodic_report
from schema.common import AsOf, read
from schema.context import Context
from schema.models.types import today
from schema.reports.types import PeriodicReport


def report_period(
    on: datetime.date | None, since: datetime.date | None
) -> tuple[datetime.date, datetime.date]:
    """The period ends on `on` (default today) and starts on `since` (default 1 January)."""
    until = on or today()
    start = since or datetime.date(until.year, 1, 1)
    if start > until:
        raise InvalidInput("since", "the period starts after it ends")
    return start, until


@strawberry.type
class ReportQueries:
    @strawberry.field(
        description="The periodic report upward for the period from `since` (default 1 "
        "January) to `on` (default today). Also served as a printable Vietnamese document at "
        "GET /reports/periodic?asOf=YYYY-MM-DD&since=YYYY-MM-DD."
    )
    async def periodic_report(
        self,
        info: Info[Context, None],
        on: datetime.date | None = None,
        since: datetime.date | None = None,
        as_of: AsOf | None = None,
    ) -> PeriodicReport | None:
        start, until = report_period(on, since)
        row = await read(
            info,
            periodic_report,
            as_of=as_of,
            since=start.isoformat(),
            until=until.isoformat(),
        )
        return PeriodicReport.from_row(row) if row else None
