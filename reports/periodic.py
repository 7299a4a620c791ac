"""The periodic report upward as a printable Vietnamese document (HTML), at GET
/reports/periodic. The data comes from `projections.report`, as for GraphQL; Jinja2 escapes
every value (autoescape)."""

from __future__ import annotations

import asyncio
import datetime
import re
from decimal import Decimal
from typing import cast

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from domain.application import Ledger
from projections.report import periodic_report
from projections.storage import Row

_ENV = Environment(
    loader=PackageLoader("reports", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def vn_date(value: str | datetime.date | None) -> str:
    """dd/mm/yyyy."""
    if value is None:
        return "—"
    day = datetime.date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime("%d/%m/%Y")


def vn_number(value: int) -> str:
    """Thousands separated by points: 1.250.000."""
    return f"{value:,}".replace(",", ".")


def vn_dong(value: int) -> str:
    return f"{vn_number(value)} đ"


def vn_percent(part: int, whole: int) -> str:
    """part / whole as a percentage with a decimal comma: 66,7%."""
    if not whole:
        return "—"
    share = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))
    return f"{share}%".replace(".", ",")


def vn_average(total: int, count: int) -> str:
    if not count:
        return "—"
    return str((Decimal(total) / count).quantize(Decimal("0.1"))).replace(".", ",")


_ENV.filters.update(
    ngay=vn_date, so=vn_number, dong=vn_dong, phan_tram=vn_percent, trung_binh=vn_average
)

KINDS_VI = {"inspection": "Kiểm tra", "supervision": "Giám sát"}
STATUS_VI = {
    "closed": "Đã kết luận",
    "conducted": "Đã tiến hành",
    "issued": "Đã khen thưởng",
    "revoked": "Đã thu hồi",
    "proposed": "Đề nghị",
}


def render(report: Row, *, printed_on: datetime.date) -> str:
    return _ENV.get_template("periodic.html").render(
        r=report, printed_on=printed_on, kinds_vi=KINDS_VI, status_vi=STATUS_VI
    )


_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class BadParameter(ValueError):
    pass


def parse_day(name: str, value: str | None) -> datetime.date | None:
    """A date as dd/mm/yyyy or yyyy-mm-dd."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        found = _DAY.match(text)
        if found:
            day, month, year = (int(g) for g in found.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise BadParameter(f"Tham số {name} không phải ngày hợp lệ (dd/mm/yyyy): {text}") from None


def parse_position(value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    if not value.strip().isdigit():
        raise BadParameter("Tham số position phải là một số nguyên không âm")
    return int(value.strip())


def _page(title: str, message: str, status: int) -> HTMLResponse:
    body = _ENV.from_string(
        '<!doctype html><html lang="vi"><meta charset="utf-8"><title>{{ t }}</title>'
        "<p>{{ m }}</p></html>"
    ).render(t=title, m=message)
    return HTMLResponse(body, status_code=status)


async def periodic_report_page(request: Request) -> Response:
    """?asOf=31/12/2026 (the period's last day, default today), &since=01/01/2026 (default 1
    January of that year), &position=N (read the views as they stood at a log position)."""
    ledger = cast(Ledger, request.app.state.ledger)
    query = request.query_params
    try:
        until = parse_day("asOf", query.get("asOf")) or datetime.datetime.now(datetime.UTC).date()
        since = parse_day("since", query.get("since")) or datetime.date(until.year, 1, 1)
        position = parse_position(query.get("position"))
    except BadParameter as error:
        return _page("Tham số không hợp lệ", str(error), 400)
    if since > until:
        return _page("Tham số không hợp lệ", "Ngày bắt đầu kỳ báo cáo sau ngày kết thúc.", 400)

    def build() -> Row | None:
        with ledger.reading() as sql:
            return periodic_report(
                sql, since=since.isoformat(), until=until.isoformat(), at=position
            )

    report = await asyncio.to_thread(build)
    if report is None:
        return _page("Chưa có dữ liệu", "Chương trình hành động chưa được ghi nhận.", 404)
    today = datetime.datetime.now(datetime.UTC).date()
    return HTMLResponse(render(report, printed_on=today))
