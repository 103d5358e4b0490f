"""Companies on the platform: startups and manufacturers, and manufacturers' sites."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.enums import (
    IotField,
    OrganizationKind,
    Sector,
    VerificationStatus,
)
from app.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from app.models.need import Need
    from app.models.user import User


def _values(enum_cls: type) -> str:
    return ", ".join(f"'{member.value}'" for member in enum_cls)


class Organization(db.Model):
    """A startup or a manufacturer. Contact fields are personal data."""

    __tablename__ = "organizations"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_values(OrganizationKind)})", name="kind"),
        CheckConstraint(
            f"verification_status IN ({_values(VerificationStatus)})", name="verification_status"
        ),
        CheckConstraint(
            f"iot_field IS NULL OR iot_field IN ({_values(IotField)})", name="iot_field"
        ),
        CheckConstraint(f"sector IS NULL OR sector IN ({_values(Sector)})", name="sector"),
        CheckConstraint("length(business_reg_no) = 10", name="business_reg_no_length"),
        Index("ix_organizations_kind_status", "kind", "verification_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    business_reg_no: Mapped[str] = mapped_column(String(10), unique=True)
    # Set when the company's last account is deleted: the number itself is then replaced by
    # a placeholder (freed for a new sign-up) and only this keyed hash (HMAC-SHA-256) traces it.
    business_reg_no_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    district: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str | None] = mapped_column(String(200))
    employees: Mapped[int | None]
    founded_year: Mapped[int | None]

    # Personal data (개인정보): revealed only as the policy and consents allow.
    contact_name: Mapped[str | None] = mapped_column(String(50))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(20))

    verification_status: Mapped[str] = mapped_column(
        String(20), default=VerificationStatus.PENDING, index=True
    )
    verification_reason: Mapped[str | None] = mapped_column(String(50))
    verification_note: Mapped[str | None] = mapped_column(Text)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Startup: main IoT field, sectors served (several), capabilities.
    iot_field: Mapped[str | None] = mapped_column(String(20))
    capabilities: Mapped[list[str]] = mapped_column(JSON, default=list)
    capabilities_text: Mapped[str] = mapped_column(Text, default="")
    # Manufacturer: its one sector.
    sector: Mapped[str | None] = mapped_column(String(40))

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    last_active_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when a profile change must reach the stored matches; cleared by the recompute job.
    matches_stale_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    sector_links: Mapped[list[StartupSector]] = relationship(
        back_populates="organization", cascade="all, delete-orphan", order_by="StartupSector.sector"
    )
    sites: Mapped[list[Site]] = relationship(
        back_populates="organization", cascade="all, delete-orphan", order_by="Site.id"
    )
    needs: Mapped[list[Need]] = relationship(back_populates="organization")
    users: Mapped[list[User]] = relationship(
        back_populates="organization", foreign_keys="User.organization_id"
    )

    @property
    def is_startup(self) -> bool:
        return self.kind == OrganizationKind.STARTUP

    @property
    def is_verified(self) -> bool:
        return self.verification_status == VerificationStatus.VERIFIED

    @property
    def sectors(self) -> list[str]:
        """Startups: the sectors served; manufacturers: their one sector."""
        if self.is_startup:
            return [link.sector for link in self.sector_links]
        return [self.sector] if self.sector else []

    @sectors.setter
    def sectors(self, codes: list[str]) -> None:
        wanted = list(dict.fromkeys(codes))
        kept = [link for link in self.sector_links if link.sector in wanted]
        have = {link.sector for link in kept}
        self.sector_links = kept + [StartupSector(sector=c) for c in wanted if c not in have]

    def to_record(self) -> dict[str, Any]:
        """The engine's startup record (``data/FORMAT.md``)."""
        record: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "iot_field": self.iot_field or "service",
            "sectors": self.sectors,
            "description": " ".join(filter(None, [self.description, self.capabilities_text])),
            "capabilities": list(self.capabilities or []),
            "district": self.district,
        }
        if self.employees is not None:
            record["employees"] = self.employees
        if self.founded_year is not None:
            record["founded"] = self.founded_year
        return record

    def __repr__(self) -> str:
        return f"<Organization {self.id} {self.kind} {self.name!r}>"


class StartupSector(db.Model):
    """A sector a startup serves; a table, not a list, so pages can filter on it."""

    __tablename__ = "startup_sectors"
    __table_args__ = (CheckConstraint(f"sector IN ({_values(Sector)})", name="sector"),)

    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    sector: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)

    organization: Mapped[Organization] = relationship(back_populates="sector_links")


class Site(db.Model):
    """A manufacturer's shop floor."""

    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    district: Mapped[str] = mapped_column(String(20))
    processes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organization: Mapped[Organization] = relationship(back_populates="sites")
