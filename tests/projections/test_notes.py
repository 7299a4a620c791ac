"""Signed notes and checkpoints against the published vectors of the signed-note format (the Go
sumdb note package's PeterNeumann key and C2SP's example), and the key files."""

from __future__ import annotations

import base64
import hashlib
import stat
from pathlib import Path

import pytest

from projections.audit.notes import (
    Checkpoint,
    NoteError,
    Signer,
    Verifier,
    create_key_file,
    key_id,
    load_signer,
    load_verifier,
    open_checkpoint,
    open_note,
    public_key_path,
)

PETER_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
PETER_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
PETER_TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
PETER_NOTE = (
    PETER_TEXT + "\n— PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)
C2SP_VERIFIER = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
C2SP_NOTE = (
    "This is an example message.\n\n— example.com/foo "
    "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"
)


def test_the_published_key_pair_round_trips_and_signs_the_published_note() -> None:
    signer = Signer.parse(PETER_SIGNER)
    assert signer.encode() == PETER_SIGNER
    assert str(signer.verifier) == PETER_VERIFIER
    assert signer.sign(PETER_TEXT) == PETER_NOTE  # Ed25519 is deterministic
    assert open_note(PETER_NOTE, Verifier.parse(PETER_VERIFIER)) == PETER_TEXT


def test_the_c2sp_example_note_opens() -> None:
    verifier = Verifier.parse(C2SP_VERIFIER)
    assert str(verifier) == C2SP_VERIFIER
    assert open_note(C2SP_NOTE, verifier) == "This is an example message.\n"


def test_the_key_id_is_the_hash_of_name_type_and_key() -> None:
    verifier = Verifier.parse(PETER_VERIFIER)
    expected = hashlib.sha256(b"PeterNeumann\n\x01" + verifier.public_key).digest()[:4]
    assert key_id("PeterNeumann", verifier.public_key) == expected == bytes.fromhex("c74f20a3")


def test_altered_notes_and_other_keys_are_refused() -> None:
    verifier = Verifier.parse(PETER_VERIFIER)
    with pytest.raises(NoteError, match="does not verify"):
        open_note(PETER_NOTE.replace("cryptography", "cryptographY"), verifier)
    with pytest.raises(NoteError, match="no signature by the pinned key"):
        open_note(C2SP_NOTE, verifier)
    with pytest.raises(NoteError, match="no signature block"):
        open_note(PETER_TEXT, verifier)
    # Signatures by unknown keys are ignored beside a good one.
    other = Signer.generate("someone.else").sign(PETER_TEXT).split("\n\n")[1]
    assert open_note(PETER_NOTE + other, verifier) == PETER_TEXT


@pytest.mark.parametrize(
    "bad",
    [
        PETER_VERIFIER.replace("c74f20a3", "c74f20a4"),
        PETER_VERIFIER.replace("+ARpc", "+AZpc"),
        PETER_VERIFIER[:-4],
        "PeterNeumann+c74f20a3",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
    ],
)
def test_malformed_verifier_keys_are_refused(bad: str) -> None:
    with pytest.raises(NoteError):
        Verifier.parse(bad)


def test_a_checkpoint_is_origin_size_and_root_signed() -> None:
    signer = Signer.generate("socai.test")
    root = hashlib.sha256(b"root").digest()
    text = Checkpoint("socai.test", 1234, root).text()
    assert text == f"socai.test\n1234\n{base64.b64encode(root).decode()}\n"
    note = signer.sign(text)
    assert note.startswith(text + "\n— socai.test ")
    raw = base64.b64decode(note.rsplit(" ", 1)[1])
    assert raw[:4] == signer.verifier.key_id
    assert len(raw) == 68
    assert open_checkpoint(note, signer.verifier) == Checkpoint("socai.test", 1234, root)
    elsewhere = signer.sign(Checkpoint("elsewhere", 1, root).text())
    with pytest.raises(NoteError, match="origin"):
        open_checkpoint(elsewhere, signer.verifier)


@pytest.mark.parametrize(
    "text",
    ["a\n01\nAAAA\n", "a\n1\n", "a\n-1\nAAAA\n", "a\n1\nAAAA", "a\n\n1\nAAAA\n", "a\n1\nAAAA\n"],
)
def test_malformed_checkpoints_are_refused(text: str) -> None:
    with pytest.raises(NoteError):
        Checkpoint.parse(text)


def test_the_key_file_is_private_and_its_public_key_is_written_beside_it(tmp_path: Path) -> None:
    key_file = tmp_path / "var" / "socai.key"
    signer, created = create_key_file(key_file, "socai.nghi-duong")
    assert created
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    pub = public_key_path(key_file)
    assert pub.name == "socai.key.pub"
    assert load_verifier(pub) == signer.verifier
    again, created_again = create_key_file(key_file, "socai.nghi-duong")
    assert not created_again
    assert again.encode() == signer.encode() == load_signer(key_file).encode()


def test_missing_key_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(NoteError, match="socai init"):
        load_signer(tmp_path / "none.key")
    with pytest.raises(NoteError, match="no public key"):
        load_verifier(tmp_path / "none.key.pub")
