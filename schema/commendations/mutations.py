from __future__ import annotations

import strawberry
from strawberry.types import Info

from projections.commendations import get_commendation
from schema.commendations.inputs import (
    IssueCommendationInput,
    ProposeCommendationInput,
    RevokeCommendationInput,
)
from schema.commendations.types import Commendation, CommendationChanged, CommendationResult
from schema.common import mutate, parse_id, parse_optional_id, reread
from schema.context import Context

_changed = reread(
    get_commendation,
    "commendation_id",
    lambda row, position: CommendationChanged(
        commendation=Commendation.from_row(row), position=position
    ),
)


@strawberry.type
class CommendationMutations:
    @strawberry.mutation(
        description="Propose a commendation. Office, inspectors, the committee, "
        "and reporters for their own unit."
    )
    async def propose_commendation(
        self, info: Info[Context, None], input: ProposeCommendationInput
    ) -> CommendationResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.propose_commendation(
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
            ),
            _changed,
        )

    @strawberry.mutation(description="Issue a proposed commendation by decision. Committee only.")
    async def issue_commendation(
        self, info: Info[Context, None], input: IssueCommendationInput
    ) -> CommendationResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.issue_commendation(
                request,
                commendation_id=parse_id("commendationId", input.commendation_id),
                decision_number=input.decision_number,
                decision_date=input.decision_date,
                issued_by=input.issued_by,
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Revoke an issued commendation; the reason is required. Committee only."
    )
    async def revoke_commendation(
        self, info: Info[Context, None], input: RevokeCommendationInput
    ) -> CommendationResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.revoke_commendation(
                request,
                commendation_id=parse_id("commendationId", input.commendation_id),
                decision_number=input.decision_number,
            ),
            _changed,
        )
