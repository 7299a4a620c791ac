"""Indicators of the commune criteria and the yearly scorecard: each criterion's indicators,
their target for the year and the latest value measured in it. Values stay decimal strings;
comparisons use `Decimal`."""

from __future__ import annotations

from decimal import Decimal

from domain.indicator import Indicator, period_end
from projections.fold import Touched, effective_or_recorded, on
from projections.program import program_items
from projections.read import doc, docs
from projections.storage import Row, Sql
from projections.viewstore import ViewStore, define_view

INDICATORS = define_view("v_indicators", ("criterion", "TEXT"), ("code", "TEXT"))


def _current(store: ViewStore, e: Indicator.Event) -> Row:
    row = store.get(INDICATORS, str(e.originator_id))
    assert row is not None, "an indicator is defined before it is measured"
    return row


@on(Indicator.IndicatorDefined)
def _defined(e: Indicator.IndicatorDefined, store: ViewStore) -> Touched:
    store.put(
        INDICATORS,
        {
            "id": str(e.originator_id),
            "code": e.code,
            "criterion": e.criterion,
            "name_vi": e.name_vi,
            "name_en": e.name_en,
            "unit_of_measure": e.unit_of_measure,
            "direction": e.direction,
            "baseline": e.baseline,
            "baseline_year": e.baseline_year,
            "targets": dict(e.targets),
            "measurements": [],
            "defined_on": effective_or_recorded(e),
        },
    )
    return Touched((), f"Indicator defined for {e.criterion}: {e.code} — {e.name_vi}")


@on(Indicator.IndicatorTargetSet)
def _target(e: Indicator.IndicatorTargetSet, store: ViewStore) -> Touched:
    row = _current(store, e)
    store.put(INDICATORS, {**row, "targets": {**row["targets"], str(e.year): e.target}})
    return Touched((), f"Indicator target set: {row['code']} {e.year} = {e.target}")


@on(Indicator.IndicatorMeasured)
def _measured(e: Indicator.IndicatorMeasured, store: ViewStore) -> Touched:
    row = _current(store, e)
    measurement = {
        "period": e.period,
        "value": e.value,
        "source": e.source,
        "evidence": list(e.evidence),
        "measured_on": effective_or_recorded(e),
        "position": store.position,
    }
    # A new measurement of a period replaces the earlier one (a correction, with its reason).
    kept = [m for m in row["measurements"] if m["period"] != e.period]
    ordered = sorted([*kept, measurement], key=lambda m: (period_end(m["period"]), m["period"]))
    store.put(INDICATORS, {**row, "measurements": ordered})
    return Touched((), f"Indicator measured: {row['code']} {e.period} = {e.value}")


def get_indicator(sql: Sql, indicator_id: str, *, at: int | None = None) -> Row | None:
    return doc(sql, INDICATORS, indicator_id, at=at)


def list_indicators(sql: Sql, *, criterion: str | None = None, at: int | None = None) -> list[Row]:
    where, params = (["criterion = ?"], [criterion]) if criterion else ([], [])
    return docs(sql, INDICATORS, where, params, at=at, order="criterion, code")


def _status(direction: str, value: Decimal, target: Decimal) -> str:
    met = value >= target if direction == "increase" else value <= target
    return "met" if met else "not_met"


def _progress(baseline: Decimal, target: Decimal, value: Decimal) -> str | None:
    """How far from the baseline towards the target, in percent (one decimal place)."""
    if target == baseline:
        return None
    share = (value - baseline) / (target - baseline) * 100
    return format(share.quantize(Decimal("0.1")), "f")


def score(indicator: Row, year: int) -> Row:
    """One indicator's standing in a year: its target, the latest value measured in that year."""
    target = indicator["targets"].get(str(year))
    measured = [m for m in indicator["measurements"] if period_end(m["period"]).year == year]
    latest = measured[-1] if measured else None
    if latest is None:
        status = "not_measured"
    elif target is None:
        status = "no_target"
    else:
        status = _status(indicator["direction"], Decimal(latest["value"]), Decimal(target))
    progress = (
        _progress(Decimal(indicator["baseline"]), Decimal(target), Decimal(latest["value"]))
        if latest is not None and target is not None
        else None
    )
    return {
        "indicator": indicator,
        "target": target,
        "value": latest["value"] if latest else None,
        "period": latest["period"] if latest else None,
        "status": status,
        "progress_percent": progress,
    }


def scorecard(sql: Sql, *, year: int, at: int | None = None) -> list[Row]:
    """The eight commune criteria (as they stood at `at`), each with its indicators' scores."""
    by_criterion: dict[str, list[Row]] = {}
    for indicator in list_indicators(sql, at=at):
        by_criterion.setdefault(indicator["criterion"], []).append(indicator)
    rows: list[Row] = []
    for criterion in program_items(sql, kind="criterion", at=at):
        if criterion["group"] != "commune":
            continue
        scores = [score(i, year) for i in by_criterion.get(criterion["code"], [])]
        rows.append(
            {
                "criterion": criterion,
                "scores": scores,
                "met": sum(1 for s in scores if s["status"] == "met"),
                "measured": sum(1 for s in scores if s["status"] != "not_measured"),
            }
        )
    return rows
