"""The candidacies view (a unit × a model type) and coverage of each model against its target."""

from __future__ import annotations

from domain.candidacy import Candidacy
from projections.fold import Touched, effective_or_recorded, on
from projections.program import PROGRAM_ITEMS, program_items
from projections.read import Page, doc, docs, page
from projections.storage import Row, Sql
from projections.units import UNITS, unit_name
from projections.viewstore import ViewStore, define_view

CANDIDACIES = define_view(
    "v_candidacies",
    ("unit_id", "TEXT"),
    ("model_type", "TEXT"),
    ("state", "TEXT"),
    as_of=("unit_id",),
)

STATES = ("enrolled", "assessed", "recognized", "revoked")


def _model_name(store: ViewStore, code: str) -> str:
    item = store.get(PROGRAM_ITEMS, f"model_type:{code}")
    return str(item["name_vi"]) if item else code


def _current(e: Candidacy.Event, store: ViewStore) -> Row:
    row = store.get(CANDIDACIES, str(e.originator_id))
    assert row is not None, "a candidacy's later events follow its enrolment"
    return row


def _line(row: Row, store: ViewStore, what: str) -> Touched:
    summary = (
        f"{what}: {unit_name(store, row['unit_id'])} — {_model_name(store, row['model_type'])}"
    )
    return Touched((row["unit_id"],), summary)


@on(Candidacy.ModelEnrolled)
def _enrolled(e: Candidacy.ModelEnrolled, store: ViewStore) -> Touched:
    row: Row = {
        "id": str(e.originator_id),
        "unit_id": str(e.unit_id),
        "model_type": e.model_type,
        "unit_kind": e.unit_kind,
        "state": "enrolled",
        "enrolled_on": effective_or_recorded(e),
        "last_assessment": None,
        "decision_number": None,
        "decision_date": None,
        "valid_until": None,
        "revoked_on": None,
        "revocation_number": None,
        "recognitions": 0,
    }
    store.put(CANDIDACIES, row)
    return _line(row, store, "Model enrolled")


@on(Candidacy.ModelAssessed)
def _assessed(e: Candidacy.ModelAssessed, store: ViewStore) -> Touched:
    row = _current(e, store)
    assessment = {
        "results": [dict(r) for r in e.results],
        "passed": e.passed,
        "note": e.note,
        "assessed_on": effective_or_recorded(e),
        "assessed_position": store.position,
    }
    state = row["state"] if row["state"] == "recognized" else "assessed"
    row = {**row, "state": state, "last_assessment": assessment}
    store.put(CANDIDACIES, row)
    met = sum(1 for r in e.results if r["met"])
    verdict = "passed" if e.passed else "not passed"
    return _line(row, store, f"Model assessed ({verdict}, {met}/{len(e.results)} met)")


@on(Candidacy.ModelRecognized)
def _recognized(e: Candidacy.ModelRecognized, store: ViewStore) -> Touched:
    row = {
        **_current(e, store),
        "state": "recognized",
        "decision_number": e.decision_number,
        "decision_date": e.decision_date.isoformat(),
        "valid_until": e.valid_until.isoformat(),
        "revoked_on": None,
        "revocation_number": None,
    }
    row["recognitions"] += 1
    store.put(CANDIDACIES, row)
    return _line(row, store, f"Model recognized (decision {e.decision_number})")


@on(Candidacy.RecognitionRevoked)
def _revoked(e: Candidacy.RecognitionRevoked, store: ViewStore) -> Touched:
    row = {
        **_current(e, store),
        "state": "revoked",
        "revoked_on": effective_or_recorded(e),
        "revocation_number": e.decision_number or None,
    }
    store.put(CANDIDACIES, row)
    return _line(row, store, "Recognition revoked")


def in_force(row: Row, on: str) -> bool:
    """Whether a candidacy's recognition is in force on an ISO date."""
    return (
        row["state"] == "recognized"
        and row["decision_date"] is not None
        and row["decision_date"] <= on <= row["valid_until"]
    )


def get_candidacy(sql: Sql, candidacy_id: str, *, at: int | None = None) -> Row | None:
    return doc(sql, CANDIDACIES, candidacy_id, at=at)


def list_candidacies(
    sql: Sql,
    *,
    unit_id: str | None = None,
    model_type: str | None = None,
    state: str | None = None,
    after: str | None = None,
    first: int = 50,
    at: int | None = None,
) -> Page:
    """Candidacies ordered by id; `after` is the id of the last one already seen."""
    where: list[str] = []
    params: list[object] = []
    for column, value in (("unit_id", unit_id), ("model_type", model_type), ("state", state)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if after is not None:
        where.append("id > ?")
        params.append(after)
    return page(docs(sql, CANDIDACIES, where, params, at=at, limit=first + 1), first)


def candidacies_of_unit(sql: Sql, unit_id: str, *, at: int | None = None) -> list[Row]:
    return docs(sql, CANDIDACIES, ["unit_id = ?"], [unit_id], at=at, order="model_type")


def _exists_on(unit: Row, on: str) -> bool:
    """A unit counts on a date from its registration until the day it merged or dissolved."""
    return unit["registered_on"] <= on and (unit["ended_on"] is None or on < unit["ended_on"])


def coverage(sql: Sql, *, on: str, at: int | None = None) -> list[Row]:
    """Each model type's recognitions in force on `on` against its target on that date.

    A target of "all units of a kind" counts the units of the eligible kinds that exist on
    that date; a recognized unit counts only while it exists."""
    units = {u["id"]: u for u in docs(sql, UNITS, at=at)}
    recognized = docs(sql, CANDIDACIES, ["state = ?"], ["recognized"], at=at)
    rows: list[Row] = []
    for model in program_items(sql, kind="model_type", at=at):
        kinds = set(model["unit_kinds"])
        if model["target_kind"] == "count":
            target = int(model["target_count"] or 0)
        else:
            target = sum(1 for u in units.values() if u["kind"] in kinds and _exists_on(u, on))
        count = sum(
            1
            for c in recognized
            if c["model_type"] == model["code"]
            and in_force(c, on)
            and c["unit_id"] in units
            and _exists_on(units[c["unit_id"]], on)
        )
        rows.append(
            {
                "model_type": model["code"],
                "number": model["number"],
                "name_vi": model["name_vi"],
                "name_en": model["name_en"],
                "target_kind": model["target_kind"],
                "target": target,
                "recognized": count,
                "ratio": count / target if target else 0.0,
                "target_text_vi": model["target_text_vi"],
                "target_text_en": model["target_text_en"],
            }
        )
    return rows
