"""The canonical bytes of a stored event record: what a leaf of the ledger's Merkle tree hashes.

    record = u64(position) ‖ stream id (16 bytes) ‖ u64(version)
             ‖ u32(len(topic)) ‖ topic (UTF-8) ‖ u32(len(state)) ‖ state
    leaf   = SHA-256(0x00 ‖ record)

Integers are unsigned big-endian. The position is the notification id the log gave the event;
the stream id is the originator's UUID as its 16 bytes (SQLite stores it as hex text,
PostgreSQL as uuid: both give the same bytes, so one log has one root on either backend);
the state is hashed exactly as stored, encrypted fields included. Fixed-width fields first and
length prefixes on the two variable ones make the encoding unambiguous.
"""

from __future__ import annotations

import hashlib
import re
import struct
from typing import Any
from uuid import UUID

_HEAD = struct.Struct(">BQ16sQI")  # the leaf prefix 0x00, position, stream, version, len(topic)
_LENGTH = struct.Struct(">I")
_MAX_FIELD = 2**32 - 1
_HEX_ID = re.compile(r"[0-9a-f]{32}")
_sha256 = hashlib.sha256
_pack_head = _HEAD.pack
_pack_length = _LENGTH.pack


class MalformedRecord(ValueError):
    """A stored row that cannot be a record: a stream id that is no UUID, a field too long."""


def stream_bytes(originator_id: Any) -> bytes:
    """A UUID (PostgreSQL's uuid, as an object or its 16 bytes), or the 32 lowercase hex
    digits SQLite stores: nothing else, since a differently written id would hash alike but no
    longer load with its stream. (SQLite reads give text only; see `stream_column`.)"""
    if isinstance(originator_id, UUID):
        return originator_id.bytes
    if isinstance(originator_id, bytes) and len(originator_id) == 16:
        return originator_id
    if isinstance(originator_id, str) and _HEX_ID.fullmatch(originator_id):
        return bytes.fromhex(originator_id)
    raise MalformedRecord(f"stream id {str(originator_id)[:40]!r} is not a stored UUID")


def _state_bytes(state: Any) -> bytes:
    if isinstance(state, bytes):
        return state
    if isinstance(state, memoryview | bytearray):
        return bytes(state)
    if isinstance(state, str):  # a row rewritten by hand as text
        return state.encode()
    raise MalformedRecord(f"state of type {type(state).__name__} is not bytes")


def _prefixed(
    position: int, originator_id: Any, version: int, topic: str, state: Any
) -> tuple[bytes, bytes, bytes]:
    topic_bytes = topic.encode() if isinstance(topic, str) else b""
    data = _state_bytes(state)
    if len(topic_bytes) > _MAX_FIELD or len(data) > _MAX_FIELD:
        raise MalformedRecord("a field is longer than 2**32 - 1 bytes")
    if not isinstance(topic, str):
        raise MalformedRecord("topic is not text")
    try:
        head = _HEAD.pack(0, position, stream_bytes(originator_id), version, len(topic_bytes))
    except struct.error as error:
        raise MalformedRecord(f"position or version out of range: {error}") from None
    return head, topic_bytes, _LENGTH.pack(len(data)) + data


def canonical_record(
    position: int, originator_id: Any, version: int, topic: str, state: Any
) -> bytes:
    head, topic_bytes, rest = _prefixed(position, originator_id, version, topic, state)
    return head[1:] + topic_bytes + rest


def record_leaf_hash(
    position: int, originator_id: Any, version: int, topic: str, state: Any
) -> bytes:
    """SHA-256(0x00 ‖ record). The first branch is the common case made fast (`socai verify`
    hashes every event); anything unusual takes the checked path, which hashes the same bytes
    or names what is malformed."""
    try:
        if type(originator_id) is str:
            stream = bytes.fromhex(originator_id)
            exact = stream.hex() == originator_id
        elif type(originator_id) is bytes:  # PostgreSQL's uuid read in binary
            stream, exact = originator_id, True
        else:
            stream = originator_id.bytes
            exact = True
        encoded = topic.encode()
        if exact and len(stream) == 16 and type(state) is bytes:
            return _sha256(
                _pack_head(0, position, stream, version, len(encoded))
                + encoded
                + _pack_length(len(state))
                + state
            ).digest()
    except (ValueError, AttributeError, struct.error):
        pass
    head, topic_bytes, rest = _prefixed(position, originator_id, version, topic, state)
    return hashlib.sha256(head + topic_bytes + rest).digest()


def stream_column(dialect: str) -> str:
    """The stream id as a reader must select it: on SQLite only text counts (a value rewritten
    as a BLOB becomes NULL, which is malformed), so bytes can only come from PostgreSQL."""
    if dialect == "sqlite":
        return "CASE WHEN typeof(originator_id) = 'text' THEN originator_id END"
    return "originator_id"


def position_column(dialect: str) -> str:
    """The log position in the library's events table: SQLite's rowid, PostgreSQL's
    notification id."""
    return "rowid" if dialect == "sqlite" else "notification_id"
