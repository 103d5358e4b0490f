"""Login abuse: per-account and per-address limits, enumeration (matrix rows 13, 14, 18)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyotp
from flask.testing import FlaskClient

from app.models import User
from tests.factories import PASSWORD


def attempt(client: FlaskClient, email: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        "/login?lang=en",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": ip},
    )


def test_eleventh_bad_login_for_one_account_is_429_even_with_the_right_password(
    client: FlaskClient, make_startup: Callable
) -> None:
    _, user = make_startup()
    for i in range(10):  # from ten addresses: the account limit alone must hold
        assert attempt(client, user.email, "wrong password", ip=f"10.0.1.{i}").status_code == 200
    blocked = attempt(client, user.email, PASSWORD, ip="10.0.1.99")
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0
    body = blocked.get_data(as_text=True)
    assert "Too many attempts" in body and "seconds before trying again" in body
    korean = client.post(
        "/login?lang=ko",
        data={"email": user.email, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.1.98"},
    )
    assert korean.status_code == 429
    assert '<html lang="ko">' in korean.get_data(as_text=True)


def test_a_spray_from_one_address_hits_the_address_ceiling(
    client: FlaskClient, make_startup: Callable
) -> None:
    _, user = make_startup()
    # Many accounts from one address: only the address ceiling (100 a minute) holds; below
    # it, one office's failures do not lock others out (issue 13, item 11; matrix row 47).
    for i in range(100):
        assert attempt(client, f"nobody{i}@example.com", "wrong password").status_code == 200
    assert attempt(client, user.email, PASSWORD).status_code == 429
    # Another address is not affected.
    assert attempt(client, user.email, PASSWORD, ip="10.0.0.2").status_code == 302


def test_limit_lifts_after_the_window(client: FlaskClient, make_startup: Callable) -> None:
    import time_machine

    _, user = make_startup()
    with time_machine.travel(0, tick=False) as traveller:
        for _ in range(10):
            attempt(client, user.email, "wrong password")
        assert attempt(client, user.email, PASSWORD).status_code == 429
        traveller.shift(61)
        assert attempt(client, user.email, PASSWORD).status_code == 302


def test_successful_logins_do_not_use_up_the_limit(
    client: FlaskClient, make_startup: Callable
) -> None:
    _, user = make_startup()
    for _ in range(12):
        assert attempt(client, user.email, PASSWORD).status_code == 302
        client.post("/logout")


def test_wrong_password_and_unknown_email_answer_identically(
    client: FlaskClient, make_startup: Callable
) -> None:
    _, user = make_startup()
    wrong = attempt(client, user.email, "wrong password here")
    unknown = attempt(client, "nobody@example.com", "wrong password here", ip="10.0.0.3")
    assert wrong.status_code == unknown.status_code == 200
    body_wrong = wrong.get_data(as_text=True).replace(user.email, "nobody@example.com")
    assert body_wrong == unknown.get_data(as_text=True)


def test_totp_guessing_is_limited(client: FlaskClient, make_staff: Callable) -> None:
    staff: User = make_staff()
    assert attempt(client, staff.email, PASSWORD).headers["Location"] == "/login/verify"
    codes = [
        c
        for c in (f"{n:06d}" for n in range(20))
        if not pyotp.TOTP(staff.totp_secret).verify(c, valid_window=1)
    ]
    statuses = [client.post("/login/verify", data={"code": c}).status_code for c in codes[:6]]
    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429
    # Even the right code is refused while the limit holds: no staff session.
    right = client.post("/login/verify", data={"code": pyotp.TOTP(staff.totp_secret).now()})
    assert right.status_code == 429
    assert client.get("/staff").status_code == 302


def test_staff_password_alone_gives_no_staff_session(
    client: FlaskClient, make_staff: Callable
) -> None:
    staff: User = make_staff()
    attempt(client, staff.email, PASSWORD)
    with client.session_transaction() as session:
        assert "_user_id" not in session
    assert client.get("/staff").status_code == 302


def test_no_default_admin_accounts(client: FlaskClient) -> None:
    for email, password in [("admin", "admin"), ("admin@example.com", "admin"), ("staff", "staff")]:
        response = attempt(client, email, password, ip="10.0.0.9")
        assert response.status_code == 200
        assert client.get("/staff").status_code == 302


def test_unknown_email_costs_the_same_hash_as_a_wrong_password(
    client: FlaskClient, make_startup: Callable, monkeypatch: Any
) -> None:
    """Timing must not tell which accounts exist (ASVS 6.3.8). Not measured with a clock
    (these machines are shared and noisy): both paths must run exactly one argon2
    verification against a hash with the same parameters."""
    from argon2 import PasswordHasher, extract_parameters

    _, user = make_startup()
    checked: list[object] = []
    real_verify = PasswordHasher.verify

    def spy(self: PasswordHasher, hash: str, password: str) -> bool:
        checked.append(extract_parameters(hash))
        return real_verify(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", spy)
    client.post("/login", data={"email": user.email, "password": "not the password"})
    known = list(checked)
    checked.clear()
    client.post("/login", data={"email": "nobody-here@example.com", "password": "not it"})
    assert len(known) == len(checked) == 1
    assert known == checked
