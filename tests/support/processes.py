"""Processes the tests start and kill: the webhook receiver, `socai deliver`, `socai serve`."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent.parent
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def until(check: Callable[[], T | None], *, within: float = 30.0, what: str = "") -> T:
    """Polls `check` until it returns something truthy, or fails after `within` seconds."""
    deadline = time.monotonic() + within
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting {within:g} s for {what or check}")
        time.sleep(0.02)


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def stop(process: subprocess.Popen[bytes], *, kill: bool = False) -> None:
    if process.poll() is None:
        if kill:
            process.kill()
        else:
            process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


def socai(*args: str, env: dict[str, str], log: Path | None = None) -> subprocess.Popen[bytes]:
    """`python cli.py ARGS` in its own process, with the given environment added."""
    command = [sys.executable, str(ROOT / "cli.py"), *args]
    environment = {**os.environ, **env}
    if log is None:
        return subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
        )
    with log.open("ab") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT
        )


class Receiver:
    """The receiving HTTP server on 127.0.0.1, in its own process."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.log = folder / "received.jsonl"
        self.control = folder / "control.json"
        self.process: subprocess.Popen[bytes] | None = None
        self.answer()

    def url(self, path: str = "hook") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "tests/support/receiver.py"),
                str(self.port),
                str(self.log),
                str(self.control),
            ],
            cwd=ROOT,
        )
        until(lambda: listening(self.port), within=20, what="the receiver to listen")

    def kill(self) -> None:
        if self.process is not None:
            stop(self.process, kill=True)
            self.process = None

    def answer(self, **settings: Any) -> None:
        self.control.write_text(json.dumps(settings))

    def records(self, path: str | None = None) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        found = []
        for line in self.log.read_text(encoding="utf-8").splitlines():
            try:
                found.append(json.loads(line))
            except json.JSONDecodeError:
                break  # the line being written as we read
        return [r for r in found if path is None or r["path"] == f"/{path}"]
