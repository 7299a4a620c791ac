"""`socai verify` against a store tampered with directly in SQL, on both backends: each change
is found at the position where it was made."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest

import cli
from domain.application import Ledger
from domain.authority import SYSTEM
from domain.keyring import keys_for
from projections.audit import tree
from projections.audit.notes import Checkpoint, Signer, open_checkpoint
from projections.audit.verify import Outcome, verify
from projections.storage import Database
from tests.conftest import request_as
from tests.integration.commune import SIGNER, discipline_a_member, follower, record_commune


class RawStore:
    """The database as someone with full access sees it, bypassing the application."""

    def __init__(self, ledger: Ledger) -> None:
        database = ledger.database
        self.sqlite = database.backend == "sqlite"
        if self.sqlite:
            self.conn: Any = sqlite3.connect(database.path, isolation_level=None)
            self.events, self.pos = ledger.store.events_table_name, "rowid"
            self.schema = ""
        else:
            self.conn = psycopg.connect(database.admin_conninfo(), autocommit=True)
            self.schema = f'"{database.schema}".'
            self.events, self.pos = self.schema + ledger.store.events_table_name, "notification_id"

    def table(self, name: str) -> str:
        return self.schema + name

    def run(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if not self.sqlite:
            statement = statement.replace("?", "%s")
        cursor = self.conn.execute(statement, params)
        return list(cursor.fetchall()) if cursor.description else []

    def positions(self) -> list[int]:
        return [r[0] for r in self.run(f"SELECT {self.pos} FROM {self.events} ORDER BY 1")]

    def row(self, position: int) -> tuple[Any, ...]:
        [found] = self.run(
            f"SELECT originator_id, originator_version, topic, state FROM {self.events} "
            f"WHERE {self.pos} = ?",
            (position,),
        )
        return found

    def rewrite(self, position: int, row: tuple[Any, ...]) -> None:
        self.run(
            f"UPDATE {self.events} SET originator_id = ?, originator_version = ?, topic = ?, "
            f"state = ? WHERE {self.pos} = ?",
            (*row, position),
        )

    def shift_up_from(self, position: int) -> None:
        """Moves every event at or after `position` one place on, leaving `position` free."""
        big = 10**9
        self.run(f"UPDATE {self.events} SET {self.pos} = {self.pos} + ? WHERE {self.pos} >= ?",
                 (big, position))  # fmt: skip
        self.run(f"UPDATE {self.events} SET {self.pos} = {self.pos} - ? WHERE {self.pos} >= ?",
                 (big - 1, big))  # fmt: skip

    def insert(self, position: int, row: tuple[Any, ...]) -> None:
        self.run(
            f"INSERT INTO {self.events} ({self.pos}, originator_id, originator_version, topic, "
            "state) VALUES (?, ?, ?, ?, ?)",
            (position, *row),
        )

    def new_stream(self) -> Any:
        fresh = uuid.uuid4()
        return fresh.hex if self.sqlite else fresh

    def close(self) -> None:
        self.conn.close()


@pytest.fixture
def recorded(ledger: Ledger) -> Iterator[tuple[Ledger, RawStore, list[int]]]:
    """A commune recorded through commands, its tree caught up and signed to the end."""
    record_commune(ledger, villages=4, tasks_each=2)
    follower(ledger, every=10).catch_up(checkpoint=True)
    raw = RawStore(ledger)
    try:
        yield ledger, raw, raw.positions()
    finally:
        raw.close()


def check(ledger: Ledger, kept: str | None = None) -> Outcome:
    return verify(ledger, SIGNER.verifier, kept)


def test_an_untouched_store_verifies(recorded: tuple[Ledger, RawStore, list[int]]) -> None:
    ledger, _, positions = recorded
    outcome = check(ledger)
    assert outcome.ok, outcome.line()
    n = len(positions)
    assert outcome.line() == f"verified {n} events up to checkpoint {n}"


def test_one_changed_byte_is_found_at_its_position(
    recorded: tuple[Ledger, RawStore, list[int]],
) -> None:
    ledger, raw, positions = recorded
    target = positions[len(positions) // 2]
    stream, version, topic, state = raw.row(target)
    changed = bytearray(state)
    changed[len(changed) // 2] ^= 0x01
    raw.rewrite(target, (stream, version, topic, bytes(changed)))
    outcome = check(ledger)
    assert not outcome.ok
    assert outcome.position == target, outcome.line()
    assert "not the one the ledger recorded" in outcome.problem


def test_a_deleted_event_is_found_at_its_position(
    recorded: tuple[Ledger, RawStore, list[int]],
) -> None:
    ledger, raw, positions = recorded
    target = positions[7]
    raw.run(f"DELETE FROM {raw.events} WHERE {raw.pos} = ?", (target,))
    outcome = check(ledger)
    assert not outcome.ok
    assert outcome.position == target, outcome.line()
    assert "missing from the log" in outcome.problem


def test_an_inserted_event_is_found_at_its_position(
    recorded: tuple[Ledger, RawStore, list[int]],
) -> None:
    ledger, raw, positions = recorded
    target = positions[-5]
    _, _, topic, state = raw.row(target)
    raw.shift_up_from(target)
    raw.insert(target, (raw.new_stream(), 1, topic, state))
    outcome = check(ledger)
    assert not outcome.ok
    assert outcome.position == target, outcome.line()


def test_two_swapped_events_are_found_at_the_first(
    recorded: tuple[Ledger, RawStore, list[int]],
) -> None:
    ledger, raw, positions = recorded
    first, second = positions[12], positions[20]
    a, b = raw.row(first), raw.row(second)
    raw.rewrite(first, (raw.new_stream(), 1, "placeholder", b""))
    raw.rewrite(second, a)
    raw.rewrite(first, b)
    outcome = check(ledger)
    assert not outcome.ok
    assert outcome.position == first, outcome.line()


def test_a_truncated_tail_is_found_where_it_was_cut(
    recorded: tuple[Ledger, RawStore, list[int]],
) -> None:
    ledger, raw, positions = recorded
    cut = positions[-3]
    raw.run(f"DELETE FROM {raw.events} WHERE {raw.pos} >= ?", (cut,))
    outcome = check(ledger)
    assert not outcome.ok
    assert outcome.position == cut, outcome.line()
    assert "missing from the log" in outcome.problem


def test_a_checkpoint_re_signed_with_another_key_is_refused(
    recorded: tuple[Ledger, RawStore, list[int]],
) -> None:
    ledger, raw, positions = recorded
    size = len(positions)
    [(note,)] = raw.run(
        f"SELECT note FROM {raw.table('ledger_checkpoints')} WHERE tree_size = ?", (size,)
    )
    checkpoint = open_checkpoint(note, SIGNER.verifier)
    impostor = Signer.generate(SIGNER.name)  # same name, another key
    forged = impostor.sign(checkpoint.text())
    raw.run(
        f"UPDATE {raw.table('ledger_checkpoints')} SET note = ? WHERE tree_size = ?",
        (forged, size),
    )
    outcome = check(ledger)
    assert not outcome.ok
    assert f"tree size {size}" in outcome.problem
    assert "no signature by the pinned key" in outcome.problem


def test_events_and_tree_rewritten_together_are_caught_between_checkpoints(
    recorded: tuple[Ledger, RawStore, list[int]],
) -> None:
    """Whoever rewrites the stored leaves and nodes too cannot re-sign: the range is named."""
    ledger, raw, positions = recorded
    target = positions[15]
    stream, version, topic, state = raw.row(target)
    raw.rewrite(target, (stream, version, topic, state + b" "))
    for name in ("ledger_leaves", "ledger_nodes", "ledger_follower"):
        raw.run(f"DELETE FROM {raw.table(name)}")
    follower(ledger, signer=None).catch_up()  # rebuilds the tree, cannot sign
    outcome = check(ledger)
    assert not outcome.ok
    with ledger.reading() as sql:
        before = [r for r in tree.list_checkpoints(sql, first=100) if r["tree_size"] <= 15]
    assert outcome.position == before[-1]["position"] + 1, outcome.line()
    assert "rewritten" in outcome.problem


def test_a_kept_checkpoint_catches_a_log_rewritten_and_re_signed_with_the_key(
    recorded: tuple[Ledger, RawStore, list[int]],
) -> None:
    """Someone who also holds the signing key can re-sign a rewritten log: only a checkpoint
    kept outside the database shows it."""
    ledger, raw, positions = recorded
    with ledger.reading() as sql:
        latest = tree.latest_checkpoint(sql)
    assert latest is not None
    kept = str(latest["note"])
    assert check(ledger, kept).ok
    target = positions[3]
    stream, version, topic, state = raw.row(target)
    raw.rewrite(target, (stream, version, topic, state + b" "))
    for name in ("ledger_leaves", "ledger_nodes", "ledger_follower", "ledger_checkpoints"):
        raw.run(f"DELETE FROM {raw.table(name)}")
    follower(ledger).catch_up(checkpoint=True)
    assert check(ledger).ok  # consistent with itself
    outcome = check(ledger, kept)
    assert not outcome.ok
    assert "fork" in outcome.problem


def test_a_kept_checkpoint_longer_than_the_log_is_a_truncation(
    recorded: tuple[Ledger, RawStore, list[int]],
) -> None:
    ledger, raw, positions = recorded
    with ledger.reading() as sql:
        latest = tree.latest_checkpoint(sql)
    assert latest is not None
    kept = str(latest["note"])
    raw.run(f"DELETE FROM {raw.events} WHERE {raw.pos} > ?", (positions[-4],))
    for name in ("ledger_leaves", "ledger_nodes", "ledger_follower", "ledger_checkpoints"):
        raw.run(f"DELETE FROM {raw.table(name)}")
    follower(ledger).catch_up(checkpoint=True)
    outcome = check(ledger, kept)
    assert not outcome.ok
    assert outcome.position == positions[-4] + 1, outcome.line()
    assert "the kept checkpoint covers" in outcome.problem


def test_a_kept_checkpoint_of_another_log_is_refused(
    recorded: tuple[Ledger, RawStore, list[int]],
) -> None:
    ledger, _, _ = recorded
    other = Signer.generate(SIGNER.name).sign(Checkpoint(SIGNER.name, 3, bytes(32)).text())
    outcome = check(ledger, other)
    assert not outcome.ok
    assert "the kept checkpoint" in outcome.problem


def test_no_checkpoint_yet_is_not_verified(ledger: Ledger) -> None:
    record_commune(ledger, villages=1)
    outcome = check(ledger)
    assert not outcome.ok
    assert "no signed checkpoint" in outcome.problem


def test_events_after_the_last_checkpoint_are_checked_against_the_tree(
    recorded: tuple[Ledger, RawStore, list[int]],
) -> None:
    ledger, raw, positions = recorded
    from tests.integration.commune import add_villages

    add_villages(ledger, range(10, 11), tasks_each=0)
    follower(ledger, every=1000).catch_up()
    outcome = check(ledger)
    assert outcome.ok, outcome.line()
    assert outcome.checkpoint == len(positions)
    assert outcome.events == len(raw.positions())
    last = raw.positions()[-1]
    stream, version, topic, state = raw.row(last)
    raw.rewrite(last, (stream, version, topic, state + b"!"))
    outcome = check(ledger)
    assert not outcome.ok
    assert outcome.position == last, outcome.line()
    assert "after the last signed checkpoint" in outcome.problem


def test_the_cli_creates_the_key_signs_and_verifies(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    key = tmp_path / "keys" / "socai.key"
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SOCAI_KEY_FILE", str(key))
    monkeypatch.setenv("SOCAI_LOG_ORIGIN", "socai.test-commune")
    assert cli.main(["init"]) == 0
    assert key.stat().st_mode & 0o777 == 0o600
    pinned = Path(f"{key}.pub").read_text(encoding="utf-8").strip()
    assert pinned.startswith("socai.test-commune+")
    assert cli.main(["verify"]) == 1  # nothing signed yet
    assert cli.main(["checkpoint"]) == 0
    capsys.readouterr()
    assert cli.main(["verify"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("verified ")
    ledger = Ledger(Database.from_url(database_url))
    try:
        with ledger.reading() as sql:
            latest = tree.latest_checkpoint(sql)
        assert latest is not None
        kept = tmp_path / "kept.note"
        kept.write_text(latest["note"], encoding="utf-8")
        assert cli.main(["verify", "--checkpoint", str(kept)]) == 0
        raw = RawStore(ledger)
        try:
            position = raw.positions()[4]
            stream, version, topic, state = raw.row(position)
            raw.rewrite(position, (stream, version, topic, state + b" "))
        finally:
            raw.close()
    finally:
        ledger.close()
    capsys.readouterr()
    assert cli.main(["verify"]) == 1
    assert capsys.readouterr().out.startswith(f"mismatch at position {position}:")
    stranger = tmp_path / "stranger.pub"
    stranger.write_text(f"{Signer.generate('socai.test-commune').verifier}\n", encoding="utf-8")
    assert cli.main(["verify", "--public-key", str(stranger)]) == 1
    assert cli.main(["verify", "--public-key", str(tmp_path / "missing.pub")]) == 2


def test_a_stream_id_written_another_way_is_found(
    recorded: tuple[Ledger, RawStore, list[int]],
) -> None:
    """On SQLite the id is text: the same UUID in capitals, or as a BLOB, would hash alike if
    read loosely, yet the event would no longer load with its stream."""
    ledger, raw, positions = recorded
    target = positions[9]
    stream, version, topic, state = raw.row(target)
    if raw.sqlite:
        changed: Any = stream.upper()
        blob_target = positions[11]
        raw.run(
            f"UPDATE {raw.events} SET originator_id = ? WHERE {raw.pos} = ?",
            (bytes.fromhex(raw.row(blob_target)[0]), blob_target),
        )
    else:
        changed = raw.new_stream()
    raw.rewrite(target, (changed, version, topic, state))
    outcome = check(ledger)
    assert not outcome.ok
    assert outcome.position == target, outcome.line()


def test_the_log_still_verifies_after_a_person_is_forgotten(ledger: Ledger) -> None:
    """Forgetting deletes a key beside the log; the sealed events, and so every leaf and every
    signed root over them, stay as they were."""
    record_commune(ledger, villages=1, tasks_each=1)
    shortcoming = discipline_a_member(
        ledger, "thon-1", "Lê Thị Hoa", "Không báo cáo", "QĐ 9-QĐ/UBKT", date(2026, 8, 1)
    )
    follower(ledger, every=5).catch_up(checkpoint=True)
    signed = check(ledger)
    assert signed.ok, signed.line()
    person = ledger.shortcoming(shortcoming).discipline_person(1)
    assert person is not None
    ledger.forget_person(request_as(SYSTEM, "forget"), person_id=person)
    with ledger.reading() as sql:
        assert keys_for(sql, [str(person)]) == {str(person): None}
    unsigned = check(ledger)
    assert unsigned.ok, unsigned.line()
    assert (unsigned.events, unsigned.checkpoint) == (signed.events + 1, signed.checkpoint)
    follower(ledger, every=5).catch_up(checkpoint=True)
    after = check(ledger)
    assert after.ok, after.line()
    assert (after.events, after.checkpoint) == (signed.events + 1, signed.events + 1)
