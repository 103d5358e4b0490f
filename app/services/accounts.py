"""Accounts: sign-up of companies, authentication, staff accounts."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

import pyotp
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Consent, Organization, User
from app.models.enums import ConsentPurpose, OrganizationKind, Role, VerificationStatus
from app.models.types import utcnow
from app.services import audit
from app.services.errors import FieldError
from app.services.passwords import hash_password, needs_rehash, verify_password
from app.validators import clean_text, normalize_brn

logger = logging.getLogger(__name__)


def normalize_email(email: str) -> str:
    """The stored form of an address: trimmed and case-folded, so uniqueness ignores case."""
    return clean_text(email).casefold()


def get_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


@dataclass(frozen=True)
class CompanySignup:
    kind: OrganizationKind
    company_name: str
    business_reg_no: str
    district: str
    contact_name: str
    email: str
    password: str
    consents: frozenset[str]
    locale: str = "ko"
    contact_phone: str | None = None


def register_company(signup: CompanySignup) -> User:
    """Creates a company (pending verification) and its first account, in one transaction.

    Raises ``FieldError`` for a registration number or e-mail already on the
    platform, or a missing required consent; nothing is saved then.
    """
    if ConsentPurpose.PRIVACY_REQUIRED not in signup.consents:
        raise FieldError("consent_required", _l("You must agree to continue."))
    email = normalize_email(signup.email)
    brn = normalize_brn(signup.business_reg_no)
    if get_user_by_email(email) is not None:
        raise FieldError("email", _l("This e-mail address is already registered."))
    if db.session.scalar(select(func.count()).where(Organization.business_reg_no == brn)):
        raise FieldError(
            "business_reg_no", _l("This business registration number is already registered.")
        )

    now = utcnow()
    organization = Organization(
        kind=signup.kind,
        name=clean_text(signup.company_name),
        business_reg_no=brn,
        district=signup.district,
        contact_name=clean_text(signup.contact_name),
        contact_email=email,
        contact_phone=signup.contact_phone,
        verification_status=VerificationStatus.PENDING,
        last_active_at=now,
    )
    user = User(
        email=email,
        password_hash=hash_password(signup.password),
        role=Role(signup.kind.value),
        organization=organization,
        locale=signup.locale,
    )
    version = current_app.config["PRIVACY_TEXT_VERSION"]
    user.consents = [
        Consent(purpose=purpose, text_version=version, granted_at=now)
        for purpose in sorted(signup.consents)
    ]
    db.session.add_all([organization, user])
    try:
        db.session.flush()
        audit.record(
            "company.registered",
            "organization",
            organization.id,
            actor=user,
            detail={"kind": str(signup.kind), "consents": sorted(signup.consents)},
        )
        db.session.commit()
    except IntegrityError as error:
        # Two sign-ups racing for the same address or number: the constraint decides.
        db.session.rollback()
        field = "business_reg_no" if "business_reg_no" in str(error.orig) else "email"
        raise FieldError(field, _l("This is already registered.")) from error
    logger.info("company registered organization=%s user=%s", organization.id, user.id)
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None. Upgrades outdated hashes."""
    user = get_user_by_email(email)
    if user is None or not user.is_active:
        verify_password(None, password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def create_staff(email: str, password: str) -> tuple[User, str]:
    """A city staff account with a fresh TOTP secret (returned once, for enrolment).

    Only the ``flask create-staff`` command calls this; sign-up never makes staff.
    """
    email = normalize_email(email)
    if get_user_by_email(email) is not None:
        raise FieldError("email", _l("This e-mail address is already registered."))
    secret = pyotp.random_base32()
    user = User(
        email=email,
        password_hash=hash_password(password),
        role=Role.STAFF,
        totp_secret=secret,
        locale="ko",
    )
    db.session.add(user)
    db.session.flush()
    audit.record("staff.created", "user", user.id, actor=None)
    db.session.commit()
    return user, secret


def end_all_sessions(user: User) -> None:
    """Every session cookie issued to this user so far stops working."""
    user.session_version += 1


def granted(consents: Iterable[Consent]) -> set[str]:
    return {c.purpose for c in consents if c.withdrawn_at is None}
