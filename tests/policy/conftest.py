from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.models import Need, Organization
from app.services.matching import forget_engine, recompute_all

STRONG = "진동 센서로 프레스 설비 고장을 미리 알려 주는 예지보전 서비스"


def policy_form(**changes: Any) -> dict[str, Any]:
    """The policy form's fields with the defaults, as a browser posts them."""
    data: dict[str, Any] = {
        "weight_text": "0.45",
        "weight_capability": "0.35",
        "weight_sector": "0.15",
        "weight_iot_field": "0.05",
        "priority_sectors": ["automotive_transport"],
        "priority_boost": "0.05",
        "only_verified_listed": "y",
        "max_open_requests": "5",
        "min_score": "0.1",
        "reminder_days": "14",
        "note": "",
    }
    data.update(changes)
    return data


def sector_only(**changes: Any) -> dict[str, Any]:
    """A draft that ranks by sector alone (the values a service receives)."""
    values: dict[str, Any] = {
        "weight_text": 0.0,
        "weight_capability": 0.0,
        "weight_sector": 1.0,
        "weight_iot_field": 0.0,
        "priority_sectors": ["automotive_transport"],
        "priority_boost": 0.05,
        "only_verified_listed": True,
        "max_open_requests": 5,
        "min_score": 0.1,
        "reminder_days": 14,
        "note": "",
    }
    values.update(changes)
    return values


@pytest.fixture
def ranked_world(
    app: Any, make_startup: Callable, make_manufacturer: Callable, make_need: Callable
) -> dict[str, Any]:
    """One automotive need; five metal-processing startups that describe it word for word,
    and one automotive startup that does not: first sixth, first under a sector-only draft."""
    specialists: list[Organization] = []
    for _ in range(5):
        org, _user = make_startup(
            sectors=["metal_processing"], iot_field="platform", description=STRONG
        )
        specialists.append(org)
    sector_fit, sector_user = make_startup(
        sectors=["automotive_transport"],
        iot_field="device",
        description="자동차 부품 회사의 물류 창고 관리",
    )
    maker, maker_user = make_manufacturer(sector="automotive_transport")
    need: Need = make_need(maker, sector="automotive_transport")
    forget_engine()
    recompute_all()
    return {
        "specialists": specialists,
        "sector_fit": sector_fit,
        "sector_user": sector_user,
        "maker": maker,
        "maker_user": maker_user,
        "need": need,
    }
