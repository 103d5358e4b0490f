"""JSON API v1: open data for anyone, and the caller's own data with a personal token.

Authentication is ``Authorization: Bearer <token>`` only; the session cookie is
ignored (a signed-in browser gets nothing from token endpoints), so the blueprint
needs no CSRF token. Access rules are the web pages' own: the same services and
queries, and another company's objects answer 404. Errors are
``application/problem+json``; every list pages with ``limit`` and an opaque ``cursor``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import http
import json
import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from flask import (
    Blueprint as FlaskBlueprint,
)
from flask import (
    Flask,
    Response,
    current_app,
    g,
    jsonify,
    render_template,
    request,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import AnonymousUserMixin
from flask_smorest import Api
from flask_smorest.spec import prepare_response
from limits import parse as parse_limit
from sqlalchemy import Select, and_, or_
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from app.api.blueprint import bp
from app.api.schemas import (
    CompanyStatsSchema,
    InterestSchema,
    NeedMatchesSchema,
    NeedPageSchema,
    NeedSchema,
    NeedStatsSchema,
    PageArgs,
    PairingPageSchema,
    PairingSchema,
    PairingStatsSchema,
    PolicySchema,
    ProblemSchema,
    ProfileSchema,
    StartupMatchArgs,
    StartupMatchesSchema,
)
from app.errors import problem, retry_after
from app.extensions import db, limiter
from app.models import Match, Need, Organization, Pairing, User
from app.models.enums import Role
from app.services import api_tokens, open_data
from app.services.errors import PermissionDenied
from app.services.policy import public_policy
from app.validators import has_control_characters

logger = logging.getLogger(__name__)

PUBLIC_CACHE_SECONDS = 300
MAX_ID = 2**31  # ids are 32-bit integers in PostgreSQL
BEARER = [{"bearerAuth": []}]


# ------------------------------------------------------------------ errors


class ApiProblem(HTTPException):
    """Raised by the views to answer with a problem document."""

    def __init__(self, status: int, detail: str, errors: dict[str, Any] | None = None) -> None:
        super().__init__(description=detail)
        self.code = status
        self.errors = errors


@bp.errorhandler(HTTPException)
def http_problem(error: HTTPException) -> Response:
    status = error.code or 500
    if isinstance(error, ApiProblem):
        return problem(status, error.description, errors=error.errors)
    if status == 429:
        logger.warning("api rate limit hit path=%s request_id=%s", request.path, g.request_id)
        return problem(
            429,
            _("Too many requests. Wait a moment, then try again."),
            headers={"Retry-After": str(retry_after(error))},
        )
    data = getattr(error, "data", None) or {}
    messages = data.get("messages")
    if messages:
        # webargs nests field errors by location ({"json": {...}}); one level is clearer.
        flat: dict[str, Any] = {}
        for value in messages.values():
            flat.update(value if isinstance(value, dict) else {"_": value})
        return problem(
            status, _("Some values in the request are not valid; see errors."), errors=flat
        )
    return problem(status, error.description if status in (400, 409) else None)


# ------------------------------------------------------------------ authentication


PUBLIC_ENDPOINTS = {
    "api.company_stats",
    "api.need_stats",
    "api.pairing_stats",
    "api.policy",
    "api.openapi_json",
    "api.reference",
}


@bp.before_request
def authenticate() -> Response | None:
    """Token endpoints need a Bearer token; the session cookie never counts here."""
    g._login_user = AnonymousUserMixin()  # Flask-Login must not read the session
    if "token" in request.args or "access_token" in request.args:
        return problem(401, _("Send the token in the Authorization header, never in the URL."))
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    # Guessing tokens costs a lookup each: an address that failed too often is answered
    # 429 before the database is asked; only failed lookups of a sent token count.
    header = request.headers.get("Authorization")
    lookup_limit = parse_limit(current_app.config["API_TOKEN_LOOKUP_LIMIT"])
    lookup_key = ("api-token-lookup", get_remote_address() or "unknown")
    if header and not limiter.limiter.test(lookup_limit, *lookup_key):
        reset_at, _remaining = limiter.limiter.get_window_stats(lookup_limit, *lookup_key)
        logger.warning("api token lookups limited path=%s", request.path)
        return problem(
            429,
            _("Too many requests. Wait a moment, then try again."),
            headers={"Retry-After": str(max(1, int(reset_at - time.time())))},
        )
    token = api_tokens.authenticate_token(header)
    if token is None:
        if header:
            limiter.limiter.hit(lookup_limit, *lookup_key)
        return problem(
            401,
            _("A valid API token is needed: send 'Authorization: Bearer <token>'."),
            headers={"WWW-Authenticate": 'Bearer realm="api"'},
        )
    g.api_user = token.user
    g._login_user = token.user
    return None


@bp.before_request
def refuse_unreadable_json() -> Response | None:
    """Every JSON body obeys the rule the forms apply to text (no NUL, C0/C1 controls or
    bidi overrides; newlines are fine), and one nested too deeply for the parser is a
    400, not a 500. Malformed JSON is left to the schema's own answer."""
    if request.method in ("GET", "HEAD", "OPTIONS") or not request.is_json:
        return None
    try:
        body = json.loads(request.get_data(cache=True) or b"null")
    except RecursionError:
        return problem(400, _("The JSON document is nested too deeply."))
    except ValueError:
        return None
    field = first_field_with_control_characters(body)
    if field is not None:
        message = _("Please remove special control characters.")
        return problem(400, message, errors={field: [message]})
    return None


def first_field_with_control_characters(body: Any) -> str | None:
    """The top-level field holding a refused character (a key or a string value, at any
    depth), or None. Walks with a stack, never recursion."""
    stack: list[tuple[str, Any]] = [("_", body)]
    if isinstance(body, dict):
        stack = [(str(key), {key: value}) for key, value in body.items()]
    while stack:
        field, value = stack.pop()
        if isinstance(value, str):
            if has_control_characters(value):
                return field
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.extend(((field, key), (field, item)))
        elif isinstance(value, list):
            stack.extend((field, item) for item in value)
    return None


def caller() -> User:
    return g.api_user


def require_role(*roles: str) -> User:
    user = caller()
    if user.role not in roles:
        raise PermissionDenied(_("This endpoint is for other kinds of accounts."))
    return user


def _token_key() -> str:
    header = request.headers.get("Authorization") or ""
    if header:
        return "api-token:" + hashlib.sha256(header.encode()).hexdigest()[:32]
    return "api-ip:" + (get_remote_address() or "")


token_limit = limiter.shared_limit(
    lambda: current_app.config["API_TOKEN_RATE_LIMIT"],
    scope="api-token",
    key_func=_token_key,
)
public_limit = limiter.shared_limit(
    lambda: current_app.config["API_PUBLIC_RATE_LIMIT"],
    scope="api-public",
)


# ------------------------------------------------------------------ paging


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps(list(values), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, types: Sequence[type]) -> list[Any] | None:
    """The values of a cursor this API made; ``400`` for anything else."""
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError):
        values = None
    if (
        not isinstance(values, list)
        or len(values) != len(types)
        or not all(
            isinstance(v, t) and not isinstance(v, bool) and abs(v) < MAX_ID
            for v, t in zip(values, types, strict=True)
        )
    ):
        raise ApiProblem(400, _("The cursor is not valid; use next_cursor of the previous page."))
    return values


def page(
    query: Select[Any], limit: int, next_values: Callable[[Any], Sequence[Any]]
) -> tuple[list[Any], str | None]:
    rows = list(db.session.scalars(query.limit(limit + 1)).unique())
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, encode_cursor(next_values(rows[-1])) if more and rows else None


def after_score(score_column: Any, id_column: Any, cursor: str | None) -> Any:
    values = decode_cursor(cursor, (float, int)) if cursor else None
    if values is None:
        return None
    score, last_id = float(values[0]), int(values[1])
    return or_(score_column < score, and_(score_column == score, id_column < last_id))


# ------------------------------------------------------------------ serialisation


def organization_dict(org: Organization) -> dict[str, Any]:
    return {
        "id": org.id,
        "kind": org.kind,
        "name": org.name,
        "district": org.district,
        "description": org.description or "",
        "website": org.website,
        "verification_status": org.verification_status,
        "iot_field": org.iot_field,
        "sectors": org.sectors,
        "capabilities": list(org.capabilities or []) if org.is_startup else [],
    }


def need_dict(need: Need) -> dict[str, Any]:
    return {
        "id": need.id,
        "title": need.title,
        "description": need.description,
        "sector": need.sector,
        "status": need.status,
        "required_capabilities": list(need.required_capabilities or []),
        "budget_min_krw": need.budget_min_krw,
        "budget_max_krw": need.budget_max_krw,
        "deadline": need.deadline,
        "district": need.district,
        "manufacturer": need.organization.name,
        "opened_at": need.opened_at,
        "updated_at": need.updated_at,
    }


def reasons_of(match: Match, locale: str) -> tuple[list[str], list[dict[str, Any]]]:
    from app.services.match_lists import reason_text

    texts, details = [], []
    for reason in match.reasons or []:
        text = reason_text(reason, locale)
        texts.append(text)
        details.append(
            {"kind": str(reason.get("kind", "")), "text": text, "code": reason.get("code")}
        )
    return texts, details


def pairing_dict(pairing: Pairing) -> dict[str, Any]:
    return {
        "id": pairing.id,
        "need_id": pairing.need_id,
        "need_title": pairing.need.title,
        "startup_id": pairing.startup_id,
        "startup_name": pairing.startup.name,
        "manufacturer_name": pairing.need.organization.name,
        "initiated_by": pairing.initiated_by,
        "status": pairing.status,
        "stage": pairing.stage,
        "requested_at": pairing.requested_at,
        "decided_at": pairing.decided_at,
    }


def _public(payload: dict[str, Any]) -> Response:
    """Open data: cacheable by anyone for five minutes, revalidated by ETag."""
    response = jsonify(payload)
    response.set_etag(hashlib.sha256(response.get_data()).hexdigest()[:32])
    response.headers["Cache-Control"] = f"public, max-age={PUBLIC_CACHE_SECONDS}"
    return response.make_conditional(request)


def _alt(*codes: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        for code in codes:
            func = bp.alt_response(code, response=_RESPONSE_NAMES[code])(func)
        return func

    return decorator


# The names flask-smorest registers, from this Python's ``http.HTTPStatus``.
_RESPONSE_NAMES = {code: http.HTTPStatus(code).name for code in (400, 401, 403, 404, 409, 422, 429)}
TOKEN_ERRORS = (401, 429)


# ------------------------------------------------------------------ open data


@bp.route("/stats/companies")
@bp.doc(security=[])
@bp.response(200, CompanyStatsSchema)
@_alt(429)
@public_limit
def company_stats() -> Response:
    """Verified companies by IoT field and by sector

    Open data, no token needed; cacheable for five minutes.
    """
    return _public(open_data.cached("companies", open_data.company_stats))


@bp.route("/stats/needs")
@bp.doc(security=[])
@bp.response(200, NeedStatsSchema)
@_alt(429)
@public_limit
def need_stats() -> Response:
    """Needs by sector and status (counts only)

    Open data, no token needed; cacheable for five minutes.
    """
    return _public(open_data.cached("needs", open_data.need_stats))


@bp.route("/stats/pairings")
@bp.doc(security=[])
@bp.response(200, PairingStatsSchema)
@_alt(429)
@public_limit
def pairing_stats() -> Response:
    """The pairing funnel per month

    Requests made, pairings approved, pilots (실증) started and contracts (사업화)
    reached, per calendar month in Seoul time. Open data, no token needed.
    """
    return _public(open_data.cached("pairings", open_data.pairing_funnel))


@bp.route("/policy")
@bp.doc(security=[])
@bp.response(200, PolicySchema)
@_alt(429)
@public_limit
def policy() -> Response:
    """The collaboration policy in force, and its earlier versions

    How the engine ranks (weights, priority sectors and their boost) and the listing
    rules, with each version's date and change note. Open data, no token needed;
    cacheable, revalidated by ETag.
    """
    payload = PolicySchema().dump(public_policy())
    db.session.commit()  # version 1 is stored the first time anyone asks
    return _public(payload)


# ------------------------------------------------------------------ the caller's own data


@bp.route("/me")
@bp.doc(security=BEARER)
@bp.response(200, ProfileSchema)
@_alt(*TOKEN_ERRORS)
@token_limit
def me() -> dict[str, Any]:
    """The token's account and its company's public profile"""
    user = caller()
    org = user.organization
    return {
        "email": user.email,
        "role": user.role,
        "locale": user.locale,
        "organization": organization_dict(org) if org is not None else None,
    }


@bp.route("/needs")
@bp.doc(security=BEARER)
@bp.arguments(PageArgs, location="query", as_kwargs=True)
@bp.response(200, NeedPageSchema)
@_alt(400, 403, *TOKEN_ERRORS)
@token_limit
def list_needs(limit: int, cursor: str | None) -> dict[str, Any]:
    """The caller manufacturer's own needs, any status, newest first"""
    from app.services.needs import list_own_needs

    user = require_role(Role.MANUFACTURER)
    query = list_own_needs(user.organization).order_by(None).order_by(Need.id.desc())
    values = decode_cursor(cursor, (int,))
    if values is not None:
        query = query.where(Need.id < values[0])
    needs, next_cursor = page(query, limit, lambda n: [n.id])
    return {"items": [need_dict(n) for n in needs], "next_cursor": next_cursor}


@bp.route("/needs/<int(max=2147483647):need_id>")
@bp.doc(security=BEARER)
@bp.response(200, NeedSchema)
@_alt(404, *TOKEN_ERRORS)
@token_limit
def get_need(need_id: int) -> dict[str, Any]:
    """One need: your company's own, or any open need for a startup"""
    from app.services.needs import get_need_for

    return need_dict(get_need_for(caller(), need_id))


@bp.route("/needs/<int(max=2147483647):need_id>/matches")
@bp.doc(security=BEARER)
@bp.arguments(PageArgs, location="query", as_kwargs=True)
@bp.response(200, NeedMatchesSchema)
@_alt(400, 403, 404, *TOKEN_ERRORS)
@token_limit
def need_matches(need_id: int, limit: int, cursor: str | None) -> dict[str, Any]:
    """Startups ranked for one of your needs, best first

    The ranking of ``data/FORMAT.md`` (``need_id``, ``matches`` with ``startup_id``,
    ``score``, ``reasons``) plus reason details and the startup's public profile.
    """
    from app.services.match_lists import MatchFilters, list_startups_for_need
    from app.services.needs import get_own_need
    from app.services.standing import require_browse

    user = require_role(Role.MANUFACTURER)
    need = get_own_need(user, need_id)
    require_browse(user)  # the verified-only listing holds in this direction too
    query = list_startups_for_need(need, MatchFilters())
    condition = after_score(Match.score, Organization.id, cursor)
    if condition is not None:
        query = query.where(condition)
    matches, next_cursor = page(query, limit, lambda m: [m.score, m.startup_id])
    items = []
    for match in matches:
        texts, details = reasons_of(match, user.locale)
        startup = match.startup
        items.append(
            {
                "startup_id": str(startup.id),
                "score": round(match.score, 4),
                "reasons": texts,
                "reason_details": details,
                "startup": {
                    "id": startup.id,
                    "name": startup.name,
                    "iot_field": startup.iot_field,
                    "district": startup.district,
                    "sectors": startup.sectors,
                },
            }
        )
    return {"need_id": str(need.id), "matches": items, "next_cursor": next_cursor}


@bp.route("/matches")
@bp.doc(security=BEARER)
@bp.arguments(StartupMatchArgs, location="query", as_kwargs=True)
@bp.response(200, StartupMatchesSchema)
@_alt(400, 403, *TOKEN_ERRORS)
@token_limit
def startup_matches(limit: int, cursor: str | None, sector: str | None) -> dict[str, Any]:
    """Open needs ranked for the caller's startup, best first"""
    from app.services.match_lists import MatchFilters, list_needs_for_startup
    from app.services.standing import require_browse

    user = require_role(Role.STARTUP)
    require_browse(user)  # pending, rejected or suspended: 403 with the reason
    startup = user.organization
    query = list_needs_for_startup(startup, MatchFilters(sector=sector))
    condition = after_score(Match.score, Need.id, cursor)
    if condition is not None:
        query = query.where(condition)
    matches, next_cursor = page(query, limit, lambda m: [m.score, m.need_id])
    items = []
    for match in matches:
        texts, details = reasons_of(match, user.locale)
        need = match.need
        items.append(
            {
                "need_id": str(need.id),
                "score": round(match.score, 4),
                "reasons": texts,
                "reason_details": details,
                "need": {
                    "id": need.id,
                    "title": need.title,
                    "sector": need.sector,
                    "district": need.district,
                    "manufacturer": need.organization.name,
                    "budget_max_krw": need.budget_max_krw,
                    "deadline": need.deadline,
                },
            }
        )
    return {"startup_id": str(startup.id), "matches": items, "next_cursor": next_cursor}


@bp.route("/pairings")
@bp.doc(security=BEARER)
@bp.arguments(PageArgs, location="query", as_kwargs=True)
@bp.response(200, PairingPageSchema)
@_alt(400, 403, *TOKEN_ERRORS)
@token_limit
def list_pairings(limit: int, cursor: str | None) -> dict[str, Any]:
    """The pairings of the caller's company, newest first (no contact details)"""
    from app.services.pairings import list_pairings_for

    user = require_role(Role.STARTUP, Role.MANUFACTURER)
    query = list_pairings_for(user).order_by(None).order_by(Pairing.id.desc())
    values = decode_cursor(cursor, (int,))
    if values is not None:
        query = query.where(Pairing.id < values[0])
    pairings, next_cursor = page(query, limit, lambda p: [p.id])
    return {"items": [pairing_dict(p) for p in pairings], "next_cursor": next_cursor}


@bp.route("/needs/<int(max=2147483647):need_id>/interest", methods=["POST"])
@bp.doc(
    security=BEARER,
    parameters=[
        {
            "in": "header",
            "name": "Idempotency-Key",
            "required": False,
            "schema": {"type": "string", "maxLength": 100},
            "description": "Makes a retry safe: a repeated request with a key answers "
            "with the pairing the first one created instead of 409.",
        }
    ],
)
@bp.arguments(InterestSchema)
@bp.response(201, PairingSchema)
@_alt(403, 404, 409, 422, *TOKEN_ERRORS)
@token_limit
def express_interest(data: dict[str, Any], need_id: int) -> tuple[dict[str, Any], int]:
    """Express your startup's interest in an open need

    Starts a pairing request, as the button on the need's page does; the city
    approves it before contact details are shared. 409 when a pairing for this need
    exists already or the open-request limit is reached.
    """
    from app.services import pairings
    from app.services.errors import Conflict
    from app.services.needs import get_need_for

    user = require_role(Role.STARTUP)
    need = get_need_for(user, need_id)
    try:
        pairing = pairings.express_interest(
            need,
            user.organization,
            actor=user,
            message=data.get("message", ""),
            consent_to_contact=data["consent_to_contact"],
        )
    except (Conflict, IntegrityError) as error:
        # The service's transaction rolled back; a retry with a key gets the first answer.
        if request.headers.get("Idempotency-Key"):
            existing = pairings.get_request_of(need, user.organization)
            if existing is not None:
                return pairing_dict(existing), 201
        if isinstance(error, IntegrityError):
            raise Conflict(_("There is already a pairing for this need.")) from error
        raise
    return pairing_dict(pairing), 201


# ------------------------------------------------------------------ the spec and its reference


def openapi_json() -> Response:
    """The OpenAPI 3.1 document, generated from the views and schemas above."""
    response = jsonify(current_app.extensions["api_v1"].spec.to_dict())
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def reference() -> str:
    """A readable API reference, rendered from the same OpenAPI document."""
    from app.api.reference import describe

    spec = current_app.extensions["api_v1"].spec.to_dict()
    return render_template("api/reference.html", api=describe(spec))


# Plain Flask rules: these two serve the document and are not part of it.
FlaskBlueprint.add_url_rule(bp, "/openapi.json", "openapi_json", public_limit(openapi_json))
FlaskBlueprint.add_url_rule(bp, "/docs", "reference", public_limit(reference))


@bp.after_request
def no_store_personal(response: Response) -> Response:
    """Token answers are personal: never cached; public ones vary by nothing personal."""
    if request.endpoint not in PUBLIC_ENDPOINTS:
        response.headers["Cache-Control"] = "private, no-store"
        response.vary.add("Authorization")
    return response


# ------------------------------------------------------------------ wiring


class PlatformApi(Api):
    """flask-smorest's Api, with errors documented as problem+json and handled by the
    blueprint (not app-wide, so HTML pages keep their own error pages)."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self) -> None:
        return None

    def _register_responses(self) -> None:
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, "application/problem+json")
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, "application/problem+json")
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)


API_DESCRIPTION = (
    "Open data and personal access to 서울 산업인터넷 매칭 (Seoul IIoT Match). "
    "Statistics need no token. Everything else needs a personal token from your "
    "account page, sent as `Authorization: Bearer <token>`. Errors are "
    "`application/problem+json`; lists page with `limit` (1–100) and `cursor`."
)


def setup(state: Any) -> None:
    """Runs once per app when the blueprint is registered: the OpenAPI document and the
    CSRF exemption."""
    from app.extensions import csrf

    app: Flask = state.app
    api = PlatformApi()
    api.init_app(app, spec_kwargs={"info": {"description": API_DESCRIPTION}})
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "description": "Personal API token"}
    )
    bp.register_views_in_doc(api, app, api.spec, name=bp.name, parameters=None)
    api.spec.tag({"name": bp.name, "description": "Seoul IIoT Match API v1"})
    app.extensions["flask-smorest"]["blp_name_to_api"][bp.name] = api
    app.extensions["api_v1"] = api
    csrf.exempt(bp)
