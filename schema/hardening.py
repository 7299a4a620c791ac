"""Limits on what one GraphQL request may ask, and how errors leave the server.

Cost: every field selected costs one for each time it can appear in the answer, so a field
under `tasks(first: 100)` costs 100, and under `villageBoard(first: 50) { tasks(first: 100) }`
costs 5000. A `first` given as a variable counts as the variable's default, or as the largest
page when it has none — so the rule does not depend on variables and its verdict can be cached
with the document."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    IntValueNode,
    OperationDefinitionNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
)
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

from domain import base as domain_errors
from domain.authority import NotAllowed
from schema.common import MAX_PAGE

log = logging.getLogger("socai.graphql")

MAX_DEPTH = 12
MAX_ALIASES = 20
MAX_TOKENS = 4000
MAX_COST = 25_000


class _Scope:
    """The cost counted in one operation or fragment, and the spreads it makes."""

    def __init__(self) -> None:
        self.cost = 0
        self.spreads: list[tuple[str, int]] = []  # (fragment, multiplier)


def cost_rule(max_cost: int) -> type[ValidationRule]:
    class CostLimit(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            self.scopes: dict[tuple[str, str], _Scope] = {}
            self.current = _Scope()
            self.multipliers = [1]
            self.variable_defaults: dict[str, int] = {}

        def _begin(self, kind: str, name: str) -> None:
            self.current = self.scopes.setdefault((kind, name), _Scope())
            self.multipliers = [1]

        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            self._begin("operation", node.name.value if node.name else "")
            self.variable_defaults = {
                d.variable.name.value: int(d.default_value.value)
                for d in node.variable_definitions or ()
                if isinstance(d.default_value, IntValueNode)
            }

        def enter_fragment_definition(self, node: FragmentDefinitionNode, *_: Any) -> None:
            self._begin("fragment", node.name.value)

        def enter_field(self, node: FieldNode, *_: Any) -> None:
            multiplier = self.multipliers[-1]
            self.current.cost += multiplier
            self.multipliers.append(multiplier * self._page(node))

        def leave_field(self, *_: Any) -> None:
            self.multipliers.pop()

        def enter_fragment_spread(self, node: FragmentSpreadNode, *_: Any) -> None:
            self.current.spreads.append((node.name.value, self.multipliers[-1]))

        def _page(self, node: FieldNode) -> int:
            given = next((a.value for a in node.arguments or () if a.name.value == "first"), None)
            if isinstance(given, IntValueNode):
                return max(int(given.value), 1)
            if isinstance(given, VariableNode):
                return self.variable_defaults.get(given.name.value, MAX_PAGE)
            definition = self.context.get_field_def()
            first = definition.args.get("first") if definition else None
            if first is not None and isinstance(first.default_value, int):
                return first.default_value
            return 1

        def leave_document(self, *_: Any) -> None:
            totals: dict[str, int] = {}

            def total(scope: _Scope, seen: frozenset[str]) -> int:
                count = scope.cost
                for name, multiplier in scope.spreads:
                    fragment = self.scopes.get(("fragment", name))
                    if fragment is not None and name not in seen:
                        count += multiplier * total(fragment, seen | {name})
                return count

            for (kind, name), scope in self.scopes.items():
                if kind == "operation":
                    totals[name] = total(scope, frozenset())
            worst = max(totals.values(), default=0)
            if worst > max_cost:
                self.report_error(
                    GraphQLError(
                        f"the query may return {worst} values, more than {max_cost}: "
                        "ask for fewer fields or smaller pages (`first`)"
                    )
                )

    return CostLimit


def error_code(error: domain_errors.DomainError) -> str:
    if isinstance(error, domain_errors.InvalidInput | domain_errors.DateOutsideProgram):
        return "BAD_USER_INPUT"
    if isinstance(error, NotAllowed):
        return "FORBIDDEN"
    if isinstance(error, domain_errors.NotFound):
        return "NOT_FOUND"
    return "BAD_REQUEST"


class ErrorPolicy(MaskErrors):
    """A refusal the caller can act on (a malformed id or cursor, a page too large) keeps its
    message, with a code in `extensions`. Anything unexpected goes to the log with the request
    id, and the caller gets only that id."""

    def __init__(self, request_id: Callable[[Any], str]) -> None:
        super().__init__(error_message="Unexpected error.")
        self.request_id = request_id

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return [self._process(error) for error in errors]

    def _process(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if original is None or isinstance(original, GraphQLError):
            # The request itself: syntax, validation, limits, variables that do not fit their
            # types. The caller can fix these, and the message says what to fix.
            return error
        if isinstance(original, domain_errors.DomainError):
            extensions = {"code": error_code(original)}
            if isinstance(original, domain_errors.InvalidInput):
                extensions["field"] = original.field
            return GraphQLError(
                error.message,
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=error.path,
                extensions=extensions,
            )
        request_id = self.request_id(self.execution_context.context)
        log.error("unexpected error in request %s", request_id, exc_info=original)
        return GraphQLError(
            self.error_message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
        )


# The limiters' rule classes, made once: a class made per request would never hit the
# validation cache, which keys on the rules.
RULES = [
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
    cost_rule(MAX_COST),
]


def hardening(*, production: bool) -> list[Callable[[], SchemaExtension]]:
    """Factories: each request gets its own extension objects (the caches are shared)."""

    def request_id(context: Any) -> str:
        return str(getattr(context, "correlation_id", "unknown"))

    extensions: list[Callable[[], SchemaExtension]] = [
        partial(ParserCache, maxsize=512),
        partial(ValidationCache, maxsize=512),
        partial(MaxTokensLimiter, max_token_count=MAX_TOKENS),
        partial(AddValidationRules, RULES),
        partial(ErrorPolicy, request_id),
    ]
    if production:
        extensions.append(DisableIntrospection)
    return extensions
