"""A server in a process of its own, started, waited for, killed and restarted by the bench."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SOCAI_SERVE = ("cli.py", "serve")
BENCH_SERVE = ("-m", "bench.serve")
TOKENS = {
    "office": "bench-office-token",
    "committee": "bench-committee-token",
    "inspector": "bench-inspector-token",
    "auditor": "bench-auditor-token",
}
TOKEN_SPEC = ",".join(f"{token}={role}" for role, token in TOKENS.items())


def init_store(database_url: str, env: Mapping[str, str] | None = None) -> None:
    """`socai init`: the tables, the program, and the ledger's signing key."""
    subprocess.run(
        [sys.executable, "cli.py", "init"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url, **(env or {})},
        check=True,
        capture_output=True,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class ServerProcess:
    """`python <args>` serving DATABASE_URL on 127.0.0.1:<port>."""

    def __init__(
        self,
        database_url: str,
        args: Sequence[str] = SOCAI_SERVE,
        port: int | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.database_url = database_url
        self.args = tuple(args)
        self.env = dict(env or {})
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None
        # What the server says, kept across restarts; closed by `serving` or `close()`.
        self.log = tempfile.TemporaryFile(mode="a+b")  # noqa: SIM115

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self, timeout: float = 60.0) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "SOCAI_TOKENS": TOKEN_SPEC,
            "SOCAI_GRAPHIQL": "0",
            # The load comes from one address and one token, far above a person's share.
            "SOCAI_RATE_LIMIT": "off",
            "SOCAI_TOKEN_RATE_LIMIT": "off",
            **self.env,
        }
        self.process = subprocess.Popen(
            [sys.executable, *self.args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the server exited with {self.process.returncode}: {self.said()[-2000:]}"
                )
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the server did not answer /healthz within {timeout:.0f} s")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, no goodbye."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def said(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")


@contextmanager
def serving(
    database_url: str,
    args: Sequence[str] = SOCAI_SERVE,
    port: int | None = None,
    env: Mapping[str, str] | None = None,
) -> Iterator[ServerProcess]:
    server = ServerProcess(database_url, args, port, env)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        server.log.close()
