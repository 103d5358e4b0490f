from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user

from app.errors import standing_response


def role_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """403 for a signed-in user of another role (use under ``login_required``)."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated or current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def verified_company_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Needs and rankings are for staff and verified companies; others see why not."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        from app.services import standing

        if current_user.is_authenticated and not standing.may_browse(current_user):
            return standing_response(current_user)
        return view(*args, **kwargs)

    return wrapped
