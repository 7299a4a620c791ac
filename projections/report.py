"""The periodic report upward (IV.3.4): built from the views for a period ending on a date —
models against targets, tasks by area, commendations, shortcomings, inspections, citizens'
feedback and money. Acts count in the period by the dates they took effect; standings (open,
overdue, waiting, recognized) are judged on the period's last day."""

from __future__ import annotations

from typing import Any

from domain.keyring import keys_for
from domain.personal import Sealed
from projections.commendations import COMMENDATIONS
from projections.feedback import all_feedback, waiting
from projections.inspections import all_inspections
from projections.models import coverage
from projections.program import program_items, program_row
from projections.read import docs, head_position
from projections.resources import money_by_source
from projections.shortcomings import SHORTCOMINGS
from projections.storage import Row, Sql
from projections.tasks import TASKS
from projections.units import UNITS

# How a report names a recipient without naming a citizen or a family.
RECIPIENTS_VI = {"person": "Cá nhân", "family": "Hộ gia đình"}


def _within(day: str | None, since: str, until: str) -> bool:
    return day is not None and since <= day <= until


def _by(day: str | None, until: str) -> bool:
    return day is not None and day <= until


def _task_open_on(task: Row, on: str) -> bool:
    return (
        task["assigned_on"] <= on
        and not _by(task["completed_on"], on)
        and not _by(task["cancelled_on"], on)
    )


def _tasks(sql: Sql, since: str, until: str, at: int | None) -> list[Row]:
    tasks = [t for t in docs(sql, TASKS, at=at) if t["assigned_on"] <= until]
    rows: list[Row] = []
    for area in program_items(sql, kind="task_area", at=at):
        mine = [t for t in tasks if t["area"] == area["code"]]
        rows.append(
            {
                "area": area["code"],
                "name_vi": area["name_vi"],
                "assigned": len(mine),
                "assigned_in_period": sum(1 for t in mine if t["assigned_on"] >= since),
                "completed": sum(1 for t in mine if _by(t["completed_on"], until)),
                "completed_in_period": sum(
                    1 for t in mine if _within(t["completed_on"], since, until)
                ),
                "open": sum(1 for t in mine if _task_open_on(t, until)),
                "overdue": sum(
                    1 for t in mine if _task_open_on(t, until) and t["due_date"] < until
                ),
            }
        )
    return rows


def _commendations(sql: Sql, since: str, until: str, at: int | None) -> Row:
    rows = docs(sql, COMMENDATIONS, at=at, order="proposed_at, id")
    units = {u["id"]: u["name"] for u in docs(sql, UNITS, at=at)}
    issued = [r for r in rows if _within(r["decision_date"], since, until)]
    return {
        "proposed": sum(1 for r in rows if _within(r["proposed_on"], since, until)),
        "issued": len(issued),
        "revoked": sum(1 for r in rows if _within(r["revoked_on"], since, until)),
        "decisions": [
            {
                "form": r["form"],
                "recipient_kind": r["recipient_kind"],
                # Units and areas by name; a citizen or a family only by what they are.
                "recipient": RECIPIENTS_VI.get(r["recipient_kind"], r["recipient_name"]),
                "unit": units.get(r["unit_id"]) if r["unit_id"] else None,
                "decision_number": r["decision_number"],
                "decision_date": r["decision_date"],
                "status": r["status"],
            }
            for r in sorted(issued, key=lambda r: (r["decision_date"], r["decision_number"]))
        ],
    }


def _outcomes(sql: Sql, decisions: list[Row]) -> list[str | None]:
    """Each decision's outcome: a member's is sealed, and opened here only to be counted (the
    report names no member); None once the member's key is erased."""
    sealed = [Sealed.from_json(d.get("sealed_outcome")) for d in decisions]
    keys = keys_for(sql, {str(s.person_id) for s in sealed if s is not None})
    found: list[str | None] = []
    for decision, outcome in zip(decisions, sealed, strict=True):
        if outcome is None:
            found.append(decision["outcome"])
        else:
            key = keys.get(str(outcome.person_id))
            found.append(outcome.open(key) if key else None)
    return found


def _shortcomings(sql: Sql, since: str, until: str, at: int | None) -> Row:
    rows = docs(sql, SHORTCOMINGS, at=at)
    open_at_end = [r for r in rows if r["flagged_on"] <= until and not _by(r["resolved_on"], until)]
    decisions = [
        d
        for r in rows
        for d in r.get("disciplines", [])
        if _within(d["decision_date"], since, until)
    ]
    return {
        "opened": sum(1 for r in rows if _within(r["flagged_on"], since, until)),
        "resolved": sum(1 for r in rows if _within(r["resolved_on"], since, until)),
        "open_at_end": len(open_at_end),
        "serious_open_at_end": sum(1 for r in open_at_end if r["severity"] == "serious"),
        "disciplines_decided": len(decisions),
        "disciplines_imposed": sum(1 for o in _outcomes(sql, decisions) if o == "imposed"),
    }


def _inspections(sql: Sql, since: str, until: str, at: int | None) -> Row:
    rows = all_inspections(sql, at=at)
    findings = [f for r in rows for f in r["findings"] if _within(f["recorded_on"], since, until)]
    conducted = [r for r in rows if _within(r["conducted_on"], since, until)]
    return {
        "planned": sum(1 for r in rows if _within(r["planned_on"], since, until)),
        "conducted": len(conducted),
        "closed": sum(1 for r in rows if _within(r["closed_on"], since, until)),
        "findings": len(findings),
        "shortcoming_findings": sum(1 for f in findings if f["kind"] == "shortcoming"),
        "good_practice_findings": sum(1 for f in findings if f["kind"] == "good_practice"),
        "list": [
            {
                "kind": r["kind"],
                "title": r["title"],
                "conducted_on": r["conducted_on"],
                "units": len(r["unit_ids"]),
                "findings": len(r["findings"]),
                "status": "closed" if _by(r["closed_on"], until) else "conducted",
            }
            for r in conducted
        ],
    }


def _feedback(sql: Sql, since: str, until: str, at: int | None) -> Row:
    rows = all_feedback(sql, at=at)
    answered = [r for r in rows if _within(r["answered_on"], since, until)]
    waiting_rows = [r for r in rows if waiting(r, until)]
    return {
        "received": sum(1 for r in rows if _within(r["submitted_on"], since, until)),
        "answered": len(answered),
        "response_days_total": sum(r["response_days"] for r in answered),
        "waiting_at_end": len(waiting_rows),
        "closed_unanswered": sum(
            1 for r in rows if _within(r["closed_on"], since, until) and r["answered_on"] is None
        ),
    }


def periodic_report(sql: Sql, *, since: str, until: str, at: int | None = None) -> Row | None:
    """The report for [since, until] (ISO dates, inclusive) from the views at position `at`
    (now when None); None until the program is adopted."""
    program = program_row(sql, at=at)
    if program is None:
        return None
    money: list[Any] = money_by_source(sql, since=since, until=until, at=at)
    return {
        "program_vi": program["name_vi"],
        "resolution_ref": program["resolution_ref"],
        "since": since,
        "until": until,
        "position": at if at is not None else head_position(sql),
        "models": coverage(sql, on=until, at=at),
        "tasks": _tasks(sql, since, until, at),
        "commendations": _commendations(sql, since, until, at),
        "shortcomings": _shortcomings(sql, since, until, at),
        "inspections": _inspections(sql, since, until, at),
        "feedback": _feedback(sql, since, until, at),
        "money": money,
    }
