"""The action program itself, recorded as events: adopted once, then defined item by item.

Its definition is event-sourced because it changes over time (the mid-term review revises
criteria and targets); a judgement keeps the wording that was in force when it was made."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any, ClassVar
from uuid import NAMESPACE_URL, UUID, uuid5

from domain import catalog
from domain.base import LedgerAggregate, RuleBroken, Stamp

PROGRAM_ID: UUID = uuid5(NAMESPACE_URL, f"socai:program:{catalog.PROGRAM_ID_TEXT}")


class ProgramAlreadyAdopted(RuleBroken):
    pass


class UnknownProgramItem(RuleBroken):
    pass


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

    def phase_of(self, day: date) -> str | None:
        for code, phase in self.items.get("phase", {}).items():
            if phase["starts_on"] <= day <= phase["ends_on"]:
                return code
        return None


_EVENT_META = {"originator_id", "originator_version", "timestamp", "stamp"}
