"""Stored matches: recomputed per need, per startup, for everything, and what is stale."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Match, Need, Organization
from app.models.enums import NeedStatus, VerificationStatus
from app.services import matching
from app.services.matching import (
    recompute_all,
    recompute_need,
    recompute_stale,
    recompute_startup,
    request_recompute,
)


@pytest.fixture(autouse=True)
def _fresh_engine():
    matching.forget_engine()
    yield
    matching.forget_engine()


def rows(**where):
    query = select(Match)
    for name, value in where.items():
        query = query.where(getattr(Match, name) == value)
    return db.session.scalars(query.order_by(Match.score.desc())).all()


@pytest.fixture
def world(make_startup, make_manufacturer, make_need):
    fit, _ = make_startup(
        description="프레스 진동 센서로 설비 고장을 예측합니다. Predictive maintenance.",
        capabilities=["예지보전", "vibration sensing"],
    )
    other, _ = make_startup(
        iot_field="platform",
        sectors=["food_consumer"],
        description="식품 공장 온도 기록 클라우드. Cold chain temperature logging.",
        capabilities=["온도 모니터링"],
    )
    maker, maker_user = make_manufacturer()
    need = make_need(maker)
    return {"fit": fit, "other": other, "maker": maker, "maker_user": maker_user, "need": need}


def test_recompute_need_stores_ranked_startups_with_structured_reasons(world):
    written = recompute_need(world["need"].id)

    stored = rows(need_id=world["need"].id)
    assert written == len(stored) >= 1
    assert stored[0].startup_id == world["fit"].id
    assert 0 < stored[0].score <= 1
    assert stored[0].engine_version.startswith(matching.ENGINE_NAME)
    reason = stored[0].reasons[0]
    assert {"kind", "ko", "en"} <= set(reason)


def test_recompute_need_replaces_old_rows_instead_of_adding(world):
    recompute_need(world["need"].id)
    first = {(m.startup_id, m.score) for m in rows(need_id=world["need"].id)}
    recompute_need(world["need"].id)
    assert {(m.startup_id, m.score) for m in rows(need_id=world["need"].id)} == first


def test_a_need_that_is_no_longer_open_loses_its_matches(world):
    recompute_need(world["need"].id)
    world["need"].status = NeedStatus.CLOSED
    db.session.commit()
    recompute_need(world["need"].id)
    assert rows(need_id=world["need"].id) == []


def test_recompute_startup_updates_the_cached_engine_without_refit(world, make_need):
    recompute_all()
    cached = matching.fitted_engine()
    other = world["other"]
    other.description = "프레스 진동 예지보전 센서. Press vibration predictive maintenance."
    other.capabilities = ["예지보전", "vibration sensing"]
    other.sectors = ["automotive_transport"]
    db.session.commit()

    recompute_startup(other.id)

    assert matching._cache["engine"] is cached  # updated in place, not refitted
    assert [m.need_id for m in rows(startup_id=other.id)] == [world["need"].id]


def test_an_unverified_startup_loses_its_matches_under_the_verified_only_policy(world):
    recompute_all()
    assert rows(startup_id=world["fit"].id)
    world["fit"].verification_status = VerificationStatus.SUSPENDED
    db.session.commit()
    recompute_startup(world["fit"].id)
    assert rows(startup_id=world["fit"].id) == []


def test_recompute_all_covers_every_open_need_and_skips_drafts(world, make_need):
    draft = make_need(world["maker"], status=NeedStatus.DRAFT)
    written = recompute_all()
    assert written == db.session.scalar(select(func.count()).select_from(Match))
    assert rows(need_id=world["need"].id)
    assert rows(need_id=draft.id) == []


def test_recompute_all_keeps_at_most_the_configured_number_per_need(
    app, world, make_startup, make_need
):
    app.config["MATCHES_PER_NEED"] = 1
    app.config["MATCHES_PER_STARTUP"] = 1
    for _ in range(3):
        make_startup()
    needs = [world["need"], make_need(world["maker"], title="용접 불량 검사")]
    recompute_all()
    for need in needs:
        # One best startup per need, plus startups for which this need is their best.
        assert 1 <= len(rows(need_id=need.id)) <= 1 + 5


def test_recompute_stale_clears_only_marks_that_did_not_change(world, monkeypatch):
    need = world["need"]
    request_recompute(need_ids=[need.id], startup_ids=[world["fit"].id])
    db.session.commit()
    original = matching._recompute_needs

    def touched_meanwhile(need_ids):
        # A second change lands while the job runs: its mark must survive the run.
        written = original(need_ids)
        db.session.get(Need, need.id).matches_stale_at += timedelta(seconds=1)
        db.session.commit()
        return written

    monkeypatch.setattr(matching, "_recompute_needs", touched_meanwhile)
    summary = recompute_stale()

    assert summary.needs == 1 and summary.startups == 1
    assert db.session.get(Organization, world["fit"].id).matches_stale_at is None
    assert db.session.get(Need, need.id).matches_stale_at is not None
    assert rows(need_id=need.id)


def test_recompute_stale_with_nothing_stale_does_nothing(world):
    assert recompute_stale().rows == 0
    assert rows() == []


def test_recompute_matches_command_recomputes_everything_with_progress(runner, world):
    result = runner.invoke(args=["recompute-matches", "--all"])
    assert result.exit_code == 0, result.output
    assert "stored" in result.output
    assert rows(need_id=world["need"].id)


def test_recompute_matches_command_without_all_runs_what_is_stale(runner, world):
    request_recompute(need_ids=[world["need"].id])
    db.session.commit()
    result = runner.invoke(args=["recompute-matches"])
    assert result.exit_code == 0, result.output
    assert rows(need_id=world["need"].id)
    assert db.session.get(Need, world["need"].id).matches_stale_at is None
