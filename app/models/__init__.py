"""SQLAlchemy models, one module per aggregate; imported here so Alembic sees them all."""

from app.models.audit import AuditEvent, Notification
from app.models.match import Match
from app.models.need import Need
from app.models.organization import Organization, Site, StartupSector
from app.models.pairing import Pairing, PairingEvent, PairingOutcomeReport
from app.models.policy import Policy, SupportProgram
from app.models.user import ApiToken, Consent, User

__all__ = [
    "ApiToken",
    "AuditEvent",
    "Consent",
    "Match",
    "Need",
    "Notification",
    "Organization",
    "Pairing",
    "PairingEvent",
    "PairingOutcomeReport",
    "Policy",
    "Site",
    "StartupSector",
    "SupportProgram",
    "User",
]
