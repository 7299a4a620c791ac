"""The persons' keys, in a table of their own beside the log. Erasing a person deletes the key
(a tombstone row remains, so that no new key is made for a forgotten person); the row is
erased in the same transaction that records PersonalDataErased."""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from uuid import UUID

from domain.base import LedgerAggregate
from domain.personal import Person, PersonForgotten, Sealed
from projections.fold import check
from projections.storage import DDL_PROVIDERS, Sql


def _ddl(dialect: str, table: Callable[[str], str]) -> list[str]:
    return [
        f"CREATE TABLE IF NOT EXISTS {table('personal_keys')} (person_id TEXT PRIMARY KEY, "
        "key TEXT, created_at TEXT NOT NULL, erased_at TEXT)"
    ]


DDL_PROVIDERS.append(_ddl)


def _now() -> str:
    return datetime.now(UTC).isoformat()


def key_for_sealing(sql: Sql, person_id: UUID) -> bytes:
    """The person's key, made on first use; a forgotten person gets none."""
    t = sql.table("personal_keys")
    sql.execute(
        f"INSERT INTO {t} (person_id, key, created_at) VALUES (?, ?, ?) "
        "ON CONFLICT (person_id) DO NOTHING",
        (str(person_id), os.urandom(32).hex(), _now()),
    )
    row = sql.one(f"SELECT key FROM {t} WHERE person_id = ?", (str(person_id),))
    if row is None or row["key"] is None:
        raise PersonForgotten(f"the personal data of person {person_id} was erased")
    return bytes.fromhex(row["key"])


def keys_for(sql: Sql, person_ids: Iterable[str]) -> dict[str, bytes | None]:
    """Each person's key, or None once erased (or never made)."""
    ids = sorted(set(person_ids))
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = sql.all(
        f"SELECT person_id, key FROM {sql.table('personal_keys')} WHERE person_id IN ({marks})",
        ids,
    )
    found = {r["person_id"]: bytes.fromhex(r["key"]) if r["key"] else None for r in rows}
    return {i: found.get(i) for i in ids}


def erase_key(sql: Sql, person_id: UUID) -> None:
    sql.execute(
        f"INSERT INTO {sql.table('personal_keys')} (person_id, key, created_at, erased_at) "
        "VALUES (?, NULL, ?, ?) ON CONFLICT (person_id) DO UPDATE SET key = NULL, "
        "erased_at = excluded.erased_at",
        (str(person_id), _now(), _now()),
    )


@check
def _erase_with_the_event(sql: Sql, events: Sequence[LedgerAggregate.Event]) -> None:
    """Inside the transaction that records the erasure, so that neither happens alone."""
    for event in events:
        if isinstance(event, Person.PersonalDataErased):
            erase_key(sql, event.originator_id)


class KeyRing:
    def __init__(self, writing: Callable[[], AbstractContextManager[Sql]]) -> None:
        self._writing = writing

    def _key(self, person_id: UUID) -> bytes:
        with self._writing() as sql:
            return key_for_sealing(sql, person_id)

    def seal(self, person_id: UUID, field: str, plaintext: str) -> Sealed:
        return Sealed.seal(self._key(person_id), person_id, field, plaintext)

    def open(self, sealed: Sealed) -> str | None:
        """A sealed field's plaintext, for a rule that compares it; None once erased."""
        with self._writing() as sql:
            key = keys_for(sql, [str(sealed.person_id)]).get(str(sealed.person_id))
        return sealed.open(key) if key else None

    def fingerprint(self, person_id: UUID, field: str, plaintext: str) -> str:
        """What the idempotency check hashes instead of the plaintext: keyed by the person's
        key, so that once the key is erased the stored request hash says nothing about them."""
        digest = hmac.new(self._key(person_id), f"{field}:{plaintext}".encode(), hashlib.sha256)
        return digest.hexdigest()


def sealed_in(value: object) -> Iterator[Sealed]:
    """Every sealed field inside plain (JSON) data."""
    found = Sealed.from_json(value)
    if found is not None:
        yield found
    elif isinstance(value, dict):
        for item in value.values():
            yield from sealed_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from sealed_in(item)
