from __future__ import annotations

import strawberry
from strawberry.types import Info

from projections.shortcomings import get_shortcoming
from schema.common import mutate, parse_id, parse_optional_id, reread
from schema.context import Context
from schema.shortcomings.inputs import (
    DecideDisciplineInput,
    FlagShortcomingInput,
    PlanRemediationInput,
    ProposeDisciplineInput,
    ResolveShortcomingInput,
)
from schema.shortcomings.types import Shortcoming, ShortcomingChanged, ShortcomingResult

_changed = reread(
    get_shortcoming,
    "shortcoming_id",
    lambda row, position: ShortcomingChanged(
        shortcoming=Shortcoming.from_row(row), position=position
    ),
)


@strawberry.type
class ShortcomingMutations:
    @strawberry.mutation(
        description="Flag a shortcoming found in an active unit. Inspection Committee only."
    )
    async def flag_shortcoming(
        self, info: Info[Context, None], input: FlagShortcomingInput
    ) -> ShortcomingResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.flag_shortcoming(
                request,
                unit_id=parse_id("unitId", input.unit_id),
                severity=input.severity.value,
                finding=input.finding,
                source=input.source,
                flagged_by=input.flagged_by,
            ),
            _changed,
        )

    @strawberry.mutation(
        description=(
            "Plan, or re-plan, the remediation of an open shortcoming. "
            "Office, or a reporter for its own unit."
        )
    )
    async def plan_remediation(
        self, info: Info[Context, None], input: PlanRemediationInput
    ) -> ShortcomingResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.plan_remediation(
                request,
                shortcoming_id=parse_id("shortcomingId", input.shortcoming_id),
                plan=input.plan,
                due_on=input.due_on,
                responsible=input.responsible,
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Resolve an open shortcoming, with evidence. Inspection Committee or Office."
    )
    async def resolve_shortcoming(
        self, info: Info[Context, None], input: ResolveShortcomingInput
    ) -> ShortcomingResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.resolve_shortcoming(
                request,
                shortcoming_id=parse_id("shortcomingId", input.shortcoming_id),
                resolution=input.resolution,
                evidence=input.evidence,
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Propose discipline against a shortcoming, for the unit's party "
        "organization or a member. Inspection Committee only."
    )
    async def propose_discipline(
        self, info: Info[Context, None], input: ProposeDisciplineInput
    ) -> ShortcomingResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.propose_discipline(
                request,
                shortcoming_id=parse_id("shortcomingId", input.shortcoming_id),
                subject_kind=input.subject_kind.value,
                subject_name=input.subject_name,
                subject_person_id=parse_optional_id("subjectPersonId", input.subject_person_id),
                form=input.form.value,
                grounds=input.grounds,
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Decide a proposed discipline: imposed in a form, or not. Committee only."
    )
    async def decide_discipline(
        self, info: Info[Context, None], input: DecideDisciplineInput
    ) -> ShortcomingResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.decide_discipline(
                request,
                shortcoming_id=parse_id("shortcomingId", input.shortcoming_id),
                number=input.number,
                outcome=input.outcome.value,
                form=input.form.value if input.form else None,
                decision_number=input.decision_number,
                decision_date=input.decision_date,
            ),
            _changed,
        )
