from __future__ import annotations

import strawberry

from schema.common import CommandInput
from schema.program.types import CriterionGroup, TargetKind
from schema.units.types import UnitKind


@strawberry.input
class AddCriterionInput(CommandInput):
    group: CriterionGroup
    text_vi: str
    text_en: str = ""


@strawberry.input
class ReviseCriterionInput(CommandInput):
    code: str = strawberry.field(description="A criterion in force, e.g. 'commune-3'.")
    text_vi: str
    text_en: str = ""


@strawberry.input
class RetireCriterionInput(CommandInput):
    code: str = strawberry.field(description="A criterion in force; the reason is required.")


@strawberry.input
class ReviseTargetInput(CommandInput):
    model_type: str = strawberry.field(description="A model type code, e.g. 'green-business'.")
    target_kind: TargetKind
    target_count: int | None = strawberry.field(
        default=None, description="For a counted target only."
    )
    target_text_vi: str
    target_text_en: str = ""


@strawberry.input
class AddModelTypeInput(CommandInput):
    code: str = strawberry.field(description="Lowercase letters, digits and hyphens.")
    name_vi: str
    name_en: str = ""
    unit_kinds: list[UnitKind] = strawberry.field(description="Who may build the model.")
    target_kind: TargetKind
    target_count: int | None = None
    target_text_vi: str
    target_text_en: str = ""
