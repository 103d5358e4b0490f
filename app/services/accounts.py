"""Accounts: sign-up of companies, authentication, staff accounts."""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

import pyotp
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Consent, Organization, User
from app.models.enums import ConsentPurpose, OrganizationKind, Role, VerificationStatus
from app.models.types import utcnow
from app.services import audit
from app.services.errors import FieldError, PermissionDenied
from app.services.passwords import hash_password, is_common_password, needs_rehash, verify_password
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
            detail={
                "kind": str(signup.kind),
                "consents": sorted(signup.consents),
                "previously_registered": _was_registered_before(brn),
            },
        )
        db.session.commit()
    except IntegrityError as error:
        # Two sign-ups racing for the same address or number: the constraint decides.
        db.session.rollback()
        field = "business_reg_no" if "business_reg_no" in str(error.orig) else "email"
        raise FieldError(field, _l("This is already registered.")) from error
    logger.info("company registered organization=%s user=%s", organization.id, user.id)
    return user


def _was_registered_before(brn: str) -> bool:
    """Whether a deleted company had this number (only its keyed hash is kept)."""
    from app.services.privacy import brn_fingerprint

    fingerprint = brn_fingerprint(brn)
    return bool(
        db.session.scalar(
            select(func.count()).where(Organization.business_reg_no_hash == fingerprint)
        )
    )


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


def _check_current_password(user: User, password: str) -> None:
    if not verify_password(user.password_hash, password):
        raise FieldError("current_password", _l("The current password is not correct."))


def change_password(user: User, *, current_password: str, new_password: str) -> None:
    """Sets a new password after checking the current one (ASVS 6.2.2, 6.2.3).

    Every other session of the user ends (the session version is bumped); the
    caller re-issues the current session. Raises ``FieldError`` for a wrong
    current password or a common new one.
    """
    _check_current_password(user, current_password)
    if is_common_password(new_password):
        raise FieldError("new_password", _l("This password is too common."))
    user.password_hash = hash_password(new_password)
    user.password_changed_at = utcnow()
    end_all_sessions(user)
    audit.record("account.password_changed", "user", user.id, actor=user)
    db.session.commit()
    logger.info("password changed user=%s", user.id)


def change_email(user: User, *, current_password: str, new_email: str) -> None:
    """Changes the sign-in address after checking the password (ASVS 7.5.1).

    Other sessions end, as for a password change. Raises ``FieldError`` for a
    wrong password or an address already in use.
    """
    _check_current_password(user, current_password)
    email = normalize_email(new_email)
    if email == user.email:
        return
    if get_user_by_email(email) is not None:
        raise FieldError("email", _l("This e-mail address is already registered."))
    user.email = email
    end_all_sessions(user)
    audit.record("account.email_changed", "user", user.id, actor=user)
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise FieldError("email", _l("This e-mail address is already registered.")) from error


OPTIONAL_CONSENTS = (ConsentPurpose.CONTACT_PROVISION, ConsentPurpose.MARKETING)


def set_optional_consents(user: User, wanted: Iterable[str]) -> None:
    """Grants or withdraws the optional consents (PIPA Art. 22, 37).

    Withdrawing is as easy as granting; a withdrawn consent keeps its row with
    ``withdrawn_at`` so the history stays provable. The required consent is
    not touched here: withdrawing it means deleting the account.
    """
    wanted_set = {str(p) for p in wanted} & {str(p) for p in OPTIONAL_CONSENTS}
    now = utcnow()
    version = current_app.config["PRIVACY_TEXT_VERSION"]
    changes: dict[str, str] = {}
    for purpose in OPTIONAL_CONSENTS:
        active = [c for c in user.consents if c.purpose == purpose and c.withdrawn_at is None]
        if purpose in wanted_set and not active:
            same_version = [
                c for c in user.consents if c.purpose == purpose and c.text_version == version
            ]
            if same_version:  # (user, purpose, version) is unique: grant it again
                same_version[0].withdrawn_at = None
                same_version[0].granted_at = now
            else:
                user.consents.append(Consent(purpose=purpose, text_version=version, granted_at=now))
            changes[str(purpose)] = "granted"
        elif purpose not in wanted_set and active:
            for consent in active:
                consent.withdrawn_at = now
            changes[str(purpose)] = "withdrawn"
            if purpose == ConsentPurpose.CONTACT_PROVISION and user.organization is not None:
                _withdraw_pairing_contact_consents(user.organization)
    if changes:
        audit.record("account.consents_changed", "user", user.id, actor=user, detail=changes)
    db.session.commit()


def _withdraw_pairing_contact_consents(organization: Organization) -> None:
    """Withdrawing the consent stops every further provision of the contact (PIPA Art. 37)."""
    from app.models import Need, Pairing

    db.session.execute(
        update(Pairing)
        .where(Pairing.startup_id == organization.id, Pairing.startup_consented_at.is_not(None))
        .values(startup_consented_at=None, version=Pairing.version + 1)
    )
    own_needs = select(Need.id).where(Need.organization_id == organization.id)
    db.session.execute(
        update(Pairing)
        .where(Pairing.need_id.in_(own_needs), Pairing.manufacturer_consented_at.is_not(None))
        .values(manufacturer_consented_at=None, version=Pairing.version + 1)
    )


def _matching_step(secret: str, code: str, at: float | None = None) -> int | None:
    """The time step whose code ``code`` is, within one step of now, or None."""
    totp = pyotp.TOTP(secret)
    now = time.time() if at is None else at
    current = int(now) // totp.interval
    for step in (current, current - 1, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def verify_totp(user: User, code: str) -> bool:
    """Checks a staff member's code and uses it up: a code is accepted once.

    The step of the accepted code is stored with a compare-and-set, so the same code
    (or an older one) is refused afterwards, even by a request racing this one.
    Commits when the code is accepted.
    """
    if not user.totp_secret:
        return False
    step = _matching_step(user.totp_secret, code)
    if step is None:
        return False
    claimed = db.session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.totp_last_step.is_(None), User.totp_last_step < step),
        )
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    db.session.refresh(user)
    return claimed == 1


def enrol_totp(
    user: User, secret: str, code: str, *, current_password: str, current_code: str
) -> None:
    """Replaces a staff member's second factor (ASVS 6.4.x: re-binding needs both factors).

    The password and a code from the authenticator in use prove the account holder; a
    code from the new secret proves the new authenticator works. Raises ``FieldError``
    on the field that failed; nothing changes then.
    """
    if not user.is_staff:
        raise PermissionDenied(_l("Only city staff use a second factor here."))
    _check_current_password(user, current_password)
    if not verify_totp(user, current_code):
        raise FieldError(
            "current_code", _l("The code of your current authenticator is not correct.")
        )
    step = _matching_step(secret, code)
    if step is None:
        raise FieldError("code", _l("The code is not correct. Check your device's clock."))
    user.totp_secret = secret
    user.totp_last_step = step  # the confirming code is used up too
    end_all_sessions(user)
    audit.record("staff.totp_enrolled", "user", user.id, actor=user)
    db.session.commit()


def granted(consents: Iterable[Consent]) -> set[str]:
    return {c.purpose for c in consents if c.withdrawn_at is None}
