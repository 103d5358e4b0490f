"""Matrix row 37: free text in mail headers (issue 13, item 1).

A note with a line break reaches the notification, whose first line becomes the
e-mail subject. The request must not fail, the subject must be one line, and a
mail that could not be sent stays pending so the next sweep sends it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.models import Notification
from app.models.enums import PairingStatus
from app.services import mail, notifications
from tests.workflows_pairings.helpers import World

NOTE = "첫째 줄입니다.\r\nBcc: victim@example.com\n둘째 줄"


@pytest.fixture(autouse=True)
def empty_outbox() -> Iterator[None]:
    mail.outbox.clear()
    yield
    mail.outbox.clear()


def _subjects() -> list[str]:
    return [str(m["Subject"]) for m in mail.outbox]


def test_row37_decline_note_with_line_break_mails_first_line_subject(
    app: Flask, login_as: Any
) -> None:
    world = World()
    pairing = world.pairing(by="startup")
    client = login_as(world.maker_user)
    response = client.post(
        f"/pairings/{pairing.id}/decline",
        data={"decline-reason": "other", "decline-note": NOTE},
    )
    assert response.status_code == 302
    assert mail.outbox, "the decline must be mailed"
    for message in mail.outbox:
        subject = str(message["Subject"])
        assert "\n" not in subject and "\r" not in subject
        assert "Bcc" not in subject
        assert message["Bcc"] is None
    assert any("첫째 줄입니다." in s for s in _subjects())
    # the whole note is still in the body
    assert any("둘째 줄" in m.get_content() for m in mail.outbox)
    assert (
        db.session.scalars(select(Notification).where(Notification.emailed_at.is_(None))).all()
        == []
    )


def test_row37_staff_approval_with_two_line_note_mails_both_sides(
    app: Flask, login_as: Any
) -> None:
    world = World()
    pairing = world.pairing(status=PairingStatus.ACCEPTED)
    client = login_as(world.staff)
    response = client.post(
        f"/staff/pairings/{pairing.id}/approve", data={"approve-note": "좋습니다\n연락하세요"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    assert all("\n" not in s for s in _subjects())


def test_row37_failed_mail_is_not_marked_emailed_and_is_retried(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = World()
    notifications.notify(world.startup_user, "pairing.declined", {"need": "x", "note": "a"})
    db.session.commit()

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise ValueError("Header values may not contain linefeed or carriage return characters")

    monkeypatch.setattr(mail, "send", refuse)
    assert notifications.send_pending_notifications() == 0
    pending = db.session.scalars(select(Notification)).one()
    assert pending.emailed_at is None
    monkeypatch.undo()
    assert notifications.send_pending_notifications() == 1
    db.session.refresh(pending)
    assert pending.emailed_at is not None


def test_row37_message_builder_refuses_no_header_value() -> None:
    assert mail.header_text("one\r\ntwo") == "one"
    assert mail.header_text("\n\n  second \n") == "second"
    assert mail.header_text("a\x00b\tc") == "abc"
