"""The demo commune on a real store: every view has content, every event says it is demo data,
a second load records nothing, and a real commune's store is never loaded into silently."""

from __future__ import annotations

from pathlib import Path

import pytest

import demo
from cli import main
from domain.application import Ledger
from domain.unit import unit_id_for
from projections.commendations import list_commendations
from projections.history import list_history
from projections.models import coverage
from projections.shortcomings import list_shortcomings, shortcomings_of_unit
from projections.storage import Database
from projections.tasks import list_tasks, tasks_of_unit
from projections.units import get_unit, list_units
from tests.conftest import OFFICE, request_as


@pytest.fixture
def loaded(ledger: Ledger) -> demo.DemoSummary:
    return demo.load(ledger)


def register_real_village(ledger: Ledger) -> None:
    ledger.register_unit(
        request_as(OFFICE), code="thon-1", kind="village", name="Thôn 1", parent_id=None
    )


def test_every_view_has_content(ledger: Ledger, loaded: demo.DemoSummary) -> None:
    with ledger.reading() as sql:
        villages = list_units(sql, kind="village", status="active", first=100).rows
        overdue = list_tasks(sql, overdue_on="2026-11-29", first=100).rows
        covered = {row["model_type"]: row for row in coverage(sql, on="2026-12-01")}
        commendations = list_commendations(sql, first=100).rows
        open_shortcomings = list_shortcomings(sql, status="open").rows
        resolved_shortcomings = list_shortcomings(sql, status="resolved").rows
        completed = list_tasks(sql, status="completed", first=100).rows
        cancelled = list_tasks(sql, status="cancelled").rows
    assert len(villages) >= 12
    assert all(row["code"].startswith("demo-") for row in villages)
    assert all(row["name"].endswith("(demo)") for row in villages)
    assert overdue
    assert all(row["due_date"] < "2026-11-29" and row["status"] == "open" for row in overdue)
    assert completed
    assert len(cancelled) == 1
    for model_type in ("model-cultural-village", "green-business", "culture-club"):
        assert covered[model_type]["recognized"] > 0, model_type
    assert covered["model-cultural-village"]["target"] == len(villages)
    assert {row["status"] for row in commendations} == {"proposed", "issued", "revoked"}
    assert {row["recipient_kind"] for row in commendations} == {
        "unit",
        "person",
        "family",
        "residential_area",
    }
    assert open_shortcomings
    assert resolved_shortcomings
    assert loaded.counts["units"] >= 30
    assert loaded.counts["tasks"] >= 40


def test_the_merged_hamlet_hands_its_open_work_to_its_neighbour(
    ledger: Ledger, loaded: demo.DemoSummary
) -> None:
    hamlet, neighbour = str(unit_id_for("demo-xom-trai")), str(unit_id_for("demo-thon-doai"))
    with ledger.reading() as sql:
        row = get_unit(sql, hamlet)
        assert row is not None
        assert row["status"] == "merged"
        assert row["merged_into"] == neighbour
        assert [t for t in tasks_of_unit(sql, hamlet) if t["status"] == "open"] == []
        assert shortcomings_of_unit(sql, hamlet, status="open") == []
        assert any(t["lead_unit_id"] == neighbour for t in tasks_of_unit(sql, neighbour))
        assert shortcomings_of_unit(sql, neighbour, status="open")


def test_every_event_is_recognizable_as_demo_data(ledger: Ledger, loaded: demo.DemoSummary) -> None:
    with ledger.reading() as sql:
        history = list_history(sql, first=10_000).rows
    assert len(history) == ledger.recorder.max_notification_id()
    recorded = [row for row in history if row["stream"] != "program"]
    assert len(recorded) > 300
    assert all(row["reason"].startswith("[DEMO] ") for row in recorded)
    assert all(row["actor_id"].startswith("demo:") for row in recorded)
    assert all(row["effective_date"].startswith("2026-") for row in recorded)


def test_a_second_load_records_nothing(ledger: Ledger, loaded: demo.DemoSummary) -> None:
    before = ledger.recorder.max_notification_id()
    again = demo.load(ledger)
    assert ledger.recorder.max_notification_id() == before
    assert again.events == 0
    assert again.counts == loaded.counts
    assert "already loaded" in again.line()


def test_a_store_with_real_units_is_refused_unless_forced(ledger: Ledger) -> None:
    register_real_village(ledger)
    before = ledger.recorder.max_notification_id()
    with pytest.raises(demo.NotADemoStore, match="thon-1"):
        demo.load(ledger)
    assert ledger.recorder.max_notification_id() == before
    forced = demo.load(ledger, force=True)
    assert forced.events > 300
    with ledger.reading() as sql:
        assert len(list_units(sql, kind="village", first=100).rows) == 14


def test_the_cli_loads_once_and_refuses_a_real_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["demo"]) == 0
    first = capsys.readouterr().out
    assert first.startswith("Demo commune loaded: 45 units, 42 tasks")
    assert main(["demo"]) == 0
    assert "nothing recorded" in capsys.readouterr().out

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'real.db'}")
    real = Ledger(Database.from_url(f"sqlite:///{tmp_path / 'real.db'}"))
    try:
        register_real_village(real)
    finally:
        real.close()
    assert main(["demo"]) == 1
    assert "refusing to load the demo" in capsys.readouterr().err
    assert main(["demo", "--force"]) == 0
    assert capsys.readouterr().out.startswith("Demo commune loaded:")
