"""flask sweep with a frozen clock: one reminder, then expiry, then the outcome question."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from flask.testing import FlaskCliRunner

from app.extensions import db
from app.models import Notification, Organization
from app.services import activity, mail
from app.services.pairings import sweep
from tests.workflows_pairings.helpers import (
    World,
    count,
    notification_kinds,
    timeline,
)

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_unanswered_request_is_reminded_once_then_expires(world: World) -> None:
    pairing = world.pairing("requested", requested_at=START)
    with time_machine.travel(START + timedelta(days=13), tick=False):
        assert sweep(datetime.now(UTC))["reminded"] == 0
    with time_machine.travel(START + timedelta(days=14), tick=False):
        assert sweep(datetime.now(UTC))["reminded"] == 1
        assert sweep(datetime.now(UTC))["reminded"] == 0
    assert notification_kinds(world.maker_user.id) == ["pairing.reminder"]
    assert notification_kinds(world.startup_user.id) == []
    with time_machine.travel(START + timedelta(days=27), tick=False):
        assert sweep(datetime.now(UTC)) == {
            "expired": 0, "reminded": 0, "outcome_requested": 0, "mailed": 0,
        }  # fmt: skip
    with time_machine.travel(START + timedelta(days=28), tick=False):
        assert sweep(datetime.now(UTC))["expired"] == 1
        assert sweep(datetime.now(UTC))["expired"] == 0
    db.session.expire_all()
    assert pairing.status == "expired"
    assert timeline(pairing.id)[-1] == ("status", "expired")
    assert notification_kinds(world.maker_user.id) == ["pairing.reminder", "pairing.expired"]
    assert notification_kinds(world.startup_user.id) == ["pairing.expired"]
    assert len(mail.outbox) == 3


def test_outcome_is_asked_six_months_after_introduction_once(world: World) -> None:
    pairing = world.pairing("approved", requested_at=START)
    with time_machine.travel(START + timedelta(days=181), tick=False):
        assert sweep(datetime.now(UTC))["outcome_requested"] == 0
    with time_machine.travel(START + timedelta(days=182), tick=False):
        assert sweep(datetime.now(UTC))["outcome_requested"] == 1
        assert sweep(datetime.now(UTC))["outcome_requested"] == 0
    db.session.expire_all()
    assert pairing.outcome_requested_at is not None
    assert count(Notification, Notification.kind == "pairing.outcome_requested") == 2


def test_flask_sweep_command_runs_and_is_idempotent(world: World, runner: FlaskCliRunner) -> None:
    world.pairing("requested", requested_at=datetime.now(UTC) - timedelta(days=15))
    first = runner.invoke(args=["sweep"])
    assert first.exit_code == 0, first.output
    assert "reminded 1" in first.output
    second = runner.invoke(args=["sweep"])
    assert "reminded 0" in second.output
    assert count(Notification) == 1
    assert len(mail.outbox) == 1


def test_sweep_mails_notifications_committed_without_mail(world: World) -> None:
    db.session.add(Notification(user_id=world.startup_user.id, kind="pairing.cancelled",
                                params={"need": "프레스"}))  # fmt: skip
    db.session.commit()
    assert sweep(datetime.now(UTC))["mailed"] == 1
    assert sweep(datetime.now(UTC))["mailed"] == 0


def test_activity_is_recorded_at_most_once_an_hour(world: World) -> None:
    org = world.startup
    later = org.last_active_at + timedelta(hours=2)
    with time_machine.travel(later, tick=False):
        assert activity.touch(org, datetime.now(UTC)) is True
        db.session.expire_all()
        assert db.session.get(Organization, org.id).last_active_at == later
    with time_machine.travel(later + timedelta(minutes=59), tick=False):
        assert activity.touch(org, datetime.now(UTC)) is False
    with time_machine.travel(later + timedelta(minutes=61), tick=False):
        assert activity.touch(org, datetime.now(UTC)) is True
