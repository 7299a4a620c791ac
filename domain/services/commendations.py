from __future__ import annotations

import unicodedata
from datetime import date
from uuid import UUID

from domain.authority import authorize
from domain.base import InvalidInput, Stamp
from domain.commendation import PERSONAL_KINDS, Commendation
from domain.ledger import Done, Request
from domain.personal import Sealed, person_id_for
from domain.services.personal import PersonalDataService
from domain.services.program import ProgramService
from domain.services.units import UnitService


class CommendationService(ProgramService, UnitService, PersonalDataService):
    def commendation(self, commendation_id: UUID) -> Commendation:
        return self.load(Commendation, commendation_id, "commendation")

    def propose_commendation(
        self,
        request: Request,
        *,
        recipient_kind: str,
        recipient_unit_id: UUID | None,
        recipient_name: str | None,
        form: str,
        achievement: str,
        proposed_by: str | None = None,
        recipient_person_id: UUID | None = None,
    ) -> Done:
        personal = recipient_kind in PERSONAL_KINDS
        if recipient_person_id is not None and not personal:
            raise InvalidInput("recipientPersonId", "only a person or a family has one")
        # Given, or derived from the idempotency key so that a retry finds the same person.
        person_id = recipient_person_id or person_id_for(request.idempotency_key)
        if personal:
            # The role first, so that no key is made for a caller who may not propose at all.
            authorize(request.actor, "propose_commendation")
            recipient_name = unicodedata.normalize("NFC", recipient_name or "").strip()
            name: str | None = self.keyring.fingerprint(person_id, "recipient_name", recipient_name)
        else:
            name = recipient_name

        def seal(field: str, text: str) -> Sealed:
            return self.keyring.seal(person_id, field, text)

        def work(stamp: Stamp) -> tuple[UUID, list[Commendation]]:
            # Before loading the unit, so a reporter learns nothing about other units.
            scope = (recipient_unit_id,) if recipient_unit_id else ()
            authorize(request.actor, "propose_commendation", scope)
            unit = self.unit(recipient_unit_id) if recipient_unit_id else None
            commendation = Commendation.propose(
                stamp,
                recipient_kind=recipient_kind,
                unit=unit,
                recipient_name=recipient_name,
                form=form,
                achievement=achievement,
                proposed_by=proposed_by,
                seal=seal,
            )
            return commendation.id, [commendation]

        payload = {
            "recipient_kind": recipient_kind,
            "recipient_unit_id": recipient_unit_id,
            "recipient_name": name,
            "recipient_person_id": recipient_person_id,
            "form": form,
            "achievement": achievement,
            "proposed_by": proposed_by,
        }
        return self.execute(request, "propose_commendation", payload, work)

    def issue_commendation(
        self,
        request: Request,
        *,
        commendation_id: UUID,
        decision_number: str,
        decision_date: date,
        issued_by: str,
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Commendation]]:
            commendation = self.commendation(commendation_id)
            commendation.issue(
                stamp,
                decision_number=decision_number,
                decision_date=decision_date,
                issued_by=issued_by,
            )
            return commendation.id, [commendation]

        payload = {
            "commendation_id": commendation_id,
            "decision_number": decision_number,
            "decision_date": decision_date,
            "issued_by": issued_by,
        }
        return self.execute(request, "issue_commendation", payload, work)

    def revoke_commendation(
        self, request: Request, *, commendation_id: UUID, decision_number: str | None = None
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Commendation]]:
            commendation = self.commendation(commendation_id)
            commendation.revoke(stamp, decision_number=decision_number)
            return commendation.id, [commendation]

        payload = {"commendation_id": commendation_id, "decision_number": decision_number}
        return self.execute(request, "revoke_commendation", payload, work)
