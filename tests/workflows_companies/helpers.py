"""Builders for the company workflow tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Match, Need, Notification, Organization

SECTOR_REASON = {
    "kind": "sector",
    "ko": "같은 업종: 자동차/교통",
    "en": "Same sector: automotive and transport",
}


def add_match(need: Need, startup: Organization, score: float, **fields: Any) -> Match:
    match = Match(
        need_id=need.id,
        startup_id=startup.id,
        score=score,
        reasons=fields.pop("reasons", [SECTOR_REASON]),
        engine_version="test",
        **fields,
    )
    db.session.add(match)
    db.session.commit()
    return match


def audit_actions(object_type: str | None = None) -> list[str]:
    query = select(AuditEvent.action).order_by(AuditEvent.id)
    if object_type:
        query = query.where(AuditEvent.object_type == object_type)
    return list(db.session.scalars(query))


def notifications_for(user_id: int) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user_id)))


class RecomputeSpy:
    """Records ``request_recompute`` calls made by one service module."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, **kwargs: Any) -> None:
        self.calls.append({k: list(v) if k != "everything" else v for k, v in kwargs.items()})

    def need_ids(self) -> list[int]:
        return [i for call in self.calls for i in call.get("need_ids", [])]

    def startup_ids(self) -> list[int]:
        return [i for call in self.calls for i in call.get("startup_ids", [])]
