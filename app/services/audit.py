"""Writing the audit log. Events join the caller's transaction; the caller commits."""

from __future__ import annotations

import logging
from typing import Any

from flask import has_request_context, request

from app.extensions import db
from app.models import AuditEvent, User

logger = logging.getLogger("app.audit")


def _client_ip() -> str | None:
    # The one place that looks at the request: where a change came from is part of the record.
    return request.remote_addr if has_request_context() else None


def actor_label(user: User | None) -> str:
    """A pseudonymous label that survives the account's deletion."""
    if user is None:
        return "system"
    return f"{user.role}#{user.id}"


def record(
    action: str,
    object_type: str,
    object_id: int | None,
    *,
    actor: User | None = None,
    subject_organization_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Adds an ``AuditEvent`` to the caller's transaction (who, what, which object, from where)."""
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        actor_label=actor_label(actor),
        action=action,
        object_type=object_type,
        object_id=object_id,
        subject_organization_id=subject_organization_id,
        ip=_client_ip(),
        detail=detail or {},
    )
    db.session.add(event)
    logger.info(
        "audit action=%s object=%s:%s actor=%s ip=%s",
        action,
        object_type,
        object_id,
        event.actor_label,
        event.ip,
    )
    return event
