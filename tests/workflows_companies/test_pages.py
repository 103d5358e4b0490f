"""Every page of this area renders in both languages with one <h1> and no inline script."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.models.enums import NeedStatus
from tests.workflows_companies.helpers import add_match


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_pages_have_one_heading_and_no_inline_script(
    login_as: Callable,
    make_startup: Callable,
    make_manufacturer: Callable,
    make_need: Callable,
    make_staff: Callable,
    lang: str,
) -> None:
    startup, startup_user = make_startup()
    org, maker = make_manufacturer()
    need = make_need(org)
    rejected = make_need(org, status=NeedStatus.REJECTED, review_reason="other")
    add_match(need, startup, 0.7)
    site_id = org.sites[0].id
    pages = {
        startup_user: ["/startups/profile", "/matches", f"/needs/{need.id}", "/dashboard"],
        maker: [
            "/manufacturers/profile",
            "/manufacturers/sites/new",
            f"/manufacturers/sites/{site_id}/edit",
            "/needs",
            "/needs/new",
            f"/needs/{need.id}",
            f"/needs/{need.id}/edit",
            f"/needs/{rejected.id}/edit",
            f"/needs/{need.id}/matches",
            "/dashboard",
        ],
        make_staff(): [
            "/staff/companies",
            f"/staff/companies/{startup.id}",
            f"/staff/companies/{org.id}",
            "/staff/needs",
            f"/staff/needs/{need.id}",
            f"/needs/{need.id}",
        ],
    }
    for user, urls in pages.items():
        client = login_as(user)
        for url in urls:
            response = client.get(f"{url}?lang={lang}")
            assert response.status_code == 200, url
            body = response.get_data(as_text=True)
            assert body.count("<h1") == 1, url
            assert "<script>" not in body and " style=" not in body and "onclick" not in body, url
