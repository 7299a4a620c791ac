"""The yearly rating (đánh giá, xếp loại) of party organizations and party members by the
Inspection Committee (IV.1 phase 2, IV.3.5), with notes on each of the five criteria of the
socialist person (II.3). A member's rating is personal data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from domain.base import (
    MAX_NAME,
    InvalidInput,
    LedgerAggregate,
    RuleBroken,
    Stamp,
    clean_text,
    clean_year,
    new_id,
)
from domain.personal import Open, Seal, Sealed, seal_with
from domain.program import CriterionNotInForce
from domain.unit import Unit

# Hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành nhiệm vụ.
LEVELS = ("excellent", "good", "completed", "not_completed")
SUBJECTS = ("organization", "member")
PARTY_KINDS = ("party_cell",)


class RatingAlreadyRecorded(RuleBroken):
    pass


class MissingCriterionNotes(RuleBroken):
    pass


class NotAPartyOrganization(RuleBroken):
    pass


class RatingUnchanged(RuleBroken):
    pass


def organization_rating_id(unit_id: UUID, year: int) -> UUID:
    """A party organization is rated once a year; a correction amends that rating."""
    return uuid5(NAMESPACE_URL, f"socai:rating:{unit_id}:{year}")


def clean_notes(
    notes: Sequence[Mapping[str, Any]], in_force: Sequence[str], *, all_required: bool
) -> list[dict[str, str]]:
    """Notes as [{"criterion": "person-1", "note": "…"}], on person criteria in force."""
    cleaned: list[dict[str, str]] = []
    for given in notes:
        criterion, note = given.get("criterion"), given.get("note")
        if not isinstance(criterion, str) or not isinstance(note, str):
            raise InvalidInput("notes", "each note names a criterion and says something")
        criterion = criterion.strip()
        if criterion not in in_force:
            raise CriterionNotInForce(
                f"'{criterion}' is not a criterion of the person in force ({', '.join(in_force)})"
            )
        cleaned.append({"criterion": criterion, "note": clean_text("notes", note, max_length=2000)})
    named = [n["criterion"] for n in cleaned]
    if len(set(named)) != len(named):
        raise InvalidInput("notes", "each criterion may have one note")
    missing = [c for c in in_force if c not in named]
    if all_required and missing:
        raise MissingCriterionNotes(f"a member's rating needs a note on {', '.join(missing)}")
    return sorted(cleaned, key=lambda n: in_force.index(n["criterion"]))


def seal_notes(seal: Seal | None, notes: list[dict[str, str]]) -> list[dict[str, Any]]:
    """A member's notes: the criterion codes in clear, each note's text sealed."""
    return [
        {"criterion": n["criterion"], "note": seal_with(seal, "notes", "note", n["note"])}
        for n in notes
    ]


class Rating(LedgerAggregate):
    """An organization's level and notes are in clear. A member's name, level and notes are
    sealed with the member's key (`level` is then empty, each note's text a Sealed); ratings
    recorded before sealing hold them in plaintext."""

    STREAM = "rating"

    subject_kind: str
    unit_id: UUID
    year: int
    level: str
    notes: list[dict[str, Any]]
    sealed_name: Sealed | None
    sealed_level: Sealed | None

    def __init__(self) -> None:
        """State is set only by the events' `apply` methods."""

    class RatingRecorded(LedgerAggregate.Created):
        class_version = 2
        subject_kind: str
        unit_id: UUID  # the organization rated, or the member's party cell
        # Version 1 held a member's name, level and notes in plaintext; since version 2 the
        # name is None, the level empty and the notes' text sealed for a member.
        member_name: str | None
        year: int
        level: str
        notes: list[dict[str, Any]]
        sealed_name: Sealed | None
        sealed_level: Sealed | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            state["sealed_name"] = None
            state["sealed_level"] = None

        def apply(self, aggregate: Rating) -> None:
            aggregate.subject_kind = self.subject_kind
            aggregate.unit_id = self.unit_id
            aggregate.year = self.year
            aggregate.level = self.level
            aggregate.notes = list(self.notes)
            aggregate.sealed_name = self.sealed_name
            aggregate.sealed_level = self.sealed_level

    class RatingCorrected(LedgerAggregate.Event):
        class_version = 2
        level: str
        notes: list[dict[str, Any]]
        sealed_level: Sealed | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            state["sealed_level"] = None

        def apply(self, aggregate: Rating) -> None:
            aggregate.level = self.level
            aggregate.notes = list(self.notes)
            aggregate.sealed_level = self.sealed_level

    @classmethod
    def record(
        cls,
        stamp: Stamp,
        *,
        subject_kind: str,
        unit: Unit,
        member_name: str | None,
        year: int,
        level: str,
        notes: Sequence[Mapping[str, Any]],
        person_criteria: Sequence[str],
        seal: Seal | None = None,
    ) -> Rating:
        """`person_criteria` are the codes of the person criteria in force; a member's rating
        has a note on each, an organization's may have some. `seal(field, text)` encrypts a
        member's name, level and notes with the member's key."""
        if subject_kind not in SUBJECTS:
            raise InvalidInput("subjectKind", f"must be one of {', '.join(SUBJECTS)}")
        if level not in LEVELS:
            raise InvalidInput("level", f"must be one of {', '.join(LEVELS)}")
        unit.require_active()
        if unit.kind not in PARTY_KINDS:
            raise NotAPartyOrganization(f"'{unit.code}' is a {unit.kind}, not a party cell")
        year = clean_year(year)
        member = subject_kind == "member"
        if member:
            name: str | None = clean_text("memberName", member_name or "", max_length=MAX_NAME)
        elif member_name is not None and member_name.strip():
            raise InvalidInput("memberName", "leave empty when an organization is rated")
        else:
            name = None
        cleaned: list[dict[str, Any]] = clean_notes(notes, person_criteria, all_required=member)
        sealed_level = None
        if member:
            sealed_level = seal_with(seal, "level", "level", level)
            level, cleaned = "", seal_notes(seal, cleaned)
        return cls._create(
            cls.RatingRecorded,
            id=new_id() if member else organization_rating_id(unit.id, year),
            stamp=stamp,
            subject_kind=subject_kind,
            unit_id=unit.id,
            member_name=None,
            year=year,
            level=level,
            notes=cleaned,
            sealed_name=seal_with(seal, "memberName", "member_name", name),
            sealed_level=sealed_level,
        )

    @property
    def person_id(self) -> UUID | None:
        """The rated member's person id (None for an organization, or a plaintext rating)."""
        return self.sealed_name.person_id if self.sealed_name else None

    def standing(self, open_sealed: Open) -> tuple[str | None, list[dict[str, str | None]]]:
        """The level and notes in clear, opening what is sealed."""
        level = open_sealed(self.sealed_level) if self.sealed_level else self.level
        notes = [
            {
                "criterion": n["criterion"],
                "note": open_sealed(n["note"]) if isinstance(n["note"], Sealed) else n["note"],
            }
            for n in self.notes
        ]
        return level, notes

    def correct(
        self,
        stamp: Stamp,
        *,
        level: str,
        notes: Sequence[Mapping[str, Any]],
        person_criteria: Sequence[str],
        seal: Seal | None = None,
        open_sealed: Open | None = None,
    ) -> None:
        """A member's rating is compared, opened, with what it stood at, and sealed anew."""
        if level not in LEVELS:
            raise InvalidInput("level", f"must be one of {', '.join(LEVELS)}")
        if not stamp.reason:
            raise InvalidInput("reason", "say why the rating is corrected")
        member = self.subject_kind == "member"
        cleaned = clean_notes(notes, person_criteria, all_required=member)
        if (level, cleaned) == self.standing(open_sealed or _cannot_open):
            raise RatingUnchanged("the rating already stands so")
        sealed_level = None
        stored: list[dict[str, Any]] = list(cleaned)
        if member:
            sealed_level = seal_with(seal, "level", "level", level)
            level, stored = "", seal_notes(seal, cleaned)
        self._trigger(
            self.RatingCorrected, stamp, level=level, notes=stored, sealed_level=sealed_level
        )


def _cannot_open(sealed: Sealed) -> None:
    return None
