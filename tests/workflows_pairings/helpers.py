"""Builders for pairing tests: a pairing in any status, straight in the database."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Notification, Pairing, PairingEvent
from app.models.enums import PairingStatus
from app.models.types import utcnow
from tests import factories


class World:
    """Two startups and two manufacturers (one user each), a staff user, one open need."""

    def __init__(self) -> None:
        self.startup, self.startup_user = factories.make_startup()
        self.other_startup, self.other_startup_user = factories.make_startup()
        self.maker, self.maker_user = factories.make_manufacturer()
        self.other_maker, self.other_maker_user = factories.make_manufacturer()
        self.staff = factories.make_staff()
        self.need = factories.make_need(self.maker)

    def pairing(
        self, status: str = PairingStatus.REQUESTED, *, need: Any = None, **options: Any
    ) -> Pairing:
        """A pairing of ``startup`` on ``need`` (or the world's need), decided by ``staff``."""
        return factories.make_pairing(
            need or self.need,
            self.startup,
            status,
            decided_by=self.staff,
            message="진동 센서로 해 보겠습니다.",
            **options,
        )

    def users(self) -> dict[str, Any]:
        return {
            "startup": self.startup_user,
            "manufacturer": self.maker_user,
            "staff": self.staff,
            "other_startup": self.other_startup_user,
            "other_manufacturer": self.other_maker_user,
        }


def count(model: Any, *where: Any) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def audit_actions(pairing_id: int | None = None) -> list[str]:
    statement = select(AuditEvent.action).order_by(AuditEvent.id)
    if pairing_id is not None:
        statement = statement.where(AuditEvent.object_id == pairing_id)
    return list(db.session.scalars(statement))


def notification_kinds(user_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(Notification.kind)
            .where(Notification.user_id == user_id)
            .order_by(Notification.id)
        )
    )


def timeline(pairing_id: int) -> list[tuple[str, str]]:
    return [
        (e.kind, e.value)
        for e in db.session.scalars(
            select(PairingEvent)
            .where(PairingEvent.pairing_id == pairing_id)
            .order_by(PairingEvent.id)
        )
    ]


def days_ago(days: int) -> datetime:
    return utcnow() - timedelta(days=days)
