"""Fuzzing: schemathesis generates queries and mutations from the GraphQL schema and sends them
to the real app (ASGI, in process) on a store with records in it, without credentials and with
an office and an auditor token. No answer may be a server error or put null in a non-null
field. Bounded (a few examples per operation, derandomized) so that it runs in CI."""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from typing import Any

import hypothesis
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core.result import Ok
from schemathesis.graphql import nodes
from schemathesis.specs.graphql.validation import validate_graphql_response

from domain.application import Ledger
from domain.authority import SYSTEM
from domain.unit import unit_id_for
from schema import schema as graphql_schema
from server import bootstrap
from settings import Settings, parse_tokens
from tests.conftest import COMMITTEE, INSPECTOR, OFFICE, TOKEN_SPEC, TOKENS, request_as

EXAMPLES_PER_OPERATION = 8
# Amounts in đồng: JSON integers or strings of digits, of any size (the API bounds them).
schemathesis.graphql.scalar(
    "Dong",
    st.one_of(st.integers().map(nodes.Int), st.from_regex(r"\A[0-9]{1,20}\Z").map(nodes.String)),
)
# Fixed-point numbers (an indicator's baseline, target, value): any decimal written as a string,
# NaN and infinities included, and any text at all.
schemathesis.graphql.scalar(
    "Decimal",
    st.one_of(st.decimals().map(lambda d: nodes.String(str(d))), st.text().map(nodes.String)),
)
API = schemathesis.graphql.from_file(graphql_schema.as_str())


def world(ledger: Ledger) -> None:
    ledger.adopt_program(request_as(SYSTEM, "init"))
    for code in ("thon-1", "thon-2"):
        ledger.register_unit(
            request_as(OFFICE), code=code, kind="village", name=f"Thôn {code}", parent_id=None
        )
    ledger.assign_task(
        request_as(OFFICE),
        title="Camera an ninh",
        description="",
        area="III.4",
        phase="phase-1",
        lead_unit_id=unit_id_for("thon-1"),
        coordinating_unit_ids=[unit_id_for("thon-2")],
        due_date=date(2026, 3, 1),
    )
    ledger.enrol_model(request_as(OFFICE), unit_id=unit_id_for("thon-1"), model_type="culture-club")
    ledger.propose_commendation(
        request_as(COMMITTEE),
        recipient_kind="person",
        recipient_unit_id=unit_id_for("thon-1"),
        recipient_name="Nguyễn Văn A",
        form="giấy khen",
        achievement="Người tốt, việc tốt",
    )
    ledger.flag_shortcoming(
        request_as(INSPECTOR), unit_id=unit_id_for("thon-2"), severity="minor", finding="Chậm"
    )


# The codes the API gives the errors a caller can act on (see schema/hardening.py); the fuzzer
# knows some of them as client errors, not FORBIDDEN or NOT_FOUND.
CLEAR_REFUSALS = frozenset({"BAD_USER_INPUT", "FORBIDDEN", "NOT_FOUND"})


def refused_clearly(payload: dict[str, Any]) -> bool:
    errors = payload.get("errors") or []
    return bool(errors) and all(
        (e.get("extensions") or {}).get("code") in CLEAR_REFUSALS for e in errors
    )


def test_fuzzing_finds_no_server_error_and_no_null_in_a_non_null_field(ledger: Ledger) -> None:
    world(ledger)
    app = bootstrap(
        Settings(tokens=parse_tokens(TOKEN_SPEC), rate_per_address="off", rate_per_token="off"),
        ledger,
    )
    loaded = list(API.get_all_operations())
    operations = [result.ok() for result in loaded if isinstance(result, Ok)]
    assert len(operations) == len(loaded), "every operation in the schema loads"
    assert len(operations) >= 30
    callers: list[dict[str, Any]] = [
        {},
        {"authorization": f"Bearer {TOKENS['office']}"},
        {"authorization": f"Bearer {TOKENS['auditor']}"},
    ]
    sent = 0
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
            phases=[hypothesis.Phase.generate],
        )
        def check(case: Any) -> None:
            nonlocal sent
            for headers in callers:
                response = case.call(app=app, base_url="http://testserver/graphql", headers=headers)
                sent += 1
                assert response.status_code == 200, (case.body, response.text)
                # A request refused as invalid is a clear answer; a server error or a null in a
                # non-null field is not.
                payload = response.json()
                if refused_clearly(payload):
                    return
                with suppress(schemathesis.graphql.checks.GraphQLClientError):
                    validate_graphql_response(case, payload)

        check()
    assert sent >= len(operations) * len(callers)
