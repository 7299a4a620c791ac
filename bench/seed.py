"""A small commune recorded through the application, for benchmarks and drills that need every
view to show something: villages with tasks and progress, model candidacies, shortcomings and
commendations."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.application import Ledger
from domain.authority import SYSTEM, Actor, Role
from domain.ledger import Request
from domain.unit import unit_id_for

OFFICE = Actor("office-seed", Role.OFFICE)
INSPECTOR = Actor("inspector-seed", Role.INSPECTOR)
START = date(2026, 1, 5)


def as_(actor: Actor, effective_date: date | None = None) -> Request:
    return Request(actor, uuid.uuid4().hex, "seed", effective_date=effective_date)


@dataclass(frozen=True)
class Commune:
    villages: list[UUID]
    tasks: list[UUID]


def seed_commune(ledger: Ledger, villages: int = 20, tasks_per_village: int = 4) -> Commune:
    ledger.adopt_program(Request(SYSTEM, "seed:adopt", "seed"))
    units: list[UUID] = []
    tasks: list[UUID] = []
    for v in range(villages):
        code = f"thon-{v + 1:02d}"
        ledger.register_unit(
            as_(OFFICE, START), code=code, kind="village", name=f"Thôn {v + 1}", parent_id=None
        )
        unit = unit_id_for(code)
        units.append(unit)
        for t in range(tasks_per_village):
            task = ledger.assign_task(
                as_(OFFICE),
                title=f"Nhiệm vụ {t + 1} của thôn {v + 1}",
                description="Theo Chương trình hành động 2026–2030",
                area=("III.1", "III.2", "III.3", "III.4")[t % 4],
                phase="phase-1",
                lead_unit_id=unit,
                coordinating_unit_ids=[],
                due_date=date(2026, 3 + t, 28),
            ).id
            tasks.append(task)
            for percent in (20, 50)[: 1 + (v + t) % 2]:
                ledger.report_progress(
                    as_(OFFICE),
                    task_id=task,
                    percent=percent,
                    summary=f"Hoàn thành {percent}% khối lượng",
                    evidence=[f"BB {v + 1:02d}/{t + 1}/2026"],
                )
        ledger.enrol_model(as_(OFFICE, START), unit_id=unit, model_type="model-cultural-village")
        if v % 3 == 0:
            ledger.flag_shortcoming(
                as_(INSPECTOR),
                unit_id=unit,
                severity="moderate",
                finding="Chưa sinh hoạt chi bộ định kỳ",
                source="KT-03/2026",
                flagged_by="Ủy ban Kiểm tra",
            )
        if v % 4 == 0:
            ledger.propose_commendation(
                as_(OFFICE),
                recipient_kind="residential_area",
                recipient_unit_id=unit,
                recipient_name=f"Khu dân cư thôn {v + 1}",
                form="giấy khen",
                achievement="Khu dân cư tiêu biểu",
                proposed_by="Mặt trận Tổ quốc",
            )
    return Commune(units, tasks)
