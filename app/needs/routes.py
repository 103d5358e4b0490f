"""Needs: a manufacturer's list, posting, editing, the review buttons, and ranked startups."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from app.auth.decorators import role_required, verified_company_required
from app.errors import refusals_go_back
from app.forms import ActionForm
from app.models import Need
from app.models.enums import NeedStatus, Role
from app.needs.blueprint import bp
from app.needs.forms import NeedForm
from app.services import match_lists
from app.services import needs as needs_service
from app.services.errors import FieldError
from app.views import match_filter_form, paginate, reason_texts


def _need_form(need: Need | None = None) -> NeedForm:
    form = NeedForm(obj=need if request.method == "GET" else None)
    organization = current_user.organization
    form.site_id.choices = [
        SelectChoice("", _("No particular site")),
        *(SelectChoice(str(site.id), site.name) for site in organization.sites),
    ]
    if request.method == "GET":
        if need is not None and need.site_id:
            form.site_id.data = str(need.site_id)
        elif need is None:
            form.sector.data = organization.sector
    return form


def _need_data(form: NeedForm) -> needs_service.NeedData:
    return needs_service.NeedData(
        title=form.title.data,
        description=form.description.data,
        sector=form.sector.data,
        site_id=int(form.site_id.data) if form.site_id.data else None,
        required_capabilities=list(form.required_capabilities.data or []),
        budget_min_krw=form.budget_min_krw.data,
        budget_max_krw=form.budget_max_krw.data,
        deadline=form.deadline.data,
    )


@bp.route("/needs")
@login_required
@role_required(Role.MANUFACTURER)
def index() -> str:
    page = paginate(needs_service.list_own_needs(current_user.organization))
    return render_template("needs/index.html", page=page)


@bp.route("/needs/new", methods=["GET", "POST"])
@login_required
@role_required(Role.MANUFACTURER)
def new() -> str | Response:
    form = _need_form()
    if form.validate_on_submit():
        submit = bool(form.submit_review.data)
        try:
            need = needs_service.create_need(_need_data(form), actor=current_user, submit=submit)
        except FieldError as error:
            form.attach(error)
        else:
            flash(
                _("Your need was sent to the city for review.")
                if submit
                else _("Your need was saved as a draft."),
                "success",
            )
            return redirect(url_for("needs.detail", need_id=need.id))
    return render_template("needs/form.html", form=form, need=None)


@bp.route("/needs/<int:need_id>")
@login_required
def detail(need_id: int) -> str:
    need = needs_service.get_need_for(current_user, need_id)
    is_owner = current_user.role == Role.MANUFACTURER
    return render_template(
        "needs/detail.html",
        need=need,
        is_owner=is_owner,
        action_form=ActionForm(),
    )


@bp.route("/needs/<int:need_id>/edit", methods=["GET", "POST"])
@login_required
@role_required(Role.MANUFACTURER)
@refusals_go_back
def edit(need_id: int) -> str | Response:
    need = needs_service.get_own_need(current_user, need_id)
    if need.status not in needs_service.EDITABLE:
        flash(_("This need cannot be edited now."), "warning")
        return redirect(url_for("needs.detail", need_id=need.id))
    form = _need_form(need)
    if form.validate_on_submit():
        try:
            needs_service.update_need(
                need, _need_data(form), actor=current_user, submit=bool(form.submit_review.data)
            )
        except FieldError as error:
            form.attach(error)
        else:
            flash(_("Your need was saved."), "success")
            return redirect(url_for("needs.detail", need_id=need.id))
    return render_template("needs/form.html", form=form, need=need)


def _transition(need_id: int, action: Callable[..., Need], message: str) -> Response:
    need = needs_service.get_own_need(current_user, need_id)
    if ActionForm().validate_on_submit():
        action(need, actor=current_user)
        flash(message, "success")
    return redirect(url_for("needs.detail", need_id=need.id))


@bp.route("/needs/<int:need_id>/submit", methods=["POST"])
@login_required
@role_required(Role.MANUFACTURER)
@refusals_go_back
def submit(need_id: int) -> Response:
    return _transition(
        need_id, needs_service.submit_need, _("Your need was sent to the city for review.")
    )


@bp.route("/needs/<int:need_id>/close", methods=["POST"])
@login_required
@role_required(Role.MANUFACTURER)
@refusals_go_back
def close(need_id: int) -> Response:
    return _transition(need_id, needs_service.close_need, _("The need was closed."))


@bp.route("/needs/<int:need_id>/matches")
@login_required
@role_required(Role.MANUFACTURER, Role.STAFF)
@verified_company_required
def matches(need_id: int) -> str:
    """Startups ranked for one need: its manufacturer and staff only."""
    need = needs_service.get_need_for(current_user, need_id)
    form, filters = match_filter_form()
    page = paginate(match_lists.list_startups_for_need(need, filters), ranked=True)
    rows = [(match, match.startup, reason_texts(match.reasons)) for match in page.items]
    filtered = any((filters.iot_field, filters.district, filters.search, filters.sector))
    return render_template(
        "needs/matches.html",
        need=need,
        form=form,
        page=page,
        rows=rows,
        filtered=filtered,
        is_open=need.status == NeedStatus.OPEN,
        can_invite=current_user.role == Role.MANUFACTURER,
    )
