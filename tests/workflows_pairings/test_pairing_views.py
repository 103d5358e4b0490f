"""Pairing pages: who may do what over HTTP, contact reveal, notifications, support list."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Notification, SupportProgram
from tests.workflows_pairings.helpers import World, count

ACTORS = ["startup", "manufacturer", "staff", "other_startup", "other_manufacturer"]

POSTS = {
    # name: (status before, url suffix, data, allowed actor → its status code)
    "accept": ("requested", "accept", {"accept-consent": "y"}, "manufacturer"),
    "decline": ("requested", "decline", {"decline-reason": "duplicate"}, "manufacturer"),
    "withdraw": ("requested", "withdraw", {}, "startup"),
    "stage": ("approved", "stage", {"stage-stage": "pilot"}, "startup"),
}


def refused_code(actor: str) -> int:
    return 404 if actor.startswith("other_") else 403


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", list(POSTS))
def test_company_actions_over_http(world: World, login_as: Callable, name: str, actor: str) -> None:
    before, suffix, data, allowed = POSTS[name]
    pairing = world.pairing(before)
    client = login_as(world.users()[actor])
    response = client.post(f"/pairings/{pairing.id}/{suffix}", data=data)
    db.session.expire_all()
    if actor == allowed or (name == "stage" and actor in ("manufacturer", "staff")):
        assert response.status_code == 302
        assert pairing.version == 2
    else:
        assert response.status_code == refused_code(actor)
        assert pairing.version == 1


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_only_staff_decide(world: World, login_as: Callable, actor: str, decision: str) -> None:
    pairing = world.pairing("accepted")
    client = login_as(world.users()[actor])
    data = {"reject-reason": "out_of_scope"} if decision == "reject" else {}
    response = client.post(f"/staff/pairings/{pairing.id}/{decision}", data=data)
    db.session.expire_all()
    if actor == "staff":
        assert response.status_code == 302
        assert pairing.status == ("approved" if decision == "approve" else "rejected")
    else:
        assert response.status_code == 403
        assert pairing.status == "accepted"


def test_second_approval_answers_409(world: World, login_as: Callable) -> None:
    pairing = world.pairing("approved")
    response = login_as(world.staff).post(f"/staff/pairings/{pairing.id}/approve")
    assert response.status_code == 409


@pytest.mark.parametrize("actor", ["other_startup", "other_manufacturer"])
def test_another_companys_pairing_is_not_found(
    world: World, login_as: Callable, actor: str
) -> None:
    pairing = world.pairing("approved")
    response = login_as(world.users()[actor]).get(f"/pairings/{pairing.id}")
    assert response.status_code == 404
    assert world.need.title not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("status", "startup_consent", "maker_consent", "revealed"),
    [
        ("requested", True, True, False),
        ("accepted", True, True, False),
        ("rejected", True, True, False),
        ("approved", True, False, False),
        ("approved", False, True, False),
        ("approved", True, True, True),
    ],
)
def test_contact_reveal_matrix(
    world: World,
    login_as: Callable,
    status: str,
    startup_consent: bool,
    maker_consent: bool,
    revealed: bool,
) -> None:
    pairing = world.pairing(status, startup_consent=startup_consent, maker_consent=maker_consent)
    for viewer, other in ((world.startup_user, world.maker), (world.maker_user, world.startup)):
        body = login_as(viewer).get(f"/pairings/{pairing.id}?lang=en").get_data(as_text=True)
        assert (other.contact_email in body) is revealed
        assert (other.contact_phone in body) is revealed
        mine = world.startup if viewer is world.startup_user else world.maker
        assert mine.contact_email not in body
    reveals = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "contact.revealed")
    ).all()
    assert len(reveals) == (2 if revealed else 0)
    if revealed:
        assert {r.subject_organization_id for r in reveals} == {world.maker.id, world.startup.id}
        assert all(
            r.detail == {"pairing_id": pairing.id, "reason": "pairing approved"} for r in reveals
        )


def test_staff_reading_contacts_is_logged_as_viewed(world: World, login_as: Callable) -> None:
    pairing = world.pairing("approved")
    body = login_as(world.staff).get(f"/staff/pairings/{pairing.id}").get_data(as_text=True)
    assert world.startup.contact_email in body
    assert count(AuditEvent, AuditEvent.action == "contact.viewed") == 2


def test_interest_form_requires_consent_and_a_pitch(world: World, login_as: Callable) -> None:
    client = login_as(world.startup_user)
    response = client.post(f"/needs/{world.need.id}/interest?lang=en", data={"message": "해요"})
    assert response.status_code == 200
    assert "Without this agreement the pairing cannot go on." in response.get_data(as_text=True)
    response = client.post(
        f"/needs/{world.need.id}/interest", data={"message": "해요", "consent": "y"}
    )
    assert response.status_code == 302
    response = client.post(
        f"/needs/{world.need.id}/interest", data={"message": "또", "consent": "y"}
    )
    assert response.status_code == 409


def test_invitation_only_for_own_need(world: World, login_as: Callable) -> None:
    data = {"message": "같이 해요", "consent": "y"}
    url = f"/needs/{world.need.id}/invite/{world.startup.id}"
    assert login_as(world.other_maker_user).post(url, data=data).status_code == 404
    assert login_as(world.startup_user).post(url, data=data).status_code == 403
    assert login_as(world.maker_user).post(url, data=data).status_code == 302


def test_pairing_list_pages_and_filters(world: World, login_as: Callable) -> None:
    world.pairing("requested")
    client = login_as(world.maker_user)
    body = client.get("/pairings?lang=en&direction=received").get_data(as_text=True)
    assert world.need.title in body and "Answer" in body
    body = client.get("/pairings?lang=en&direction=sent").get_data(as_text=True)
    assert "No pairings here yet." in body
    other = login_as(world.other_startup_user).get("/pairings?lang=en").get_data(as_text=True)
    assert world.need.title not in other


def test_notifications_list_badge_and_mark_read(world: World, login_as: Callable) -> None:
    pairing = world.pairing("accepted")
    login_as(world.staff).post(f"/staff/pairings/{pairing.id}/approve")
    client = login_as(world.startup_user)
    body = client.get("/notifications?lang=en").get_data(as_text=True)
    assert f"Your introduction for “{world.need.title}” was approved." in body
    assert 'text-bg-danger">1<' in body
    note = db.session.scalar(
        select(Notification).where(Notification.user_id == world.startup_user.id)
    )
    other = login_as(world.maker_user)
    assert other.post(f"/notifications/{note.id}/read").status_code == 404
    client = login_as(world.startup_user)
    response = client.post(f"/notifications/{note.id}/read", data={"open": "1"})
    assert response.headers["Location"] == f"/pairings/{pairing.id}"
    db.session.expire_all()
    assert note.read_at is not None
    login_as(world.maker_user).post("/notifications/read-all")
    assert count(Notification, Notification.read_at.is_(None)) == 0


def test_staff_queue_puts_waiting_pairings_first(world: World, login_as: Callable) -> None:
    world.pairing("approved")
    from tests import factories

    waiting = world.pairing("accepted", need=factories.make_need(world.maker, title="대기"))
    body = login_as(world.staff).get("/staff/pairings?lang=en").get_data(as_text=True)
    assert body.index("대기") < body.index(world.need.title)
    assert f"/staff/pairings/{waiting.id}" in body
    assert login_as(world.startup_user).get("/staff/pairings").status_code == 403


def test_staff_edit_support_programs_shown_by_stage(world: World, login_as: Callable) -> None:
    client = login_as(world.staff)
    data = {
        "stage": "pilot", "name_ko": "서울 테스트베드", "name_en": "Testbed Seoul",
        "description_ko": "실증 지원", "description_en": "Pilot support",
        "url": "https://testbed.seoul.go.kr", "sort_order": "1", "is_active": "y",
    }  # fmt: skip
    assert client.post("/staff/support-programs", data=data).status_code == 302
    bad = client.post("/staff/support-programs", data={**data, "url": "javascript:alert(1)"})
    assert bad.status_code == 400
    program = db.session.scalar(select(SupportProgram))
    pairing = world.pairing("approved", stage="pilot")
    page = login_as(world.startup_user).get(f"/pairings/{pairing.id}?lang=en")
    assert "Testbed Seoul" in page.get_data(as_text=True)
    client = login_as(world.staff)
    assert client.post(f"/staff/support-programs/{program.id}/deactivate").status_code == 302
    page = login_as(world.startup_user).get(f"/pairings/{pairing.id}?lang=en")
    assert "Testbed Seoul" not in page.get_data(as_text=True)
    assert login_as(world.maker_user).get("/staff/support-programs").status_code == 403


def test_outcome_question_is_answered_on_the_pairing_page(world: World, login_as: Callable) -> None:
    pairing = world.pairing("approved")
    pairing.outcome_requested_at = pairing.introduced_at
    db.session.commit()
    client = login_as(world.maker_user)
    assert "Six months on" in client.get(f"/pairings/{pairing.id}?lang=en").get_data(as_text=True)
    response = client.post(
        f"/pairings/{pairing.id}/outcome", data={"outcome-outcome": "contract_signed"}
    )
    assert response.status_code == 302
    assert count(AuditEvent, AuditEvent.action == "pairing.outcome_reported") == 1
