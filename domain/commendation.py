"""A commendation (khen thưởng): proposed for a unit, a person, a family or a residential area,
then issued by a decision of the commune — or, rarely, revoked by a later one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from domain.base import (
    MAX_NAME,
    InvalidInput,
    LedgerAggregate,
    RuleBroken,
    Stamp,
    check_in_period,
    clean_text,
    new_id,
)
from domain.personal import Sealed
from domain.unit import Unit

RECIPIENT_KINDS: tuple[str, ...] = ("unit", "person", "family", "residential_area")
PERSONAL_KINDS: tuple[str, ...] = ("person", "family")  # their names are personal data


class CommendationAlreadyIssued(RuleBroken):
    pass


class CommendationAlreadyRevoked(RuleBroken):
    pass


class CommendationNotIssued(RuleBroken):
    pass


class Commendation(LedgerAggregate):
    STREAM = "commendation"

    recipient_kind: str
    unit_id: UUID | None
    recipient_name: str  # a unit's or an area's name; empty for a person or a family
    recipient: Sealed | None  # a person's or a family's name, sealed with their key
    form: str
    achievement: str
    proposed_by: str | None
    status: str
    decision_number: str | None
    decision_date: date | None
    issued_by: str | None

    def __init__(self) -> None:
        """State is set only by the events' `apply` methods."""

    class CommendationProposed(LedgerAggregate.Created):
        class_version = 2
        recipient_kind: str
        unit_id: UUID | None
        recipient_name: str
        recipient: Sealed | None
        form: str
        achievement: str
        proposed_by: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            # Version 1 held every name in plain text; its person names stay as recorded.
            state["recipient"] = None

        def apply(self, aggregate: Commendation) -> None:
            aggregate.recipient_kind = self.recipient_kind
            aggregate.unit_id = self.unit_id
            aggregate.recipient_name = self.recipient_name
            aggregate.recipient = self.recipient
            aggregate.form = self.form
            aggregate.achievement = self.achievement
            aggregate.proposed_by = self.proposed_by
            aggregate.status = "proposed"
            aggregate.decision_number = None
            aggregate.decision_date = None
            aggregate.issued_by = None

    class CommendationIssued(LedgerAggregate.Event):
        decision_number: str
        decision_date: date
        issued_by: str

        def apply(self, aggregate: Commendation) -> None:
            aggregate.status = "issued"
            aggregate.decision_number = self.decision_number
            aggregate.decision_date = self.decision_date
            aggregate.issued_by = self.issued_by

    class CommendationRevoked(LedgerAggregate.Event):
        decision_number: str | None

        def apply(self, aggregate: Commendation) -> None:
            aggregate.status = "revoked"

    @classmethod
    def propose(
        cls,
        stamp: Stamp,
        *,
        recipient_kind: str,
        unit: Unit | None,
        recipient_name: str | None,
        form: str,
        achievement: str,
        proposed_by: str | None,
        seal: Callable[[str, str], Sealed] | None = None,
    ) -> Commendation:
        """`unit` is the recipient for kind "unit", else the unit the recipient belongs to.
        `seal(field, text)` encrypts a person's or a family's name with their key."""
        if recipient_kind not in RECIPIENT_KINDS:
            raise InvalidInput("recipientKind", f"must be one of {', '.join(RECIPIENT_KINDS)}")
        if unit is not None:
            unit.require_active()
        if recipient_kind == "unit":
            if unit is None:
                raise InvalidInput("recipientUnitId", "is required when the recipient is a unit")
            if recipient_name is not None and recipient_name.strip():
                raise InvalidInput(
                    "recipientName", "leave empty when the recipient is a unit: its name is used"
                )
            name = unit.name
        else:
            name = clean_text("recipientName", recipient_name or "", max_length=MAX_NAME)
        sealed = None
        if recipient_kind in PERSONAL_KINDS:
            if seal is None:
                raise InvalidInput("recipientName", "a person's name can only be recorded sealed")
            sealed, name = seal("recipient_name", name), ""
        proposer = clean_text("proposedBy", proposed_by or "", required=False, max_length=MAX_NAME)
        return cls._create(
            cls.CommendationProposed,
            id=new_id(),
            stamp=stamp,
            recipient_kind=recipient_kind,
            unit_id=unit.id if unit else None,
            recipient_name=name,
            recipient=sealed,
            form=clean_text("form", form, max_length=MAX_NAME),
            achievement=clean_text("achievement", achievement),
            proposed_by=proposer or None,
        )

    def issue(
        self, stamp: Stamp, *, decision_number: str, decision_date: date, issued_by: str
    ) -> None:
        self._require_not_revoked()
        if self.status == "issued":
            raise CommendationAlreadyIssued(
                f"commendation {self.id} was issued by decision {self.decision_number}"
            )
        number = clean_text("decisionNumber", decision_number, max_length=MAX_NAME)
        check_in_period("decisionDate", decision_date)
        authority = clean_text("issuedBy", issued_by, max_length=MAX_NAME)
        self._trigger(
            self.CommendationIssued,
            stamp,
            decision_number=number,
            decision_date=decision_date,
            issued_by=authority,
        )

    def revoke(self, stamp: Stamp, *, decision_number: str | None) -> None:
        self._require_not_revoked()
        if self.status != "issued":
            raise CommendationNotIssued(
                f"commendation {self.id} is only {self.status}: only an issued one can be revoked"
            )
        if not stamp.reason:
            raise InvalidInput("reason", "say why the commendation is revoked")
        number = clean_text(
            "decisionNumber", decision_number or "", required=False, max_length=MAX_NAME
        )
        self._trigger(self.CommendationRevoked, stamp, decision_number=number or None)

    def _require_not_revoked(self) -> None:
        if self.status == "revoked":
            raise CommendationAlreadyRevoked(f"commendation {self.id} has been revoked")
