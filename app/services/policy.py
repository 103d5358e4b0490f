"""The collaboration policy in force, and its translation into the engine's terms."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Policy


def current_policy() -> Policy:
    """The newest policy version; version 1 with the defaults when none was saved yet."""
    policy = db.session.scalar(select(Policy).order_by(Policy.version.desc()).limit(1))
    if policy is None:
        policy = Policy(version=1)
        db.session.add(policy)
        db.session.flush()
    return policy
