"""The sweep that keeps pairings moving: reminders, expiries, the outcome question.

Each pairing is its own transaction; one changed concurrently is skipped (and caught
by the next run), so the sweep is safe to run any number of times, from any worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from sqlalchemy import Select, select

from app.extensions import db
from app.models import Pairing
from app.models.enums import PairingStatus
from app.services import audit, notifications
from app.services.errors import Conflict, InvalidTransition
from app.services.pairings.core import (
    MANUFACTURER,
    STARTUP,
    add_event,
    answering_side,
    compare_and_set,
    notify_side,
)
from app.services.policy import current_policy
from app.services.transaction import transaction

logger = logging.getLogger(__name__)

OUTCOME_AFTER = timedelta(days=182)


def sweep(now: datetime) -> dict[str, int]:
    """Reminds, expires and asks for outcomes; safe to run any number of times.

    A request unanswered for ``policy.reminder_days`` gets one reminder to the side
    that must answer; after twice that it expires with a notice to both sides. A
    pairing introduced ``OUTCOME_AFTER`` ago is asked its outcome once. Returns how
    many pairings each step changed and how many mails went out.
    """
    days = current_policy().reminder_days
    db.session.commit()
    requested = Pairing.status == PairingStatus.REQUESTED
    counts = {
        "expired": _each(
            select(Pairing.id).where(requested, Pairing.requested_at <= now - 2 * _days(days)),
            lambda pairing: _expire(pairing, now, days),
        ),
        "reminded": _each(
            select(Pairing.id).where(
                requested,
                Pairing.reminded_at.is_(None),
                Pairing.requested_at <= now - _days(days),
            ),
            lambda pairing: _remind(pairing, now, days),
        ),
        "outcome_requested": _each(
            select(Pairing.id).where(
                Pairing.status == PairingStatus.APPROVED,
                Pairing.outcome_requested_at.is_(None),
                Pairing.introduced_at <= now - OUTCOME_AFTER,
            ),
            lambda pairing: _ask_outcome(pairing, now),
        ),
    }
    # Notifications other code committed without mailing them, and retries.
    counts["mailed"] = notifications.send_pending_notifications()
    return counts


def _days(days: int) -> timedelta:
    return timedelta(days=days)


def _pairings(statement: Select[int]) -> Iterator[Pairing]:
    for pairing_id in list(db.session.scalars(statement)):
        pairing = db.session.get(Pairing, pairing_id)
        if pairing is not None:
            yield pairing


def _each(statement: Select[int], step: Callable[[Pairing], None]) -> int:
    """Runs ``step`` on each pairing ``statement`` selects, each in its own transaction;
    returns how many it changed."""
    done = 0
    for pairing in _pairings(statement):
        try:
            with transaction():
                step(pairing)
        except (Conflict, InvalidTransition):
            logger.info("sweep skipped pairing %s: changed meanwhile", pairing.id)
        else:
            done += 1
    return done


def _expire(pairing: Pairing, now: datetime, days: int) -> None:
    compare_and_set(pairing, {PairingStatus.REQUESTED}, status=PairingStatus.EXPIRED, closed_at=now)
    add_event(pairing, "status", PairingStatus.EXPIRED, None, now)
    audit.record("pairing.expired", "pairing", pairing.id, detail={"days": 2 * days})
    for side in (STARTUP, MANUFACTURER):
        notify_side(pairing, side, "pairing.expired")


def _remind(pairing: Pairing, now: datetime, days: int) -> None:
    compare_and_set(pairing, {PairingStatus.REQUESTED}, reminded_at=now)
    audit.record("pairing.reminded", "pairing", pairing.id)
    notify_side(pairing, answering_side(pairing), "pairing.reminder", days=days)


def _ask_outcome(pairing: Pairing, now: datetime) -> None:
    compare_and_set(pairing, {PairingStatus.APPROVED}, outcome_requested_at=now)
    audit.record("pairing.outcome_requested", "pairing", pairing.id)
    for side in (STARTUP, MANUFACTURER):
        notify_side(pairing, side, "pairing.outcome_requested")
