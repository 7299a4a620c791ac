"""Every GraphQL example in the README is valid against the schema, so a user can paste it."""

import re
from pathlib import Path

import pytest
from graphql import parse, validate

from schema import schema

README = Path(__file__).parent.parent / "README.md"
EXAMPLES = re.findall(r"```graphql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("example", EXAMPLES)
def test_readme_example_is_valid(example: str) -> None:
    errors = validate(schema._schema, parse(example))
    assert errors == [], [e.message for e in errors]
