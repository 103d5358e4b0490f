"""CSRF on every state-changing form (ASVS 3.5.1; matrix row 1)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask

from tests.security import world as w


@pytest.fixture
def config_overrides() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": True}


def role_for(rule: Any) -> tuple[str, ...]:
    if rule.rule.startswith("/staff"):
        return ("staff",)
    if rule.rule.startswith(("/login", "/signup")):
        return ("visitor",)
    return ("startup_a", "manufacturer_m", "staff")


def test_every_post_without_a_token_is_400_and_changes_nothing(app: Flask) -> None:
    world = w.build_world()
    role_clients = w.clients(app, world)
    before = w.fingerprint()
    checked = 0
    problems = []
    for rule in w.rules(app, "POST"):
        if w.is_api(rule):
            continue  # token-authenticated, ignores cookies (test_access_matrix)
        # CSRF is checked before the view runs, so any id will do when the world has none.
        fallback = w.build(rule, {a: 1 for a in rule.arguments})
        for url in [url for _, url in w.fill(rule, world)][:2] or [fallback]:
            for role in role_for(rule):
                response = role_clients[role].post(url, data={"email": "x@example.com"})
                checked += 1
                if response.status_code != 400:
                    problems.append(f"{role} POST {url} -> {response.status_code}")
    assert checked > 5
    assert not problems, "\n".join(problems)
    assert w.fingerprint() == before


def test_a_token_from_another_session_is_refused(app: Flask, make_startup: Any) -> None:
    _, user = make_startup()
    attacker = app.test_client()
    page = attacker.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    victim = app.test_client()
    victim.get("/login")
    response = victim.post(
        "/login?lang=en",
        data={"csrf_token": token, "email": user.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 400
    assert "The form expired" in response.get_data(as_text=True)


def test_with_its_own_token_the_form_works(app: Flask, make_startup: Any) -> None:
    _, user = make_startup()
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/login",
        data={"csrf_token": token, "email": user.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
