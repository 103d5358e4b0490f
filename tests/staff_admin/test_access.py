"""Every staff administration page is for city staff only."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

PAGES = [
    "/staff",
    "/staff/policy",
    "/staff/dashboard",
    "/staff/export",
    "/staff/export/companies.csv?reason=check",
    "/staff/export/needs.csv?reason=check",
    "/staff/export/pairings.csv?reason=check",
    "/staff/audit",
    "/staff/import",
    "/staff/import/0123456789abcdef0123456789abcdef?fmt=csv&kind=startup",
]


@pytest.mark.parametrize("url", PAGES)
def test_visitors_are_sent_to_login(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("role", ["startup", "manufacturer"])
def test_company_users_get_403(
    login_as: Callable, make_startup: Callable, make_manufacturer: Callable, url: str, role: str
) -> None:
    _, user = make_startup() if role == "startup" else make_manufacturer()
    assert login_as(user).get(url).status_code == 403


@pytest.mark.parametrize(
    "url", ["/staff/policy", "/staff/export", "/staff/import", "/staff/export/companies.csv"]
)
@pytest.mark.parametrize("role", ["startup", "manufacturer"])
def test_company_users_cannot_post(
    login_as: Callable, make_startup: Callable, make_manufacturer: Callable, url: str, role: str
) -> None:
    _, user = make_startup() if role == "startup" else make_manufacturer()
    assert login_as(user).post(url, data={"what": "companies", "reason": "x"}).status_code in (
        403,
        405,
    )


def test_home_shows_queue_counts_and_links(
    login_as: Callable,
    make_staff: Callable,
    make_startup: Callable,
    make_manufacturer: Callable,
    make_need: Callable,
) -> None:
    make_startup(verification_status="pending")
    make_startup(verification_status="pending")
    maker, _ = make_manufacturer()
    make_need(maker, status="under_review")
    client = login_as(make_staff(locale="en"))
    html = client.get("/staff?lang=en").get_data(as_text=True)
    assert '<span class="stat-value" id="queue-companies">2</span>' in html
    assert '<span class="stat-value" id="queue-needs">1</span>' in html
    assert '<span class="stat-value" id="queue-pairings">0</span>' in html
    for href in (
        "/staff/companies",
        "/staff/needs",
        "/staff/pairings",
        "/staff/policy",
        "/staff/dashboard",
        "/staff/export",
        "/staff/audit",
        "/staff/import",
    ):
        assert f'href="{href}"' in html
    assert html.count("<h1") == 1
