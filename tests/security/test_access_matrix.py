"""Every route x every role, web and API (matrix rows 4, 5, 7; ASVS 8.2).

Routes come from ``app.url_map`` when the test runs, so routes added later are
covered without editing this file; ``world.ARG_TYPES`` fills their ids.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.models import Organization, Pairing, User
from app.models.enums import NeedStatus, PairingStatus
from tests.security import world as w

PRIVATE_NEED_STATUSES = (NeedStatus.DRAFT, NeedStatus.UNDER_REVIEW, NeedStatus.REJECTED)
COMPANY_ROLES = ("startup_a", "startup_b", "manufacturer_m", "manufacturer_n")
# Areas only for signed-in users: a visitor is sent to the login page.
LOGIN_ONLY_PREFIXES = ("/me", "/dashboard", "/staff", "/pairings", "/notifications")


@pytest.fixture
def world(app: Flask) -> w.World:
    return w.build_world()


def private_titles(world: w.World, viewer: str) -> list[str]:
    """Titles of needs the viewer must not see: other companies' unpublished needs."""
    return [
        need.title
        for label, need in world.needs.items()
        if need.status in PRIVATE_NEED_STATUSES and label.split(":")[0] != viewer
    ]


def is_private_for(world: w.World, viewer: str, label: str, kind: str | None) -> bool:
    """Whether the object behind ``label`` belongs to someone else and is not published."""
    if viewer in ("staff", "visitor") or kind is None:
        return False
    if kind == "need":
        owner, status = label.split(":")
        return owner != viewer and status in PRIVATE_NEED_STATUSES
    if kind == "pairing":
        pairing = world.pairings[label]
        parties = {
            k for k, org in world.organizations.items()
            if org.id in (pairing.startup_id, pairing.need.organization_id)
        }  # fmt: skip
        return viewer not in parties
    return False


def test_every_get_route_for_every_role(app: Flask, world: w.World) -> None:
    problems: list[str] = []
    results = list(w.crawl_get(app, world))
    # Statuses a role gets on a route for objects it may see: 403 on all of them means
    # the role is refused the route itself (function level), which confirms nothing.
    role_level: dict[tuple[str, str], set[int]] = {}
    for role, rule, label, _, response in results:
        kind = w.arg_type(rule, sorted(rule.arguments)[0]) if rule.arguments else None
        if not (label and is_private_for(world, role, label.split("+")[0], kind)):
            role_level.setdefault((role, rule.endpoint), set()).add(response.status_code)
    for role, rule, label, url, response in results:
        status = response.status_code
        where = f"{role} GET {url} ({rule.endpoint}) -> {status}"
        body = response.get_data(as_text=True)
        if status >= 500:
            problems.append(where + " server error")
            continue
        if role == "visitor" and status == 200 and rule.rule.startswith(LOGIN_ONLY_PREFIXES):
            problems.append(where + " (visitor reached a signed-in page)")
        if role == "visitor" and status == 302 and "/login" not in response.headers["Location"]:
            problems.append(where + " (visitor redirected elsewhere than login)")
        if rule.rule.startswith(("/staff", "/api/v1/staff")) and role in COMPANY_ROLES:
            if status not in (403, 404):
                problems.append(where + " (staff route open to a company)")
        kind = w.arg_type(rule, sorted(rule.arguments)[0]) if rule.arguments else None
        if label and is_private_for(world, role, label.split("+")[0], kind) and status != 404:
            refused_route = role_level.get((role, rule.endpoint), {403}) <= {403, 404}
            if not (status == 403 and refused_route):
                problems.append(where + " (another company's object must be 404)")
        if status == 200 and role != "staff":
            for title in private_titles(world, role):
                if title in body:
                    problems.append(where + f" shows private need {title!r}")
    assert results
    assert not problems, "\n".join(problems)


def test_every_post_route_against_another_companys_objects(app: Flask, world: w.World) -> None:
    """POSTing to a route that names another company's draft or pairing: 404, nothing changes."""
    problems: list[str] = []
    role_clients = w.clients(app, world)
    before = w.fingerprint()
    for rule in w.rules(app, "POST"):
        if not rule.arguments:
            continue
        for label, url in w.fill(rule, world):
            kind = w.arg_type(rule, sorted(rule.arguments)[0])
            for role in COMPANY_ROLES:
                if not is_private_for(world, role, label.split("+")[0], kind):
                    continue
                response = post_as(app, role_clients, world, role, rule, url)
                arg = sorted(rule.arguments)[0]
                missing_url = w.build(
                    rule, {arg: 999_999, **{a: 1 for a in rule.arguments if a != arg}}
                )
                missing = post_as(app, role_clients, world, role, rule, missing_url)
                # 403/404, or exactly what a non-existent id gets (a 400/422 for the body):
                # either way the answer does not reveal that the object exists.
                if response.status_code in (403, 404):
                    continue
                if response.status_code >= 400 and response.status_code == missing.status_code:
                    continue
                problems.append(
                    f"{role} POST {url} -> {response.status_code}"
                    f" (missing id: {missing.status_code})"
                )
    assert not problems, "\n".join(problems)
    after = w.fingerprint()
    for table in ("api_tokens",):  # last_used_at moves with every API call
        before.pop(table), after.pop(table)
    assert after == before


def post_as(app: Flask, role_clients: dict, world: w.World, role: str, rule: Any, url: str) -> Any:
    if w.is_api(rule):
        headers = {"Authorization": f"Bearer {world.tokens[role]}"}
        return app.test_client().post(url, json={}, headers=headers)
    return role_clients[role].post(url, data={})


MASS_ASSIGNMENT = {
    "role": "staff",
    "status": "approved",
    "verification_status": "verified",
    "verified": "1",
    "is_verified": "1",
    "organization_id": "1",
    "org_id": "1",
    "kind": "manufacturer",
    "decided_by_id": "1",
    "is_active_account": "1",
    "session_version": "1",
}


def protected_state() -> list[Any]:
    users = db.session.execute(
        select(User.id, User.role, User.organization_id, User.session_version).order_by(User.id)
    ).all()
    orgs = db.session.execute(
        select(Organization.id, Organization.kind, Organization.verification_status)
        .order_by(Organization.id)
    ).all()  # fmt: skip
    approved = db.session.execute(
        select(Pairing.id, Pairing.decided_by_id).where(Pairing.status == PairingStatus.APPROVED)
    ).all()
    db.session.rollback()
    return [users, orgs, approved]


def filled(form: w.HtmlForm) -> dict[str, str]:
    data = dict(form.fields)
    for name, options in form.selects.items():
        if not data.get(name):
            data[name] = next((o for o in options if o), "")
    for name, value in form.checkboxes.items():
        data.setdefault(name, value)
    for name, value in list(data.items()):
        if value == "" and "password" not in name:
            data[name] = "테스트 Test 1"
    return data


def test_no_form_can_change_role_status_organization_or_verification(
    app: Flask, world: w.World
) -> None:
    for unverified in ("startup_b", "manufacturer_n"):
        world.organizations[unverified].verification_status = "pending"
    db.session.commit()
    before = protected_state()
    role_clients = w.clients(app, world)
    posted = 0
    for role in COMPANY_ROLES:
        client = role_clients[role]
        for rule in w.rules(app, "GET"):
            if w.is_api(rule) or rule.rule.startswith("/staff"):
                continue
            for _, url in list(w.fill(rule, world))[:3]:
                page = client.get(url)
                if page.status_code != 200 or "text/html" not in page.content_type:
                    continue
                for form in w.forms_in(page.get_data(as_text=True)):
                    action = form.action or url
                    if action.startswith(("/logout", "/me/delete")):
                        continue
                    client.post(action, data={**filled(form), **MASS_ASSIGNMENT})
                    posted += 1
    assert posted > 0
    after = protected_state()
    # Session versions may move (a password form), nothing else may.
    assert [(u[0], u[1], u[2]) for u in after[0]] == [(u[0], u[1], u[2]) for u in before[0]]
    assert after[1:] == before[1:]


def test_api_ignores_session_cookies(app: Flask, world: w.World) -> None:
    role_clients = w.clients(app, world)
    for rule in w.rules(app, "GET") + w.rules(app, "POST"):
        if not w.is_api(rule):
            continue
        for _, url in list(w.fill(rule, world))[:1]:
            method = "POST" if "POST" in rule.methods and "GET" not in rule.methods else "GET"
            anonymous = app.test_client().open(url, method=method, json={})
            with_cookie = role_clients["startup_a"].open(url, method=method, json={})
            assert with_cookie.status_code == anonymous.status_code, url
