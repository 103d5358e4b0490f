"""Needs: the lifecycle draft → under_review → open → closed, and who may do what."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Need, Pairing, PairingEvent
from app.models.enums import NeedStatus, PairingStatus
from tests.workflows_companies.helpers import RecomputeSpy, audit_actions, notifications_for


def need_form(**overrides: str) -> dict[str, str]:
    data = {
        "title": "도장 라인 불량 검출",
        "description": "도장 표면의 불량을 사람이 눈으로 찾고 있습니다.",
        "sector": "automotive_transport",
        "required_capabilities": "머신비전, defect detection",
        "budget_min_krw": "5000000",
        "budget_max_krw": "20000000",
        "deadline": (date.today() + timedelta(days=30)).isoformat(),
    }
    data.update(overrides)
    return data


def test_need_goes_from_draft_to_review_to_open_to_closed(
    login_as: Callable,
    make_manufacturer: Callable,
    make_staff: Callable,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spy = RecomputeSpy()
    monkeypatch.setattr("app.services.needs.request_recompute", spy)
    org, maker = make_manufacturer()
    client = login_as(maker)
    assert client.get("/needs/new?lang=en").status_code == 200
    response = client.post("/needs/new", data={**need_form(), "save_draft": "1"})
    assert response.status_code == 302
    need = db.session.scalars(select(Need).where(Need.organization_id == org.id)).one()
    assert need.status == NeedStatus.DRAFT
    assert need.required_capabilities == ["머신비전", "defect detection"]

    assert client.post(f"/needs/{need.id}/submit").status_code == 302
    db.session.refresh(need)
    assert need.status == NeedStatus.UNDER_REVIEW

    staff = make_staff()
    staff_client = login_as(staff)
    queue = staff_client.get("/staff/needs?lang=en").get_data(as_text=True)
    assert need.title in queue
    assert staff_client.post(f"/staff/needs/{need.id}/approve").status_code == 302
    db.session.refresh(need)
    assert need.status == NeedStatus.OPEN and need.opened_at is not None
    assert spy.need_ids() == [need.id]
    assert [n.kind for n in notifications_for(maker.id)] == ["need.approved"]

    client = login_as(maker)
    assert client.post(f"/needs/{need.id}/close").status_code == 302
    db.session.refresh(need)
    assert need.status == NeedStatus.CLOSED and need.closed_at is not None
    assert audit_actions("need") == [
        "need.created",
        "need.submitted",
        "need.approved",
        "need.closed",
    ]


def test_need_submitted_straight_from_the_form(
    login_as: Callable, make_manufacturer: Callable
) -> None:
    org, maker = make_manufacturer()
    site = org.sites[0]
    response = login_as(maker).post(
        "/needs/new", data={**need_form(site_id=str(site.id)), "submit_review": "1"}
    )
    assert response.status_code == 302
    need = db.session.scalars(select(Need)).one()
    assert need.status == NeedStatus.UNDER_REVIEW and need.site_id == site.id


def test_closing_a_need_cancels_its_waiting_pairings_and_tells_the_startups(
    login_as: Callable, make_manufacturer: Callable, make_startup: Callable, make_need: Callable
) -> None:
    org, maker = make_manufacturer()
    need = make_need(org)
    waiting, waiting_user = make_startup()
    accepted, accepted_user = make_startup()
    approved, approved_user = make_startup()
    pairings = {}
    for startup, status in (
        (waiting, PairingStatus.REQUESTED),
        (accepted, PairingStatus.ACCEPTED),
        (approved, PairingStatus.APPROVED),
    ):
        pairing = Pairing(
            need_id=need.id,
            startup_id=startup.id,
            initiated_by="startup",
            status=status,
            decided_by_id=maker.id if status == PairingStatus.APPROVED else None,
        )
        db.session.add(pairing)
        pairings[status] = pairing
    db.session.commit()

    assert login_as(maker).post(f"/needs/{need.id}/close").status_code == 302
    db.session.expire_all()
    status = {s: db.session.get(Pairing, p.id).status for s, p in pairings.items()}
    assert status == {
        PairingStatus.REQUESTED: PairingStatus.CANCELLED,
        PairingStatus.ACCEPTED: PairingStatus.CANCELLED,
        PairingStatus.APPROVED: PairingStatus.APPROVED,
    }
    events = db.session.scalars(select(PairingEvent)).all()
    assert sorted((e.pairing_id, e.value) for e in events) == sorted(
        (pairings[s].id, "cancelled") for s in (PairingStatus.REQUESTED, PairingStatus.ACCEPTED)
    )
    for user in (waiting_user, accepted_user):
        assert [n.kind for n in notifications_for(user.id)] == ["pairing.cancelled"]
    assert notifications_for(approved_user.id) == []
    assert audit_actions("pairing").count("pairing.cancelled") == 2


def test_staff_return_a_need_with_a_reason_and_the_manufacturer_resubmits(
    login_as: Callable, make_manufacturer: Callable, make_need: Callable, make_staff: Callable
) -> None:
    org, maker = make_manufacturer()
    need = make_need(org, status=NeedStatus.UNDER_REVIEW, opened_at=None)
    staff_client = login_as(make_staff())
    response = staff_client.post(
        f"/staff/needs/{need.id}/reject",
        data={"reject-reason": "incomplete_information", "reject-note": "예산 근거를 적어 주세요"},
    )
    assert response.status_code == 302
    db.session.refresh(need)
    assert need.status == NeedStatus.REJECTED
    assert need.review_reason == "incomplete_information"

    client = login_as(maker)
    page = client.get(f"/needs/{need.id}?lang=en").get_data(as_text=True)
    assert "Information is incomplete" in page and "예산 근거를 적어 주세요" in page
    assert "Information is incomplete" in client.get("/dashboard?lang=en").get_data(as_text=True)
    [notification] = notifications_for(maker.id)
    assert notification.kind == "need.rejected"
    assert notification.params["note"] == "예산 근거를 적어 주세요"

    response = client.post(
        f"/needs/{need.id}/edit", data={**need_form(title="고친 제목"), "submit_review": "1"}
    )
    assert response.status_code == 302
    db.session.refresh(need)
    assert need.status == NeedStatus.UNDER_REVIEW and need.title == "고친 제목"


def test_rejecting_a_need_requires_a_known_reason(
    login_as: Callable, make_manufacturer: Callable, make_need: Callable, make_staff: Callable
) -> None:
    org, _ = make_manufacturer()
    need = make_need(org, status=NeedStatus.UNDER_REVIEW)
    login_as(make_staff()).post(f"/staff/needs/{need.id}/reject", data={"reject-reason": "nope"})
    db.session.refresh(need)
    assert need.status == NeedStatus.UNDER_REVIEW


def test_editing_an_open_need_keeps_it_open_and_recomputes(
    login_as: Callable,
    make_manufacturer: Callable,
    make_need: Callable,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spy = RecomputeSpy()
    monkeypatch.setattr("app.services.needs.request_recompute", spy)
    org, maker = make_manufacturer()
    need = make_need(org)
    response = login_as(maker).post(
        f"/needs/{need.id}/edit", data={**need_form(title="바뀐 제목"), "save_draft": "1"}
    )
    assert response.status_code == 302
    db.session.refresh(need)
    assert need.status == NeedStatus.OPEN and need.title == "바뀐 제목"
    assert spy.need_ids() == [need.id]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"deadline": "2020-01-01"}, "The deadline cannot be in the past."),
        ({"budget_min_krw": "9", "budget_max_krw": "1"}, "The maximum must not be below"),
        ({"title": ""}, "Enter a title."),
        ({"title": "x" * 201}, "Field cannot be longer than 200 characters."),
    ],
)
def test_need_form_errors_are_shown_next_to_the_field(
    login_as: Callable, make_manufacturer: Callable, overrides: dict, message: str
) -> None:
    _, maker = make_manufacturer()
    response = login_as(maker).post(
        "/needs/new?lang=en", data={**need_form(**overrides), "save_draft": "1"}
    )
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalars(select(Need)).all() == []


def test_a_need_cannot_name_another_companys_site(
    login_as: Callable, make_manufacturer: Callable
) -> None:
    other, _ = make_manufacturer()
    _, maker = make_manufacturer()
    response = login_as(maker).post(
        "/needs/new", data={**need_form(site_id=str(other.sites[0].id)), "save_draft": "1"}
    )
    assert response.status_code == 200
    assert db.session.scalars(select(Need)).all() == []


@pytest.mark.parametrize("status", list(NeedStatus))
def test_another_manufacturers_need_is_not_found_in_any_status(
    login_as: Callable, make_manufacturer: Callable, make_need: Callable, status: NeedStatus
) -> None:
    other, _ = make_manufacturer()
    need = make_need(other, status=status)
    _, maker = make_manufacturer()
    client = login_as(maker)
    for url in ("", "/edit", "/matches"):
        assert client.get(f"/needs/{need.id}{url}").status_code == 404
    for url in ("/submit", "/close"):
        assert client.post(f"/needs/{need.id}{url}").status_code == 404
    db.session.refresh(need)
    assert need.status == status


@pytest.mark.parametrize("status", list(NeedStatus))
def test_startups_see_only_open_needs_and_never_the_contact(
    login_as: Callable,
    make_manufacturer: Callable,
    make_startup: Callable,
    make_need: Callable,
    status: NeedStatus,
) -> None:
    org, _ = make_manufacturer()
    need = make_need(org, status=status)
    _, user = make_startup()
    response = login_as(user).get(f"/needs/{need.id}")
    if status == NeedStatus.OPEN:
        body = response.get_data(as_text=True)
        assert response.status_code == 200
        assert org.contact_email not in body and org.contact_phone not in body
        assert f"/needs/{need.id}/interest" in body
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/needs"),
        ("get", "/needs/new"),
        ("get", "/needs/{id}/edit"),
        ("post", "/needs/{id}/submit"),
        ("post", "/needs/{id}/close"),
        ("get", "/needs/{id}/matches"),
    ],
)
def test_startups_may_not_manage_needs(
    login_as: Callable,
    make_manufacturer: Callable,
    make_startup: Callable,
    make_need: Callable,
    method: str,
    url: str,
) -> None:
    org, _ = make_manufacturer()
    need = make_need(org)
    _, user = make_startup()
    response = getattr(login_as(user), method)(url.format(id=need.id))
    assert response.status_code == 403
    db.session.refresh(need)
    assert need.status == NeedStatus.OPEN


def test_need_list_pages_and_has_an_empty_state(
    login_as: Callable, make_manufacturer: Callable, make_need: Callable
) -> None:
    org, maker = make_manufacturer()
    client = login_as(maker)
    assert "Post a need" in client.get("/needs?lang=en").get_data(as_text=True)
    for i in range(25):
        make_need(org, title=f"need number {i:02d}")
    first = client.get("/needs?lang=en").get_data(as_text=True)
    second = client.get("/needs?page=2&lang=en").get_data(as_text=True)
    assert first.count("need number") == 20 and second.count("need number") == 5
