"""Pairings: a startup and a need brought together, and the road after it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.enums import PairingInitiator, PairingOutcome, PairingStage, PairingStatus
from app.models.need import Need
from app.models.organization import Organization, _values
from app.models.types import UTCDateTime, utcnow


class Pairing(db.Model):
    """One per (need, startup). Transitions live in ``app.services.pairings``."""

    __tablename__ = "pairings"
    __table_args__ = (
        UniqueConstraint("need_id", "startup_id"),
        CheckConstraint(f"status IN ({_values(PairingStatus)})", name="status"),
        CheckConstraint(f"initiated_by IN ({_values(PairingInitiator)})", name="initiated_by"),
        CheckConstraint(f"stage IS NULL OR stage IN ({_values(PairingStage)})", name="stage"),
        CheckConstraint("stage IS NULL OR status = 'approved'", name="stage_only_when_approved"),
        CheckConstraint(
            "status <> 'approved' OR decided_by_id IS NOT NULL", name="approved_by_staff"
        ),
        Index("ix_pairings_status_requested", "status", "requested_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    startup_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    initiated_by: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=PairingStatus.REQUESTED)
    stage: Mapped[str | None] = mapped_column(String(20))
    # Compare-and-set counter: a transition updates only the version it read.
    version: Mapped[int] = mapped_column(default=1)

    # Each side's consent to providing its contact person to the other (PIPA Art. 17).
    startup_consented_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    manufacturer_consented_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer_reason: Mapped[str | None] = mapped_column(String(50))
    answer_note: Mapped[str | None] = mapped_column(Text)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_reason: Mapped[str | None] = mapped_column(String(50))
    decision_note: Mapped[str | None] = mapped_column(Text)
    introduced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    stage_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    need: Mapped[Need] = relationship()
    startup: Mapped[Organization] = relationship()
    events: Mapped[list[PairingEvent]] = relationship(
        back_populates="pairing", cascade="all, delete-orphan", order_by="PairingEvent.id"
    )
    outcomes: Mapped[list[PairingOutcomeReport]] = relationship(
        back_populates="pairing", cascade="all, delete-orphan", order_by="PairingOutcomeReport.id"
    )

    @property
    def manufacturer(self) -> Organization:
        return self.need.organization


class PairingEvent(db.Model):
    """One dated step of a pairing's timeline (a status or a stage change)."""

    __tablename__ = "pairing_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    pairing_id: Mapped[int] = mapped_column(
        ForeignKey("pairings.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # "status" or "stage"
    value: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    pairing: Mapped[Pairing] = relationship(back_populates="events")


class PairingOutcomeReport(db.Model):
    """A side's answer to the six-month outcome question."""

    __tablename__ = "pairing_outcomes"
    __table_args__ = (
        CheckConstraint(f"outcome IN ({_values(PairingOutcome)})", name="outcome"),
        UniqueConstraint("pairing_id", "organization_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairings.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    outcome: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    pairing: Mapped[Pairing] = relationship(back_populates="outcomes")
