"""The web app's door to the engine in ``matching/``: stored matches and their recomputation.

Views and services never rank during a request; they ask for a recomputation,
which marks the inputs stale and runs the job (inline, or on the queue).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import update

from app.extensions import db
from app.models import Need, Organization
from app.models.types import utcnow


def request_recompute(
    *, need_ids: Iterable[int] = (), startup_ids: Iterable[int] = (), everything: bool = False
) -> None:
    """Marks needs / startups (or everything) as needing fresh matches.

    Joins the caller's transaction; the recomputation itself happens after commit.
    """
    now = utcnow()
    need_ids, startup_ids = list(need_ids), list(startup_ids)
    if everything:
        db.session.execute(update(Need).values(matches_stale_at=now))
        db.session.execute(update(Organization).values(matches_stale_at=now))
        return
    if need_ids:
        db.session.execute(update(Need).where(Need.id.in_(need_ids)).values(matches_stale_at=now))
    if startup_ids:
        db.session.execute(
            update(Organization)
            .where(Organization.id.in_(startup_ids))
            .values(matches_stale_at=now)
        )
