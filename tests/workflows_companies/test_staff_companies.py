"""Staff verify, reject and suspend companies; the company sees why; contact views are logged."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent
from app.models.enums import NeedStatus, VerificationStatus
from tests.workflows_companies.helpers import audit_actions, notifications_for


def test_queue_counts_pending_companies_and_filters_by_status(
    login_as: Callable, make_startup: Callable, make_manufacturer: Callable, make_staff: Callable
) -> None:
    pending, _ = make_startup(name="대기 스타트업", verification_status=VerificationStatus.PENDING)
    make_manufacturer(name="대기 제조사", verification_status=VerificationStatus.PENDING)
    make_startup(name="확인된 회사")
    client = login_as(make_staff())
    body = client.get("/staff/companies?lang=en").get_data(as_text=True)
    assert "대기 스타트업" in body and "대기 제조사" in body and "확인된 회사" not in body
    assert '<span class="badge text-bg-primary">2</span>' in body
    verified = client.get("/staff/companies?status=verified").get_data(as_text=True)
    assert "확인된 회사" in verified and "대기 스타트업" not in verified
    detail = client.get(f"/staff/companies/{pending.id}?lang=en").get_data(as_text=True)
    assert pending.business_reg_no[:3] + "-" in detail


def test_queue_pages(login_as: Callable, make_startup: Callable, make_staff: Callable) -> None:
    for i in range(23):
        make_startup(name=f"pending company {i:02d}", verification_status="pending")
    client = login_as(make_staff())
    assert client.get("/staff/companies").get_data(as_text=True).count("pending company") == 20
    assert (
        client.get("/staff/companies?page=2").get_data(as_text=True).count("pending company") == 3
    )


def test_staff_verify_a_company_and_it_is_told(
    login_as: Callable, make_startup: Callable, make_staff: Callable
) -> None:
    org, user = make_startup(verification_status=VerificationStatus.PENDING)
    response = login_as(make_staff()).post(
        f"/staff/companies/{org.id}/verify", data={"verify-note": "환영합니다"}
    )
    assert response.status_code == 302
    db.session.refresh(org)
    assert org.verification_status == VerificationStatus.VERIFIED and org.verified_at
    assert [n.kind for n in notifications_for(user.id)] == ["company.verified"]
    assert "company.verified" in audit_actions("organization")
    assert "환영합니다" in login_as(user).get("/dashboard").get_data(as_text=True)


def test_staff_reject_with_reason_shown_on_the_company_dashboard(
    login_as: Callable, make_manufacturer: Callable, make_staff: Callable
) -> None:
    org, user = make_manufacturer(verification_status=VerificationStatus.PENDING)
    response = login_as(make_staff()).post(
        f"/staff/companies/{org.id}/reject",
        data={"reject-reason": "cannot_verify", "reject-note": "등록증 사본을 보내 주세요"},
    )
    assert response.status_code == 302
    db.session.refresh(org)
    assert org.verification_status == VerificationStatus.REJECTED
    [notification] = notifications_for(user.id)
    assert notification.kind == "company.rejected"
    assert notification.params["reason"] == "cannot_verify"
    body = login_as(user).get("/dashboard?lang=en").get_data(as_text=True)
    assert "Registration could not be verified" in body
    assert "등록증 사본을 보내 주세요" in body


def test_reject_needs_a_reason_from_the_list(
    login_as: Callable, make_startup: Callable, make_staff: Callable
) -> None:
    org, _ = make_startup(verification_status=VerificationStatus.PENDING)
    client = login_as(make_staff())
    client.post(f"/staff/companies/{org.id}/reject", data={"reject-reason": "because"})
    db.session.refresh(org)
    assert org.verification_status == VerificationStatus.PENDING


def test_suspend_only_a_verified_company(
    login_as: Callable, make_startup: Callable, make_staff: Callable
) -> None:
    pending, _ = make_startup(verification_status=VerificationStatus.PENDING)
    verified, user = make_startup()
    client = login_as(make_staff())
    data = {"suspend-reason": "other", "suspend-note": "민원 확인 중"}
    client.post(f"/staff/companies/{pending.id}/suspend", data=data)
    client.post(f"/staff/companies/{verified.id}/suspend", data=data)
    db.session.refresh(pending)
    db.session.refresh(verified)
    assert pending.verification_status == VerificationStatus.PENDING
    assert verified.verification_status == VerificationStatus.SUSPENDED
    assert "민원 확인 중" in login_as(user).get("/dashboard").get_data(as_text=True)


def test_viewing_the_contact_person_is_logged(
    login_as: Callable, make_startup: Callable, make_staff: Callable
) -> None:
    org, _ = make_startup()
    staff = make_staff()
    client = login_as(staff)
    detail = client.get(f"/staff/companies/{org.id}").get_data(as_text=True)
    assert org.contact_email not in detail
    assert (
        db.session.scalars(select(AuditEvent).where(AuditEvent.action == "contact.viewed")).all()
        == []
    )
    body = client.get(f"/staff/companies/{org.id}/contact").get_data(as_text=True)
    assert org.contact_email in body and org.contact_phone in body
    [event] = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "contact.viewed")
    ).all()
    assert event.actor_id == staff.id
    assert event.subject_organization_id == org.id
    assert event.ip == "127.0.0.1"


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/staff/companies"),
        ("get", "/staff/companies/{org}"),
        ("get", "/staff/companies/{org}/contact"),
        ("post", "/staff/companies/{org}/verify"),
        ("post", "/staff/companies/{org}/reject"),
        ("post", "/staff/companies/{org}/suspend"),
        ("get", "/staff/needs"),
        ("get", "/staff/needs/{need}"),
        ("post", "/staff/needs/{need}/approve"),
        ("post", "/staff/needs/{need}/reject"),
    ],
)
def test_staff_pages_refuse_companies_and_visitors(
    client,
    login_as: Callable,
    make_startup: Callable,
    make_manufacturer: Callable,
    make_need: Callable,
    method: str,
    url: str,
) -> None:
    org, maker = make_manufacturer(verification_status=VerificationStatus.PENDING)
    need = make_need(org, status=NeedStatus.UNDER_REVIEW)
    _, startup_user = make_startup()
    target = url.format(org=org.id, need=need.id)
    data = {"reject-reason": "other", "suspend-reason": "other"}
    assert getattr(client, method)(target, data=data).status_code == 302  # to the login page
    for user in (maker, startup_user):
        assert getattr(login_as(user), method)(target, data=data).status_code == 403
    db.session.refresh(org)
    db.session.refresh(need)
    assert org.verification_status == VerificationStatus.PENDING
    assert need.status == NeedStatus.UNDER_REVIEW
    assert not any(a.startswith("contact.") for a in audit_actions())


def test_unknown_company_or_need_is_not_found_for_staff(
    login_as: Callable, make_staff: Callable
) -> None:
    client = login_as(make_staff())
    assert client.get("/staff/companies/999").status_code == 404
    assert client.get("/staff/needs/999").status_code == 404
    assert client.post("/staff/needs/999/approve").status_code == 404


def test_approving_a_need_twice_is_refused(
    login_as: Callable, make_manufacturer: Callable, make_need: Callable, make_staff: Callable
) -> None:
    org, _ = make_manufacturer()
    need = make_need(org, status=NeedStatus.DRAFT)
    client = login_as(make_staff())
    response = client.post(f"/staff/needs/{need.id}/approve")
    assert response.status_code == 302
    db.session.refresh(need)
    assert need.status == NeedStatus.DRAFT
    assert "need.approved" not in audit_actions()
