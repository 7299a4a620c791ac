from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry
from strawberry.types import Info

from domain.ledger import Done, Request
from schema.common import parse_id, run_command
from schema.context import Context
from schema.inspections.inputs import (
    CloseInspectionInput,
    CommendFromInspectionInput,
    ConductInspectionInput,
    PlanInspectionInput,
    RecordFindingInput,
)
from schema.inspections.types import InspectionChanged, InspectionResult, inspection_by_id


def _changed(info: Info[Context, None]) -> Callable[[Done], Awaitable[InspectionChanged]]:
    async def success(done: Done) -> InspectionChanged:
        inspection = await inspection_by_id(info, str(done.id))
        assert inspection is not None, "read-your-writes: the view holds what was just recorded"
        return InspectionChanged(inspection=inspection, position=done.position)

    return success


@strawberry.type
class InspectionMutations:
    @strawberry.mutation(
        description="Plan an inspection or supervision of some units, with its scope and "
        "period. Inspection Committee only."
    )
    async def plan_inspection(
        self, info: Info[Context, None], input: PlanInspectionInput
    ) -> InspectionResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.plan_inspection(
                request,
                kind=input.kind.value,
                title=input.title,
                scope=input.scope,
                unit_ids=[parse_id("unitIds", u) for u in input.unit_ids],
                starts_on=input.starts_on,
                ends_on=input.ends_on,
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(description="Record that a planned inspection was conducted.")
    async def conduct_inspection(
        self, info: Info[Context, None], input: ConductInspectionInput
    ) -> InspectionResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.conduct_inspection(
                request,
                inspection_id=parse_id("inspectionId", input.inspection_id),
                conducted_on=input.conducted_on,
                summary=input.summary,
                evidence=input.evidence,
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description="Record a finding of a conducted inspection: a shortcoming (flagged on the "
        "unit in the same transaction) or a good practice."
    )
    async def record_finding(
        self, info: Info[Context, None], input: RecordFindingInput
    ) -> InspectionResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.record_finding(
                request,
                inspection_id=parse_id("inspectionId", input.inspection_id),
                unit_id=parse_id("unitId", input.unit_id),
                kind=input.kind.value,
                text=input.text,
                severity=input.severity.value if input.severity else None,
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description="Propose a commendation for the unit of a good-practice finding."
    )
    async def commend_from_inspection(
        self, info: Info[Context, None], input: CommendFromInspectionInput
    ) -> InspectionResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.commend_from_inspection(
                request,
                inspection_id=parse_id("inspectionId", input.inspection_id),
                finding_number=input.finding_number,
                form=input.form,
                achievement=input.achievement,
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(description="Close a conducted inspection with its conclusion.")
    async def close_inspection(
        self, info: Info[Context, None], input: CloseInspectionInput
    ) -> InspectionResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.close_inspection(
                request,
                inspection_id=parse_id("inspectionId", input.inspection_id),
                conclusion=input.conclusion,
            )

        return await run_command(info, input, command, _changed(info))
