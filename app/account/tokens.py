"""Personal API tokens on the account page: create (shown once), list, revoke."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.wrappers import Response
from wtforms import HiddenField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Regexp

from app import limits
from app.account.blueprint import bp
from app.errors import refusals_go_back
from app.extensions import db
from app.forms import BaseForm, NoControlCharacters
from app.services import api_tokens
from app.services.errors import FieldError, NotFound


class ApiTokenForm(BaseForm):
    name = StringField(
        _l("Token name"),
        validators=[
            DataRequired(_l("Give the token a name, e.g. the tool that will use it.")),
            Length(max=limits.API_TOKEN_NAME_MAX_LENGTH),
            NoControlCharacters(),
        ],
        description=_l("So you recognise it later, e.g. “ERP sync”."),
    )
    submit = SubmitField(_l("Create token"))


class RevokeTokenForm(BaseForm):
    # ASCII digits only: "³".isdigit() is true, yet int("³") raises.
    token_id = HiddenField(validators=[Length(max=18), NoControlCharacters(), Regexp(r"^[0-9]+$")])
    submit = SubmitField(_l("Revoke"))


def _section(form: ApiTokenForm | None = None, new_token: str | None = None) -> dict[str, Any]:
    """What ``account/_tokens.html`` shows; the plaintext only right after creation."""
    if not current_user.is_authenticated or current_user.is_staff:
        return {"enabled": False}
    tokens = db.session.scalars(api_tokens.list_tokens(current_user)).all()
    return {
        "enabled": True,
        "form": form or ApiTokenForm(prefix="tok", formdata=None),
        "revoke_form": RevokeTokenForm(prefix="rev", formdata=None),
        "tokens": tokens,
        "new_token": new_token,
        "max_active": limits.API_TOKENS_MAX_ACTIVE,
    }


@bp.context_processor
def token_section() -> dict[str, Any]:
    # A callable, so the account page's own view needs no change and pays nothing
    # unless the template includes the section.
    return {"api_token_section": _section}


def _account_page(status: int, **context: Any) -> tuple[str, int]:
    from app.account.routes import _page

    return _page(status, **context)


@bp.route("/tokens", methods=["POST"])
@login_required
@refusals_go_back  # the limit on tokens: back to the account page, with the message
def create_token() -> Response | tuple[str, int]:
    form = ApiTokenForm(prefix="tok")
    if form.validate_on_submit():
        try:
            _token, plaintext = api_tokens.create_token(current_user, form.name.data)
        except FieldError as error:
            form.attach(error)
        else:
            # Rendered, not redirected: the token is shown this once and stored nowhere.
            return _account_page(201, api_token_created=_section(new_token=plaintext))
    return _account_page(400, api_token_created=_section(form=form))


@bp.route("/tokens/revoke", methods=["POST"])
@login_required
def revoke_token() -> Response:
    form = RevokeTokenForm(prefix="rev")
    if form.validate_on_submit():
        try:
            token = api_tokens.revoke_token(current_user, int(form.token_id.data))
        except NotFound:
            flash(_("That token does not exist."), "warning")
        else:
            flash(_("The token “%(name)s” was revoked.", name=token.name), "success")
    else:
        flash(_("That token does not exist."), "warning")
    return redirect(url_for("account.index", _anchor="api-tokens-heading"))
