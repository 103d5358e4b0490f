"""Error pages in both languages, HTML for pages and problem+json for the API.

No page shows a stack trace or SQL; each shows the request id that the log
line carries, so support can find it.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from app.extensions import db

logger = logging.getLogger(__name__)

TITLES = {
    400: _l("The request could not be understood"),
    401: _l("Please log in"),
    403: _l("You do not have access to this page"),
    404: _l("Page not found"),
    405: _l("This action is not allowed here"),
    409: _l("This was changed at the same time by someone else"),
    413: _l("The file is too large"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong on our side"),
    503: _l("The service is briefly unavailable"),
}
CSRF_MESSAGE = _l(
    "The form expired or was sent from elsewhere. Please reload the page and try again."
)
MESSAGES = {
    400: _l("Please go back, check the form and try again."),
    401: _l("Log in and try again."),
    403: _l("If you think you should have access, contact the city's platform team."),
    404: _l("The address may be wrong, or the page may have been removed."),
    405: _l("Please use the buttons on the page."),
    409: _l("Reload the page to see the current state."),
    413: _l("Files may be at most 2 MB."),
    429: _l("Please wait a moment before trying again."),
    500: _l("The error was recorded. Please try again in a few minutes."),
    503: _l("The database cannot be reached right now. Please try again shortly."),
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(
    code: int, detail: str | None = None, retry_after: int | None = None
) -> Response:
    request_id = getattr(g, "request_id", None)
    title = str(TITLES.get(code, TITLES[500]))
    message = detail or str(MESSAGES.get(code, MESSAGES[500]))
    if not _can_build_urls():
        # An untrusted Host header (TRUSTED_HOSTS) leaves no URL adapter: a page with
        # links cannot render, so answer in plain text.
        response = Response(f"{code} {title}\n", mimetype="text/plain")
    elif wants_json():
        response = jsonify(
            type="about:blank", title=title, status=code, detail=message, request_id=request_id
        )
        response.mimetype = "application/problem+json"
    else:
        response = Response(
            render_template(
                "errors/error.html", code=code, title=title, message=message, request_id=request_id
            ),
            mimetype="text/html",
        )
    response.status_code = code
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def _can_build_urls() -> bool:
    from flask.globals import request_ctx

    return request_ctx.url_adapter is not None


# Messages of errors that mean "the database cannot be reached", not "the query is wrong".
_UNAVAILABLE_MARKERS = (
    "connect",
    "connection",
    "server closed",
    "timeout",
    "timed out",
    "database is locked",
    "unable to open database",
    "the database system is",
    "terminating",
)


def _is_unavailable(error: OperationalError) -> bool:
    if error.connection_invalidated:
        return True
    message = str(error.orig).lower()
    return any(marker in message for marker in _UNAVAILABLE_MARKERS)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> Response:
        logger.warning("csrf failure path=%s request_id=%s", request.path, g.get("request_id"))
        return error_response(400, str(CSRF_MESSAGE))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        code = error.code or 500
        if code == 429:
            retry_after = _retry_after(error)
            logger.warning(
                "rate limit hit path=%s request_id=%s", request.path, g.get("request_id")
            )
            return error_response(
                429,
                _("Please wait %(seconds)s seconds before trying again.", seconds=retry_after),
                retry_after=retry_after,
            )
        detail = None
        if code in (400, 409, 422) and error.description and wants_json():
            detail = error.description
        return error_response(code, detail)

    @app.errorhandler(OperationalError)
    def database_unavailable(error: OperationalError) -> Response:
        if not _is_unavailable(error):
            return unhandled(error)
        db.session.rollback()
        # The page must render without loading the user from the unreachable database.
        g._login_user = AnonymousUserMixin()
        logger.error("database unavailable request_id=%s: %s", g.get("request_id"), error.orig)
        return error_response(503, retry_after=30)

    @app.errorhandler(ServiceUnavailable)
    def service_unavailable(error: ServiceUnavailable) -> Response:
        return error_response(503, retry_after=30)

    @app.errorhandler(Exception)
    def unhandled(error: Exception) -> Response:
        db.session.rollback()
        logger.error("unhandled error request_id=%s", g.get("request_id"), exc_info=error)
        return error_response(InternalServerError.code)


def _retry_after(error: HTTPException) -> int:
    response = getattr(error, "response", None)
    if response is not None and response.headers.get("Retry-After"):
        try:
            return int(float(response.headers["Retry-After"]))
        except ValueError:
            pass
    limit = getattr(error, "limit", None)
    if limit is not None:
        return int(limit.limit.get_expiry())
    return 60
