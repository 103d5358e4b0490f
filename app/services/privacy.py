"""The data subject's rights and the retention rule (개인정보 보호법 Art. 21, 35-37).

``export_user_data`` answers a request for access, ``delete_account`` erases
an account on its owner's request, and ``purge_expired`` destroys the
personal data of accounts unused for longer than the published retention
period. Company records stay, without the people in them, so the city's
statistics and the other side's history remain true.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select, update

from app.extensions import db
from app.models import (
    ApiToken,
    AuditEvent,
    Need,
    Notification,
    Organization,
    Pairing,
    PairingEvent,
    User,
)
from app.models.enums import PairingInitiator, PairingStatus
from app.models.types import utcnow
from app.services import audit
from app.services.errors import FieldError, PermissionDenied
from app.services.pairings import OPEN_STATUSES, end_open_pairings
from app.services.passwords import unusable_password_hash, verify_password
from app.validators import normalize_brn

logger = logging.getLogger(__name__)

CONTACT_AUDIT_PREFIXES = ("contact.", "pairing.contact")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_user_data(user: User) -> dict[str, Any]:
    """Everything the platform holds about this user, as plain JSON-ready data.

    Account, company (with its contact person), consents with text versions,
    API tokens (never the token itself), pairings of the company, the user's
    notifications, and the audit events recording who saw the contact data.
    """
    organization = user.organization
    data: dict[str, Any] = {
        "exported_at": utcnow().isoformat(),
        "account": {
            "id": user.id,
            "email": user.email,
            "role": user.role,
            "locale": user.locale,
            "created_at": _iso(user.created_at),
            "last_login_at": _iso(user.last_login_at),
            "password_changed_at": _iso(user.password_changed_at),
            "second_factor_enrolled": bool(user.totp_secret),
        },
        "consents": [
            {
                "purpose": c.purpose,
                "text_version": c.text_version,
                "granted_at": _iso(c.granted_at),
                "withdrawn_at": _iso(c.withdrawn_at),
            }
            for c in user.consents
        ],
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": _iso(t.created_at),
                "last_used_at": _iso(t.last_used_at),
                "revoked_at": _iso(t.revoked_at),
            }
            for t in db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id))
        ],
        "notifications": [
            {
                "kind": n.kind,
                "params": n.params,
                "created_at": _iso(n.created_at),
                "read_at": _iso(n.read_at),
            }
            for n in db.session.scalars(
                select(Notification)
                .where(Notification.user_id == user.id)
                .order_by(Notification.id)
            )
        ],
        "organization": None,
        "pairings": [],
        "contact_data_access_log": [],
    }
    data["activity_log"] = [
        {
            "at": _iso(e.at),
            "action": e.action,
            "object": f"{e.object_type}:{e.object_id}",
            "ip": e.ip,
        }
        for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.actor_id == user.id).order_by(AuditEvent.id)
        )
    ]
    data["notes_written"] = [
        {"pairing_id": e.pairing_id, "at": _iso(e.at), "event": e.value, "note": e.note}
        for e in db.session.scalars(
            select(PairingEvent)
            .where(PairingEvent.actor_id == user.id, PairingEvent.note.is_not(None))
            .order_by(PairingEvent.id)
        )
    ]
    if organization is None:
        return data
    data["organization"] = {
        "id": organization.id,
        "kind": organization.kind,
        "name": organization.name,
        "business_reg_no": organization.business_reg_no,
        "district": organization.district,
        "description": organization.description,
        "website": organization.website,
        "contact_name": organization.contact_name,
        "contact_email": organization.contact_email,
        "contact_phone": organization.contact_phone,
        "employees": organization.employees,
        "founded_year": organization.founded_year,
        "iot_field": organization.iot_field,
        "sectors": organization.sectors,
        "capabilities": list(organization.capabilities or []),
        "capabilities_text": organization.capabilities_text,
        "verification_status": organization.verification_status,
        "created_at": _iso(organization.created_at),
        "sites": [
            {"name": s.name, "district": s.district, "processes": s.processes}
            for s in organization.sites
        ],
        "needs": [
            {
                "id": n.id,
                "title": n.title,
                "description": n.description,
                "status": n.status,
                "created_at": _iso(n.created_at),
            }
            for n in organization.needs
        ],
    }
    pairings = db.session.scalars(
        select(Pairing)
        .join(Need, Pairing.need_id == Need.id)
        .where(or_(Pairing.startup_id == organization.id, Need.organization_id == organization.id))
        .order_by(Pairing.id)
    )
    data["pairings"] = [
        {
            "id": p.id,
            "need": p.need.title,
            "startup": p.startup.name,
            "manufacturer": p.need.organization.name,
            "status": p.status,
            "stage": p.stage,
            "message": p.message,
            "answer_note": p.answer_note,
            "decision_note": p.decision_note,
            "outcome_notes": [
                {"outcome": o.outcome, "note": o.note}
                for o in p.outcomes
                if o.organization_id == organization.id
            ],
            "requested_at": _iso(p.requested_at),
            "startup_consented_at": _iso(p.startup_consented_at),
            "manufacturer_consented_at": _iso(p.manufacturer_consented_at),
            "decided_at": _iso(p.decided_at),
        }
        for p in pairings
    ]
    events = db.session.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.subject_organization_id == organization.id,
            or_(*(AuditEvent.action.startswith(prefix) for prefix in CONTACT_AUDIT_PREFIXES)),
        )
        .order_by(AuditEvent.id)
    )
    data["contact_data_access_log"] = [
        {"at": _iso(e.at), "by": e.actor_label, "action": e.action, "object_id": e.object_id}
        for e in events
    ]
    return data


def delete_account(user: User, *, password: str, actor: User) -> None:
    """Deletes a company user's account at their request (PIPA Art. 36).

    Only the user themselves may, after re-entering the password. The row stays
    as an anonymised tombstone (its id is referenced by the company's history):
    e-mail replaced, password unusable, second factor and notifications gone,
    sessions and API tokens revoked. If no other active user is left in the
    company, its contact person is erased and its pending pairings withdrawn.
    Raises ``PermissionDenied`` for anyone else or staff, ``FieldError`` for a
    wrong password.
    """
    if actor.id != user.id:
        raise PermissionDenied(_l("You can only delete your own account."))
    if user.is_staff:
        raise PermissionDenied(_l("City staff accounts are closed by the platform team."))
    if not verify_password(user.password_hash, password):
        raise FieldError("current_password", _l("The current password is not correct."))
    _anonymise_user(user, now=utcnow(), reason="deleted_by_user")
    db.session.commit()
    logger.info("account deleted user=%s", user.id)


def purge_expired(now: datetime | None = None) -> int:
    """Destroys the personal data of accounts unused for the retention period.

    An account counts as unused from its last login (or creation). Returns how
    many accounts were anonymised; runs daily (``flask privacy-purge``), so
    data goes at most a day after it expires (PIPC guideline: within 5 days).
    """
    now = now or utcnow()
    cutoff = now - timedelta(days=current_app.config["PRIVACY_RETENTION_DAYS"])
    expired = db.session.scalars(
        select(User).where(
            User.deleted_at.is_(None),
            User.role != "staff",
            or_(
                User.last_login_at < cutoff,
                (User.last_login_at.is_(None) & (User.created_at < cutoff)),
            ),
        )
    ).all()
    for user in expired:
        _anonymise_user(user, now=now, reason="retention_expired")
    db.session.commit()
    if expired:
        logger.info("retention purge anonymised %s accounts", len(expired))
    return len(expired)


def _anonymise_user(user: User, *, now: datetime, reason: str) -> None:
    user.email = f"deleted-{user.id}@invalid"
    user.password_hash = unusable_password_hash()
    user.totp_secret = None
    user.is_active_account = False
    user.deleted_at = now
    user.session_version += 1
    for consent in user.consents:
        if consent.withdrawn_at is None:
            consent.withdrawn_at = now
    db.session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    for notification in db.session.scalars(
        select(Notification).where(Notification.user_id == user.id)
    ):
        db.session.delete(notification)

    _erase_what_the_user_wrote(user)
    organization = user.organization
    withdrawn: list[int] = []
    if organization is not None and not _other_active_users(organization, user):
        organization.contact_name = None
        organization.contact_email = None
        organization.contact_phone = None
        withdrawn = _withdraw_pending_pairings(organization, user, now)
        _erase_what_the_company_wrote(organization)
    audit.record(
        "account.deleted",
        "user",
        user.id,
        actor=None if reason == "retention_expired" else user,
        subject_organization_id=organization.id if organization is not None else None,
        detail={"reason": reason, "withdrawn_pairings": withdrawn},
    )
    # Last, so that the rows this deletion just wrote lose the address too.
    db.session.flush()
    db.session.execute(update(AuditEvent).where(AuditEvent.actor_id == user.id).values(ip=None))


ERASED = "—"  # stands in for erased text where a value is required


def brn_fingerprint(business_reg_no: str) -> str:
    """A keyed hash of a 사업자등록번호: traces a re-registration without keeping the number."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, normalize_brn(business_reg_no).encode(), hashlib.sha256).hexdigest()


def _erase_what_the_user_wrote(user: User) -> None:
    """The person's own traces: notes on pairing steps, the messages of requests they
    sent and the notes of answers they gave. (The address on their audit rows goes at
    the end of ``_anonymise_user``: the published retention is "until deletion".)"""
    authored = {
        (e.pairing_id, e.value)
        for e in db.session.scalars(select(PairingEvent).where(PairingEvent.actor_id == user.id))
    }
    for pairing_id, value in authored:
        pairing = db.session.get(Pairing, pairing_id)
        if pairing is None:
            continue
        if value == PairingStatus.REQUESTED:
            pairing.message = ""
        elif value == PairingStatus.DECLINED:
            pairing.answer_note = None
    db.session.execute(
        update(PairingEvent).where(PairingEvent.actor_id == user.id).values(note=None)
    )


def _erase_what_the_company_wrote(organization: Organization) -> None:
    """A company with no one left keeps its name and history, not its words: profile
    texts, site and need texts, messages and notes are erased, and its 사업자등록번호 is
    freed for a new sign-up (a keyed hash stays, so staff can see it was here before)."""
    organization.description = ""
    organization.capabilities_text = ""
    organization.capabilities = []
    organization.website = None
    for site in organization.sites:
        site.name = ERASED
        site.processes = ""
    for need in organization.needs:
        need.title = ERASED
        need.description = ""
    own_needs = select(Need.id).where(Need.organization_id == organization.id)
    for pairing in db.session.scalars(
        select(Pairing).where(
            or_(Pairing.startup_id == organization.id, Pairing.need_id.in_(own_needs))
        )
    ):
        ours_first = (pairing.startup_id == organization.id) == (
            pairing.initiated_by == PairingInitiator.STARTUP
        )
        if ours_first:
            pairing.message = ""
        else:
            pairing.answer_note = None
        for outcome in pairing.outcomes:
            if outcome.organization_id == organization.id:
                outcome.note = None
    if organization.business_reg_no_hash is None and organization.business_reg_no.isdigit():
        organization.business_reg_no_hash = brn_fingerprint(organization.business_reg_no)
        # Ten characters, unique, never a valid number: the real one is free again.
        organization.business_reg_no = f"D{organization.id:09d}"


def _other_active_users(organization: Organization, user: User) -> bool:
    return any(u.id != user.id and u.is_active for u in organization.users)


def _withdraw_pending_pairings(organization: Organization, user: User, now: datetime) -> list[int]:
    """Open requests of a company that has no one left are withdrawn."""
    pending = db.session.scalars(
        select(Pairing)
        .join(Need, Pairing.need_id == Need.id)
        .where(
            or_(Pairing.startup_id == organization.id, Need.organization_id == organization.id),
            Pairing.status.in_(OPEN_STATUSES),
        )
    ).all()
    return end_open_pairings(
        pending, status=PairingStatus.WITHDRAWN, actor=user, reason="account_deleted", at=now
    )
