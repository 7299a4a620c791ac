from __future__ import annotations

from collections.abc import Mapping, Sequence
from uuid import UUID

from domain.base import Stamp
from domain.indicator import Indicator, IndicatorCodeTaken, indicator_id_for
from domain.ledger import Done, Request
from domain.services.program import ProgramService


class IndicatorService(ProgramService):
    def indicator(self, indicator_id: UUID) -> Indicator:
        return self.load(Indicator, indicator_id, "indicator")

    def define_indicator(
        self,
        request: Request,
        *,
        code: str,
        criterion: str,
        name_vi: str,
        name_en: str,
        unit_of_measure: str,
        direction: str,
        baseline: str,
        baseline_year: int,
        targets: Mapping[int, str],
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Indicator]]:
            if self.exists(indicator_id_for(code.strip())):
                raise IndicatorCodeTaken(f"an indicator '{code.strip()}' is defined already")
            indicator = Indicator.define(
                stamp,
                code=code,
                criterion=self.program().criterion_in_force(criterion),
                name_vi=name_vi,
                name_en=name_en,
                unit_of_measure=unit_of_measure,
                direction=direction,
                baseline=baseline,
                baseline_year=baseline_year,
                targets=targets,
            )
            return indicator.id, [indicator]

        payload = {
            "code": code,
            "criterion": criterion,
            "name_vi": name_vi,
            "name_en": name_en,
            "unit_of_measure": unit_of_measure,
            "direction": direction,
            "baseline": baseline,
            "baseline_year": baseline_year,
            "targets": {str(year): value for year, value in targets.items()},
        }
        return self.execute(request, "define_indicator", payload, work)

    def set_indicator_target(
        self, request: Request, *, indicator_id: UUID, year: int, target: str
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Indicator]]:
            indicator = self.indicator(indicator_id)
            indicator.set_target(stamp, year=year, target=target)
            return indicator.id, [indicator]

        payload = {"indicator_id": indicator_id, "year": year, "target": target}
        return self.execute(request, "set_indicator_target", payload, work)

    def measure_indicator(
        self,
        request: Request,
        *,
        indicator_id: UUID,
        period: str,
        value: str,
        source: str,
        evidence: Sequence[str],
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Indicator]]:
            indicator = self.indicator(indicator_id)
            indicator.measure(stamp, period=period, value=value, source=source, evidence=evidence)
            return indicator.id, [indicator]

        payload = {
            "indicator_id": indicator_id,
            "period": period,
            "value": value,
            "source": source,
            "evidence": list(evidence),
        }
        return self.execute(request, "measure_indicator", payload, work)
