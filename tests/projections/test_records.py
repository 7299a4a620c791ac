"""The canonical bytes of a stored record, and its leaf hash."""

from __future__ import annotations

import hashlib
import struct
import uuid

import pytest

from projections.audit.records import MalformedRecord, canonical_record, record_leaf_hash

STREAM = uuid.UUID("6f1c7c1e-95b6-4d0e-9f53-1a2b3c4d5e6f")


def test_the_record_is_fixed_fields_then_length_prefixed_ones() -> None:
    record = canonical_record(7, STREAM, 3, "domain.unit:Unit.UnitRenamed", b'{"name":"x"}')
    topic = b"domain.unit:Unit.UnitRenamed"
    state = b'{"name":"x"}'
    assert record == (
        struct.pack(">Q", 7)
        + STREAM.bytes
        + struct.pack(">Q", 3)
        + struct.pack(">I", len(topic))
        + topic
        + struct.pack(">I", len(state))
        + state
    )
    assert record_leaf_hash(7, STREAM, 3, "domain.unit:Unit.UnitRenamed", state) == (
        hashlib.sha256(b"\x00" + record).digest()
    )


def test_both_backends_stream_ids_give_the_same_leaf() -> None:
    as_uuid = record_leaf_hash(1, STREAM, 1, "t", b"s")
    assert record_leaf_hash(1, STREAM.hex, 1, "t", b"s") == as_uuid  # SQLite's hex text
    assert record_leaf_hash(1, STREAM, 1, "t", memoryview(b"s")) == as_uuid


def test_every_field_counts() -> None:
    base = record_leaf_hash(1, STREAM, 1, "t", b"s")
    others = [
        record_leaf_hash(2, STREAM, 1, "t", b"s"),
        record_leaf_hash(1, uuid.uuid4(), 1, "t", b"s"),
        record_leaf_hash(1, STREAM, 2, "t", b"s"),
        record_leaf_hash(1, STREAM, 1, "u", b"s"),
        record_leaf_hash(1, STREAM, 1, "t", b"S"),
        record_leaf_hash(1, STREAM, 1, "ts", b""),  # moving bytes between fields changes it
    ]
    assert len({base, *others}) == len(others) + 1


@pytest.mark.parametrize(
    ("position", "stream", "version", "topic", "state"),
    [
        (1, "not-a-uuid", 1, "t", b"s"),
        (1, "0" * 31 + " ", 1, "t", b"s"),
        (1, STREAM.hex.upper(), 1, "t", b"s"),
        (1, str(STREAM), 1, "t", b"s"),
        (-1, STREAM, 1, "t", b"s"),
        (1, STREAM, 1, None, b"s"),
        (1, STREAM, 1, "t", 5),
    ],
)
def test_malformed_rows_are_named(
    position: int, stream: object, version: int, topic: str, state: object
) -> None:
    with pytest.raises(MalformedRecord):
        record_leaf_hash(position, stream, version, topic, state)
