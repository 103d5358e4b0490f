"""Reading pairings: lists, outcome answers, and the contact persons (audited)."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Select, case, false, func, select

from app.extensions import db
from app.models import (
    Need,
    Organization,
    Pairing,
    PairingOutcomeReport,
    User,
)
from app.models.enums import (
    PairingInitiator,
    PairingStatus,
    Role,
)
from app.services import audit
from app.services.pairings.core import (
    MANUFACTURER,
    STAFF,
    STARTUP,
    organization_of,
    other_side,
    side_of,
)

logger = logging.getLogger(__name__)


def get_outcome_report(pairing: Pairing, organization: Organization) -> PairingOutcomeReport | None:
    """The outcome ``organization`` reported for ``pairing``, if it answered yet."""
    return db.session.scalar(
        select(PairingOutcomeReport).where(
            PairingOutcomeReport.pairing_id == pairing.id,
            PairingOutcomeReport.organization_id == organization.id,
        )
    )


def list_outcome_reports(pairing: Pairing) -> list[PairingOutcomeReport]:
    """Both parties' outcome answers for ``pairing`` (staff read them)."""
    return list(
        db.session.scalars(
            select(PairingOutcomeReport).where(PairingOutcomeReport.pairing_id == pairing.id)
        )
    )


def contact_for(pairing: Pairing, viewer: User, side: str | None = None) -> dict[str, Any] | None:
    """The other side's contact person, or None.

    Only when the pairing is approved, both sides consented (PIPA Art. 17) and the
    viewer is a party or staff (staff name the ``side`` to read). Every reveal is
    audited: ``contact.revealed`` for a party, ``contact.viewed`` for staff.
    """
    viewer_side = side_of(pairing, viewer)
    if viewer_side is None:
        return None
    if (
        pairing.status != PairingStatus.APPROVED
        or pairing.startup_consented_at is None
        or pairing.manufacturer_consented_at is None
    ):
        return None
    if viewer_side == STAFF:
        if side not in (STARTUP, MANUFACTURER):
            raise ValueError("staff must name the side whose contact they read")
        target = side
    else:
        target = other_side(viewer_side)
    organization = organization_of(pairing, target)
    audit.record(
        "contact.viewed" if viewer_side == STAFF else "contact.revealed",
        "pairing",
        pairing.id,
        actor=viewer,
        subject_organization_id=organization.id,
        detail={"pairing_id": pairing.id, "reason": "pairing approved"},
    )
    db.session.commit()
    return {
        "organization": organization.name,
        "name": organization.contact_name,
        "email": organization.contact_email,
        "phone": organization.contact_phone,
    }


def list_pairings_for(
    user: User, *, direction: str | None = None, status: str | None = None
) -> Select[tuple[Pairing]]:
    """The pairings of the user's company; ``direction`` "sent" or "received"."""
    statement = select(Pairing).join(Need, Need.id == Pairing.need_id)
    if user.role == Role.STARTUP:
        statement = statement.where(Pairing.startup_id == user.organization_id)
        mine = PairingInitiator.STARTUP
    elif user.role == Role.MANUFACTURER:
        statement = statement.where(Need.organization_id == user.organization_id)
        mine = PairingInitiator.MANUFACTURER
    else:
        return statement.where(false())
    if direction == "sent":
        statement = statement.where(Pairing.initiated_by == mine)
    elif direction == "received":
        statement = statement.where(Pairing.initiated_by != mine)
    if status in set(PairingStatus):
        statement = statement.where(Pairing.status == status)
    return statement.order_by(Pairing.requested_at.desc(), Pairing.id.desc())


def get_request_of(need: Need, startup: Organization) -> Pairing | None:
    """The pairing ``startup`` itself asked for on ``need``, if any (for idempotent retries)."""
    return db.session.scalar(
        select(Pairing).where(
            Pairing.need_id == need.id,
            Pairing.startup_id == startup.id,
            Pairing.initiated_by == PairingInitiator.STARTUP,
        )
    )


def list_pairings_for_staff(status: str | None = None) -> Select[tuple[Pairing]]:
    """All pairings, those waiting for a decision first."""
    statement = select(Pairing)
    if status in set(PairingStatus):
        statement = statement.where(Pairing.status == status)
    waiting_first = case((Pairing.status == PairingStatus.ACCEPTED, 0), else_=1)
    return statement.order_by(waiting_first, Pairing.requested_at.asc(), Pairing.id.asc())


def count_awaiting_decision() -> int:
    """How many pairings wait for a staff decision."""
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Pairing)
            .where(Pairing.status == PairingStatus.ACCEPTED)
        )
        or 0
    )
