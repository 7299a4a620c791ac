from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry
from strawberry.types import Info

from domain.ledger import Done, Request
from projections.commendations import get_commendation
from schema.commendations.inputs import (
    IssueCommendationInput,
    ProposeCommendationInput,
    RevokeCommendationInput,
)
from schema.commendations.types import Commendation, CommendationChanged, CommendationResult
from schema.common import parse_id, parse_optional_id, read, run_command
from schema.context import Context


def _changed(info: Info[Context, None]) -> Callable[[Done], Awaitable[CommendationChanged]]:
    async def success(done: Done) -> CommendationChanged:
        row = await read(info, get_commendation, commendation_id=str(done.id))
        assert row is not None, "read-your-writes: the view holds what was just recorded"
        return CommendationChanged(commendation=Commendation.from_row(row), position=done.position)

    return success


@strawberry.type
class CommendationMutations:
    @strawberry.mutation(
        description="Propose a commendation. Office, inspectors, the committee, "
        "and reporters for their own unit."
    )
    async def propose_commendation(
        self, info: Info[Context, None], input: ProposeCommendationInput
    ) -> CommendationResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.propose_commendation(
                request,
                recipient_kind=input.recipient_kind.value,
                recipient_unit_id=parse_optional_id("recipientUnitId", input.recipient_unit_id),
                recipient_name=input.recipient_name,
                form=input.form,
                achievement=input.achievement,
                proposed_by=input.proposed_by,
                recipient_person_id=parse_optional_id(
                    "recipientPersonId", input.recipient_person_id
                ),
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(description="Issue a proposed commendation by decision. Committee only.")
    async def issue_commendation(
        self, info: Info[Context, None], input: IssueCommendationInput
    ) -> CommendationResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.issue_commendation(
                request,
                commendation_id=parse_id("commendationId", input.commendation_id),
                decision_number=input.decision_number,
                decision_date=input.decision_date,
                issued_by=input.issued_by,
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description="Revoke an issued commendation; the reason is required. Committee only."
    )
    async def revoke_commendation(
        self, info: Info[Context, None], input: RevokeCommendationInput
    ) -> CommendationResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.revoke_commendation(
                request,
                commendation_id=parse_id("commendationId", input.commendation_id),
                decision_number=input.decision_number,
            )

        return await run_command(info, input, command, _changed(info))
