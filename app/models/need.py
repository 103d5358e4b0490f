"""Needs: problems a manufacturer's site posts for startups to solve."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.enums import NeedStatus, Sector
from app.models.organization import Organization, Site, _values
from app.models.types import UTCDateTime, utcnow


class Need(db.Model):
    __tablename__ = "needs"
    __table_args__ = (
        CheckConstraint(f"status IN ({_values(NeedStatus)})", name="status"),
        CheckConstraint(f"sector IN ({_values(Sector)})", name="sector"),
        CheckConstraint(
            "budget_min_krw IS NULL OR budget_max_krw IS NULL OR budget_min_krw <= budget_max_krw",
            name="budget_range",
        ),
        Index("ix_needs_status_sector", "status", "sector"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    sector: Mapped[str] = mapped_column(String(40))
    required_capabilities: Mapped[list[str]] = mapped_column(JSON, default=list)
    budget_min_krw: Mapped[int | None] = mapped_column(BigInteger)
    budget_max_krw: Mapped[int | None] = mapped_column(BigInteger)
    deadline: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=NeedStatus.DRAFT)

    review_reason: Mapped[str | None] = mapped_column(String(50))
    review_note: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the need changed and its stored matches must be recomputed.
    matches_stale_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organization: Mapped[Organization] = relationship(back_populates="needs")
    site: Mapped[Site | None] = relationship()

    @property
    def district(self) -> str:
        return self.site.district if self.site else self.organization.district

    def to_record(self) -> dict[str, Any]:
        """The engine's need record (``data/FORMAT.md``)."""
        record: dict[str, Any] = {
            "id": str(self.id),
            "manufacturer": self.organization.name,
            "sector": self.sector,
            "title": self.title,
            "description": self.description,
            "required_capabilities": list(self.required_capabilities or []),
            "district": self.district,
        }
        if self.budget_max_krw is not None:
            record["budget_krw"] = self.budget_max_krw
        return record

    def __repr__(self) -> str:
        return f"<Need {self.id} {self.status} {self.title!r}>"
