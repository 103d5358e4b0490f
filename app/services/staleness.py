"""Marking ranking inputs stale: what a service calls when a profile, a need or the
policy changed. The recomputation itself runs after the commit (``app.jobs``), in
``app.services.matching``; this module stays below both, so neither imports the other
to ask for it."""

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

    Joins the caller's transaction; the recomputation itself happens after commit
    (``app.jobs`` triggers one job per committed transaction).
    """
    now = utcnow()
    need_ids, startup_ids = list(need_ids), list(startup_ids)
    db.session.info["recompute_requested"] = True
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
