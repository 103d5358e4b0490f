"""Which language a page is in: ?lang=, then the session (which holds the user's
preference from login on), the browser's Accept-Language, and Korean.

Choosing the language never queries the database, so error pages render even
when the database is down.
"""

from __future__ import annotations

from flask import current_app, has_request_context, request, session
from flask_login import current_user


def select_locale() -> str | None:
    if not has_request_context():
        return None  # commands, workers and threads: the default locale
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked in languages:
        return asked
    if session.get("lang") in languages:
        return session["lang"]
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def remember_requested_language() -> None:
    """Keep ``?lang=`` for the next pages: in the session and as the user's preference."""
    from app.extensions import db

    asked = request.args.get("lang")
    if asked not in current_app.config["LANGUAGES"]:
        return
    if session.get("lang") != asked:
        session["lang"] = asked
    if current_user.is_authenticated and current_user.locale != asked:
        current_user.locale = asked
        db.session.commit()
