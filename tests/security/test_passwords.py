"""Password policy and storage (ASVS 6.2, 11.4.2; matrix row 15)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, text

from app.extensions import db
from app.models import User
from app.services import accounts
from app.services.passwords import common_passwords, hash_password, is_common_password
from config import Config
from tests.auth.test_signup import signup_data
from tests.factories import PASSWORD


def sign_up(client: FlaskClient, password: str) -> Any:
    return client.post(
        "/signup?lang=en", data=signup_data(password=password, password_confirm=password)
    )


def stored_hash() -> str | None:
    return db.session.execute(text("SELECT password_hash FROM users")).scalar()


def test_production_parameters_are_argon2id_m47104_t2_p1(app: Flask) -> None:
    app.config.update(
        ARGON2_TIME_COST=Config.ARGON2_TIME_COST,
        ARGON2_MEMORY_COST=Config.ARGON2_MEMORY_COST,
        ARGON2_PARALLELISM=Config.ARGON2_PARALLELISM,
    )
    assert hash_password("some passphrase").startswith("$argon2id$v=19$m=47104,t=2,p=1$")


def test_signup_stores_an_argon2id_hash_not_the_password(client: FlaskClient) -> None:
    assert sign_up(client, "a long enough passphrase").status_code == 302
    value = stored_hash()
    assert value is not None and value.startswith("$argon2id$")
    assert "a long enough passphrase" not in value


@pytest.mark.parametrize("password", ["short", "nine char"])
def test_passwords_under_ten_characters_are_refused(client: FlaskClient, password: str) -> None:
    response = sign_up(client, password)
    assert response.status_code == 200
    assert "Use 10 to 128 characters." in response.get_data(as_text=True)
    assert stored_hash() is None


@pytest.mark.parametrize("password", ["password123", "1234567890", "Qwertyuiop", "1q2w3e4r5t"])
def test_common_and_breached_passwords_are_refused(client: FlaskClient, password: str) -> None:
    response = sign_up(client, password)
    assert response.status_code == 200
    assert "too common" in response.get_data(as_text=True)
    assert stored_hash() is None


def test_the_shipped_list_is_the_20k_list() -> None:
    words = common_passwords()
    assert len(words) > 19_000
    assert {"password1", "qwerty123", "iloveyou"} <= words
    assert is_common_password("PASSWORD1")


@pytest.mark.parametrize(
    "password",
    [
        "alllowercaseletters",  # no composition rules
        "with spaces inside it",
        "한글 비밀번호 문장입니다",
        "emoji 🔐🔑 passphrase",
        "x" * 64 + "yz",
        "a" * 128,
    ],
)
def test_any_long_password_works_exactly_as_typed(client: FlaskClient, password: str) -> None:
    assert sign_up(client, password).status_code == 302
    client.post("/logout")
    email = signup_data()["email"]
    wrong = client.post("/login", data={"email": email, "password": password[:-1]})
    assert wrong.status_code == 200  # no truncation: one character less fails
    right = client.post("/login", data={"email": email, "password": password})
    assert right.status_code == 302


def test_password_is_rehashed_at_login_when_parameters_change(
    app: Flask, make_startup: Callable
) -> None:
    _, user = make_startup()
    old = user.password_hash
    assert "m=1024,t=1" in old
    app.config["ARGON2_MEMORY_COST"] = 2048
    assert accounts.authenticate(user.email, PASSWORD) is not None
    new = db.session.scalar(select(User.password_hash).where(User.id == user.id))
    assert new != old and "m=2048,t=1" in new
    assert PasswordHasher().verify(new, PASSWORD)


def test_change_password_requires_the_current_one(
    login_as: Callable, make_startup: Callable
) -> None:
    _, user = make_startup()
    client = login_as(user)
    old = user.password_hash
    new = "a brand new passphrase"
    missing = client.post(
        "/me/password?lang=en",
        data={"pw-new_password": new, "pw-new_password_confirm": new},
    )
    assert missing.status_code == 400
    wrong = client.post(
        "/me/password?lang=en",
        data={"pw-current_password": "not the password", "pw-new_password": new,
              "pw-new_password_confirm": new},
    )  # fmt: skip
    assert wrong.status_code == 400
    assert "current password is not correct" in wrong.get_data(as_text=True)
    common = client.post(
        "/me/password?lang=en",
        data={"pw-current_password": PASSWORD, "pw-new_password": "password123",
              "pw-new_password_confirm": "password123"},
    )  # fmt: skip
    assert common.status_code == 400
    db.session.refresh(user)
    assert user.password_hash == old
