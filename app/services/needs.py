"""Needs: a manufacturer's problem, from draft through city review to open and closed.

Editing choice: editing an *open* need keeps it open (it was reviewed once, and taking
it off the list would strand the startups already talking to it) but recomputes its
matches and is audited with the changed fields, so staff can follow up. Editing a
draft or a returned need changes it in place; it is reviewed when submitted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select

from app.extensions import db
from app.models import Need, Organization, Pairing, Site, User
from app.models.enums import REJECTION_REASONS, NeedStatus, PairingStatus, Role
from app.models.types import utcnow
from app.services import audit, notifications, standing
from app.services.errors import FieldError, InvalidTransition, NotFound, PermissionDenied
from app.services.pairings import OPEN_STATUSES, end_open_pairings
from app.services.policy import current_policy
from app.services.profiles import clean_tags
from app.services.staleness import request_recompute
from app.services.transaction import transactional

logger = logging.getLogger(__name__)

EDITABLE = (NeedStatus.DRAFT, NeedStatus.REJECTED, NeedStatus.OPEN)
SUBMITTABLE = (NeedStatus.DRAFT, NeedStatus.REJECTED)
CLOSABLE = (NeedStatus.DRAFT, NeedStatus.UNDER_REVIEW, NeedStatus.OPEN, NeedStatus.REJECTED)
# Pairings still in play when their need closes; they end as ``cancelled``.


@dataclass(frozen=True)
class NeedData:
    title: str
    description: str
    sector: str
    site_id: int | None = None
    required_capabilities: list[str] = field(default_factory=list)
    budget_min_krw: int | None = None
    budget_max_krw: int | None = None
    deadline: date | None = None


def get_need_for(actor: User, need_id: int) -> Need:
    """The need as ``actor`` may see it: staff any, its manufacturer its own, a verified
    startup only open needs of manufacturers the policy lists. ``NotFound`` otherwise,
    so others' needs are never confirmed; ``standing.NotVerified`` / ``Suspended`` for a
    startup that may not browse needs at all."""
    need = db.session.get(Need, need_id)
    if need is None:
        raise NotFound()
    if actor.role == Role.STAFF:
        return need
    if actor.role == Role.MANUFACTURER and need.organization_id == actor.organization_id:
        return need
    if actor.role == Role.STARTUP:
        # A startup not (or no longer) verified is told why rather than shown nothing.
        standing.require_browse(actor)
        if need.status == NeedStatus.OPEN and standing.is_listed(
            need.organization, current_policy()
        ):
            return need
    raise NotFound()


def get_own_need(actor: User, need_id: int) -> Need:
    """A need of the actor's own manufacturer; ``NotFound`` for any other."""
    need = db.session.get(Need, need_id)
    if (
        need is None
        or actor.role != Role.MANUFACTURER
        or need.organization_id != actor.organization_id
    ):
        raise NotFound()
    return need


def list_own_needs(organization: Organization) -> Select[tuple[Need]]:
    """The needs of ``organization``, any status, last changed first."""
    return (
        select(Need)
        .where(Need.organization_id == organization.id)
        .order_by(Need.updated_at.desc(), Need.id.desc())
    )


def list_needs_under_review() -> Select[tuple[Need]]:
    """The needs waiting for a staff review, oldest submission first."""
    return (
        select(Need)
        .where(Need.status == NeedStatus.UNDER_REVIEW)
        .order_by(Need.submitted_at.asc(), Need.id.asc())
    )


def count_needs_under_review() -> int:
    """How many needs wait for a staff review."""
    return (
        db.session.scalar(
            select(func.count()).select_from(Need).where(Need.status == NeedStatus.UNDER_REVIEW)
        )
        or 0
    )


def _manufacturer_of(actor: User) -> Organization:
    if actor.role != Role.MANUFACTURER or actor.organization is None:
        raise PermissionDenied(_l("Only manufacturers post needs."))
    standing.require_not_suspended(actor)
    return actor.organization


def _check(
    data: NeedData, org: Organization, *, today: date, current_deadline: date | None = None
) -> Site | None:
    # A deadline already stored may have passed; only a newly chosen one must be ahead.
    if data.deadline is not None and data.deadline < today and data.deadline != current_deadline:
        raise FieldError("deadline", _l("The deadline cannot be in the past."))
    if (
        data.budget_min_krw is not None
        and data.budget_max_krw is not None
        and data.budget_min_krw > data.budget_max_krw
    ):
        raise FieldError("budget_max_krw", _l("The maximum must not be below the minimum."))
    if data.site_id is None:
        return None
    site = db.session.get(Site, data.site_id)
    if site is None or site.organization_id != org.id:
        raise FieldError("site_id", _l("Choose one of your own sites."))
    return site


def _apply(need: Need, data: NeedData, site: Site | None) -> list[str]:
    values = {
        "title": data.title,
        "description": data.description,
        "sector": data.sector,
        "site_id": site.id if site else None,
        "required_capabilities": clean_tags(data.required_capabilities),
        "budget_min_krw": data.budget_min_krw,
        "budget_max_krw": data.budget_max_krw,
        "deadline": data.deadline,
    }
    changed = [name for name, value in values.items() if getattr(need, name) != value]
    for name, value in values.items():
        setattr(need, name, value)
    return changed


@transactional
def create_need(data: NeedData, *, actor: User, submit: bool = False) -> Need:
    """A new need of the actor's manufacturer, as a draft or straight into review."""
    org = _manufacturer_of(actor)
    site = _check(data, org, today=date.today())
    need = Need(organization=org, status=NeedStatus.DRAFT)
    _apply(need, data, site)
    db.session.add(need)
    db.session.flush()
    audit.record("need.created", "need", need.id, actor=actor)
    if submit:
        _submit(need, actor)
    org.last_active_at = utcnow()
    return need


@transactional
def update_need(need: Need, data: NeedData, *, actor: User, submit: bool = False) -> Need:
    """Edits a draft, returned or open need of the actor's own manufacturer; with
    ``submit``, a draft or returned need then goes to review.

    An open need stays open and its matches are recomputed (see the module note).
    Raises ``NotFound`` for others' needs, ``InvalidTransition`` under review or closed.
    """
    org = _manufacturer_of(actor)
    if need.organization_id != org.id:
        raise NotFound()
    if need.status not in EDITABLE:
        raise InvalidTransition(_l("This need cannot be edited now."))
    site = _check(data, org, today=date.today(), current_deadline=need.deadline)
    changed = _apply(need, data, site)
    if need.status == NeedStatus.OPEN:
        request_recompute(need_ids=[need.id])
    audit.record("need.updated", "need", need.id, actor=actor, detail={"fields": changed})
    if submit and need.status in SUBMITTABLE:
        _submit(need, actor)
    org.last_active_at = utcnow()
    return need


def _submit(need: Need, actor: User) -> None:
    if need.status not in SUBMITTABLE:
        raise InvalidTransition(_l("Only a draft or a returned need can be submitted."))
    need.status = NeedStatus.UNDER_REVIEW
    need.submitted_at = utcnow()
    audit.record("need.submitted", "need", need.id, actor=actor)


@transactional
def submit_need(need: Need, *, actor: User) -> Need:
    """Sends a draft or returned need to the city for review (→ under_review)."""
    org = _manufacturer_of(actor)
    if need.organization_id != org.id:
        raise NotFound()
    _submit(need, actor)
    org.last_active_at = utcnow()
    return need


@transactional
def close_need(need: Need, *, actor: User) -> Need:
    """Closes a need (→ closed) and cancels its pairings still in play.

    Pairings ``requested`` or ``accepted`` become ``cancelled`` here, by a direct
    update with a dated ``PairingEvent``, and their startups are notified; approved
    pairings keep going. Allowed to the need's manufacturer and to staff.
    """
    if actor.role not in (Role.STAFF, Role.MANUFACTURER):
        raise PermissionDenied(_l("Only the need's manufacturer or city staff may close it."))
    if actor.role == Role.MANUFACTURER and need.organization_id != actor.organization_id:
        raise NotFound()
    if need.status not in CLOSABLE:
        raise InvalidTransition(_l("This need is already closed."))
    now = utcnow()
    previous = need.status
    need.status = NeedStatus.CLOSED
    need.closed_at = now
    cancelled = _cancel_live_pairings(need, actor, now)
    audit.record(
        "need.closed",
        "need",
        need.id,
        actor=actor,
        detail={"from": str(previous), "cancelled_pairings": cancelled},
    )
    if actor.role == Role.MANUFACTURER:
        need.organization.last_active_at = now
    logger.info("need %s closed, %s pairings cancelled", need.id, len(cancelled))
    return need


def _cancel_live_pairings(need: Need, actor: User, now: datetime) -> list[int]:
    live = db.session.scalars(
        select(Pairing).where(Pairing.need_id == need.id, Pairing.status.in_(OPEN_STATUSES))
    ).all()
    return end_open_pairings(
        live, status=PairingStatus.CANCELLED, actor=actor, reason="need_closed", at=now
    )


@transactional
def approve_need(need: Need, *, actor: User, note: str = "") -> Need:
    """Staff open a need under review (→ open); its matches are computed."""
    if actor.role != Role.STAFF:
        raise PermissionDenied(_l("Only city staff review needs."))
    if need.status != NeedStatus.UNDER_REVIEW:
        raise InvalidTransition(_l("Only a need under review can be approved."))
    now = utcnow()
    need.status = NeedStatus.OPEN
    need.opened_at = now
    need.reviewed_at = now
    need.reviewed_by_id = actor.id
    need.review_reason = None
    need.review_note = None
    request_recompute(need_ids=[need.id])
    need.review_note = note or None
    audit.record("need.approved", "need", need.id, actor=actor, detail={"note": note})
    notifications.notify(
        list(need.organization.users),
        "need.approved",
        {"need_id": need.id, "need": need.title, "note": note},
        link=f"/needs/{need.id}",
    )
    return need


@transactional
def reject_need(need: Need, *, actor: User, reason: str, note: str = "") -> Need:
    """Staff return a need under review (→ rejected) with a reason and a note the
    manufacturer sees; it may edit and submit again."""
    if actor.role != Role.STAFF:
        raise PermissionDenied(_l("Only city staff review needs."))
    if reason not in REJECTION_REASONS:
        raise FieldError("reason", _l("Choose a reason."))
    if need.status != NeedStatus.UNDER_REVIEW:
        raise InvalidTransition(_l("Only a need under review can be returned."))
    need.status = NeedStatus.REJECTED
    need.reviewed_at = utcnow()
    need.reviewed_by_id = actor.id
    need.review_reason = reason
    need.review_note = note or None
    audit.record(
        "need.rejected", "need", need.id, actor=actor, detail={"reason": reason, "note": note}
    )
    notifications.notify(
        list(need.organization.users),
        "need.rejected",
        {"need_id": need.id, "need": need.title, "reason": reason, "note": note},
        link=f"/needs/{need.id}",
    )
    return need
