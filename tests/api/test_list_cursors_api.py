"""Every paged list refuses a cursor of its own kind whose value it cannot read, as it refuses
another list's cursor: a typed bad-input error on `after`, and nothing read."""

from __future__ import annotations

import base64

import pytest

from tests.conftest import TOKENS, GraphQLClient


def cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


LISTS = [
    ("commendations", "commendation", "id"),
    ("shortcomings", "shortcoming", "id"),
    ("inspections", "inspection", "id"),
    ("feedbacks", "feedback", "id"),
    ("tasks", "task", "id"),
    ("history", "pos", "position"),
]


@pytest.mark.parametrize(("field", "kind", "node"), LISTS)
async def test_a_cursor_of_the_list_with_an_unreadable_value_is_refused(
    gql: GraphQLClient, field: str, kind: str, node: str
) -> None:
    for value in ("x1", "", "-3"):
        after = cursor(f"{kind}:{value}")
        query = f'{{ {field}(first: 5, after: "{after}") {{ nodes {{ {node} }} }} }}'
        response = await gql.http.post(
            "/graphql",
            json={"query": query},
            headers={"authorization": f"Bearer {TOKENS['office']}"},
        )
        body = response.json()
        assert body.get("data") is None, body
        (error,) = body["errors"]
        assert error["message"] == "is not a cursor of this list", (query, error)
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}
