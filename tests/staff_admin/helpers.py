"""Builders for the staff administration tests: pairings with their timeline."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from app.extensions import db
from app.models import Need, Organization, Pairing, PairingEvent, User
from app.models.enums import PairingStatus
from app.models.types import utcnow


def make_pairing(
    need: Need,
    startup: Organization,
    *,
    status: str = PairingStatus.REQUESTED,
    stage: str | None = None,
    requested_at: datetime | None = None,
    decided_by: User | None = None,
    **fields: Any,
) -> Pairing:
    """A pairing and the dated events of the steps it went through."""
    requested_at = requested_at or utcnow() - timedelta(days=1)
    pairing = Pairing(
        need=need,
        startup=startup,
        initiated_by="startup",
        status=status,
        stage=stage,
        requested_at=requested_at,
        decided_by_id=decided_by.id if decided_by else None,
        **fields,
    )
    pairing.events.append(PairingEvent(kind="status", value="requested", at=requested_at))
    db.session.add(pairing)
    db.session.commit()
    return pairing


def add_event(pairing: Pairing, kind: str, value: str, at: datetime) -> None:
    db.session.add(PairingEvent(pairing=pairing, kind=kind, value=value, at=at))
    db.session.commit()
