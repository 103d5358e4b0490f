"""The migrations build exactly the models' schema, and go down again cleanly."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from app import create_app
from app.extensions import db
from tests.conftest import make_test_config


@pytest.fixture
def empty_app(tmp_path: Any, postgres_url: str | None) -> Iterator[Flask]:
    """An app on a database with no tables at all (its own PostgreSQL database)."""
    url = None
    if postgres_url:
        parsed = make_url(postgres_url)
        name = f"{parsed.database}_migrations"
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        url = parsed.set(database=name).render_as_string(hide_password=False)
    app = create_app(make_test_config(tmp_path, url))
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def test_upgrade_head_matches_the_models(empty_app: Flask) -> None:
    upgrade()
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_downgrade_to_base_removes_every_table(empty_app: Flask) -> None:
    upgrade()
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()  # and up again, as a fresh install would
    assert "needs" in inspect(db.engine).get_table_names()


def test_upgrade_twice_is_a_no_op(empty_app: Flask) -> None:
    upgrade()
    upgrade()
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM alembic_version")) == 1


def test_migrations_go_down_and_up_with_demo_data_in_the_database(empty_app: Flask) -> None:
    from app.demo import load_demo_data
    from app.models import Organization

    upgrade()
    load_demo_data()
    assert db.session.scalar(select(func.count()).select_from(Organization)) > 0
    db.session.remove()
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert db.session.scalar(select(func.count()).select_from(Organization)) == 0
