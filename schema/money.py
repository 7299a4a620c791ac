"""The `Dong` scalar: money as exact whole numbers of đồng, end to end."""

from __future__ import annotations

from typing import Any, NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

Dong = NewType("Dong", int)


def _parse_dong(value: Any) -> Dong:
    """A JSON integer, or a string of digits (for clients that cannot send large integers)."""
    if isinstance(value, bool):
        raise ValueError("an amount in đồng is a whole number")
    if isinstance(value, int):
        return Dong(value)
    if isinstance(value, str) and value.strip().isdigit():
        return Dong(int(value.strip()))
    raise ValueError("an amount in đồng is a whole number, e.g. 1250000")


DONG: ScalarDefinition = strawberry.scalar(
    name="Dong",
    serialize=int,
    parse_value=_parse_dong,
    description="An amount in đồng: an exact whole number (a JSON integer up to 10^15; input "
    "may also be a string of digits). Never a fraction, never a float.",
)

SCALARS: dict[object, ScalarDefinition] = {Dong: DONG}
