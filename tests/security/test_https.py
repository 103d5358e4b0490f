"""Cookies and headers when served over HTTPS (the HTTPS=1 settings; matrix rows 2, 3)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from config import Config
from tests.factories import PASSWORD
from tests.security.test_sessions import set_cookie_headers


@pytest.fixture
def config_overrides() -> dict[str, Any]:
    return {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_NAME": "__Host-session",
        "REMEMBER_COOKIE_SECURE": True,
        "PREFERRED_URL_SCHEME": "https",
    }


def test_over_https_cookies_are_secure_host_prefixed_and_remember_is_short(
    client: FlaskClient, make_startup: Callable
) -> None:
    _, user = make_startup()
    response = client.post(
        "/login",
        data={"email": user.email, "password": PASSWORD, "remember": "y"},
        base_url="https://localhost",
    )
    cookies = set_cookie_headers(response)
    session = cookies["__Host-session"]
    assert "Secure" in session and "HttpOnly" in session and "SameSite=Lax" in session
    assert "Domain=" not in session and "Path=/" in session
    remember = cookies["remember_token"]
    assert "Secure" in remember and "HttpOnly" in remember and "SameSite=Lax" in remember
    assert Config.REMEMBER_COOKIE_DURATION <= timedelta(days=14)


def test_hsts_on_every_response_over_https(client: FlaskClient) -> None:
    for path in ("/", "/no-such-page", "/static/css/app.css", "/api/v1/no-such"):
        with client.get(path, base_url="https://localhost") as response:
            assert response.headers["Strict-Transport-Security"] == (
                "max-age=31536000; includeSubDomains"
            )
