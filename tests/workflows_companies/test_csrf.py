"""Every state-changing form of this area refuses a POST without its CSRF token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.extensions import db
from app.models.enums import NeedStatus, VerificationStatus


@pytest.fixture
def config_overrides() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": True}


def test_company_and_staff_posts_need_the_token(
    login_as: Callable,
    make_startup: Callable,
    make_manufacturer: Callable,
    make_need: Callable,
    make_staff: Callable,
) -> None:
    startup, startup_user = make_startup(verification_status=VerificationStatus.PENDING)
    org, maker = make_manufacturer()
    need = make_need(org, status=NeedStatus.UNDER_REVIEW)
    assert login_as(startup_user).post("/startups/profile", data={}).status_code == 400
    client = login_as(maker)
    for url in ("/needs/new", f"/needs/{need.id}/close", "/manufacturers/sites/new"):
        assert client.post(url, data={}).status_code == 400
    client = login_as(make_staff())
    for url in (f"/staff/companies/{startup.id}/verify", f"/staff/needs/{need.id}/approve"):
        assert client.post(url, data={}).status_code == 400
    db.session.refresh(need)
    db.session.refresh(startup)
    assert need.status == NeedStatus.UNDER_REVIEW
    assert startup.verification_status == VerificationStatus.PENDING
