"""Matrix rows 38 (suspended company) and 39 (unverified account): issue 13, items 2 and 3.

A suspended company is read-only: it may log in, read and export its data, but
every change is refused with a page that says why, through the web and the API;
its open needs leave every list. A company still under review sees a page
explaining verification instead of needs, rankings or budgets, on pages and API.
The policy's verified-only listing governs both directions.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.extensions import db
from app.models import Match, Organization, Pairing, Policy
from app.models.enums import PairingStatus, VerificationStatus
from app.services import pairings, standing
from app.services.errors import DomainError, NotFound
from app.services.needs import NeedData, create_need, get_need_for
from tests import factories
from tests.api.helpers import bearer, store_match, token_for
from tests.workflows_pairings.helpers import World

SUSPENSION_TEXT = "The city suspended your company"
VERIFICATION_TEXT = "waiting for the city's verification"


def _status(organization: Organization, status: VerificationStatus) -> None:
    organization.verification_status = status
    db.session.commit()


def _pairing_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Pairing)) or 0


def _listing_policy(*, only_verified: bool) -> None:
    db.session.add(Policy(version=2, only_verified_listed=only_verified))
    db.session.commit()


# --- row 38: suspended -------------------------------------------------------------------


def test_row38_suspended_manufacturer_logs_in_read_only_and_is_told_why(
    app: Flask, client: Any
) -> None:
    world = World()
    _status(world.maker, VerificationStatus.SUSPENDED)
    response = client.post(
        "/login?lang=en",
        data={"email": world.maker_user.email, "password": factories.PASSWORD},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert SUSPENSION_TEXT in response.get_data(as_text=True)
    # its own data stays readable and exportable
    assert client.get("/me/export").status_code == 200


def test_row38_suspended_manufacturer_cannot_invite_or_post_needs(
    app: Flask, login_as: Any
) -> None:
    world = World()
    store_match(world.need.id, world.startup.id, 0.9)
    _status(world.maker, VerificationStatus.SUSPENDED)
    client = login_as(world.maker_user)
    client.get("/?lang=en")
    before = _pairing_count()
    invite = client.post(
        f"/needs/{world.need.id}/invite/{world.startup.id}",
        data={"message": "같이 해요", "consent": "y"},
    )
    assert invite.status_code == 403
    assert SUSPENSION_TEXT in invite.get_data(as_text=True)
    new_need = client.post(
        "/needs/new",
        data={
            "title": "새 과제",
            "description": "설명입니다 " * 5,
            "sector": "automotive_transport",
        },
    )
    assert new_need.status_code == 403
    assert _pairing_count() == before
    assert len(world.maker.needs) == 1
    # the services refuse on their own, whoever calls them
    with pytest.raises(standing.Suspended):
        pairings.invite_startup(
            world.need, world.startup, actor=world.maker_user, message="", consent_to_contact=True
        )
    with pytest.raises(standing.Suspended):
        create_need(NeedData(title="x", description="y", sector="energy"), actor=world.maker_user)


def test_row38_suspended_company_cannot_answer_or_be_approved(app: Flask, login_as: Any) -> None:
    world = World()
    requested = world.pairing(by="manufacturer")
    _status(world.startup, VerificationStatus.SUSPENDED)
    client = login_as(world.startup_user)
    response = client.post(f"/pairings/{requested.id}/accept", data={"accept-consent": "y"})
    assert response.status_code == 403
    db.session.refresh(requested)
    assert requested.status == PairingStatus.REQUESTED
    requested.status = PairingStatus.ACCEPTED
    db.session.commit()
    with pytest.raises(DomainError):
        pairings.approve_pairing(requested, actor=world.staff)


def test_row38_suspended_startup_api_interest_is_refused(app: Flask, client: Any) -> None:
    world = World()
    token = token_for(world.startup_user)
    _status(world.startup, VerificationStatus.SUSPENDED)
    response = client.post(
        f"/api/v1/needs/{world.need.id}/interest",
        json={"message": "hi", "consent_to_contact": True},
        headers=bearer(token),
    )
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert _pairing_count() == 0


@pytest.mark.parametrize("only_verified", [True, False])
def test_row38_open_needs_of_a_suspended_manufacturer_are_hidden(
    app: Flask, login_as: Any, only_verified: bool
) -> None:
    world = World()
    _listing_policy(only_verified=only_verified)
    store_match(world.need.id, world.startup.id, 0.9)
    token = token_for(world.startup_user)
    _status(world.maker, VerificationStatus.SUSPENDED)
    client = login_as(world.startup_user)
    assert client.get(f"/needs/{world.need.id}").status_code == 404
    assert world.need.title not in client.get("/matches").get_data(as_text=True)
    assert client.get(f"/needs/{world.need.id}/interest").status_code == 404
    assert client.get(f"/api/v1/needs/{world.need.id}", headers=bearer(token)).status_code == 404
    api_matches = client.get("/api/v1/matches", headers=bearer(token)).get_json()
    assert api_matches["matches"] == []
    with pytest.raises(NotFound):
        get_need_for(world.startup_user, world.need.id)


# --- row 39: unverified ------------------------------------------------------------------


@pytest.mark.parametrize("only_verified", [True, False])
def test_row39_pending_startup_sees_verification_page_not_needs(
    app: Flask, login_as: Any, only_verified: bool
) -> None:
    world = World()
    _listing_policy(only_verified=only_verified)
    store_match(world.need.id, world.startup.id, 0.9)
    token = token_for(world.startup_user)
    _status(world.startup, VerificationStatus.PENDING)
    client = login_as(world.startup_user)
    client.get("/?lang=en")
    for url in ("/matches", f"/needs/{world.need.id}", f"/needs/{world.need.id}/interest"):
        response = client.get(url)
        body = response.get_data(as_text=True)
        assert response.status_code == 403, url
        assert VERIFICATION_TEXT in body, url
        assert world.need.title not in body, url
        assert "30,000,000" not in body and "30000000" not in body, url
    for url in ("/api/v1/matches", f"/api/v1/needs/{world.need.id}"):
        response = client.get(url, headers=bearer(token))
        assert response.status_code == 403, url
        assert world.need.title not in response.get_data(as_text=True)
    interest = client.post(
        f"/api/v1/needs/{world.need.id}/interest",
        json={"message": "hi", "consent_to_contact": True},
        headers=bearer(token),
    )
    assert interest.status_code == 403
    assert _pairing_count() == 0


def test_row39_pending_manufacturer_sees_no_ranked_startups(app: Flask, login_as: Any) -> None:
    world = World()
    store_match(world.need.id, world.startup.id, 0.9)
    token = token_for(world.maker_user)
    _status(world.maker, VerificationStatus.PENDING)
    client = login_as(world.maker_user)
    client.get("/?lang=en")
    page = client.get(f"/needs/{world.need.id}/matches")
    assert page.status_code == 403
    assert VERIFICATION_TEXT in page.get_data(as_text=True)
    assert world.startup.name not in page.get_data(as_text=True)
    api = client.get(f"/api/v1/needs/{world.need.id}/matches", headers=bearer(token))
    assert api.status_code == 403
    # its own need stays readable to it
    assert client.get(f"/needs/{world.need.id}").status_code == 200


def test_row39_verified_only_listing_governs_both_directions(app: Flask, login_as: Any) -> None:
    world = World()
    _listing_policy(only_verified=True)
    store_match(world.need.id, world.startup.id, 0.9)
    store_match(world.need.id, world.other_startup.id, 0.8)
    _status(world.other_startup, VerificationStatus.PENDING)
    maker_page = login_as(world.maker_user).get(f"/needs/{world.need.id}/matches")
    assert world.startup.name in maker_page.get_data(as_text=True)
    assert world.other_startup.name not in maker_page.get_data(as_text=True)
    # and the other direction: a pending manufacturer's open need reaches no startup
    _status(world.other_startup, VerificationStatus.VERIFIED)
    _status(world.maker, VerificationStatus.PENDING)
    startup_client = login_as(world.startup_user)
    assert world.need.title not in startup_client.get("/matches").get_data(as_text=True)
    assert startup_client.get(f"/needs/{world.need.id}").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(Match)) == 2


def test_row39_signup_still_checks_the_check_digit(app: Flask, client: Any) -> None:
    brn = factories.valid_brn(4242)
    wrong = brn[:-1] + str((int(brn[-1]) + 1) % 10)
    response = client.post(
        "/signup",
        data={
            "kind": "startup",
            "company_name": "체크 디지트",
            "business_reg_no": wrong,
            "district": "강남구",
            "contact_name": "홍길동",
            "email": "digit@example.com",
            "password": "a long enough passphrase 2026",
            "password_confirm": "a long enough passphrase 2026",
            "consent_required": "y",
        },
    )
    assert response.status_code == 200
    assert db.session.scalar(select(func.count()).select_from(Organization)) == 0
