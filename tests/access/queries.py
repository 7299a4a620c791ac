"""Queries built from the schema itself: every query field with every field below it."""

from __future__ import annotations

from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLUnionType,
    Undefined,
    get_named_type,
    is_leaf_type,
    is_non_null_type,
)

from schema import schema


def selection(field: GraphQLField, depth: int) -> str:
    named = get_named_type(field.type)
    if is_leaf_type(named):
        return ""
    if depth == 0:
        return "{ __typename }"
    if isinstance(named, GraphQLUnionType):
        parts = [f"... on {t.name} {fields_of(t, depth - 1)}" for t in named.types]
        return "{ __typename " + " ".join(parts) + " }"
    assert isinstance(named, GraphQLObjectType | GraphQLInterfaceType)
    return fields_of(named, depth - 1)


def fields_of(named: GraphQLObjectType | GraphQLInterfaceType, depth: int) -> str:
    parts = ["__typename"]
    for name, field in named.fields.items():
        required = [n for n, a in field.args.items() if is_non_null_type(a.type)]
        if any(str(field.args[n].type) != "AsOf!" for n in required):
            continue  # a nested field that needs arguments this builder cannot make up
        args = ", ".join(f"{n}: {{position: 0}}" for n in required)
        call = f"{name}({args})" if args else name
        parts.append(f"{call} {selection(field, depth)}".strip())
    return "{ " + " ".join(parts) + " }"


def every_query(ids: dict[str, str], depth: int = 4) -> dict[str, str]:
    """One query per root field; `id`-like arguments come from `ids` by field name."""
    root = schema._schema.query_type
    assert root is not None
    queries: dict[str, str] = {}
    for name, field in root.fields.items():
        args = []
        if "id" in field.args:
            args.append(f'id: "{ids[name]}"')
        if "unitId" in field.args and is_non_null_type(field.args["unitId"].type):
            args.append(f'unitId: "{ids[name]}"')
        if "first" in field.args:
            args.append("first: 20")
        for arg_name, arg in field.args.items():
            given = ("id", "unitId", "first")
            if (
                arg_name in given
                or not is_non_null_type(arg.type)
                or arg.default_value != Undefined
            ):
                continue
            kind = str(arg.type)
            # other required arguments: a plausible value (a proof of the first event, …)
            args.append(
                f"{arg_name}: 1" if kind == "Int!" else f'{arg_name}: "{ids.get(name, "")}"'
            )
        arguments = f"({', '.join(args)})" if args else ""
        queries[name] = f"{{ {name}{arguments} {selection(field, depth)} }}"
    return queries
