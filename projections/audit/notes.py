"""Signed checkpoints: C2SP tlog-checkpoint text inside a C2SP signed note, signed with Ed25519.

    socai.nghi-duong            origin (also the key name)
    1000                        tree size
    <base64 root hash>
                                blank line
    — socai.nghi-duong <base64(key id (4 bytes) ‖ Ed25519 signature)>

key id = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]. The keys are written in the
signed-note key formats: `<name>+<hex key id>+<base64(0x01 ‖ public key)>` for the verifier key
an auditor pins, and `PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 ‖ seed)>` in the key file.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519 = b"\x01"
_NAME = re.compile(r"^[^\s+]+$")
_SIZE = re.compile(r"^(0|[1-9][0-9]{0,18})$")


class NoteError(ValueError):
    """A note, key or checkpoint that is malformed or does not verify."""


def check_key_name(name: str) -> str:
    if not _NAME.match(name) or any(ord(c) < 0x20 for c in name):
        raise NoteError(f"key name {name!r}: non-empty, without spaces or '+'")
    return name


def key_id(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + public_key).digest()[:4]


def _b64decode(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise NoteError(f"{what} is not base64") from None


@dataclass(frozen=True)
class Verifier:
    name: str
    public_key: bytes

    @property
    def key_id(self) -> bytes:
        return key_id(self.name, self.public_key)

    def __str__(self) -> str:
        encoded = base64.b64encode(ED25519 + self.public_key).decode()
        return f"{self.name}+{self.key_id.hex()}+{encoded}"

    @classmethod
    def parse(cls, text: str) -> Verifier:
        parts = text.strip().split("+", 2)
        if len(parts) != 3:
            raise NoteError("a verifier key looks like <name>+<key id hex>+<base64 key>")
        name, hex_id, encoded = parts
        check_key_name(name)
        raw = _b64decode(encoded, "the verifier key")
        if len(raw) != 33 or raw[:1] != ED25519:
            raise NoteError("the verifier key is not an Ed25519 signed-note key")
        verifier = cls(name, raw[1:])
        if hex_id.lower() != verifier.key_id.hex():
            raise NoteError("the verifier key's id does not match its name and key")
        return verifier

    def verify(self, signature: bytes, message: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(signature, message)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True)
class Signer:
    name: str
    private_key: Ed25519PrivateKey

    @classmethod
    def generate(cls, name: str) -> Signer:
        return cls(check_key_name(name), Ed25519PrivateKey.generate())

    @property
    def verifier(self) -> Verifier:
        raw = self.private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return Verifier(self.name, raw)

    def encode(self) -> str:
        seed = self.private_key.private_bytes_raw()
        encoded = base64.b64encode(ED25519 + seed).decode()
        return f"PRIVATE+KEY+{self.name}+{self.verifier.key_id.hex()}+{encoded}"

    @classmethod
    def parse(cls, text: str) -> Signer:
        parts = text.strip().split("+", 4)
        if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
            raise NoteError("a key file holds PRIVATE+KEY+<name>+<key id hex>+<base64 key>")
        name, hex_id, encoded = parts[2:]
        raw = _b64decode(encoded, "the private key")
        if len(raw) != 33 or raw[:1] != ED25519:
            raise NoteError("the key file does not hold an Ed25519 signed-note key")
        signer = cls(check_key_name(name), Ed25519PrivateKey.from_private_bytes(raw[1:]))
        if hex_id.lower() != signer.verifier.key_id.hex():
            raise NoteError("the key file's key id does not match its key")
        return signer

    def sign(self, text: str) -> str:
        """The signed note: the text (ending in a newline), a blank line, one signature line."""
        if not text.endswith("\n"):
            raise NoteError("a note's text ends with a newline")
        signature = self.private_key.sign(text.encode())
        encoded = base64.b64encode(self.verifier.key_id + signature).decode()
        return f"{text}\n— {self.name} {encoded}\n"


def open_note(note: str, verifier: Verifier) -> str:
    """The note's text if a signature by `verifier` is on it and verifies; NoteError otherwise.

    Signatures by other keys are ignored (signed-note: a verifier MUST ignore unknown keys)."""
    if any(ord(c) < 0x20 and c != "\n" for c in note):
        raise NoteError("the note holds control characters")
    text, sep, signatures = note.rpartition("\n\n")
    if not sep or not signatures.endswith("\n"):
        raise NoteError("the note has no signature block")
    text += "\n"
    found = False
    for line in signatures[:-1].split("\n"):
        prefix, _, rest = line.partition(" ")
        name, _, encoded = rest.partition(" ")
        if prefix != "—" or not name or not encoded:
            raise NoteError(f"malformed signature line {line[:60]!r}")
        raw = _b64decode(encoded, "a signature")
        if len(raw) < 5:
            raise NoteError("a signature is too short")
        if name != verifier.name or raw[:4] != verifier.key_id:
            continue
        if not verifier.verify(raw[4:], text.encode()):
            raise NoteError(f"the signature by {name} does not verify")
        found = True
    if not found:
        raise NoteError(f"no signature by the pinned key {verifier.name}+{verifier.key_id.hex()}")
    return text


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    def text(self) -> str:
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        lines = text.split("\n")
        if len(lines) < 4 or lines[-1] != "" or any(line == "" for line in lines[:-1]):
            raise NoteError("a checkpoint is at least three non-empty lines, each ending in \\n")
        origin, size, root = lines[:3]
        if not _SIZE.match(size):
            raise NoteError(f"tree size {size[:30]!r} is not a decimal number")
        raw = _b64decode(root, "the root hash")
        if len(raw) != 32:
            raise NoteError("the root hash is not 32 bytes")
        return cls(origin, int(size), raw)


def open_checkpoint(note: str, verifier: Verifier) -> Checkpoint:
    checkpoint = Checkpoint.parse(open_note(note, verifier))
    if checkpoint.origin != verifier.name:
        raise NoteError(f"the checkpoint's origin {checkpoint.origin!r} is not the pinned key's")
    return checkpoint


def public_key_path(key_file: Path) -> Path:
    return key_file.with_name(key_file.name + ".pub")


def create_key_file(key_file: Path, name: str) -> tuple[Signer, bool]:
    """The signer in `key_file`, made (mode 0600) if missing; also writes `<key file>.pub`.
    Returns the signer and whether it was created now."""
    created = False
    if key_file.exists():
        signer = load_signer(key_file)
    else:
        signer = Signer.generate(name)
        key_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(signer.encode() + "\n")
        created = True
    public = public_key_path(key_file)
    line = f"{signer.verifier}\n"
    if not public.exists() or public.read_text(encoding="utf-8") != line:
        public.write_text(line, encoding="utf-8")
    return signer, created


def load_signer(key_file: Path) -> Signer:
    try:
        text = key_file.read_text(encoding="ascii")
    except FileNotFoundError:
        raise NoteError(f"no signing key at {key_file}: run `socai init`") from None
    except (OSError, UnicodeDecodeError) as error:
        raise NoteError(f"cannot read the signing key {key_file}: {error}") from None
    return Signer.parse(text)


def load_verifier(path: Path) -> Verifier:
    try:
        return Verifier.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NoteError(f"no public key at {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise NoteError(f"cannot read the public key {path}: {error}") from None
