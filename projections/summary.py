"""The program's figures at a log position: what a review records and compares. Counts only,
each under a stable key, so that two summaries compare key by key."""

from __future__ import annotations

from projections.commendations import COMMENDATIONS
from projections.feedback import all_feedback, waiting
from projections.inspections import all_inspections
from projections.models import coverage
from projections.read import docs
from projections.shortcomings import SHORTCOMINGS
from projections.storage import Sql
from projections.tasks import TASKS
from projections.units import UNITS

LABELS_VI: dict[str, str] = {
    "units.active": "Đơn vị đang hoạt động",
    "units.villages": "Thôn đang hoạt động",
    "tasks.total": "Nhiệm vụ đã giao",
    "tasks.open": "Nhiệm vụ đang thực hiện",
    "tasks.completed": "Nhiệm vụ đã hoàn thành",
    "tasks.cancelled": "Nhiệm vụ đã hủy",
    "tasks.overdue": "Nhiệm vụ quá hạn",
    "models.recognized": "Mô hình được công nhận, còn hiệu lực",
    "commendations.proposed": "Đề nghị khen thưởng",
    "commendations.issued": "Khen thưởng đã quyết định",
    "commendations.revoked": "Khen thưởng bị thu hồi",
    "shortcomings.open": "Hạn chế, khuyết điểm chưa khắc phục",
    "shortcomings.resolved": "Hạn chế, khuyết điểm đã khắc phục",
    "inspections.planned": "Cuộc kiểm tra, giám sát theo kế hoạch",
    "inspections.closed": "Cuộc kiểm tra, giám sát đã kết thúc",
    "inspections.findings": "Phát hiện qua kiểm tra, giám sát",
    "feedback.received": "Ý kiến của Nhân dân đã nhận",
    "feedback.answered": "Ý kiến đã trả lời",
    "feedback.waiting": "Ý kiến đang chờ trả lời",
}


def _count(rows: list[dict[str, object]], field: str, value: object) -> int:
    return sum(1 for r in rows if r[field] == value)


def figures(sql: Sql, *, at: int, on: str) -> dict[str, int]:
    """The figures as the views stood at position `at`; dated ones (overdue, waiting,
    recognitions in force) are judged on the ISO date `on`."""
    units = docs(sql, UNITS, at=at)
    active = [u for u in units if u["status"] == "active"]
    tasks = docs(sql, TASKS, at=at)
    commendations = docs(sql, COMMENDATIONS, at=at)
    shortcomings = docs(sql, SHORTCOMINGS, at=at)
    inspections = all_inspections(sql, at=at)
    feedback = all_feedback(sql, at=at)
    found: dict[str, int] = {
        "units.active": len(active),
        "units.villages": _count(active, "kind", "village"),
        "tasks.total": len(tasks),
        "tasks.open": _count(tasks, "status", "open"),
        "tasks.completed": _count(tasks, "status", "completed"),
        "tasks.cancelled": _count(tasks, "status", "cancelled"),
        "tasks.overdue": sum(1 for t in tasks if t["status"] == "open" and t["due_date"] < on),
        "commendations.proposed": len(commendations),
        "commendations.issued": _count(commendations, "status", "issued"),
        "commendations.revoked": _count(commendations, "status", "revoked"),
        "shortcomings.open": _count(shortcomings, "status", "open"),
        "shortcomings.resolved": _count(shortcomings, "status", "resolved"),
        "inspections.planned": len(inspections),
        "inspections.closed": _count(inspections, "status", "closed"),
        "inspections.findings": sum(len(i["findings"]) for i in inspections),
        "feedback.received": len(feedback),
        "feedback.answered": sum(1 for f in feedback if f["answered_on"] is not None),
        "feedback.waiting": sum(1 for f in feedback if waiting(f, on)),
    }
    models = coverage(sql, on=on, at=at)
    found["models.recognized"] = sum(m["recognized"] for m in models)
    for model in models:
        found[f"models.{model['model_type']}.recognized"] = model["recognized"]
        found[f"models.{model['model_type']}.target"] = model["target"]
    return found
