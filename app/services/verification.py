"""City staff verify companies: pending → verified | rejected; verified → suspended.

Each decision is audited and reaches the company's accounts as a notification;
the reason and note stay on the organization, so its dashboard shows them.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select

from app.extensions import db
from app.models import Organization, User
from app.models.enums import REJECTION_REASONS, Role, VerificationStatus
from app.models.types import utcnow
from app.services import audit, notifications
from app.services.errors import FieldError, InvalidTransition, NotFound, PermissionDenied
from app.services.staleness import request_recompute
from app.services.transaction import transactional


def _require_staff(actor: User) -> None:
    if actor.role != Role.STAFF:
        raise PermissionDenied(_l("Only city staff verify companies."))


def list_companies(status: str | None = VerificationStatus.PENDING) -> Select[tuple[Organization]]:
    """Companies in one verification status (all when ``status`` is None), oldest first."""
    query = select(Organization)
    if status:
        query = query.where(Organization.verification_status == status)
    return query.order_by(Organization.created_at.asc(), Organization.id.asc())


def count_companies(status: str = VerificationStatus.PENDING) -> int:
    """How many companies are in ``status`` (pending by default)."""
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Organization)
            .where(Organization.verification_status == status)
        )
        or 0
    )


def get_company(actor: User, organization_id: int) -> Organization:
    """Any company, for staff; ``PermissionDenied`` for others, ``NotFound`` for a wrong id."""
    _require_staff(actor)
    organization = db.session.get(Organization, organization_id)
    if organization is None:
        raise NotFound()
    return organization


def record_contact_view(organization: Organization, *, actor: User) -> None:
    """Staff read a company's contact person: a PIPA access-log entry (``contact.viewed``)."""
    _require_staff(actor)
    audit.record(
        "contact.viewed",
        "organization",
        organization.id,
        actor=actor,
        subject_organization_id=organization.id,
        detail={"fields": ["contact_name", "contact_email", "contact_phone"]},
    )
    notifications.commit()


@transactional
def _decide(
    organization: Organization,
    *,
    actor: User,
    allowed_from: tuple[VerificationStatus, ...],
    to: VerificationStatus,
    action: str,
    reason: str | None = None,
    note: str = "",
) -> Organization:
    _require_staff(actor)
    if organization.verification_status not in allowed_from:
        raise InvalidTransition(_l("This company's status changed; reload the page."))
    if reason is not None and reason not in REJECTION_REASONS:
        raise FieldError("reason", _l("Choose a reason."))
    previous = organization.verification_status
    organization.verification_status = to
    organization.verification_reason = reason
    organization.verification_note = note or None
    if to == VerificationStatus.VERIFIED:
        organization.verified_at = utcnow()
    # Whether a company is listed depends on its status: refresh what it appears in.
    if organization.is_startup:
        request_recompute(startup_ids=[organization.id])
    else:
        request_recompute(need_ids=[n.id for n in organization.needs])
    audit.record(
        action,
        "organization",
        organization.id,
        actor=actor,
        detail={"from": str(previous), "reason": reason, "note": note},
    )
    notifications.notify(
        list(organization.users),
        action,
        {"organization": organization.name, "reason": reason, "note": note},
        link="/dashboard",
    )
    return organization


def verify_company(organization: Organization, *, actor: User, note: str = "") -> Organization:
    """Staff verify a pending (or earlier rejected / suspended) company (→ verified)."""
    return _decide(
        organization,
        actor=actor,
        allowed_from=(
            VerificationStatus.PENDING,
            VerificationStatus.REJECTED,
            VerificationStatus.SUSPENDED,
        ),
        to=VerificationStatus.VERIFIED,
        action="company.verified",
        note=note,
    )


def reject_company(
    organization: Organization, *, actor: User, reason: str, note: str = ""
) -> Organization:
    """Staff reject a pending company (→ rejected) with a reason from ``REJECTION_REASONS``."""
    return _decide(
        organization,
        actor=actor,
        allowed_from=(VerificationStatus.PENDING,),
        to=VerificationStatus.REJECTED,
        action="company.rejected",
        reason=reason,
        note=note,
    )


def suspend_company(
    organization: Organization, *, actor: User, reason: str, note: str = ""
) -> Organization:
    """Staff suspend a verified company (→ suspended); it leaves the match lists."""
    return _decide(
        organization,
        actor=actor,
        allowed_from=(VerificationStatus.VERIFIED,),
        to=VerificationStatus.SUSPENDED,
        action="company.suspended",
        reason=reason,
        note=note,
    )
