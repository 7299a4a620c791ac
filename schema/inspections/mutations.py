from __future__ import annotations

import strawberry
from strawberry.types import Info

from projections.inspections import get_inspection
from schema.common import mutate, parse_id, reread
from schema.context import Context
from schema.inspections.inputs import (
    CloseInspectionInput,
    CommendFromInspectionInput,
    ConductInspectionInput,
    PlanInspectionInput,
    RecordFindingInput,
)
from schema.inspections.types import Inspection, InspectionChanged, InspectionResult

_changed = reread(
    get_inspection,
    "inspection_id",
    lambda row, position: InspectionChanged(inspection=Inspection.from_row(row), position=position),
)


@strawberry.type
class InspectionMutations:
    @strawberry.mutation(
        description="Plan an inspection or supervision of some units, with its scope and "
        "period. Inspection Committee only."
    )
    async def plan_inspection(
        self, info: Info[Context, None], input: PlanInspectionInput
    ) -> InspectionResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.plan_inspection(
                request,
                kind=input.kind.value,
                title=input.title,
                scope=input.scope,
                unit_ids=[parse_id("unitIds", u) for u in input.unit_ids],
                starts_on=input.starts_on,
                ends_on=input.ends_on,
            ),
            _changed,
        )

    @strawberry.mutation(description="Record that a planned inspection was conducted.")
    async def conduct_inspection(
        self, info: Info[Context, None], input: ConductInspectionInput
    ) -> InspectionResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.conduct_inspection(
                request,
                inspection_id=parse_id("inspectionId", input.inspection_id),
                conducted_on=input.conducted_on,
                summary=input.summary,
                evidence=input.evidence,
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Record a finding of a conducted inspection: a shortcoming (flagged on the "
        "unit in the same transaction) or a good practice."
    )
    async def record_finding(
        self, info: Info[Context, None], input: RecordFindingInput
    ) -> InspectionResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.record_finding(
                request,
                inspection_id=parse_id("inspectionId", input.inspection_id),
                unit_id=parse_id("unitId", input.unit_id),
                kind=input.kind.value,
                text=input.text,
                severity=input.severity.value if input.severity else None,
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Propose a commendation for the unit of a good-practice finding."
    )
    async def commend_from_inspection(
        self, info: Info[Context, None], input: CommendFromInspectionInput
    ) -> InspectionResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.commend_from_inspection(
                request,
                inspection_id=parse_id("inspectionId", input.inspection_id),
                finding_number=input.finding_number,
                form=input.form,
                achievement=input.achievement,
            ),
            _changed,
        )

    @strawberry.mutation(description="Close a conducted inspection with its conclusion.")
    async def close_inspection(
        self, info: Info[Context, None], input: CloseInspectionInput
    ) -> InspectionResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.close_inspection(
                request,
                inspection_id=parse_id("inspectionId", input.inspection_id),
                conclusion=input.conclusion,
            ),
            _changed,
        )
