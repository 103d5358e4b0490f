"""SQL injection probes in every page's parameters (matrix row 10), and the security
log: events are logged with who/what/where, and secrets never are (row 24)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.extensions import db
from app.models import Need, Organization, Pairing, User
from app.services import pairings as pairing_service
from tests.factories import PASSWORD
from tests.security import world as w

PROBES = ("' OR 1=1--", "1; DROP TABLE users;--", '" OR ""="', "%' UNION SELECT 1--", "\\")
# The parameters the list pages and the API read (search, filters, sorting, paging).
PARAMETERS = (
    "q", "search", "sector", "district", "iot_field", "status", "min_budget", "page", "sort",
    "order", "actor", "action", "object_type", "object_id", "date_from", "date_to", "cursor",
    "limit", "kind", "stage",
)  # fmt: skip


def row_counts() -> dict[str, int]:
    counts = {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
        for model in (User, Organization, Need, Pairing)
    }
    db.session.rollback()
    return counts


@pytest.fixture
def world(app: Flask) -> w.World:
    return w.build_world()


@pytest.mark.parametrize("probe", PROBES)
def test_injection_probes_in_every_parameter_never_fail_or_change_data(
    app: Flask, world: w.World, probe: str
) -> None:
    before = row_counts()
    query = {name: probe for name in PARAMETERS}
    role_clients = w.clients(app, world)
    failures = []
    for rule in w.rules(app, "GET"):
        for _, url in w.fill(rule, world):
            for role in ("startup_a", "manufacturer_m", "staff"):
                if w.is_api(rule):
                    headers = {"Authorization": f"Bearer {world.tokens[role]}"}
                    response = app.test_client().get(url, query_string=query, headers=headers)
                else:
                    response = role_clients[role].get(url, query_string=query)
                if response.status_code >= 500:
                    failures.append(f"{role} {url}: {response.status_code}")
                break  # one role per URL keeps it fast; the roles differ in what they reach
    assert failures == []
    assert row_counts() == before


def test_security_events_are_logged_without_secrets(
    app: Flask, client: Any, make_startup: Callable, make_staff: Callable, login_as: Callable,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    caplog.set_level(logging.INFO)
    _, user = make_startup()
    staff = make_staff()

    client.post("/login", data={"email": user.email, "password": "a wrong password"})
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    login_as(user).get("/staff")  # 403
    login_as(staff)

    text = caplog.text
    assert "login failed" in text
    assert f"login ok user={user.id}" in text
    assert "ip=" in text
    assert PASSWORD not in text
    assert "a wrong password" not in text
    assert user.password_hash not in text


def test_staff_decisions_and_contact_reveals_reach_the_log(
    app: Flask, world: w.World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="app.audit")
    pairing = next(p for p in world.pairings.values() if p.status == "approved")
    viewer = next(u for u in world.users.values() if u.organization_id == pairing.startup_id)
    assert pairing_service.contact_for(pairing, viewer) is not None
    text = caplog.text
    assert "audit action=contact.revealed" in text
    assert f"object=pairing:{pairing.id}" in text


def test_log_lines_cannot_be_forged_with_newlines(
    client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    client.post("/login", data={"email": "x\nINFO fake entry", "password": "whatever pass"})
    assert "\nINFO fake entry" not in caplog.text
