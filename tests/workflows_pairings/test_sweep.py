"""flask sweep with a frozen clock: one reminder, then expiry, then the outcome question."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from app.extensions import db
from app.models import Notification, Organization, PairingEvent
from app.models.types import clock_at, utcnow
from app.services import activity, mail, notifications
from app.services.pairings import express_interest, sweep
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


def test_a_transition_replayed_under_clock_at_is_dated_then_and_mail_held_sends_nothing(
    world: World,
) -> None:
    with clock_at(START), notifications.mail_held():
        pairing = express_interest(
            world.need,
            world.startup,
            actor=world.startup_user,
            message="진동 센서 실증",
            consent_to_contact=True,
        )
        assert notifications.send_pending_notifications() == 0
    assert mail.outbox == []
    assert pairing.requested_at == START and pairing.startup_consented_at == START
    event = db.session.scalar(select(PairingEvent).where(PairingEvent.pairing_id == pairing.id))
    assert event.at == START
    notice = db.session.scalar(select(Notification))
    assert notice.user_id == world.maker_user.id
    assert notice.created_at == START and notice.emailed_at is None
    # Outside the block the clock is real again and the held mail is only pending.
    assert utcnow() > START + timedelta(days=30)
    assert notifications.send_pending_notifications() == 1
    assert [m["To"] for m in mail.outbox] == [world.maker_user.email]


def test_clock_at_refuses_a_naive_moment_and_restores_the_clock_after_an_error() -> None:
    with pytest.raises(ValueError, match="naive"), clock_at(datetime(2026, 3, 2)):
        pass
    with pytest.raises(RuntimeError), clock_at(START):
        assert utcnow() == START
        raise RuntimeError
    assert utcnow() > START + timedelta(days=30)
