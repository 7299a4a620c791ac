"""What the API tests share: how a command's variables and mutation look, and a commune's units."""

from __future__ import annotations

import datetime
from typing import Any

from domain.application import Ledger
from domain.authority import SYSTEM
from domain.ledger import Done
from domain.unit import unit_id_for
from tests.conftest import OFFICE, request_as


def command(key: str, **fields: Any) -> dict[str, Any]:
    """A command mutation's variables: its input, under an idempotency key."""
    return {"input": {"idempotencyKey": key, **fields}}


def mutation(name: str, input_type: str, result: str) -> str:
    """A command mutation taking `$input` and selecting `result` from its answer."""
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {result} }} }}"


def register_units(
    ledger: Ledger,
    *codes: str,
    kind: str = "village",
    name: str = "Thôn {code}",
    effective_date: datetime.date | None = None,
    adopt: bool = False,
) -> list[str]:
    """Registers units by the office (after adopting the program, if asked); `name` may hold
    `{code}` and `{number}` (what follows the code's last hyphen). Returns their ids."""
    if adopt:
        ledger.adopt_program(request_as(SYSTEM))
    for code in codes:
        ledger.register_unit(
            request_as(OFFICE, effective_date=effective_date),
            code=code,
            kind=kind,
            name=name.format(code=code, number=code.rpartition("-")[2]),
            parent_id=None,
        )
    return [str(unit_id_for(code)) for code in codes]


def assign_task(
    ledger: Ledger,
    title: str,
    *,
    area: str,
    due: datetime.date,
    lead: str = "thon-1",
    effective_date: datetime.date | None = None,
) -> Done:
    """Assigns a phase-1 task of `area` to the unit coded `lead`, by the office."""
    return ledger.assign_task(
        request_as(OFFICE, effective_date=effective_date),
        title=title,
        description="",
        area=area,
        phase="phase-1",
        lead_unit_id=unit_id_for(lead),
        coordinating_unit_ids=[],
        due_date=due,
    )
