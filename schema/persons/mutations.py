from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.ledger import Done, Request
from schema.common import CommandInput, FailureType, parse_id, run_command
from schema.context import Context


@strawberry.input
class ForgetPersonInput(CommandInput):
    person_id: strawberry.ID = strawberry.field(
        description="The person's id, as `recipientPersonId` shows it to those who may see it."
    )


@strawberry.type(description="The person's key is deleted: their personal fields show as erased.")
class PersonalDataErased:
    person_id: strawberry.ID
    position: int = strawberry.field(description="The log position of the erasure.")


ForgetPersonResult = Annotated[
    PersonalDataErased | FailureType, strawberry.union("ForgetPersonResult")
]


@strawberry.type
class PersonMutations:
    @strawberry.mutation(
        description="Erase a person's personal data: delete their key and record "
        "PersonalDataErased. The log keeps the ciphertext, which no one can open. Admin only."
    )
    async def forget_person(
        self, info: Info[Context, None], input: ForgetPersonInput
    ) -> ForgetPersonResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.forget_person(request, person_id=parse_id("personId", input.person_id))

        async def success(done: Done) -> PersonalDataErased:
            return PersonalDataErased(person_id=strawberry.ID(str(done.id)), position=done.position)

        return await run_command(info, input, command, success)
