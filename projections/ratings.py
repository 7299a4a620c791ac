"""The ratings view: each yearly rating of a party organization or member, with its notes."""

from __future__ import annotations

from collections import Counter

from domain.rating import Rating
from projections.fold import Touched, effective_or_recorded, on, plain
from projections.read import doc, docs
from projections.storage import Row, Sql
from projections.units import unit_name
from projections.viewstore import ViewStore, define_view

RATINGS = define_view(
    "v_ratings",
    ("subject_kind", "TEXT"),
    ("unit_id", "TEXT"),
    ("year", "INTEGER"),
    ("level", "TEXT"),
)


@on(Rating.RatingRecorded)
def _recorded(e: Rating.RatingRecorded, store: ViewStore) -> Touched:
    unit = str(e.unit_id)
    store.put(
        RATINGS,
        {
            "id": str(e.originator_id),
            "subject_kind": e.subject_kind,
            "unit_id": unit,
            # A member's name, level and notes: sealed (the level empty, the notes' criteria
            # in clear), or in plaintext when recorded before sealing.
            "member_name": e.member_name,
            "sealed_name": plain(e.sealed_name),
            "year": e.year,
            "level": e.level,
            "sealed_level": plain(e.sealed_level),
            "notes": plain(list(e.notes)),
            "recorded_on": effective_or_recorded(e),
            # The notes were written against the criteria in force here.
            "judged_position": store.position,
            "corrections": 0,
        },
    )
    subject = "a member of" if e.subject_kind == "member" else "party organization"
    return Touched((unit,), f"Rating {e.year} recorded for {subject} {unit_name(store, unit)}")


@on(Rating.RatingCorrected)
def _corrected(e: Rating.RatingCorrected, store: ViewStore) -> Touched:
    row = store.get(RATINGS, str(e.originator_id))
    assert row is not None
    store.put(
        RATINGS,
        {
            **row,
            "level": e.level,
            "sealed_level": plain(e.sealed_level),
            "notes": plain(list(e.notes)),
            "judged_position": store.position,
            "corrections": row["corrections"] + 1,
        },
    )
    return Touched((row["unit_id"],), f"Rating {row['year']} corrected")


def get_rating(sql: Sql, rating_id: str, *, at: int | None = None) -> Row | None:
    return doc(sql, RATINGS, rating_id, at=at)


def list_ratings(
    sql: Sql,
    *,
    year: int | None = None,
    unit_id: str | None = None,
    subject_kind: str | None = None,
    level: str | None = None,
    at: int | None = None,
) -> list[Row]:
    where: list[str] = []
    params: list[object] = []
    for column, value in (
        ("year", year),
        ("unit_id", unit_id),
        ("subject_kind", subject_kind),
        ("level", level),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    return docs(sql, RATINGS, where, params, at=at, order="year, unit_id, pos_from")


def rating_tally(rows: list[Row]) -> list[Row]:
    """How many were rated at each level, from (subject_kind, level) rows."""
    counts = Counter((r["subject_kind"], r["level"]) for r in rows)
    return [
        {"subject_kind": subject, "level": level, "count": n}
        for (subject, level), n in sorted(counts.items())
    ]
