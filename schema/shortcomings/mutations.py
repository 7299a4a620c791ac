from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry
from strawberry.types import Info

from domain.ledger import Done, Request
from schema.common import parse_id, parse_optional_id, run_command
from schema.context import Context
from schema.shortcomings.inputs import (
    DecideDisciplineInput,
    FlagShortcomingInput,
    PlanRemediationInput,
    ProposeDisciplineInput,
    ResolveShortcomingInput,
)
from schema.shortcomings.types import ShortcomingChanged, ShortcomingResult, shortcoming_by_id


def _changed(info: Info[Context, None]) -> Callable[[Done], Awaitable[ShortcomingChanged]]:
    async def success(done: Done) -> ShortcomingChanged:
        shortcoming = await shortcoming_by_id(info, str(done.id))
        assert shortcoming is not None, "read-your-writes: the view holds what was just recorded"
        return ShortcomingChanged(shortcoming=shortcoming, position=done.position)

    return success


@strawberry.type
class ShortcomingMutations:
    @strawberry.mutation(
        description="Flag a shortcoming found in an active unit. Inspection Committee only."
    )
    async def flag_shortcoming(
        self, info: Info[Context, None], input: FlagShortcomingInput
    ) -> ShortcomingResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.flag_shortcoming(
                request,
                unit_id=parse_id("unitId", input.unit_id),
                severity=input.severity.value,
                finding=input.finding,
                source=input.source,
                flagged_by=input.flagged_by,
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description=(
            "Plan, or re-plan, the remediation of an open shortcoming. "
            "Office, or a reporter for its own unit."
        )
    )
    async def plan_remediation(
        self, info: Info[Context, None], input: PlanRemediationInput
    ) -> ShortcomingResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.plan_remediation(
                request,
                shortcoming_id=parse_id("shortcomingId", input.shortcoming_id),
                plan=input.plan,
                due_on=input.due_on,
                responsible=input.responsible,
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description="Resolve an open shortcoming, with evidence. Inspection Committee or Office."
    )
    async def resolve_shortcoming(
        self, info: Info[Context, None], input: ResolveShortcomingInput
    ) -> ShortcomingResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.resolve_shortcoming(
                request,
                shortcoming_id=parse_id("shortcomingId", input.shortcoming_id),
                resolution=input.resolution,
                evidence=input.evidence,
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description="Propose discipline against a shortcoming, for the unit's party "
        "organization or a member. Inspection Committee only."
    )
    async def propose_discipline(
        self, info: Info[Context, None], input: ProposeDisciplineInput
    ) -> ShortcomingResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.propose_discipline(
                request,
                shortcoming_id=parse_id("shortcomingId", input.shortcoming_id),
                subject_kind=input.subject_kind.value,
                subject_name=input.subject_name,
                subject_person_id=parse_optional_id("subjectPersonId", input.subject_person_id),
                form=input.form.value,
                grounds=input.grounds,
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description="Decide a proposed discipline: imposed in a form, or not. Committee only."
    )
    async def decide_discipline(
        self, info: Info[Context, None], input: DecideDisciplineInput
    ) -> ShortcomingResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.decide_discipline(
                request,
                shortcoming_id=parse_id("shortcomingId", input.shortcoming_id),
                number=input.number,
                outcome=input.outcome.value,
                form=input.form.value if input.form else None,
                decision_number=input.decision_number,
                decision_date=input.decision_date,
            )

        return await run_command(info, input, command, _changed(info))
