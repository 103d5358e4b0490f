"""Staff work on companies and needs: verification and review queues."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.wrappers import Response
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from app import limits
from app.auth.decorators import role_required
from app.errors import refusals_go_back
from app.forms import BaseForm, NoControlCharacters
from app.models.enums import REJECTION_REASONS, Role, VerificationStatus
from app.services import needs as needs_service
from app.services import verification
from app.staff.blueprint import bp
from app.validators import format_brn
from app.views import paginate


def reason_choices() -> list[SelectChoice]:
    return [SelectChoice(code, label) for code, label in REJECTION_REASONS.items()]


class DecisionForm(BaseForm):
    """Approve / verify: just a note."""

    note = TextAreaField(
        _l("Note to the company (optional)"),
        validators=[
            Optional(),
            Length(max=limits.VERIFICATION_NOTE_MAX_LENGTH),
            NoControlCharacters(multiline=True),
        ],
    )
    submit = SubmitField(_l("Confirm"))


class RefusalForm(DecisionForm):
    """Every "no" carries a reason, and may add a note."""

    reason = SelectField(
        _l("Reason"),
        choices=reason_choices,
        validators=[InputRequired(_l("Choose a reason.")), Length(max=50)],
    )


# --- companies ----------------------------------------------------------------------


@bp.route("/companies")
@login_required
@role_required(Role.STAFF)
def companies() -> str:
    status = request.args.get("status", VerificationStatus.PENDING)
    if status not in {*VerificationStatus, "all"}:
        status = VerificationStatus.PENDING
    page = paginate(verification.list_companies(None if status == "all" else status))
    return render_template(
        "staff/companies.html",
        page=page,
        status=status,
        statuses=list(VerificationStatus),
        pending_count=verification.count_companies(VerificationStatus.PENDING),
    )


@bp.route("/companies/<int:organization_id>")
@login_required
@role_required(Role.STAFF)
def company(organization_id: int) -> str:
    organization = verification.get_company(current_user, organization_id)
    return render_template(
        "staff/companies_detail.html",
        organization=organization,
        brn=format_brn(organization.business_reg_no),
        verify_form=DecisionForm(prefix="verify"),
        reject_form=RefusalForm(prefix="reject"),
        suspend_form=RefusalForm(prefix="suspend"),
    )


@bp.route("/companies/<int:organization_id>/contact")
@login_required
@role_required(Role.STAFF)
def company_contact(organization_id: int) -> str:
    """The contact person, shown on purpose and logged (PIPA access log)."""
    organization = verification.get_company(current_user, organization_id)
    verification.record_contact_view(organization, actor=current_user)
    return render_template("staff/companies_contact.html", organization=organization)


def _decide(organization_id: int, kind: str) -> Response | str:
    organization = verification.get_company(current_user, organization_id)
    form = DecisionForm(prefix=kind) if kind == "verify" else RefusalForm(prefix=kind)
    if not form.validate_on_submit():
        flash(_("Please check the decision form."), "danger")
        return redirect(url_for("staff.company", organization_id=organization.id))
    note = form.note.data or ""
    if kind == "verify":
        verification.verify_company(organization, actor=current_user, note=note)
        flash(_("The company is verified."), "success")
    elif kind == "reject":
        verification.reject_company(
            organization, actor=current_user, reason=form.reason.data, note=note
        )
        flash(_("The company was rejected; it will see the reason."), "success")
    else:
        verification.suspend_company(
            organization, actor=current_user, reason=form.reason.data, note=note
        )
        flash(_("The company is suspended."), "success")
    return redirect(url_for("staff.companies"))


@bp.route("/companies/<int:organization_id>/verify", methods=["POST"])
@login_required
@role_required(Role.STAFF)
@refusals_go_back
def verify_company(organization_id: int) -> Response | str:
    return _decide(organization_id, "verify")


@bp.route("/companies/<int:organization_id>/reject", methods=["POST"])
@login_required
@role_required(Role.STAFF)
@refusals_go_back
def reject_company(organization_id: int) -> Response | str:
    return _decide(organization_id, "reject")


@bp.route("/companies/<int:organization_id>/suspend", methods=["POST"])
@login_required
@role_required(Role.STAFF)
@refusals_go_back
def suspend_company(organization_id: int) -> Response | str:
    return _decide(organization_id, "suspend")


# --- needs ----------------------------------------------------------------------------


@bp.route("/needs")
@login_required
@role_required(Role.STAFF)
def needs() -> str:
    page = paginate(needs_service.list_needs_under_review())
    return render_template(
        "staff/needs.html", page=page, count=needs_service.count_needs_under_review()
    )


@bp.route("/needs/<int:need_id>")
@login_required
@role_required(Role.STAFF)
def need(need_id: int) -> str:
    return render_template(
        "staff/needs_detail.html",
        need=needs_service.get_need_for(current_user, need_id),
        approve_form=DecisionForm(prefix="approve"),
        reject_form=RefusalForm(prefix="reject"),
    )


@bp.route("/needs/<int:need_id>/approve", methods=["POST"])
@login_required
@role_required(Role.STAFF)
@refusals_go_back
def approve_need(need_id: int) -> Response:
    need = needs_service.get_need_for(current_user, need_id)
    form = DecisionForm(prefix="approve")
    if form.validate_on_submit():
        needs_service.approve_need(need, actor=current_user, note=form.note.data or "")
        flash(_("The need is open."), "success")
    return redirect(url_for("staff.needs"))


@bp.route("/needs/<int:need_id>/reject", methods=["POST"])
@login_required
@role_required(Role.STAFF)
@refusals_go_back
def reject_need(need_id: int) -> Response:
    need = needs_service.get_need_for(current_user, need_id)
    form = RefusalForm(prefix="reject")
    if not form.validate_on_submit():
        flash(_("Please check the decision form."), "danger")
        return redirect(url_for("staff.need", need_id=need.id))
    needs_service.reject_need(
        need, actor=current_user, reason=form.reason.data, note=form.note.data or ""
    )
    flash(_("The need was returned to the manufacturer with your reason."), "success")
    return redirect(url_for("staff.needs"))
