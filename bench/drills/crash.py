"""Crash drill: kill -9 the server again and again under a mutation load.

Clients send `registerUnit` and `reportProgress` with idempotency keys and note which were
acknowledged. After each kill the server is restarted and the drill checks that every
acknowledged mutation is in the log exactly once, at the position it was acknowledged with;
that each mutation in flight at the kill is there at most once, and exactly once after the
client retries it with its key; that the views equal a refold of the log; and that
`socai verify` passes, where this build has it.

    python -m bench.drills.crash --backend postgres --kills 20
"""

from __future__ import annotations

import argparse
import random
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import httpx

from bench.common import scratch_database
from bench.drills.common import (
    REGISTER,
    REPORT,
    TYPED_REFUSALS,
    Outcome,
    UntypedError,
    check_views,
    drill_main,
    events_of,
    mutate,
    run_verify,
    verify_available,
)
from bench.mutations import LedgerSystem
from bench.process import SOCAI_SERVE, ServerProcess, init_store
from domain.application import Ledger
from projections.storage import Database

SUCCESS = frozenset({"TaskChanged", "UnitChanged"})


@dataclass
class Ledgerbook:
    """The clients' side of the story: what was acknowledged, refused, or left in flight."""

    acknowledged: dict[str, int] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)
    in_flight: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    untyped: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def settle(self, key: str, result: dict[str, Any]) -> None:
        with self.lock:
            self.in_flight.pop(key, None)
            kind = result["__typename"]
            if kind in SUCCESS:
                self.acknowledged[key] = int(result["position"])
            elif kind in TYPED_REFUSALS:
                self.refused[key] = kind
            else:
                self.untyped.append(f"{key}: {kind} {result.get('message', '')}")


def _command(rng: random.Random, tasks: list[UUID], key: str) -> tuple[str, dict[str, Any]]:
    if rng.random() < 0.3:
        code = f"cb-{key[:12]}"
        return REGISTER, {
            "input": {"idempotencyKey": key, "code": code, "kind": "PARTY_CELL", "name": code}
        }
    return REPORT, {
        "input": {
            "idempotencyKey": key,
            "taskId": str(rng.choice(tasks)),
            "percent": rng.randint(0, 100),
            "summary": "Báo cáo tiến độ",
            "evidence": [],
        }
    }


def _client(
    url: str, tasks: list[UUID], book: Ledgerbook, stop: threading.Event, seed: int
) -> None:
    rng = random.Random(seed)
    with httpx.Client(timeout=30) as http:
        while not stop.is_set():
            key = uuid.uuid4().hex
            text, variables = _command(rng, tasks, key)
            with book.lock:
                book.in_flight[key] = (text, variables)
            try:
                result = mutate(http, url, text, variables, key)
            except httpx.TransportError:
                return  # the server is gone; the key stays in flight
            except UntypedError as error:
                with book.lock:
                    book.in_flight.pop(key, None)
                    book.untyped.append(str(error))
                continue
            book.settle(key, result)


def _exactly_once(ledger: Ledger, book: Ledgerbook, problems: list[str]) -> int:
    keys = list(book.acknowledged)
    found = events_of(ledger, keys)
    bad = [k for k in keys if found[k] != [book.acknowledged[k]]]
    for k in bad[:3]:
        problems.append(f"acknowledged {k} at {book.acknowledged[k]}, log has {found[k]}")
    refused = events_of(ledger, list(book.refused))
    problems.extend(f"refused {k} left events {v}" for k, v in refused.items() if v)
    return len(keys) - len(bad)


def _load_and_kill(
    server: ServerProcess, tasks: list[UUID], book: Ledgerbook, clients: int, seconds: float
) -> None:
    """Clients send mutations; after `seconds` the server is killed under them."""
    stop = threading.Event()
    threads = [
        threading.Thread(
            target=_client, args=(server.url, tasks, book, stop, random.randrange(2**32))
        )
        for c in range(clients)
    ]
    for t in threads:
        t.start()
    time.sleep(seconds)
    server.kill()
    stop.set()
    for t in threads:
        t.join()


def _retry_in_flight(url: str, checker: Ledger, book: Ledgerbook, problems: list[str]) -> int:
    """What was in flight at the kill is recorded at most once, and exactly once after the
    client retries it with its key, which answers with the first result."""
    pending = dict(book.in_flight)
    before = events_of(checker, list(pending))
    problems.extend(
        f"in-flight {k} recorded {len(v)} times" for k, v in before.items() if len(v) > 1
    )
    with httpx.Client(timeout=30) as http:
        for key, (text, variables) in pending.items():
            book.settle(key, mutate(http, url, text, variables, key))
            if key in book.acknowledged and before[key] not in ([], [book.acknowledged[key]]):
                problems.append(f"retry of {key} did not return the first result")
    return len(pending)


def run(
    backend: str, kills: int = 20, clients: int = 4, seed: int = 0, min_load: float = 0.3
) -> Outcome:
    outcome = Outcome(f"crash drill on {backend}")
    rng = random.Random(seed)
    book = Ledgerbook()
    has_verify = verify_available()
    if not has_verify:
        outcome.notes.append("socai verify: not available in this build, that check skipped")
    verified = 0
    retried = 0
    began = time.monotonic()
    with scratch_database(backend, "crash") as url, tempfile.TemporaryDirectory() as keys:
        env = {"SOCAI_KEY_FILE": f"{keys}/socai.key"}
        init_store(url, env)
        setup = LedgerSystem(url)
        tasks = setup.assign_tasks(16)
        setup.close()
        server = ServerProcess(url, SOCAI_SERVE, env=env)
        checker = Ledger(Database.from_url(url))
        try:
            server.start()
            for round_ in range(kills):
                _load_and_kill(server, tasks, book, clients, rng.uniform(min_load, 3 * min_load))
                server.start()
                retried += _retry_in_flight(server.url, checker, book, outcome.problems)
                _exactly_once(checker, book, outcome.problems)
                outcome.problems.extend(f"views: {d}" for d in check_views(url)[:3])
                if has_verify:
                    ok, said = run_verify(url, env)
                    verified += ok
                    if not ok:
                        outcome.problems.append(f"verify failed after kill {round_ + 1}: {said}")
                if outcome.problems:
                    break
            outcome.problems.extend(book.untyped[:3])
        finally:
            server.stop()
            server.log.close()
            checker.close()
    outcome.figures = {
        "kills": kills,
        "acknowledged": len(book.acknowledged),
        "retried after a kill": retried,
        "refused (typed)": len(book.refused),
        "views equal a refold": "after every kill" if outcome.passed else "no",
        "verify": f"{verified} passes" if has_verify else "n/a",
        "seconds": round(time.monotonic() - began),
    }
    return outcome


def _args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0)


if __name__ == "__main__":
    drill_main(lambda a: run(a.backend, a.kills, a.clients, a.seed), _args)
