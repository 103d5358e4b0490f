"""Pieces every form shares: text cleaning and the refusal of control characters."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp, ValidationError

from app.validators import clean_text, has_control_characters


def _clean(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


class BaseForm(FlaskForm):
    """Every text input is NFC-normalised and stripped before validation."""

    class Meta:
        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Field:
            filters = list(unbound_field.kwargs.get("filters", []))
            if _clean not in filters:
                filters.insert(0, _clean)
            unbound_field.kwargs["filters"] = filters
            return unbound_field.bind(form=form, **options)


class NoControlCharacters:
    """Refuses control and bidi-override characters; single-line fields also refuse newlines."""

    def __init__(self, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, form: Any, field: Field) -> None:
        if isinstance(field.data, str) and has_control_characters(
            field.data, allow_newlines=self.multiline
        ):
            raise ValidationError(_l("Please remove special control characters."))


# Fields several forms share: one rule each for a person's name, an e-mail, a phone number.
PHONE_PATTERN = r"^0\d{1,2}-?\d{3,4}-?\d{4}$"


def contact_name_field() -> StringField:
    return StringField(
        _l("Contact person"),
        validators=[
            DataRequired(_l("Enter the contact person's name.")),
            Length(max=50),
            NoControlCharacters(),
        ],
    )


def email_field(label: Any, required_message: Any) -> StringField:
    return StringField(
        label,
        validators=[
            DataRequired(required_message),
            Length(max=254),
            NoControlCharacters(),
            Email(_l("Enter a valid e-mail address.")),
        ],
    )


def phone_field() -> StringField:
    return StringField(
        _l("Contact phone (optional)"),
        validators=[
            Optional(),
            Length(max=20),
            NoControlCharacters(),
            Regexp(PHONE_PATTERN, message=_l("Enter a phone number such as 010-1234-5678.")),
        ],
    )
