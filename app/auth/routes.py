from __future__ import annotations

import logging

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from app.auth.blueprint import bp
from app.auth.decorators import standing_response
from app.auth.forms import LoginForm, LogoutForm, SignupForm, TotpForm
from app.auth.redirects import safe_next
from app.auth.session import start_session
from app.extensions import db, limiter
from app.forms import district_choices
from app.models import User
from app.models.enums import ConsentPurpose, OrganizationKind
from app.services import accounts, standing
from app.services.errors import FieldError

logger = logging.getLogger(__name__)


def _login_account_key() -> str:
    # Per account: the address as typed, normalised the way accounts store it.
    return "login-account:" + accounts.normalize_email(request.form.get("email", ""))[:254]


def _login_address_key() -> str:
    return "login-address:" + (request.remote_addr or "unknown")


def _login_pair_key() -> str:
    # One account from one address: failures here never lock another account behind the
    # same address (an office behind one NAT); the address limit is only a spray ceiling.
    return _login_account_key().replace("login-account:", "login-pair:", 1) + (
        "@" + (request.remote_addr or "unknown")
    )


def _totp_key() -> str:
    return f"totp-user:{session.get('pending_staff_id')}"


# What a suspended company may still do: its own account and data, and leaving.
SUSPENDED_ALLOWED_ENDPOINTS = frozenset(
    {
        "auth.logout",
        "account.change_password",
        "account.change_email",
        "account.change_consents",
        "account.delete",
        "pairings.notification_read",
        "pairings.notification_read_all",
    }
)


@bp.before_app_request
def suspended_company_is_read_only() -> Response | None:
    """A suspended company reads, but changes nothing: every other POST gets the page
    explaining the suspension (the services refuse too; this is the one clear answer)."""
    if (
        request.method in ("GET", "HEAD", "OPTIONS")
        or request.blueprint == "api"  # token requests: the services answer 403
        or request.endpoint in SUSPENDED_ALLOWED_ENDPOINTS
    ):
        return None
    if current_user.is_authenticated and standing.is_suspended(current_user):
        logger.info("suspended company refused endpoint=%s", request.endpoint)
        return standing_response(current_user)
    return None


def _failed(response: Response) -> bool:
    # A successful login redirects; a failed one re-renders the form.
    return response.status_code != 302


def home_for(user: User) -> str:
    if user.is_staff:
        return url_for("staff.index")
    return url_for("main.dashboard")


@bp.route("/signup", methods=["GET", "POST"])
def signup() -> str | Response:
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = SignupForm()
    locale = str(get_locale())
    form.district.choices = [SelectChoice("", _("Choose…")), *district_choices(locale)]
    if form.validate_on_submit():
        consents = {ConsentPurpose.PRIVACY_REQUIRED}
        if form.consent_contact_provision.data:
            consents.add(ConsentPurpose.CONTACT_PROVISION)
        if form.consent_marketing.data:
            consents.add(ConsentPurpose.MARKETING)
        try:
            user = accounts.register_company(
                accounts.CompanySignup(
                    kind=OrganizationKind(form.kind.data),
                    company_name=form.company_name.data,
                    business_reg_no=form.business_reg_no.data,
                    district=form.district.data,
                    contact_name=form.contact_name.data,
                    contact_phone=form.contact_phone.data or None,
                    email=form.email.data,
                    password=form.password.data,
                    consents=frozenset(str(c) for c in consents),
                    locale=locale,
                )
            )
        except FieldError as error:
            form.attach(error)
        else:
            start_session(user)
            flash(
                _("Welcome! The city will verify your company; meanwhile, complete your profile."),
                "success",
            )
            return redirect(home_for(user))
    return render_template("auth/signup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_PAIR"],
    key_func=_login_pair_key,
    methods=["POST"],
    deduct_when=_failed,
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=_login_account_key,
    methods=["POST"],
    deduct_when=_failed,
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
    key_func=_login_address_key,
    methods=["POST"],
    deduct_when=_failed,
)
def login() -> str | Response:
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next"), "main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            logger.warning("login failed ip=%s", request.remote_addr)
            form.password.errors.append(_("The e-mail or password is not correct."))
        elif user.is_staff:
            # No staff session without the second factor: only a pending marker until then.
            session.clear()
            session["pending_staff_id"] = user.id
            session["pending_next"] = request.args.get("next") or ""
            return redirect(url_for("auth.verify_totp"))
        else:
            start_session(user, remember=form.remember.data)
            logger.info("login ok user=%s ip=%s", user.id, request.remote_addr)
            if standing.is_suspended(user):
                flash(str(standing.SUSPENDED), "warning")
            return redirect(safe_next(request.args.get("next"), "main.dashboard"))
    return render_template("auth/login.html", form=form)


@bp.route("/login/verify", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["TOTP_LIMIT"], key_func=_totp_key, methods=["POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
    key_func=_login_address_key,
    methods=["POST"],
    deduct_when=_failed,
)
def verify_totp() -> str | Response:
    user_id = session.get("pending_staff_id")
    user = db.session.get(User, user_id) if user_id else None
    if user is None or not user.is_staff or not user.totp_secret:
        return redirect(url_for("auth.login"))
    form = TotpForm()
    if form.validate_on_submit():
        if accounts.verify_totp(user, form.code.data):
            target = session.get("pending_next")
            start_session(user)
            logger.info("staff login ok user=%s ip=%s", user.id, request.remote_addr)
            return redirect(safe_next(target, "staff.index"))
        logger.warning("staff totp failed user=%s ip=%s", user.id, request.remote_addr)
        form.code.errors.append(
            _("The code is not correct. Check your device's clock and try again.")
        )
    return render_template("auth/verify_totp.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    form = LogoutForm()
    if not form.validate_on_submit():
        abort(400)
    accounts.end_all_sessions(current_user)
    db.session.commit()
    logout_user()
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    flash(_("You have been logged out."), "info")
    return redirect(url_for("main.index"))
