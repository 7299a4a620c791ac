"""Every GraphQL document the portal's pages send is valid against the schema, so a change to
the API that would break a page fails here, without a browser."""

from __future__ import annotations

import re

import pytest
from graphql import parse, validate

from portal import STATIC_DIR
from schema import schema

# A GraphQL document is a template literal given to a constant with an upper-case name
# (`const QUERY = \`…\``) or straight to `gql(\`…\`)`.
DOCUMENT = re.compile(r"(?:\bconst [A-Z][A-Z0-9_]* =|\bgql\()\s*`([^`]*)`")
DOCUMENTS = [
    pytest.param(match.group(1), id=f"{path.relative_to(STATIC_DIR)}:{number}")
    for path in sorted(STATIC_DIR.rglob("*.js"))
    for number, match in enumerate(DOCUMENT.finditer(path.read_text(encoding="utf-8")), 1)
    if "${" not in match.group(1)
]


def test_the_portal_sends_queries() -> None:
    assert len(DOCUMENTS) >= 10


@pytest.mark.parametrize("document", DOCUMENTS)
def test_portal_document_is_valid(document: str) -> None:
    errors = validate(schema._schema, parse(document))
    assert errors == [], [e.message for e in errors]
