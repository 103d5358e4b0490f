"""View helpers several blueprints share, so no blueprint imports another's routes:
paging, the ranked lists' filter form and reasons, and the company profile round trip."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from app.extensions import db
from app.forms import (
    BaseForm,
    MatchFilterForm,
    district_choices,
    iot_field_choices,
    sector_choices,
)
from app.services import match_lists, profiles
from app.services.errors import FieldError
from app.templating import locale_code


def paginate(query: Select[Any], *, ranked: bool = False) -> Pagination:
    """One page of ``query``: ``ITEMS_PER_PAGE`` rows, or ``MATCHES_PER_PAGE`` ranked cards."""
    per_page = current_app.config["MATCHES_PER_PAGE" if ranked else "ITEMS_PER_PAGE"]
    return db.paginate(query, per_page=per_page, error_out=False)


def match_filter_form() -> tuple[MatchFilterForm, match_lists.MatchFilters]:
    """The GET filter form and the filters it yields (invalid values are ignored)."""
    form = MatchFilterForm(formdata=request.args)
    every = SelectChoice("", _("All"))
    form.sector.choices = [every, *sector_choices()]
    form.district.choices = [every, *district_choices(locale_code())]
    form.iot_field.choices = [every, *iot_field_choices()]
    form.validate()

    def ok(field_name: str) -> Any:
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


def company_profile_from(form: BaseForm) -> profiles.CompanyProfile:
    """Only the form's declared fields travel to the service (no mass assignment)."""
    extra: dict[str, Any] = {}
    if hasattr(form, "iot_field"):  # a startup's profile
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
    """The company profile page of either kind: validate, save, redirect or re-render."""
    if form.validate_on_submit():
        try:
            profiles.update_profile(company_profile_from(form), actor=current_user)
        except FieldError as error:
            form.attach(error)
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
