"""The collaboration policy: versioned, edited by staff; the newest version is in force."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.types import UTCDateTime, utcnow

# Version 1 ranks with the engine's own defaults (``matching.Policy()``; a test pins
# them equal): automotive/transport is the sector with the highest growth potential.
DEFAULT_PRIORITY_SECTORS = ["automotive_transport"]
# Except the lowest score listed: the engine keeps every match by default (0), the
# platform hides the weakest ones from the start.
DEFAULT_MIN_SCORE = 0.1


class Policy(db.Model):
    __tablename__ = "policies"
    __table_args__ = (
        CheckConstraint("weight_text >= 0 AND weight_capability >= 0", name="weights_text_cap"),
        CheckConstraint("weight_sector >= 0 AND weight_iot_field >= 0", name="weights_sector_iot"),
        CheckConstraint("priority_boost >= 0 AND priority_boost <= 1", name="priority_boost"),
        CheckConstraint("min_score >= 0 AND min_score <= 1", name="min_score"),
        CheckConstraint("max_open_requests >= 1", name="max_open_requests"),
        CheckConstraint("reminder_days >= 1", name="reminder_days"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(unique=True)
    weight_text: Mapped[float] = mapped_column(Float, default=0.35)
    weight_capability: Mapped[float] = mapped_column(Float, default=0.45)
    weight_sector: Mapped[float] = mapped_column(Float, default=0.15)
    weight_iot_field: Mapped[float] = mapped_column(Float, default=0.05)
    priority_sectors: Mapped[list[str]] = mapped_column(
        JSON, default=lambda: list(DEFAULT_PRIORITY_SECTORS)
    )
    priority_boost: Mapped[float] = mapped_column(Float, default=0.1)
    only_verified_listed: Mapped[bool] = mapped_column(default=True)
    require_staff_approval: Mapped[bool] = mapped_column(default=True)
    max_open_requests: Mapped[int] = mapped_column(default=5)
    min_score: Mapped[float] = mapped_column(Float, default=DEFAULT_MIN_SCORE)
    reminder_days: Mapped[int] = mapped_column(default=14)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class SupportProgram(db.Model):
    """The city's follow-on support, linked from the pairing stage it fits."""

    __tablename__ = "support_programs"

    id: Mapped[int] = mapped_column(primary_key=True)
    stage: Mapped[str] = mapped_column(String(20), index=True)
    name_ko: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    description_ko: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(String(300))
    is_active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)
