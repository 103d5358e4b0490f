"""The whole road through the test client: sign-up to commercialization."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.models import Match, Organization, Pairing, User
from app.services.verification import verify_company
from tests import factories
from tests.workflows_pairings.helpers import audit_actions, timeline


def signup(client: FlaskClient, kind: str, brn: str, email: str, phone: str) -> User:
    response = client.post(
        "/signup",
        data={
            "kind": kind,
            "company_name": f"{kind} 주식회사",
            "business_reg_no": brn,
            "district": "금천구",
            "contact_name": f"{kind} 담당자",
            "contact_phone": phone,
            "email": email,
            "password": "a long enough passphrase",
            "password_confirm": "a long enough passphrase",
            "consent_required": "y",
            "consent_contact_provision": "y",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    client.post("/logout")
    return db.session.scalar(select(User).where(User.email == email))


def test_whole_journey_from_signup_to_commercialization(
    client: FlaskClient, login_as: Any, make_staff: Any
) -> None:
    startup_user = signup(
        client, "startup", factories.valid_brn(91), "ceo@edge.example", "010-2222-3333"
    )
    maker_user = signup(
        client, "manufacturer", factories.valid_brn(92), "plant@maker.example", "010-4444-5555"
    )
    staff = make_staff()
    startup, maker = startup_user.organization, maker_user.organization
    with client.application.test_request_context():
        verify_company(startup, actor=staff)
        verify_company(maker, actor=staff)
    assert startup.is_verified and maker.is_verified
    maker.sector = "automotive_transport"
    startup.iot_field = "device"
    db.session.commit()

    # The needs views belong to another area; the need is inserted, opened, and matched.
    need = factories.make_need(maker, title="프레스 진동 감시", status="open")
    db.session.add(
        Match(need_id=need.id, startup_id=startup.id, score=0.8, reasons=[], engine_version="test")
    )
    db.session.commit()

    def everyone_sees(url: str, secret: str) -> bool:
        return all(
            secret in login_as(user).get(url).get_data(as_text=True)
            for user in (startup_user, maker_user)
        )

    response = login_as(startup_user).post(
        f"/needs/{need.id}/interest", data={"message": "진동 센서 4개로 시작", "consent": "y"}
    )
    assert response.status_code == 302
    pairing = db.session.scalar(select(Pairing))
    url = f"/pairings/{pairing.id}?lang=en"
    for secret in ("ceo@edge.example", "010-2222-3333", "plant@maker.example", "010-4444-5555"):
        assert not everyone_sees(url, secret)

    response = login_as(maker_user).post(
        f"/pairings/{pairing.id}/accept", data={"accept-consent": "y"}
    )
    assert response.status_code == 302
    staff_page = login_as(staff).get("/staff/pairings?lang=en").get_data(as_text=True)
    assert "프레스 진동 감시" in staff_page
    assert login_as(staff).post(f"/staff/pairings/{pairing.id}/approve").status_code == 302

    startup_view = login_as(startup_user).get(url).get_data(as_text=True)
    maker_view = login_as(maker_user).get(url).get_data(as_text=True)
    assert "plant@maker.example" in startup_view and "010-4444-5555" in startup_view
    assert "ceo@edge.example" in maker_view and "010-2222-3333" in maker_view

    for user, stage in ((startup_user, "pilot"), (maker_user, "commercialized")):
        response = login_as(user).post(f"/pairings/{pairing.id}/stage", data={"stage-stage": stage})
        assert response.status_code == 302
    assert timeline(pairing.id) == [
        ("status", "requested"),
        ("status", "accepted"),
        ("status", "approved"),
        ("stage", "introduced"),
        ("stage", "pilot"),
        ("stage", "commercialized"),
    ]
    page = login_as(startup_user).get(url).get_data(as_text=True)
    for text in ("Waiting for an answer", "Waiting for city approval", "Approved", "Pilot",
                 "Commercialized", "Introduced"):  # fmt: skip
        assert text in page
    assert "pairing.approved" in audit_actions(pairing.id)
    assert db.session.get(Organization, startup.id).last_active_at <= datetime.now(UTC)
