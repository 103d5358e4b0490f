"""The collaboration policy: each save is a new, audited version that recomputes matches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Match, Need, Organization, Policy
from app.models.policy import DEFAULT_MIN_SCORE
from app.services.errors import FieldError, PermissionDenied
from app.services.policy import current_policy, engine_policy, policy_values, save_policy
from matching import Policy as EnginePolicy

# Version 1 ranks with the engine's defaults, and lists from the platform's lowest score.
V1 = EnginePolicy(min_score=DEFAULT_MIN_SCORE)


def form_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "weight_text": str(V1.weight_text),
        "weight_capability": str(V1.weight_capability),
        "weight_sector": str(V1.weight_sector),
        "weight_iot_field": str(V1.weight_iot_field),
        "priority_sectors": list(V1.priority_sectors),
        "priority_boost": str(V1.priority_boost),
        "only_verified_listed": "y",
        "max_open_requests": "5",
        "min_score": str(V1.min_score),
        "reminder_days": "14",
        "note": "",
    }
    data.update(changes)
    return data


def test_policy_page_shows_the_defaults(login_as: Callable, make_staff: Callable) -> None:
    html = login_as(make_staff(locale="en")).get("/staff/policy?lang=en").get_data(as_text=True)
    assert 'value="automotive_transport" checked' in html
    assert 'name="reminder_days"' in html and 'value="14"' in html
    assert "PIPA" in html
    assert html.count("<h1") == 1


def test_saving_makes_a_new_version_audits_and_marks_matches_stale(
    login_as: Callable,
    make_staff: Callable,
    make_startup: Callable,
    make_manufacturer: Callable,
    make_need: Callable,
) -> None:
    startup, _ = make_startup()
    maker, _ = make_manufacturer()
    need = make_need(maker)
    staff = make_staff(locale="en")
    client = login_as(staff)
    response = client.post(
        "/staff/policy",
        data=form_data(
            weight_text="0.5",
            priority_sectors=["automotive_transport", "metal_processing"],
            reminder_days="10",
            note="Metal gets a push",
        ),
    )
    assert response.status_code == 302
    versions = db.session.scalars(select(Policy).order_by(Policy.version)).all()
    assert [p.version for p in versions] == [1, 2]
    assert versions[0].weight_text == V1.weight_text  # the old row is untouched
    new = versions[1]
    assert new.weight_text == 0.5 and new.reminder_days == 10
    assert new.priority_sectors == ["automotive_transport", "metal_processing"]
    assert new.created_by_id == staff.id and new.note == "Metal gets a push"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "policy.saved"))
    assert event.actor_id == staff.id and event.object_id == new.id
    assert event.detail["changes"]["weight_text"] == [V1.weight_text, 0.5]
    assert event.detail["changes"]["reminder_days"] == [14, 10]
    assert "weight_sector" not in event.detail["changes"]
    # Without a queue the recomputation runs after the request: under the new version.
    match = db.session.scalar(select(Match).where(Match.need_id == need.id))
    assert match is not None and match.startup_id == startup.id
    assert match.engine_version.endswith("policy-2")

    history = client.get("/staff/policy?lang=en").get_data(as_text=True)
    assert "Metal gets a push" in history and staff.email in history


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("weight_text", "1.5"),
        ("priority_boost", "0.6"),
        ("max_open_requests", "0"),
        ("max_open_requests", "51"),
        ("reminder_days", "91"),
        ("min_score", "-0.1"),
        ("priority_sectors", ["nonsense"]),
    ],
)
def test_out_of_range_values_are_refused_next_to_the_field(
    login_as: Callable, make_staff: Callable, field: str, value: Any
) -> None:
    client = login_as(make_staff(locale="en"))
    response = client.post("/staff/policy?lang=en", data=form_data(**{field: value}))
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.get_data(as_text=True) or field == "priority_sectors"
    assert "invalid-feedback" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Policy)) == 1


def test_saving_marks_every_need_and_company_stale(
    make_staff: Callable,
    make_startup: Callable,
    make_manufacturer: Callable,
    make_need: Callable,
    in_request: None,
) -> None:
    startup, _ = make_startup()
    maker, _ = make_manufacturer()
    need = make_need(maker)
    save_policy(policy_values(current_policy()), actor=make_staff())
    db.session.expire_all()
    assert db.session.get(Need, need.id).matches_stale_at is not None
    assert db.session.get(Organization, startup.id).matches_stale_at is not None


def test_staff_approval_cannot_be_switched_off(make_staff: Callable, in_request: None) -> None:
    values = policy_values(current_policy())
    values["require_staff_approval"] = False
    saved = save_policy(values, actor=make_staff())
    assert saved.require_staff_approval is True


def test_service_refuses_non_staff_and_bad_values(
    make_startup: Callable, make_staff: Callable, in_request: None
) -> None:
    _, user = make_startup()
    values = policy_values(current_policy())
    with pytest.raises(PermissionDenied):
        save_policy(values, actor=user)
    with pytest.raises(FieldError) as error:
        save_policy(
            {
                **values,
                "weight_text": 0,
                "weight_capability": 0,
                "weight_sector": 0,
                "weight_iot_field": 0,
            },
            actor=make_staff(),
        )
    assert error.value.field == "weight_text"


def test_engine_policy_builds_the_engines_policy(app: Any) -> None:
    policy = current_policy()
    policy.priority_sectors = ["automotive_transport", "food_consumer"]
    engine = EnginePolicy.from_dict(engine_policy(policy))
    assert engine.weight_text == policy.weight_text
    assert engine.priority_sectors == ("automotive_transport", "food_consumer")
    assert engine.min_score == policy.min_score


def test_version_history_pages(login_as: Callable, make_staff: Callable, app: Any) -> None:
    staff = make_staff(locale="en")
    for n in range(app.config["ITEMS_PER_PAGE"] + 2):
        save_policy({**policy_values(current_policy()), "note": f"change {n}"}, actor=staff)
    client = login_as(staff)
    first = client.get("/staff/policy?lang=en").get_data(as_text=True)
    assert "change 21" in first and "change 0<" not in first
    second = client.get("/staff/policy?lang=en&page=2").get_data(as_text=True)
    assert "change 0" in second


def test_version_1_is_the_engines_default_policy(app: Any) -> None:
    """The app's first policy and ``matching.Policy()`` rank alike: one set of defaults
    (only the lowest score listed is the platform's own)."""
    assert engine_policy(current_policy()) == {
        **EnginePolicy().to_dict(),
        "min_score": DEFAULT_MIN_SCORE,
    }
