"""Erasures and reads of personal data: no view of their own, a line each in the history."""

from __future__ import annotations

from domain.personal import Person, PersonalDataAccess
from projections.fold import Touched, on
from projections.viewstore import ViewStore


@on(Person.PersonalDataErased)
def _erased(e: Person.PersonalDataErased, store: ViewStore) -> Touched:
    return Touched((), "Personal data erased: the person's key was deleted")


@on(PersonalDataAccess.PersonalDataRead)
def _read(e: PersonalDataAccess.PersonalDataRead, store: ViewStore) -> Touched:
    count = len(e.person_ids)
    who = "1 person" if count == 1 else f"{count} persons"
    return Touched((), f"Personal data read by {e.stamp.actor_role}: {who} ({e.operation})")
