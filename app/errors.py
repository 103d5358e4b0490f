"""The one path from an error to an answer: HTML pages, and problem+json for the API.

Services raise ``DomainError``s; the handler here turns each into an answer from its
``status_code`` (views neither catch them nor roll back: the service's transaction
did). ``problem()`` is the only builder of ``application/problem+json``.

No page shows a stack trace or SQL; each shows the request id that the log
line carries, so support can find it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from flask import (
    Flask,
    Response,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin, current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from app.extensions import db
from app.services import standing
from app.services.errors import DomainError, FieldError, NotFound, PermissionDenied

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


def problem(
    status: int,
    detail: str | None = None,
    *,
    errors: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """An ``application/problem+json`` response (RFC 9457): the API's every error."""
    title = str(TITLES.get(status, TITLES[500]))
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail or title,
        "request_id": g.get("request_id"),
    }
    if errors:
        body["errors"] = errors
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def error_response(
    code: int, detail: str | None = None, retry_after: int | None = None
) -> Response:
    """The error page (HTML), or a problem document under ``/api/``."""
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    title = str(TITLES.get(code, TITLES[500]))
    if not _can_build_urls():
        # An untrusted Host header (TRUSTED_HOSTS) leaves no URL adapter: a page with
        # links cannot render, so answer in plain text.
        response = Response(f"{code} {title}\n", mimetype="text/plain", headers=headers)
    elif wants_json():
        return problem(code, detail or str(MESSAGES.get(code, MESSAGES[500])), headers=headers)
    else:
        message = detail or str(MESSAGES.get(code, MESSAGES[500]))
        page = render_template(
            "errors/error.html",
            code=code,
            title=title,
            message=message,
            request_id=g.get("request_id"),
        )
        response = Response(page, mimetype="text/html", headers=headers)
    response.status_code = code
    return response


def retry_after(error: HTTPException) -> int:
    """Seconds until a rate limit lifts, from the limiter's answer (at least 1)."""
    response = getattr(error, "response", None)
    if response is not None and response.headers.get("Retry-After"):
        try:
            return max(1, int(float(response.headers["Retry-After"])))
        except ValueError:
            pass
    limit = getattr(error, "limit", None)
    if limit is not None:
        return int(limit.limit.get_expiry())
    return 60


# --- domain errors ---------------------------------------------------------------------

View = TypeVar("View", bound=Callable[..., Any])


def refusals_go_back(view: View) -> View:
    """Marks a POST view whose refusals (409, or 400 with no form field to show it on)
    flash their message and redirect back to the page the action belongs to: the page
    itself for a form that posts to its own URL, else the URL one segment up
    (``/staff/needs/7/approve`` → ``/staff/needs/7``). Unmarked views answer refusals
    with the error page and the refusal's status."""
    view.refusals_go_back = True  # type: ignore[attr-defined]
    return view


def _back_url() -> str | None:
    """Where a marked view's refusal goes, or None for an unmarked view."""
    view = current_app.view_functions.get(request.endpoint or "")
    if request.method != "POST" or not getattr(view, "refusals_go_back", False):
        return None
    rule = request.url_rule
    if rule is not None and "GET" in (rule.methods or ()):
        return request.path
    return request.path.rsplit("/", 1)[0] or "/"


def standing_response(user: Any) -> Response:
    """The page that tells a company why it may not see or do this (403)."""
    suspended = standing.is_suspended(user)
    body = render_template(
        "auth/standing.html",
        suspended=suspended,
        message=standing.SUSPENDED if suspended else standing.NOT_VERIFIED,
        organization=user.organization,
    )
    return Response(body, status=403, mimetype="text/html")


def domain_problem(error: DomainError) -> Response:
    """The API's answer to a domain error: 404 never confirms, a field error is 422."""
    if isinstance(error, NotFound):
        return problem(404, _("There is no such object, or it is not yours to see."))
    if isinstance(error, FieldError):
        return problem(422, str(error.message), errors={error.field: [str(error.message)]})
    detail = str(error.message) or None
    if isinstance(error, PermissionDenied):
        return problem(403, detail or _("Your account may not do this."))
    return problem(error.status_code, detail)


def domain_error(error: DomainError) -> Response | Any:
    """Any ``DomainError`` a view let through, answered from its ``status_code``."""
    # The service rolled its own transaction back; this makes sure nothing half-done
    # is flushed by whatever runs after this answer.
    db.session.rollback()
    if wants_json():
        return domain_problem(error)
    if isinstance(error, standing.NotVerified | standing.Suspended):
        # A company that may not browse or act is told why (verification, suspension).
        return standing_response(current_user)
    status = error.status_code
    if status in (403, 404):  # never say more about objects the actor may not see
        return error_response(status)
    back = _back_url()
    if back is not None:
        flash(str(error.message or MESSAGES[status]), "warning" if status == 409 else "danger")
        return redirect(back)
    return error_response(status, str(error.message) or None)


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
            seconds = retry_after(error)
            logger.warning(
                "rate limit hit path=%s request_id=%s", request.path, g.get("request_id")
            )
            return error_response(
                429,
                _("Please wait %(seconds)s seconds before trying again.", seconds=seconds),
                retry_after=seconds,
            )
        detail = None
        if code in (400, 409, 422) and error.description and wants_json():
            detail = error.description
        return error_response(code, detail)

    app.register_error_handler(DomainError, domain_error)

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
