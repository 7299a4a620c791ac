"""The inspections view: each inspection or supervision with its units, findings and outcome."""

from __future__ import annotations

from domain.inspection import Inspection
from projections.fold import Touched, effective_or_recorded, on
from projections.read import Page, doc, docs, page
from projections.storage import Row, Sql
from projections.units import unit_name
from projections.viewstore import ViewStore, define_view

# `involved` is "|unit|unit|…|", as for tasks; `planned_position` orders lists.
INSPECTIONS = define_view(
    "v_inspections",
    ("status", "TEXT"),
    ("kind", "TEXT"),
    ("involved", "TEXT"),
    ("planned_position", "INTEGER"),
)


def _current(store: ViewStore, e: Inspection.Event) -> Row:
    row = store.get(INSPECTIONS, str(e.originator_id))
    assert row is not None, "an inspection is planned before anything else happens to it"
    return row


def _units(row: Row) -> tuple[str, ...]:
    return tuple(row["unit_ids"])


@on(Inspection.InspectionPlanned)
def _planned(e: Inspection.InspectionPlanned, store: ViewStore) -> Touched:
    row: Row = {
        "id": str(e.originator_id),
        "kind": e.kind,
        "title": e.title,
        "scope": e.scope,
        "unit_ids": list(e.unit_ids),
        "involved": "|" + "|".join(e.unit_ids) + "|",
        "starts_on": e.starts_on.isoformat(),
        "ends_on": e.ends_on.isoformat(),
        "status": "planned",
        "planned_on": effective_or_recorded(e),
        "planned_position": store.position,
        "conducted_on": None,
        "summary": None,
        "evidence": [],
        "findings": [],
        "closed_on": None,
        "conclusion": None,
    }
    store.put(INSPECTIONS, row)
    return Touched(_units(row), f"Inspection planned ({e.kind}): {e.title}")


@on(Inspection.InspectionConducted)
def _conducted(e: Inspection.InspectionConducted, store: ViewStore) -> Touched:
    row = {
        **_current(store, e),
        "status": "conducted",
        "conducted_on": e.conducted_on.isoformat(),
        "summary": e.summary,
        "evidence": list(e.evidence),
    }
    store.put(INSPECTIONS, row)
    return Touched(_units(row), f"Inspection conducted: {row['title']}")


@on(Inspection.FindingRecorded)
def _finding(e: Inspection.FindingRecorded, store: ViewStore) -> Touched:
    row = _current(store, e)
    finding = {
        "number": e.number,
        "unit_id": str(e.unit_id),
        "kind": e.kind,
        "text": e.text,
        "recorded_on": effective_or_recorded(e),
        "shortcoming_id": str(e.shortcoming_id) if e.shortcoming_id else None,
        "commendation_id": None,
    }
    store.put(INSPECTIONS, {**row, "findings": [*row["findings"], finding]})
    what = "shortcoming" if e.kind == "shortcoming" else "good practice"
    return Touched(
        (str(e.unit_id),),
        f"Finding {e.number} ({what}) at {unit_name(store, e.unit_id)}: {row['title']}",
    )


@on(Inspection.CommendationProposedFromFinding)
def _commended(e: Inspection.CommendationProposedFromFinding, store: ViewStore) -> Touched:
    row = _current(store, e)
    findings = [
        {**f, "commendation_id": str(e.commendation_id)} if f["number"] == e.number else f
        for f in row["findings"]
    ]
    store.put(INSPECTIONS, {**row, "findings": findings})
    unit = findings[e.number - 1]["unit_id"]
    return Touched((unit,), f"Commendation proposed from finding {e.number}: {row['title']}")


@on(Inspection.InspectionClosed)
def _closed(e: Inspection.InspectionClosed, store: ViewStore) -> Touched:
    row = {
        **_current(store, e),
        "status": "closed",
        "closed_on": effective_or_recorded(e),
        "conclusion": e.conclusion,
    }
    store.put(INSPECTIONS, row)
    return Touched(_units(row), f"Inspection closed: {row['title']}")


def get_inspection(sql: Sql, inspection_id: str, *, at: int | None = None) -> Row | None:
    return doc(sql, INSPECTIONS, inspection_id, at=at)


def _contains_unit(unit_id: str) -> str:
    escaped = unit_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%|{escaped}|%"


def list_inspections(
    sql: Sql,
    *,
    unit_id: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    after: int | None = None,
    first: int = 50,
    at: int | None = None,
) -> Page:
    """Inspections in the order they were planned; `after` is a `planned_position`."""
    where: list[str] = []
    params: list[object] = []
    for column, value in (("status", status), ("kind", kind)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if unit_id is not None:
        where.append("involved LIKE ? ESCAPE '\\'")
        params.append(_contains_unit(unit_id))
    if after is not None:
        where.append("planned_position > ?")
        params.append(after)
    rows = docs(sql, INSPECTIONS, where, params, at=at, order="planned_position", limit=first + 1)
    return page(rows, first)


def all_inspections(sql: Sql, *, at: int | None = None) -> list[Row]:
    return docs(sql, INSPECTIONS, at=at, order="planned_position")
