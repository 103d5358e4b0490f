"""The recompute job: inline after the request without Redis; queued and run by the
worker with Redis; and nothing lost when the worker was away."""

from __future__ import annotations

import secrets

import pytest
from flask import Flask
from sqlalchemy import select

from app import jobs
from app.extensions import db
from app.models import Match, Need
from app.models.enums import NeedStatus
from app.services import matching
from app.services.staleness import request_recompute

REDIS_URL = "redis://127.0.0.1:6379/15"  # a database of its own, emptied by these tests


@pytest.fixture(autouse=True)
def _fresh_engine():
    matching.forget_engine()
    yield
    matching.forget_engine()


def match_count(need_id: int) -> int:
    return len(db.session.scalars(select(Match).where(Match.need_id == need_id)).all())


@pytest.fixture
def under_review(make_startup, make_manufacturer, make_need):
    make_startup()
    maker, _ = make_manufacturer()
    return make_need(maker, status=NeedStatus.UNDER_REVIEW, opened_at=None)


def test_opening_a_need_computes_its_matches_inline_after_the_request(
    app, login_as, make_staff, under_review
):
    client = login_as(make_staff())
    response = client.post(f"/staff/needs/{under_review.id}/approve", data={})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Need, under_review.id).status == NeedStatus.OPEN
    assert match_count(under_review.id) >= 1
    assert db.session.get(Need, under_review.id).matches_stale_at is None


def test_a_request_that_commits_nothing_to_recompute_runs_no_job(app, client, monkeypatch):
    calls = []
    monkeypatch.setattr(jobs, "enqueue_recompute", lambda: calls.append(1))
    assert client.get("/healthz").status_code == 200
    assert calls == []


def test_a_rolled_back_request_for_recompute_runs_no_job(app, under_review, monkeypatch):
    calls = []
    monkeypatch.setattr(jobs, "enqueue_recompute", lambda: calls.append(1))
    with app.test_request_context("/"):
        request_recompute(need_ids=[under_review.id])
        db.session.rollback()
        db.session.commit()
        from flask import g

        assert not g.get("recompute_pending")


# ------------------------------------------------------------------ with Redis


@pytest.fixture
def redis_conn():
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisConnectionError

    connection = Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except RedisConnectionError:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}; the queue tests need it")
    yield connection
    connection.close()


@pytest.fixture
def config_overrides(request):
    if "redis_conn" not in request.fixturenames:
        return {}
    # A queue name of its own per test: parallel test workers never share jobs.
    return {"REDIS_URL": REDIS_URL, "RQ_QUEUE_NAME": f"matches-test-{secrets.token_hex(4)}"}


def _queue(app: Flask, connection):
    with app.app_context():
        return jobs.get_queue(connection)


def test_with_redis_the_request_enqueues_and_does_not_compute(
    app, redis_conn, login_as, make_staff, under_review
):
    client = login_as(make_staff())
    client.post(f"/staff/needs/{under_review.id}/approve", data={})
    db.session.expire_all()

    queue = jobs.get_queue(redis_conn)
    assert len(queue.get_job_ids()) == 1
    assert match_count(under_review.id) == 0
    assert db.session.get(Need, under_review.id).matches_stale_at is not None
    queue.empty()


def test_a_second_change_while_a_job_waits_adds_no_second_job(app, redis_conn, under_review):
    queue = jobs.get_queue(redis_conn)
    assert jobs.enqueue_recompute() == "queued"
    assert jobs.enqueue_recompute() == "already-queued"
    assert len(queue.get_job_ids()) == 1
    queue.empty()


def test_the_worker_computes_the_queued_job(
    app, runner, redis_conn, login_as, make_staff, under_review
):
    client = login_as(make_staff())
    client.post(f"/staff/needs/{under_review.id}/approve", data={})

    result = runner.invoke(args=["worker", "--burst"])

    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert match_count(under_review.id) >= 1
    assert db.session.get(Need, under_review.id).matches_stale_at is None
    assert jobs.get_queue(redis_conn).get_job_ids() == []


def test_a_stale_need_whose_job_was_lost_is_recomputed_when_the_worker_starts(
    app, runner, redis_conn, make_startup, make_manufacturer, make_need
):
    make_startup()
    maker, _ = make_manufacturer()
    need = make_need(maker)
    request_recompute(need_ids=[need.id])
    db.session.commit()
    jobs.get_queue(redis_conn).empty()  # the job is lost: Redis flushed, worker down

    result = runner.invoke(args=["worker", "--burst"])

    assert result.exit_code == 0, result.output
    assert "1 stale needs" in result.output
    assert match_count(need.id) >= 1
    assert db.session.get(Need, need.id).matches_stale_at is None


def test_worker_refuses_to_start_without_redis(runner, monkeypatch, app):
    app.config["REDIS_URL"] = None
    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code != 0
    assert "REDIS_URL" in result.output
