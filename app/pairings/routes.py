"""Pairing pages for companies (requests, invitations, answers, stages) and notifications."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, NoReturn

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from app.auth.decorators import role_required, verified_company_required
from app.extensions import db
from app.models import Need, Organization, PairingOutcomeReport
from app.models.enums import (
    PAIRING_STAGE_LABELS,
    NeedStatus,
    OrganizationKind,
    PairingStatus,
    Role,
)
from app.pairings import bp
from app.pairings.forms import (
    AcceptForm,
    ActionForm,
    DeclineForm,
    InterestForm,
    InvitationForm,
    OutcomeForm,
    StageForm,
    WithdrawForm,
)
from app.services import activity, notifications, standing
from app.services import pairings as service
from app.services.errors import (
    Conflict,
    DomainError,
    FieldError,
    InvalidTransition,
    LimitReached,
    NotFound,
    PermissionDenied,
)
from app.services.policy import current_policy

logger = logging.getLogger(__name__)
COMPANY_ROLES = (Role.STARTUP, Role.MANUFACTURER)


# --- hooks ---------------------------------------------------------------------------------


@bp.before_app_request
def record_company_activity() -> None:
    if request.endpoint in (None, "static") or not current_user.is_authenticated:
        return
    if current_user.is_staff or current_user.organization is None:
        return
    activity.touch(current_user.organization)


@bp.app_context_processor
def inject_unread_notifications() -> dict[str, Any]:
    if not current_user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": notifications.unread_count(current_user)}


# --- helpers -------------------------------------------------------------------------------


def abort_for(error: DomainError) -> NoReturn:
    """403/404 for permission errors; 409 for a refused transition."""
    if isinstance(error, NotFound):
        abort(404)
    if isinstance(error, PermissionDenied):
        abort(403)
    abort(409)


def load_pairing(pairing_id: int) -> Any:
    try:
        return service.get_pairing_for(pairing_id, current_user)
    except NotFound:
        abort(404)


def detail_url(pairing: Any) -> str:
    if current_user.is_staff:
        return url_for("staff.pairing_detail", pairing_id=pairing.id)
    return url_for("pairings.detail", pairing_id=pairing.id)


def stage_form_for(pairing: Any) -> StageForm | None:
    stages = service.allowed_stages(pairing)
    if not stages:
        return None
    form = StageForm(prefix="stage")
    form.stage.choices = [SelectChoice(s, PAIRING_STAGE_LABELS[s]) for s in stages]
    return form


# --- starting a pairing --------------------------------------------------------------------


def start_pairing(
    form: Any, start: Callable[[], Any], sent_message: str, **context: Any
) -> str | Response | tuple[str, int]:
    """The interest and invitation forms: validate, start, and show what went wrong."""
    status = 200
    if form.validate_on_submit():
        try:
            pairing = start()
        except FieldError as error:
            getattr(form, error.field).errors.append(str(error.message))
        except (LimitReached, Conflict, InvalidTransition) as error:
            flash(str(error.message), "danger")
            status = 409
        except (PermissionDenied, NotFound) as error:
            abort_for(error)
        else:
            flash(sent_message, "success")
            return redirect(url_for("pairings.detail", pairing_id=pairing.id))
    return render_template("pairings/new.html", form=form, **context), status


@bp.route("/needs/<int:need_id>/interest", methods=["GET", "POST"])
@login_required
@role_required(Role.STARTUP)
@verified_company_required
def new_interest(need_id: int) -> str | Response | tuple[str, int]:
    need = db.session.get(Need, need_id)
    if (
        need is None
        or need.status != NeedStatus.OPEN
        or not standing.is_listed(need.organization, current_policy())
    ):
        abort(404)
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
def new_invitation(need_id: int, startup_id: int) -> str | Response | tuple[str, int]:
    need = db.session.get(Need, need_id)
    if need is None or need.organization_id != current_user.organization_id:
        abort(404)
    startup = db.session.get(Organization, startup_id)
    if startup is None or startup.kind != OrganizationKind.STARTUP:
        abort(404)
    if not standing.is_listed(startup, current_policy()):
        abort(404)
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
    pagination = db.paginate(
        service.list_pairings_for(current_user, direction=direction, status=status),
        per_page=current_app.config["ITEMS_PER_PAGE"],
        error_out=False,
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
    pairing = load_pairing(pairing_id)
    if current_user.is_staff:
        return redirect(url_for("staff.pairing_detail", pairing_id=pairing.id))
    side = service.side_of(pairing, current_user)
    return render_detail(pairing, side)


def render_detail(pairing: Any, side: str, **forms: Any) -> str:
    is_answerer = side == service.answering_side(pairing)
    is_initiator = side == service.initiator_side(pairing)
    waiting = pairing.status == PairingStatus.REQUESTED
    my_org = service.organization_of(pairing, side)
    my_report = db.session.scalar(
        select(PairingOutcomeReport).where(
            PairingOutcomeReport.pairing_id == pairing.id,
            PairingOutcomeReport.organization_id == my_org.id,
        )
    )
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
    pairing = load_pairing(pairing_id)
    form = AcceptForm(prefix="accept")
    if not form.validate_on_submit():
        side = service.side_of(pairing, current_user)
        if side == "staff":
            abort(403)
        return render_detail(pairing, side, accept_form=form), 400
    try:
        service.accept_pairing(pairing, actor=current_user, consent_to_contact=form.consent.data)
    except DomainError as error:
        abort_for(error)
    flash(_("You accepted. The city will now review the pairing."), "success")
    return redirect(detail_url(pairing))


@bp.route("/pairings/<int:pairing_id>/decline", methods=["POST"])
@login_required
def decline(pairing_id: int) -> str | Response | tuple[str, int]:
    pairing = load_pairing(pairing_id)
    form = DeclineForm(prefix="decline")
    if not form.validate_on_submit():
        side = service.side_of(pairing, current_user)
        if side == "staff":
            abort(403)
        return render_detail(pairing, side, decline_form=form), 400
    try:
        service.decline_pairing(
            pairing, actor=current_user, reason=form.reason.data, note=form.note.data or ""
        )
    except DomainError as error:
        abort_for(error)
    flash(_("You declined. The other company will see your reason."), "info")
    return redirect(detail_url(pairing))


@bp.route("/pairings/<int:pairing_id>/withdraw", methods=["POST"])
@login_required
def withdraw(pairing_id: int) -> Response:
    pairing = load_pairing(pairing_id)
    form = WithdrawForm(prefix="withdraw")
    if not form.validate_on_submit():
        abort(400)
    try:
        service.withdraw_pairing(pairing, actor=current_user)
    except DomainError as error:
        abort_for(error)
    flash(_("The request was withdrawn."), "info")
    return redirect(detail_url(pairing))


@bp.route("/pairings/<int:pairing_id>/stage", methods=["POST"])
@login_required
def change_stage(pairing_id: int) -> str | Response | tuple[str, int]:
    pairing = load_pairing(pairing_id)
    form = StageForm(prefix="stage")
    if not form.validate_on_submit():
        abort(400)
    try:
        service.change_stage(
            pairing, actor=current_user, stage=form.stage.data, note=form.note.data or ""
        )
    except DomainError as error:
        abort_for(error)
    flash(_("The stage was updated."), "success")
    return redirect(detail_url(pairing))


@bp.route("/pairings/<int:pairing_id>/outcome", methods=["POST"])
@login_required
@role_required(*COMPANY_ROLES)
def outcome(pairing_id: int) -> str | Response | tuple[str, int]:
    pairing = load_pairing(pairing_id)
    form = OutcomeForm(prefix="outcome")
    if not form.validate_on_submit():
        return render_detail(
            pairing, service.side_of(pairing, current_user), outcome_form=form
        ), 400
    try:
        service.report_outcome(
            pairing, actor=current_user, outcome=form.outcome.data, note=form.note.data or ""
        )
    except DomainError as error:
        abort_for(error)
    flash(_("Thank you. Your answer was saved."), "success")
    return redirect(detail_url(pairing))


# --- notifications -------------------------------------------------------------------------


@bp.route("/notifications")
@login_required
def notification_list() -> str:
    pagination = db.paginate(
        notifications.list_notifications(current_user),
        per_page=current_app.config["ITEMS_PER_PAGE"],
        error_out=False,
    )
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
    try:
        notification = notifications.mark_read(notification_id, actor=current_user)
    except NotFound:
        abort(404)
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
