"""The demo data set and the city-scale generator."""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import JSON, String, Text, func, select

from app.demo import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_STAFF_TOTP_SECRET,
    load_demo_data,
    load_scale_data,
    scale,
)
from app.demo.records import DATA
from app.extensions import db
from app.models import (
    AuditEvent,
    Consent,
    Need,
    Notification,
    Organization,
    Pairing,
    PairingEvent,
    PairingOutcomeReport,
    Policy,
    StartupSector,
    SupportProgram,
    User,
)
from app.models.enums import (
    DISTRICTS,
    REJECTION_REASONS,
    IotField,
    NeedStatus,
    OrganizationKind,
    PairingStage,
    PairingStatus,
    Role,
    Sector,
    VerificationStatus,
)
from app.models.types import utcnow
from app.services import imports, mail
from app.services.passwords import verify_password
from app.validators import is_valid_brn
from config import TestConfig
from matching.bench import make_corpus


@pytest.fixture
def demo(app: Flask) -> dict[str, int]:
    return load_demo_data()


def count(model: type, *where: object) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def organizations(kind: OrganizationKind) -> list[Organization]:
    return list(db.session.scalars(select(Organization).where(Organization.kind == kind)))


def test_demo_data_has_enough_companies_and_needs(demo: dict[str, int]) -> None:
    startups = organizations(OrganizationKind.STARTUP)
    assert len(startups) >= 30
    assert {s.iot_field for s in startups} == set(IotField)
    assert len(organizations(OrganizationKind.MANUFACTURER)) >= 15
    assert count(Need) >= 25
    assert count(Need, Need.status == NeedStatus.OPEN) >= 20
    assert demo["organizations"] == len(startups) + len(
        organizations(OrganizationKind.MANUFACTURER)
    )
    assert demo["needs"] == count(Need)


def test_service_is_the_largest_iot_field(demo: dict[str, int]) -> None:
    fields = Counter(s.iot_field for s in organizations(OrganizationKind.STARTUP))
    assert fields.most_common(1)[0][0] == IotField.SERVICE


def test_companies_are_complete_and_use_the_vocabularies(demo: dict[str, int]) -> None:
    for org in db.session.scalars(select(Organization)):
        assert org.district in DISTRICTS
        assert org.contact_name and org.contact_phone.startswith("010-0000-")
        assert org.contact_email.endswith(".example")
        assert org.website.startswith("https://") and org.website.endswith(".example")
        if org.is_startup:
            assert 1 <= len(org.sectors) <= 3 and set(org.sectors) <= set(Sector)
            assert 3 <= len(org.capabilities) <= 5
        else:
            assert org.sector in set(Sector)
            assert 1 <= len(org.sites) <= 2
    for need in db.session.scalars(select(Need)):
        assert need.sector == need.organization.sector
        assert need.site.organization_id == need.organization_id
        assert need.budget_min_krw <= need.budget_max_krw


def test_registration_numbers_are_valid_and_unique(app: Flask) -> None:
    load_demo_data()
    load_scale_data(200)
    numbers = list(db.session.scalars(select(Organization.business_reg_no)))
    assert all(is_valid_brn(n) for n in numbers)
    assert len(numbers) == len(set(numbers))


def test_verification_states_fill_the_staff_queue(demo: dict[str, int]) -> None:
    statuses = Counter(db.session.scalars(select(Organization.verification_status)))
    assert statuses[VerificationStatus.VERIFIED] > statuses[VerificationStatus.PENDING] >= 2
    rejected = db.session.scalars(
        select(Organization).where(Organization.verification_status == VerificationStatus.REJECTED)
    ).all()
    assert len(rejected) == 1
    assert rejected[0].verification_reason in REJECTION_REASONS
    assert rejected[0].verification_note
    staff = db.session.scalar(select(User).where(User.email == DEMO_ACCOUNTS["staff"]))
    for org in db.session.scalars(
        select(Organization).where(Organization.verification_status == VerificationStatus.VERIFIED)
    ):
        assert org.verified_at is not None
    # Who verified is in the audit log, written by the staff account.
    verified = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "company.verified")
    ).all()
    assert len(verified) == statuses[VerificationStatus.VERIFIED]
    assert {e.actor_id for e in verified} == {staff.id}


@pytest.mark.parametrize("role", ["staff", "startup", "manufacturer"])
def test_demo_accounts_sign_in_with_the_demo_password(demo: dict[str, int], role: str) -> None:
    user = db.session.scalar(select(User).where(User.email == DEMO_ACCOUNTS[role]))
    assert user is not None and user.role == Role(role)
    assert verify_password(user.password_hash, DEMO_PASSWORD)
    assert {c.purpose for c in user.consents} == {"privacy_required", "contact_provision"}
    assert all(c.text_version == TestConfig.PRIVACY_TEXT_VERSION for c in user.consents)
    if role == "staff":
        assert user.organization is None and user.totp_secret == DEMO_STAFF_TOTP_SECRET
    else:
        assert user.organization.is_verified
        assert user.organization.kind == role


def test_demo_companies_have_something_to_look_at(demo: dict[str, int]) -> None:
    startup = db.session.scalar(select(User).where(User.email == DEMO_ACCOUNTS["startup"]))
    maker = db.session.scalar(select(User).where(User.email == DEMO_ACCOUNTS["manufacturer"]))
    assert {"vibration sensing", "predictive maintenance"} <= set(startup.organization.capabilities)
    open_needs = [n for n in maker.organization.needs if n.status == NeedStatus.OPEN]
    assert len(open_needs) >= 2 and maker.organization.sites
    fitting = count(
        Need,
        Need.status == NeedStatus.OPEN,
        Need.sector.in_(startup.organization.sectors),
    )
    assert fitting >= 5
    for org in (startup.organization, maker.organization):
        column = Pairing.startup_id if org.is_startup else Need.organization_id
        statuses = set(
            db.session.scalars(select(Pairing.status).join(Need).where(column == org.id))
        )
        assert len(statuses) >= 3, org.name


def test_pairings_cover_every_status_and_stage(demo: dict[str, int]) -> None:
    pairings = db.session.scalars(select(Pairing)).all()
    assert {p.status for p in pairings} == set(PairingStatus)
    assert {p.stage for p in pairings if p.stage} == set(PairingStage)
    assert count(Pairing, Pairing.status == PairingStatus.ACCEPTED) >= 3
    now = utcnow()
    assert any(
        p.status == PairingStatus.REQUESTED and (now - p.requested_at).days > 14 for p in pairings
    )
    assert count(PairingOutcomeReport) >= 2


def test_pairings_respect_the_model_rules_and_have_timelines(demo: dict[str, int]) -> None:
    now = utcnow()
    for p in db.session.scalars(select(Pairing)):
        assert (p.stage is not None) == (p.status == PairingStatus.APPROVED)
        assert p.need.status in (NeedStatus.OPEN, NeedStatus.CLOSED)
        assert p.startup.is_verified and p.need.organization.is_verified
        assert p.requested_at >= p.need.opened_at
        if p.status == PairingStatus.APPROVED:
            assert p.decided_by_id is not None and p.introduced_at is not None
            assert p.startup_consented_at and p.manufacturer_consented_at
        if p.status == PairingStatus.REJECTED:
            assert p.decision_reason in REJECTION_REASONS and p.decision_note
        if p.status == PairingStatus.DECLINED:
            assert p.answer_reason in REJECTION_REASONS
        times = [e.at for e in p.events]
        assert times == sorted(times) and times[-1] <= now
        assert p.events[0].value == PairingStatus.REQUESTED
        assert [e.value for e in p.events if e.kind == "status"][-1] == p.status
        if p.stage:
            assert [e.value for e in p.events if e.kind == "stage"][-1] == p.stage
    assert count(PairingEvent) > count(Pairing)


def test_policy_programs_audit_and_notifications(demo: dict[str, int]) -> None:
    policy = db.session.scalar(select(Policy))
    assert policy.version == 1 and policy.max_open_requests == 5
    stages = {p.stage for p in db.session.scalars(select(SupportProgram))}
    assert stages == {"introduced", "pilot", "commercialized"}
    assert demo["audit_events"] >= 5
    for role in DEMO_ACCOUNTS:
        user = db.session.scalar(select(User).where(User.email == DEMO_ACCOUNTS[role]))
        assert count(Notification, Notification.user_id == user.id) > 0
    assert "matches" not in demo


def test_loading_twice_is_refused_and_adds_nothing(demo: dict[str, int]) -> None:
    before = {t.name: count(t) for t in db.metadata.sorted_tables}
    with pytest.raises(RuntimeError, match="already loaded"):
        load_demo_data()
    assert {t.name: count(t) for t in db.metadata.sorted_tables} == before


def test_all_korean_text_is_nfc(app: Flask) -> None:
    load_demo_data()
    load_scale_data(300)
    checked = 0
    for table in db.metadata.sorted_tables:
        text_columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)]
        for row in db.session.execute(select(*text_columns)) if text_columns else []:
            for value in row:
                text = str(value) if value is not None else ""
                assert unicodedata.normalize("NFC", text) == text, text
                checked += 1
    assert checked > 1000


def test_scale_data_adds_startups_and_open_needs(app: Flask) -> None:
    added = load_scale_data(500)
    assert added["organizations"] == 500 + 30
    assert count(Organization, Organization.kind == OrganizationKind.STARTUP) == 500
    assert count(Need, Need.status == NeedStatus.OPEN) == 100
    assert added["users"] == 30 + 50 and added["consents"] == 2 * 80
    fields = Counter(
        db.session.scalars(
            select(Organization.iot_field).where(Organization.iot_field.is_not(None))
        )
    )
    assert set(fields) == set(IotField)
    assert fields[IotField.SERVICE] > fields[IotField.PLATFORM] > fields[IotField.NETWORK]
    assert count(StartupSector) >= 500
    maker = db.session.scalar(select(User).where(User.email == "maker1@scale.demo.seoul.kr"))
    assert maker.organization.kind == OrganizationKind.MANUFACTURER
    assert verify_password(maker.password_hash, DEMO_PASSWORD)
    assert len(set(db.session.scalars(select(User.password_hash)))) == 1
    with pytest.raises(RuntimeError):
        load_scale_data(10)


def test_scale_data_goes_on_top_of_the_demo_data(demo: dict[str, int]) -> None:
    needs_before = count(Need)
    load_scale_data(50)
    assert count(Need) == needs_before + 10
    assert count(Consent) > 0


def test_demo_files_are_uploads_the_importer_accepts(app: Flask) -> None:
    """The company and need files are FORMAT.md JSON Lines a staff member could upload."""
    startups = imports.parse_upload((DATA / "startups.jsonl").read_bytes(), "jsonl")
    assert imports.plan_import(startups, "startup").count("create") == len(startups) >= 30
    makers = imports.parse_upload((DATA / "manufacturers.jsonl").read_bytes(), "jsonl")
    needs = imports.parse_upload((DATA / "needs.jsonl").read_bytes(), "jsonl")
    for line in makers:
        line.record["type"] = "manufacturer"
    plan = imports.plan_import([*makers, *needs], "need")
    assert not plan.refused and plan.count("create") == len(makers) + len(needs)
    assert all(line.record["id"] for line in [*startups, *makers, *needs])


def test_demo_history_was_made_by_the_services(demo: dict[str, int]) -> None:
    staff = db.session.scalar(select(User).where(User.email == DEMO_ACCOUNTS["staff"]))
    actions = Counter(db.session.scalars(select(AuditEvent.action)))
    assert actions["pairing.requested"] + actions["pairing.invited"] == count(Pairing)
    assert actions["need.approved"] == count(Need, Need.opened_at.is_not(None))
    assert actions["import.applied"] >= 2 and actions["pairing.expired"] == 1
    expired = db.session.scalar(select(Pairing).where(Pairing.status == PairingStatus.EXPIRED))
    assert expired.events[-1].actor_id is None  # the sweep expired it
    approved = db.session.scalars(select(Pairing).where(Pairing.decided_by_id.is_not(None)))
    assert {p.decided_by_id for p in approved} == {staff.id}
    # Every notification of the history counts as mailed back then; nothing is sent now.
    assert count(Notification, Notification.emailed_at.is_(None)) == 0
    addresses = set(db.session.scalars(select(User.email)))
    assert not [m for m in mail.outbox if m["To"] in addresses]
    old = utcnow() - timedelta(days=8)
    assert count(Notification, Notification.user_id == staff.id, Notification.created_at < old)
    assert not count(
        Notification,
        Notification.user_id == staff.id,
        Notification.created_at < old,
        Notification.read_at.is_(None),
    )


def test_scale_data_is_the_bench_corpus(app: Flask) -> None:
    load_scale_data(50)
    corpus_startups, corpus_needs = make_corpus(50, 10 + 30, scale.SEED)
    startups = db.session.scalars(
        select(Organization)
        .where(Organization.kind == OrganizationKind.STARTUP)
        .order_by(Organization.id)
    ).all()
    assert [(s.name, s.description, s.capabilities) for s in startups] == [
        (r["name"], r["description"], r["capabilities"]) for r in corpus_startups
    ]
    needs = db.session.scalars(select(Need).order_by(Need.id)).all()
    assert [n.description for n in needs] == [r["description"] for r in corpus_needs[:10]]
    assert all(n.sector == n.organization.sector and n.site is not None for n in needs)
