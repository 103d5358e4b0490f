"""Issue 13, item 11: the smaller findings, each named by its matrix row.

Row 47 (limits before lookups): API tokens are limited per address before the
database is asked; login lockout is keyed per account + address with back-off,
so one colleague's typos never lock another account behind the same NAT.
Row 2 (cookies): "keep me logged in" restores a company session. Row 24
(logging): the console mail backend logs no bodies. Row 3 (headers): no
``Server`` header naming gunicorn. Row 22 (configuration): production refuses to
start without HTTPS unless explicitly allowed.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from app.services import api_tokens, mail
from config import ProductionConfig
from tests import factories
from tests.factories import PASSWORD

REPO_ROOT = Path(__file__).resolve().parents[2]


def _login(client: FlaskClient, email: str, password: str, ip: str = "10.9.0.1") -> Any:
    return client.post(
        "/login?lang=en",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": ip},
    )


# --- row 47 ------------------------------------------------------------------------------


def test_row47_made_up_api_tokens_get_429_before_the_database_is_asked(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    lookups = []
    real = api_tokens.authenticate_token

    def counting(header: str | None) -> Any:
        lookups.append(header)
        return real(header)

    monkeypatch.setattr(api_tokens, "authenticate_token", counting)
    statuses = [
        client.get(
            "/api/v1/me",
            headers={"Authorization": f"Bearer imt_made-up-{i}"},
            environ_base={"REMOTE_ADDR": "10.8.0.1"},
        ).status_code
        for i in range(200)
    ]
    assert statuses.count(401) <= 20
    assert statuses[-1] == 429
    assert len(lookups) <= 20  # the other 180 never reached the database
    # another address is not affected
    other = client.get(
        "/api/v1/me",
        headers={"Authorization": "Bearer imt_made-up"},
        environ_base={"REMOTE_ADDR": "10.8.0.2"},
    )
    assert other.status_code == 401


def test_row47_one_accounts_failures_never_lock_anothers_login_behind_one_address(
    app: Flask, client: FlaskClient
) -> None:
    _, typist = factories.make_startup()
    _, colleague = factories.make_manufacturer()
    for _ in range(10):
        assert _login(client, typist.email, "wrong password").status_code == 200
    assert _login(client, typist.email, PASSWORD).status_code == 429
    for i in range(10):  # more failures from the same office, other (unknown) accounts
        assert _login(client, f"typo{i}@example.com", "wrong").status_code == 200
    assert _login(client, colleague.email, PASSWORD).status_code == 302


def test_row47_repeated_failures_back_off_longer(app: Flask, client: FlaskClient) -> None:
    _, user = factories.make_startup()
    with time_machine.travel(0, tick=False) as traveller:
        for _ in range(10):
            _login(client, user.email, "wrong password")
        assert _login(client, user.email, PASSWORD).status_code == 429
        traveller.shift(61)  # the minute is over: ten more tries
        for _ in range(10):
            assert _login(client, user.email, "wrong password").status_code == 200
        traveller.shift(61)
        blocked = _login(client, user.email, PASSWORD)
        assert blocked.status_code == 429  # twenty in the hour: wait longer now
        assert int(blocked.headers["Retry-After"]) > 60
        traveller.shift(3600)
        assert _login(client, user.email, PASSWORD).status_code == 302


# --- row 2 -------------------------------------------------------------------------------


def test_row2_keep_me_logged_in_restores_a_company_session(app: Flask) -> None:
    _, user = factories.make_startup()
    client = app.test_client()
    client.post("/login", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    assert client.get_cookie("remember_token") is not None
    client.delete_cookie("session")  # the browser was closed
    assert client.get("/dashboard").status_code == 200
    # without the box ticked, closing the browser ends it
    other = app.test_client()
    other.post("/login", data={"email": user.email, "password": PASSWORD})
    other.delete_cookie("session")
    assert other.get("/dashboard").status_code == 302
    # logging out ends the remembered session too
    client.post("/logout")
    client.delete_cookie("session")
    assert client.get("/dashboard").status_code == 302


# --- row 24 ------------------------------------------------------------------------------


def test_row24_console_mail_backend_logs_no_bodies(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    app.config["MAIL_BACKEND"] = "console"
    body = "담당자 홍길동 010-1234-5678, https://example.test/reset?token=secret-token"
    with caplog.at_level(logging.INFO, logger="app.services.mail"):
        mail.send("person@example.com", "제목", body)
    logged = caplog.text
    assert "mail to=p***@example.com" in logged
    for secret in ("홍길동", "010-1234-5678", "secret-token", "person@example.com"):
        assert secret not in logged


# --- row 22 ------------------------------------------------------------------------------


def _production(**fields: Any) -> type[ProductionConfig]:
    return type(
        "Prod",
        (ProductionConfig,),
        {"SECRET_KEY": "8f3c" * 16, "SQLALCHEMY_DATABASE_URI": "sqlite://", **fields},
    )


def test_row22_production_refuses_to_start_without_https() -> None:
    with pytest.raises(RuntimeError, match="HTTPS"):
        create_app(_production(HTTPS=False))
    assert create_app(_production(HTTPS=True)).config["HTTPS"] is True
    allowed = create_app(_production(HTTPS=False, ALLOW_HTTP_IN_PRODUCTION=True))
    assert allowed.config["ALLOW_HTTP_IN_PRODUCTION"] is True


# --- row 3 -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_row3_gunicorn_sends_no_server_header_naming_it(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
        "INSTANCE_PATH": str(tmp_path),
        "GUNICORN_ACCESS_LOG": "/dev/null",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/privacy") as response:
                    server_header = response.headers.get("Server", "")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "gunicorn" not in server_header.lower()
    assert "python" not in server_header.lower()
