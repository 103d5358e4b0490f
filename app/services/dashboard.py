"""Figures for the staff dashboard, as plain dicts and lists.

Everything aggregates in SQL where both SQLite and PostgreSQL agree; medians
are taken in Python, since the two databases have no common median function.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from statistics import median
from typing import Any

from sqlalchemy import and_, func, select

from app.extensions import db
from app.models import (
    Need,
    Organization,
    Pairing,
    PairingEvent,
    PairingOutcomeReport,
    StartupSector,
)
from app.models.enums import (
    IotField,
    NeedStatus,
    OrganizationKind,
    PairingOutcome,
    PairingStage,
    PairingStatus,
    Sector,
    VerificationStatus,
)
from app.models.types import utcnow
from app.services import funnel
from app.services.funnel import FUNNEL_STEPS

LIST_LIMIT = 10
_COUNTED = Organization.verification_status.in_(
    [VerificationStatus.PENDING, VerificationStatus.VERIFIED]
)


def registrations_by_iot_field() -> list[dict[str, Any]]:
    """Startups (pending or verified) per IoT field, in the survey's order."""
    rows = db.session.execute(
        select(Organization.iot_field, func.count())
        .where(Organization.kind == OrganizationKind.STARTUP, _COUNTED)
        .group_by(Organization.iot_field)
    ).all()
    counts = {code: n for code, n in rows}
    return [{"code": field.value, "count": counts.get(field.value, 0)} for field in IotField]


def registrations_by_sector() -> list[dict[str, Any]]:
    """Per sector: startups serving it and manufacturers in it."""
    startups = dict(
        db.session.execute(
            select(StartupSector.sector, func.count())
            .join(Organization, Organization.id == StartupSector.organization_id)
            .where(_COUNTED)
            .group_by(StartupSector.sector)
        ).all()
    )
    manufacturers = dict(
        db.session.execute(
            select(Organization.sector, func.count())
            .where(Organization.kind == OrganizationKind.MANUFACTURER, _COUNTED)
            .group_by(Organization.sector)
        ).all()
    )
    return [
        {
            "code": sector.value,
            "startups": startups.get(sector.value, 0),
            "manufacturers": manufacturers.get(sector.value, 0),
        }
        for sector in Sector
    ]


def pairing_funnel() -> list[dict[str, Any]]:
    """How many pairings ever reached each step (``funnel.milestones``), and the share of
    all requests that is."""
    reached = funnel.milestones()
    total = len(reached)
    counts = {step: sum(step in steps for steps in reached.values()) for step in FUNNEL_STEPS}
    return [
        {
            "step": step,
            "count": counts[step],
            "percent": round(100 * counts[step] / total) if total else 0,
        }
        for step in FUNNEL_STEPS
    ]


def _median_days(spans: list[timedelta]) -> float | None:
    days = [span.total_seconds() / 86400 for span in spans if span.total_seconds() >= 0]
    return round(median(days), 1) if days else None


def median_days() -> dict[str, float | None]:
    """Median days from request to staff decision, and from introduction to pilot."""
    decided = db.session.execute(
        select(Pairing.requested_at, Pairing.decided_at).where(Pairing.decided_at.is_not(None))
    ).all()
    first_pilot = dict(
        db.session.execute(
            select(PairingEvent.pairing_id, func.min(PairingEvent.at))
            .where(PairingEvent.kind == "stage", PairingEvent.value == PairingStage.PILOT)
            .group_by(PairingEvent.pairing_id)
        ).all()
    )
    to_pilot = []
    for pairing_id, introduced_at, stage, stage_changed_at in db.session.execute(
        select(Pairing.id, Pairing.introduced_at, Pairing.stage, Pairing.stage_changed_at).where(
            Pairing.introduced_at.is_not(None)
        )
    ):
        pilot_at = first_pilot.get(pairing_id)
        if pilot_at is None and stage == PairingStage.PILOT:
            pilot_at = stage_changed_at
        if pilot_at is not None and introduced_at is not None:
            to_pilot.append(pilot_at - introduced_at)
    return {
        "request_to_decision": _median_days(
            [b - a for a, b in decided if a is not None and b is not None]
        ),
        "decisions": len(decided),
        "introduction_to_pilot": _median_days(to_pilot),
        "pilots": len(to_pilot),
    }


def needs_without_requests(limit: int = LIST_LIMIT) -> dict[str, Any]:
    """Open needs nobody has asked about yet, longest waiting first."""
    no_pairing = ~select(Pairing.id).where(Pairing.need_id == Need.id).exists()
    where = and_(Need.status == NeedStatus.OPEN, no_pairing)
    total = db.session.scalar(select(func.count()).select_from(Need).where(where)) or 0
    now = utcnow()
    rows = db.session.execute(
        select(Need.id, Need.title, Need.sector, Organization.name, Need.opened_at, Need.created_at)
        .join(Organization, Organization.id == Need.organization_id)
        .where(where)
        .order_by(func.coalesce(Need.opened_at, Need.created_at), Need.id)
        .limit(limit)
    ).all()
    items = [
        {
            "id": need_id,
            "title": title,
            "sector": sector,
            "manufacturer": manufacturer,
            "opened_at": opened_at or created_at,
            "days_open": (now - (opened_at or created_at)).days,
        }
        for need_id, title, sector, manufacturer, opened_at, created_at in rows
    ]
    return {"total": total, "items": items}


def expiring_requests(
    reminder_days: int, now: datetime | None = None, limit: int = LIST_LIMIT
) -> dict[str, Any]:
    """Requests unanswered for ``reminder_days`` or more; they expire at twice that age."""
    now = now or utcnow()
    cutoff = now - timedelta(days=reminder_days)
    where = and_(Pairing.status == PairingStatus.REQUESTED, Pairing.requested_at <= cutoff)
    total = db.session.scalar(select(func.count()).select_from(Pairing).where(where)) or 0
    startup = Organization
    rows = db.session.execute(
        select(Pairing.id, Pairing.requested_at, Pairing.initiated_by, Need.title, startup.name)
        .join(Need, Need.id == Pairing.need_id)
        .join(startup, startup.id == Pairing.startup_id)
        .where(where)
        .order_by(Pairing.requested_at, Pairing.id)
        .limit(limit)
    ).all()
    items = []
    for pairing_id, requested_at, initiated_by, need_title, startup_name in rows:
        expires_at = requested_at + timedelta(days=2 * reminder_days)
        items.append(
            {
                "id": pairing_id,
                "need_title": need_title,
                "startup": startup_name,
                "initiated_by": initiated_by,
                "requested_at": requested_at,
                "age_days": (now - requested_at).days,
                "days_left": max(0, (expires_at - now).days),
            }
        )
    return {"total": total, "items": items}


def outcome_counts() -> list[dict[str, Any]]:
    """Answers to the six-month outcome question, per outcome."""
    counts = Counter(
        dict(
            db.session.execute(
                select(PairingOutcomeReport.outcome, func.count()).group_by(
                    PairingOutcomeReport.outcome
                )
            ).all()
        )
    )
    return [{"code": outcome.value, "count": counts[outcome.value]} for outcome in PairingOutcome]


def dashboard_figures(reminder_days: int, now: datetime | None = None) -> dict[str, Any]:
    """Everything the dashboard page shows."""
    return {
        "iot_fields": registrations_by_iot_field(),
        "sectors": registrations_by_sector(),
        "funnel": pairing_funnel(),
        "medians": median_days(),
        "idle_needs": needs_without_requests(),
        "expiring": expiring_requests(reminder_days, now),
        "outcomes": outcome_counts(),
        "reminder_days": reminder_days,
    }


def queue_counts() -> dict[str, int]:
    """The staff's waiting work: companies to verify, needs to review, pairings to decide."""

    def count(model: type, condition: Any) -> int:
        return db.session.scalar(select(func.count()).select_from(model).where(condition)) or 0

    return {
        "companies": count(
            Organization, Organization.verification_status == VerificationStatus.PENDING
        ),
        "needs": count(Need, Need.status == NeedStatus.UNDER_REVIEW),
        "pairings": count(Pairing, Pairing.status == PairingStatus.ACCEPTED),
    }
