"""A unit's candidacy for one of the program's models (II.4): enrolled, assessed against the
model's criteria, recognized by a decision for a period, and possibly revoked.

A unit enrols for a model type once; its id follows from the unit and the model type. After a
revocation or the end of a recognition's validity, a new passing assessment opens the way to a
new recognition on the same candidacy."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from domain.base import (
    MAX_NAME,
    InvalidInput,
    LedgerAggregate,
    RuleBroken,
    Stamp,
    check_in_period,
    clean_text,
)
from domain.unit import Unit


class ModelAlreadyEnrolled(RuleBroken):
    pass


class UnitKindNotEligible(RuleBroken):
    pass


class NotAssessed(RuleBroken):
    pass


class AssessmentNotPassed(RuleBroken):
    pass


class RecognitionInForce(RuleBroken):
    pass


class NotRecognized(RuleBroken):
    pass


class ValidityNotAfterDecision(RuleBroken):
    pass


MAX_RESULTS = 50


def candidacy_id_for(unit_id: UUID, model_type: str) -> UUID:
    """A candidacy's id follows from the unit and the model type: one candidacy per pair."""
    return uuid5(NAMESPACE_URL, f"socai:candidacy:{unit_id}:{model_type}")


def clean_results(results: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per-criterion results as plain JSON dicts: {"criterion": str, "met": bool, "note": str}."""
    if not results:
        raise InvalidInput("results", "must hold at least one criterion's result")
    if len(results) > MAX_RESULTS:
        raise InvalidInput("results", f"must have at most {MAX_RESULTS} items")
    cleaned: list[dict[str, Any]] = []
    for result in results:
        criterion, met, note = result.get("criterion"), result.get("met"), result.get("note", "")
        if not isinstance(criterion, str) or not isinstance(note, str):
            raise InvalidInput("results", "criterion and note must be text")
        if not isinstance(met, bool):
            raise InvalidInput("results", "met must be true or false")
        cleaned.append(
            {
                "criterion": clean_text("criterion", criterion, max_length=MAX_NAME * 5),
                "met": met,
                "note": clean_text("note", note, required=False, max_length=2000),
            }
        )
    criteria = [r["criterion"] for r in cleaned]
    if len(set(criteria)) != len(criteria):
        raise InvalidInput("results", "each criterion may appear only once")
    return cleaned


class Candidacy(LedgerAggregate):
    """`assess` and `recognize` take the candidacy's own unit, which must still be active."""

    STREAM = "candidacy"

    unit_id: UUID
    model_type: str
    unit_kind: str
    state: str
    last_assessment: dict[str, Any] | None
    assessed_since_decision: bool
    decision_number: str | None
    decision_date: date | None
    valid_until: date | None
    recognitions: int

    def __init__(self) -> None:
        """State is set only by the events' `apply` methods."""

    class ModelEnrolled(LedgerAggregate.Created):
        unit_id: UUID
        model_type: str
        unit_kind: str

        def apply(self, aggregate: Candidacy) -> None:
            aggregate.unit_id = self.unit_id
            aggregate.model_type = self.model_type
            aggregate.unit_kind = self.unit_kind
            aggregate.state = "enrolled"
            aggregate.last_assessment = None
            aggregate.assessed_since_decision = False
            aggregate.decision_number = None
            aggregate.decision_date = None
            aggregate.valid_until = None
            aggregate.recognitions = 0

    class ModelAssessed(LedgerAggregate.Event):
        results: list[dict[str, Any]]
        passed: bool
        note: str

        def apply(self, aggregate: Candidacy) -> None:
            aggregate.last_assessment = {
                "results": self.results,
                "passed": self.passed,
                "note": self.note,
            }
            aggregate.assessed_since_decision = True
            if aggregate.state != "recognized":
                aggregate.state = "assessed"

    class ModelRecognized(LedgerAggregate.Event):
        decision_number: str
        decision_date: date
        valid_until: date

        def apply(self, aggregate: Candidacy) -> None:
            aggregate.state = "recognized"
            aggregate.decision_number = self.decision_number
            aggregate.decision_date = self.decision_date
            aggregate.valid_until = self.valid_until
            aggregate.assessed_since_decision = False
            aggregate.recognitions += 1

    class RecognitionRevoked(LedgerAggregate.Event):
        decision_number: str

        def apply(self, aggregate: Candidacy) -> None:
            aggregate.state = "revoked"
            aggregate.assessed_since_decision = False

    @classmethod
    def enrol(cls, stamp: Stamp, *, unit: Unit, model_type: Mapping[str, Any]) -> Candidacy:
        """Enrol `unit` for a model type of the program catalog (its definition as recorded)."""
        unit.require_active()
        code = str(model_type["code"])
        kinds = list(model_type["unit_kinds"])
        if unit.kind not in kinds:
            raise UnitKindNotEligible(
                f"a {unit.kind} cannot build the model '{code}' (only: {', '.join(kinds)})"
            )
        return cls._create(
            cls.ModelEnrolled,
            id=candidacy_id_for(unit.id, code),
            stamp=stamp,
            unit_id=unit.id,
            model_type=code,
            unit_kind=unit.kind,
        )

    def assess(
        self,
        stamp: Stamp,
        *,
        unit: Unit,
        results: Sequence[Mapping[str, Any]],
        passed: bool,
        note: str = "",
    ) -> None:
        unit.require_active()
        self._trigger(
            self.ModelAssessed,
            stamp,
            results=clean_results(results),
            passed=passed,
            note=clean_text("note", note, required=False),
        )

    def recognize(
        self,
        stamp: Stamp,
        *,
        unit: Unit,
        decision_number: str,
        decision_date: date,
        valid_until: date,
    ) -> None:
        unit.require_active()
        number = clean_text("decisionNumber", decision_number, max_length=MAX_NAME)
        check_in_period("decisionDate", decision_date)
        check_in_period("validUntil", valid_until)
        if valid_until <= decision_date:
            raise ValidityNotAfterDecision(
                f"valid until {valid_until.isoformat()} must be after the decision date "
                f"{decision_date.isoformat()}"
            )
        # A recognition not revoked and still valid on the new decision's date stands in the way.
        if self.state == "recognized" and self.valid_until and self.valid_until >= decision_date:
            raise RecognitionInForce(
                f"the recognition by decision {self.decision_number} is in force until "
                f"{self.valid_until.isoformat()}"
            )
        if self.last_assessment is None or not self.assessed_since_decision:
            raise NotAssessed(
                f"'{self.model_type}' needs an assessment recorded since the last decision"
            )
        if not self.last_assessment["passed"]:
            raise AssessmentNotPassed(f"the last assessment for '{self.model_type}' did not pass")
        self._trigger(
            self.ModelRecognized,
            stamp,
            decision_number=number,
            decision_date=decision_date,
            valid_until=valid_until,
        )

    def revoke(self, stamp: Stamp, *, decision_number: str = "") -> None:
        if self.state != "recognized":
            raise NotRecognized(f"'{self.model_type}' is {self.state}, not recognized")
        if not stamp.reason:
            raise InvalidInput("reason", "a revocation must say why")
        number = clean_text("decisionNumber", decision_number, required=False, max_length=MAX_NAME)
        self._trigger(self.RecognitionRevoked, stamp, decision_number=number)
