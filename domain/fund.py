"""The money for one target — a unit, a task or a model — in one year (IV.2): the budget
allocated to it, the socialized contributions (xã hội hóa) received for it, and what was spent
from each source. Amounts are exact whole numbers of đồng; a source never spends more than it
received."""

from __future__ import annotations

from datetime import date
from uuid import NAMESPACE_URL, UUID, uuid5

from domain.base import (
    MAX_NAME,
    InvalidInput,
    LedgerAggregate,
    RuleBroken,
    Stamp,
    check_in_period,
    clean_list,
    clean_text,
    clean_year,
)
from domain.personal import Seal, Sealed, seal_with

TARGET_KINDS = ("unit", "task", "model")
SOURCES = ("budget", "socialized")
CONTRIBUTOR_KINDS = ("person", "family", "business", "organization")
PERSONAL_CONTRIBUTORS = ("person", "family")  # their names are personal data
# Far above any commune's budget, and below 2^53, so every client reads it exactly.
MAX_AMOUNT = 10**15


class NoFundsForTarget(RuleBroken):
    pass


class ExpenditureExceedsFunds(RuleBroken):
    pass


class ExpenditureOutsideYear(RuleBroken):
    pass


def fund_id_for(target_kind: str, target_id: str, year: int) -> UUID:
    """One fund per target and year."""
    return uuid5(NAMESPACE_URL, f"socai:fund:{target_kind}:{target_id}:{year}")


def clean_amount(amount: int) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise InvalidInput("amount", "must be a whole number of đồng")
    if not 1 <= amount <= MAX_AMOUNT:
        raise InvalidInput("amount", f"must be between 1 and {MAX_AMOUNT:,} đồng")
    return amount


class Fund(LedgerAggregate):
    STREAM = "fund"

    target_kind: str
    target_id: str
    year: int
    received: dict[str, int]
    spent: dict[str, int]

    def __init__(self) -> None:
        """State is set only by the events' `apply` methods."""

    class FundOpened(LedgerAggregate.Created):
        target_kind: str
        target_id: str  # a unit's or a task's id, or a model type's code
        year: int

        def apply(self, aggregate: Fund) -> None:
            aggregate.target_kind = self.target_kind
            aggregate.target_id = self.target_id
            aggregate.year = self.year
            aggregate.received = dict.fromkeys(SOURCES, 0)
            aggregate.spent = dict.fromkeys(SOURCES, 0)

    class BudgetAllocated(LedgerAggregate.Event):
        amount: int
        sector: str
        decision_ref: str

        def apply(self, aggregate: Fund) -> None:
            aggregate.received["budget"] += self.amount

    class ContributionReceived(LedgerAggregate.Event):
        class_version = 2
        amount: int
        contributor_kind: str
        # A business's or an organization's name. Version 1 held a person's or a family's name
        # here in plaintext; since version 2 it is empty for them and `sealed_name` holds it.
        contributor_name: str
        sealed_name: Sealed | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            state["sealed_name"] = None

        in_kind: str  # what was given when it was not money, valued at `amount`

        def apply(self, aggregate: Fund) -> None:
            aggregate.received["socialized"] += self.amount

    class ExpenditureRecorded(LedgerAggregate.Event):
        amount: int
        source: str
        purpose: str
        spent_on: date
        evidence: list[str]

        def apply(self, aggregate: Fund) -> None:
            aggregate.spent[self.source] += self.amount

    @classmethod
    def open(cls, stamp: Stamp, *, target_kind: str, target_id: str, year: int) -> Fund:
        if target_kind not in TARGET_KINDS:
            raise InvalidInput("target", f"must be one of {', '.join(TARGET_KINDS)}")
        year = clean_year(year)
        return cls._create(
            cls.FundOpened,
            id=fund_id_for(target_kind, target_id, year),
            stamp=stamp,
            target_kind=target_kind,
            target_id=target_id,
            year=year,
        )

    def balance(self, source: str) -> int:
        return self.received[source] - self.spent[source]

    def allocate(self, stamp: Stamp, *, amount: int, sector: str, decision_ref: str) -> None:
        self._trigger(
            self.BudgetAllocated,
            stamp,
            amount=clean_amount(amount),
            sector=clean_text("sector", sector, max_length=MAX_NAME),
            decision_ref=clean_text("decisionRef", decision_ref, max_length=MAX_NAME),
        )

    def receive(
        self,
        stamp: Stamp,
        *,
        amount: int,
        contributor_kind: str,
        contributor_name: str,
        in_kind: str = "",
        seal: Seal | None = None,
    ) -> None:
        if contributor_kind not in CONTRIBUTOR_KINDS:
            raise InvalidInput("contributorKind", f"must be one of {', '.join(CONTRIBUTOR_KINDS)}")
        name = clean_text("contributorName", contributor_name, max_length=MAX_NAME)
        sealed = None
        if contributor_kind in PERSONAL_CONTRIBUTORS:
            sealed = seal_with(seal, "contributorName", "contributor_name", name)
            name = ""
        self._trigger(
            self.ContributionReceived,
            stamp,
            amount=clean_amount(amount),
            contributor_kind=contributor_kind,
            contributor_name=name,
            sealed_name=sealed,
            in_kind=clean_text("inKind", in_kind, required=False, max_length=MAX_NAME),
        )

    def spend(
        self,
        stamp: Stamp,
        *,
        amount: int,
        source: str,
        purpose: str,
        spent_on: date,
        evidence: list[str],
    ) -> None:
        if source not in SOURCES:
            raise InvalidInput("source", f"must be one of {', '.join(SOURCES)}")
        amount = clean_amount(amount)
        check_in_period("spentOn", spent_on)
        if spent_on.year != self.year:
            raise ExpenditureOutsideYear(
                f"this fund is for {self.year}; an expenditure of {spent_on.year} goes to that "
                "year's fund"
            )
        if amount > self.balance(source):
            raise ExpenditureExceedsFunds(
                f"{amount:,} đồng exceeds what is left of the {source} funds "
                f"({self.balance(source):,} đồng)"
            )
        self._trigger(
            self.ExpenditureRecorded,
            stamp,
            amount=amount,
            source=source,
            purpose=clean_text("purpose", purpose),
            spent_on=spent_on,
            evidence=clean_list("evidence", evidence),
        )
