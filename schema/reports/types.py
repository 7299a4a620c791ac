from __future__ import annotations

import datetime
from decimal import Decimal

import strawberry

from projections.storage import Row
from schema.commendations.types import CommendationRecipientKind
from schema.common import optional_date
from schema.inspections.types import InspectionKind
from schema.models.types import ModelTypeRef
from schema.resources.types import SourceTotal


def percent(part: int, whole: int) -> Decimal | None:
    """part / whole in percent, one decimal place, exactly."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


@strawberry.type(description="A model's units recognized and in force against its target.")
class ReportModel:
    model_type: ModelTypeRef
    target: int
    recognized: int
    percent: Decimal | None
    target_text_vi: str


@strawberry.type(description="Tasks of one area (III.1–III.5).")
class ReportArea:
    area: str
    name_vi: str
    assigned: int = strawberry.field(description="Assigned by the end of the period.")
    assigned_in_period: int
    completed: int
    completed_in_period: int
    open: int = strawberry.field(description="Open on the last day of the period.")
    overdue: int = strawberry.field(description="Open and past due on the last day.")


@strawberry.type(description="A commendation decided in the period.")
class ReportCommendation:
    form: str
    recipient_kind: CommendationRecipientKind
    recipient: str = strawberry.field(
        description="A unit's or area's name; a citizen or a family only as such."
    )
    unit_name: str | None
    decision_number: str | None
    decision_date: datetime.date | None
    status: str


@strawberry.type
class ReportCommendations:
    proposed: int
    issued: int
    revoked: int
    decisions: list[ReportCommendation]


@strawberry.type
class ReportShortcomings:
    opened: int
    resolved: int
    open_at_end: int
    serious_open_at_end: int
    disciplines_decided: int
    disciplines_imposed: int


@strawberry.type
class ReportInspection:
    kind: InspectionKind
    title: str
    conducted_on: datetime.date | None
    units: int
    findings: int
    status: str


@strawberry.type
class ReportInspections:
    planned: int
    conducted: int
    closed: int
    findings: int
    shortcoming_findings: int
    good_practice_findings: int
    list: list[ReportInspection]


@strawberry.type
class ReportFeedback:
    received: int
    answered: int
    waiting_at_end: int
    closed_unanswered: int
    average_response_days: Decimal | None


@strawberry.type(
    description="The periodic report upward (IV.3.4) for a period, built from the views."
)
class PeriodicReport:
    program_vi: str
    resolution_ref: str
    since: datetime.date
    until: datetime.date
    position: int = strawberry.field(description="The log position the report was read at.")
    models: list[ReportModel]
    tasks: list[ReportArea]
    commendations: ReportCommendations
    shortcomings: ReportShortcomings
    inspections: ReportInspections
    feedback: ReportFeedback
    money: list[SourceTotal]

    @classmethod
    def from_row(cls, row: Row) -> PeriodicReport:
        c, s, i, f = (
            row["commendations"],
            row["shortcomings"],
            row["inspections"],
            row["feedback"],
        )
        answered = f["answered"]
        return cls(
            program_vi=row["program_vi"],
            resolution_ref=row["resolution_ref"],
            since=datetime.date.fromisoformat(row["since"]),
            until=datetime.date.fromisoformat(row["until"]),
            position=row["position"],
            models=[
                ReportModel(
                    model_type=ModelTypeRef(
                        code=m["model_type"], name_vi=m["name_vi"], name_en=m["name_en"]
                    ),
                    target=m["target"],
                    recognized=m["recognized"],
                    percent=percent(m["recognized"], m["target"]),
                    target_text_vi=m["target_text_vi"],
                )
                for m in row["models"]
            ],
            tasks=[ReportArea(**t) for t in row["tasks"]],
            commendations=ReportCommendations(
                proposed=c["proposed"],
                issued=c["issued"],
                revoked=c["revoked"],
                decisions=[
                    ReportCommendation(
                        form=d["form"],
                        recipient_kind=CommendationRecipientKind(d["recipient_kind"]),
                        recipient=d["recipient"],
                        unit_name=d["unit"],
                        decision_number=d["decision_number"],
                        decision_date=optional_date(d["decision_date"]),
                        status=d["status"],
                    )
                    for d in c["decisions"]
                ],
            ),
            shortcomings=ReportShortcomings(**s),
            inspections=ReportInspections(
                planned=i["planned"],
                conducted=i["conducted"],
                closed=i["closed"],
                findings=i["findings"],
                shortcoming_findings=i["shortcoming_findings"],
                good_practice_findings=i["good_practice_findings"],
                list=[
                    ReportInspection(
                        kind=InspectionKind(r["kind"]),
                        title=r["title"],
                        conducted_on=optional_date(r["conducted_on"]),
                        units=r["units"],
                        findings=r["findings"],
                        status=r["status"],
                    )
                    for r in i["list"]
                ],
            ),
            feedback=ReportFeedback(
                received=f["received"],
                answered=answered,
                waiting_at_end=f["waiting_at_end"],
                closed_unanswered=f["closed_unanswered"],
                average_response_days=(
                    (Decimal(f["response_days_total"]) / answered).quantize(Decimal("0.1"))
                    if answered
                    else None
                ),
            ),
            money=[SourceTotal.from_row(m) for m in row["money"]],
        )
