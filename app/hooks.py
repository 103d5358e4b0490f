"""Every app-wide request hook in one place, registered by ``create_app``: request ids,
language and security headers (``app.security``), the company's last activity, the
recompute job its commits asked for, and the values every template reads."""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from flask_login import current_user

from app import jobs
from app.auth.forms import LogoutForm
from app.security import register_security_hooks
from app.services import activity, notifications


def record_company_activity() -> None:
    """A company user's visit counts as activity (the dormant-company report reads it)."""
    if request.endpoint in (None, "static") or not current_user.is_authenticated:
        return
    if current_user.is_staff or current_user.organization is None:
        return
    activity.touch(current_user.organization)


def template_globals() -> dict[str, Any]:
    """The unread-notification badge and the logout button of the menu."""
    if not current_user.is_authenticated:
        return {"unread_notifications": 0, "logout_form": None}
    return {
        "unread_notifications": notifications.unread_count(current_user),
        "logout_form": LogoutForm(formdata=None),
    }


def register_request_hooks(app: Flask) -> None:
    register_security_hooks(app)
    app.before_request(record_company_activity)
    app.after_request(jobs.run_pending)
    app.context_processor(template_globals)
