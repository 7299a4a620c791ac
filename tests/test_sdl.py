"""The committed SDL is the API contract: this fails when the code drifts from it."""

from pathlib import Path

from schema import schema

SDL = Path(__file__).parent.parent / "schema" / "schema.graphql"


def test_committed_sdl_matches_the_code() -> None:
    assert SDL.read_text(encoding="utf-8") == schema.as_str() + "\n", (
        "the GraphQL schema changed: run `make schema` and commit schema/schema.graphql"
    )
