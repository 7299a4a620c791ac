from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from domain import catalog
from domain.base import Stamp
from domain.program import Program, UnknownProgramItem

STAMP = Stamp("socai", "system", "", "init")


def test_the_catalog_holds_what_the_seed_fixes() -> None:
    assert len(catalog.COMMUNE_CRITERIA) == 8
    assert len(catalog.PERSON_CRITERIA) == 5
    assert [m.number for m in catalog.MODEL_TYPES] == [1, 2, 3, 4, 5]
    targets = {m.code: (m.target_kind, m.target_count) for m in catalog.MODEL_TYPES}
    assert targets["model-cultural-village"] == ("all_units_of_kind", None)
    assert targets["culture-club"] == ("all_units_of_kind", None)
    assert targets["socialist-school"] == ("count", 1)
    assert targets["green-business"] == ("count", 5)
    assert [(p.starts_on.year, p.ends_on.year) for p in catalog.PHASES] == [
        (2025, 2026),
        (2027, 2028),
        (2029, 2030),
    ]
    assert [a.code for a in catalog.TASK_AREAS] == ["III.1", "III.2", "III.3", "III.4", "III.5"]
    assert [b.code for b in catalog.RESPONSIBLE_BODIES] == [f"IV.3.{i}" for i in range(1, 7)]


def test_catalog_text_is_nfc_and_appears_in_the_seed() -> None:
    for criterion in catalog.COMMUNE_CRITERIA + catalog.PERSON_CRITERIA:
        assert unicodedata.is_normalized("NFC", criterion.text_vi)
        assert criterion.text_en


def test_adoption_defines_every_item_as_its_own_event() -> None:
    program = Program.adopt(STAMP)
    names = [type(e).__name__ for e in program.collect_events()]
    assert names[0] == "ProgramAdopted"
    assert names.count("CriterionDefined") == 13
    assert names.count("ModelTypeDefined") == 5
    assert names.count("PhaseDefined") == 3
    assert names.count("TaskAreaDefined") == 5
    assert names.count("ResponsibleBodyDefined") == 6
    assert names.count("GoalDefined") == 7


def test_items_and_phases_are_looked_up_by_code_and_date() -> None:
    program = Program.adopt(STAMP)
    assert program.item("model_type", "socialist-school")["unit_kinds"] == ["school"]
    with pytest.raises(UnknownProgramItem, match=r"III\.9"):
        program.item("task_area", "III.9")
    assert program.phase_of(date(2026, 12, 31)) == "phase-1"
    assert program.phase_of(date(2027, 1, 1)) == "phase-2"
    assert program.phase_of(date(2031, 1, 1)) is None
