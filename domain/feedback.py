"""Citizen feedback (III.1: the people give opinions, supervise and get answers): submitted about
a unit, acknowledged, answered by that unit, and closed. The citizen follows it by a short
reference; the submitter's identity is personal data."""

from __future__ import annotations

from uuid import UUID

from domain.base import (
    MAX_NAME,
    InvalidInput,
    LedgerAggregate,
    RuleBroken,
    Stamp,
    clean_text,
    new_id,
)
from domain.personal import Seal, Sealed, seal_with
from domain.unit import Unit

CHANNELS = ("in_person", "phone", "letter", "online", "meeting", "mass_organization")
STATUSES = ("submitted", "acknowledged", "answered", "closed")

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def reference_for(feedback_id: UUID) -> str:
    """A short code to follow the feedback by: "GY-" and 50 bits of its id in Crockford base32
    (no I, L, O, U to misread). Not a secret: it only saves the citizen a long id."""
    bits = feedback_id.int >> (128 - 50)
    chars = "".join(_CROCKFORD[(bits >> shift) & 31] for shift in range(45, -1, -5))
    return f"GY-{chars[:5]}-{chars[5:]}"


class FeedbackAlreadyAcknowledged(RuleBroken):
    pass


class FeedbackNotAcknowledged(RuleBroken):
    pass


class FeedbackAlreadyAnswered(RuleBroken):
    pass


class FeedbackAlreadyClosed(RuleBroken):
    pass


class FeedbackTransferToSameUnit(RuleBroken):
    pass


def optional_personal(field: str, value: str | None) -> str | None:
    if value is None:
        return None
    return clean_text(field, value, required=False, max_length=MAX_NAME) or None


def sealed_submitter(
    seal: Seal | None, name: str | None, contact: str | None
) -> dict[str, Sealed | None]:
    return {
        "sealed_name": seal_with(
            seal, "submitterName", "submitter_name", optional_personal("submitterName", name)
        ),
        "sealed_contact": seal_with(
            seal,
            "submitterContact",
            "submitter_contact",
            optional_personal("submitterContact", contact),
        ),
    }


class Feedback(LedgerAggregate):
    STREAM = "feedback"

    channel: str
    topic: str
    unit_id: UUID
    status: str

    def __init__(self) -> None:
        """State is set only by the events' `apply` methods."""

    class FeedbackSubmitted(LedgerAggregate.Created):
        class_version = 2
        channel: str
        topic: str
        text: str
        unit_id: UUID
        # Version 1 held who gave the feedback and how to reach them in plaintext; since
        # version 2 these are None and the sealed fields hold them (both optional).
        submitter_name: str | None
        submitter_contact: str | None
        sealed_name: Sealed | None
        sealed_contact: Sealed | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            state["sealed_name"] = None
            state["sealed_contact"] = None

        def apply(self, aggregate: Feedback) -> None:
            aggregate.channel = self.channel
            aggregate.topic = self.topic
            aggregate.unit_id = self.unit_id
            aggregate.status = "submitted"

    class FeedbackAcknowledged(LedgerAggregate.Event):
        note: str

        def apply(self, aggregate: Feedback) -> None:
            aggregate.status = "acknowledged"

    class FeedbackAnswered(LedgerAggregate.Event):
        answer: str

        def apply(self, aggregate: Feedback) -> None:
            aggregate.status = "answered"

    class FeedbackClosed(LedgerAggregate.Event):
        note: str

        def apply(self, aggregate: Feedback) -> None:
            aggregate.status = "closed"

    class FeedbackTransferred(LedgerAggregate.Event):
        from_unit_id: UUID
        to_unit_id: UUID

        def apply(self, aggregate: Feedback) -> None:
            aggregate.unit_id = self.to_unit_id

    @classmethod
    def submit(
        cls,
        stamp: Stamp,
        *,
        channel: str,
        topic: str,
        text: str,
        unit: Unit,
        submitter_name: str | None,
        submitter_contact: str | None,
        seal: Seal | None = None,
    ) -> Feedback:
        """`seal(field, text)` encrypts the submitter's name and contact with their key."""
        if channel not in CHANNELS:
            raise InvalidInput("channel", f"must be one of {', '.join(CHANNELS)}")
        topic = clean_text("topic", topic, max_length=MAX_NAME)
        text = clean_text("text", text)
        unit.require_active()
        return cls._create(
            cls.FeedbackSubmitted,
            id=new_id(),
            stamp=stamp,
            channel=channel,
            topic=topic,
            text=text,
            unit_id=unit.id,
            submitter_name=None,
            submitter_contact=None,
            **sealed_submitter(seal, submitter_name, submitter_contact),
        )

    @property
    def reference(self) -> str:
        return reference_for(self.id)

    @property
    def is_open(self) -> bool:
        return self.status != "closed"

    def _require_open(self) -> None:
        if self.status == "closed":
            raise FeedbackAlreadyClosed(f"feedback {self.reference} is closed")

    def acknowledge(self, stamp: Stamp, *, note: str) -> None:
        self._require_open()
        if self.status != "submitted":
            raise FeedbackAlreadyAcknowledged(f"feedback {self.reference} is {self.status}")
        self._trigger(
            self.FeedbackAcknowledged, stamp, note=clean_text("note", note, required=False)
        )

    def answer(self, stamp: Stamp, *, answer: str) -> None:
        self._require_open()
        if self.status == "submitted":
            raise FeedbackNotAcknowledged(f"acknowledge feedback {self.reference} first")
        if self.status == "answered":
            raise FeedbackAlreadyAnswered(f"feedback {self.reference} was answered already")
        self._trigger(self.FeedbackAnswered, stamp, answer=clean_text("answer", answer))

    def close(self, stamp: Stamp, *, note: str) -> None:
        """Closes answered feedback; unanswered feedback (a duplicate, abuse, not the commune's
        to answer) closes only with a reason."""
        self._require_open()
        if self.status != "answered" and not stamp.reason:
            raise InvalidInput("reason", "say why feedback that was not answered is closed")
        self._trigger(self.FeedbackClosed, stamp, note=clean_text("note", note, required=False))

    def transfer(self, stamp: Stamp, to_unit_id: UUID) -> None:
        """Hands open feedback to the unit that takes over its unit's work (a merger)."""
        self._require_open()
        if to_unit_id == self.unit_id:
            raise FeedbackTransferToSameUnit("the feedback is already about that unit")
        self._trigger(
            self.FeedbackTransferred, stamp, from_unit_id=self.unit_id, to_unit_id=to_unit_id
        )
