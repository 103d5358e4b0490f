"""In-app notifications (and, through them, e-mail).

A notification is stored as a kind and parameters, so that it renders in the
recipient's language when shown; it joins the caller's transaction.

E-mail goes out only after that transaction committed: services end with
``commit()`` here, which commits and then mails the notifications the
transaction created. The ``Notification`` row doubles as the outbox
(``emailed_at``), so a mail that failed, or a notification created by code
that committed on its own, is sent by the next ``send_pending_notifications()``
(``flask sweep`` calls it).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, inspect, select, update

from app.database import rows_changed
from app.extensions import db
from app.models import Notification, User
from app.models.enums import PAIRING_OUTCOME_LABELS, PAIRING_STAGE_LABELS, REJECTION_REASONS
from app.models.types import utcnow
from app.services import mail
from app.services.errors import NotFound

logger = logging.getLogger(__name__)

_PENDING = "pending_notifications"
_mail_held: ContextVar[bool] = ContextVar("mail_held", default=False)

# kind → message; parameters are filled in when the message is shown or mailed.
MESSAGES: dict[str, Any] = {
    "pairing.interest_received": _l("%(startup)s is interested in your need “%(need)s”."),
    "pairing.invited": _l("%(manufacturer)s invites you to its need “%(need)s”."),
    "pairing.accepted": _l(
        "%(other)s said yes to the request for “%(need)s”. It now waits for the city's approval."
    ),
    "pairing.awaiting_decision": _l("A pairing for “%(need)s” waits for your decision."),
    "pairing.declined": _l("%(other)s declined the request for “%(need)s”: %(reason)s"),
    "pairing.withdrawn": _l("%(other)s withdrew the request for “%(need)s”."),
    "pairing.approved": _l(
        "Your introduction for “%(need)s” was approved. You can now see the contact person."
    ),
    "pairing.rejected": _l("The city did not approve the pairing for “%(need)s”: %(reason)s"),
    "pairing.stage_changed": _l("The pairing for “%(need)s” moved to the stage “%(stage)s”."),
    "pairing.reminder": _l(
        "A request for “%(need)s” has been waiting for your answer for %(days)s days."
    ),
    "pairing.expired": _l("The request for “%(need)s” expired without an answer."),
    "pairing.outcome_requested": _l(
        "Six months have passed since the introduction for “%(need)s”. How did it go?"
    ),
    "pairing.cancelled": _l("The need “%(need)s” was closed, so its request ended."),
    "need.approved": _l("Your need “%(need)s” was approved and is now open to startups."),
    "need.rejected": _l("Your need “%(need)s” was returned for changes: %(reason)s"),
    "company.pending": _l("%(organization)s waits for verification."),
    "company.verified": _l("The city verified %(organization)s. Your company is now listed."),
    "company.rejected": _l("The city could not verify %(organization)s: %(reason)s"),
    "company.suspended": _l("The city suspended %(organization)s: %(reason)s"),
}
FALLBACK = _l("You have a new notification.")
SUBJECT = _l("[Seoul IIoT Match] %(message)s")
MAIL_FOOTER = _l("Open the platform to see the details:")

# Parameters stored as codes, shown as labels in the reader's language.
_CODED: dict[str, Mapping[Any, Any]] = {
    "reason": REJECTION_REASONS,
    "stage": PAIRING_STAGE_LABELS,
    "outcome": PAIRING_OUTCOME_LABELS,
}


class _Params(dict[str, Any]):
    """A message's parameters; a missing one renders empty instead of failing."""

    def __missing__(self, key: str) -> str:
        return ""


def notify(
    users: User | Iterable[User],
    kind: str,
    params: dict[str, Any] | None = None,
    link: str | None = None,
) -> list[Notification]:
    """In-app notices of ``kind`` to the active ``users``, mailed once the caller's
    transaction commits (``commit()``); joins that transaction."""
    recipients = [users] if isinstance(users, User) else list(users)
    created = [
        Notification(user_id=user.id, kind=kind, params=dict(params or {}), link=link)
        for user in recipients
        if user.is_active
    ]
    db.session.add_all(created)
    db.session.info.setdefault(_PENDING, []).extend(created)
    return created


def render(notification: Notification) -> str:
    """The message in the current locale (wrap in ``force_locale`` for another one)."""
    template = MESSAGES.get(notification.kind)
    if template is None:
        return str(FALLBACK)
    params = _Params(notification.params or {})
    for key, labels in _CODED.items():
        if key in params:
            params[key] = str(labels.get(params[key], params[key]))
    text = str(template) % params
    note = params.get("note")
    return f"{text} — {note}" if note else text


def commit() -> None:
    """Commits the session, then mails the notifications this transaction created."""
    pending = db.session.info.pop(_PENDING, [])
    db.session.flush()
    ids = [n.id for n in pending if inspect(n).persistent]
    db.session.commit()
    if ids:
        send_pending_notifications(ids)


def discard_pending() -> None:
    """Forget notifications of a transaction that was rolled back."""
    db.session.info.pop(_PENDING, None)


@contextmanager
def mail_held() -> Iterator[None]:
    """Inside the block (this thread or task only) nothing is mailed; notifications are
    stored with ``emailed_at`` NULL. For replaying dated history (the demo data), whose
    caller then settles ``emailed_at`` so the sweep never mails it later."""
    token = _mail_held.set(True)
    try:
        yield
    finally:
        _mail_held.reset(token)


def send_pending_notifications(ids: Iterable[int] | None = None, limit: int = 500) -> int:
    """Mails notifications whose ``emailed_at`` is NULL (only ``ids`` when given).

    Each row is claimed with a compare-and-set update before sending, so two
    processes never mail the same notification. A failed send is logged and
    un-claimed, to be retried. Returns how many mails went out (none inside
    ``mail_held()``).
    """
    if _mail_held.get():
        return 0
    statement = select(Notification.id).where(Notification.emailed_at.is_(None))
    if ids is not None:
        wanted = list(ids)
        if not wanted:
            return 0
        statement = statement.where(Notification.id.in_(wanted))
    candidates = db.session.scalars(statement.order_by(Notification.id).limit(limit)).all()
    sent = 0
    for notification_id in candidates:
        claimed = rows_changed(
            update(Notification)
            .where(Notification.id == notification_id, Notification.emailed_at.is_(None))
            .values(emailed_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
        if not claimed:
            continue
        notification = db.session.get(Notification, notification_id)
        user = notification.user if notification else None
        if notification is None or user is None or not user.is_active:
            continue
        try:
            subject, body = _mail_text(notification, user)
            mail.send(user.email, subject, body)
        except (OSError, ValueError):
            # OSError: the server or the network (smtplib's errors included); ValueError: a
            # message Python refuses to build. Neither may undo the committed transition: the
            # claim is released so the next sweep tries again.
            logger.exception("mail for notification %s failed; will retry", notification_id)
            db.session.execute(
                update(Notification)
                .where(Notification.id == notification_id)
                .values(emailed_at=None)
                .execution_options(synchronize_session=False)
            )
            db.session.commit()
        else:
            sent += 1
    return sent


def _mail_text(notification: Notification, user: User) -> tuple[str, str]:
    with force_locale(user.locale or "ko"):
        message = render(notification)
        # Free text (a note) may span lines: the subject takes the first line only.
        subject = str(SUBJECT) % {"message": mail.header_text(message)[:120]}
        body = message
        if notification.link:
            base = current_app.config["SITE_URL"].rstrip("/")
            body = f"{message}\n\n{MAIL_FOOTER}\n{base}{notification.link}\n"
    return subject, body


def list_notifications(user: User) -> Any:
    """A ``select()`` of the user's notifications, newest first."""
    return (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )


def unread_count(user: User) -> int:
    """How many of the user's notifications are unread (the menu's badge)."""
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        )
        or 0
    )


def mark_read(notification_id: int, *, actor: User) -> Notification:
    """Marks one of the actor's notifications read; ``NotFound`` for anyone else's."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != actor.id:
        raise NotFound()
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.commit()
    return notification


def mark_all_read(*, actor: User) -> int:
    """Marks every notification of ``actor`` read; returns how many changed."""
    count = rows_changed(
        update(Notification)
        .where(Notification.user_id == actor.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return count
