"""Export, import and replay on a real store: the round trip keeps every stored byte and every
view row, a replay gives the live store's digest, and `--as-of` the digest as things stood."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from cli import main
from domain.application import Ledger
from projections.digest import views_digest
from projections.export import CHECKPOINT_TYPE, export_log
from projections.read import head_position
from projections.restore import ExportUnreadable, StoreNotEmpty, import_log
from projections.storage import Database, Sql
from projections.viewstore import VIEWS
from server import bootstrap
from settings import Settings
from tests.integration.recorded import record_commune, record_the_rest, record_units_and_tasks


def sibling(url: str, name: str) -> str:
    """Another empty store on the same backend: a file beside, or a schema beside."""
    if url.startswith("sqlite:///"):
        return url.replace("socai.db", f"{name}.db")
    return url.replace("schema=commune", f"schema={name}")


@pytest.fixture
def restored(database_url: str) -> Iterator[Ledger]:
    app = Ledger(Database.from_url(sibling(database_url, "restored")))
    try:
        yield app
    finally:
        app.close()


def export(ledger: Ledger, path: Path) -> Path:
    with path.open("wb") as out:
        export_log(ledger, out)
    return path


def stored_rows(ledger: Ledger) -> list[Any]:
    return list(ledger.recorder.select_notifications(start=1, limit=100_000))


def every_version(sql: Sql) -> dict[str, list[tuple[Any, ...]]]:
    """Every row version of every view, closed ones included."""
    return {
        name: sorted(
            (r["id"], r["pos_from"], r["pos_to"], r["doc"])
            for r in sql.all(f"SELECT id, pos_from, pos_to, doc FROM {sql.table(name)}")
        )
        for name in VIEWS
    }


def digest_of(ledger: Ledger, at: int | None = None) -> str:
    with ledger.reading() as sql:
        return views_digest(sql, at)


def replayed(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, int]:
    capsys.readouterr()
    assert main(["replay", *args]) == 0
    digest, _, rest = capsys.readouterr().out.strip().partition("  ")
    return digest, int(rest.split()[3])


def test_export_then_import_keeps_every_stored_byte_and_view_row(
    ledger: Ledger, restored: Ledger, tmp_path: Path
) -> None:
    record_commune(ledger)
    path = export(ledger, tmp_path / "log.jsonl")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [int(line["sequence"]) for line in lines] == [n.id for n in stored_rows(ledger)]
    assert {line["specversion"] for line in lines} == {"1.0"}
    progress = next(line for line in lines if line["type"] == "vn.socai.task.ProgressReported")
    assert progress["subject"] in progress["id"]
    assert progress["data"]["summary"].startswith("Đạt")

    done = import_log(restored, path)

    assert done.events == len(lines)
    assert stored_rows(restored) == stored_rows(ledger)
    with ledger.reading() as live, restored.reading() as copy:
        assert views_digest(copy) == views_digest(live)
        assert every_version(copy) == every_version(live)
        assert head_position(copy) == head_position(live)


async def test_an_imported_store_is_served(
    ledger: Ledger, restored: Ledger, tmp_path: Path
) -> None:
    record_commune(ledger)
    import_log(restored, export(ledger, tmp_path / "log.jsonl"))
    query = """{
      units(first: 10) { nodes { code name status } }
      tasks(first: 10) { nodes { title percent status leadUnit { code } } }
      history(first: 100) { nodes { position eventType summary } }
      villageBoard(on: "2026-11-29") { nodes { unit { code } taskTally { total open } } }
    }"""
    answers = []
    for app in (ledger, restored):
        transport = httpx.ASGITransport(app=bootstrap(Settings(), app))
        async with httpx.AsyncClient(transport=transport, base_url="http://socai.test") as http:
            response = await http.post("/graphql", json={"query": query})
        assert response.status_code == 200
        answers.append(response.json())
    assert "errors" not in answers[1]
    assert answers[1] == answers[0]
    assert {u["code"] for u in answers[1]["data"]["units"]["nodes"]} >= {"thon-1", "thon-2"}


def test_import_refuses_a_store_that_holds_a_log(
    ledger: Ledger, restored: Ledger, tmp_path: Path
) -> None:
    record_units_and_tasks(ledger)
    path = export(ledger, tmp_path / "log.jsonl")
    before = stored_rows(ledger)
    with pytest.raises(StoreNotEmpty, match="empty database"):
        import_log(ledger, path)
    assert stored_rows(ledger) == before


def test_a_tampered_export_is_refused_and_records_nothing(
    ledger: Ledger, restored: Ledger, tmp_path: Path
) -> None:
    record_units_and_tasks(ledger)
    path = export(ledger, tmp_path / "log.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    line = json.loads(lines[7])
    line["data"]["stamp"]["_data_"]["actor_id"] = "someone-else"
    lines[7] = json.dumps(line, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(ExportUnreadable, match="line 8: 'data' and 'socaistate' disagree"):
        import_log(restored, path)
    assert stored_rows(restored) == []


def test_replay_gives_the_live_digest(
    ledger: Ledger, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_commune(ledger)
    path = export(ledger, tmp_path / "log.jsonl")
    live = digest_of(ledger)

    offline, position = replayed(capsys, str(path))  # into a scratch SQLite file
    into, _ = replayed(capsys, str(path), "--into", sibling(database_url, "replayed"))

    assert offline == into == live
    assert position == len(stored_rows(ledger))


def test_replay_as_of_gives_the_views_as_they_stood(
    ledger: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_units_and_tasks(ledger)
    then = digest_of(ledger)
    with ledger.reading() as sql:
        position = head_position(sql)
        row = sql.one(
            f"SELECT recorded_at FROM {sql.table('history')} WHERE position = ?", (position,)
        )
    assert row is not None
    recorded_at = datetime.fromisoformat(row["recorded_at"])
    record_the_rest(ledger)
    path = export(ledger, tmp_path / "log.jsonl")

    by_position, at = replayed(capsys, str(path), "--as-of", str(position))
    by_time, at_time = replayed(capsys, str(path), "--as-of", recorded_at.isoformat())

    assert by_position == by_time == then == digest_of(ledger, at=position)
    assert at == at_time == position
    assert then != digest_of(ledger)


def test_checkpoints_follow_the_events_and_come_back(
    ledger: Ledger, restored: Ledger, database_url: str, tmp_path: Path
) -> None:
    record_units_and_tasks(ledger)
    size = len(stored_rows(ledger))
    with ledger.store.writing() as sql:
        sql.many(
            f"INSERT INTO {sql.table('ledger_checkpoints')} "
            "(tree_size, position, root_hash, note, signed_at) VALUES (?, ?, ?, ?, ?)",
            [
                (10, 10, b"\x00\x01root", "socai.test\n10\n", "2026-11-29T10:00:00+00:00"),
                (size, size, b"\xffroot", f"socai.test\n{size}\n", "2026-11-29T11:00:00+00:00"),
            ],
        )
    path = export(ledger, tmp_path / "log.jsonl")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["type"] for line in lines[-2:]] == [CHECKPOINT_TYPE, CHECKPOINT_TYPE]
    assert all(line["type"] != CHECKPOINT_TYPE for line in lines[:-2])
    assert lines[-2]["data"]["root_hash"] == {"base64": base64.b64encode(b"\x00\x01root").decode()}

    done = import_log(restored, path)

    assert done.checkpoints == 2
    with ledger.reading() as live, restored.reading() as copy:
        query = "SELECT tree_size, root_hash, note, signed_at FROM {} ORDER BY tree_size"
        original = live.all(query.format(live.table("ledger_checkpoints")))
        assert copy.all(query.format(copy.table("ledger_checkpoints"))) == original
    assert bytes(original[0]["root_hash"]) == b"\x00\x01root"

    again = Ledger(Database.from_url(sibling(database_url, "again")))
    try:
        assert import_log(again, path).checkpoints == 2
        assert stored_rows(again) == stored_rows(ledger)
    finally:
        again.close()


def test_a_store_without_checkpoints_exports_none(ledger: Ledger, tmp_path: Path) -> None:
    record_units_and_tasks(ledger)
    path = export(ledger, tmp_path / "log.jsonl")
    types = {json.loads(line)["type"] for line in path.read_text(encoding="utf-8").splitlines()}
    assert CHECKPOINT_TYPE not in types
    assert "vn.socai.unit.UnitRegistered" in types


def test_export_writes_to_standard_output(
    ledger: Ledger,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    record_units_and_tasks(ledger)
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["export"]) == 0
    out, err = capsysbinary.readouterr()
    lines = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    assert [int(line["sequence"]) for line in lines] == [n.id for n in stored_rows(ledger)]
    assert f"Exported {len(lines):,} events".encode() in err
