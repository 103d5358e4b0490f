"""Every transition of a (need, startup) pairing, each one function checked against who
may make it.

Each transition is one function: it checks who may make it, changes the row with a
compare-and-set update (``version`` and ``status`` as read; a concurrent change makes
it raise ``Conflict``), writes the ``PairingEvent`` of the timeline, the audit event
and the notifications, and commits once; e-mail follows the commit.

Staff approval is always required before contacts change hands, whatever
``Policy.require_staff_approval`` says: PIPA Art. 37-2 guidance asks for a
meaningful human decision, and the database refuses an approved pairing
without ``decided_by_id``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app import limits
from app.extensions import db
from app.models import (
    Need,
    Organization,
    Pairing,
    PairingOutcomeReport,
    User,
)
from app.models.enums import (
    NeedStatus,
    OrganizationKind,
    PairingInitiator,
    PairingOutcome,
    PairingStage,
    PairingStatus,
    Role,
    VerificationStatus,
)
from app.models.types import utcnow
from app.services import audit, notifications, standing
from app.services.errors import (
    Conflict,
    FieldError,
    InvalidTransition,
    LimitReached,
    NotFound,
    PermissionDenied,
)
from app.services.pairings.core import (
    MANUFACTURER,
    OPEN_STATUSES,
    STAFF,
    STARTUP,
    add_event,
    allowed_stages,
    answering_side,
    check_length,
    check_note,
    check_reason,
    compare_and_set,
    initiator_side,
    notify_side,
    organization_of,
    other_side,
    pairing_params,
    require_consent,
    require_side,
    staff_users,
)
from app.services.policy import current_policy
from app.services.transaction import transaction
from app.validators import has_control_characters

logger = logging.getLogger(__name__)


def end_open_pairings(
    pairings: Iterable[Pairing], *, status: PairingStatus, actor: User, reason: str, at: datetime
) -> list[int]:
    """Ends the still-open pairings among ``pairings`` with ``status``: ``cancelled`` when
    their need closes, ``withdrawn`` when an account is deleted.

    Each gets its timeline event, an audit event and a notice to the side(s) other than
    the actor's company. Joins the caller's transaction (the caller commits); a pairing
    changed concurrently is skipped. Returns the ids of the pairings ended.
    """
    ended: list[int] = []
    for pairing in pairings:
        try:
            compare_and_set(pairing, OPEN_STATUSES, status=status, closed_at=at)
        except (Conflict, InvalidTransition):
            continue
        add_event(pairing, "status", status, actor, at, note=reason)
        audit.record(
            f"pairing.{status}", "pairing", pairing.id, actor=actor, detail={"reason": reason}
        )
        for side in (STARTUP, MANUFACTURER):
            if organization_of(pairing, side).id != actor.organization_id:
                notify_side(pairing, side, f"pairing.{status}")
        ended.append(pairing.id)
        db.session.expire(pairing)
    return ended


def express_interest(
    need: Need, startup: Organization, *, actor: User, message: str, consent_to_contact: bool
) -> Pairing:
    """A startup asks to be introduced for an open need.

    Only a user of ``startup``, which must be verified (``standing.NotVerified``) and
    not suspended; the need must be open and its manufacturer listed by the policy;
    at most ``max_open_requests`` open requests
    per startup (``LimitReached``); one pairing per (need, startup) (``Conflict``).
    """
    if actor.role != Role.STARTUP or actor.organization_id != startup.id:
        raise PermissionDenied()
    return _start(need, startup, actor, message, consent_to_contact, PairingInitiator.STARTUP)


def invite_startup(
    need: Need, startup: Organization, *, actor: User, message: str, consent_to_contact: bool
) -> Pairing:
    """The manufacturer owning an open need invites a startup to it."""
    if actor.role != Role.MANUFACTURER or actor.organization_id != need.organization_id:
        raise PermissionDenied()
    if startup.kind != OrganizationKind.STARTUP:
        raise NotFound()
    return _start(need, startup, actor, message, consent_to_contact, PairingInitiator.MANUFACTURER)


ALREADY_PAIRED = _l("There is already a pairing between this startup and this need.")


def _start(
    need: Need,
    startup: Organization,
    actor: User,
    message: str,
    consent_to_contact: bool,
    initiator: PairingInitiator,
) -> Pairing:
    # Only verified companies see needs and rankings, so only they start pairings.
    standing.require_browse(actor)
    if need.status != NeedStatus.OPEN:
        raise InvalidTransition(_l("This need is not open."))
    check_length("message", message, limits.PAIRING_MESSAGE_MAX_LENGTH)
    if has_control_characters(message or ""):
        raise FieldError("message", _l("Please remove special control characters."))
    require_consent(consent_to_contact)
    by_startup = initiator == PairingInitiator.STARTUP
    with transaction():
        _check_may_start(need, startup, by_startup=by_startup)
        now = utcnow()
        pairing = Pairing(
            need=need,
            startup=startup,
            initiated_by=initiator,
            message=message or "",
            status=PairingStatus.REQUESTED,
            requested_at=now,
        )
        if by_startup:
            pairing.startup_consented_at = now
        else:
            pairing.manufacturer_consented_at = now
        db.session.add(pairing)
        try:
            db.session.flush()
        except IntegrityError as error:
            raise Conflict(ALREADY_PAIRED) from error
        add_event(pairing, "status", PairingStatus.REQUESTED, actor, now)
        audit.record(
            "pairing.requested" if by_startup else "pairing.invited",
            "pairing",
            pairing.id,
            actor=actor,
            detail={"need_id": need.id, "startup_id": startup.id},
        )
        kind = "pairing.interest_received" if by_startup else "pairing.invited"
        notify_side(pairing, answering_side(pairing), kind)
    logger.info("pairing %s started by %s", pairing.id, initiator)
    return pairing


def _check_may_start(need: Need, startup: Organization, *, by_startup: bool) -> None:
    """The policy's listing rule and open-request limit, and one pairing per pair."""
    policy = current_policy()
    # The verified-only listing governs both sides: the startup and the need's manufacturer.
    if not standing.is_listed(startup, policy):
        raise PermissionDenied(_l("Only verified startups can be paired."))
    if not standing.is_listed(need.organization, policy):
        raise NotFound()
    if by_startup:
        open_count = db.session.scalar(
            select(func.count())
            .select_from(Pairing)
            .where(Pairing.startup_id == startup.id, Pairing.status.in_(OPEN_STATUSES))
        )
        if (open_count or 0) >= policy.max_open_requests:
            raise LimitReached(
                _l(
                    "You already have %(count)s open requests, the most allowed at once."
                    " Wait for an answer or withdraw one.",
                    count=policy.max_open_requests,
                )
            )
    exists = db.session.scalar(
        select(Pairing.id).where(Pairing.need_id == need.id, Pairing.startup_id == startup.id)
    )
    if exists is not None:
        raise Conflict(ALREADY_PAIRED)


def accept_pairing(pairing: Pairing, *, actor: User, consent_to_contact: bool) -> Pairing:
    """The side that did not initiate says yes; the pairing then waits for staff."""
    side = require_side(pairing, actor, {answering_side(pairing)})
    require_consent(consent_to_contact)
    with transaction():
        now = utcnow()
        consent = {"startup_consented_at" if side == STARTUP else "manufacturer_consented_at": now}
        compare_and_set(
            pairing,
            {PairingStatus.REQUESTED},
            status=PairingStatus.ACCEPTED,
            answered_at=now,
            **consent,
        )
        add_event(pairing, "status", PairingStatus.ACCEPTED, actor, now)
        audit.record("pairing.accepted", "pairing", pairing.id, actor=actor)
        notify_side(pairing, initiator_side(pairing), "pairing.accepted")
        notifications.notify(
            staff_users(),
            "pairing.awaiting_decision",
            pairing_params(pairing),
            f"/staff/pairings/{pairing.id}",
        )
    return pairing


def decline_pairing(pairing: Pairing, *, actor: User, reason: str, note: str = "") -> Pairing:
    """The side that did not initiate says no, with a reason the other side sees."""
    require_side(pairing, actor, {answering_side(pairing)})
    check_reason(reason)
    check_note(note)
    with transaction():
        now = utcnow()
        compare_and_set(
            pairing,
            {PairingStatus.REQUESTED},
            status=PairingStatus.DECLINED,
            answered_at=now,
            answer_reason=reason,
            answer_note=note or None,
            closed_at=now,
        )
        add_event(pairing, "status", PairingStatus.DECLINED, actor, now, note)
        audit.record(
            "pairing.declined", "pairing", pairing.id, actor=actor, detail={"reason": reason}
        )
        notify_side(pairing, initiator_side(pairing), "pairing.declined", reason=reason, note=note)
    return pairing


def withdraw_pairing(pairing: Pairing, *, actor: User) -> Pairing:
    """The initiator takes its request back while it is requested or accepted."""
    require_side(pairing, actor, {initiator_side(pairing)})
    with transaction():
        now = utcnow()
        compare_and_set(pairing, OPEN_STATUSES, status=PairingStatus.WITHDRAWN, closed_at=now)
        add_event(pairing, "status", PairingStatus.WITHDRAWN, actor, now)
        audit.record("pairing.withdrawn", "pairing", pairing.id, actor=actor)
        notify_side(pairing, answering_side(pairing), "pairing.withdrawn")
    return pairing


def approve_pairing(pairing: Pairing, *, actor: User, note: str = "") -> Pairing:
    """Staff approve an accepted pairing: contacts become visible, stage "introduced".

    Not while either company is suspended (``InvalidTransition``): no contact changes
    hands with a company the city stopped.
    """
    require_side(pairing, actor, {STAFF})
    if VerificationStatus.SUSPENDED in (
        pairing.startup.verification_status,
        pairing.need.organization.verification_status,
    ):
        raise InvalidTransition(_l("One of the companies is suspended."))
    check_note(note)
    with transaction():
        now = utcnow()
        compare_and_set(
            pairing,
            {PairingStatus.ACCEPTED},
            status=PairingStatus.APPROVED,
            decided_at=now,
            decided_by_id=actor.id,
            decision_note=note or None,
            stage=PairingStage.INTRODUCED,
            introduced_at=now,
            stage_changed_at=now,
        )
        add_event(pairing, "status", PairingStatus.APPROVED, actor, now, note)
        add_event(pairing, "stage", PairingStage.INTRODUCED, actor, now)
        audit.record("pairing.approved", "pairing", pairing.id, actor=actor)
        for side in (STARTUP, MANUFACTURER):
            notify_side(pairing, side, "pairing.approved", note=note)
    logger.info("pairing %s approved by %s", pairing.id, actor.id)
    return pairing


def reject_pairing(pairing: Pairing, *, actor: User, reason: str, note: str = "") -> Pairing:
    """Staff do not approve an accepted pairing; both sides see the reason and note."""
    require_side(pairing, actor, {STAFF})
    check_reason(reason)
    check_note(note)
    with transaction():
        now = utcnow()
        compare_and_set(
            pairing,
            {PairingStatus.ACCEPTED},
            status=PairingStatus.REJECTED,
            decided_at=now,
            decided_by_id=actor.id,
            decision_reason=reason,
            decision_note=note or None,
            closed_at=now,
        )
        add_event(pairing, "status", PairingStatus.REJECTED, actor, now, note)
        audit.record(
            "pairing.rejected", "pairing", pairing.id, actor=actor, detail={"reason": reason}
        )
        for side in (STARTUP, MANUFACTURER):
            notify_side(pairing, side, "pairing.rejected", reason=reason, note=note)
    logger.info("pairing %s rejected by %s", pairing.id, actor.id)
    return pairing


def change_stage(pairing: Pairing, *, actor: User, stage: str, note: str = "") -> Pairing:
    """Either party (or staff) moves an approved pairing along introduced → pilot →
    commercialized, or to ended from any stage."""
    side = require_side(pairing, actor, {STARTUP, MANUFACTURER, STAFF})
    if stage not in allowed_stages(pairing):
        raise InvalidTransition(_l("The pairing cannot move to this stage."))
    check_note(note)
    with transaction():
        now = utcnow()
        compare_and_set(pairing, {PairingStatus.APPROVED}, stage=stage, stage_changed_at=now)
        add_event(pairing, "stage", stage, actor, now, note)
        audit.record(
            "pairing.stage_changed",
            "pairing",
            pairing.id,
            actor=actor,
            detail={"from": pairing.stage, "to": stage},
        )
        sides = (STARTUP, MANUFACTURER) if side == STAFF else (other_side(side),)
        for to_side in sides:
            notify_side(pairing, to_side, "pairing.stage_changed", stage=stage, note=note)
    return pairing


def report_outcome(pairing: Pairing, *, actor: User, outcome: str, note: str = "") -> Pairing:
    """A party answers the six-month outcome question (again, to update its answer)."""
    side = require_side(pairing, actor, {STARTUP, MANUFACTURER})
    if pairing.outcome_requested_at is None:
        raise InvalidTransition(_l("The outcome has not been asked yet."))
    if outcome not in set(PairingOutcome):
        raise FieldError("outcome", _l("Choose an answer."))
    check_note(note)
    organization = organization_of(pairing, side)
    with transaction():
        report = db.session.scalar(
            select(PairingOutcomeReport).where(
                PairingOutcomeReport.pairing_id == pairing.id,
                PairingOutcomeReport.organization_id == organization.id,
            )
        )
        if report is None:
            report = PairingOutcomeReport(pairing_id=pairing.id, organization_id=organization.id)
            db.session.add(report)
        report.outcome = outcome
        report.note = note or None
        report.answered_at = utcnow()
        try:
            db.session.flush()
        except IntegrityError as error:
            raise Conflict() from error
        audit.record(
            "pairing.outcome_reported",
            "pairing",
            pairing.id,
            actor=actor,
            detail={"outcome": outcome},
        )
    return pairing
