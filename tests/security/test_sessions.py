"""Sessions and cookies (ASVS 3.3, 7.2-7.5; matrix rows 2, 16, 17)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pyotp
import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.models import User
from tests.factories import PASSWORD


def log_in(client: FlaskClient, user: User, remember: bool = False) -> Any:
    data = {"email": user.email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    return client.post("/login", data=data)


def set_cookie_headers(response: Any) -> dict[str, str]:
    return {h.split("=", 1)[0]: h for h in response.headers.getlist("Set-Cookie")}


def test_session_cookie_is_httponly_and_samesite_lax(
    client: FlaskClient, make_startup: Callable
) -> None:
    _, user = make_startup()
    cookie = set_cookie_headers(log_in(client, user))["session"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_https_setting_drives_the_cookie_flags() -> None:
    import importlib
    import os

    import config as config_module

    os.environ["HTTPS"] = "1"
    try:
        secure = importlib.reload(config_module).Config
        assert secure.SESSION_COOKIE_SECURE and secure.REMEMBER_COOKIE_SECURE
        assert secure.SESSION_COOKIE_NAME == "__Host-session"
    finally:
        del os.environ["HTTPS"]
        importlib.reload(config_module)


def test_staff_get_no_remember_cookie(client: FlaskClient, make_staff: Callable) -> None:
    staff = make_staff()
    client.post("/login", data={"email": staff.email, "password": PASSWORD, "remember": "y"})
    response = client.post("/login/verify", data={"code": pyotp.TOTP(staff.totp_secret).now()})
    assert response.status_code == 302
    assert "remember_token" not in set_cookie_headers(response)
    assert client.get_cookie("remember_token") is None


def test_company_users_may_be_remembered(client: FlaskClient, make_startup: Callable) -> None:
    _, user = make_startup()
    assert "remember_token" in set_cookie_headers(log_in(client, user, remember=True))


def test_login_issues_a_new_cookie_and_the_old_one_is_not_signed_in(
    client: FlaskClient, make_startup: Callable
) -> None:
    _, user = make_startup()
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"] = "x"
    before = client.get_cookie("session").value
    log_in(client, user)
    after = client.get_cookie("session").value
    assert before != after
    client.set_cookie("session", before)
    assert client.get("/dashboard").status_code == 302


def test_password_change_ends_other_sessions_and_keeps_this_one(
    app: Flask, client: FlaskClient, make_startup: Callable
) -> None:
    _, user = make_startup()
    other_device = app.test_client()
    log_in(other_device, user)
    log_in(client, user)
    stolen = client.get_cookie("session").value
    new = "another good passphrase"
    response = client.post(
        "/me/password",
        data={"pw-current_password": PASSWORD, "pw-new_password": new,
              "pw-new_password_confirm": new},
    )  # fmt: skip
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 200  # this session re-issued
    assert other_device.get("/dashboard").status_code == 302  # the other one ended
    replay = app.test_client()
    replay.set_cookie("session", stolen)
    assert replay.get("/dashboard").status_code == 302
    version = db.session.scalar(select(User.session_version).where(User.id == user.id))
    assert version == 2


def test_logout_ends_every_session_of_the_user(
    app: Flask, client: FlaskClient, make_startup: Callable
) -> None:
    _, user = make_startup()
    other_device = app.test_client()
    log_in(other_device, user)
    log_in(client, user)
    client.post("/logout")
    assert other_device.get("/dashboard").status_code == 302


def test_disabled_account_is_signed_out_at_its_next_request(
    login_as: Callable, make_startup: Callable
) -> None:
    _, user = make_startup()
    client = login_as(user)
    assert client.get("/dashboard").status_code == 200
    user.is_active_account = False
    db.session.commit()
    assert client.get("/dashboard").status_code == 302


@pytest.mark.parametrize(
    ("kind", "idle_ok", "idle_out"),
    [("startup", timedelta(minutes=110), timedelta(minutes=121)),
     ("staff", timedelta(minutes=25), timedelta(minutes=31))],
)  # fmt: skip
def test_idle_timeout(
    client: FlaskClient,
    make_startup: Callable,
    make_staff: Callable,
    kind: str,
    idle_ok: timedelta,
    idle_out: timedelta,
) -> None:
    user = make_startup()[1] if kind == "startup" else make_staff()
    page = "/dashboard" if kind == "startup" else "/staff"
    with time_machine.travel("2026-03-02 09:00 +0000", tick=False) as traveller:
        log_in(client, user)
        if kind == "staff":
            client.post("/login/verify", data={"code": pyotp.TOTP(user.totp_secret).now()})
        assert client.get(page).status_code == 200
        traveller.shift(idle_ok)
        assert client.get(page).status_code == 200  # activity refreshes the idle clock
        traveller.shift(idle_out)
        assert client.get(page).status_code == 302


def test_absolute_timeout_even_when_active(client: FlaskClient, make_startup: Callable) -> None:
    _, user = make_startup()
    with time_machine.travel("2026-03-02 09:00 +0000", tick=False) as traveller:
        log_in(client, user)
        for _ in range(11):  # active every hour for eleven hours
            traveller.shift(timedelta(hours=1))
            assert client.get("/dashboard").status_code == 200
        traveller.shift(timedelta(hours=1, minutes=1))
        assert client.get("/dashboard").status_code == 302


def test_totp_re_enrolment_shows_a_local_qr_and_replaces_the_secret(
    client: FlaskClient, make_staff: Callable
) -> None:
    staff = make_staff()
    old_secret = staff.totp_secret
    client.post("/login", data={"email": staff.email, "password": PASSWORD})
    client.post("/login/verify", data={"code": pyotp.TOTP(old_secret).now()})
    page = client.get("/me/totp?lang=en")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in body  # drawn locally, no third-party QR service
    assert "<script" not in body.split("</main>")[0].split("<main")[1]
    with client.session_transaction() as session:
        new_secret = session["totp_enrol_secret"]
    assert new_secret in body and new_secret != old_secret
    bad = client.post("/me/totp?lang=en", data={"code": "000000"})
    assert bad.status_code == 200
    response = client.post(
        "/me/totp",
        data={
            "current_password": PASSWORD,
            # the login used this step's code up: the next step's code proves the old device
            "current_code": pyotp.TOTP(old_secret).at(time.time() + 30),
            "code": pyotp.TOTP(new_secret).now(),
        },
    )
    assert response.status_code == 302
    db.session.refresh(staff)
    assert staff.totp_secret == new_secret
    assert client.get("/staff").status_code == 200


def test_totp_page_is_for_staff_only(login_as: Callable, make_startup: Callable) -> None:
    _, user = make_startup()
    assert login_as(user).get("/me/totp").status_code == 403


def test_create_staff_prints_the_secret(runner: Any) -> None:
    result = runner.invoke(
        args=["create-staff", "new.staff@seoul.go.kr"],
        input="a long staff passphrase\na long staff passphrase\n",
    )
    assert result.exit_code == 0, result.output
    staff = db.session.scalar(select(User).where(User.email == "new.staff@seoul.go.kr"))
    assert staff.totp_secret in result.output
