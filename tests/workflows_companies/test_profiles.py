"""Company profiles: what a company may change, and only that."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from app.extensions import db
from app.models import Organization, Site, User
from app.models.enums import Role, VerificationStatus
from tests.workflows_companies.helpers import RecomputeSpy, audit_actions

STARTUP_FORM = {
    "iot_field": "platform",
    "sectors": ["automotive_transport", "metal_processing"],
    "capabilities": "예지보전, edge gateway, 예지보전",
    "capabilities_text": "We stream PLC data to the cloud.",
    "description": "산업용 IoT 플랫폼",
    "website": "https://example.kr",
    "employees": "12",
    "founded_year": "2019",
    "contact_name": "김담당",
    "contact_email": "Kim@Example.kr",
    "contact_phone": "010-1234-5678",
}


def test_profile_link_leads_each_company_to_its_own_form(
    login_as: Callable, make_startup: Callable, make_manufacturer: Callable, make_staff: Callable
) -> None:
    _, startup_user = make_startup()
    client = login_as(startup_user)
    assert client.get("/profile").headers["Location"].endswith("/startups/profile")
    _, maker_user = make_manufacturer()
    client = login_as(maker_user)
    assert client.get("/profile").headers["Location"].endswith("/manufacturers/profile")
    assert login_as(make_staff()).get("/profile").status_code == 403


def test_startup_saves_its_profile_and_its_matches_are_recomputed(
    login_as: Callable, make_startup: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = RecomputeSpy()
    monkeypatch.setattr("app.services.profiles.request_recompute", spy)
    org, user = make_startup(capabilities=[])
    client = login_as(user)
    assert client.get("/startups/profile?lang=en").status_code == 200
    response = client.post("/startups/profile", data=STARTUP_FORM)
    assert response.status_code == 302
    db.session.expire_all()
    org = db.session.get(Organization, org.id)
    assert org.iot_field == "platform"
    assert org.sectors == ["automotive_transport", "metal_processing"]
    assert org.capabilities == ["예지보전", "edge gateway"]
    assert org.capabilities_text == "We stream PLC data to the cloud."
    assert (org.employees, org.founded_year, org.website) == (12, 2019, "https://example.kr")
    assert (org.contact_name, org.contact_email) == ("김담당", "kim@example.kr")
    assert spy.startup_ids() == [org.id]
    assert "company.profile_updated" in audit_actions("organization")


def test_extra_fields_in_the_post_change_nothing(
    login_as: Callable, make_startup: Callable, make_manufacturer: Callable
) -> None:
    other, _ = make_manufacturer()
    org, user = make_startup(verification_status=VerificationStatus.PENDING)
    client = login_as(user)
    data = {
        **STARTUP_FORM,
        "role": "staff",
        "verification_status": "verified",
        "verified": "1",
        "is_verified": "1",
        "organization_id": str(other.id),
        "kind": "manufacturer",
        "business_reg_no": "1234567891",
        "name": "Hijacked",
    }
    assert client.post("/startups/profile", data=data).status_code == 302
    db.session.expire_all()
    org = db.session.get(Organization, org.id)
    user = db.session.get(User, user.id)
    assert org.verification_status == VerificationStatus.PENDING
    assert org.kind == "startup" and org.name != "Hijacked"
    assert org.business_reg_no != "1234567891"
    assert user.role == Role.STARTUP and user.organization_id == org.id


@pytest.mark.parametrize("website", ["javascript:alert(1)", "ftp://example.kr", "example.kr"])
def test_website_must_be_http_or_https(
    login_as: Callable, make_startup: Callable, website: str
) -> None:
    org, user = make_startup()
    client = login_as(user)
    response = client.post("/startups/profile?lang=en", data={**STARTUP_FORM, "website": website})
    assert response.status_code == 200
    assert "starting with http:// or https://" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Organization, org.id).website is None


def test_capability_suggestions_in_korean_and_english(
    login_as: Callable, make_startup: Callable
) -> None:
    _, user = make_startup()
    client = login_as(user)
    korean = client.get("/capabilities.json?q=예지").get_json()["capabilities"]
    assert any(c["ko"] == "예지보전" and c["en"] == "predictive maintenance" for c in korean)
    english = client.get("/capabilities.json?q=predictive").get_json()["capabilities"]
    assert any(c["ko"] == "예지보전" for c in english)
    assert client.get("/capabilities.json?q=").get_json() == {"capabilities": []}


def test_capability_suggestions_need_a_login(client: FlaskClient) -> None:
    assert client.get("/capabilities.json?q=a").status_code == 302


def test_manufacturer_profile_and_sites(login_as: Callable, make_manufacturer: Callable) -> None:
    org, user = make_manufacturer()
    client = login_as(user)
    assert client.get("/manufacturers/profile?lang=en").status_code == 200
    response = client.post(
        "/manufacturers/profile",
        data={
            "sector": "metal_processing",
            "description": "금속 가공",
            "contact_name": "박담당",
            "contact_email": "park@maker.kr",
            "verification_status": "verified",
        },
    )
    assert response.status_code == 302
    response = client.post(
        "/manufacturers/sites/new",
        data={"name": "2공장", "district": "구로구", "processes": "용접"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    org = db.session.get(Organization, org.id)
    assert org.sector == "metal_processing"
    assert [s.name for s in org.sites] == ["본사 공장", "2공장"]
    new_site = org.sites[1]
    response = client.post(
        f"/manufacturers/sites/{new_site.id}/edit",
        data={"name": "제2공장", "district": "금천구", "processes": ""},
    )
    assert response.status_code == 302
    assert client.post(f"/manufacturers/sites/{new_site.id}/delete").status_code == 302
    db.session.expire_all()
    assert db.session.get(Site, new_site.id) is None
    assert {"site.created", "site.updated", "site.deleted"} <= set(audit_actions("site"))


def test_another_manufacturers_site_is_not_found(
    login_as: Callable, make_manufacturer: Callable
) -> None:
    other, _ = make_manufacturer()
    _, user = make_manufacturer()
    client = login_as(user)
    site_id = other.sites[0].id
    assert client.get(f"/manufacturers/sites/{site_id}/edit").status_code == 404
    assert client.post(f"/manufacturers/sites/{site_id}/delete").status_code == 404
    assert db.session.get(Site, site_id) is not None


@pytest.mark.parametrize(
    "url",
    ["/startups/profile", "/manufacturers/profile", "/manufacturers/sites/new", "/matches"],
)
def test_profile_pages_refuse_the_wrong_role(
    login_as: Callable, make_startup: Callable, make_manufacturer: Callable, url: str
) -> None:
    _, startup_user = make_startup()
    _, maker_user = make_manufacturer()
    user = maker_user if url in ("/startups/profile", "/matches") else startup_user
    assert login_as(user).get(url).status_code == 403
