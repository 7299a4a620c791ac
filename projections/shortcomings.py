"""The shortcomings view: every shortcoming flagged, its remediation plan and its resolution."""

from __future__ import annotations

from collections.abc import Sequence

from domain.base import LedgerAggregate
from domain.shortcoming import Shortcoming
from domain.unit import Unit
from projections.fold import StaleRead, Touched, check, effective_or_recorded, on, plain
from projections.read import Page, doc, docs, page
from projections.storage import Row, Sql
from projections.units import require_active, unit_name
from projections.viewstore import ViewStore, define_view

# `flagged_position` orders lists: the log position of the flagging, unique and never changing.
SHORTCOMINGS = define_view(
    "v_shortcomings",
    ("unit_id", "TEXT"),
    ("status", "TEXT"),
    ("severity", "TEXT"),
    ("flagged_position", "INTEGER"),
    as_of=("unit_id",),
)


def _current(store: ViewStore, e: Shortcoming.Event) -> Row:
    row = store.get(SHORTCOMINGS, str(e.originator_id))
    assert row is not None, "a shortcoming is flagged before anything else happens to it"
    return row


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@on(Shortcoming.ShortcomingFlagged)
def _flagged(e: Shortcoming.ShortcomingFlagged, store: ViewStore) -> Touched:
    unit = str(e.unit_id)
    store.put(
        SHORTCOMINGS,
        {
            "id": str(e.originator_id),
            "unit_id": unit,
            "severity": e.severity,
            "finding": e.finding,
            "source": e.source,
            "flagged_by": e.flagged_by,
            "flagged_on": effective_or_recorded(e),
            "flagged_position": store.position,
            "remediation_plan": None,
            "remediation_due": None,
            "remediation_responsible": None,
            "status": "open",
            "resolved_on": None,
            "resolution": None,
            "evidence": [],
            "transferred_from": None,
            "disciplines": [],
        },
    )
    return Touched(
        (unit,),
        f"Shortcoming flagged ({e.severity}) at {unit_name(store, unit)}: {_short(e.finding)}",
    )


@on(Shortcoming.RemediationPlanned)
def _planned(e: Shortcoming.RemediationPlanned, store: ViewStore) -> Touched:
    row = _current(store, e)
    store.put(
        SHORTCOMINGS,
        {
            **row,
            "remediation_plan": e.plan,
            "remediation_due": e.due_on.isoformat(),
            "remediation_responsible": e.responsible,
        },
    )
    return Touched(
        (row["unit_id"],),
        f"Remediation planned at {unit_name(store, row['unit_id'])}, due "
        f"{e.due_on.isoformat()}: {_short(e.plan)}",
    )


@on(Shortcoming.ShortcomingResolved)
def _resolved(e: Shortcoming.ShortcomingResolved, store: ViewStore) -> Touched:
    row = _current(store, e)
    store.put(
        SHORTCOMINGS,
        {
            **row,
            "status": "resolved",
            "resolved_on": effective_or_recorded(e),
            "resolution": e.resolution,
            "evidence": list(e.evidence),
        },
    )
    return Touched(
        (row["unit_id"],),
        f"Shortcoming resolved at {unit_name(store, row['unit_id'])}: {_short(e.resolution)}",
    )


@on(Shortcoming.ShortcomingTransferred)
def _transferred(e: Shortcoming.ShortcomingTransferred, store: ViewStore) -> Touched:
    row = _current(store, e)
    source, target = str(e.from_unit_id), str(e.to_unit_id)
    store.put(SHORTCOMINGS, {**row, "unit_id": target, "transferred_from": source})
    return Touched(
        (source, target),
        f"Shortcoming transferred from {unit_name(store, source)} to {unit_name(store, target)}",
    )


@on(Shortcoming.DisciplineProposed)
def _discipline_proposed(e: Shortcoming.DisciplineProposed, store: ViewStore) -> Touched:
    row = _current(store, e)
    discipline = {
        "number": e.number,
        "subject_kind": e.subject_kind,
        # A member's name, form and grounds: sealed (the form and grounds then empty), or in
        # plaintext when recorded before sealing.
        "subject_name": e.subject_name,
        "sealed_name": plain(e.sealed_name),
        "proposed_form": e.form,
        "sealed_proposed_form": plain(e.sealed_form),
        "grounds": e.grounds,
        "sealed_grounds": plain(e.sealed_grounds),
        "proposed_on": effective_or_recorded(e),
        "outcome": None,
        "sealed_outcome": None,
        "form": None,
        "sealed_form": None,
        "decision_number": None,
        "sealed_decision_number": None,
        "decision_date": None,
    }
    store.put(SHORTCOMINGS, {**row, "disciplines": [*row["disciplines"], discipline]})
    # The history names no member and says nothing of their discipline.
    if e.subject_kind == "member":
        return Touched((row["unit_id"],), "Discipline proposed for a member")
    subject = unit_name(store, row["unit_id"])
    return Touched((row["unit_id"],), f"Discipline proposed ({e.form}) for {subject}")


@on(Shortcoming.DisciplineDecided)
def _discipline_decided(e: Shortcoming.DisciplineDecided, store: ViewStore) -> Touched:
    row = _current(store, e)
    decided = {
        # A member's outcome, form and decision number: sealed (the outcome and decision
        # number then empty), or in plaintext when recorded before sealing.
        "outcome": e.outcome,
        "sealed_outcome": plain(e.sealed_outcome),
        "form": e.form,
        "sealed_form": plain(e.sealed_form),
        "decision_number": e.decision_number,
        "sealed_decision_number": plain(e.sealed_decision_number),
        "decision_date": e.decision_date.isoformat(),
    }
    disciplines = [{**d, **decided} if d["number"] == e.number else d for d in row["disciplines"]]
    store.put(SHORTCOMINGS, {**row, "disciplines": disciplines})
    proposed = next(d for d in row["disciplines"] if d["number"] == e.number)
    if proposed["subject_kind"] == "member":
        return Touched((row["unit_id"],), f"Discipline {e.number} decided for a member")
    what = f"imposed ({e.form})" if e.outcome == "imposed" else "not imposed"
    return Touched(
        (row["unit_id"],), f"Discipline {e.number} decided: {what}, decision {e.decision_number}"
    )


def get_shortcoming(sql: Sql, shortcoming_id: str, *, at: int | None = None) -> Row | None:
    return doc(sql, SHORTCOMINGS, shortcoming_id, at=at)


def list_shortcomings(
    sql: Sql,
    *,
    unit_id: str | None = None,
    status: str | None = None,
    severity: str | None = None,
    after: int | None = None,
    first: int = 50,
    at: int | None = None,
) -> Page:
    """Shortcomings in the order they were flagged; `after` is the last `flagged_position` seen."""
    where: list[str] = []
    params: list[object] = []
    for column, value in (("unit_id", unit_id), ("status", status), ("severity", severity)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if after is not None:
        where.append("flagged_position > ?")
        params.append(after)
    found = docs(sql, SHORTCOMINGS, where, params, at=at, order="flagged_position", limit=first + 1)
    return page(found, first)


def shortcomings_of_unit(
    sql: Sql, unit_id: str, *, status: str | None = None, at: int | None = None
) -> list[Row]:
    where, params = ["unit_id = ?"], [unit_id]
    if status is not None:
        where.append("status = ?")
        params.append(status)
    return docs(sql, SHORTCOMINGS, where, params, at=at, order="flagged_position")


@check
def _open_shortcomings_follow_their_units(
    sql: Sql, events: Sequence[LedgerAggregate.Event]
) -> None:
    """A shortcoming is never flagged on a unit that merged meanwhile, and a merge leaves no open
    shortcoming behind."""
    for e in events:
        if isinstance(e, Shortcoming.ShortcomingFlagged):
            require_active(sql, [str(e.unit_id)])
        elif isinstance(e, Unit.UnitMerged) and shortcomings_of_unit(
            sql, str(e.originator_id), status="open"
        ):
            raise StaleRead("a shortcoming was flagged on the merging unit while it merged")
