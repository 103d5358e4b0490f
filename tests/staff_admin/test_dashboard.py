"""The staff dashboard: charts and lists from real rows, and empty states."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from app.extensions import db
from app.models import PairingOutcomeReport
from app.models.types import utcnow
from app.services import dashboard
from tests.factories import make_pairing
from tests.staff_admin.helpers import add_event


def test_empty_dashboard_shows_empty_states(login_as: Callable, make_staff: Callable) -> None:
    response = login_as(make_staff(locale="en")).get("/staff/dashboard?lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "No startup has registered yet" in html
    assert "No pairing was requested yet" in html
    assert "No outcome answers yet" in html
    assert "No request has waited that long" in html
    assert "<svg" not in html


def build_world(
    make_startup: Callable, make_manufacturer: Callable, make_need: Callable, make_staff: Callable
) -> dict:
    staff = make_staff(locale="en")
    now = utcnow()
    s1, _ = make_startup(name="엣지센스", iot_field="device", sectors=["automotive_transport"])
    s2, _ = make_startup(iot_field="device", sectors=["metal_processing", "automotive_transport"])
    s3, _ = make_startup(iot_field="platform", sectors=["food_consumer"])
    maker, _ = make_manufacturer(sector="metal_processing")
    need_a = make_need(maker, title="프레스 예지보전")
    need_b = make_need(maker, title="도장 라인 불량 검출")
    idle = make_need(maker, title="아무도 안 본 수요")
    # s1/need_a: requested 30 days ago, decided after 4 days, introduced, pilot 10 days later.
    p1 = make_pairing(
        need_a,
        s1,
        status="approved",
        stage="commercialized",
        requested_at=now - timedelta(days=30),
        decided_by=staff,
        request_event=True,
        decided_at=now - timedelta(days=26),
        introduced_at=now - timedelta(days=26),
    )
    add_event(p1, "status", "approved", now - timedelta(days=26))
    add_event(p1, "stage", "introduced", now - timedelta(days=26))
    add_event(p1, "stage", "pilot", now - timedelta(days=16))
    add_event(p1, "stage", "commercialized", now - timedelta(days=2))
    # s2/need_a: approved after 2 days, still introduced.
    p2 = make_pairing(
        need_a,
        s2,
        status="approved",
        stage="introduced",
        requested_at=now - timedelta(days=10),
        decided_by=staff,
        request_event=True,
        decided_at=now - timedelta(days=8),
        introduced_at=now - timedelta(days=8),
    )
    add_event(p2, "status", "approved", now - timedelta(days=8))
    # s3/need_b: requested 20 days ago, never answered (reminder after 14, expires at 28).
    make_pairing(need_b, s3, requested_at=now - timedelta(days=20), request_event=True)
    db.session.add(
        PairingOutcomeReport(pairing=p1, organization_id=s1.id, outcome="contract_signed")
    )
    db.session.add(
        PairingOutcomeReport(pairing=p1, organization_id=maker.id, outcome="contract_signed")
    )
    db.session.add(PairingOutcomeReport(pairing=p2, organization_id=s2.id, outcome="talks"))
    db.session.commit()
    return {"staff": staff, "idle": idle, "need_b": need_b}


def test_figures_from_pairings_and_events(
    make_startup: Callable, make_manufacturer: Callable, make_need: Callable, make_staff: Callable
) -> None:
    build_world(make_startup, make_manufacturer, make_need, make_staff)
    by_field = {row["code"]: row["count"] for row in dashboard.registrations_by_iot_field()}
    assert by_field == {"service": 0, "platform": 1, "device": 2, "network": 0}
    sectors = {row["code"]: row for row in dashboard.registrations_by_sector()}
    assert sectors["automotive_transport"]["startups"] == 2
    assert sectors["metal_processing"] == {
        "code": "metal_processing",
        "startups": 1,
        "manufacturers": 1,
    }
    funnel = {row["step"]: row["count"] for row in dashboard.pairing_funnel()}
    assert funnel == {"requested": 3, "approved": 2, "pilot": 1, "commercialized": 1}
    medians = dashboard.median_days()
    assert medians["request_to_decision"] == 3.0  # 4 and 2 days
    assert medians["introduction_to_pilot"] == 10.0
    idle = dashboard.needs_without_requests()
    assert [n["title"] for n in idle["items"]] == ["아무도 안 본 수요"]
    expiring = dashboard.expiring_requests(14)
    assert expiring["total"] == 1
    assert expiring["items"][0]["age_days"] == 20
    assert expiring["items"][0]["days_left"] == 7  # 28 days minus 20 and a bit
    assert dashboard.expiring_requests(30)["total"] == 0
    outcomes = {row["code"]: row["count"] for row in dashboard.outcome_counts()}
    assert outcomes["contract_signed"] == 2 and outcomes["talks"] == 1


def test_dashboard_page_draws_accessible_charts(
    login_as: Callable,
    make_startup: Callable,
    make_manufacturer: Callable,
    make_need: Callable,
    make_staff: Callable,
) -> None:
    world = build_world(make_startup, make_manufacturer, make_need, make_staff)
    html = login_as(world["staff"]).get("/staff/dashboard?lang=en").get_data(as_text=True)
    assert html.count("<svg") == 4
    assert html.count("<title id=") == 4 and html.count("<desc id=") == 4
    assert html.count('<table class="visually-hidden">') == 4
    assert "Device: 2" in html  # the text alternative of the IoT chart
    assert "Requested: 3 (100%)" in html and "Commercialized: 1 (33%)" in html
    assert 'id="median-decision">3.0<' in html and 'id="median-pilot">10.0<' in html
    assert "아무도 안 본 수요" in html
    assert "도장 라인 불량 검출" in html  # the request about to expire
    assert "style=" not in html.split("<main", 1)[1]
