"""When a company was last seen, so nobody courts a dead profile."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update

from app.database import rows_changed
from app.extensions import db
from app.models import Organization
from app.models.types import utcnow

TOUCH_INTERVAL = timedelta(hours=1)


def touch(organization: Organization, now: datetime | None = None) -> bool:
    """Sets ``last_active_at`` to now, at most once per hour; True when it wrote.

    The in-memory timestamp is compared first, so most requests cost nothing;
    the guarded UPDATE keeps concurrent requests from writing twice.
    """
    now = now or utcnow()
    last = organization.last_active_at
    if last is not None and now - last < TOUCH_INTERVAL:
        return False
    written = rows_changed(
        update(Organization)
        .where(
            Organization.id == organization.id,
            (Organization.last_active_at.is_(None))
            | (Organization.last_active_at <= now - TOUCH_INTERVAL),
        )
        # updated_at means a profile edit; activity must not bump it.
        .values(last_active_at=now, updated_at=Organization.updated_at)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return bool(written)
