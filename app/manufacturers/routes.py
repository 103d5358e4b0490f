"""Manufacturer pages: the company profile and its sites."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app.auth.decorators import role_required
from app.forms import district_choices
from app.manufacturers.blueprint import bp
from app.manufacturers.forms import DeleteForm, ManufacturerProfileForm, SiteForm
from app.models import Site
from app.models.enums import Role
from app.services import profiles
from app.templating import locale_code
from app.views import save_profile


@bp.route("/manufacturers/profile", methods=["GET", "POST"])
@login_required
@role_required(Role.MANUFACTURER)
def edit_profile() -> str | Response:
    organization = current_user.organization
    form = ManufacturerProfileForm(obj=None if request.method == "POST" else organization)
    return save_profile(
        form, "manufacturers/profile.html", delete_form=DeleteForm(), sites=organization.sites
    )


def _site_data(form: SiteForm) -> profiles.SiteData:
    return profiles.SiteData(
        name=form.name.data, district=form.district.data, processes=form.processes.data or ""
    )


def _site_form(site: Site | None = None) -> SiteForm:
    form = SiteForm(obj=site if request.method == "GET" else None)
    form.district.choices = district_choices(locale_code())
    return form


@bp.route("/manufacturers/sites/new", methods=["GET", "POST"])
@login_required
@role_required(Role.MANUFACTURER)
def new_site() -> str | Response:
    form = _site_form()
    if form.validate_on_submit():
        profiles.add_site(_site_data(form), actor=current_user)
        flash(_("The site was added."), "success")
        return redirect(url_for("manufacturers.edit_profile"))
    return render_template("manufacturers/site_form.html", form=form, site=None)


@bp.route("/manufacturers/sites/<int:site_id>/edit", methods=["GET", "POST"])
@login_required
@role_required(Role.MANUFACTURER)
def edit_site(site_id: int) -> str | Response:
    site = profiles.get_own_site(current_user, site_id)
    form = _site_form(site)
    if form.validate_on_submit():
        profiles.update_site(site, _site_data(form), actor=current_user)
        flash(_("The site was saved."), "success")
        return redirect(url_for("manufacturers.edit_profile"))
    return render_template("manufacturers/site_form.html", form=form, site=site)


@bp.route("/manufacturers/sites/<int:site_id>/delete", methods=["POST"])
@login_required
@role_required(Role.MANUFACTURER)
def delete_site(site_id: int) -> Response:
    site = profiles.get_own_site(current_user, site_id)
    if DeleteForm().validate_on_submit():
        profiles.delete_site(site, actor=current_user)
        flash(_("The site was deleted."), "success")
    return redirect(url_for("manufacturers.edit_profile"))
