"""Pairings: every transition of a (need, startup) pairing, and the sweep that keeps them moving.

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
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, case, func, select, update
from sqlalchemy.exc import IntegrityError

from app import limits
from app.extensions import db
from app.models import (
    Need,
    Organization,
    Pairing,
    PairingEvent,
    PairingOutcomeReport,
    SupportProgram,
    User,
)
from app.models.enums import (
    REJECTION_REASONS,
    NeedStatus,
    OrganizationKind,
    PairingInitiator,
    PairingOutcome,
    PairingStage,
    PairingStatus,
    Role,
)
from app.models.types import utcnow
from app.services import audit, notifications
from app.services.errors import (
    Conflict,
    FieldError,
    InvalidTransition,
    LimitReached,
    NotFound,
    PermissionDenied,
)
from app.services.policy import current_policy
from app.services.transaction import transaction

logger = logging.getLogger(__name__)

STARTUP = "startup"
MANUFACTURER = "manufacturer"
STAFF = "staff"

OPEN_STATUSES = (PairingStatus.REQUESTED, PairingStatus.ACCEPTED)
STAGE_MOVES: dict[str, frozenset[str]] = {
    PairingStage.INTRODUCED: frozenset({PairingStage.PILOT, PairingStage.ENDED}),
    PairingStage.PILOT: frozenset({PairingStage.COMMERCIALIZED, PairingStage.ENDED}),
    PairingStage.COMMERCIALIZED: frozenset({PairingStage.ENDED}),
    PairingStage.ENDED: frozenset(),
}
OUTCOME_AFTER = timedelta(days=182)


# --- who is who ----------------------------------------------------------------------------


def side_of(pairing: Pairing, user: User | None) -> str | None:
    """ "startup", "manufacturer" or "staff" for a party or staff; None for anyone else."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if user.is_staff:
        return STAFF
    if user.organization_id is None:
        return None
    if user.role == Role.STARTUP and user.organization_id == pairing.startup_id:
        return STARTUP
    if user.role == Role.MANUFACTURER and user.organization_id == pairing.need.organization_id:
        return MANUFACTURER
    return None


def initiator_side(pairing: Pairing) -> str:
    return STARTUP if pairing.initiated_by == PairingInitiator.STARTUP else MANUFACTURER


def answering_side(pairing: Pairing) -> str:
    return MANUFACTURER if initiator_side(pairing) == STARTUP else STARTUP


def _other(side: str) -> str:
    return MANUFACTURER if side == STARTUP else STARTUP


def organization_of(pairing: Pairing, side: str) -> Organization:
    return pairing.startup if side == STARTUP else pairing.manufacturer


def get_pairing_for(actor: User, pairing_id: int) -> Pairing:
    """The pairing if ``actor`` is one of its parties or staff; ``NotFound`` otherwise."""
    pairing = db.session.get(Pairing, pairing_id)
    if pairing is None or side_of(pairing, actor) is None:
        raise NotFound()
    return pairing


def _require_side(pairing: Pairing, actor: User, allowed: Iterable[str]) -> str:
    side = side_of(pairing, actor)
    if side is None:
        raise NotFound()
    if side not in allowed:
        raise PermissionDenied(_l("You cannot do this for this pairing."))
    return side


def _users_of(organization_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.organization_id == organization_id).order_by(User.id)
        )
    )


def _staff_users() -> list[User]:
    return list(db.session.scalars(select(User).where(User.role == Role.STAFF).order_by(User.id)))


def _link(pairing: Pairing) -> str:
    return f"/pairings/{pairing.id}"


def _params(pairing: Pairing, **extra: Any) -> dict[str, Any]:
    return {
        "need": pairing.need.title,
        "startup": pairing.startup.name,
        "manufacturer": pairing.manufacturer.name,
        "pairing_id": pairing.id,
        **extra,
    }


def _notify_side(pairing: Pairing, side: str, kind: str, **extra: Any) -> None:
    organization = organization_of(pairing, side)
    other = organization_of(pairing, _other(side))
    notifications.notify(
        _users_of(organization.id),
        kind,
        _params(pairing, other=other.name, **extra),
        _link(pairing),
    )


# --- the transaction and the compare-and-set -----------------------------------------------


def _compare_and_set(pairing: Pairing, expected: Iterable[str], **values: Any) -> None:
    """Applies ``values`` only if the row still has the version and status we read.

    Two staff approving at once: both read version n; the first UPDATE wins, the
    second matches no row (PostgreSQL re-checks the WHERE after the winner commits;
    SQLite serialises writers) and raises ``Conflict``.
    """
    read_version, read_status = pairing.version, pairing.status
    if read_status not in set(expected):
        raise InvalidTransition(_l("This pairing is no longer in a state that allows this."))
    result = db.session.execute(
        update(Pairing)
        .where(
            Pairing.id == pairing.id,
            Pairing.version == read_version,
            Pairing.status == read_status,
        )
        .values(version=read_version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(_l("Someone else changed this pairing at the same time. Please reload."))


def _event(pairing: Pairing, kind: str, value: str, actor: User | None, at: datetime,
           note: str | None = None) -> None:  # fmt: skip
    db.session.add(
        PairingEvent(
            pairing_id=pairing.id,
            kind=kind,
            value=value,
            actor_id=actor.id if actor is not None else None,
            note=note or None,
            at=at,
        )
    )


def _check_reason(reason: str | None) -> str:
    if reason not in REJECTION_REASONS:
        raise FieldError("reason", _l("Choose a reason."))
    return reason


def _check_length(field: str, text: str | None, most: int) -> None:
    if len(text or "") > most:
        raise FieldError(field, _l("Use at most %(n)s characters.", n=most))


def _check_note(note: str | None) -> None:
    _check_length("note", note, limits.PAIRING_NOTE_MAX_LENGTH)


def _require_consent(consent_to_contact: bool) -> None:
    if not consent_to_contact:
        raise FieldError(
            "consent",
            _l(
                "Agree to providing your contact person after approval;"
                " without it the pairing cannot go on."
            ),
        )


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
            _compare_and_set(pairing, OPEN_STATUSES, status=status, closed_at=at)
        except (Conflict, InvalidTransition):
            continue
        _event(pairing, "status", status, actor, at, note=reason)
        audit.record(
            f"pairing.{status}", "pairing", pairing.id, actor=actor, detail={"reason": reason}
        )
        for side in (STARTUP, MANUFACTURER):
            if organization_of(pairing, side).id != actor.organization_id:
                _notify_side(pairing, side, f"pairing.{status}")
        ended.append(pairing.id)
        db.session.expire(pairing)
    return ended


# --- starting a pairing --------------------------------------------------------------------


def express_interest(
    need: Need, startup: Organization, *, actor: User, message: str, consent_to_contact: bool
) -> Pairing:
    """A startup asks to be introduced for an open need.

    Only a user of ``startup``; the need must be open; the startup verified when the
    policy lists only verified companies; at most ``max_open_requests`` open requests
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


def _start(
    need: Need,
    startup: Organization,
    actor: User,
    message: str,
    consent_to_contact: bool,
    initiator: PairingInitiator,
) -> Pairing:
    if need.status != NeedStatus.OPEN:
        raise InvalidTransition(_l("This need is not open."))
    _check_length("message", message, limits.PAIRING_MESSAGE_MAX_LENGTH)
    _require_consent(consent_to_contact)
    with transaction():
        policy = current_policy()
        if policy.only_verified_listed and not startup.is_verified:
            raise PermissionDenied(_l("Only verified startups can be paired."))
        if initiator == PairingInitiator.STARTUP:
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
            raise Conflict(_l("There is already a pairing between this startup and this need."))
        now = utcnow()
        pairing = Pairing(
            need=need,
            startup=startup,
            initiated_by=initiator,
            message=message or "",
            status=PairingStatus.REQUESTED,
            requested_at=now,
        )
        if initiator == PairingInitiator.STARTUP:
            pairing.startup_consented_at = now
        else:
            pairing.manufacturer_consented_at = now
        db.session.add(pairing)
        try:
            db.session.flush()
        except IntegrityError as error:
            raise Conflict(
                _l("There is already a pairing between this startup and this need.")
            ) from error
        _event(pairing, "status", PairingStatus.REQUESTED, actor, now)
        audit.record(
            "pairing.requested" if initiator == PairingInitiator.STARTUP else "pairing.invited",
            "pairing",
            pairing.id,
            actor=actor,
            detail={"need_id": need.id, "startup_id": startup.id},
        )
        kind = (
            "pairing.interest_received"
            if initiator == PairingInitiator.STARTUP
            else "pairing.invited"
        )
        _notify_side(pairing, answering_side(pairing), kind)
    logger.info("pairing %s started by %s", pairing.id, initiator)
    return pairing


# --- answering, withdrawing ----------------------------------------------------------------


def accept_pairing(pairing: Pairing, *, actor: User, consent_to_contact: bool) -> Pairing:
    """The side that did not initiate says yes; the pairing then waits for staff."""
    side = _require_side(pairing, actor, {answering_side(pairing)})
    _require_consent(consent_to_contact)
    with transaction():
        now = utcnow()
        consent = {"startup_consented_at" if side == STARTUP else "manufacturer_consented_at": now}
        _compare_and_set(
            pairing, {PairingStatus.REQUESTED}, status=PairingStatus.ACCEPTED, answered_at=now,
            **consent,
        )  # fmt: skip
        _event(pairing, "status", PairingStatus.ACCEPTED, actor, now)
        audit.record("pairing.accepted", "pairing", pairing.id, actor=actor)
        _notify_side(pairing, initiator_side(pairing), "pairing.accepted")
        notifications.notify(
            _staff_users(), "pairing.awaiting_decision", _params(pairing),
            f"/staff/pairings/{pairing.id}",
        )  # fmt: skip
    return pairing


def decline_pairing(pairing: Pairing, *, actor: User, reason: str, note: str = "") -> Pairing:
    """The side that did not initiate says no, with a reason the other side sees."""
    _require_side(pairing, actor, {answering_side(pairing)})
    _check_reason(reason)
    _check_note(note)
    with transaction():
        now = utcnow()
        _compare_and_set(
            pairing, {PairingStatus.REQUESTED}, status=PairingStatus.DECLINED, answered_at=now,
            answer_reason=reason, answer_note=note or None, closed_at=now,
        )  # fmt: skip
        _event(pairing, "status", PairingStatus.DECLINED, actor, now, note)
        audit.record(
            "pairing.declined", "pairing", pairing.id, actor=actor, detail={"reason": reason}
        )
        _notify_side(pairing, initiator_side(pairing), "pairing.declined", reason=reason, note=note)
    return pairing


def withdraw_pairing(pairing: Pairing, *, actor: User) -> Pairing:
    """The initiator takes its request back while it is requested or accepted."""
    _require_side(pairing, actor, {initiator_side(pairing)})
    with transaction():
        now = utcnow()
        _compare_and_set(pairing, OPEN_STATUSES, status=PairingStatus.WITHDRAWN, closed_at=now)
        _event(pairing, "status", PairingStatus.WITHDRAWN, actor, now)
        audit.record("pairing.withdrawn", "pairing", pairing.id, actor=actor)
        _notify_side(pairing, answering_side(pairing), "pairing.withdrawn")
    return pairing


# --- the city's decision -------------------------------------------------------------------


def approve_pairing(pairing: Pairing, *, actor: User, note: str = "") -> Pairing:
    """Staff approve an accepted pairing: contacts become visible, stage "introduced"."""
    _require_side(pairing, actor, {STAFF})
    _check_note(note)
    with transaction():
        now = utcnow()
        _compare_and_set(
            pairing, {PairingStatus.ACCEPTED}, status=PairingStatus.APPROVED, decided_at=now,
            decided_by_id=actor.id, decision_note=note or None, stage=PairingStage.INTRODUCED,
            introduced_at=now, stage_changed_at=now,
        )  # fmt: skip
        _event(pairing, "status", PairingStatus.APPROVED, actor, now, note)
        _event(pairing, "stage", PairingStage.INTRODUCED, actor, now)
        audit.record("pairing.approved", "pairing", pairing.id, actor=actor)
        for side in (STARTUP, MANUFACTURER):
            _notify_side(pairing, side, "pairing.approved", note=note)
    logger.info("pairing %s approved by %s", pairing.id, actor.id)
    return pairing


def reject_pairing(pairing: Pairing, *, actor: User, reason: str, note: str = "") -> Pairing:
    """Staff do not approve an accepted pairing; both sides see the reason and note."""
    _require_side(pairing, actor, {STAFF})
    _check_reason(reason)
    _check_note(note)
    with transaction():
        now = utcnow()
        _compare_and_set(
            pairing, {PairingStatus.ACCEPTED}, status=PairingStatus.REJECTED, decided_at=now,
            decided_by_id=actor.id, decision_reason=reason, decision_note=note or None,
            closed_at=now,
        )  # fmt: skip
        _event(pairing, "status", PairingStatus.REJECTED, actor, now, note)
        audit.record(
            "pairing.rejected", "pairing", pairing.id, actor=actor, detail={"reason": reason}
        )
        for side in (STARTUP, MANUFACTURER):
            _notify_side(pairing, side, "pairing.rejected", reason=reason, note=note)
    logger.info("pairing %s rejected by %s", pairing.id, actor.id)
    return pairing


# --- after the introduction ----------------------------------------------------------------


def allowed_stages(pairing: Pairing) -> list[str]:
    if pairing.status != PairingStatus.APPROVED or pairing.stage is None:
        return []
    return [s for s in PairingStage if s in STAGE_MOVES.get(pairing.stage, ())]


def change_stage(pairing: Pairing, *, actor: User, stage: str, note: str = "") -> Pairing:
    """Either party (or staff) moves an approved pairing along introduced → pilot →
    commercialized, or to ended from any stage."""
    side = _require_side(pairing, actor, {STARTUP, MANUFACTURER, STAFF})
    if stage not in allowed_stages(pairing):
        raise InvalidTransition(_l("The pairing cannot move to this stage."))
    _check_note(note)
    with transaction():
        now = utcnow()
        _compare_and_set(pairing, {PairingStatus.APPROVED}, stage=stage, stage_changed_at=now)
        _event(pairing, "stage", stage, actor, now, note)
        audit.record(
            "pairing.stage_changed", "pairing", pairing.id, actor=actor,
            detail={"from": pairing.stage, "to": stage},
        )  # fmt: skip
        sides = (STARTUP, MANUFACTURER) if side == STAFF else (_other(side),)
        for to_side in sides:
            _notify_side(pairing, to_side, "pairing.stage_changed", stage=stage, note=note)
    return pairing


def report_outcome(pairing: Pairing, *, actor: User, outcome: str, note: str = "") -> Pairing:
    """A party answers the six-month outcome question (again, to update its answer)."""
    side = _require_side(pairing, actor, {STARTUP, MANUFACTURER})
    if pairing.outcome_requested_at is None:
        raise InvalidTransition(_l("The outcome has not been asked yet."))
    if outcome not in set(PairingOutcome):
        raise FieldError("outcome", _l("Choose an answer."))
    _check_note(note)
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
            "pairing.outcome_reported", "pairing", pairing.id, actor=actor,
            detail={"outcome": outcome},
        )  # fmt: skip
    return pairing


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


# --- contacts ------------------------------------------------------------------------------


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
        target = _other(viewer_side)
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


# --- lists ---------------------------------------------------------------------------------


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
        return statement.where(False)
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
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Pairing)
            .where(Pairing.status == PairingStatus.ACCEPTED)
        )
        or 0
    )


def support_for_stage(stage: str | None) -> list[SupportProgram]:
    if not stage:
        return []
    return list(
        db.session.scalars(
            select(SupportProgram)
            .where(SupportProgram.stage == stage, SupportProgram.is_active.is_(True))
            .order_by(SupportProgram.sort_order, SupportProgram.id)
        )
    )


def list_support_programs() -> Select[tuple[SupportProgram]]:
    """Every follow-on support programme for staff: active first, by stage and order."""
    return select(SupportProgram).order_by(
        SupportProgram.is_active.desc(),
        SupportProgram.stage,
        SupportProgram.sort_order,
        SupportProgram.id,
    )


def get_support_program(actor: User, program_id: int) -> SupportProgram:
    """A support programme for staff to edit; ``NotFound`` for others or a wrong id."""
    program = db.session.get(SupportProgram, program_id)
    if program is None or not actor.is_staff:
        raise NotFound()
    return program


def save_support_program(
    program: SupportProgram | None, *, actor: User, fields: dict[str, Any]
) -> SupportProgram:
    """Staff add (``program`` None) or edit a follow-on support programme."""
    if not actor.is_staff:
        raise PermissionDenied()
    if fields.get("stage") not in set(PairingStage):
        raise FieldError("stage", _l("Choose a stage."))
    allowed = {
        "stage", "name_ko", "name_en", "description_ko", "description_en", "url", "sort_order",
        "is_active",
    }  # fmt: skip
    created = program is None
    if program is None:
        program = SupportProgram()
        db.session.add(program)
    for name, value in fields.items():
        if name in allowed:
            setattr(program, name, value)
    db.session.flush()
    audit.record(
        "support_program.created" if created else "support_program.updated",
        "support_program", program.id, actor=actor, detail={"stage": program.stage},
    )  # fmt: skip
    db.session.commit()
    return program


def deactivate_support_program(program: SupportProgram, *, actor: User) -> SupportProgram:
    if not actor.is_staff:
        raise PermissionDenied()
    program.is_active = False
    audit.record("support_program.deactivated", "support_program", program.id, actor=actor)
    db.session.commit()
    return program


# --- the sweep -----------------------------------------------------------------------------


def sweep(now: datetime) -> dict[str, int]:
    """Reminds, expires and asks for outcomes; safe to run any number of times.

    A request unanswered for ``policy.reminder_days`` gets one reminder to the side
    that must answer; after twice that it expires with a notice to both sides. A
    pairing introduced ``OUTCOME_AFTER`` ago is asked its outcome once. Each pairing
    is its own transaction; one changed concurrently is skipped (and caught next run).
    """
    policy = current_policy()
    days = policy.reminder_days
    db.session.commit()
    counts = {"expired": 0, "reminded": 0, "outcome_requested": 0, "mailed": 0}

    def each(statement: Select[tuple[int]]) -> Iterator[Pairing]:
        for pairing_id in list(db.session.scalars(statement)):
            pairing = db.session.get(Pairing, pairing_id)
            if pairing is not None:
                yield pairing

    expire_before = now - timedelta(days=2 * days)
    for pairing in each(
        select(Pairing.id).where(
            Pairing.status == PairingStatus.REQUESTED, Pairing.requested_at <= expire_before
        )
    ):
        try:
            with transaction():
                _compare_and_set(
                    pairing, {PairingStatus.REQUESTED}, status=PairingStatus.EXPIRED,
                    closed_at=now,
                )  # fmt: skip
                _event(pairing, "status", PairingStatus.EXPIRED, None, now)
                audit.record("pairing.expired", "pairing", pairing.id, detail={"days": 2 * days})
                for side in (STARTUP, MANUFACTURER):
                    _notify_side(pairing, side, "pairing.expired")
            counts["expired"] += 1
        except (Conflict, InvalidTransition):
            logger.info("sweep skipped pairing %s: changed meanwhile", pairing.id)

    remind_before = now - timedelta(days=days)
    for pairing in each(
        select(Pairing.id).where(
            Pairing.status == PairingStatus.REQUESTED,
            Pairing.reminded_at.is_(None),
            Pairing.requested_at <= remind_before,
        )
    ):
        try:
            with transaction():
                _compare_and_set(pairing, {PairingStatus.REQUESTED}, reminded_at=now)
                audit.record("pairing.reminded", "pairing", pairing.id)
                _notify_side(pairing, answering_side(pairing), "pairing.reminder", days=days)
            counts["reminded"] += 1
        except (Conflict, InvalidTransition):
            logger.info("sweep skipped pairing %s: changed meanwhile", pairing.id)

    for pairing in each(
        select(Pairing.id).where(
            Pairing.status == PairingStatus.APPROVED,
            Pairing.outcome_requested_at.is_(None),
            Pairing.introduced_at <= now - OUTCOME_AFTER,
        )
    ):
        try:
            with transaction():
                _compare_and_set(pairing, {PairingStatus.APPROVED}, outcome_requested_at=now)
                audit.record("pairing.outcome_requested", "pairing", pairing.id)
                for side in (STARTUP, MANUFACTURER):
                    _notify_side(pairing, side, "pairing.outcome_requested")
            counts["outcome_requested"] += 1
        except (Conflict, InvalidTransition):
            logger.info("sweep skipped pairing %s: changed meanwhile", pairing.id)

    # Notifications other code committed without mailing them, and retries.
    counts["mailed"] = notifications.send_pending_notifications()
    return counts
