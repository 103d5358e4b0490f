"""Matrix row 42: out-of-range numbers (issue 13, item 6), on SQLite and PostgreSQL.

Every id in a route and every paging parameter, at 2^31, 2^63, 10^20, negative
and non-digit values, answers 400 or 404 (or the first page), never 500.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask

from tests.security import world as w

HUGE = (2**31, 2**63, 10**20)
ODD = ("-1", "0", "abc", "1e9", "١٢٣", "9" * 5000)
ROLES = ("startup_a", "manufacturer_m", "staff")
PAGING = ("page", "per_page", "limit", "cursor", "object_id", "budget", "min_budget_krw")


@pytest.fixture
def world(app: Flask) -> w.World:
    return w.build_world()


def _id_urls(app: Flask, world: w.World) -> list[tuple[Any, str]]:
    """Every GET route with an id argument, the id replaced by a placeholder."""
    urls = []
    for rule in w.rules(app, "GET"):
        for _label, url in w.fill(rule, world):
            if rule.arguments:
                urls.append((rule, url))
                break
    return urls


def test_row42_ids_beyond_32_bits_are_404_on_every_route(app: Flask, world: w.World) -> None:
    clients = w.clients(app, world)
    failures = []
    checked = 0
    for rule, url in _id_urls(app, world):
        for value in HUGE:
            # replace the last number in the path (the one the rule's last id filled)
            target = re.sub(r"/\d+(?=(/[^/\d]*)?$)", f"/{value}", url, count=1)
            for role in ROLES:
                if w.is_api(rule):
                    headers = {"Authorization": f"Bearer {world.tokens[role]}"}
                    response = app.test_client().get(target, headers=headers)
                else:
                    response = clients[role].get(target)
                checked += 1
                if response.status_code >= 500 or response.status_code == 200:
                    failures.append((role, target, response.status_code))
    assert checked > 20
    assert not failures, failures


def test_row42_paging_parameters_never_500(app: Flask, world: w.World) -> None:
    clients = w.clients(app, world)
    failures = []
    for rule in w.rules(app, "GET"):
        if rule.arguments:
            continue
        for value in (*(str(v) for v in HUGE), *ODD):
            query = "&".join(f"{name}={value}" for name in PAGING)
            for role in ROLES:
                if w.is_api(rule):
                    headers = {"Authorization": f"Bearer {world.tokens[role]}"}
                    response = app.test_client().get(f"{rule.rule}?{query}", headers=headers)
                else:
                    response = clients[role].get(f"{rule.rule}?{query}")
                if response.status_code >= 500:
                    failures.append((role, rule.rule, value[:20], response.status_code))
    assert not failures, failures


@pytest.mark.parametrize("page", ["1000000000000000000", str(2**31), "100001"])
def test_row42_page_beyond_any_list_is_404(app: Flask, world: w.World, page: str) -> None:
    clients = w.clients(app, world)
    for role, url in (
        ("startup_a", "/matches"),
        ("startup_a", "/pairings"),
        ("startup_a", "/notifications"),
        ("manufacturer_m", "/needs"),
        ("manufacturer_m", f"/needs/{world.needs['manufacturer_m:open'].id}/matches"),
        ("staff", "/staff/companies"),
        ("staff", "/staff/needs"),
        ("staff", "/staff/pairings"),
        ("staff", "/staff/audit"),
        ("staff", "/staff/policy"),
    ):
        response = clients[role].get(f"{url}?page={page}")
        assert response.status_code == 404, (role, url, response.status_code)
