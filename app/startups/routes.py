"""Startup pages: the company profile, capability suggestions, and ranked open needs."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.routing import BuildError
from werkzeug.wrappers import Response
from wtforms import IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, NumberRange, Optional

from app.auth.decorators import role_required, verified_company_required
from app.extensions import db
from app.forms import BaseForm, NoControlCharacters
from app.models.enums import Role
from app.services import match_lists, profiles
from app.services.errors import DomainError, FieldError
from app.startups import bp
from app.startups.forms import StartupProfileForm, district_choices, sector_choices
from app.templating import locale_code

PER_PAGE = 10


def link_to(endpoint: str, fallback: str) -> Callable[..., str]:
    """``url_for`` for an endpoint another area provides, with the agreed URL meanwhile."""

    def build(**values: int) -> str:
        try:
            return url_for(endpoint, **values)
        except BuildError:
            return fallback.format(**values)

    return build


interest_url = link_to("pairings.new_interest", "/needs/{need_id}/interest")
invitation_url = link_to("pairings.new_invitation", "/needs/{need_id}/invite/{startup_id}")


@bp.route("/profile")
@login_required
def profile() -> Response:
    """The company's own profile, whichever kind of company it is."""
    if current_user.role == Role.STARTUP:
        return redirect(url_for("startups.edit_profile"))
    if current_user.role == Role.MANUFACTURER:
        return redirect(url_for("manufacturers.edit_profile"))
    abort(403)


def company_profile_from(form: StartupProfileForm) -> profiles.CompanyProfile:
    """Only the form's declared fields travel to the service (no mass assignment)."""
    extra = {}
    if isinstance(form, StartupProfileForm):
        extra = {
            "iot_field": form.iot_field.data,
            "sectors": list(form.sectors.data or []),
            "capabilities": list(form.capabilities.data or []),
            "capabilities_text": form.capabilities_text.data or "",
        }
    elif hasattr(form, "sector"):
        extra = {"sector": form.sector.data}
    return profiles.CompanyProfile(
        description=form.description.data or "",
        website=form.website.data or None,
        employees=form.employees.data,
        founded_year=form.founded_year.data,
        contact=profiles.ContactPerson(
            name=form.contact_name.data,
            email=form.contact_email.data,
            phone=form.contact_phone.data or None,
        ),
        **extra,
    )


def save_profile(form: BaseForm, template: str, **context: object) -> str | Response:
    if form.validate_on_submit():
        try:
            profiles.update_profile(current_user, company_profile_from(form))
        except FieldError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(str(error.message))
        except DomainError as error:
            db.session.rollback()
            abort(error.status_code)
        else:
            flash(_("Your profile was saved."), "success")
            return redirect(request.path)
    organization = current_user.organization
    return render_template(
        template,
        form=form,
        organization=organization,
        missing=profiles.missing_profile_fields(organization),
        **context,
    )


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


class MatchFilterForm(BaseForm):
    class Meta:
        csrf = False

    sector = SelectField(_l("Sector"), choices=[], validators=[Optional(), Length(max=40)])
    district = SelectField(_l("District"), choices=[], validators=[Optional(), Length(max=20)])
    iot_field = SelectField(_l("IoT field"), choices=[], validators=[Optional(), Length(max=20)])
    budget = IntegerField(
        _l("Budget at least (KRW)"),
        validators=[Optional(), NumberRange(min=0, max=100_000_000_000)],
    )
    q = StringField(_l("Search"), validators=[Optional(), Length(max=100), NoControlCharacters()])


def match_filter_form() -> tuple[MatchFilterForm, match_lists.MatchFilters]:
    """The GET filter form and the filters it yields (invalid values are ignored)."""
    from app.startups.forms import iot_field_choices

    form = MatchFilterForm(formdata=request.args)
    every = SelectChoice("", _("All"))
    form.sector.choices = [every, *sector_choices()]
    form.district.choices = [every, *district_choices(locale_code())]
    form.iot_field.choices = [every, *iot_field_choices()]
    form.validate()

    def ok(field_name: str) -> object:
        field = getattr(form, field_name)
        return None if field.errors else (field.data or None)

    budget = None if form.budget.errors else form.budget.data
    return form, match_lists.MatchFilters(
        sector=ok("sector"),
        district=ok("district"),
        iot_field=ok("iot_field"),
        min_budget_krw=budget,
        search=ok("q"),
    )


def reason_texts(reasons: list[dict[str, object]] | None) -> list[str]:
    locale = locale_code()
    return [t for t in (match_lists.reason_text(r, locale) for r in reasons or []) if t]


@bp.route("/matches")
@login_required
@role_required(Role.STARTUP)
@verified_company_required
def matches() -> str:
    """Open needs ranked for this startup, from stored matches."""
    organization = current_user.organization
    form, filters = match_filter_form()
    page = db.paginate(
        match_lists.list_needs_for_startup(organization, filters),
        per_page=PER_PAGE,
        error_out=False,
    )
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
        interest_url=interest_url,
    )
