"""Matrix row 45: one-time codes are one-time (issue 13, item 9).

The same TOTP code is accepted once in its window (the last used step is
stored); re-binding the second factor at ``/me/totp`` needs the password and a
code of the current authenticator, besides a code of the new one.
"""

from __future__ import annotations

import time
from typing import Any

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.extensions import db
from app.models import User
from app.services import accounts
from app.services.errors import FieldError
from tests import factories
from tests.factories import PASSWORD


def _password_step(client: FlaskClient, staff: User) -> None:
    response = client.post("/login", data={"email": staff.email, "password": PASSWORD})
    assert response.headers["Location"].endswith("/login/verify")


def test_row45_same_totp_code_is_refused_the_second_time(app: Flask) -> None:
    staff = factories.make_staff()
    code = pyotp.TOTP(staff.totp_secret).now()
    first, second = app.test_client(), app.test_client()
    _password_step(first, staff)
    _password_step(second, staff)
    assert first.post("/login/verify", data={"code": code}).status_code == 302
    replay = second.post("/login/verify", data={"code": code})
    assert replay.status_code == 200  # the form again, not a session
    assert second.get("/staff").status_code == 302
    db.session.refresh(staff)
    assert staff.totp_last_step is not None


def test_row45_an_older_code_is_refused_after_a_newer_one(app: Flask) -> None:
    staff = factories.make_staff()
    totp = pyotp.TOTP(staff.totp_secret)
    now = time.time()
    assert accounts.verify_totp(staff, totp.at(now))
    assert not accounts.verify_totp(staff, totp.at(now - 30))
    assert accounts.verify_totp(staff, totp.at(now + 30))
    assert not accounts.verify_totp(staff, totp.at(now + 30))


def _enrol_page(client: FlaskClient) -> str:
    client.get("/me/totp?lang=en")
    with client.session_transaction() as session:
        return str(session["totp_enrol_secret"])


@pytest.mark.parametrize(
    "missing", ["current_password", "current_code", "wrong_password", "wrong_code"]
)
def test_row45_re_enrolment_needs_password_and_current_code(
    app: Flask, login_as: Any, missing: str
) -> None:
    staff = factories.make_staff()
    old_secret = staff.totp_secret
    client = login_as(staff)
    new_secret = _enrol_page(client)
    data = {
        "current_password": PASSWORD,
        "current_code": pyotp.TOTP(old_secret).now(),
        "code": pyotp.TOTP(new_secret).now(),
    }
    if missing in data:
        del data[missing]
    elif missing == "wrong_password":
        data["current_password"] = "not the password at all"
    else:
        data["current_code"] = pyotp.TOTP(pyotp.random_base32()).now()
    response = client.post("/me/totp", data=data)
    assert response.status_code == 200
    db.session.refresh(staff)
    assert staff.totp_secret == old_secret


def test_row45_re_enrolment_with_both_factors_replaces_the_secret(
    app: Flask, login_as: Any
) -> None:
    staff = factories.make_staff()
    old_secret = staff.totp_secret
    client = login_as(staff)
    new_secret = _enrol_page(client)
    response = client.post(
        "/me/totp",
        data={
            "current_password": PASSWORD,
            "current_code": pyotp.TOTP(old_secret).now(),
            "code": pyotp.TOTP(new_secret).now(),
        },
    )
    assert response.status_code == 302
    db.session.refresh(staff)
    assert staff.totp_secret == new_secret
    # the service refuses a replayed current code as well
    with pytest.raises(FieldError):
        accounts.enrol_totp(
            staff,
            pyotp.random_base32(),
            "000000",
            current_password=PASSWORD,
            current_code=pyotp.TOTP(new_secret).now(),
        )
