"""Staff work on pairings: the decision queue, decisions, and the follow-on support list."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app.auth.decorators import role_required
from app.forms import ActionForm
from app.models import Pairing
from app.models.enums import PairingStatus, Role
from app.pairings.forms import ApproveForm, RejectForm, SupportProgramForm, stage_form_for
from app.services import pairings as service
from app.services.errors import FieldError
from app.staff.blueprint import bp
from app.views import paginate


@bp.route("/pairings")
@login_required
@role_required(Role.STAFF)
def pairings() -> str:
    status = request.args.get("status")
    status = status if status in set(PairingStatus) else None
    pagination = paginate(service.list_pairings_for_staff(status))
    return render_template(
        "staff/pairings.html",
        pagination=pagination,
        status=status,
        statuses=list(PairingStatus),
        awaiting=service.count_awaiting_decision(),
    )


def _render_detail(pairing: Pairing, **forms: Any) -> str:
    decidable = pairing.status == PairingStatus.ACCEPTED
    contacts = None
    if pairing.status == PairingStatus.APPROVED:
        contacts = {
            side: service.contact_for(pairing, current_user, side)
            for side in ("startup", "manufacturer")
        }
    return render_template(
        "staff/pairings_detail.html",
        pairing=pairing,
        approve_form=forms.get("approve_form")
        or (ApproveForm(prefix="approve") if decidable else None),
        reject_form=forms.get("reject_form")
        or (RejectForm(prefix="reject") if decidable else None),
        stage_form=stage_form_for(pairing),
        contacts=contacts,
        reports=service.list_outcome_reports(pairing),
    )


@bp.route("/pairings/<int:pairing_id>")
@login_required
@role_required(Role.STAFF)
def pairing_detail(pairing_id: int) -> str:
    return _render_detail(service.get_pairing_for(current_user, pairing_id))


@bp.route("/pairings/<int:pairing_id>/approve", methods=["POST"])
@login_required
@role_required(Role.STAFF)
def approve_pairing(pairing_id: int) -> str | Response | tuple[str, int]:
    pairing = service.get_pairing_for(current_user, pairing_id)
    form = ApproveForm(prefix="approve")
    if not form.validate_on_submit():
        return _render_detail(pairing, approve_form=form), 400
    service.approve_pairing(pairing, actor=current_user, note=form.note.data or "")
    flash(
        _("The pairing was approved; both companies can now see each other's contact."), "success"
    )
    return redirect(url_for("staff.pairings"))


@bp.route("/pairings/<int:pairing_id>/reject", methods=["POST"])
@login_required
@role_required(Role.STAFF)
def reject_pairing(pairing_id: int) -> str | Response | tuple[str, int]:
    pairing = service.get_pairing_for(current_user, pairing_id)
    form = RejectForm(prefix="reject")
    if not form.validate_on_submit():
        return _render_detail(pairing, reject_form=form), 400
    try:
        service.reject_pairing(
            pairing, actor=current_user, reason=form.reason.data, note=form.note.data or ""
        )
    except FieldError as error:
        form.attach(error)
        return _render_detail(pairing, reject_form=form), 400
    flash(_("The pairing was not approved; both companies see the reason."), "info")
    return redirect(url_for("staff.pairings"))


# --- follow-on support programmes ----------------------------------------------------------


def _program_fields(form: SupportProgramForm) -> dict[str, Any]:
    return {
        "stage": form.stage.data,
        "name_ko": form.name_ko.data,
        "name_en": form.name_en.data,
        "description_ko": form.description_ko.data or "",
        "description_en": form.description_en.data or "",
        "url": form.url.data or None,
        "sort_order": form.sort_order.data or 0,
        "is_active": bool(form.is_active.data),
    }


@bp.route("/support-programs", methods=["GET", "POST"])
@login_required
@role_required(Role.STAFF)
def support_programs() -> str | Response | tuple[str, int]:
    form = SupportProgramForm()
    if form.validate_on_submit():
        try:
            service.save_support_program(None, actor=current_user, fields=_program_fields(form))
        except FieldError as error:
            form.attach(error)
        else:
            flash(_("The programme was added."), "success")
            return redirect(url_for("staff.support_programs"))
    pagination = paginate(service.list_support_programs())
    status = 400 if form.is_submitted() and form.errors else 200
    return render_template(
        "staff/pairings_programs.html", form=form, pagination=pagination, action_form=ActionForm()
    ), status


@bp.route("/support-programs/<int:program_id>/edit", methods=["GET", "POST"])
@login_required
@role_required(Role.STAFF)
def edit_support_program(program_id: int) -> str | Response | tuple[str, int]:
    program = service.get_support_program(current_user, program_id)
    form = SupportProgramForm(obj=program)
    if form.validate_on_submit():
        try:
            service.save_support_program(program, actor=current_user, fields=_program_fields(form))
        except FieldError as error:
            form.attach(error)
        else:
            flash(_("The programme was saved."), "success")
            return redirect(url_for("staff.support_programs"))
    status = 400 if form.is_submitted() and form.errors else 200
    return render_template("staff/pairings_program_edit.html", form=form, program=program), status


@bp.route("/support-programs/<int:program_id>/deactivate", methods=["POST"])
@login_required
@role_required(Role.STAFF)
def deactivate_support_program(program_id: int) -> Response:
    program = service.get_support_program(current_user, program_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    service.deactivate_support_program(program, actor=current_user)
    flash(_("The programme is no longer shown to companies."), "info")
    return redirect(url_for("staff.support_programs"))
