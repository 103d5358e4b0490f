"""Security headers, error pages, configuration refusals (matrix rows 3, 21, 22, 20)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask, abort
from flask.testing import FlaskClient
from sqlalchemy import text

from app import create_app
from config import ProductionConfig, TestConfig

REQUIRED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
CSP_PARTS = ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'")


def boom_app(app: Flask) -> Flask:
    """Routes that exist only in this test app: an exception, and a SQL error."""

    @app.route("/_test/boom")
    def boom() -> str:
        raise RuntimeError("secret internal detail")

    @app.route("/_test/sql")
    def sql() -> str:
        from app.extensions import db

        db.session.execute(text("SELECT no_such_column FROM users"))
        return "unreachable"

    @app.route("/_test/bad-request")
    def bad_request() -> str:
        abort(400)

    @app.route("/api/v1/_test/boom")
    def api_boom() -> str:
        raise RuntimeError("secret internal detail")

    return app


def assert_secure_headers(response: Any) -> None:
    for name, value in REQUIRED_HEADERS.items():
        assert response.headers.get(name) == value, (response.request.path, name)
    csp = response.headers["Content-Security-Policy"]
    for part in CSP_PARTS:
        assert part in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers.get("X-Request-ID")


def test_every_kind_of_response_carries_the_security_headers(app: Flask) -> None:
    client = boom_app(app).test_client()
    paths = [
        "/", "/login", "/no-such-page", "/_test/boom", "/_test/sql", "/static/css/app.css",
        "/api/v1/no-such", "/api/v1/_test/boom", "/healthz",
    ]  # fmt: skip
    paths += [r.rule for r in app.url_map.iter_rules() if not r.arguments and "GET" in r.methods]
    for path in paths:
        with client.get(path) as response:
            assert_secure_headers(response)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_500_page_is_generic_with_a_request_id(app: Flask, lang: str) -> None:
    client = boom_app(app).test_client()
    for path in ("/_test/boom", "/_test/sql"):
        response = client.get(f"{path}?lang={lang}")
        body = response.get_data(as_text=True)
        assert response.status_code == 500
        assert f'<html lang="{lang}">' in body
        assert response.headers["X-Request-ID"] in body
        for leak in ("Traceback", "secret internal detail", "no_such_column", "SELECT", "werkzeug"):
            assert leak not in body


def test_api_500_is_problem_json_without_detail(app: Flask) -> None:
    response = boom_app(app).test_client().get("/api/v1/_test/boom")
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert "secret internal detail" not in response.get_data(as_text=True)
    assert response.get_json()["request_id"] == response.headers["X-Request-ID"]


@pytest.mark.parametrize(
    ("code", "make"),
    [
        (400, lambda c: c.get("/_test/bad-request")),
        (403, lambda c: c.get("/staff?lang={}")),
        (404, lambda c: c.get("/no-such-page?lang={}")),
        (405, lambda c: c.get("/logout?lang={}")),
    ],
)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_error_pages_in_both_languages(
    app: Flask, login_as: Any, make_startup: Any, code: int, make: Any, lang: str
) -> None:
    boom_app(app)
    _, user = make_startup()
    client = login_as(user)
    response = make(client)
    response = client.open(response.request.path + f"?lang={lang}", method=response.request.method)
    assert response.status_code == code
    body = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in body
    assert response.headers["X-Request-ID"] in body
    assert len(re.findall(r"<h1[ >]", body)) == 1


def test_413_for_a_body_over_the_limit(client: FlaskClient) -> None:
    response = client.post("/login", data={"email": "x" * (3 * 1024 * 1024), "password": "y"})
    assert response.status_code == 413


@pytest.mark.parametrize(
    "path",
    ["/.git/HEAD", "/.env", "/config.py", "/console", "/instance/app.db", "/static/../config.py"],
)
def test_files_outside_static_are_not_served(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_trace_is_not_allowed(client: FlaskClient) -> None:
    assert client.open("/", method="TRACE").status_code == 405


@pytest.fixture
def config_overrides() -> dict[str, Any]:
    return {"TRUSTED_HOSTS": ["iiot-match.seoul.kr", "localhost"]}


def test_a_host_not_configured_is_refused(client: FlaskClient) -> None:
    refused = client.get("/", headers={"Host": "evil.example"})
    assert refused.status_code == 400
    assert "evil.example" not in refused.get_data(as_text=True)
    assert refused.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/", headers={"Host": "iiot-match.seoul.kr"}).status_code == 200


@pytest.mark.parametrize("key", [None, "", "dev", "secret", "change-me", "short-key-123"])
def test_production_refuses_a_missing_or_weak_secret_key(key: str | None) -> None:
    config = type("Prod", (ProductionConfig,), {"SECRET_KEY": key})
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(config)


def test_production_refuses_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASK_DEBUG", "1")
    config = type(
        "Prod",
        (ProductionConfig,),
        {"SECRET_KEY": "k" * 16 + "0123456789abcdef0123", "SQLALCHEMY_DATABASE_URI": "sqlite://"},
    )
    with pytest.raises(RuntimeError, match="debug"):
        create_app(config)


def test_production_starts_with_a_strong_key() -> None:
    config = type(
        "Prod",
        (ProductionConfig,),
        {"SECRET_KEY": "8f3c" * 16, "SQLALCHEMY_DATABASE_URI": "sqlite://", "HTTPS": True},
    )
    app = create_app(config)
    assert app.debug is False and app.config["TESTING"] is False


def test_test_config_is_not_production() -> None:
    assert TestConfig.ENV_NAME == "testing"


def test_cors_is_not_echoed_for_other_origins(client: FlaskClient) -> None:
    for path in ("/", "/api/v1/no-such"):
        response = client.get(path, headers={"Origin": "https://evil.example"})
        assert "Access-Control-Allow-Origin" not in response.headers


def test_personal_pages_are_not_cached(login_as: Any, make_startup: Any) -> None:
    _, user = make_startup()
    response = login_as(user).get("/dashboard")
    assert "no-store" in response.headers["Cache-Control"]
    assert "Cookie" in response.headers.get("Vary", "")


def test_forwarded_address_is_trusted_only_behind_a_configured_proxy(tmp_path) -> None:
    from flask import request

    from app import create_app
    from tests.conftest import make_test_config

    seen = {}
    for hops in (0, 1):
        app = create_app(make_test_config(tmp_path, None, PROXY_HOPS=hops))

        @app.get("/_test/ip")
        def client_address() -> str:
            return request.remote_addr or ""

        response = app.test_client().get(
            "/_test/ip",
            headers={"X-Forwarded-For": "203.0.113.9"},
            environ_base={"REMOTE_ADDR": "127.0.0.1"},
        )
        seen[hops] = response.get_data(as_text=True)
    assert seen == {0: "127.0.0.1", 1: "203.0.113.9"}
