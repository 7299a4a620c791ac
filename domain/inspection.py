"""An inspection or a supervision (kiểm tra, giám sát) by the Inspection Committee (IV.3.5):
planned for some units, a scope and a period, conducted, then closed. Each finding is either
flagged as a shortcoming of the unit or noted as good practice, which may lead to a proposed
commendation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from domain.base import (
    MAX_NAME,
    InvalidInput,
    LedgerAggregate,
    RuleBroken,
    Stamp,
    check_in_period,
    clean_list,
    clean_text,
    new_id,
)
from domain.commendation import Commendation
from domain.shortcoming import Shortcoming
from domain.unit import Unit

INSPECTION_KINDS = ("inspection", "supervision")
FINDING_KINDS = ("shortcoming", "good_practice")
INSPECTING_BODY = "Ủy ban Kiểm tra"
_KIND_VI = {"inspection": "Kiểm tra", "supervision": "Giám sát"}


class InspectionNotConducted(RuleBroken):
    pass


class InspectionAlreadyConducted(RuleBroken):
    pass


class InspectionAlreadyClosed(RuleBroken):
    pass


class UnitNotInspected(RuleBroken):
    pass


class PeriodEndsBeforeStart(RuleBroken):
    pass


class UnknownFinding(RuleBroken):
    pass


class FindingNotGoodPractice(RuleBroken):
    pass


class FindingAlreadyCommended(RuleBroken):
    pass


class Inspection(LedgerAggregate):
    STREAM = "inspection"

    kind: str
    title: str
    scope: str
    unit_ids: list[UUID]
    starts_on: date
    ends_on: date
    status: str
    findings: list[dict[str, Any]]

    def __init__(self) -> None:
        """State is set only by the events' `apply` methods."""

    class InspectionPlanned(LedgerAggregate.Created):
        kind: str
        title: str
        scope: str
        unit_ids: list[str]
        starts_on: date
        ends_on: date

        def apply(self, aggregate: Inspection) -> None:
            aggregate.kind = self.kind
            aggregate.title = self.title
            aggregate.scope = self.scope
            aggregate.unit_ids = [UUID(u) for u in self.unit_ids]
            aggregate.starts_on = self.starts_on
            aggregate.ends_on = self.ends_on
            aggregate.status = "planned"
            aggregate.findings = []

    class InspectionConducted(LedgerAggregate.Event):
        conducted_on: date
        summary: str
        evidence: list[str]

        def apply(self, aggregate: Inspection) -> None:
            aggregate.status = "conducted"

    class FindingRecorded(LedgerAggregate.Event):
        number: int
        unit_id: UUID
        kind: str
        text: str
        shortcoming_id: UUID | None

        def apply(self, aggregate: Inspection) -> None:
            aggregate.findings.append(
                {
                    "number": self.number,
                    "unit_id": self.unit_id,
                    "kind": self.kind,
                    "text": self.text,
                    "commendation_id": None,
                }
            )

    class CommendationProposedFromFinding(LedgerAggregate.Event):
        number: int
        commendation_id: UUID

        def apply(self, aggregate: Inspection) -> None:
            aggregate.findings[self.number - 1]["commendation_id"] = self.commendation_id

    class InspectionClosed(LedgerAggregate.Event):
        conclusion: str

        def apply(self, aggregate: Inspection) -> None:
            aggregate.status = "closed"

    @classmethod
    def plan(
        cls,
        stamp: Stamp,
        *,
        kind: str,
        title: str,
        scope: str,
        units: Sequence[Unit],
        starts_on: date,
        ends_on: date,
    ) -> Inspection:
        if kind not in INSPECTION_KINDS:
            raise InvalidInput("kind", f"must be one of {', '.join(INSPECTION_KINDS)}")
        if not units:
            raise InvalidInput("unitIds", "name at least one unit to inspect")
        ids: list[str] = []
        for unit in units:
            unit.require_active()
            if str(unit.id) in ids:
                raise InvalidInput("unitIds", f"unit '{unit.code}' is listed twice")
            ids.append(str(unit.id))
        check_in_period("startsOn", starts_on)
        check_in_period("endsOn", ends_on)
        if ends_on < starts_on:
            raise PeriodEndsBeforeStart(
                f"the inspection ends on {ends_on.isoformat()}, before it starts"
            )
        return cls._create(
            cls.InspectionPlanned,
            id=new_id(),
            stamp=stamp,
            kind=kind,
            title=clean_text("title", title, max_length=MAX_NAME),
            scope=clean_text("scope", scope),
            unit_ids=ids,
            starts_on=starts_on,
            ends_on=ends_on,
        )

    @property
    def reference(self) -> str:
        """How a shortcoming names the inspection that found it."""
        text = f"{_KIND_VI[self.kind]}: {self.title}"
        return text if len(text) <= MAX_NAME else text[: MAX_NAME - 1] + "…"

    def _require_not_closed(self) -> None:
        if self.status == "closed":
            raise InspectionAlreadyClosed(f"inspection '{self.title}' is closed")

    def _require_conducted(self) -> None:
        self._require_not_closed()
        if self.status != "conducted":
            raise InspectionNotConducted(f"inspection '{self.title}' has not been conducted")

    def conduct(
        self, stamp: Stamp, *, conducted_on: date, summary: str, evidence: list[str]
    ) -> None:
        self._require_not_closed()
        if self.status == "conducted":
            raise InspectionAlreadyConducted(f"inspection '{self.title}' was conducted already")
        check_in_period("conductedOn", conducted_on)
        self._trigger(
            self.InspectionConducted,
            stamp,
            conducted_on=conducted_on,
            summary=clean_text("summary", summary),
            evidence=clean_list("evidence", evidence),
        )

    def record_finding(
        self, stamp: Stamp, *, unit: Unit, kind: str, text: str, severity: str | None
    ) -> Shortcoming | None:
        """A shortcoming finding flags a shortcoming of the unit, returned to be saved with the
        inspection; a good practice is noted on the inspection only."""
        self._require_conducted()
        if unit.id not in self.unit_ids:
            raise UnitNotInspected(f"unit '{unit.code}' is not among the units inspected")
        if kind not in FINDING_KINDS:
            raise InvalidInput("kind", f"must be one of {', '.join(FINDING_KINDS)}")
        text = clean_text("text", text)
        shortcoming: Shortcoming | None = None
        if kind == "shortcoming":
            if severity is None:
                raise InvalidInput("severity", "a shortcoming needs a severity")
            shortcoming = Shortcoming.flag(
                stamp,
                unit=unit,
                severity=severity,
                finding=text,
                source=self.reference,
                flagged_by=INSPECTING_BODY,
            )
        elif severity is not None:
            raise InvalidInput("severity", "only a shortcoming has a severity")
        self._trigger(
            self.FindingRecorded,
            stamp,
            number=len(self.findings) + 1,
            unit_id=unit.id,
            kind=kind,
            text=text,
            shortcoming_id=shortcoming.id if shortcoming else None,
        )
        return shortcoming

    def finding(self, number: int) -> dict[str, Any]:
        if not 1 <= number <= len(self.findings):
            raise UnknownFinding(f"inspection '{self.title}' has no finding {number}")
        return self.findings[number - 1]

    def propose_commendation(
        self, stamp: Stamp, *, number: int, unit: Unit, form: str, achievement: str
    ) -> Commendation:
        """A good practice found by the inspection, proposed for a commendation of its unit."""
        if self.status == "planned":
            raise InspectionNotConducted(f"inspection '{self.title}' has not been conducted")
        finding = self.finding(number)
        if finding["kind"] != "good_practice":
            raise FindingNotGoodPractice(f"finding {number} is a shortcoming, not good practice")
        if finding["commendation_id"] is not None:
            raise FindingAlreadyCommended(f"finding {number} was already proposed for one")
        if finding["unit_id"] != unit.id:
            raise UnitNotInspected(f"finding {number} is about another unit")
        commendation = Commendation.propose(
            stamp,
            recipient_kind="unit",
            unit=unit,
            recipient_name=None,
            form=form,
            achievement=achievement.strip() or finding["text"],
            proposed_by=INSPECTING_BODY,
        )
        self._trigger(
            self.CommendationProposedFromFinding,
            stamp,
            number=number,
            commendation_id=commendation.id,
        )
        return commendation

    def close(self, stamp: Stamp, *, conclusion: str) -> None:
        self._require_conducted()
        self._trigger(self.InspectionClosed, stamp, conclusion=clean_text("conclusion", conclusion))
