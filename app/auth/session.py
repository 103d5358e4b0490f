"""Sessions: which user a cookie names, and when it stops naming anyone.

Flask keeps the session in a signed cookie, which the server cannot revoke.
So the cookie carries ``"<user id>:<session version>"`` and the version is
bumped on logout, password change and account deletion: every older copy
of the cookie then names nobody.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, request, session
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager
from flask_login.utils import decode_cookie

from app.extensions import db
from app.models import User


def load_user(user_id: str) -> User | None:
    raw_id, _, raw_version = user_id.partition(":")
    if not raw_id.isdigit() or not raw_version.isdigit():
        return None
    user = db.session.get(User, int(raw_id))
    if user is None or not user.is_active or user.session_version != int(raw_version):
        return None
    if session_expired(user) and not _restore_from_remember_cookie(user, user_id):
        return None
    return user


def _restore_from_remember_cookie(user: User, user_id: str) -> bool:
    """Keep me logged in: a company user's signed remember cookie (14 days, naming the
    current session version, so logout and password changes end it) starts a new
    session when the old one ended, e.g. after the browser was closed. Never staff."""
    name = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    cookie = request.cookies.get(name)
    if user.is_staff or not cookie or decode_cookie(cookie) != user_id:
        return False
    now = datetime.now(UTC).timestamp()
    session["login_at"] = now
    session["seen_at"] = now
    session.setdefault("lang", user.locale)
    session.permanent = True
    return True


def session_expired(user: User) -> bool:
    """Idle and absolute timeouts (ASVS 7.3.1, 7.3.2); staff idle out sooner."""
    now = datetime.now(UTC).timestamp()
    started = session.get("login_at")
    seen = session.get("seen_at")
    if started is None or seen is None:
        return True
    idle = current_app.config[
        "STAFF_SESSION_IDLE_TIMEOUT" if user.is_staff else "SESSION_IDLE_TIMEOUT"
    ]
    absolute = current_app.config["PERMANENT_SESSION_LIFETIME"]
    if now - seen > idle.total_seconds() or now - started > absolute.total_seconds():
        return True
    # Refresh at most once a minute so that not every request rewrites the cookie.
    if now - seen > 60:
        session["seen_at"] = now
    return False


def start_session(user: User, *, remember: bool = False) -> None:
    """A fresh session for a fresh login (no fixation): clear, then log in."""
    from flask_login import login_user

    session.clear()
    session["lang"] = user.locale
    now = datetime.now(UTC).timestamp()
    session["login_at"] = now
    session["seen_at"] = now
    session.permanent = True
    login_user(user, remember=remember and not user.is_staff)


def configure_login_manager(manager: LoginManager) -> None:
    manager.user_loader(load_user)
    manager.login_view = "auth.login"
    manager.login_message = _l("Please log in to see this page.")
    manager.login_message_category = "info"
    manager.session_protection = "basic"


def reissue_session(user: User) -> None:
    """After a password or e-mail change: this session carries on under the new version.

    The change bumped ``session_version``, which ended every other session;
    the current one is re-issued with a new cookie, keeping its start time so
    the absolute lifetime still counts from the original login.
    """
    from flask_login import login_user

    started = session.get("login_at")
    lang = session.get("lang")
    remember = bool(session.get("_remember") == "set")
    session.clear()
    now = datetime.now(UTC).timestamp()
    session["login_at"] = started or now
    session["seen_at"] = now
    if lang:
        session["lang"] = lang
    session.permanent = True
    login_user(user, remember=remember and not user.is_staff)
