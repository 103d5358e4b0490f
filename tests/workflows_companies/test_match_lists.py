"""The ranked lists: /matches for a startup, /needs/<id>/matches for a need's manufacturer."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.extensions import db
from app.models import Policy
from app.models.enums import NeedStatus, VerificationStatus
from tests.workflows_companies.helpers import add_match


def set_policy(**fields: object) -> None:
    db.session.add(Policy(version=2, **fields))
    db.session.commit()


def test_matches_show_open_needs_above_the_lowest_score_with_reasons(
    login_as: Callable, make_startup: Callable, make_manufacturer: Callable, make_need: Callable
) -> None:
    startup, user = make_startup()
    org, _ = make_manufacturer()
    good = make_need(org, title="좋은 수요")
    weak = make_need(org, title="약한 수요")
    closed = make_need(org, title="닫힌 수요", status=NeedStatus.CLOSED)
    draft = make_need(org, title="초안 수요", status=NeedStatus.DRAFT)
    add_match(good, startup, 0.82)
    add_match(weak, startup, 0.05)
    add_match(closed, startup, 0.9)
    add_match(draft, startup, 0.9)
    client = login_as(user)
    english = client.get("/matches?lang=en").get_data(as_text=True)
    assert "좋은 수요" in english
    assert "약한 수요" not in english and "닫힌 수요" not in english and "초안 수요" not in english
    assert "Same sector: automotive and transport" in english
    assert 'value="82"' in english
    assert f"/needs/{good.id}/interest" in english
    korean = client.get("/matches?lang=ko").get_data(as_text=True)
    assert "같은 업종: 자동차/교통" in korean


def test_reason_falls_back_to_the_other_language(
    login_as: Callable, make_startup: Callable, make_manufacturer: Callable, make_need: Callable
) -> None:
    startup, user = make_startup()
    org, _ = make_manufacturer()
    add_match(
        make_need(org), startup, 0.5, reasons=[{"kind": "capability", "ko": "요구 역량: 예지보전"}]
    )
    assert "요구 역량: 예지보전" in login_as(user).get("/matches?lang=en").get_data(as_text=True)


def test_only_verified_manufacturers_needs_are_listed_when_the_policy_says_so(
    login_as: Callable, make_startup: Callable, make_manufacturer: Callable, make_need: Callable
) -> None:
    startup, user = make_startup()
    pending, _ = make_manufacturer(verification_status=VerificationStatus.PENDING)
    add_match(make_need(pending, title="미확인 회사 수요"), startup, 0.7)
    client = login_as(user)
    assert "미확인 회사 수요" not in client.get("/matches").get_data(as_text=True)
    set_policy(only_verified_listed=False)
    assert "미확인 회사 수요" in client.get("/matches").get_data(as_text=True)


def test_min_score_follows_the_policy(
    login_as: Callable, make_startup: Callable, make_manufacturer: Callable, make_need: Callable
) -> None:
    startup, user = make_startup()
    org, _ = make_manufacturer()
    add_match(make_need(org, title="중간 점수"), startup, 0.4)
    client = login_as(user)
    assert "중간 점수" in client.get("/matches").get_data(as_text=True)
    set_policy(min_score=0.5)
    assert "중간 점수" not in client.get("/matches").get_data(as_text=True)


def test_filters_and_search_in_korean_and_english(
    login_as: Callable, make_startup: Callable, make_manufacturer: Callable, make_need: Callable
) -> None:
    startup, user = make_startup()
    org, _ = make_manufacturer(district="구로구")
    press = make_need(org, title="프레스 진동 감시", description="Press vibration monitoring")
    paint = make_need(
        org,
        title="Paint defect inspection",
        description="도장 불량 검사 100% 자동화",
        sector="machinery_robotics",
        budget_max_krw=80_000_000,
    )
    add_match(press, startup, 0.6)
    add_match(paint, startup, 0.5)
    client = login_as(user)

    def titles(query: str) -> set[str]:
        body = client.get(f"/matches?lang=en&{query}").get_data(as_text=True)
        return {t for t in ("프레스 진동 감시", "Paint defect inspection") if t in body}

    assert titles("") == {"프레스 진동 감시", "Paint defect inspection"}
    assert titles("q=진동") == {"프레스 진동 감시"}
    assert titles("q=VIBRATION") == {"프레스 진동 감시"}
    assert titles("q=도장") == {"Paint defect inspection"}
    assert titles("q=100%25") == {"Paint defect inspection"}
    assert titles("q=%25") == {"Paint defect inspection"}
    assert titles("q=_") == set()
    assert titles("q=' OR 1=1--") == set()
    assert titles("sector=machinery_robotics") == {"Paint defect inspection"}
    assert titles("budget=50000000") == {"Paint defect inspection"}
    assert titles("district=구로구") == {"프레스 진동 감시", "Paint defect inspection"}
    assert titles("district=강남구") == set()
    # Values that are not in the lists are ignored, not an error.
    assert titles("sector=nonsense&budget=abc") == {"프레스 진동 감시", "Paint defect inspection"}


def test_district_filter_uses_the_needs_site(
    login_as: Callable, make_startup: Callable, make_manufacturer: Callable, make_need: Callable
) -> None:
    startup, user = make_startup()
    org, _ = make_manufacturer(district="구로구")
    org.sites[0].district = "마포구"
    db.session.commit()
    add_match(make_need(org, title="마포 공장 수요"), startup, 0.6)
    client = login_as(user)
    assert "마포 공장 수요" in client.get("/matches?district=마포구").get_data(as_text=True)
    assert "마포 공장 수요" not in client.get("/matches?district=구로구").get_data(as_text=True)


def test_matches_page_through_the_list(
    login_as: Callable, make_startup: Callable, make_manufacturer: Callable, make_need: Callable
) -> None:
    startup, user = make_startup()
    org, _ = make_manufacturer()
    for i in range(13):
        add_match(make_need(org, title=f"ranked need {i:02d}"), startup, 0.3 + i / 100)
    client = login_as(user)
    first = client.get("/matches").get_data(as_text=True)
    second = client.get("/matches?page=2").get_data(as_text=True)
    assert first.count("ranked need") == 10 and second.count("ranked need") == 3
    assert "ranked need 12" in first and "ranked need 00" in second
    assert "page=2" in first


@pytest.mark.parametrize(
    ("startup_fields", "message"),
    [
        ({"capabilities": [], "description": ""}, "Complete your profile"),
        ({"verification_status": "pending"}, "not verified yet"),
        ({}, "No open need matches your company yet"),
    ],
)
def test_empty_matches_explain_what_to_do(
    login_as: Callable, make_startup: Callable, startup_fields: dict, message: str
) -> None:
    _, user = make_startup(**startup_fields)
    body = login_as(user).get("/matches?lang=en").get_data(as_text=True)
    assert message in body


def test_ranked_startups_for_the_owner_with_reasons_and_invite(
    login_as: Callable, make_startup: Callable, make_manufacturer: Callable, make_need: Callable
) -> None:
    org, maker = make_manufacturer()
    need = make_need(org)
    top, _ = make_startup(name="상위 스타트업", iot_field="device", district="마포구")
    other, _ = make_startup(name="다른 스타트업", iot_field="platform")
    weak, _ = make_startup(name="약한 스타트업")
    pending, _ = make_startup(name="미확인 스타트업", verification_status="pending")
    add_match(need, top, 0.9)
    add_match(need, other, 0.4)
    add_match(need, weak, 0.01)
    add_match(need, pending, 0.8)
    client = login_as(maker)
    body = client.get(f"/needs/{need.id}/matches?lang=en").get_data(as_text=True)
    assert body.index("상위 스타트업") < body.index("다른 스타트업")
    assert "약한 스타트업" not in body and "미확인 스타트업" not in body
    assert "Same sector: automotive and transport" in body and "Last active" in body
    assert f"/needs/{need.id}/invite/{top.id}" in body
    assert top.contact_email not in body and top.contact_phone not in body
    filtered = client.get(f"/needs/{need.id}/matches?iot_field=device").get_data(as_text=True)
    assert "상위 스타트업" in filtered and "다른 스타트업" not in filtered
    by_district = client.get(f"/needs/{need.id}/matches?district=마포구").get_data(as_text=True)
    assert "상위 스타트업" in by_district and "다른 스타트업" not in by_district
    searched = client.get(f"/needs/{need.id}/matches?q=다른").get_data(as_text=True)
    assert "다른 스타트업" in searched and "상위 스타트업" not in searched


def test_ranked_startups_refuse_other_manufacturers_and_startups(
    login_as: Callable,
    make_startup: Callable,
    make_manufacturer: Callable,
    make_need: Callable,
    make_staff: Callable,
) -> None:
    org, _ = make_manufacturer()
    need = make_need(org)
    startup, startup_user = make_startup()
    add_match(need, startup, 0.7)
    _, other_maker = make_manufacturer()
    assert login_as(other_maker).get(f"/needs/{need.id}/matches").status_code == 404
    assert login_as(startup_user).get(f"/needs/{need.id}/matches").status_code == 403
    staff_view = login_as(make_staff()).get(f"/needs/{need.id}/matches")
    assert staff_view.status_code == 200
    assert startup.name in staff_view.get_data(as_text=True)
