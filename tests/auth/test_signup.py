"""Sign-up: every field checked next to itself, nothing half-saved."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Consent, Organization, User
from app.models.enums import VerificationStatus


def signup_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "startup",
        "company_name": "엣지센스 주식회사",
        "business_reg_no": "220-81-62517",
        "district": "금천구",
        "contact_name": "김민지",
        "contact_phone": "010-1234-5678",
        "email": "minji@edgesense.example",
        "password": "a long enough passphrase",
        "password_confirm": "a long enough passphrase",
        "consent_required": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def counts() -> tuple[int, int]:
    return (
        db.session.scalar(select(func.count()).select_from(User)),
        db.session.scalar(select(func.count()).select_from(Organization)),
    )


def test_startup_signs_up_and_lands_on_its_page(client: FlaskClient) -> None:
    response = client.post("/signup", data=signup_data())
    assert response.status_code == 302
    user = db.session.scalar(select(User))
    assert user.role == "startup"
    assert user.organization.verification_status == VerificationStatus.PENDING
    assert user.organization.business_reg_no == "2208162517"
    assert user.password_hash.startswith("$argon2id$")
    assert "a long enough passphrase" not in user.password_hash
    assert client.get("/dashboard").status_code == 200


def test_consent_is_recorded_with_time_and_text_version(client: FlaskClient) -> None:
    client.post("/signup", data=signup_data(consent_marketing="y"))
    consents = db.session.scalars(select(Consent).order_by(Consent.purpose)).all()
    assert [(c.purpose, c.text_version) for c in consents] == [
        ("marketing", "2026-11"),
        ("privacy_required", "2026-11"),
    ]
    assert all(c.granted_at is not None for c in consents)
    assert db.session.scalar(select(AuditEvent.action)) == "company.registered"


def test_manufacturer_signs_up(client: FlaskClient) -> None:
    client.post("/signup", data=signup_data(kind="manufacturer"))
    assert db.session.scalar(select(Organization.kind)) == "manufacturer"


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"business_reg_no": "220-81-62518"}, "valid 10-digit business registration number"),
        ({"business_reg_no": "12345"}, "valid 10-digit business registration number"),
        ({"consent_required": None}, "You must agree"),
        ({"company_name": ""}, "Enter your company name"),
        ({"company_name": "가" * 101}, "Field cannot be longer than 100 characters"),
        ({"contact_name": "  "}, "Enter the contact person"),
        ({"email": "not-an-email"}, "valid e-mail"),
        ({"password": "short", "password_confirm": "short"}, "10 to 128"),
        ({"password_confirm": "something else entirely"}, "do not match"),
        ({"district": "Gotham"}, "Not a valid choice"),
        ({"kind": "staff"}, "Not a valid choice"),
        ({"company_name": "evil\x00name"}, "control characters"),
    ],
)
def test_bad_input_is_refused_next_to_the_field(
    client: FlaskClient, overrides: dict[str, Any], field_message: str
) -> None:
    response = client.post("/signup?lang=en", data=signup_data(**overrides))
    assert response.status_code == 200
    assert field_message in response.get_data(as_text=True)
    assert counts() == (0, 0)


def test_errors_are_in_korean_by_default(client: FlaskClient) -> None:
    response = client.post("/signup", data=signup_data(business_reg_no="220-81-62518"))
    assert "사업자등록번호" in response.get_data(as_text=True)


def test_duplicate_email_in_another_case_is_refused(client: FlaskClient) -> None:
    client.post("/signup", data=signup_data())
    client.post("/logout", data={})
    client.get("/logout")
    other = signup_data(email="MINJI@EdgeSense.Example", business_reg_no="124-81-00998")
    with client.session_transaction() as session:
        session.clear()
    response = client.post("/signup?lang=en", data=other)
    assert "already registered" in response.get_data(as_text=True)
    assert counts() == (1, 1)


def test_duplicate_registration_number_is_refused(client: FlaskClient) -> None:
    client.post("/signup", data=signup_data())
    with client.session_transaction() as session:
        session.clear()
    response = client.post("/signup?lang=en", data=signup_data(email="other@example.com"))
    assert "already registered" in response.get_data(as_text=True)
    assert counts() == (1, 1)


def test_korean_names_round_trip_unchanged(client: FlaskClient) -> None:
    decomposed = unicodedata.normalize("NFD", "문래정밀 공업사")
    client.post("/signup", data=signup_data(company_name=decomposed, contact_name="박서연"))
    organization = db.session.scalar(select(Organization))
    assert organization.name == "문래정밀 공업사"
    assert unicodedata.is_normalized("NFC", organization.name)
    assert organization.contact_name == "박서연"
    assert "문래정밀 공업사" in client.get("/dashboard").get_data(as_text=True)


def test_signup_cannot_make_staff(client: FlaskClient) -> None:
    client.post("/signup", data=signup_data(role="staff", kind="startup"))
    assert db.session.scalar(select(User.role)) == "startup"
