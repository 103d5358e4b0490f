"""Staff home (queues with counts), policy, dashboard, exports, audit log, import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response as BaseResponse

from app import limits
from app.auth.decorators import role_required
from app.errors import refusals_go_back
from app.extensions import db
from app.models import Policy
from app.models.enums import Role
from app.services import dashboard as dashboard_service
from app.services import exports, imports
from app.services.audit_log import AuditFilter, list_audit_events
from app.services.errors import Conflict, FieldError, InvalidTransition, NotFound
from app.services.policy import (
    POLICY_FIELDS,
    current_policy,
    list_policy_versions,
    policy_values,
    save_policy,
    version_authors,
)
from app.services.policy_preview import DEPTH, TOP, preview_policy
from app.staff.blueprint import bp
from app.staff.forms import (
    AuditFilterForm,
    ExportForm,
    ImportApplyForm,
    ImportUploadForm,
    PolicyForm,
)


def _staff_only(view):  # type: ignore[no-untyped-def]
    return login_required(role_required(Role.STAFF)(view))


@bp.route("")
@_staff_only
def index() -> str:
    return render_template("staff/index.html", queues=dashboard_service.queue_counts())


# --- policy ---------------------------------------------------------------------------


def _policy_form_values(form: PolicyForm) -> dict[str, Any]:
    values = {name: form[name].data for name in POLICY_FIELDS}
    values["note"] = form.note.data
    return values


def _policy_page(form: PolicyForm, in_force: Policy) -> str:
    db.session.commit()  # keeps version 1 if current_policy() had to create it
    versions = db.paginate(
        list_policy_versions(), per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False
    )
    return render_template(
        "staff/policy.html",
        form=form,
        policy=in_force,
        versions=versions,
        authors=version_authors(versions.items),
    )


@bp.route("/policy", methods=["GET", "POST"])
@_staff_only
@refusals_go_back  # a concurrent save: back to the page, which shows the version in force
def policy() -> str | BaseResponse:
    in_force = current_policy()
    form = PolicyForm(data=policy_values(in_force) if request.method == "GET" else None)
    # "Back" from the preview: the form again with the draft's values, nothing saved.
    going_back = request.method == "POST" and "back" in request.form
    if form.validate_on_submit() and not going_back:
        values = _policy_form_values(form)
        try:
            saved = save_policy(values, actor=current_user)
        except FieldError as error:
            form.attach(error)
        else:
            flash(
                _("Policy version %(v)s saved. Matches are being recomputed.", v=saved.version),
                "success",
            )
            return redirect(url_for("staff.policy"))
    return _policy_page(form, in_force)


@bp.route("/policy/preview", methods=["POST"])
@_staff_only
def policy_preview() -> str:
    """What the form's values would change, ranked in memory; saves nothing."""
    in_force = current_policy()
    form = PolicyForm()
    if not form.validate_on_submit():
        return _policy_page(form, in_force)
    try:
        preview = preview_policy(_policy_form_values(form), actor=current_user)
    except FieldError as error:
        form.attach(error)
        return _policy_page(form, in_force)
    db.session.commit()
    current = policy_values(in_force)
    changed = [name for name in POLICY_FIELDS if current[name] != preview.values[name]]
    return render_template(
        "staff/policy_preview.html",
        form=form,
        policy=in_force,
        preview=preview,
        changed=changed,
        current=current,
        top=TOP,
        depth=DEPTH,
    )


# --- dashboard ------------------------------------------------------------------------


@bp.route("/dashboard")
@_staff_only
def dashboard() -> str:
    figures = dashboard_service.dashboard_figures(current_policy().reminder_days)
    db.session.commit()
    return render_template("staff/dashboard.html", figures=figures)


# --- exports --------------------------------------------------------------------------


def _csv_response(what: str, reason: str) -> Response:
    content = exports.export_csv(what, actor=current_user, reason=reason)
    filename = exports.export_filename(what)
    return Response(
        content,
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={filename}"},
    )


@bp.route("/export", methods=["GET", "POST"])
@_staff_only
def export() -> str | Response:
    form = ExportForm()
    if request.method == "GET" and request.args.get("what") in exports.EXPORTS:
        form.what.data = request.args["what"]
    if form.validate_on_submit():
        try:
            return _csv_response(form.what.data, form.reason.data)
        except FieldError as error:
            form.attach(error)
    return render_template("staff/dashboard_export.html", form=form)


@bp.route("/export/<what>.csv", methods=["GET", "POST"])
@_staff_only
def export_csv(what: str) -> Response | tuple[str, int]:
    """GET shows the export form for ``what`` and exports nothing: a download writes an
    audit entry with its reason, so a cross-site link must not be able to start one or
    forge that reason. POST, with the CSRF token and the reason in the body, downloads."""
    if what not in exports.EXPORTS:
        abort(404)
    form = ExportForm(what=what)
    form.what.data = what  # the URL names the export, whatever the body says
    if request.method == "POST" and form.validate_on_submit():
        try:
            return _csv_response(what, form.reason.data)
        except FieldError as error:
            form.attach(error)
    status = 400 if request.method == "POST" else 200
    return render_template("staff/dashboard_export.html", form=form), status


# --- audit log ------------------------------------------------------------------------


@bp.route("/audit")
@_staff_only
def audit() -> str:
    form = AuditFilterForm(formdata=request.args)
    filters = AuditFilter()
    if request.args and form.validate():
        filters = AuditFilter(
            actor=form.actor.data or "",
            object_type=form.object_type.data or "",
            object_id=form.object_id.data,
            action=form.action.data or "",
            date_from=form.date_from.data,
            date_to=form.date_to.data,
        )
    events = db.paginate(
        list_audit_events(filters), per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False
    )
    filtered = filters != AuditFilter()
    return render_template("staff/audit.html", form=form, events=events, filtered=filtered)


# --- import ---------------------------------------------------------------------------


def _import_dir() -> Path:
    return Path(current_app.config["IMPORT_DIR"] or Path(current_app.instance_path) / "imports")


@bp.route("/import", methods=["GET", "POST"])
@_staff_only
def import_upload() -> str | BaseResponse:
    form = ImportUploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read(limits.IMPORT_MAX_BYTES + 1)
        try:
            fmt = imports.detect_format(upload.filename)
            imports.parse_upload(data, fmt)
        except FieldError as error:
            form.attach(error)
        else:
            token = imports.store_upload(data, _import_dir())
            return redirect(
                url_for("staff.import_review", token=token, fmt=fmt, kind=form.kind.data)
            )
    return render_template("staff/import.html", form=form)


def _plan_for(token: str, fmt: str, kind: str) -> imports.ImportPlan:
    data = imports.load_upload(token, _import_dir())
    return imports.plan_import(imports.parse_upload(data, fmt), kind)


@bp.route("/import/<token>", methods=["GET", "POST"])
@_staff_only
def import_review(token: str) -> str | BaseResponse:
    form = ImportApplyForm()
    if request.method == "GET":
        form.fmt.data, form.kind.data = request.args.get("fmt"), request.args.get("kind")
        if form.fmt.data not in imports.FORMATS or form.kind.data not in imports.KINDS:
            abort(404)
    elif not form.validate_on_submit():
        abort(400)
    try:
        plan = _plan_for(token, form.fmt.data, form.kind.data)
    except NotFound:
        flash(_("This upload does not exist any more. Please upload the file again."), "warning")
        return redirect(url_for("staff.import_upload"))
    except FieldError as error:
        flash(str(error.message), "danger")
        return redirect(url_for("staff.import_upload"))
    if request.method == "POST":
        try:
            counts = imports.apply_import(
                plan,
                actor=current_user,
                mark_verified=form.mark_verified.data,
                need_status=form.need_status.data,
            )
        except (InvalidTransition, Conflict) as error:
            flash(str(error.message), "danger")
        else:
            imports.delete_upload(token, _import_dir())
            flash(
                _(
                    "Imported: %(created)s created, %(updated)s updated.",
                    created=counts["created"],
                    updated=counts["updated"],
                ),
                "success",
            )
            return redirect(url_for("staff.import_upload"))
    return render_template("staff/import_review.html", form=form, plan=plan, token=token)
