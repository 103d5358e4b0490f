"""PIPA rights: consents, export, deletion, retention (matrix rows 25, 28, 29)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from flask import Flask
from sqlalchemy import select, text

from app.extensions import db
from app.models import ApiToken, Consent, Pairing
from app.models.enums import PairingStatus
from app.models.types import utcnow
from app.services.privacy import purge_expired
from tests.factories import PASSWORD
from tests.security import world as w


def test_export_holds_everything_about_the_user(app: Flask, login_as: Any) -> None:
    world = w.build_world()
    user = world.users["startup_a"]
    response = login_as(user).get("/me/export")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response.headers["Cache-Control"]
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == user.email
    assert data["organization"]["contact_email"] == world.startup_a.contact_email
    assert data["organization"]["contact_phone"] == world.startup_a.contact_phone
    assert {c["purpose"] for c in data["consents"]} == {"privacy_required", "contact_provision"}
    assert all(c["text_version"] for c in data["consents"])
    assert [p["id"] for p in data["pairings"]] == [world.pairings["a_m_requested"].id]
    assert data["api_tokens"] and "token_hash" not in json.dumps(data)
    assert "password" not in json.dumps(data["account"]).replace("password_changed_at", "")


def test_withdrawing_an_optional_consent_is_one_click(app: Flask, login_as: Any) -> None:
    world = w.build_world()
    user = world.users["startup_a"]
    pairing = world.pairings["a_m_requested"]
    response = login_as(user).post("/me/consents", data={})
    assert response.status_code == 302
    active = db.session.scalars(
        select(Consent.purpose).where(Consent.user_id == user.id, Consent.withdrawn_at.is_(None))
    ).all()
    assert active == ["privacy_required"]
    db.session.refresh(pairing)
    assert pairing.startup_consented_at is None  # no further provision of the contact
    login_as(user).post("/me/consents", data={"consent_marketing": "y"})
    db.session.expire_all()
    assert user.has_consent("marketing")


def test_deleting_the_account_erases_personal_data(app: Flask, login_as: Any) -> None:
    world = w.build_world()
    user = world.users["startup_a"]
    org_id, user_id = world.startup_a.id, user.id
    pairing_id = world.pairings["a_m_requested"].id
    client = login_as(user)
    wrong = client.post("/me/delete", data={"del-current_password": "nope", "del-confirm": "y"})
    assert wrong.status_code == 400
    response = client.post(
        "/me/delete", data={"del-current_password": PASSWORD, "del-confirm": "y"}
    )
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 302  # session ended
    db.session.expire_all()
    row = db.session.execute(
        text("SELECT email, password_hash, deleted_at, totp_secret FROM users WHERE id = :i"),
        {"i": user_id},
    ).one()
    assert row.email == f"deleted-{user_id}@invalid"
    assert not row.password_hash.startswith("$argon2") and row.deleted_at is not None
    org = db.session.execute(
        text(
            "SELECT name, contact_name, contact_email, contact_phone"
            " FROM organizations WHERE id = :i"
        ),
        {"i": org_id},
    ).one()
    assert org.name  # the company's history stays
    assert (org.contact_name, org.contact_email, org.contact_phone) == (None, None, None)
    token = db.session.scalar(select(ApiToken).where(ApiToken.user_id == user_id))
    assert token.revoked_at is not None
    assert db.session.get(Pairing, pairing_id).status == PairingStatus.WITHDRAWN
    api = app.test_client().get(
        "/api/v1/needs", headers={"Authorization": f"Bearer {world.tokens['startup_a']}"}
    )
    assert api.status_code == 401
    login = app.test_client().post("/login", data={"email": user.email, "password": PASSWORD})
    assert login.status_code == 200


def test_retention_job_destroys_data_of_accounts_unused_for_two_years(
    app: Flask, runner: Any
) -> None:
    world = w.build_world(pairings=False)
    old = world.users["startup_b"]
    old.last_login_at = utcnow() - timedelta(days=731)
    recent = world.users["startup_a"]
    recent.last_login_at = utcnow() - timedelta(days=700)
    db.session.commit()
    result = runner.invoke(args=["privacy-purge"])
    assert result.exit_code == 0 and "1" in result.output
    db.session.expire_all()
    assert old.email.startswith("deleted-") and old.deleted_at is not None
    assert world.startup_b.contact_email is None
    assert not recent.email.startswith("deleted-")
    assert purge_expired(utcnow()) == 0  # nothing left to do
