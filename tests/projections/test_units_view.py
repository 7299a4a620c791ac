from __future__ import annotations

from typing import cast

from domain.base import Stamp
from domain.unit import Unit
from projections.fold import project
from projections.units import UNITS
from projections.viewstore import MemoryViewStore

STAMP = Stamp("office-1", "office", "decision 12", "c-1")


def test_units_view_keeps_every_row_version() -> None:
    one = Unit.register(STAMP, code="thon-1", kind="village", name="Thôn 1", parent=None)
    two = Unit.register(STAMP, code="thon-2", kind="village", name="Thôn 2", parent=None)
    one.rename(STAMP, "Thôn Một")
    one.merge_into(STAMP, two)
    events = [cast(Unit.Event, e) for e in [*one.collect_events(), *two.collect_events()]]
    store = MemoryViewStore()
    project(events, range(1, len(events) + 1), store)

    current = store.current(UNITS)
    assert current[str(one.id)]["name"] == "Thôn Một"
    assert current[str(one.id)]["status"] == "merged"
    assert current[str(one.id)]["merged_into"] == str(two.id)
    versions = store.versions[UNITS.name][str(one.id)]
    assert [(v[0], v[1], v[2]["status"]) for v in versions] == [
        (1, 2, "active"),
        (2, 3, "active"),
        (3, None, "merged"),
    ]
    assert [h.event_type for h in store.history] == [
        "UnitRegistered",
        "UnitRenamed",
        "UnitMerged",
        "UnitRegistered",
    ]
    assert store.history[2].units == (str(one.id), str(two.id))
    assert store.history[0].reason == "decision 12"
