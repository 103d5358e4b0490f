"""The policy as open data: the API (cacheable, no names) and the plain-words page."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from app.extensions import db
from app.models import Policy
from app.services.policy import (
    checked_policy_values,
    policy_values,
    public_policy,
    save_policy,
)
from tests.policy.conftest import sector_only


def _save(staff, **changes) -> None:
    save_policy({**sector_only(weight_text=0.45, weight_sector=0.15), **changes}, actor=staff)


def test_public_policy_lists_earlier_versions_with_dates_notes_and_changes(
    app, make_staff: Callable
) -> None:
    staff = make_staff(email="policy-author@example.com")
    _save(staff, note="Sector counts more")
    _save(staff, priority_boost=0.1, note="Bigger bonus")
    published = public_policy()
    assert published["version"] == 3
    assert published["note"] == "Bigger bonus"
    assert published["changed"] == ["priority_boost"]
    assert published["priority_boost"] == 0.1
    assert published["weights"]["sector"] == 0.15
    assert sum(published["weight_shares"].values()) == 1.0
    assert [v["version"] for v in published["earlier_versions"]] == [2, 1]
    assert published["earlier_versions"][0]["note"] == "Sector counts more"
    first = db.session.scalar(select(Policy).where(Policy.version == 1))
    sent = checked_policy_values(sector_only(weight_text=0.45, weight_sector=0.15))
    assert published["earlier_versions"][0]["changed"] == [
        name for name, value in policy_values(first).items() if sent[name] != value
    ]
    assert published["earlier_versions"][1]["changed"] == []


def test_api_policy_is_public_cacheable_and_names_nobody(client, make_staff: Callable) -> None:
    staff = make_staff(email="policy-author@example.com")
    _save(staff, note="Sector counts more")
    response = client.get("/api/v1/policy")
    assert response.status_code == 200
    assert response.content_type.startswith("application/json")
    body = response.get_json()
    assert body["version"] == 2 and isinstance(body["version"], int)
    assert body["earlier_versions"][0]["version"] == 1
    assert body["listing"]["require_staff_approval"] is True
    assert "policy-author" not in response.get_data(as_text=True)
    assert "public" in response.headers["Cache-Control"]
    etag = response.headers["ETag"]
    again = client.get("/api/v1/policy", headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_api_policy_is_in_the_openapi_document(client) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/policy"]["get"]
    assert operation.get("security") == []


def test_policy_page_says_the_rules_in_plain_words(client, make_staff: Callable) -> None:
    _save(make_staff(), priority_boost=0.1, note="Bigger bonus for cars")
    html = client.get("/policy?lang=en").get_data(as_text=True)
    assert "Automotive and transport: matches in these sectors score 10% higher." in html
    assert "The startup serves the need's sector: 25% of the score." in html
    assert "weight_sector" not in html
    assert "Bigger bonus for cars" in html
    assert "Version 2, in force since" in html
    ko = client.get("/policy?lang=ko").get_data(as_text=True)
    assert "10% 가산" in ko
