"""What every feature's schema shares: typed failures, the command runner, ids, cursors, pages."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import datetime
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar
from uuid import UUID

import strawberry
from strawberry.types import Info

from domain import base as domain_errors
from domain.application import Ledger
from domain.authority import NotAllowed as NotAllowedError
from domain.ledger import Done, Request
from projections.read import Page, position_at
from projections.storage import Row, Sql
from schema.context import Context

T = TypeVar("T")
R = TypeVar("R")
V = TypeVar("V")
C = TypeVar("C")


@strawberry.interface(description="Why a command recorded nothing.")
class Failure:
    message: str


@strawberry.type(description="No record with that id.")
class NotFound(Failure):
    kind: str
    id: str


@strawberry.type(description="The caller's role or unit may not do this.")
class NotAllowed(Failure):
    pass


@strawberry.type(description="A rule of the program refused the command; `rule` names it.")
class RuleBroken(Failure):
    rule: str


@strawberry.type(description="Concurrent writes kept colliding; retry with the same key.")
class Conflict(Failure):
    pass


@strawberry.type(description="The input cannot be a command: `field` says which part.")
class InvalidInput(Failure):
    field: str


@strawberry.type(description="The idempotency key was used before with a different input.")
class IdempotencyKeyReused(Failure):
    pass


FAILURES = (NotFound, NotAllowed, RuleBroken, Conflict, InvalidInput, IdempotencyKeyReused)
FailureType = NotFound | NotAllowed | RuleBroken | Conflict | InvalidInput | IdempotencyKeyReused


def failure_of(error: domain_errors.DomainError) -> FailureType:
    """The one place where domain refusals become GraphQL types."""
    message = str(error)
    if isinstance(error, domain_errors.NotFound):
        return NotFound(message=message, kind=error.kind, id=error.id)
    if isinstance(error, NotAllowedError):
        return NotAllowed(message=message)
    if isinstance(error, domain_errors.RuleBroken):
        return RuleBroken(message=message, rule=error.rule)
    if isinstance(error, domain_errors.Conflict):
        return Conflict(message=message)
    if isinstance(error, domain_errors.InvalidInput):
        return InvalidInput(message=error.message, field=error.field)
    if isinstance(error, domain_errors.IdempotencyKeyReused):
        return IdempotencyKeyReused(message=message)
    raise error


@strawberry.input
class CommandInput:
    idempotency_key: str = strawberry.field(
        description="Any unique string; a retry with the same key records nothing again."
    )
    reason: str = strawberry.field(default="", description="Why: a note or a document reference.")
    effective_date: datetime.date | None = strawberry.field(
        default=None, description="When it took effect, where that differs from today."
    )


def _request(ctx: Context, given: CommandInput) -> Request:
    return Request(
        actor=ctx.actor,
        idempotency_key=given.idempotency_key,
        correlation_id=ctx.correlation_id,
        reason=given.reason,
        effective_date=given.effective_date,
    )


def _attempt(command: Callable[[Request], Done], request: Request) -> Done | FailureType:
    """The command's outcome, or its refusal as a GraphQL type (in the calling thread)."""
    try:
        return command(request)
    except domain_errors.DomainError as error:
        return failure_of(error)


async def run_command(
    info: Info[Context, None],
    given: CommandInput,
    command: Callable[[Request], Done],
    success: Callable[[Done], Awaitable[T]],
) -> T | FailureType:
    done = await asyncio.to_thread(_attempt, command, _request(info.context, given))
    if not isinstance(done, Done):
        return done
    return await success(done)


Success = Callable[[Info[Context, None], Done], Awaitable[T]]


async def mutate(
    info: Info[Context, None],
    given: CommandInput,
    command: Callable[[Ledger, Request], Done],
    success: Success[T],
) -> T | FailureType:
    """A mutation's whole body: run `command` on the ledger, then answer with `success`.

    Where the answer is a read-back (`reread`), the command and the read run one after the
    other in one worker thread: one hop from the event loop instead of two."""
    ledger = info.context.ledger
    if not isinstance(success, Reread):
        return await run_command(
            info, given, lambda request: command(ledger, request), lambda done: success(info, done)
        )
    reread_: Reread[Any, T] = success
    request = _request(info.context, given)

    def in_thread() -> T | FailureType:
        done = _attempt(lambda r: command(ledger, r), request)
        return reread_.in_thread(ledger, done) if isinstance(done, Done) else done

    return await asyncio.to_thread(in_thread)


class Reread(Generic[V, T]):
    """What a mutation answers: the view's record read back after the write (by `key`, the
    query's id argument) and built with the position of the last event recorded."""

    def __init__(
        self, query: Callable[..., V | None], key: str, build: Callable[[V, int], T]
    ) -> None:
        self.query = query
        self.key = key
        self.build = build

    def in_thread(self, ledger: Ledger, done: Done) -> T:
        with ledger.reading() as sql:
            found = self.query(sql, **{self.key: str(done.id)})
        assert found is not None, "read-your-writes: the view holds what was just recorded"
        return self.build(found, done.position)

    async def __call__(self, info: Info[Context, None], done: Done) -> T:
        return await asyncio.to_thread(self.in_thread, info.context.ledger, done)


def reread(query: Callable[..., V | None], key: str, build: Callable[[V, int], T]) -> Reread[V, T]:
    return Reread(query, key, build)


@strawberry.input(
    one_of=True,
    description=(
        "A past moment to read a view at: a log position, or an instant (with its time zone). "
        "It means recording time — what the record showed then; effective dates are fields."
    ),
)
class AsOf:
    position: int | None = strawberry.UNSET
    time: datetime.datetime | None = strawberry.UNSET


def instant(field: str, value: datetime.datetime) -> str:
    """An instant as the history stores recording times: UTC, ISO 8601, microseconds."""
    if value.tzinfo is None:
        raise domain_errors.InvalidInput(field, "needs a time zone, e.g. 2026-05-01T00:00:00+07:00")
    return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def position_of(sql: Sql, as_of: AsOf) -> int:
    if isinstance(as_of.position, int):
        if as_of.position < 0:
            raise domain_errors.InvalidInput("asOf.position", "must not be negative")
        return as_of.position
    assert isinstance(as_of.time, datetime.datetime)  # one_of: exactly one is set
    return position_at(sql, instant("asOf.time", as_of.time))


async def read(
    info: Info[Context, None],
    query: Callable[..., R],
    /,
    *,
    as_of: AsOf | None = None,
    **kwargs: object,
) -> R:
    """Runs a view query in a worker thread on one read transaction, as of a past moment if
    asked: the moment is resolved to a log position inside that same transaction."""
    ledger = info.context.ledger

    def in_transaction() -> R:
        with ledger.reading() as sql:
            if as_of is not None:
                kwargs["at"] = position_of(sql, as_of)
            return query(sql, **kwargs)

    return await asyncio.to_thread(in_transaction)


async def one(
    info: Info[Context, None],
    query: Callable[..., Row | None],
    build: Callable[[Row], T],
    /,
    *,
    as_of: AsOf | None = None,
    **kwargs: object,
) -> T | None:
    """One record of a view, built; None where the view has none."""
    row = await read(info, query, as_of=as_of, **kwargs)
    return build(row) if row else None


_INIT_FIELDS: dict[type, tuple[str, ...]] = {}


def _init_fields(cls: type) -> tuple[str, ...]:
    names = _INIT_FIELDS.get(cls)
    if names is None:
        names = _INIT_FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls) if f.init)
    return names


def from_same_names(cls: type[T], row: Row, /, **given: Any) -> T:
    """A type built from a view row: each field not `given` takes the row's value of the same
    name as it is; `given` holds the fields that are converted or named otherwise."""
    same = {name: row[name] for name in _init_fields(cls) if name not in given}
    return cls(**same, **given)


def optional_date(value: str | None) -> datetime.date | None:
    """A view's ISO date, or None where it has none."""
    return datetime.date.fromisoformat(value) if value else None


def parse_id(field: str, value: strawberry.ID | str) -> UUID:
    try:
        return UUID(str(value))
    except ValueError:
        raise domain_errors.InvalidInput(field, "is not a valid id") from None


def parse_optional_id(field: str, value: strawberry.ID | None) -> UUID | None:
    return None if value is None else parse_id(field, value)


def optional_id_text(field: str, value: strawberry.ID | None) -> str | None:
    """A filter's id, checked: its text, or None where none was given."""
    return None if value is None else str(parse_id(field, value))


def encode_cursor(kind: str, value: str | int) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{value}".encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except ValueError:  # not base64, not ASCII, not UTF-8 (binascii.Error is a ValueError)
        raw = ""
    prefix, sep, value = raw.partition(":")
    if prefix != kind or not sep:
        raise domain_errors.InvalidInput("after", "is not a cursor of this list")
    return value


MAX_PAGE = 200


def page_size(first: int) -> int:
    if not 1 <= first <= MAX_PAGE:
        raise domain_errors.InvalidInput("first", f"must be between 1 and {MAX_PAGE}")
    return first


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Connection(Generic[T]):
    nodes: list[T]
    page_info: PageInfo


def connection(
    found: Page, build: Callable[[Row], T], cursor_of: Callable[[Row], str]
) -> Connection[T]:
    end = cursor_of(found.rows[-1]) if found.rows else None
    return Connection(
        nodes=[build(r) for r in found.rows],
        page_info=PageInfo(has_next_page=found.has_next, end_cursor=end),
    )


@dataclasses.dataclass(frozen=True)
class Cursor(Generic[C]):
    """A list's cursors: `kind` names the list, `key` is what of a row a cursor holds, `parse`
    turns a cursor's value back into what the list query takes as its `argument`."""

    kind: str
    key: Callable[[Row], str | int]
    parse: Callable[[str], C]
    argument: str = "after"

    def of(self, row: Row) -> str:
        return encode_cursor(self.kind, self.key(row))

    def after(self, cursor: str | None) -> C | None:
        value = decode_cursor(self.kind, cursor)
        return None if value is None else self.parse(value)


def _position(value: str) -> int:
    if not value.isdigit():
        raise domain_errors.InvalidInput("after", "is not a cursor of this list")
    return int(value)


def _text(value: str) -> str:
    return value


def position_cursor(kind: str, column: str) -> Cursor[int]:
    """Cursors that hold a row's log position, in `column`."""
    return Cursor(kind, lambda row: row[column], _position)


def column_cursor(kind: str, column: str, argument: str = "after") -> Cursor[str]:
    """Cursors that hold a row's text value of `column`, as the list query takes it."""
    return Cursor(kind, lambda row: row[column], _text, argument)


async def page(
    info: Info[Context, None],
    query: Callable[..., Page],
    build: Callable[[Row], T],
    cursor: Cursor[Any],
    /,
    *,
    first: int,
    after: str | None,
    as_of: AsOf | None,
    **filters: object,
) -> Connection[T]:
    """A page of a list query: the filters as given, the cursor and the page size checked."""
    filters[cursor.argument] = cursor.after(after)
    filters["first"] = page_size(first)
    found = await read(info, query, as_of=as_of, **filters)
    return connection(found, build, cursor.of)
