"""A unit of the commune: a village, a party cell, an office, a mass organization, a school,
a business or the commune government. Every other record points at units."""

from __future__ import annotations

import re
from uuid import NAMESPACE_URL, UUID, uuid5

from domain.base import MAX_NAME, InvalidInput, LedgerAggregate, RuleBroken, Stamp, clean_text
from domain.catalog import UNIT_KINDS

_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class UnitNotActive(RuleBroken):
    pass


class CannotMergeIntoItself(RuleBroken):
    pass


class NameUnchanged(RuleBroken):
    pass


class UnitCodeTaken(RuleBroken):
    pass


def unit_id_for(code: str) -> UUID:
    """A unit's id follows from its code, so a code can be registered only once."""
    return uuid5(NAMESPACE_URL, f"socai:unit:{code}")


def clean_code(code: str) -> str:
    code = code.strip()
    if not _CODE.match(code):
        raise InvalidInput("code", "use 1–64 lowercase letters, digits and hyphens")
    return code


class Unit(LedgerAggregate):
    STREAM = "unit"

    code: str
    kind: str
    name: str
    parent_id: UUID | None
    status: str
    merged_into: UUID | None

    def __init__(self) -> None:
        """State is set only by the events' `apply` methods."""

    class UnitRegistered(LedgerAggregate.Created):
        code: str
        kind: str
        name: str
        parent_id: UUID | None

        def apply(self, aggregate: Unit) -> None:
            aggregate.code = self.code
            aggregate.kind = self.kind
            aggregate.name = self.name
            aggregate.parent_id = self.parent_id
            aggregate.status = "active"
            aggregate.merged_into = None

    class UnitRenamed(LedgerAggregate.Event):
        name: str

        def apply(self, aggregate: Unit) -> None:
            aggregate.name = self.name

    class UnitMerged(LedgerAggregate.Event):
        into_id: UUID

        def apply(self, aggregate: Unit) -> None:
            aggregate.status = "merged"
            aggregate.merged_into = self.into_id

    class UnitDissolved(LedgerAggregate.Event):
        def apply(self, aggregate: Unit) -> None:
            aggregate.status = "dissolved"

    @classmethod
    def register(
        cls, stamp: Stamp, *, code: str, kind: str, name: str, parent: Unit | None
    ) -> Unit:
        code = clean_code(code)
        if kind not in UNIT_KINDS:
            raise InvalidInput("kind", f"must be one of {', '.join(UNIT_KINDS)}")
        if parent is not None:
            parent.require_active()
        return cls._create(
            cls.UnitRegistered,
            id=unit_id_for(code),
            stamp=stamp,
            code=code,
            kind=kind,
            name=clean_text("name", name, max_length=MAX_NAME),
            parent_id=parent.id if parent else None,
        )

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    def require_active(self) -> None:
        if not self.is_active:
            raise UnitNotActive(f"unit '{self.code}' is {self.status}")

    def rename(self, stamp: Stamp, name: str) -> None:
        self.require_active()
        name = clean_text("name", name, max_length=MAX_NAME)
        if name == self.name:
            raise NameUnchanged(f"unit '{self.code}' is already named '{name}'")
        self._trigger(self.UnitRenamed, stamp, name=name)

    def merge_into(self, stamp: Stamp, other: Unit) -> None:
        if other.id == self.id:
            raise CannotMergeIntoItself(f"unit '{self.code}' cannot merge into itself")
        self.require_active()
        other.require_active()
        self._trigger(self.UnitMerged, stamp, into_id=other.id)

    def dissolve(self, stamp: Stamp) -> None:
        self.require_active()
        self._trigger(self.UnitDissolved, stamp)
