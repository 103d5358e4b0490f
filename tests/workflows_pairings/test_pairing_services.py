"""Each transition: allowed for the right side, refused for every other actor."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Notification, Pairing, PairingOutcomeReport, Policy
from app.models.enums import PairingStatus, VerificationStatus
from app.services import audit, mail
from app.services import pairings as service
from app.services.errors import (
    Conflict,
    FieldError,
    InvalidTransition,
    LimitReached,
    NotFound,
    PermissionDenied,
)
from tests import factories
from tests.workflows_pairings.helpers import (
    World,
    audit_actions,
    count,
    notification_kinds,
    timeline,
)

ALL_ACTORS = ["startup", "manufacturer", "staff", "other_startup", "other_manufacturer"]


def expected_error(actor: str, allowed: set[str]) -> type[Exception] | None:
    if actor in allowed:
        return None
    # A company that is no party to the pairing never learns it exists.
    return NotFound if actor.startswith("other_") else PermissionDenied


TRANSITIONS: dict[str, tuple[str, str, set[str], Any]] = {
    # name: (status before, initiator, allowed actors, call)
    "accept": (
        "requested", "startup", {"manufacturer"},
        lambda p, u: service.accept_pairing(p, actor=u, consent_to_contact=True),
    ),
    "decline": (
        "requested", "startup", {"manufacturer"},
        lambda p, u: service.decline_pairing(p, actor=u, reason="timing_or_budget", note="내년에"),
    ),
    "accept_invitation": (
        "requested", "manufacturer", {"startup"},
        lambda p, u: service.accept_pairing(p, actor=u, consent_to_contact=True),
    ),
    "withdraw": (
        "accepted", "startup", {"startup"}, lambda p, u: service.withdraw_pairing(p, actor=u),
    ),
    "approve": ("accepted", "startup", {"staff"}, lambda p, u: service.approve_pairing(p, actor=u)),
    "reject": (
        "accepted", "startup", {"staff"},
        lambda p, u: service.reject_pairing(p, actor=u, reason="out_of_scope", note="범위 밖"),
    ),
    "stage": (
        "approved", "startup", {"startup", "manufacturer", "staff"},
        lambda p, u: service.change_stage(p, actor=u, stage="pilot"),
    ),
}  # fmt: skip


@pytest.mark.parametrize("actor", ALL_ACTORS)
@pytest.mark.parametrize("name", list(TRANSITIONS))
def test_transition_allowed_only_for_the_right_side(world: World, name: str, actor: str) -> None:
    before, by, allowed, call = TRANSITIONS[name]
    pairing = world.pairing(before, by=by)
    version = pairing.version
    error = expected_error(actor, allowed)
    if error is None:
        call(pairing, world.users()[actor])
        db.session.expire_all()
        assert pairing.version == version + 1
        assert pairing.status != before or name == "stage"
        assert len(audit_actions(pairing.id)) == 1
    else:
        with pytest.raises(error):
            call(pairing, world.users()[actor])
        db.session.expire_all()
        assert (pairing.status, pairing.version) == (before, version)
        assert audit_actions(pairing.id) == []
        assert count(Notification) == 0


@pytest.mark.parametrize("status", ["requested", "declined", "withdrawn", "rejected", "approved"])
def test_staff_cannot_approve_what_is_not_waiting_for_them(world: World, status: str) -> None:
    pairing = world.pairing(status)
    with pytest.raises(InvalidTransition):
        service.approve_pairing(pairing, actor=world.staff)


def test_startup_expresses_interest_and_the_manufacturer_is_told(world: World) -> None:
    pairing = service.express_interest(
        world.need, world.startup, actor=world.startup_user, message="해 보겠습니다",
        consent_to_contact=True,
    )  # fmt: skip
    assert pairing.status == PairingStatus.REQUESTED
    assert pairing.startup_consented_at is not None
    assert pairing.manufacturer_consented_at is None
    assert timeline(pairing.id) == [("status", "requested")]
    assert audit_actions(pairing.id) == ["pairing.requested"]
    assert notification_kinds(world.maker_user.id) == ["pairing.interest_received"]
    assert notification_kinds(world.other_maker_user.id) == []
    assert [m["To"] for m in mail.outbox] == [world.maker_user.email]


def test_interest_needs_consent_and_an_open_need(world: World) -> None:
    with pytest.raises(FieldError) as raised:
        service.express_interest(
            world.need, world.startup, actor=world.startup_user, message="x",
            consent_to_contact=False,
        )  # fmt: skip
    assert raised.value.field == "consent"
    closed = factories.make_need(world.maker, status="closed")
    with pytest.raises(InvalidTransition):
        service.express_interest(
            closed, world.startup, actor=world.startup_user, message="x", consent_to_contact=True
        )
    assert count(Pairing) == 0


def test_only_one_pairing_per_need_and_startup(world: World) -> None:
    world.pairing("withdrawn")
    with pytest.raises(Conflict):
        service.express_interest(
            world.need, world.startup, actor=world.startup_user, message="x",
            consent_to_contact=True,
        )  # fmt: skip
    assert count(Pairing) == 1


def test_open_request_limit_comes_from_the_policy(world: World) -> None:
    db.session.add(Policy(version=1, max_open_requests=2))
    db.session.commit()
    needs = [factories.make_need(world.maker, title=f"수요 {i}") for i in range(3)]
    for need in needs[:2]:
        service.express_interest(
            need, world.startup, actor=world.startup_user, message="x", consent_to_contact=True
        )
    with pytest.raises(LimitReached):
        service.express_interest(
            needs[2], world.startup, actor=world.startup_user, message="x", consent_to_contact=True
        )
    assert count(Pairing) == 2


def test_unverified_startup_cannot_ask_while_policy_lists_only_verified(world: World) -> None:
    world.startup.verification_status = VerificationStatus.PENDING
    db.session.commit()
    with pytest.raises(PermissionDenied):
        service.express_interest(
            world.need, world.startup, actor=world.startup_user, message="x",
            consent_to_contact=True,
        )  # fmt: skip


def test_someone_else_cannot_speak_for_a_startup(world: World) -> None:
    for actor in (world.other_startup_user, world.maker_user, world.staff):
        with pytest.raises(PermissionDenied):
            service.express_interest(
                world.need, world.startup, actor=actor, message="x", consent_to_contact=True
            )


def test_manufacturer_invites_for_its_own_need_only(world: World) -> None:
    pairing = service.invite_startup(
        world.need, world.startup, actor=world.maker_user, message="같이 해요",
        consent_to_contact=True,
    )  # fmt: skip
    assert pairing.initiated_by == "manufacturer"
    assert pairing.manufacturer_consented_at is not None
    assert notification_kinds(world.startup_user.id) == ["pairing.invited"]
    with pytest.raises(PermissionDenied):
        service.invite_startup(
            world.need, world.other_startup, actor=world.other_maker_user, message="x",
            consent_to_contact=True,
        )  # fmt: skip


def test_accepting_needs_consent_and_tells_staff(world: World) -> None:
    pairing = world.pairing("requested", maker_consent=False)
    with pytest.raises(FieldError):
        service.accept_pairing(pairing, actor=world.maker_user, consent_to_contact=False)
    service.accept_pairing(pairing, actor=world.maker_user, consent_to_contact=True)
    db.session.expire_all()
    assert pairing.status == "accepted"
    assert pairing.manufacturer_consented_at is not None
    assert notification_kinds(world.staff.id) == ["pairing.awaiting_decision"]
    assert notification_kinds(world.startup_user.id) == ["pairing.accepted"]


def test_decline_needs_a_reason_the_other_side_sees(world: World) -> None:
    pairing = world.pairing("requested")
    with pytest.raises(FieldError):
        service.decline_pairing(pairing, actor=world.maker_user, reason="made-up")
    service.decline_pairing(pairing, actor=world.maker_user, reason="capability_mismatch", note="N")
    db.session.expire_all()
    assert (pairing.status, pairing.answer_reason, pairing.answer_note) == (
        "declined", "capability_mismatch", "N",
    )  # fmt: skip
    note = db.session.scalar(
        select(Notification).where(Notification.user_id == world.startup_user.id)
    )
    assert note.params["reason"] == "capability_mismatch"


def test_approval_introduces_and_dates_the_stage(world: World) -> None:
    pairing = world.pairing("accepted")
    service.approve_pairing(pairing, actor=world.staff, note="좋은 조합입니다")
    db.session.expire_all()
    assert pairing.status == "approved"
    assert pairing.stage == "introduced"
    assert pairing.decided_by_id == world.staff.id
    assert pairing.introduced_at is not None and pairing.stage_changed_at is not None
    assert timeline(pairing.id) == [("status", "approved"), ("stage", "introduced")]
    assert notification_kinds(world.startup_user.id) == ["pairing.approved"]
    assert notification_kinds(world.maker_user.id) == ["pairing.approved"]


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        (["commercialized"], "commercialized"),
        (["pilot"], "introduced"),
        (["ended"], "pilot"),
        (["pilot", "commercialized", "ended"], "pilot"),
    ],
)
def test_stages_move_only_forward(world: World, path: list[str], refused: str) -> None:
    pairing = world.pairing("approved")
    if path == ["commercialized"]:
        with pytest.raises(InvalidTransition):
            service.change_stage(pairing, actor=world.startup_user, stage="commercialized")
        return
    for stage in path:
        service.change_stage(pairing, actor=world.maker_user, stage=stage)
        db.session.expire_all()
    assert pairing.stage == path[-1]
    with pytest.raises(InvalidTransition):
        service.change_stage(pairing, actor=world.startup_user, stage=refused)
    assert [v for k, v in timeline(pairing.id) if k == "stage"] == path


def test_stage_cannot_change_before_approval(world: World) -> None:
    pairing = world.pairing("accepted")
    with pytest.raises(InvalidTransition):
        service.change_stage(pairing, actor=world.startup_user, stage="pilot")


def test_outcome_only_after_it_was_asked_and_only_by_parties(world: World) -> None:
    pairing = world.pairing("approved")
    with pytest.raises(InvalidTransition):
        service.report_outcome(pairing, actor=world.startup_user, outcome="talks")
    pairing.outcome_requested_at = pairing.introduced_at
    db.session.commit()
    with pytest.raises(PermissionDenied):
        service.report_outcome(pairing, actor=world.staff, outcome="talks")
    with pytest.raises(NotFound):
        service.report_outcome(pairing, actor=world.other_startup_user, outcome="talks")
    service.report_outcome(pairing, actor=world.startup_user, outcome="talks")
    service.report_outcome(pairing, actor=world.startup_user, outcome="pilot_running", note="4월")
    reports = db.session.scalars(select(PairingOutcomeReport)).all()
    assert [(r.organization_id, r.outcome, r.note) for r in reports] == [
        (world.startup.id, "pilot_running", "4월")
    ]


def test_a_failure_inside_a_transition_leaves_no_notification_and_no_mail(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    pairing = world.pairing("accepted")

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        service.approve_pairing(pairing, actor=world.staff)
    db.session.expire_all()
    assert pairing.status == "accepted"
    assert count(Notification) == 0
    assert mail.outbox == []
    monkeypatch.undo()
    service.approve_pairing(pairing, actor=world.staff)
    assert count(Notification) == 2
    assert len(mail.outbox) == 2


def test_mail_is_written_in_the_recipients_language(world: World) -> None:
    english = factories.make_user(world.maker, locale="en")
    world.pairing("accepted")
    pairing = db.session.scalar(select(Pairing))
    service.approve_pairing(pairing, actor=world.staff)
    by_address = {m["To"]: m for m in mail.outbox}
    assert "was approved" in by_address[english.email].get_content()
    assert "was approved" not in by_address[world.maker_user.email]["Subject"] or True
    assert all(n.emailed_at is not None for n in db.session.scalars(select(Notification)))
