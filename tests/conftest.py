"""Fixtures: a fresh database per test, a client, a CLI runner, factories and login.

SQLite: a new file under ``tmp_path`` per test. PostgreSQL (``DATABASE_URL``):
one database per xdist worker, tables created once, emptied after each test.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import flask_babel
import pytest
from flask import Flask, g
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from app.extensions import db, limiter
from app.models import User
from config import TestConfig, database_url
from tests import factories

POSTGRES_URL = database_url("") if os.environ.get("DATABASE_URL") else ""


def _worker_database(url: str, worker: str) -> str:
    """A database of its own for each xdist worker, created on first use."""
    if worker == "master":
        return url
    parsed = make_url(url)
    name = f"{parsed.database}_{worker}"
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        )
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_url(request: pytest.FixtureRequest) -> str | None:
    worker = getattr(request.config, "workerinput", {}).get("workerid", "master")
    return _worker_database(POSTGRES_URL, worker) if POSTGRES_URL else None


@pytest.fixture(scope="session")
def _postgres_schema(postgres_url: str | None) -> Iterator[None]:
    if not postgres_url:
        yield
        return

    class SchemaConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = postgres_url

    app = create_app(SchemaConfig)
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.create_all()
        yield
        db.session.remove()
        db.engine.dispose()


def make_test_config(tmp_path: Any, postgres_url: str | None, **overrides: Any) -> type[TestConfig]:
    uri = postgres_url or f"sqlite:///{tmp_path / 'test.db'}"
    return type("PerTestConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": uri, **overrides})


@pytest.fixture
def config_overrides() -> dict[str, Any]:
    """Override in a test module to change settings: ``{"WTF_CSRF_ENABLED": True}``."""
    return {}


@pytest.fixture
def app(
    tmp_path: Any,
    postgres_url: str | None,
    _postgres_schema: None,
    config_overrides: dict[str, Any],
) -> Iterator[Flask]:
    app = create_app(make_test_config(tmp_path, postgres_url, **config_overrides))
    # The fixture keeps one app context pushed, and Flask reuses it for every request
    # of the test client; start each request with an empty ``g`` as a server would.
    app.before_request_funcs.setdefault(None, []).insert(0, _fresh_g)
    with app.app_context():
        if not postgres_url:
            db.create_all()
        limiter.reset()
        yield app
        db.session.remove()
        if postgres_url:
            tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            with db.engine.begin() as connection:
                connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.engine.dispose()


def _fresh_g() -> None:
    for name in list(vars(g)):
        delattr(g, name)
    flask_babel.refresh()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def login_as(client: FlaskClient) -> Callable[[User], FlaskClient]:
    """Puts a signed-in session for ``user`` into the test client (staff included)."""

    def login(user: User) -> FlaskClient:
        now = datetime.now(UTC).timestamp()
        with client.session_transaction() as session:
            session.clear()
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
            session["login_at"] = now
            session["seen_at"] = now
            session["lang"] = user.locale
        return client

    return login


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    return factories.make_user


@pytest.fixture
def make_startup(app: Flask) -> Callable[..., Any]:
    return factories.make_startup


@pytest.fixture
def make_manufacturer(app: Flask) -> Callable[..., Any]:
    return factories.make_manufacturer


@pytest.fixture
def make_need(app: Flask) -> Callable[..., Any]:
    return factories.make_need


@pytest.fixture
def make_staff(app: Flask) -> Callable[..., User]:
    return factories.make_staff
