"""The AsyncAPI contract stays in step with the event classes: the committed document is what
the code generates, it names every event type and no other, and real events validate."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from domain.application import Ledger
from domain.authority import SYSTEM, Role
from domain.base import LedgerAggregate
from domain.unit import unit_id_for
from projections.cloudevents import to_cloudevent
from projections.feed import read_feed
from projections.fold import HANDLERS
from schema.asyncapi import as_yaml
from tests.conftest import COMMITTEE, INSPECTOR, OFFICE, request_as

DOCUMENT = Path(__file__).parent.parent / "docs" / "asyncapi.yaml"


def committed() -> dict[str, Any]:
    found: dict[str, Any] = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    return found


def test_the_committed_contract_is_what_the_code_generates() -> None:
    assert DOCUMENT.read_text(encoding="utf-8") == as_yaml(), (
        "docs/asyncapi.yaml is stale: run `python cli.py asyncapi > docs/asyncapi.yaml`"
    )


def _every_event_class() -> set[str]:
    """Independently of the generator: the folds' registry, and each aggregate's nested events
    that the library records (leaving out its `Event` and `Created`, and bases of others)."""
    names = {cls.__name__ for cls in HANDLERS}
    stack: list[type] = [LedgerAggregate]
    while stack:
        aggregate = stack.pop()
        stack.extend(aggregate.__subclasses__())
        nested = [
            v
            for v in vars(aggregate).values()
            if isinstance(v, type) and issubclass(v, LedgerAggregate.Event)
        ]
        for event in nested:
            extended = any(
                event in other.__mro__[1:] and other.__name__ != event.__name__ for other in nested
            )
            if event.__name__ not in ("Event", "Created") and not extended:
                names.add(event.__name__)
    return names


def test_the_contract_names_every_event_type_and_no_other() -> None:
    document = committed()
    assert document["asyncapi"].startswith("3.")
    expected = _every_event_class()
    assert len(expected) >= 28
    assert set(document["channels"]["webhook"]["messages"]) == expected
    schemas = document["components"]["schemas"]
    messages = document["components"]["messages"]
    assert expected <= set(schemas)
    assert expected <= set(messages)
    for name in expected:
        stream = messages[name]["title"].split(".")[2]
        assert messages[name]["title"] == f"vn.socai.{stream}.{name}"


def _record_a_little_of_everything(ledger: Ledger) -> None:
    ledger.adopt_program(request_as(SYSTEM))
    for code in ("thon-1", "thon-2"):
        ledger.register_unit(
            request_as(OFFICE), code=code, kind="village", name=f"Thôn {code}", parent_id=None
        )
    task = ledger.assign_task(
        request_as(OFFICE),
        title="Lắp đặt Camera an ninh",
        description="Mỗi thôn một điểm",
        area="III.4",
        phase="phase-1",
        lead_unit_id=unit_id_for("thon-1"),
        coordinating_unit_ids=[unit_id_for("thon-2")],
        due_date=date(2026, 12, 31),
    ).id
    ledger.report_progress(
        request_as(OFFICE), task_id=task, percent=40, summary="Đã lắp 2 điểm", evidence=["BB 1"]
    )
    commendation = ledger.propose_commendation(
        request_as(OFFICE),
        recipient_kind="person",
        recipient_unit_id=unit_id_for("thon-1"),
        recipient_name="Nguyễn Văn A",
        form="giấy khen",
        achievement="Người tốt, việc tốt",
    ).id
    ledger.issue_commendation(
        request_as(COMMITTEE),
        commendation_id=commendation,
        decision_number="QĐ 12/QĐ-UBND",
        decision_date=date(2026, 5, 1),
        issued_by="UBND xã",
    )
    ledger.flag_shortcoming(
        request_as(INSPECTOR),
        unit_id=unit_id_for("thon-2"),
        severity="minor",
        finding="Chưa niêm yết quy ước",
        source=None,
        flagged_by=None,
    )


def test_recorded_events_validate_against_the_contract(ledger: Ledger) -> None:
    _record_a_little_of_everything(ledger)
    components = committed()["components"]
    with ledger.reading() as sql:
        rows = read_feed(sql, after=0, limit=1000, events_table=ledger.store.events_table_name).rows
    seen: set[str] = set()
    for row in rows:
        for role in (Role.PUBLIC, Role.AUDITOR):
            event = to_cloudevent(row, role)
            name = row["event_type"]
            schema = {"components": components, "$ref": f"#/components/messages/{name}/payload"}
            Draft202012Validator(schema).validate(event)
            fields = {"components": components, "$ref": f"#/components/schemas/{name}"}
            Draft202012Validator(fields).validate(event["data"]["fields"])
            seen.add(name)
    assert {"ProgramAdopted", "TaskAssigned", "CommendationIssued", "ShortcomingFlagged"} <= seen
