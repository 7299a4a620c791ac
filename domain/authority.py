"""Who may record what: the seed's division of labour (section IV.3) as a table."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from domain.base import DomainError


class Role(StrEnum):
    PUBLIC = "public"
    REPORTER = "reporter"
    OFFICE = "office"
    INSPECTOR = "inspector"
    COMMITTEE = "committee"
    AUDITOR = "auditor"
    ADMIN = "admin"
    SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    """The authenticated caller. Comes from credentials, never from mutation input."""

    id: str
    role: Role
    unit_id: UUID | None = None


PUBLIC = Actor(id="anonymous", role=Role.PUBLIC)
SYSTEM = Actor(id="socai", role=Role.SYSTEM)


class NotAllowed(DomainError):
    def __init__(self, actor: Actor, command: str, detail: str = "") -> None:
        message = f"role '{actor.role.value}' may not {command.replace('_', ' ')}"
        super().__init__(f"{message}: {detail}" if detail else message)
        self.command = command


_O, _I, _C, _R, _S = Role.OFFICE, Role.INSPECTOR, Role.COMMITTEE, Role.REPORTER, Role.SYSTEM

# Who sees personal fields (each read is recorded); the public and reporters never do.
PERSONAL_READERS = frozenset({_O, _I, _C, Role.AUDITOR})

# Reporters act for their own unit only; the application checks that scope.
PERMISSIONS: dict[str, frozenset[Role]] = {
    "adopt_program": frozenset({_S}),
    "add_criterion": frozenset({_C, _S}),
    "revise_criterion": frozenset({_C, _S}),
    "retire_criterion": frozenset({_C, _S}),
    "revise_target": frozenset({_C, _S}),
    "add_model_type": frozenset({_C, _S}),
    "register_unit": frozenset({_O, _S}),
    "rename_unit": frozenset({_O, _S}),
    "merge_unit": frozenset({_O, _S}),
    "dissolve_unit": frozenset({_O, _S}),
    "assign_task": frozenset({_O, _S}),
    "report_progress": frozenset({_O, _R, _S}),
    "change_deadline": frozenset({_O, _S}),
    "reassign_task": frozenset({_O, _S}),
    "complete_task": frozenset({_O, _S}),
    "cancel_task": frozenset({_O, _S}),
    "enrol_model": frozenset({_O, _S}),
    "assess_model": frozenset({_O, _I, _S}),
    "recognize_model": frozenset({_C, _S}),
    "revoke_recognition": frozenset({_C, _S}),
    "propose_commendation": frozenset({_O, _I, _C, _R, _S}),
    "issue_commendation": frozenset({_C, _S}),
    "revoke_commendation": frozenset({_C, _S}),
    "flag_shortcoming": frozenset({_I, _S}),
    "plan_remediation": frozenset({_O, _R, _S}),
    "resolve_shortcoming": frozenset({_I, _O, _S}),
    "propose_discipline": frozenset({_I, _S}),
    "decide_discipline": frozenset({_C, _S}),
    "plan_inspection": frozenset({_I, _S}),
    "conduct_inspection": frozenset({_I, _S}),
    "record_finding": frozenset({_I, _S}),
    "commend_from_inspection": frozenset({_I, _S}),
    "close_inspection": frozenset({_I, _S}),
    # The one write the public may make: an opinion, or a testimony on a progress report.
    "submit_feedback": frozenset({Role.PUBLIC, _O, _R, _S}),
    "give_testimony": frozenset({Role.PUBLIC, _O, _R, _S}),
    "acknowledge_feedback": frozenset({_O, _R, _S}),
    "answer_feedback": frozenset({_O, _R, _S}),
    "close_feedback": frozenset({_O, _S}),
    "hold_review": frozenset({_O, _S}),
    "allocate_budget": frozenset({_O, _S}),
    "receive_contribution": frozenset({_O, _S}),
    "record_expenditure": frozenset({_O, _S}),
    "record_rating": frozenset({_I, _S}),
    "correct_rating": frozenset({_I, _S}),
    "define_indicator": frozenset({_O, _S}),
    "set_indicator_target": frozenset({_O, _S}),
    "measure_indicator": frozenset({_O, _S}),
    # Configuration, not the record: an admin keeps the webhook subscribers.
    "register_webhook": frozenset({Role.ADMIN, _S}),
    "resume_webhook": frozenset({Role.ADMIN, _S}),
    "disable_webhook": frozenset({Role.ADMIN, _S}),
    "forget_person": frozenset({Role.ADMIN, _S}),
    "record_personal_read": PERSONAL_READERS | {_S},
}

UNIT_SCOPED = frozenset(
    {
        "report_progress",
        "plan_remediation",
        "propose_commendation",
        "acknowledge_feedback",
        "answer_feedback",
    }
)


def authorize(actor: Actor, command: str, unit_ids: tuple[UUID, ...] | None = None) -> None:
    """Checks the role; with `unit_ids` (the units a command concerns) also a reporter's scope.

    The application checks the role before loading anything, and the scope once the command's
    units are known."""
    if actor.role not in PERMISSIONS[command]:
        raise NotAllowed(actor, command)
    if unit_ids is None:
        return
    if actor.role is Role.REPORTER and command in UNIT_SCOPED and actor.unit_id not in unit_ids:
        raise NotAllowed(actor, command, "a reporter acts for its own unit only")
