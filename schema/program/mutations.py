from __future__ import annotations

import strawberry
from strawberry.types import Info

from domain.ledger import Done
from schema.common import mutate
from schema.context import Context
from schema.program.inputs import (
    AddCriterionInput,
    AddModelTypeInput,
    RetireCriterionInput,
    ReviseCriterionInput,
    ReviseTargetInput,
)
from schema.program.queries import program_at
from schema.program.types import ProgramAmended, ProgramResult


async def _amended(info: Info[Context, None], done: Done) -> ProgramAmended:
    program = await program_at(info)
    assert program is not None, "read-your-writes: the view holds what was just recorded"
    return ProgramAmended(program=program, position=done.position)


@strawberry.type
class ProgramMutations:
    @strawberry.mutation(
        description="Add a criterion to the commune's or the person's criteria. Committee only."
    )
    async def add_criterion(
        self, info: Info[Context, None], input: AddCriterionInput
    ) -> ProgramResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.add_criterion(
                request, group=input.group.value, text_vi=input.text_vi, text_en=input.text_en
            ),
            _amended,
        )

    @strawberry.mutation(
        description="Revise a criterion's wording. Judgements made before keep the wording "
        "they were made against. Committee only."
    )
    async def revise_criterion(
        self, info: Info[Context, None], input: ReviseCriterionInput
    ) -> ProgramResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.revise_criterion(
                request, code=input.code, text_vi=input.text_vi, text_en=input.text_en
            ),
            _amended,
        )

    @strawberry.mutation(description="Retire a criterion; say why in `reason`. Committee only.")
    async def retire_criterion(
        self, info: Info[Context, None], input: RetireCriterionInput
    ) -> ProgramResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.retire_criterion(request, code=input.code),
            _amended,
        )

    @strawberry.mutation(description="Revise a model's target. Committee only.")
    async def revise_target(
        self, info: Info[Context, None], input: ReviseTargetInput
    ) -> ProgramResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.revise_target(
                request,
                model_type=input.model_type,
                target_kind=input.target_kind.value,
                target_count=input.target_count,
                target_text_vi=input.target_text_vi,
                target_text_en=input.target_text_en,
            ),
            _amended,
        )

    @strawberry.mutation(
        description="Add a model to build, e.g. a pilot model of phase 1 or a security model "
        "of III.4, with who may build it and its target. Committee only."
    )
    async def add_model_type(
        self, info: Info[Context, None], input: AddModelTypeInput
    ) -> ProgramResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.add_model_type(
                request,
                code=input.code,
                name_vi=input.name_vi,
                name_en=input.name_en,
                unit_kinds=[k.value for k in input.unit_kinds],
                target_kind=input.target_kind.value,
                target_count=input.target_count,
                target_text_vi=input.target_text_vi,
                target_text_en=input.target_text_en,
            ),
            _amended,
        )
