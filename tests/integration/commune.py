"""A small commune recorded through real commands, and the ledger's follower over it."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.application import Ledger
from domain.authority import SYSTEM
from domain.ledger import Done
from domain.unit import unit_id_for
from projections.audit.follower import LedgerFollower
from projections.audit.notes import Signer
from tests.conftest import COMMITTEE, INSPECTOR, OFFICE, request_as

SIGNER = Signer.generate("socai.test")


def record_commune(ledger: Ledger, villages: int = 4, tasks_each: int = 2) -> None:
    """The program adopted, villages registered, renamed, and tasks assigned to them."""
    ledger.adopt_program(request_as(SYSTEM, "init"))
    add_villages(ledger, range(1, villages + 1), tasks_each)


def add_villages(ledger: Ledger, numbers: range, tasks_each: int = 2) -> None:
    for n in numbers:
        code = f"thon-{n}"
        ledger.register_unit(
            request_as(OFFICE), code=code, kind="village", name=f"Thôn {n}", parent_id=None
        )
        ledger.rename_unit(request_as(OFFICE), unit_id=unit_id_for(code), name=f"Thôn Số {n}")
        for t in range(tasks_each):
            assign_sample_task(ledger, code, title=f"Camera an ninh {n}.{t}")


def assign_sample_task(ledger: Ledger, lead: str, title: str = "Camera an ninh") -> Done:
    """A task of area III.4, phase 1, due at the end of 2026, led by the unit coded `lead`."""
    return ledger.assign_task(
        request_as(OFFICE),
        title=title,
        description="",
        area="III.4",
        phase="phase-1",
        lead_unit_id=unit_id_for(lead),
        coordinating_unit_ids=[],
        due_date=date(2026, 12, 31),
    )


def follower(ledger: Ledger, every: int = 10, signer: Signer | None = SIGNER) -> LedgerFollower:
    return LedgerFollower(ledger, signer, every=every, seconds=3600, batch=7, poll=0.05)


def discipline_a_member(
    ledger: Ledger,
    unit_code: str,
    name: str,
    grounds: str,
    decision_number: str,
    decision_date: date,
) -> UUID:
    """Flags a shortcoming at the unit, proposes a warning for a member and imposes it; returns
    the shortcoming's id."""
    shortcoming: UUID = ledger.flag_shortcoming(
        request_as(INSPECTOR), unit_id=unit_id_for(unit_code), severity="minor", finding="Chậm"
    ).id
    ledger.propose_discipline(
        request_as(INSPECTOR),
        shortcoming_id=shortcoming,
        subject_kind="member",
        subject_name=name,
        form="warning",
        grounds=grounds,
    )
    ledger.decide_discipline(
        request_as(COMMITTEE),
        shortcoming_id=shortcoming,
        number=1,
        outcome="imposed",
        form="warning",
        decision_number=decision_number,
        decision_date=decision_date,
    )
    return shortcoming
