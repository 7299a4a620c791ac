"""A shortcoming (khuyết điểm, hạn chế) found in a unit, usually by the Inspection Committee
(IV.3.5): flagged, given a remediation plan, resolved with evidence. When its unit merges into
another, an open shortcoming passes to the unit that takes over the work."""

from __future__ import annotations

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
from domain.personal import Seal, Sealed, person_id_for, seal_with
from domain.unit import Unit

SEVERITIES = ("minor", "moderate", "serious")

# The Party's forms of discipline (hình thức kỷ luật), for an organization and for a member.
DISCIPLINE_FORMS: dict[str, tuple[str, ...]] = {
    "organization": ("reprimand", "warning", "dissolution"),
    "member": ("reprimand", "warning", "removal_from_post", "expulsion"),
}
DISCIPLINE_OUTCOMES = ("imposed", "not_imposed")


class ShortcomingNotOpen(RuleBroken):
    pass


class RemediationUnchanged(RuleBroken):
    pass


class TransferToSameUnit(RuleBroken):
    pass


class UnknownDiscipline(RuleBroken):
    pass


class DisciplineAlreadyDecided(RuleBroken):
    pass


def _optional(field: str, value: str | None, max_length: int = MAX_NAME) -> str | None:
    if value is None:
        return None
    return clean_text(field, value, required=False, max_length=max_length) or None


class Shortcoming(LedgerAggregate):
    STREAM = "shortcoming"

    unit_id: UUID
    severity: str
    finding: str
    source: str | None
    flagged_by: str | None
    status: str
    remediation_plan: str | None
    remediation_due: date | None
    remediation_responsible: str | None
    resolution: str | None
    evidence: list[str]
    transferred_from: UUID | None
    disciplines: list[dict[str, Any]]

    def __init__(self) -> None:
        """State is set only by the events' `apply` methods."""

    class ShortcomingFlagged(LedgerAggregate.Created):
        unit_id: UUID
        severity: str
        finding: str
        source: str | None
        flagged_by: str | None

        def apply(self, aggregate: Shortcoming) -> None:
            aggregate.unit_id = self.unit_id
            aggregate.severity = self.severity
            aggregate.finding = self.finding
            aggregate.source = self.source
            aggregate.flagged_by = self.flagged_by
            aggregate.status = "open"
            aggregate.remediation_plan = None
            aggregate.remediation_due = None
            aggregate.remediation_responsible = None
            aggregate.resolution = None
            aggregate.evidence = []
            aggregate.transferred_from = None
            aggregate.disciplines = []

    class RemediationPlanned(LedgerAggregate.Event):
        plan: str
        due_on: date
        responsible: str | None

        def apply(self, aggregate: Shortcoming) -> None:
            aggregate.remediation_plan = self.plan
            aggregate.remediation_due = self.due_on
            aggregate.remediation_responsible = self.responsible

    class ShortcomingResolved(LedgerAggregate.Event):
        resolution: str
        evidence: list[str]

        def apply(self, aggregate: Shortcoming) -> None:
            aggregate.status = "resolved"
            aggregate.resolution = self.resolution
            aggregate.evidence = list(self.evidence)

    class ShortcomingTransferred(LedgerAggregate.Event):
        from_unit_id: UUID
        to_unit_id: UUID

        def apply(self, aggregate: Shortcoming) -> None:
            aggregate.transferred_from = self.from_unit_id
            aggregate.unit_id = self.to_unit_id

    class DisciplineProposed(LedgerAggregate.Event):
        class_version = 3
        number: int
        subject_kind: str
        # Version 1 held a member's name in plaintext; since version 2 it is None and
        # `sealed_name` holds it (None for an organization, which is its unit). Versions 1 and 2
        # held a member's form and grounds in plaintext; since version 3 they are empty for a
        # member and `sealed_form`, `sealed_grounds` hold them.
        subject_name: str | None
        sealed_name: Sealed | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            state["sealed_name"] = None

        @staticmethod
        def upcast_v2_v3(state: dict[str, object]) -> None:
            state["sealed_form"] = None
            state["sealed_grounds"] = None

        form: str
        grounds: str
        sealed_form: Sealed | None
        sealed_grounds: Sealed | None

        def apply(self, aggregate: Shortcoming) -> None:
            person = self.sealed_name.person_id if self.sealed_name else None
            aggregate.disciplines.append(
                {
                    "number": self.number,
                    "subject_kind": self.subject_kind,
                    "outcome": None,
                    "person_id": person,
                }
            )

    class DisciplineDecided(LedgerAggregate.Event):
        class_version = 2
        number: int
        # Version 1 did not say whom, and held a member's outcome, form and decision number
        # in plaintext; since version 2 they are empty for a member and sealed beside.
        subject_kind: str | None
        outcome: str
        form: str | None
        decision_number: str
        decision_date: date
        sealed_outcome: Sealed | None
        sealed_form: Sealed | None
        sealed_decision_number: Sealed | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            state["subject_kind"] = None
            state["sealed_outcome"] = None
            state["sealed_form"] = None
            state["sealed_decision_number"] = None

        def apply(self, aggregate: Shortcoming) -> None:
            # A member's outcome is sealed: "decided" stands for it here.
            aggregate.disciplines[self.number - 1]["outcome"] = self.outcome or "decided"

    @classmethod
    def flag(
        cls,
        stamp: Stamp,
        *,
        unit: Unit,
        severity: str,
        finding: str,
        source: str | None = None,
        flagged_by: str | None = None,
    ) -> Shortcoming:
        if severity not in SEVERITIES:
            raise InvalidInput("severity", f"must be one of {', '.join(SEVERITIES)}")
        finding = clean_text("finding", finding)
        source = _optional("source", source)
        flagged_by = _optional("flaggedBy", flagged_by)
        unit.require_active()
        return cls._create(
            cls.ShortcomingFlagged,
            id=new_id(),
            stamp=stamp,
            unit_id=unit.id,
            severity=severity,
            finding=finding,
            source=source,
            flagged_by=flagged_by,
        )

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def _require_open(self, doing: str) -> None:
        if not self.is_open:
            raise ShortcomingNotOpen(f"no {doing} a shortcoming that is not open ({self.status})")

    def plan_remediation(
        self, stamp: Stamp, *, plan: str, due_on: date, responsible: str | None = None
    ) -> None:
        """Plans, or re-plans while the shortcoming is open: the new plan replaces the old."""
        self._require_open("planning remediation of")
        plan = clean_text("plan", plan)
        responsible = _optional("responsible", responsible)
        check_in_period("due date", due_on)
        if (plan, due_on, responsible) == (
            self.remediation_plan,
            self.remediation_due,
            self.remediation_responsible,
        ):
            raise RemediationUnchanged("the shortcoming already has this remediation plan")
        self._trigger(
            self.RemediationPlanned, stamp, plan=plan, due_on=due_on, responsible=responsible
        )

    def resolve(self, stamp: Stamp, *, resolution: str, evidence: list[str]) -> None:
        self._require_open("resolving")
        self._trigger(
            self.ShortcomingResolved,
            stamp,
            resolution=clean_text("resolution", resolution),
            evidence=clean_list("evidence", evidence),
        )

    def transfer(self, stamp: Stamp, to_unit_id: UUID) -> None:
        """Hands the shortcoming to the unit that takes over its unit's work (a merger)."""
        self._require_open("transferring")
        if to_unit_id == self.unit_id:
            raise TransferToSameUnit("the shortcoming already belongs to that unit")
        self._trigger(
            self.ShortcomingTransferred, stamp, from_unit_id=self.unit_id, to_unit_id=to_unit_id
        )

    def propose_discipline(
        self,
        stamp: Stamp,
        *,
        subject_kind: str,
        subject_name: str | None,
        form: str,
        grounds: str,
        seal: Seal | None = None,
    ) -> int:
        """Discipline against the shortcoming's unit (its party organization) or one of its
        members; several may be proposed for one shortcoming, each decided on its own. A
        member's name, form and grounds are sealed with the member's key."""
        if subject_kind not in DISCIPLINE_FORMS:
            raise InvalidInput("subjectKind", f"must be one of {', '.join(DISCIPLINE_FORMS)}")
        if form not in DISCIPLINE_FORMS[subject_kind]:
            forms = ", ".join(DISCIPLINE_FORMS[subject_kind])
            raise InvalidInput("form", f"for a {subject_kind}: one of {forms}")
        if subject_kind == "member":
            name: str | None = clean_text("subjectName", subject_name or "", max_length=MAX_NAME)
        elif subject_name is not None and subject_name.strip():
            raise InvalidInput("subjectName", "leave empty: the organization is the unit")
        else:
            name = None
        grounds = clean_text("grounds", grounds)
        number = len(self.disciplines) + 1
        member = subject_kind == "member"
        self._trigger(
            self.DisciplineProposed,
            stamp,
            number=number,
            subject_kind=subject_kind,
            subject_name=None,
            sealed_name=seal_with(seal, "subjectName", "subject_name", name),
            form="" if member else form,
            grounds="" if member else grounds,
            sealed_form=seal_with(seal, "form", "proposed_form", form) if member else None,
            sealed_grounds=seal_with(seal, "grounds", "grounds", grounds) if member else None,
        )
        return number

    def discipline_person(self, number: int) -> UUID | None:
        """The person a proposed discipline is against: None for an organization, or for a
        number never proposed; a member named in plaintext before sealing gets an id derived
        from the shortcoming and the number."""
        if not 1 <= number <= len(self.disciplines):
            return None
        proposed = self.disciplines[number - 1]
        if proposed["subject_kind"] != "member":
            return None
        found: UUID | None = proposed.get("person_id")
        return found or person_id_for(f"discipline:{self.id}:{number}")

    def decide_discipline(
        self,
        stamp: Stamp,
        *,
        number: int,
        outcome: str,
        form: str | None,
        decision_number: str,
        decision_date: date,
        seal: Seal | None = None,
    ) -> None:
        """A member's outcome, form and decision number are sealed with the member's key (the
        key that sealed the proposal)."""
        if not 1 <= number <= len(self.disciplines):
            raise UnknownDiscipline(f"no discipline {number} was proposed for this shortcoming")
        proposed = self.disciplines[number - 1]
        if proposed["outcome"] is not None:
            raise DisciplineAlreadyDecided(f"discipline {number} was decided already")
        if outcome not in DISCIPLINE_OUTCOMES:
            raise InvalidInput("outcome", f"must be one of {', '.join(DISCIPLINE_OUTCOMES)}")
        if outcome == "imposed" and form is None:
            raise InvalidInput("form", "say which form of discipline is imposed")
        if outcome == "not_imposed" and form is not None:
            raise InvalidInput("form", "leave empty when no discipline is imposed")
        forms = DISCIPLINE_FORMS[proposed["subject_kind"]]
        if form is not None and form not in forms:
            raise InvalidInput(
                "form", f"for a {proposed['subject_kind']}: one of {', '.join(forms)}"
            )
        check_in_period("decisionDate", decision_date)
        decision_number = clean_text("decisionNumber", decision_number, max_length=MAX_NAME)
        member = proposed["subject_kind"] == "member"
        self._trigger(
            self.DisciplineDecided,
            stamp,
            number=number,
            subject_kind=proposed["subject_kind"],
            outcome="" if member else outcome,
            form=None if member else form,
            decision_number="" if member else decision_number,
            decision_date=decision_date,
            sealed_outcome=seal_with(seal, "outcome", "outcome", outcome) if member else None,
            sealed_form=seal_with(seal, "form", "form", form) if member else None,
            sealed_decision_number=seal_with(
                seal, "decisionNumber", "decision_number", decision_number
            )
            if member
            else None,
        )
