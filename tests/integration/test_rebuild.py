"""`socai rebuild` on a real store: the same rows as the live path, reads that keep working and
writes that are not lost while it runs, and progress shown as it goes."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast
from uuid import UUID

import orjson
import pytest
from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import resolve_topic

from cli import main
from domain.application import Ledger
from domain.authority import PUBLIC
from domain.base import LedgerAggregate
from domain.task import Task
from domain.unit import unit_id_for
from projections import rebuild
from projections.bulkfold import fold_report, report_history_entry, shortcut_holds
from projections.decode import PROGRESS_TOPIC, FastDecoder, ProgressReport, RawEvent
from projections.digest import views_digest
from projections.export import export_log
from projections.feedback import PROGRESS_REPORTS, report_id
from projections.fold import HANDLERS, Touched, fold_event, history_entry
from projections.read import head_position
from projections.rebuild import (
    OLD,
    SHADOW,
    FoldBuffer,
    HelperFailed,
    SplitBroken,
    rebuild_views,
)
from projections.restore import import_log
from projections.storage import Database, Sql
from projections.tasks import list_tasks
from projections.units import list_units
from projections.viewstore import HistoryEntry, ViewStore
from tests.conftest import OFFICE, request_as
from tests.integration.recorded import record_commune, record_units_and_tasks
from tests.integration.test_export_import import every_version, sibling

DEADLINE = 30.0


def tables_and_indexes(sql: Sql) -> set[str]:
    if sql.dialect == "postgres":
        schema = sql.table("x").split(".")[0].strip('"')
        rows = sql.all(
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = ? UNION ALL "
            "SELECT indexname AS name FROM pg_indexes WHERE schemaname = ?",
            (schema, schema),
        )
    else:
        rows = sql.all("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index')")
    return {str(r["name"]) for r in rows}


def test_rebuild_gives_the_rows_the_live_path_wrote(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rebuild, "CURRENT_SLICE", 5)  # the current rows in many slices
    record_commune(ledger)
    # Citizens' testimonies, each closing a version of the report it counts on.
    with ledger.reading() as sql:
        reported = [t for t in list_tasks(sql).rows if t["progress_reports"] >= 1]
    for task, stance in [
        (reported[0], "confirm"),
        (reported[0], "dispute"),
        (reported[-1], "confirm"),
    ]:
        ledger.give_testimony(
            request_as(PUBLIC),
            task_id=UUID(task["id"]),
            report_version=2,
            stance=stance,
            text="Đúng như báo cáo" if stance == "confirm" else "Chưa làm",
        )
    with ledger.store.writing() as sql:  # another follower's position, kept beside the views'
        sql.execute(
            f"INSERT INTO {sql.table('view_position')} (name, position) VALUES (?, ?)",
            ("ledger", 5),
        )
    with ledger.reading() as sql:
        digest, versions, schema = views_digest(sql), every_version(sql), tables_and_indexes(sql)

    with ledger.reading() as sql:
        reports = [
            orjson.loads(r["doc"])
            for r in sql.all(
                f"SELECT doc FROM {sql.table('v_progress_reports')} WHERE pos_to IS NULL"
            )
        ]
    tallied = [(r["confirmations"], r["disputes"]) for r in reports if r["confirmations"]]
    assert sorted(tallied) == [(1, 0), (1, 1)]  # the testimonies were counted on their reports

    # The first writes the history and the reports' rows from a second process, the other
    # writes everything in its own.
    events = len(ledger.recorder.select_notifications(start=1, limit=10_000))
    for helper, batch in [(True, 7), (False, 1000)]:  # the first's names are reusable
        rebuilt = rebuild_views(ledger, batch=batch, helper=helper)
        assert rebuilt.events == events
        with ledger.reading() as sql:
            assert views_digest(sql) == digest
            assert every_version(sql) == versions
            assert tables_and_indexes(sql) == schema  # same tables and index names, no leftovers
            assert not any(SHADOW in name or OLD in name for name in tables_and_indexes(sql))
            positions = sql.all(f"SELECT name, position FROM {sql.table('view_position')}")
            assert {p["name"]: p["position"] for p in positions} == {
                "views": rebuilt.position,
                "ledger": 5,
            }


def test_writes_during_a_rebuild_are_not_lost_and_reads_keep_working(
    ledger: Ledger, database_url: str, tmp_path: Path
) -> None:
    record_units_and_tasks(ledger)
    writer_app = Ledger(Database.from_url(database_url))  # like another server process
    written = 0
    stop = threading.Event()
    allowed = threading.Semaphore(0)  # how many writes the test lets through
    wrote = threading.Condition()
    errors: list[BaseException] = []
    reads = 0

    def write() -> None:
        nonlocal written
        try:
            while allowed.acquire() and not stop.is_set():
                writer_app.rename_unit(
                    request_as(OFFICE), unit_id=unit_id_for("thon-2"), name=f"Thôn Hai {written}"
                )
                with wrote:
                    written += 1
                    wrote.notify_all()
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    def read() -> None:
        nonlocal reads
        try:
            while not stop.is_set():
                with ledger.reading() as sql:
                    assert len(list_units(sql).rows) == 4
                    assert list_tasks(sql).rows
                reads += 1
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    def let_three_writes_through() -> None:
        with wrote:
            target = written + 3
            allowed.release(3)
            assert wrote.wait_for(lambda: written >= target or bool(errors), timeout=DEADLINE)

    def after_each_batch(done: int, total: int) -> None:
        """The writer records a few events between batches of the bulk pass."""
        if done < total:
            let_three_writes_through()

    threads = [threading.Thread(target=write), threading.Thread(target=read)]
    for thread in threads:
        thread.start()
    try:
        rebuilt = rebuild_views(ledger, batch=10, progress=after_each_batch)
        let_three_writes_through()  # and a few after the switch, into the new tables
    finally:
        stop.set()
        allowed.release()
        for thread in threads:
            thread.join()
        writer_app.close()

    assert errors == []
    assert reads > 0
    assert rebuilt.caught_up > 0  # writes arrived during the bulk pass and were folded after it
    log = ledger.recorder.select_notifications(start=1, limit=100_000)
    with ledger.reading() as sql:
        history = sql.all(f"SELECT position FROM {sql.table('history')} ORDER BY position")
        assert [h["position"] for h in history] == [n.id for n in log]
        [thon_2] = [u for u in list_units(sql).rows if u["code"] == "thon-2"]
        assert thon_2["name"] == f"Thôn Hai {written - 1}"
        live = views_digest(sql)
    path = tmp_path / "log.jsonl"
    with path.open("wb") as out:
        export_log(ledger, out)
    fresh = Ledger(Database.from_url(sibling(database_url, "fresh")))
    try:
        import_log(fresh, path)
        with fresh.reading() as sql:
            assert views_digest(sql) == live
            assert head_position(sql) == log[-1].id
    finally:
        fresh.close()


@pytest.fixture
def commanded(ledger: Ledger, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Ledger:
    """A store of units and tasks, which `socai` commands find through DATABASE_URL."""
    record_units_and_tasks(ledger)
    monkeypatch.setenv("DATABASE_URL", database_url)
    return ledger


def test_rebuild_shows_its_progress(commanded: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    events = len(commanded.recorder.select_notifications(start=1, limit=10_000))
    assert main(["rebuild"]) == 0
    out, err = capsys.readouterr()
    assert f"rebuild: 0/{events:,} events (0%)" in err
    assert f"rebuild: {events:,}/{events:,} events (100%)" in err
    assert out.startswith(f"Rebuilt every view from {events:,} events")


def test_the_fast_decoder_makes_the_mappers_events(ledger: Ledger) -> None:
    record_commune(ledger)
    notes = ledger.recorder.select_notifications(start=1, limit=100_000)
    rows = [(n.id, n.originator_id, n.originator_version, n.topic, n.state) for n in notes]
    as_text = [(n.id, str(n.originator_id), n.originator_version, n.topic, n.state) for n in notes]
    expected = [ledger.mapper.to_domain_event(n) for n in notes]
    topics = {n.topic for n in notes}
    assert len(topics) > 20  # the commune's log has events of many kinds
    for decoded in (
        FastDecoder(ledger.mapper).decode(rows),
        FastDecoder(ledger.mapper).decode(as_text),
    ):
        assert [type(e) for e in decoded] == [type(e) for e in expected]
        assert [typed(e.__dict__) for e in decoded] == [typed(e.__dict__) for e in expected]


def older_versions(rows: list[RawEvent]) -> list[RawEvent]:
    """Each event of a class at version 2 or more, as version 1 stored it: without the fields
    its upcasters add (the way a store written before them holds it)."""
    older: list[RawEvent] = []
    for position, originator_id, version, topic, state in rows:
        cls = resolve_topic(topic)
        class_version = getattr(cls, "class_version", 1)
        if class_version == 1:
            continue
        added: dict[str, Any] = {}
        for step in range(1, class_version):
            getattr(cls, f"upcast_v{step}_v{step + 1}")(added)
        parsed = orjson.loads(state)
        del parsed["class_version"]
        for name in added:
            parsed.pop(name, None)
        older.append((position, originator_id, version, topic, orjson.dumps(parsed)))
    return older


def test_events_of_older_versions_go_through_their_upcasters(ledger: Ledger) -> None:
    record_commune(ledger)
    notes = ledger.recorder.select_notifications(start=1, limit=100_000)
    rows = older_versions(
        [(n.id, n.originator_id, n.originator_version, n.topic, n.state) for n in notes]
    )
    assert len({row[3] for row in rows}) >= 3  # events of several upcast classes
    expected = [
        ledger.mapper.to_domain_event(
            StoredEvent(originator_id=i, originator_version=v, topic=t, state=s)
        )
        for _, i, v, t, s in rows
    ]
    decoded = FastDecoder(ledger.mapper).decode(rows)
    assert [typed(e.__dict__) for e in decoded] == [typed(e.__dict__) for e in expected]


def typed(value: object) -> object:
    """A value with the type of every part beside it: equal values of other types differ."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return (type(value).__name__, [typed(v) for v in value])
    if hasattr(value, "__dataclass_fields__"):
        return (type(value).__name__, typed(vars(value)))
    return (type(value).__name__, value)


def _variants(rows: list[RawEvent]) -> list[RawEvent]:
    """Each progress report again: with its timestamp stored without microseconds, and without
    an effective date (both still the shortcut); with a field it does not know, and as an older
    class version (neither)."""
    more: list[RawEvent] = []
    for position, originator_id, version, topic, state in rows:
        if topic != PROGRESS_TOPIC:
            continue
        parsed = orjson.loads(state)
        whole = dict(parsed)
        whole["timestamp"] = {**parsed["timestamp"]}
        whole["timestamp"]["_data_"] = whole["timestamp"]["_data_"][:19] + "+00:00"
        more.append((position, originator_id, version, topic, orjson.dumps(whole)))
        undated = {**parsed, "stamp": {"_type_": "stamp", "_data_": {**parsed["stamp"]["_data_"]}}}
        undated["stamp"]["_data_"]["effective_date"] = None
        more.append((position, originator_id, version, topic, orjson.dumps(undated)))
        more.append((position, originator_id, version, topic, orjson.dumps({**parsed, "x": 1})))
        older = orjson.dumps({**parsed, "class_version": 1})
        more.append((position, originator_id, version, topic, older))
    return more


def test_a_column_missing_from_a_document_is_written_as_null() -> None:
    task = {"id": "t1", "title": "Đường giao thông", "status": "open"}  # no area, phase, …
    written = rebuild._view_rows([("v_tasks", "t1", 3, None, task)])
    columns, rows = written["v_tasks" + SHADOW]
    row = dict(zip(columns, rows[0], strict=True))
    assert row["status"] == "open"
    assert row["area"] is None
    assert row["lead_unit_id"] is None
    assert (row["id"], row["pos_from"], row["pos_to"]) == ("t1", 3, None)
    assert orjson.loads(row["doc"]) == task


def test_the_progress_shortcut_folds_as_the_event_objects_do(ledger: Ledger) -> None:
    """The bulk pass reads progress reports straight from their stored JSON: the same rows,
    versions and history entries as through the event objects, and only for the plain shape."""
    record_commune(ledger)
    notes = ledger.recorder.select_notifications(start=1, limit=100_000)
    rows = [(n.id, n.originator_id, n.originator_version, n.topic, n.state) for n in notes]
    rows += _variants(rows)
    assert shortcut_holds()
    decoded = FastDecoder(ledger.mapper).decode_bulk(rows, True)
    reports = [d for d in decoded if isinstance(d, ProgressReport)]
    progress_rows = [r for r in rows if r[3] == PROGRESS_TOPIC]
    assert len(reports) == len(progress_rows) * 3 // 5  # the originals and two variants
    assert any(r.effective_date for r in reports)
    assert any(not r.effective_date for r in reports)
    assert any(r.recorded_at.endswith(".000000+00:00") for r in reports)

    expected = [
        cast(
            LedgerAggregate.Event,
            ledger.mapper.to_domain_event(
                StoredEvent(originator_id=i, originator_version=v, topic=t, state=s)
            ),
        )
        for _, i, v, t, s in rows
    ]
    by_objects, by_shortcut = FoldBuffer(), FoldBuffer()
    entries: tuple[list[HistoryEntry], list[HistoryEntry]] = ([], [])
    versions: tuple[list[Any], list[Any]] = ([], [])
    for position, (event, quick) in enumerate(zip(expected, decoded, strict=True), start=1):
        by_objects.position = by_shortcut.position = position
        touched = fold_event(event, by_objects)
        entries[0].append(history_entry(event, position, touched))
        if isinstance(quick, ProgressReport):
            touched = fold_report(quick, by_shortcut)
            entries[1].append(report_history_entry(quick, position, touched))
        else:
            touched = fold_event(quick, by_shortcut)
            entries[1].append(history_entry(quick, position, touched))
        versions[0].extend(by_objects.drain())
        versions[1].extend(by_shortcut.drain())
    assert entries[0] == entries[1]
    assert typed(entries[0]) == typed(entries[1])
    assert versions[0] == versions[1]
    assert by_objects.open_versions() == by_shortcut.open_versions()


def killing(name: str) -> tuple[Callable[[int, int], None], list[str]]:
    """A progress callback that kills the rebuild's child process `name` after the first
    batch, and the names of what it killed."""
    killed: list[str] = []

    def after_each_batch(done: int, total: int) -> None:
        if done and not killed:
            for child in multiprocessing.active_children():
                if child.name == name:
                    child.kill()
                    child.join()
                    killed.append(name)

    return after_each_batch, killed


def test_a_rebuild_whose_process_stops_fails_and_leaves_the_views(ledger: Ledger) -> None:
    """Killing the history process mid-rebuild: a typed error, the live views as they were,
    and the next rebuild succeeds."""
    record_commune(ledger)
    with ledger.reading() as sql:
        digest = views_digest(sql)
    progress, killed = killing("rebuild-history")
    with pytest.raises(HelperFailed):
        rebuild_views(ledger, batch=7, helper=True, progress=progress)
    assert killed == ["rebuild-history"]
    with ledger.reading() as sql:
        assert views_digest(sql) == digest
    rebuild_views(ledger, batch=50, helper=True)
    with ledger.reading() as sql:
        assert views_digest(sql) == digest


def test_a_handler_reaching_the_other_process_view_stops_the_rebuild(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history process folds the reports' rows: a handler of the fold's process that reads
    one (here the task-completed handler, wrapped) stops the rebuild with a typed error rather
    than folding without it, and the live views stay as they were."""
    record_commune(ledger)
    with ledger.reading() as sql:
        digest = views_digest(sql)
    completed = HANDLERS[Task.TaskCompleted]

    def reading_a_report(e: Task.TaskCompleted, store: ViewStore) -> Touched:
        store.get(PROGRESS_REPORTS, report_id(str(e.originator_id), 2))
        return completed(e, store)

    event: type[LedgerAggregate.Event] = Task.TaskCompleted
    monkeypatch.setitem(HANDLERS, event, reading_a_report)
    with pytest.raises(SplitBroken, match="v_progress_reports"):
        rebuild_views(ledger, batch=7, helper=True)
    with ledger.reading() as sql:
        assert views_digest(sql) == digest
    rebuild_views(ledger, batch=7, helper=False)  # in one process, nothing is split
    with ledger.reading() as sql:
        assert views_digest(sql) == digest


def test_socai_rebuild_says_when_a_process_stopped(
    commanded: Ledger, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with commanded.reading() as sql:
        digest = views_digest(sql)
    started = rebuild._HistoryHelper.__enter__

    def started_then_killed(helper: Any) -> Any:
        entered = started(helper)
        helper._process.kill()
        helper._process.join()
        return entered

    monkeypatch.setattr(rebuild._HistoryHelper, "__enter__", started_then_killed)
    monkeypatch.setattr(rebuild, "HELPER_EVENTS", 1)  # a second process even for a small log
    assert main(["rebuild"]) == 1
    _, err = capsys.readouterr()
    assert "rebuild stopped: the history process" in err
    assert "the views are as they were" in err
    with commanded.reading() as sql:
        assert views_digest(sql) == digest
