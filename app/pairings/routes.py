"""Pairing pages for companies (requests, invitations, answers, stages) and notifications."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app.auth.decorators import role_required, verified_company_required
from app.forms import ActionForm
from app.models import Pairing
from app.models.enums import PairingStatus, Role
from app.pairings.blueprint import bp
from app.pairings.forms import (
    AcceptForm,
    DeclineForm,
    InterestForm,
    InvitationForm,
    OutcomeForm,
    StageForm,
    WithdrawForm,
    stage_form_for,
)
from app.services import needs, notifications, profiles
from app.services import pairings as service
from app.services.errors import FieldError
from app.views import paginate

logger = logging.getLogger(__name__)
COMPANY_ROLES = (Role.STARTUP, Role.MANUFACTURER)


def detail_url(pairing: Pairing) -> str:
    if current_user.is_staff:
        return url_for("staff.pairing_detail", pairing_id=pairing.id)
    return url_for("pairings.detail", pairing_id=pairing.id)


# --- starting a pairing --------------------------------------------------------------------


def start_pairing(
    form: InterestForm | InvitationForm,
    start: Callable[[], Pairing],
    sent_message: str,
    **context: Any,
) -> str | Response:
    """The interest and invitation forms: validate, start, and show a field's error."""
    if form.validate_on_submit():
        try:
            pairing = start()
        except FieldError as error:
            form.attach(error)
        else:
            flash(sent_message, "success")
            return redirect(url_for("pairings.detail", pairing_id=pairing.id))
    return render_template("pairings/new.html", form=form, **context)


@bp.route("/needs/<int:need_id>/interest", methods=["GET", "POST"])
@login_required
@role_required(Role.STARTUP)
@verified_company_required
def new_interest(need_id: int) -> str | Response:
    need = needs.get_need_for(current_user, need_id)  # a startup sees open needs only
    form = InterestForm()
    return start_pairing(
        form,
        lambda: service.express_interest(
            need,
            current_user.organization,
            actor=current_user,
            message=form.message.data,
            consent_to_contact=form.consent.data,
        ),
        _("Your request was sent. We will tell you when the company answers."),
        need=need,
        startup=None,
    )


@bp.route("/needs/<int:need_id>/invite/<int:startup_id>", methods=["GET", "POST"])
@login_required
@role_required(Role.MANUFACTURER)
@verified_company_required
def new_invitation(need_id: int, startup_id: int) -> str | Response:
    need = needs.get_own_need(current_user, need_id)
    startup = profiles.get_listed_startup(startup_id)
    form = InvitationForm()
    return start_pairing(
        form,
        lambda: service.invite_startup(
            need,
            startup,
            actor=current_user,
            message=form.message.data,
            consent_to_contact=form.consent.data,
        ),
        _("Your invitation was sent."),
        need=need,
        startup=startup,
    )


# --- my pairings ---------------------------------------------------------------------------


@bp.route("/pairings")
@login_required
@role_required(*COMPANY_ROLES)
def index() -> str:
    direction = request.args.get("direction")
    direction = direction if direction in ("sent", "received") else None
    status = request.args.get("status")
    status = status if status in set(PairingStatus) else None
    pagination = paginate(
        service.list_pairings_for(current_user, direction=direction, status=status)
    )
    return render_template(
        "pairings/index.html",
        pagination=pagination,
        direction=direction,
        status=status,
        statuses=list(PairingStatus),
        side=current_user.role,
        withdraw_form=WithdrawForm(prefix="withdraw"),
    )


@bp.route("/pairings/<int:pairing_id>")
@login_required
def detail(pairing_id: int) -> str | Response:
    pairing = service.get_pairing_for(current_user, pairing_id)
    if current_user.is_staff:
        return redirect(url_for("staff.pairing_detail", pairing_id=pairing.id))
    side = service.side_of(pairing, current_user)
    return render_detail(pairing, side)


def render_detail(pairing: Pairing, side: str, **forms: Any) -> str:
    is_answerer = side == service.answering_side(pairing)
    is_initiator = side == service.initiator_side(pairing)
    waiting = pairing.status == PairingStatus.REQUESTED
    my_report = service.get_outcome_report(pairing, service.organization_of(pairing, side))
    outcome_form = forms.get("outcome_form")
    if outcome_form is None and pairing.outcome_requested_at and pairing.status == "approved":
        outcome_form = OutcomeForm(prefix="outcome")
        if my_report is not None and not outcome_form.is_submitted():
            outcome_form.outcome.data = my_report.outcome
    context = {
        "pairing": pairing,
        "side": side,
        "other": service.organization_of(
            pairing, "manufacturer" if side == "startup" else "startup"
        ),
        "contact": service.contact_for(pairing, current_user),
        "programs": service.support_for_stage(pairing.stage),
        "accept_form": forms.get("accept_form")
        or (AcceptForm(prefix="accept") if waiting and is_answerer else None),
        "decline_form": forms.get("decline_form")
        or (DeclineForm(prefix="decline") if waiting and is_answerer else None),
        "withdraw_form": WithdrawForm(prefix="withdraw")
        if is_initiator and pairing.status in service.OPEN_STATUSES
        else None,
        "stage_form": forms.get("stage_form") or stage_form_for(pairing),
        "outcome_form": outcome_form,
        "my_report": my_report,
    }
    return render_template("pairings/detail.html", **context)


# --- answering and moving on ---------------------------------------------------------------


@bp.route("/pairings/<int:pairing_id>/accept", methods=["POST"])
@login_required
def accept(pairing_id: int) -> str | Response | tuple[str, int]:
    pairing = service.get_pairing_for(current_user, pairing_id)
    form = AcceptForm(prefix="accept")
    if not form.validate_on_submit():
        side = service.side_of(pairing, current_user)
        if side == "staff":
            abort(403)
        return render_detail(pairing, side, accept_form=form), 400
    service.accept_pairing(pairing, actor=current_user, consent_to_contact=form.consent.data)
    flash(_("You accepted. The city will now review the pairing."), "success")
    return redirect(detail_url(pairing))


@bp.route("/pairings/<int:pairing_id>/decline", methods=["POST"])
@login_required
def decline(pairing_id: int) -> str | Response | tuple[str, int]:
    pairing = service.get_pairing_for(current_user, pairing_id)
    form = DeclineForm(prefix="decline")
    if not form.validate_on_submit():
        side = service.side_of(pairing, current_user)
        if side == "staff":
            abort(403)
        return render_detail(pairing, side, decline_form=form), 400
    service.decline_pairing(
        pairing, actor=current_user, reason=form.reason.data, note=form.note.data or ""
    )
    flash(_("You declined. The other company will see your reason."), "info")
    return redirect(detail_url(pairing))


@bp.route("/pairings/<int:pairing_id>/withdraw", methods=["POST"])
@login_required
def withdraw(pairing_id: int) -> Response:
    pairing = service.get_pairing_for(current_user, pairing_id)
    form = WithdrawForm(prefix="withdraw")
    if not form.validate_on_submit():
        abort(400)
    service.withdraw_pairing(pairing, actor=current_user)
    flash(_("The request was withdrawn."), "info")
    return redirect(detail_url(pairing))


@bp.route("/pairings/<int:pairing_id>/stage", methods=["POST"])
@login_required
def change_stage(pairing_id: int) -> str | Response | tuple[str, int]:
    pairing = service.get_pairing_for(current_user, pairing_id)
    form = StageForm(prefix="stage")
    if not form.validate_on_submit():
        abort(400)
    service.change_stage(
        pairing, actor=current_user, stage=form.stage.data, note=form.note.data or ""
    )
    flash(_("The stage was updated."), "success")
    return redirect(detail_url(pairing))


@bp.route("/pairings/<int:pairing_id>/outcome", methods=["POST"])
@login_required
@role_required(*COMPANY_ROLES)
def outcome(pairing_id: int) -> str | Response | tuple[str, int]:
    pairing = service.get_pairing_for(current_user, pairing_id)
    form = OutcomeForm(prefix="outcome")
    if not form.validate_on_submit():
        return render_detail(
            pairing, service.side_of(pairing, current_user), outcome_form=form
        ), 400
    service.report_outcome(
        pairing, actor=current_user, outcome=form.outcome.data, note=form.note.data or ""
    )
    flash(_("Thank you. Your answer was saved."), "success")
    return redirect(detail_url(pairing))


# --- notifications -------------------------------------------------------------------------


@bp.route("/notifications")
@login_required
def notification_list() -> str:
    pagination = paginate(notifications.list_notifications(current_user))
    return render_template(
        "notifications/index.html",
        pagination=pagination,
        render_notification=notifications.render,
        form=ActionForm(),
    )


@bp.route("/notifications/<int:notification_id>/read", methods=["POST"])
@login_required
def notification_read(notification_id: int) -> Response:
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    notification = notifications.mark_read(notification_id, actor=current_user)
    if request.form.get("open") and notification.link and notification.link.startswith("/"):
        if not notification.link.startswith("//"):
            return redirect(notification.link)
    return redirect(url_for("pairings.notification_list"))


@bp.route("/notifications/read-all", methods=["POST"])
@login_required
def notification_read_all() -> Response:
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    notifications.mark_all_read(actor=current_user)
    flash(_("All notifications are marked as read."), "info")
    return redirect(url_for("pairings.notification_list"))
