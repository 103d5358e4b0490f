"""Startup pages: the company profile, capability suggestions, and ranked open needs."""

from __future__ import annotations

from flask import abort, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app.auth.decorators import role_required, verified_company_required
from app.models.enums import Role
from app.services import match_lists, profiles
from app.startups.blueprint import bp
from app.startups.forms import StartupProfileForm
from app.views import match_filter_form, paginate, reason_texts, save_profile


@bp.route("/profile")
@login_required
def profile() -> Response:
    """The company's own profile, whichever kind of company it is."""
    if current_user.role == Role.STARTUP:
        return redirect(url_for("startups.edit_profile"))
    if current_user.role == Role.MANUFACTURER:
        return redirect(url_for("manufacturers.edit_profile"))
    abort(403)


@bp.route("/startups/profile", methods=["GET", "POST"])
@login_required
@role_required(Role.STARTUP)
def edit_profile() -> str | Response:
    organization = current_user.organization
    form = StartupProfileForm(
        obj=None if request.method == "POST" else organization,
        data=None
        if request.method == "POST"
        else {"sectors": organization.sectors, "capabilities": organization.capabilities},
    )
    return save_profile(form, "startups/profile.html")


@bp.route("/capabilities.json")
@login_required
def capabilities_json() -> Response:
    """Capability suggestions for the tag input: ``[{"id", "ko", "en"}]``."""
    query = request.args.get("q", "", type=str)[:60]
    terms = profiles.suggest_capabilities(query, limit=10)
    return jsonify(
        capabilities=[{"id": t.id, "ko": t.ko, "en": t.en} for t in terms],
    )


@bp.route("/matches")
@login_required
@role_required(Role.STARTUP)
@verified_company_required
def matches() -> str:
    """Open needs ranked for this startup, from stored matches."""
    organization = current_user.organization
    form, filters = match_filter_form()
    page = paginate(match_lists.list_needs_for_startup(organization, filters), ranked=True)
    rows = [(match, match.need, reason_texts(match.reasons)) for match in page.items]
    filtered = any(
        (filters.sector, filters.district, filters.search, filters.min_budget_krw is not None)
    )
    return render_template(
        "startups/matches.html",
        form=form,
        page=page,
        rows=rows,
        filtered=filtered,
        organization=organization,
        missing=profiles.missing_profile_fields(organization),
        policy=match_lists.current_policy(),
    )
