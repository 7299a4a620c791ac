from __future__ import annotations

from typing import Any

import pytest

from domain.base import InvalidInput, Stamp
from domain.program import (
    CriterionNotInForce,
    CriterionUnchanged,
    Program,
    ProgramItemExists,
    TargetUnchanged,
    UnknownProgramItem,
)

STAMP = Stamp("socai", "system", "", "init")
REVIEW = Stamp("committee-1", "committee", "Sơ kết giữa kỳ 2028", "c-1")


def adopted() -> Program:
    program = Program.adopt(STAMP)
    program.collect_events()
    return program


def names(program: Program) -> list[str]:
    return [type(e).__name__ for e in program.collect_events()]


def test_a_revision_gives_the_criterion_a_new_version() -> None:
    program = adopted()
    program.revise_criterion(REVIEW, code="commune-3", text_vi=" Nhân dân làm chủ ", text_en="")
    assert names(program) == ["CriterionRevised"]
    criterion = program.item("criterion", "commune-3")
    assert (criterion["text_vi"], criterion["version"]) == ("Nhân dân làm chủ", 2)
    with pytest.raises(CriterionUnchanged):
        program.revise_criterion(REVIEW, code="commune-3", text_vi="Nhân dân làm chủ", text_en="")
    with pytest.raises(UnknownProgramItem):
        program.revise_criterion(REVIEW, code="commune-9", text_vi="x", text_en="")


def test_a_retired_criterion_can_no_longer_be_revised_or_judged() -> None:
    program = adopted()
    with pytest.raises(InvalidInput) as refused:
        program.retire_criterion(Stamp("c", "committee", "", "c-2"), code="person-4")
    assert refused.value.field == "reason"
    program.retire_criterion(REVIEW, code="person-4")
    assert names(program) == ["CriterionRetired"]
    with pytest.raises(CriterionNotInForce):
        program.retire_criterion(REVIEW, code="person-4")
    with pytest.raises(CriterionNotInForce):
        program.revise_criterion(REVIEW, code="person-4", text_vi="x", text_en="")
    with pytest.raises(CriterionNotInForce):
        program.require_in_force(["person-3", "Nhà văn hóa", "person-4"])
    program.require_in_force(["person-3", "Nhà văn hóa"])
    assert program.criteria_in_force("person") == ["person-1", "person-2", "person-3", "person-5"]


def test_criteria_added_by_amendment_take_the_next_number_of_their_group() -> None:
    program = adopted()
    assert program.add_criterion(REVIEW, group="person", text_vi="Sống xanh", text_en="") == (
        "person-6"
    )
    assert program.item("criterion", "person-6")["version"] == 1
    with pytest.raises(InvalidInput):
        program.add_criterion(REVIEW, group="village", text_vi="x", text_en="")


def test_a_target_is_revised_only_to_a_valid_new_one() -> None:
    program = adopted()
    program.revise_target(
        REVIEW,
        model_type="green-business",
        target_kind="count",
        target_count=8,
        target_text_vi="08 Cơ sở",
        target_text_en="8 establishments",
    )
    assert program.item("model_type", "green-business")["target_count"] == 8
    with pytest.raises(TargetUnchanged):
        program.revise_target(
            REVIEW,
            model_type="green-business",
            target_kind="count",
            target_count=8,
            target_text_vi="08 Cơ sở",
            target_text_en="8 establishments",
        )
    for kind, count, field in [("count", None, "targetCount"), ("all", None, "targetKind")]:
        with pytest.raises(InvalidInput) as refused:
            program.revise_target(
                REVIEW,
                model_type="green-business",
                target_kind=kind,
                target_count=count,
                target_text_vi="x",
                target_text_en="",
            )
        assert refused.value.field == field


def test_new_model_types_are_added_once_with_the_next_number() -> None:
    program = adopted()
    camera: dict[str, Any] = {
        "code": "camera-an-ninh",
        "name_vi": "Camera an ninh",
        "name_en": "Security cameras",
        "unit_kinds": ["village", "village"],
        "target_kind": "all_units_of_kind",
        "target_count": None,
        "target_text_vi": "100% thôn có Camera an ninh",
        "target_text_en": "",
    }
    program.add_model_type(REVIEW, **camera)
    assert names(program) == ["ModelTypeDefined"]
    added = program.item("model_type", "camera-an-ninh")
    assert (added["number"], added["unit_kinds"]) == (6, ["village"])
    with pytest.raises(ProgramItemExists):
        program.add_model_type(REVIEW, **camera)
    with pytest.raises(InvalidInput) as refused:
        program.add_model_type(REVIEW, **{**camera, "code": "x", "unit_kinds": ["family"]})
    assert refused.value.field == "unitKinds"
