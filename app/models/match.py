"""Stored results of the engine, so any web process can read them without ranking."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.need import Need
from app.models.organization import Organization
from app.models.types import UTCDateTime, utcnow


class Match(db.Model):
    """A computed (need, startup, score, reasons, engine version)."""

    __tablename__ = "matches"
    __table_args__ = (
        UniqueConstraint("need_id", "startup_id"),
        Index("ix_matches_need_score", "need_id", "score"),
        Index("ix_matches_startup_score", "startup_id", "score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"))
    startup_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(Float)
    # Structured reasons from the engine (kind, codes, ko and en text).
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    engine_version: Mapped[str] = mapped_column(String(40))
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    need: Mapped[Need] = relationship()
    startup: Mapped[Organization] = relationship()
