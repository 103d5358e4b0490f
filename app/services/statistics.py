"""Aggregate figures about the platform; nothing here identifies a person."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select

from app.extensions import db
from app.models import Need, Organization, Pairing
from app.models.enums import NeedStatus, OrganizationKind, PairingStatus, VerificationStatus


def public_summary() -> dict[str, int]:
    """Counts shown on the landing page: verified companies, open needs, approved pairings."""

    def count(statement: Select[Any]) -> int:
        return db.session.scalar(statement) or 0

    verified = Organization.verification_status == VerificationStatus.VERIFIED
    return {
        "startups": count(
            select(func.count()).where(verified, Organization.kind == OrganizationKind.STARTUP)
        ),
        "manufacturers": count(
            select(func.count()).where(verified, Organization.kind == OrganizationKind.MANUFACTURER)
        ),
        "open_needs": count(select(func.count()).where(Need.status == NeedStatus.OPEN)),
        "pairings": count(select(func.count()).where(Pairing.status == PairingStatus.APPROVED)),
    }
