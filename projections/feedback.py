"""Citizen feedback and testimonies: every opinion with its handling, the progress reports
citizens may confirm or dispute, and how fast each unit answers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from domain.base import LedgerAggregate
from domain.feedback import Feedback, reference_for
from domain.task import Task
from domain.testimony import Testimony
from domain.unit import Unit
from projections.fold import StaleRead, Touched, also, check, effective_or_recorded, on, plain
from projections.read import Page, doc, docs, page
from projections.storage import Row, Sql
from projections.tasks import TASKS
from projections.units import require_active, unit_name
from projections.viewstore import ViewStore, define_view

FEEDBACK = define_view(
    "v_feedback",
    ("unit_id", "TEXT"),
    ("status", "TEXT"),
    ("reference", "TEXT"),
    ("submitted_position", "INTEGER"),
    as_of=("unit_id",),
)
PROGRESS_REPORTS = define_view("v_progress_reports", ("task_id", "TEXT"))
TESTIMONIES = define_view("v_testimonies", ("task_id", "TEXT"), ("report_id", "TEXT"))


def _current(store: ViewStore, e: Feedback.Event) -> Row:
    row = store.get(FEEDBACK, str(e.originator_id))
    assert row is not None, "feedback is submitted before anything else happens to it"
    return row


def _days(start: str, end: str) -> int:
    return (date.fromisoformat(end) - date.fromisoformat(start)).days


@on(Feedback.FeedbackSubmitted)
def _submitted(e: Feedback.FeedbackSubmitted, store: ViewStore) -> Touched:
    unit = str(e.unit_id)
    store.put(
        FEEDBACK,
        {
            "id": str(e.originator_id),
            "reference": reference_for(e.originator_id),
            "channel": e.channel,
            "topic": e.topic,
            "text": e.text,
            "unit_id": unit,
            # personal data: never in a summary, shown only to the roles that may see it;
            # sealed (ciphertext only), or in plaintext when recorded before sealing.
            "submitter_name": e.submitter_name,
            "submitter_contact": e.submitter_contact,
            "sealed_name": plain(e.sealed_name),
            "sealed_contact": plain(e.sealed_contact),
            "status": "submitted",
            "submitted_on": effective_or_recorded(e),
            "submitted_position": store.position,
            "acknowledged_on": None,
            "acknowledgement": None,
            "answered_on": None,
            "answer": None,
            "response_days": None,
            "closed_on": None,
            "closing_note": None,
            "transferred_from": None,
        },
    )
    return Touched((unit,), f"Feedback submitted about {unit_name(store, unit)}: {e.topic}")


@on(Feedback.FeedbackAcknowledged)
def _acknowledged(e: Feedback.FeedbackAcknowledged, store: ViewStore) -> Touched:
    row = _current(store, e)
    on_day = effective_or_recorded(e)
    store.put(
        FEEDBACK,
        {**row, "status": "acknowledged", "acknowledged_on": on_day, "acknowledgement": e.note},
    )
    return Touched((row["unit_id"],), f"Feedback acknowledged: {row['reference']}")


@on(Feedback.FeedbackAnswered)
def _answered(e: Feedback.FeedbackAnswered, store: ViewStore) -> Touched:
    row = _current(store, e)
    on_day = effective_or_recorded(e)
    store.put(
        FEEDBACK,
        {
            **row,
            "status": "answered",
            "answered_on": on_day,
            "answer": e.answer,
            "response_days": _days(row["submitted_on"], on_day),
        },
    )
    return Touched((row["unit_id"],), f"Feedback answered: {row['reference']}")


@on(Feedback.FeedbackClosed)
def _closed(e: Feedback.FeedbackClosed, store: ViewStore) -> Touched:
    row = _current(store, e)
    store.put(
        FEEDBACK,
        {**row, "status": "closed", "closed_on": effective_or_recorded(e), "closing_note": e.note},
    )
    return Touched((row["unit_id"],), f"Feedback closed: {row['reference']}")


@on(Feedback.FeedbackTransferred)
def _transferred(e: Feedback.FeedbackTransferred, store: ViewStore) -> Touched:
    row = _current(store, e)
    source, target = str(e.from_unit_id), str(e.to_unit_id)
    store.put(FEEDBACK, {**row, "unit_id": target, "transferred_from": source})
    return Touched(
        (source, target),
        f"Feedback {row['reference']} passed from {unit_name(store, source)} to "
        f"{unit_name(store, target)}",
    )


def report_id(task_id: str, version: int) -> str:
    return f"{task_id}:{version}"


@also(Task.ProgressReported)
def _progress_report(e: Task.ProgressReported, store: ViewStore) -> None:
    put_progress_report(
        store,
        str(e.originator_id),
        e.originator_version,
        e.percent,
        e.summary,
        e.evidence,
        effective_or_recorded(e),
        e.stamp.actor_id,
    )


def put_progress_report(
    store: ViewStore,
    task_id: str,
    version: int,
    percent: int,
    summary: str,
    evidence: Sequence[str],
    reported_on: str,
    reported_by: str,
) -> None:
    """A progress report's own row (also written by the rebuild's bulk pass with the report's
    fields read straight from the stored event)."""
    store.put(
        PROGRESS_REPORTS,
        {
            "id": report_id(task_id, version),
            "task_id": task_id,
            "version": version,
            "position": store.position,
            "percent": percent,
            "summary": summary,
            "evidence": list(evidence),
            "reported_on": reported_on,
            "reported_by": reported_by,
            "confirmations": 0,
            "disputes": 0,
        },
    )


@on(Testimony.TestimonyGiven)
def _testimony(e: Testimony.TestimonyGiven, store: ViewStore) -> Touched:
    task_id = str(e.task_id)
    report = report_id(task_id, e.report_version)
    store.put(
        TESTIMONIES,
        {
            "id": str(e.originator_id),
            "task_id": task_id,
            "report_id": report,
            "report_version": e.report_version,
            "stance": e.stance,
            "text": e.text,
            "given_on": effective_or_recorded(e),
            "given_position": store.position,
            # personal data: sealed, or in plaintext when recorded before sealing.
            "submitter_name": e.submitter_name,
            "submitter_contact": e.submitter_contact,
            "sealed_name": plain(e.sealed_name),
            "sealed_contact": plain(e.sealed_contact),
        },
    )
    task = store.get(TASKS, task_id)
    title = task["title"] if task else task_id
    units = (task["lead_unit_id"],) if task else ()
    verb = "confirmed" if e.stance == "confirm" else "disputed"
    return Touched(units, f"Progress report {verb} by a citizen: {title}")


@also(Testimony.TestimonyGiven)
def _testimony_tally(e: Testimony.TestimonyGiven, store: ViewStore) -> None:
    """The testimony counted on the report it is about."""
    row = store.get(PROGRESS_REPORTS, report_id(str(e.task_id), e.report_version))
    if row is not None:
        tally = "confirmations" if e.stance == "confirm" else "disputes"
        store.put(PROGRESS_REPORTS, {**row, tally: row[tally] + 1})


def get_feedback(sql: Sql, feedback_id: str, *, at: int | None = None) -> Row | None:
    return doc(sql, FEEDBACK, feedback_id, at=at)


def feedback_by_reference(sql: Sql, reference: str, *, at: int | None = None) -> Row | None:
    found = docs(sql, FEEDBACK, ["reference = ?"], [reference.strip().upper()], at=at, limit=1)
    return found[0] if found else None


def list_feedback(
    sql: Sql,
    *,
    unit_id: str | None = None,
    status: str | None = None,
    after: int | None = None,
    first: int = 50,
    at: int | None = None,
) -> Page:
    """Feedback in the order it was submitted; `after` is a `submitted_position`."""
    where: list[str] = []
    params: list[object] = []
    for column, value in (("unit_id", unit_id), ("status", status)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if after is not None:
        where.append("submitted_position > ?")
        params.append(after)
    rows = docs(sql, FEEDBACK, where, params, at=at, order="submitted_position", limit=first + 1)
    return page(rows, first)


def open_feedback_of_unit(sql: Sql, unit_id: str, *, at: int | None = None) -> list[Row]:
    return docs(
        sql,
        FEEDBACK,
        ["unit_id = ?", "status <> ?"],
        [unit_id, "closed"],
        at=at,
        order="submitted_position",
    )


def feedback_of_unit(sql: Sql, unit_id: str, *, at: int | None = None) -> list[Row]:
    return docs(sql, FEEDBACK, ["unit_id = ?"], [unit_id], at=at, order="submitted_position")


def all_feedback(sql: Sql, *, at: int | None = None) -> list[Row]:
    return docs(sql, FEEDBACK, at=at, order="submitted_position")


def waiting(row: Row, on: str) -> bool:
    """Submitted by `on` and not answered or closed by then."""
    if row["submitted_on"] > on:
        return False
    answered = row["answered_on"] is not None and row["answered_on"] <= on
    closed = row["closed_on"] is not None and row["closed_on"] <= on
    return not (answered or closed)


def response_by_unit(sql: Sql, *, on: str, at: int | None = None) -> list[Row]:
    """Per unit with feedback, on a date: received, answered and their total days to answer,
    waiting and the longest wait — feedback received after `on` does not count."""
    units: dict[str, Row] = {}
    for row in all_feedback(sql, at=at):
        if row["submitted_on"] > on:
            continue
        tally = units.setdefault(
            row["unit_id"],
            {
                "unit_id": row["unit_id"],
                "received": 0,
                "answered": 0,
                "response_days_total": 0,
                "waiting": 0,
                "longest_wait_days": 0,
            },
        )
        tally["received"] += 1
        if row["answered_on"] is not None and row["answered_on"] <= on:
            tally["answered"] += 1
            tally["response_days_total"] += row["response_days"]
        if waiting(row, on):
            tally["waiting"] += 1
            tally["longest_wait_days"] = max(
                tally["longest_wait_days"], _days(row["submitted_on"], on)
            )
    return sorted(units.values(), key=lambda t: (-t["waiting"], t["unit_id"]))


def waiting_feedback(sql: Sql, *, on: str, at: int | None = None) -> list[Row]:
    """Feedback waiting for an answer on a date, longest waiting first, with its days."""
    rows = [
        {**row, "waiting_days": _days(row["submitted_on"], on)}
        for row in all_feedback(sql, at=at)
        if waiting(row, on)
    ]
    return sorted(rows, key=lambda r: (-r["waiting_days"], r["submitted_position"]))


def progress_reports(sql: Sql, task_id: str, *, at: int | None = None) -> list[Row]:
    return docs(sql, PROGRESS_REPORTS, ["task_id = ?"], [task_id], at=at, order="pos_from")


def report_testimonies(sql: Sql, report: str, *, at: int | None = None) -> list[Row]:
    return docs(sql, TESTIMONIES, ["report_id = ?"], [report], at=at, order="pos_from, id")


@check
def _open_feedback_follows_its_unit(sql: Sql, events: Sequence[LedgerAggregate.Event]) -> None:
    """Feedback is never submitted about a unit that merged meanwhile, and a merge leaves no
    open feedback behind."""
    for e in events:
        if isinstance(e, Feedback.FeedbackSubmitted):
            require_active(sql, [str(e.unit_id)])
        elif isinstance(e, Unit.UnitMerged) and open_feedback_of_unit(sql, str(e.originator_id)):
            raise StaleRead("feedback was submitted about the merging unit while it merged")
