"""Accounts and the consents they gave."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.enums import ConsentPurpose, Role
from app.models.organization import Organization, _values
from app.models.types import UTCDateTime, utcnow


class User(UserMixin, db.Model):
    """A person who signs in. ``email`` is stored case-folded, so uniqueness is too."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(f"role IN ({_values(Role)})", name="role"),
        CheckConstraint("locale IN ('ko', 'en')", name="locale"),
        CheckConstraint(
            "(role = 'staff' AND organization_id IS NULL)"
            " OR (role <> 'staff' AND organization_id IS NOT NULL)"
            " OR deleted_at IS NOT NULL",
            name="staff_has_no_organization",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    locale: Mapped[str] = mapped_column(String(5), default="ko")
    is_active_account: Mapped[bool] = mapped_column(default=True)
    # Bumped on logout, password change and disabling: every older session cookie dies.
    session_version: Mapped[int] = mapped_column(default=1)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # The time step (unix time // 30) of the last code accepted: a code counts once (ASVS 6.5.1).
    totp_last_step: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organization: Mapped[Organization | None] = relationship(
        back_populates="users", foreign_keys=[organization_id]
    )
    consents: Mapped[list[Consent]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="Consent.id"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.is_active_account and self.deleted_at is None

    @property
    def is_staff(self) -> bool:
        return self.role == Role.STAFF

    def get_id(self) -> str:
        # The session version travels in the cookie; a bumped version logs it out.
        return f"{self.id}:{self.session_version}"

    def has_consent(self, purpose: str) -> bool:
        return any(c.purpose == purpose and c.withdrawn_at is None for c in self.consents)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class Consent(db.Model):
    """One consent for one purpose, with the version of the text the user agreed to."""

    __tablename__ = "consents"
    __table_args__ = (
        CheckConstraint(f"purpose IN ({_values(ConsentPurpose)})", name="purpose"),
        UniqueConstraint("user_id", "purpose", "text_version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(30))
    text_version: Mapped[str] = mapped_column(String(20))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(back_populates="consents")


class ApiToken(db.Model):
    """A personal API token; only its SHA-256 is stored, the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
