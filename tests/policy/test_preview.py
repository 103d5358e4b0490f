"""What-if preview of a policy change: ranks in memory, saves nothing, staff only."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Match, Policy
from app.services.errors import FieldError, PermissionDenied
from app.services.policy import current_policy
from app.services.policy_preview import preview_policy
from tests.policy.conftest import policy_form, sector_only


def _counts() -> tuple[int, int, list[tuple[int, int, float]]]:
    matches = db.session.execute(
        select(Match.need_id, Match.startup_id, Match.score).order_by(Match.id)
    ).all()
    return (
        db.session.scalar(select(func.count()).select_from(Policy)) or 0,
        db.session.scalar(select(func.count()).select_from(AuditEvent)) or 0,
        [tuple(m) for m in matches],
    )


def test_a_sector_only_draft_moves_the_sector_startup_into_the_top_5(
    ranked_world: dict[str, Any], make_staff: Callable
) -> None:
    current_policy()
    db.session.commit()
    before = _counts()
    preview = preview_policy(sector_only(), actor=make_staff())

    assert preview.needs_total == 1
    assert preview.needs_changed == 1
    change = preview.changes[0]
    assert change.need_id == ranked_world["need"].id
    entered = {m.startup_id: m for m in change.entered}
    fit = ranked_world["sector_fit"].id
    assert set(entered) == {fit}
    assert entered[fit].old_rank == 6 and entered[fit].new_rank == 1
    assert {m.startup_id for m in change.left} == {s.id for s in ranked_world["specialists"]}
    assert all(m.new_rank is None for m in change.left)  # scored 0: out of every list
    assert preview.higher == {fit: 1}
    assert preview.needs_changed_by_manufacturer == {ranked_world["maker"].id: 1}
    assert preview.startups_changed == 5  # the sector startup had this need in its list already
    assert preview.startup_entries == 0 and preview.startup_exits == 5
    assert _counts() == before  # nothing saved, nothing audited, matches untouched


def test_the_policy_in_force_as_draft_changes_nothing(
    ranked_world: dict[str, Any], make_staff: Callable
) -> None:
    from app.services.policy import policy_values

    preview = preview_policy(policy_values(current_policy()), actor=make_staff())
    assert preview.needs_changed == 0 and preview.changes == []
    assert preview.startups_changed == 0
    assert preview.higher == {} and preview.lower == {}


def test_a_verified_only_switch_ranks_startups_under_review_too(
    ranked_world: dict[str, Any], make_staff: Callable, make_startup: Callable
) -> None:
    from tests.policy.conftest import STRONG

    pending, _ = make_startup(
        sectors=["automotive_transport"],
        iot_field="platform",
        description=STRONG,
        verification_status="pending",
    )
    preview = preview_policy(
        {
            **sector_only(),
            **{
                "weight_text": 0.45,
                "weight_capability": 0.35,
                "weight_sector": 0.15,
                "weight_iot_field": 0.05,
            },
            "only_verified_listed": False,
        },
        actor=make_staff(),
    )
    entered = [m.startup_id for c in preview.changes for m in c.entered]
    assert entered == [pending.id]


@pytest.mark.parametrize("role", ["startup", "manufacturer"])
def test_only_staff_may_preview(ranked_world: dict[str, Any], role: str) -> None:
    actor = ranked_world["sector_user"] if role == "startup" else ranked_world["maker_user"]
    with pytest.raises(PermissionDenied):
        preview_policy(sector_only(), actor=actor)


def test_a_value_out_of_range_is_refused(
    ranked_world: dict[str, Any], make_staff: Callable
) -> None:
    with pytest.raises(FieldError) as error:
        preview_policy(sector_only(priority_boost=0.9), actor=make_staff())
    assert error.value.field == "priority_boost"


def test_preview_page_lists_the_need_and_offers_save_and_back(
    ranked_world: dict[str, Any], login_as: Callable, make_staff: Callable
) -> None:
    client = login_as(make_staff(locale="en"))
    response = client.post(
        "/staff/policy/preview?lang=en",
        data=policy_form(
            weight_text="0", weight_capability="0", weight_sector="1", weight_iot_field="0"
        ),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "1 of 1 open needs would get a different top 5" in html
    assert f'href="/needs/{ranked_world["need"].id}"' in html
    assert ranked_world["sector_fit"].name in html
    assert 'name="save"' in html and 'name="back"' in html
    assert db.session.scalar(select(func.count()).select_from(Policy)) == 1

    # "Back" shows the form again with the draft's values, saving nothing.
    back = client.post(
        "/staff/policy?lang=en",
        data=policy_form(weight_sector="1", weight_text="0", back="1"),
    )
    assert back.status_code == 200
    assert re.search(r'name="weight_sector"[^>]*value="1"', back.get_data(as_text=True))
    assert db.session.scalar(select(func.count()).select_from(Policy)) == 1

    saved = client.post("/staff/policy?lang=en", data=policy_form(weight_sector="1", save="1"))
    assert saved.status_code == 302
    assert current_policy().version == 2


def test_preview_with_a_bad_value_shows_the_form_error(
    ranked_world: dict[str, Any], login_as: Callable, make_staff: Callable
) -> None:
    client = login_as(make_staff(locale="en"))
    response = client.post("/staff/policy/preview?lang=en", data=policy_form(priority_boost="0.9"))
    assert response.status_code == 200
    assert "is-invalid" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["startup", "manufacturer", None])
def test_preview_is_for_staff_only(
    ranked_world: dict[str, Any], client: Any, login_as: Callable, role: str | None
) -> None:
    if role is not None:
        client = login_as(ranked_world["sector_user" if role == "startup" else "maker_user"])
    response = client.post("/staff/policy/preview", data=policy_form())
    assert response.status_code in (302, 403, 404)
    if role is None:
        assert response.headers["Location"].startswith("/login")
