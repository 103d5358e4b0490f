"""What every pairing operation shares: the sides, the compare-and-set update, the
timeline entry, the notices and the checks of the answers' fields."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from app import limits
from app.database import rows_changed
from app.extensions import db
from app.models import (
    Organization,
    Pairing,
    PairingEvent,
    User,
)
from app.models.enums import (
    REJECTION_REASONS,
    PairingInitiator,
    PairingStage,
    PairingStatus,
    Role,
)
from app.services import notifications, standing
from app.services.errors import (
    Conflict,
    FieldError,
    InvalidTransition,
    NotFound,
    PermissionDenied,
)

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
    """The side that started the pairing."""
    return STARTUP if pairing.initiated_by == PairingInitiator.STARTUP else MANUFACTURER


def answering_side(pairing: Pairing) -> str:
    """The side that must answer the request or invitation."""
    return MANUFACTURER if initiator_side(pairing) == STARTUP else STARTUP


def other_side(side: str) -> str:
    """The other party's side: "manufacturer" for "startup" and back."""
    return MANUFACTURER if side == STARTUP else STARTUP


def organization_of(pairing: Pairing, side: str) -> Organization:
    """The company on ``side`` of ``pairing``."""
    return pairing.startup if side == STARTUP else pairing.manufacturer


def get_pairing_for(actor: User, pairing_id: int) -> Pairing:
    """The pairing if ``actor`` is one of its parties or staff; ``NotFound`` otherwise."""
    pairing = db.session.get(Pairing, pairing_id)
    if pairing is None or side_of(pairing, actor) is None:
        raise NotFound()
    return pairing


def require_side(pairing: Pairing, actor: User, allowed: Iterable[str]) -> str:
    """``actor``'s side of ``pairing`` if it is one of ``allowed``; ``NotFound`` for a
    stranger (never confirm others' pairings), ``PermissionDenied`` for a wrong side."""
    side = side_of(pairing, actor)
    if side is None:
        raise NotFound()
    if side not in allowed:
        raise PermissionDenied(_l("You cannot do this for this pairing."))
    # A suspended company is read-only: it cannot answer, withdraw or move a pairing.
    standing.require_not_suspended(actor)
    return side


def _users_of(organization_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.organization_id == organization_id).order_by(User.id)
        )
    )


def staff_users() -> list[User]:
    """Every staff account, who are told of pairings waiting for a decision."""
    return list(db.session.scalars(select(User).where(User.role == Role.STAFF).order_by(User.id)))


def _link(pairing: Pairing) -> str:
    return f"/pairings/{pairing.id}"


def pairing_params(pairing: Pairing, **extra: Any) -> dict[str, Any]:
    """The parameters every pairing notification renders with."""
    return {
        "need": pairing.need.title,
        "startup": pairing.startup.name,
        "manufacturer": pairing.manufacturer.name,
        "pairing_id": pairing.id,
        **extra,
    }


def notify_side(pairing: Pairing, side: str, kind: str, **extra: Any) -> None:
    """Notifies every account of ``side``'s company of ``kind`` (mailed after commit)."""
    organization = organization_of(pairing, side)
    other = organization_of(pairing, other_side(side))
    notifications.notify(
        _users_of(organization.id),
        kind,
        pairing_params(pairing, other=other.name, **extra),
        _link(pairing),
    )


def compare_and_set(pairing: Pairing, expected: Iterable[str], **values: Any) -> None:
    """Applies ``values`` only if the row still has the version and status we read.

    Two staff approving at once: both read version n; the first UPDATE wins, the
    second matches no row (PostgreSQL re-checks the WHERE after the winner commits;
    SQLite serialises writers) and raises ``Conflict``.
    """
    read_version, read_status = pairing.version, pairing.status
    if read_status not in set(expected):
        raise InvalidTransition(_l("This pairing is no longer in a state that allows this."))
    changed = rows_changed(
        update(Pairing)
        .where(
            Pairing.id == pairing.id,
            Pairing.version == read_version,
            Pairing.status == read_status,
        )
        .values(version=read_version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    if changed != 1:
        raise Conflict(_l("Someone else changed this pairing at the same time. Please reload."))


def add_event(
    pairing: Pairing,
    kind: str,
    value: str,
    actor: User | None,
    at: datetime,
    note: str | None = None,
) -> None:
    """Adds a dated entry to the pairing's timeline."""
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


def check_reason(reason: str | None) -> str:
    """``reason`` if it is a known rejection reason; ``FieldError("reason")`` otherwise."""
    if reason not in REJECTION_REASONS:
        raise FieldError("reason", _l("Choose a reason."))
    return reason


def check_length(field: str, text: str | None, most: int) -> None:
    """``FieldError(field)`` when ``text`` is longer than ``most`` characters."""
    if len(text or "") > most:
        raise FieldError(field, _l("Use at most %(n)s characters.", n=most))


def check_note(note: str | None) -> None:
    """A note on an answer, a decision or a stage is at most the forms' length."""
    check_length("note", note, limits.PAIRING_NOTE_MAX_LENGTH)


def require_consent(consent_to_contact: bool) -> None:
    """``FieldError("consent")`` unless the party agreed to give its contact person."""
    if not consent_to_contact:
        raise FieldError(
            "consent",
            _l(
                "Agree to providing your contact person after approval;"
                " without it the pairing cannot go on."
            ),
        )


def allowed_stages(pairing: Pairing) -> list[str]:
    """The stages an approved pairing may move to next, in order; none otherwise."""
    if pairing.status != PairingStatus.APPROVED or pairing.stage is None:
        return []
    return [s for s in PairingStage if s in STAGE_MOVES.get(pairing.stage, ())]
