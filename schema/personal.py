"""Personal fields in answers: opened only for the roles that may see them, each read recorded
in the history once per request; withheld from everyone else; shown as erased once the
person's key is gone."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

import strawberry
from graphql import ExecutionResult, GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import Info

from domain.authority import PERSONAL_READERS
from domain.keyring import sealed_in
from domain.ledger import Request
from domain.personal import SEALED_KEY, Sealed
from schema.context import Context

log = logging.getLogger("socai.graphql")


@strawberry.enum(description="What an answer holds in place of a personal field.")
class PersonalDataState(Enum):
    NOT_PERSONAL = "not_personal"
    SHOWN = "shown"
    WITHHELD = "withheld"
    ERASED = "erased"


@dataclass(frozen=True)
class Revealed:
    value: str | None
    state: PersonalDataState


def may_read_personal_data(info: Info[Context, None]) -> bool:
    return info.context.actor.role in PERSONAL_READERS


async def reveal(info: Info[Context, None], sealed: Sealed) -> Revealed:
    key = await info.context.personal_keys.load(str(sealed.person_id))
    if key is None:
        return Revealed(None, PersonalDataState.ERASED)
    if not may_read_personal_data(info):
        return Revealed(None, PersonalDataState.WITHHELD)
    value = sealed.open(key)
    if value is None:
        return Revealed(None, PersonalDataState.ERASED)
    info.context.personal_reads.add(str(sealed.person_id))
    return Revealed(value, PersonalDataState.SHOWN)


async def reveal_or_plain(info: Info[Context, None], sealed: object, plain: Any) -> Revealed:
    """A personal field a view holds sealed (its JSON), or in plaintext when it was recorded
    before sealing: opened (the read recorded) or withheld by role, or erased."""
    found = Sealed.from_json(sealed)
    if found is not None:
        return await reveal(info, found)
    if not may_read_personal_data(info):
        return Revealed(None, PersonalDataState.WITHHELD)
    return Revealed(plain, PersonalDataState.SHOWN)


def person_id_of(info: Info[Context, None], sealed: object) -> strawberry.ID | None:
    """The stable id of the person a sealed field belongs to, for the roles that may read
    personal data."""
    found = Sealed.from_json(sealed)
    if found is None or not may_read_personal_data(info):
        return None
    return strawberry.ID(str(found.person_id))


async def reveal_in(info: Info[Context, None], data: Any) -> Any:
    """Plain data (an event's fields) with every sealed field replaced by what the caller may
    see: {"personal": "shown", "personId": …, "value": …}, or "withheld", or "erased"."""
    if not any(True for _ in sealed_in(data)):
        return data
    if isinstance(data, dict):
        sealed = Sealed.from_json(data)
        if sealed is not None:
            shown = await reveal(info, sealed)
            if shown.state is not PersonalDataState.SHOWN:
                return {"personal": shown.state.value}
            return {"personal": "shown", "personId": str(sealed.person_id), "value": shown.value}
        return {k: await reveal_in(info, v) for k, v in data.items() if k != SEALED_KEY}
    if isinstance(data, list):
        return [await reveal_in(info, v) for v in data]
    return data


class PersonalReadLog(SchemaExtension):
    """Records, once per request, which persons' data the request showed and to whom. If the
    record cannot be written, the answer is not given."""

    async def on_execute(self) -> AsyncIterator[None]:
        yield
        context = self.execution_context.context
        if not isinstance(context, Context) or not context.personal_reads:
            return
        persons = sorted(uuid.UUID(p) for p in context.personal_reads)
        context.personal_reads.clear()
        request = Request(
            actor=context.actor,
            idempotency_key=f"personal-read:{uuid.uuid4()}",
            correlation_id=context.correlation_id,
        )
        operation = self.execution_context.operation_name or "anonymous operation"
        try:
            await asyncio.to_thread(
                context.ledger.record_personal_read,
                request,
                person_ids=persons,
                operation=operation,
                query=self.execution_context.query or "",
            )
        except Exception:  # whatever went wrong, the data must not leave unrecorded
            log.exception("personal data withheld: read not recorded (%s)", request.correlation_id)
            result = self.execution_context.result
            assert isinstance(result, ExecutionResult)
            result.data = None
            result.errors = [
                GraphQLError(
                    "Personal data cannot be shown now: the read could not be recorded.",
                    extensions={
                        "code": "INTERNAL_SERVER_ERROR",
                        "requestId": request.correlation_id,
                    },
                )
            ]
