"""Landing page in both languages, language switching, health check, CLI."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import func, select

from app.extensions import db
from app.models import User


def test_landing_page_is_korean_by_default(client: FlaskClient) -> None:
    body = client.get("/").get_data(as_text=True)
    assert '<html lang="ko">' in body
    assert "서울" in body


def test_landing_page_in_english(client: FlaskClient) -> None:
    body = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in body
    assert "Where Seoul's IoT startups meet the shop floors that need them" in body


def test_language_choice_is_remembered(client: FlaskClient) -> None:
    client.get("/?lang=en")
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
    client.get("/?lang=ko")
    assert '<html lang="ko">' in client.get("/").get_data(as_text=True)


def test_accept_language_decides_without_a_choice(client: FlaskClient) -> None:
    body = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in body


def test_language_choice_becomes_the_users_preference(
    login_as: Callable, make_startup: Callable
) -> None:
    _, user = make_startup()
    login_as(user).get("/dashboard?lang=en")
    assert db.session.get(User, user.id).locale == "en"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_bootstrap_is_served_locally(client: FlaskClient, lang: str) -> None:
    body = client.get(f"/?lang={lang}").get_data(as_text=True)
    assert "cdn" not in body.lower()
    assert "/bootstrap/static/" in body


def test_healthz_reports_the_database(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_without_a_database(tmp_path) -> None:
    from app import create_app
    from tests.conftest import make_test_config

    config = make_test_config(
        tmp_path,
        "postgresql+psycopg://nobody@127.0.0.1:1/none",
        SQLALCHEMY_ENGINE_OPTIONS={"connect_args": {"connect_timeout": 1}},
    )
    app = create_app(config)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "unavailable"


def test_create_staff_makes_a_staff_account_with_totp(runner: FlaskCliRunner, app: Flask) -> None:
    result = runner.invoke(
        args=["create-staff", "Officer@Seoul.go.kr"],
        input="staff password 2026\nstaff password 2026\n",
    )
    assert result.exit_code == 0, result.output
    staff = db.session.scalar(select(User).where(User.email == "officer@seoul.go.kr"))
    assert staff.role == "staff" and staff.organization_id is None
    assert staff.totp_secret and staff.totp_secret in result.output
    assert "staff password 2026" not in result.output


def test_create_staff_refuses_a_short_password(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["create-staff", "x@seoul.go.kr"], input="short\nshort\n")
    assert result.exit_code != 0
    assert db.session.scalar(select(User)) is None


def test_demo_data_command_refuses_in_production(runner: FlaskCliRunner, app: Flask) -> None:
    app.config["ENV_NAME"] = "production"
    result = runner.invoke(args=["demo-data"])
    assert result.exit_code != 0
    assert "production" in result.output
    assert db.session.scalar(select(User)) is None


def test_demo_data_command_loads_once_with_matches_and_prints_the_accounts(
    runner: FlaskCliRunner,
) -> None:
    from app.models import Match

    first = runner.invoke(args=["demo-data", "--skip-if-present"])
    assert first.exit_code == 0, first.output
    assert "staff@demo.seoul.kr" in first.output and "demo-password-2026" in first.output
    assert db.session.scalar(select(func.count()).select_from(Match)) > 0
    users = db.session.scalar(select(func.count()).select_from(User))
    again = runner.invoke(args=["demo-data", "--skip-if-present"])
    assert again.exit_code == 0 and "already loaded" in again.output
    refused = runner.invoke(args=["demo-data"])
    assert refused.exit_code != 0
    assert db.session.scalar(select(func.count()).select_from(User)) == users


def test_times_read_naturally_in_each_language(app: Flask) -> None:
    from datetime import UTC, datetime

    from flask_babel import force_locale

    from app.templating import date_filter

    moment = datetime(2026, 11, 26, 5, 2, tzinfo=UTC)  # 14:02 in Seoul
    with app.test_request_context("/"):
        with force_locale("ko"):
            assert date_filter(moment) == "2026. 11. 26. 오후 2:02"
        with force_locale("en"):
            assert date_filter(moment) == "Nov 26, 2026, 2:02 PM"
