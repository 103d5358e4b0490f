"""In-app notifications (and, through them, e-mail).

A notification is stored as a kind and parameters, so that it renders in the
recipient's language when shown; it joins the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.extensions import db
from app.models import Notification, User


def notify(
    users: User | Iterable[User],
    kind: str,
    params: dict[str, Any] | None = None,
    link: str | None = None,
) -> list[Notification]:
    recipients = [users] if isinstance(users, User) else list(users)
    created = [
        Notification(user_id=user.id, kind=kind, params=dict(params or {}), link=link)
        for user in recipients
        if user.is_active
    ]
    db.session.add_all(created)
    return created
