"""Login, logout and the next= rule."""

from __future__ import annotations

from collections.abc import Callable

import pyotp
import pytest
from flask.testing import FlaskClient

from app.models import User
from tests.factories import PASSWORD


def log_in(client: FlaskClient, email: str, password: str = PASSWORD, next_url: str | None = None):
    url = "/login" + (f"?next={next_url}" if next_url is not None else "")
    return client.post(url, data={"email": email, "password": password})


def test_login_and_logout(client: FlaskClient, make_startup: Callable) -> None:
    _, user = make_startup()
    response = log_in(client, user.email)
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard"
    assert client.get("/dashboard").status_code == 200
    response = client.post("/logout")
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 302


def test_email_is_case_insensitive_at_login(client: FlaskClient, make_startup: Callable) -> None:
    _, user = make_startup()
    assert log_in(client, user.email.upper()).status_code == 302


def test_wrong_password_and_unknown_email_look_the_same(
    client: FlaskClient, make_startup: Callable
) -> None:
    _, user = make_startup()
    wrong = log_in(client, user.email, "wrong password here")
    unknown = log_in(client, "nobody@example.com", "wrong password here")
    assert wrong.status_code == unknown.status_code == 200
    assert "not correct" in wrong.get_data(as_text=True) or "올바르지" in wrong.get_data(
        as_text=True
    )
    typed_email_removed = wrong.get_data(as_text=True).replace(user.email, "nobody@example.com")
    assert typed_email_removed == unknown.get_data(as_text=True)


def test_logout_is_not_a_get(client: FlaskClient, make_startup: Callable) -> None:
    _, user = make_startup()
    log_in(client, user.email)
    assert client.get("/logout").status_code == 405
    assert client.get("/dashboard").status_code == 200


def test_old_session_cookie_dies_on_logout(client: FlaskClient, make_startup: Callable) -> None:
    _, user = make_startup()
    log_in(client, user.email)
    stolen = client.get_cookie("session").value
    client.post("/logout")
    client.set_cookie("session", stolen)
    assert client.get("/dashboard").status_code == 302


def test_session_is_renewed_at_login(client: FlaskClient, make_startup: Callable) -> None:
    _, user = make_startup()
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    log_in(client, user.email)
    with client.session_transaction() as session:
        assert "planted" not in session


@pytest.mark.parametrize("target", ["/needs", "/dashboard?tab=1"])
def test_next_leads_inside_the_site(
    client: FlaskClient, make_startup: Callable, target: str
) -> None:
    _, user = make_startup()
    response = log_in(client, user.email, next_url=target)
    assert response.headers["Location"] == target


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "https:evil.example",
        "%2F%2Fevil.example",
        "javascript:alert(1)",
        "",
    ],
)
def test_next_never_leaves_the_site(
    client: FlaskClient, make_startup: Callable, target: str
) -> None:
    _, user = make_startup()
    response = log_in(client, user.email, next_url=target)
    location = response.headers["Location"]
    assert location.startswith("/")
    assert not location.startswith("//")
    assert "evil" not in location


def test_staff_needs_the_second_factor(client: FlaskClient, make_staff: Callable) -> None:
    staff: User = make_staff()
    response = log_in(client, staff.email)
    assert response.headers["Location"] == "/login/verify"
    assert client.get("/staff").status_code == 302  # no staff session yet
    assert client.post("/login/verify", data={"code": "000000"}).status_code == 200
    assert client.get("/staff").status_code == 302
    code = pyotp.TOTP(staff.totp_secret).now()
    response = client.post("/login/verify", data={"code": code})
    assert response.headers["Location"] == "/staff"
    assert client.get("/staff").status_code == 200


def test_company_user_cannot_open_staff_pages(login_as: Callable, make_startup: Callable) -> None:
    _, user = make_startup()
    assert login_as(user).get("/staff").status_code == 403
