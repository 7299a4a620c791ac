"""A receiver's own checks of what it got, written from the README alone (no project code):
the ledger leaf of a CloudEvent, and RFC 9162 inclusion verification."""

from __future__ import annotations

import base64
import hashlib
import struct
import uuid
from collections.abc import Sequence
from typing import Any


def record_of(event: dict[str, Any]) -> bytes:
    """u64(position) ‖ stream id (16 bytes) ‖ u64(version) ‖ u32 len ‖ topic ‖ u32 len ‖ state."""
    topic = str(event["socaitopic"]).encode()
    state = base64.b64decode(event["socaistate"], validate=True)
    return (
        struct.pack(">Q", int(event["sequence"]))
        + uuid.UUID(event["subject"]).bytes
        + struct.pack(">Q", event["socaiversion"])
        + struct.pack(">I", len(topic))
        + topic
        + struct.pack(">I", len(state))
        + state
    )


def leaf_of(event: dict[str, Any]) -> bytes:
    return hashlib.sha256(b"\x00" + record_of(event)).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def included(leaf: bytes, index: int, size: int, path: Sequence[bytes], root: bytes) -> bool:
    """RFC 9162 §2.1.3.2: the root computed from the leaf and its audit path is `root`."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            r = _node(p, r)
            if fn % 2 == 0:
                while fn % 2 == 0 and fn != 0:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = _node(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def tampered(event: dict[str, Any]) -> dict[str, Any]:
    """The event with one byte of its stored state changed."""
    state = bytearray(base64.b64decode(event["socaistate"]))
    state[len(state) // 2] ^= 0x01
    return {**event, "socaistate": base64.b64encode(bytes(state)).decode()}
