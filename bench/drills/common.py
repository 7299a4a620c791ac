"""What the drills share: a GraphQL client over HTTP, the store's own account of what a key did,
the refold comparison, `socai verify` where it exists, and the one line a drill prints."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.process import ROOT, TOKENS
from domain.application import Ledger
from projections.refold import view_differences
from projections.storage import Database

REPORT = """mutation($input: ReportProgressInput!) {
  reportProgress(input: $input) {
    __typename
    ... on TaskChanged { position task { percent progressReports } }
    ... on Failure { message }
    ... on RuleBroken { rule }
  }
}"""
REGISTER = """mutation($input: RegisterUnitInput!) {
  registerUnit(input: $input) {
    __typename
    ... on UnitChanged { position unit { id name } }
    ... on Failure { message }
    ... on RuleBroken { rule }
  }
}"""
RENAME = """mutation($input: RenameUnitInput!) {
  renameUnit(input: $input) {
    __typename
    ... on UnitChanged { position unit { id name } }
    ... on Failure { message }
    ... on RuleBroken { rule }
  }
}"""
# The typed refusals a well-formed command may meet under load; anything else is a failure.
TYPED_REFUSALS = frozenset({"Conflict", "RuleBroken"})


def office_headers(key: str) -> dict[str, str]:
    """The key doubles as the correlation id, so the history tells which events a key made."""
    return {"authorization": f"Bearer {TOKENS['office']}", "x-correlation-id": key}


def mutate(
    http: httpx.Client, url: str, query: str, variables: dict[str, Any], key: str
) -> dict[str, Any]:
    """One mutation; returns its typed result. Raises on transport errors and untyped errors."""
    response = http.post(
        f"{url}/graphql",
        json={"query": query, "variables": variables},
        headers=office_headers(key),
    )
    body: dict[str, Any] = response.json()
    if response.status_code != 200 or "errors" in body:
        raise UntypedError(f"HTTP {response.status_code}: {response.text[:300]}")
    result: dict[str, Any] = next(iter(body["data"].values()))
    return result


class UntypedError(Exception):
    """An answer that is not one of the schema's typed results."""


def query(http: httpx.Client, url: str, text: str, variables: dict[str, Any] | None = None) -> Any:
    response = http.post(f"{url}/graphql", json={"query": text, "variables": variables or {}})
    body: dict[str, Any] = response.json()
    if response.status_code != 200 or "errors" in body:
        raise UntypedError(f"HTTP {response.status_code}: {response.text[:300]}")
    return body["data"]


def events_of(ledger: Ledger, correlation_ids: list[str]) -> dict[str, list[int]]:
    """The log positions each correlation id (here: each idempotency key) produced."""
    found: dict[str, list[int]] = {c: [] for c in correlation_ids}
    with ledger.reading() as sql:
        for start in range(0, len(correlation_ids), 500):
            chunk = correlation_ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = sql.all(
                f"SELECT correlation_id, position FROM {sql.table('history')} "
                f"WHERE correlation_id IN ({marks}) ORDER BY position",
                chunk,
            )
            for r in rows:
                found[str(r["correlation_id"])].append(int(r["position"]))
    return found


def check_views(database_url: str) -> list[str]:
    ledger = Ledger(Database.from_url(database_url))
    try:
        return view_differences(ledger)
    finally:
        ledger.close()


def verify_available() -> bool:
    """Whether this build has `socai verify` (it checks the log's integrity on its own)."""
    help_text = subprocess.run(
        [sys.executable, "cli.py", "--help"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout
    return "verify" in help_text


def run_verify(database_url: str, env: Mapping[str, str] | None = None) -> tuple[bool, str]:
    done = subprocess.run(
        [sys.executable, "cli.py", "verify"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode == 0, (done.stdout + done.stderr).strip()[-500:]


@dataclass
class Outcome:
    """A drill's verdict: PASS only when nothing went wrong; the figures say what was done."""

    name: str
    figures: dict[str, object] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems

    def line(self) -> str:
        figures = ", ".join(f"{k} {v}" for k, v in self.figures.items())
        verdict = "PASS" if self.passed else "FAIL"
        text = f"{verdict} {self.name}: {figures}"
        if self.notes:
            text += f" ({'; '.join(self.notes)})"
        if self.problems:
            text += " — " + "; ".join(self.problems[:5])
        return text


def drill_main(
    run: Callable[[argparse.Namespace], Outcome], add: Callable[[argparse.ArgumentParser], None]
) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    add(parser)
    outcome = run(parser.parse_args())
    print(outcome.line())
    raise SystemExit(0 if outcome.passed else 1)
