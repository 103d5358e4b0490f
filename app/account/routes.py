"""The account page: password change, consents, data export and deletion."""

from __future__ import annotations

import json

import pyotp
import segno
from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from werkzeug.wrappers import Response

from app.account.blueprint import bp
from app.auth.decorators import role_required
from app.auth.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    ConsentsForm,
    DeleteAccountForm,
    TotpEnrolForm,
)
from app.auth.session import reissue_session
from app.models.enums import ConsentPurpose, Role
from app.services import accounts, privacy
from app.services.errors import FieldError

TOTP_ISSUER = "Seoul IIoT Match"


def _forms() -> dict[str, object]:
    consents = ConsentsForm(
        consent_contact_provision=current_user.has_consent(ConsentPurpose.CONTACT_PROVISION),
        consent_marketing=current_user.has_consent(ConsentPurpose.MARKETING),
    )
    return {
        "password_form": ChangePasswordForm(prefix="pw"),
        "email_form": ChangeEmailForm(prefix="em"),
        "consents_form": consents,
        "delete_form": DeleteAccountForm(prefix="del"),
    }


def _page(status: int = 200, **forms: object) -> tuple[str, int]:
    context = _forms()
    context.update(forms)
    return render_template("account/index.html", **context), status


@bp.route("")
@login_required
def index() -> tuple[str, int]:
    return _page()


@bp.route("/password", methods=["POST"])
@login_required
def change_password() -> Response | tuple[str, int]:
    form = ChangePasswordForm(prefix="pw")
    if form.validate_on_submit():
        try:
            accounts.change_password(
                current_user,
                current_password=form.current_password.data,
                new_password=form.new_password.data,
            )
        except FieldError as error:
            form.attach(error)
        else:
            reissue_session(current_user)
            flash(_("Your password was changed. Other devices have been logged out."), "success")
            return redirect(url_for("account.index"))
    return _page(400, password_form=form)


@bp.route("/email", methods=["POST"])
@login_required
def change_email() -> Response | tuple[str, int]:
    form = ChangeEmailForm(prefix="em")
    if form.validate_on_submit():
        try:
            accounts.change_email(
                current_user,
                current_password=form.current_password.data,
                new_email=form.email.data,
            )
        except FieldError as error:
            form.attach(error)
        else:
            reissue_session(current_user)
            flash(_("Your e-mail address was changed."), "success")
            return redirect(url_for("account.index"))
    return _page(400, email_form=form)


@bp.route("/consents", methods=["POST"])
@login_required
@role_required(Role.STARTUP, Role.MANUFACTURER)
def change_consents() -> Response | tuple[str, int]:
    form = ConsentsForm()
    if not form.validate_on_submit():
        return _page(400, consents_form=form)
    wanted = []
    if form.consent_contact_provision.data:
        wanted.append(ConsentPurpose.CONTACT_PROVISION)
    if form.consent_marketing.data:
        wanted.append(ConsentPurpose.MARKETING)
    accounts.set_optional_consents(current_user, wanted)
    flash(_("Your choices were saved."), "success")
    return redirect(url_for("account.index"))


@bp.route("/export")
@login_required
def export() -> Response:
    data = privacy.export_user_data(current_user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="my-data-{current_user.id}.json"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/delete", methods=["POST"])
@login_required
def delete() -> Response | tuple[str, int]:
    form = DeleteAccountForm(prefix="del")
    if form.validate_on_submit():
        try:
            privacy.delete_account(
                current_user, password=form.current_password.data, actor=current_user
            )
        except FieldError as error:
            form.attach(error)
        else:
            logout_user()
            session.clear()
            flash(_("Your account and your personal data have been deleted."), "info")
            return redirect(url_for("main.index"))
    return _page(400, delete_form=form)


@bp.route("/totp", methods=["GET", "POST"])
@login_required
@role_required(Role.STAFF)
def totp() -> Response | str:
    """Re-enrol the second factor: the password and a code of the current authenticator
    prove the account holder; a code of the new secret confirms it before it counts."""
    form = TotpEnrolForm()
    secret = session.get("totp_enrol_secret")
    if form.validate_on_submit() and secret:
        try:
            accounts.enrol_totp(
                current_user,
                secret,
                form.code.data,
                current_password=form.current_password.data,
                current_code=form.current_code.data,
            )
        except FieldError as error:
            form.attach(error)
        else:
            session.pop("totp_enrol_secret", None)
            reissue_session(current_user)
            flash(_("Your new authenticator is in use."), "success")
            return redirect(url_for("account.index"))
    if not secret or not form.is_submitted():
        secret = pyotp.random_base32()
        session["totp_enrol_secret"] = secret
    uri = pyotp.TOTP(secret).provisioning_uri(name=current_user.email, issuer_name=TOTP_ISSUER)
    # Drawn here as a data: URI image (CSP allows img data:), never by a third-party service.
    qr = segno.make(uri, error="m").svg_data_uri(scale=5)
    return render_template("account/totp.html", form=form, qr=qr, secret=secret)
