"""Request hooks that hold for every response: request ids, headers, last activity."""

from __future__ import annotations

import secrets

from flask import Flask, Response, abort, g, request

from app.i18n import remember_requested_language

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


# Paged lists stop here: beyond it the offset would overflow SQLite's and PostgreSQL's
# 64-bit integers (a 500); no list of this platform has that many pages anyway.
MAX_PAGE = 100_000


def register_security_hooks(app: Flask) -> None:
    @app.before_request
    def assign_request_id() -> None:
        g.request_id = secrets.token_hex(6)

    @app.before_request
    def refuse_out_of_range_page() -> None:
        """``?page=`` beyond any list is a 404; other bad values fall back to page 1
        (Flask-SQLAlchemy's ``error_out=False``)."""
        raw = request.args.get("page", "").strip()
        if raw.isdigit() and (len(raw) > len(str(MAX_PAGE)) or int(raw) > MAX_PAGE):
            abort(404)

    @app.before_request
    def keep_language() -> None:
        remember_requested_language()

    @app.after_request
    def set_security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if getattr(g, "request_id", None):
            headers["X-Request-ID"] = g.request_id
        # Pages for a signed-in user hold personal data: no shared or disk caches.
        if request.endpoint != "static" and "Cache-Control" not in headers:
            if _is_personal():
                headers["Cache-Control"] = "private, no-store"
        return response


def _is_personal() -> bool:
    # The session cookie says it without loading the user from the database.
    from flask import session

    return "_user_id" in session
