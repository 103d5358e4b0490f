"""The pairing funnel, defined once: when each pairing first reached each step.

The staff dashboard counts pairings per step, the open data counts them per month of
the step; both read ``milestones()``, so they cannot disagree.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from app.extensions import db
from app.models import Pairing, PairingEvent
from app.models.enums import PairingStage, PairingStatus

FUNNEL_STEPS = ("requested", "approved", "pilot", "commercialized")
_EVENT_STEPS = ("approved", "pilot", "commercialized")


def milestones() -> dict[int, dict[str, datetime]]:
    """Per pairing id, the time it first reached each funnel step it reached.

    The timeline's events date a step. A pairing whose status or stage lies at or
    beyond a step without an event for it (demo data, imports) reached it when its
    status or stage last changed. A later step implies the earlier ones: a pairing
    commercialized without a recorded pilot counts as piloted then, too.
    """
    reached: dict[int, dict[str, datetime]] = {}
    columns = select(
        Pairing.id,
        Pairing.status,
        Pairing.stage,
        Pairing.requested_at,
        Pairing.decided_at,
        Pairing.stage_changed_at,
    )
    for pairing_id, status, stage, requested_at, decided_at, changed_at in db.session.execute(
        columns
    ):
        steps = reached[pairing_id] = {"requested": requested_at}
        if status == PairingStatus.APPROVED:
            steps["approved"] = decided_at or requested_at
        if stage in (PairingStage.PILOT, PairingStage.COMMERCIALIZED):
            steps[str(stage)] = changed_at or steps.get("approved") or requested_at
    events = (
        select(PairingEvent.pairing_id, PairingEvent.value, func.min(PairingEvent.at))
        .where(PairingEvent.value.in_(_EVENT_STEPS))
        .group_by(PairingEvent.pairing_id, PairingEvent.value)
    )
    for pairing_id, value, at in db.session.execute(events):
        if pairing_id in reached:
            reached[pairing_id][str(value)] = at
    for steps in reached.values():
        for later, earlier in (("commercialized", "pilot"), ("pilot", "approved")):
            if later in steps and earlier not in steps:
                steps[earlier] = steps[later]
    return reached
