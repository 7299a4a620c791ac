"""A realistic commune log, generated fast.

Every event is a real domain event made by the aggregates' own commands (so every rule holds),
turned into a stored event by the application's mapper, and inserted in large batches straight
into the log, without the views: run `socai rebuild` afterwards to build them. The program is
adopted first through the ordinary write path.

    python -m bench.generate --events 1000000            # into DATABASE_URL
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, cast
from uuid import NAMESPACE_URL, uuid5

from domain.application import Ledger
from domain.authority import SYSTEM
from domain.base import LedgerAggregate, Stamp
from domain.candidacy import Candidacy
from domain.catalog import PERIOD_END
from domain.commendation import Commendation
from domain.ledger import Request
from domain.personal import Sealed
from domain.program import Program
from domain.shortcoming import SEVERITIES, Shortcoming
from domain.task import Task
from domain.unit import Unit
from projections.storage import Database

BENCH_KEY = bytes(range(32))

DAY0 = date(2026, 1, 5)
AREAS = ("III.1", "III.2", "III.3", "III.4", "III.5")
TITLES = (
    "Lắp đặt Camera an ninh",
    "Xây dựng Tổ tự quản",
    "Tu bổ Đền Mỗ",
    "Phát triển sản phẩm OCOP",
    "Chuyển đổi số cấp thôn",
    "Duy trì xã không ma túy",
    "Tổ chức lễ hội Vật cầu",
    "Nâng cấp đường liên thôn",
    "Vệ sinh môi trường khu dân cư",
    "Học tập và làm theo tấm gương đạo đức",
)
SUMMARIES = (
    "Đã họp triển khai tại thôn",
    "Hoàn thành khảo sát hiện trạng",
    "Đã lắp đặt một phần thiết bị",
    "Tuyên truyền đến các hộ dân",
    "Kiểm tra, đôn đốc tiến độ",
)
FINDINGS = (
    "Chậm báo cáo định kỳ",
    "Hồ sơ chưa đầy đủ",
    "Chưa tổ chức sinh hoạt chuyên đề",
    "Vệ sinh môi trường chưa đạt",
)
FORMS = ("Giấy khen", "Bằng khen", "Danh hiệu Gia đình văn hóa")


def _units_plan() -> list[tuple[str, str, str, str | None]]:
    """(code, kind, name, parent code): a commune's villages, cells, offices and businesses."""
    plan: list[tuple[str, str, str, str | None]] = [("ubnd", "government", "UBND xã", None)]
    plan += [(f"van-phong-{i}", "office", f"Văn phòng {i}", None) for i in range(1, 7)]
    plan += [(f"thon-{i}", "village", f"Thôn {i}", None) for i in range(1, 13)]
    plan += [
        (f"chi-bo-thon-{i}", "party_cell", f"Chi bộ thôn {i}", f"thon-{i}") for i in range(1, 13)
    ]
    plan += [(f"doan-the-{i}", "mass_organization", f"Đoàn thể {i}", None) for i in range(1, 6)]
    plan += [(f"truong-{i}", "school", f"Trường {i}", None) for i in range(1, 4)]
    plan += [(f"co-so-{i}", "business", f"Cơ sở kinh doanh {i}", None) for i in range(1, 16)]
    return plan


@dataclass
class Commune:
    """The generator's state: the aggregates alive, and what can happen to them next."""

    rng: random.Random
    program: Program
    units: dict[str, Unit] = field(default_factory=dict)
    open_tasks: list[tuple[Task, int]] = field(default_factory=list)  # (task, reports left)
    candidacies: list[tuple[Candidacy, Unit]] = field(default_factory=list)
    proposed: list[Commendation] = field(default_factory=list)
    issued: list[Commendation] = field(default_factory=list)
    open_shortcomings: list[Shortcoming] = field(default_factory=list)
    day: int = 0
    serial: int = 0

    def date_after(self, days: int) -> date:
        """A date `days` after today in the generated history, within the program period."""
        return min(DAY0 + timedelta(days=self.day + days), PERIOD_END)

    def stamp(self, role: str, *, effective: bool = False) -> Stamp:
        self.serial += 1
        on = self.date_after(0)
        return Stamp(
            actor_id=f"{role}:gen",
            actor_role=role,
            reason=f"Văn bản số {self.serial % 997}/VP",
            correlation_id=f"gen-{self.serial}",
            effective_date=on if effective else None,
        )

    def active(self, kind: str | None = None) -> list[Unit]:
        return [u for u in self.units.values() if u.is_active and kind in (None, u.kind)]

    def setup(self) -> list[LedgerAggregate]:
        done: list[LedgerAggregate] = []
        for code, kind, name, parent in _units_plan():
            unit = Unit.register(
                self.stamp("office"),
                code=code,
                kind=kind,
                name=name,
                parent=self.units[parent] if parent else None,
            )
            self.units[code] = unit
            done.append(unit)
        for model in self.program.items["model_type"].values():
            for unit in self.active():
                if unit.kind in model["unit_kinds"]:
                    candidacy = Candidacy.enrol(self.stamp("office"), unit=unit, model_type=model)
                    self.candidacies.append((candidacy, unit))
                    done.append(candidacy)
        return done

    def step(self) -> list[LedgerAggregate]:
        """One command: mostly progress on tasks, then models, commendations, shortcomings."""
        self.day = min(self.serial // 600, 1600)  # the history spans 2026 to mid-2030
        roll = self.rng.random()
        if roll < 0.84:
            return self.task_step()
        if roll < 0.88:
            return self.candidacy_step()
        if roll < 0.94:
            return self.commendation_step()
        if roll < 0.9995:
            return self.shortcoming_step()
        return self.unit_step()

    def task_step(self) -> list[LedgerAggregate]:
        rng = self.rng
        if len(self.open_tasks) < 1500 or rng.random() < 0.03:
            units = self.active()
            lead = rng.choice(units)
            coordinating = [u for u in rng.sample(units, 2) if u.id != lead.id]
            task = Task.assign(
                self.stamp("office"),
                title=rng.choice(TITLES),
                description="Theo Chương trình hành động, mục III",
                area=self.program.item("task_area", rng.choice(AREAS)),
                phase=self.program.item("phase", "phase-1" if self.day < 360 else "phase-2"),
                lead=lead,
                coordinating=coordinating,
                due_date=self.date_after(rng.randint(30, 400)),
            )
            self.open_tasks.append((task, rng.randint(10, 40)))
            return [task]
        index = rng.randrange(len(self.open_tasks))
        task, left = self.open_tasks[index]
        if left <= 0:
            self.open_tasks[index] = self.open_tasks[-1]
            self.open_tasks.pop()
            if rng.random() < 0.9:
                task.complete(self.stamp("office"))
            else:
                task.cancel(self.stamp("office"))
            return [task]
        self.open_tasks[index] = (task, left - 1)
        extra = rng.random()
        later = min(task.due_date + timedelta(days=30), PERIOD_END)
        if extra < 0.02 and later != task.due_date:
            task.change_deadline(self.stamp("office"), later)
        elif extra < 0.03:
            leads = [u for u in self.active() if u.id != task.lead_unit_id]
            task.reassign(self.stamp("office"), rng.choice(leads), None)
        else:
            percent = min(100, task.percent + rng.randint(0, 6))
            task.report_progress(
                self.stamp("reporter", effective=rng.random() < 0.2),
                percent=percent,
                summary=rng.choice(SUMMARIES),
                evidence=[f"BB {self.serial % 97:02d}/2026"],
            )
        return [task]

    def candidacy_step(self) -> list[LedgerAggregate]:
        rng = self.rng
        candidacy, unit = rng.choice(self.candidacies)
        if not unit.is_active:
            return []
        if candidacy.state == "recognized" and rng.random() < 0.3:
            candidacy.revoke(self.stamp("committee"), decision_number=f"QĐ {self.serial}/ĐU")
            return [candidacy]
        passed_before = candidacy.last_assessment and candidacy.last_assessment["passed"]
        if candidacy.assessed_since_decision and passed_before and candidacy.state != "recognized":
            decided = self.date_after(0)
            candidacy.recognize(
                self.stamp("committee"),
                unit=unit,
                decision_number=f"QĐ {self.serial}/ĐU",
                decision_date=decided,
                valid_until=min(decided + timedelta(days=365), PERIOD_END),
            )
            return [candidacy]
        criteria = [f"commune-{i}" for i in range(1, 9)]
        results = [{"criterion": c, "met": rng.random() < 0.85, "note": ""} for c in criteria]
        candidacy.assess(
            self.stamp("inspector"),
            unit=unit,
            results=results,
            passed=all(r["met"] for r in results[:6]),
            note="Kết quả kiểm tra định kỳ",
        )
        return [candidacy]

    @staticmethod
    def seal_for(person: int) -> Callable[[str, str], Sealed]:
        """Names are sealed as in a real store; with a generator's key that no store keeps, so a
        generated store shows them as erased."""
        person_id = uuid5(NAMESPACE_URL, f"socai:bench:person:{person}")
        return lambda field_name, text: Sealed.seal(BENCH_KEY, person_id, field_name, text)

    def commendation_step(self) -> list[LedgerAggregate]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.45 or not self.proposed:
            unit = rng.choice(self.active())
            as_unit = rng.random() < 0.5
            commendation = Commendation.propose(
                self.stamp("office"),
                recipient_kind="unit" if as_unit else rng.choice(("person", "family")),
                unit=unit,
                recipient_name=None if as_unit else f"Nguyễn Văn {self.serial % 500}",
                form=rng.choice(FORMS),
                achievement="Có thành tích xuất sắc trong phong trào thi đua",
                proposed_by="Ban Xây dựng Đảng",
                seal=self.seal_for(self.serial % 500),
            )
            self.proposed.append(commendation)
            return [commendation]
        if roll < 0.95 or not self.issued:
            commendation = self.proposed.pop(rng.randrange(len(self.proposed)))
            commendation.issue(
                self.stamp("committee"),
                decision_number=f"QĐ {self.serial}/ĐU",
                decision_date=self.date_after(0),
                issued_by="Ban Thường vụ Đảng ủy",
            )
            self.issued.append(commendation)
            if len(self.issued) > 2000:
                self.issued = self.issued[-1000:]
            return [commendation]
        commendation = self.issued.pop(rng.randrange(len(self.issued)))
        commendation.revoke(self.stamp("committee"), decision_number=f"QĐ {self.serial}/ĐU")
        return [commendation]

    def shortcoming_step(self) -> list[LedgerAggregate]:
        rng = self.rng
        if len(self.open_shortcomings) < 200 or rng.random() < 0.35:
            shortcoming = Shortcoming.flag(
                self.stamp("inspector"),
                unit=rng.choice(self.active()),
                severity=rng.choice(SEVERITIES),
                finding=rng.choice(FINDINGS),
                source=f"Kiểm tra {self.serial % 50}/UBKT",
                flagged_by="Ủy ban Kiểm tra",
            )
            self.open_shortcomings.append(shortcoming)
            return [shortcoming]
        index = rng.randrange(len(self.open_shortcomings))
        shortcoming = self.open_shortcomings[index]
        if shortcoming.remediation_plan is None or rng.random() < 0.2:
            shortcoming.plan_remediation(
                self.stamp("office"),
                plan=f"Khắc phục trong tháng, lần {self.serial}",
                due_on=self.date_after(60),
                responsible="Bí thư chi bộ",
            )
        else:
            self.open_shortcomings[index] = self.open_shortcomings[-1]
            self.open_shortcomings.pop()
            shortcoming.resolve(
                self.stamp("inspector"), resolution="Đã khắc phục", evidence=["BB kiểm tra lại"]
            )
        return [shortcoming]

    def unit_step(self) -> list[LedgerAggregate]:
        """Renames mostly; now and then a party cell merges into another, handing over its work."""
        rng = self.rng
        cells = self.active("party_cell")
        if rng.random() < 0.8 or len(cells) < 4:
            unit = rng.choice(self.active())
            unit.rename(self.stamp("office"), f"{unit.name.split(' (')[0]} ({self.serial})")
            return [unit]
        source, target = rng.sample(cells, 2)
        stamp = self.stamp("office")
        source.merge_into(stamp, target)
        changed: list[LedgerAggregate] = [source]
        for task, _ in self.open_tasks:
            if source.id in task.unit_ids:
                task.hand_over(stamp, source.id, target)
                changed.append(task)
        for shortcoming in self.open_shortcomings:
            if shortcoming.unit_id == source.id:
                shortcoming.transfer(stamp, target.id)
                changed.append(shortcoming)
        return changed


def generate(
    ledger: Ledger,
    events: int,
    *,
    seed: int = 2026,
    batch: int = 5_000,  # larger batches can stall in the PostgreSQL driver's pipeline mode
    progress: Callable[[int], None] | None = None,
) -> int:
    """Appends `events` events to the log (after the program's, which are adopted normally);
    returns the log's last position."""
    request = Request(SYSTEM, idempotency_key="init:adopt-program", correlation_id="generate")
    ledger.adopt_program(request)
    commune = Commune(random.Random(seed), ledger.program())
    to_stored = ledger.mapper.to_stored_event
    pending: list[Any] = []
    written = 0

    def flush(stored: Sequence[Any]) -> None:
        nonlocal written
        ledger.recorder.insert_events(stored)
        written += len(stored)
        if progress:
            progress(written)

    aggregates = commune.setup()
    while written + len(pending) < events:
        for aggregate in aggregates:
            pending.extend(to_stored(e) for e in aggregate.collect_events())
        if len(pending) >= batch:
            flush(pending[:batch])
            pending = pending[batch:]
        aggregates = commune.step()
    flush(pending[: events - written])
    return cast(int, ledger.recorder.max_notification_id())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="how many events to add")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("give --database-url or set DATABASE_URL")
    ledger = Ledger(Database.from_url(args.database_url))
    started = time.perf_counter()
    try:
        head = generate(ledger, args.events, seed=args.seed)
    finally:
        ledger.close()
    elapsed = time.perf_counter() - started
    print(f"generated {args.events:,} events in {elapsed:.1f} s; the log ends at {head:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
