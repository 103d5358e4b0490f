"""Builders of valid domain objects for tests: each returns a committed object."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

import pyotp

from app.extensions import db
from app.models import Consent, Need, Organization, Pairing, PairingEvent, Site, User
from app.models.enums import (
    ConsentPurpose,
    NeedStatus,
    OrganizationKind,
    PairingInitiator,
    PairingStage,
    PairingStatus,
    Role,
    VerificationStatus,
)
from app.models.types import utcnow
from app.services.passwords import hash_password
from app.validators import BRN_WEIGHTS

PASSWORD = "correct horse battery staple"
_sequence = itertools.count(1)


def valid_brn(seed: int) -> str:
    """A 사업자등록번호 whose check digit is right, different for each seed."""
    body = f"{(seed * 7919) % 1_000_000_000:09d}"
    digits = [int(c) for c in body]
    total = sum(d * w for d, w in zip(digits, BRN_WEIGHTS, strict=True)) + (digits[8] * 5) // 10
    return body + str((10 - total % 10) % 10)


def make_organization(kind: OrganizationKind, **fields: Any) -> Organization:
    n = next(_sequence)
    defaults: dict[str, Any] = {
        "kind": kind,
        "name": f"{'스타트업' if kind == OrganizationKind.STARTUP else '제조사'} {n}",
        "business_reg_no": valid_brn(n + 1000),
        "district": "금천구",
        "description": "",
        "contact_name": f"담당자{n}",
        "contact_email": f"contact{n}@company{n}.example",
        "contact_phone": f"010-5555-{n:04d}",
        "verification_status": VerificationStatus.VERIFIED,
    }
    sectors = fields.pop("sectors", None)
    defaults.update(fields)
    organization = Organization(**defaults)
    if sectors is not None:
        organization.sectors = sectors
    db.session.add(organization)
    db.session.commit()
    return organization


def make_user(
    organization: Organization | None = None,
    *,
    role: Role | None = None,
    email: str | None = None,
    password: str = PASSWORD,
    locale: str = "ko",
    consents: tuple[str, ...] = (ConsentPurpose.PRIVACY_REQUIRED, ConsentPurpose.CONTACT_PROVISION),
) -> User:
    n = next(_sequence)
    if role is None:
        role = Role(organization.kind) if organization is not None else Role.STAFF
    user = User(
        email=email or f"user{n}@example.com",
        password_hash=hash_password(password),
        role=role,
        organization=organization,
        locale=locale,
        totp_secret=pyotp.random_base32() if role == Role.STAFF else None,
        consents=[Consent(purpose=p, text_version="2026-11") for p in consents],
    )
    db.session.add(user)
    db.session.commit()
    return user


def make_staff(**kwargs: Any) -> User:
    return make_user(None, role=Role.STAFF, **kwargs)


def make_startup(
    *, with_user: bool = True, **fields: Any
) -> Organization | tuple[Organization, User]:
    fields.setdefault("iot_field", "service")
    fields.setdefault("sectors", ["automotive_transport"])
    fields.setdefault("description", "진동 센서로 설비 고장을 예측합니다. Predictive maintenance.")
    fields.setdefault("capabilities", ["예지보전", "vibration sensing"])
    organization = make_organization(OrganizationKind.STARTUP, **fields)
    if not with_user:
        return organization
    return organization, make_user(organization)


def make_manufacturer(
    *, with_user: bool = True, **fields: Any
) -> Organization | tuple[Organization, User]:
    fields.setdefault("sector", "automotive_transport")
    organization = make_organization(OrganizationKind.MANUFACTURER, **fields)
    organization.sites = [
        Site(name="본사 공장", district=organization.district, processes="프레스, 용접")
    ]
    db.session.commit()
    if not with_user:
        return organization
    return organization, make_user(organization)


def make_need(manufacturer: Organization, **fields: Any) -> Need:
    defaults: dict[str, Any] = {
        "organization": manufacturer,
        "site": manufacturer.sites[0] if manufacturer.sites else None,
        "title": "프레스 설비 고장 예측",
        "description": "프레스 기계가 갑자기 서 버려 생산이 멈춥니다. 진동으로 미리 알고 싶습니다.",
        "sector": manufacturer.sector or "automotive_transport",
        "required_capabilities": ["예지보전"],
        "status": NeedStatus.OPEN,
        "budget_min_krw": 10_000_000,
        "budget_max_krw": 30_000_000,
        "opened_at": utcnow(),
    }
    defaults.update(fields)
    need = Need(**defaults)
    db.session.add(need)
    db.session.commit()
    return need


def make_pairing(
    need: Need,
    startup: Organization,
    status: str = PairingStatus.REQUESTED,
    *,
    by: str = PairingInitiator.STARTUP,
    stage: str | None = None,
    decided_by: User | None = None,
    startup_consent: bool = True,
    maker_consent: bool = True,
    requested_at: datetime | None = None,
    message: str = "관심이 있습니다",
    request_event: bool = False,
    **fields: Any,
) -> Pairing:
    """A pairing in any status, straight in the database (no service, no audit, no notice).

    An approved pairing is decided by ``decided_by`` and introduced when requested, unless
    ``fields`` say otherwise; ``request_event`` adds the "requested" step to its timeline.
    """
    now = requested_at or utcnow()
    approved = status == PairingStatus.APPROVED
    values: dict[str, Any] = {
        "stage": stage or (PairingStage.INTRODUCED if approved else None),
        "startup_consented_at": now if startup_consent else None,
        "manufacturer_consented_at": now if maker_consent else None,
        "decided_by_id": decided_by.id if decided_by is not None and approved else None,
        "decided_at": now if approved else None,
        "introduced_at": now if approved else None,
        "stage_changed_at": now if approved else None,
        **fields,
    }
    pairing = Pairing(
        need=need,
        startup=startup,
        initiated_by=by,
        message=message,
        status=status,
        requested_at=now,
        **values,
    )
    if request_event:
        pairing.events.append(PairingEvent(kind="status", value="requested", at=now))
    db.session.add(pairing)
    db.session.commit()
    return pairing
