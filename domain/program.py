"""The action program itself, recorded as events: adopted once, then defined item by item.

Its definition is event-sourced because it changes over time (the mid-term review revises
criteria and targets); a judgement keeps the wording that was in force when it was made."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import date
from typing import Any, ClassVar
from uuid import NAMESPACE_URL, UUID, uuid5

from domain import catalog
from domain.base import MAX_NAME, InvalidInput, LedgerAggregate, RuleBroken, Stamp, clean_text

PROGRAM_ID: UUID = uuid5(NAMESPACE_URL, f"socai:program:{catalog.PROGRAM_ID_TEXT}")


class ProgramAlreadyAdopted(RuleBroken):
    pass


class UnknownProgramItem(RuleBroken):
    pass


class ProgramItemExists(RuleBroken):
    pass


class CriterionNotInForce(RuleBroken):
    pass


class CriterionUnchanged(RuleBroken):
    pass


class TargetUnchanged(RuleBroken):
    pass


CRITERION_GROUPS = ("commune", "person")
TARGET_KINDS = ("all_units_of_kind", "count")
_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def _clean_target(kind: str, count: int | None, text_vi: str, text_en: str) -> dict[str, Any]:
    """A model's target: every unit of its kinds (100%), or a count of units."""
    if kind not in TARGET_KINDS:
        raise InvalidInput("targetKind", f"must be one of {', '.join(TARGET_KINDS)}")
    if kind == "count" and (count is None or not 1 <= count <= 100_000):
        raise InvalidInput("targetCount", "a counted target is a whole number from 1")
    if kind == "all_units_of_kind" and count is not None:
        raise InvalidInput("targetCount", "leave empty when the target is every unit of a kind")
    return {
        "target_kind": kind,
        "target_count": count,
        "target_text_vi": clean_text("targetTextVi", text_vi),
        "target_text_en": clean_text("targetTextEn", text_en, required=False),
    }


def _lists(item: Any) -> dict[str, Any]:
    """Catalog items as event fields: tuples become lists, which JSON keeps as lists."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(item).items()}


class Program(LedgerAggregate):
    STREAM = "program"

    code: str
    name_vi: str
    name_en: str
    resolution_ref: str
    period_start: date
    period_end: date
    items: dict[str, dict[str, dict[str, Any]]]

    def __init__(self) -> None:
        """State is set only by the events' `apply` methods."""

    class ProgramAdopted(LedgerAggregate.Created):
        code: str
        name_vi: str
        name_en: str
        resolution_ref: str
        period_start: date
        period_end: date

        def apply(self, aggregate: Program) -> None:
            aggregate.code = self.code
            aggregate.name_vi = self.name_vi
            aggregate.name_en = self.name_en
            aggregate.resolution_ref = self.resolution_ref
            aggregate.period_start = self.period_start
            aggregate.period_end = self.period_end
            aggregate.items = {}

    class ItemDefined(LedgerAggregate.Event):
        """Base of the definitions: each keeps its fields under its kind and code."""

        KIND: ClassVar[str] = ""
        code: str

        def apply(self, aggregate: Program) -> None:
            fields = {k: v for k, v in self.__dict__.items() if k not in _EVENT_META}
            aggregate.items.setdefault(self.KIND, {})[self.code] = fields

    class GoalDefined(ItemDefined):
        KIND = "goal"
        name_vi: str
        name_en: str

    class CriterionDefined(ItemDefined):
        KIND = "criterion"
        group: str
        number: int
        text_vi: str
        text_en: str

        def apply(self, aggregate: Program) -> None:
            Program.ItemDefined.apply(self, aggregate)
            aggregate.items["criterion"][self.code].update(version=1, status="in_force")

    class CriterionRevised(LedgerAggregate.Event):
        """New wording for a criterion; judgements made before keep the wording they used."""

        code: str
        text_vi: str
        text_en: str
        version: int

        def apply(self, aggregate: Program) -> None:
            aggregate.items["criterion"][self.code].update(
                text_vi=self.text_vi, text_en=self.text_en, version=self.version
            )

    class CriterionRetired(LedgerAggregate.Event):
        code: str

        def apply(self, aggregate: Program) -> None:
            aggregate.items["criterion"][self.code]["status"] = "retired"

    class ModelTypeDefined(ItemDefined):
        KIND = "model_type"
        number: int
        name_vi: str
        name_en: str
        unit_kinds: list[str]
        target_kind: str
        target_count: int | None
        target_text_vi: str
        target_text_en: str

    class TargetRevised(LedgerAggregate.Event):
        code: str
        target_kind: str
        target_count: int | None
        target_text_vi: str
        target_text_en: str

        def apply(self, aggregate: Program) -> None:
            aggregate.items["model_type"][self.code].update(
                target_kind=self.target_kind,
                target_count=self.target_count,
                target_text_vi=self.target_text_vi,
                target_text_en=self.target_text_en,
            )

    class PhaseDefined(ItemDefined):
        KIND = "phase"
        number: int
        name_vi: str
        name_en: str
        starts_on: date
        ends_on: date
        focus_vi: list[str]
        focus_en: list[str]

    class TaskAreaDefined(ItemDefined):
        KIND = "task_area"
        number: int
        name_vi: str
        name_en: str
        highlights_vi: list[str]
        highlights_en: list[str]

    class ResponsibleBodyDefined(ItemDefined):
        KIND = "responsible_body"
        role_code: str
        name_vi: str
        name_en: str
        duties_vi: list[str]
        duties_en: list[str]

    @classmethod
    def adopt(cls, stamp: Stamp) -> Program:
        """The Nghi Dương program as the seed document fixes it."""
        program = cls._create(
            cls.ProgramAdopted,
            id=PROGRAM_ID,
            stamp=stamp,
            code=catalog.PROGRAM_ID_TEXT,
            name_vi=catalog.PROGRAM_NAME_VI,
            name_en=catalog.PROGRAM_NAME_EN,
            resolution_ref=catalog.RESOLUTION_REF,
            period_start=catalog.PERIOD_START,
            period_end=catalog.PERIOD_END,
        )
        definitions: list[tuple[type[Program.ItemDefined], tuple[Any, ...]]] = [
            (cls.GoalDefined, catalog.GOALS),
            (cls.CriterionDefined, catalog.COMMUNE_CRITERIA + catalog.PERSON_CRITERIA),
            (cls.ModelTypeDefined, catalog.MODEL_TYPES),
            (cls.PhaseDefined, catalog.PHASES),
            (cls.TaskAreaDefined, catalog.TASK_AREAS),
            (cls.ResponsibleBodyDefined, catalog.RESPONSIBLE_BODIES),
        ]
        for event_class, items in definitions:
            for item in items:
                program._trigger(event_class, stamp, **_lists(item))
        return program

    def item(self, kind: str, code: str) -> dict[str, Any]:
        """A defined item, or the named error that says which kind and code are unknown."""
        try:
            return self.items[kind][code]
        except KeyError:
            known = ", ".join(sorted(self.items.get(kind, {})))
            raise UnknownProgramItem(
                f"no {kind.replace('_', ' ')} '{code}' (known: {known})"
            ) from None

    def _next_number(self, kind: str, group: str | None = None) -> int:
        numbers = [
            int(item["number"])
            for item in self.items.get(kind, {}).values()
            if group is None or item.get("group") == group
        ]
        return max(numbers, default=0) + 1

    def criterion_in_force(self, code: str) -> dict[str, Any]:
        criterion = self.item("criterion", code)
        if criterion["status"] != "in_force":
            raise CriterionNotInForce(f"criterion '{code}' was retired")
        return criterion

    def require_in_force(self, named: Iterable[str]) -> None:
        """Of the given names, those that are criterion codes must be in force; other names
        are free text (a model's own criteria) and pass."""
        for name in named:
            if name in self.items.get("criterion", {}):
                self.criterion_in_force(name)

    def criteria_in_force(self, group: str) -> list[str]:
        return sorted(
            code
            for code, item in self.items.get("criterion", {}).items()
            if item["group"] == group and item["status"] == "in_force"
        )

    def add_criterion(self, stamp: Stamp, *, group: str, text_vi: str, text_en: str) -> str:
        """A criterion added by an amendment (the mid-term review "bổ sung" the criteria)."""
        if group not in CRITERION_GROUPS:
            raise InvalidInput("group", f"must be one of {', '.join(CRITERION_GROUPS)}")
        number = self._next_number("criterion", group)
        code = f"{group}-{number}"
        self._trigger(
            self.CriterionDefined,
            stamp,
            code=code,
            group=group,
            number=number,
            text_vi=clean_text("textVi", text_vi),
            text_en=clean_text("textEn", text_en, required=False),
        )
        return code

    def revise_criterion(self, stamp: Stamp, *, code: str, text_vi: str, text_en: str) -> None:
        criterion = self.criterion_in_force(code)
        wording = (clean_text("textVi", text_vi), clean_text("textEn", text_en, required=False))
        if wording == (criterion["text_vi"], criterion["text_en"]):
            raise CriterionUnchanged(f"criterion '{code}' already reads so")
        self._trigger(
            self.CriterionRevised,
            stamp,
            code=code,
            text_vi=wording[0],
            text_en=wording[1],
            version=int(criterion["version"]) + 1,
        )

    def retire_criterion(self, stamp: Stamp, *, code: str) -> None:
        self.criterion_in_force(code)
        if not stamp.reason:
            raise InvalidInput("reason", "say why the criterion is retired")
        self._trigger(self.CriterionRetired, stamp, code=code)

    def revise_target(
        self,
        stamp: Stamp,
        *,
        model_type: str,
        target_kind: str,
        target_count: int | None,
        target_text_vi: str,
        target_text_en: str,
    ) -> None:
        model = self.item("model_type", model_type)
        target = _clean_target(target_kind, target_count, target_text_vi, target_text_en)
        if all(model[k] == v for k, v in target.items()):
            raise TargetUnchanged(f"model '{model_type}' already has this target")
        self._trigger(self.TargetRevised, stamp, code=model_type, **target)

    def add_model_type(
        self,
        stamp: Stamp,
        *,
        code: str,
        name_vi: str,
        name_en: str,
        unit_kinds: Sequence[str],
        target_kind: str,
        target_count: int | None,
        target_text_vi: str,
        target_text_en: str,
    ) -> None:
        """A model added by an amendment: a pilot model of phase 1, a security model of III.4."""
        code = code.strip()
        if not _CODE.match(code):
            raise InvalidInput("code", "use 1–64 lowercase letters, digits and hyphens")
        if code in self.items.get("model_type", {}):
            raise ProgramItemExists(f"the program already has a model '{code}'")
        kinds = list(dict.fromkeys(unit_kinds))
        if not kinds or any(k not in catalog.UNIT_KINDS for k in kinds):
            raise InvalidInput("unitKinds", f"name one or more of {', '.join(catalog.UNIT_KINDS)}")
        self._trigger(
            self.ModelTypeDefined,
            stamp,
            code=code,
            number=self._next_number("model_type"),
            name_vi=clean_text("nameVi", name_vi, max_length=MAX_NAME),
            name_en=clean_text("nameEn", name_en, required=False, max_length=MAX_NAME),
            unit_kinds=kinds,
            **_clean_target(target_kind, target_count, target_text_vi, target_text_en),
        )

    def phase_of(self, day: date) -> str | None:
        for code, phase in self.items.get("phase", {}).items():
            if phase["starts_on"] <= day <= phase["ends_on"]:
                return code
        return None


_EVENT_META = {"originator_id", "originator_version", "timestamp", "stamp"}
