"""Queries behind the staff audit log page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from app.models import AuditEvent, User

SEOUL = ZoneInfo("Asia/Seoul")


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What the staff asked for; empty fields do not filter. Dates are Seoul calendar days."""

    actor: str = ""
    object_type: str = ""
    object_id: int | None = None
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _start_of_day(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def list_audit_events(filters: AuditFilter, zone: ZoneInfo = SEOUL) -> Select[tuple[AuditEvent]]:
    """Events matching ``filters``, newest first.

    ``actor`` is a user id (digits), an e-mail (exact, case-insensitive) or an actor
    label such as ``staff#3`` or ``system``. ``action`` matches a prefix, so
    ``pairing.`` finds every pairing action.
    """
    statement = select(AuditEvent).options(selectinload(AuditEvent.actor))
    actor = filters.actor.strip()
    if actor.isdigit():
        statement = statement.where(AuditEvent.actor_id == int(actor))
    elif "@" in actor:
        user_ids = select(User.id).where(func.lower(User.email) == actor.casefold())
        statement = statement.where(AuditEvent.actor_id.in_(user_ids))
    elif actor:
        statement = statement.where(AuditEvent.actor_label == actor)
    if filters.object_type.strip():
        statement = statement.where(AuditEvent.object_type == filters.object_type.strip())
    if filters.object_id is not None:
        statement = statement.where(AuditEvent.object_id == filters.object_id)
    if filters.action.strip():
        action = filters.action.strip()
        statement = statement.where(AuditEvent.action.startswith(action, autoescape=True))
    if filters.date_from is not None:
        statement = statement.where(AuditEvent.at >= _start_of_day(filters.date_from, zone))
    if filters.date_to is not None:
        end = _start_of_day(filters.date_to + timedelta(days=1), zone)
        statement = statement.where(AuditEvent.at < end)
    return statement.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())


def list_audit_actions() -> Select[str]:
    """The actions that occur in the log, for the filter's suggestions."""
    return select(AuditEvent.action).distinct().order_by(AuditEvent.action)


def list_object_types() -> Select[str]:
    """The object types that occur in the log, for the filter's suggestions."""
    return select(AuditEvent.object_type).distinct().order_by(AuditEvent.object_type)
