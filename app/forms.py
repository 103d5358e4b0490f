"""Pieces every form shares: text cleaning, the refusal of control characters, the
attachment of a service's ``FieldError``, the choice lists and the bare action button."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, IntegerField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from app import limits
from app.models.enums import (
    DISTRICTS,
    IOT_FIELD_LABELS,
    SECTOR_LABELS,
    IotField,
    Sector,
    district_label,
)
from app.services.errors import FieldError
from app.validators import clean_text, has_control_characters, is_valid_email


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

    def attach(self, error: FieldError) -> None:
        """Shows a service's ``FieldError`` under its field; the page is then re-rendered.

        An error for a field this form does not have is not a form problem: it is raised
        again, for the app-wide handler.
        """
        field = self._fields.get(error.field)
        if field is None:
            raise error
        field.errors = [*field.errors, str(error.message)]


class ActionForm(BaseForm):
    """A bare button that only carries the CSRF token (submit, close, mark read)."""

    submit = SubmitField(_l("Confirm"))


def sector_choices() -> list[SelectChoice]:
    return [SelectChoice(s.value, SECTOR_LABELS[s]) for s in Sector]


def district_choices(locale: str) -> list[SelectChoice]:
    return [SelectChoice(code, district_label(code, locale)) for code in DISTRICTS]


def iot_field_choices() -> list[SelectChoice]:
    return [SelectChoice(f.value, IOT_FIELD_LABELS[f]) for f in IotField]


class NoControlCharacters:
    """Refuses control and bidi-override characters; single-line fields also refuse newlines."""

    def __init__(self, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, form: Any, field: Field) -> None:
        if isinstance(field.data, str) and has_control_characters(
            field.data, allow_newlines=self.multiline
        ):
            raise ValidationError(_l("Please remove special control characters."))


class EmailAddress:
    """An e-mail address by ``is_valid_email``, the rule the importer applies too."""

    def __call__(self, form: Any, field: Field) -> None:
        if field.data and not is_valid_email(field.data):
            raise ValidationError(_l("Enter a valid e-mail address."))


# Fields several forms share: one rule each for a person's name, an e-mail, a phone number.


def contact_name_field() -> StringField:
    return StringField(
        _l("Contact person"),
        validators=[
            DataRequired(_l("Enter the contact person's name.")),
            Length(max=limits.CONTACT_NAME_MAX_LENGTH),
            NoControlCharacters(),
        ],
    )


def email_field(label: Any, required_message: Any) -> StringField:
    return StringField(
        label,
        validators=[
            DataRequired(required_message),
            Length(max=limits.EMAIL_MAX_LENGTH),
            NoControlCharacters(),
            EmailAddress(),
        ],
    )


def phone_field() -> StringField:
    return StringField(
        _l("Contact phone (optional)"),
        validators=[
            Optional(),
            Length(max=limits.PHONE_MAX_LENGTH),
            NoControlCharacters(),
            Regexp(limits.PHONE_PATTERN, message=_l("Enter a phone number such as 010-1234-5678.")),
        ],
    )


class MatchFilterForm(BaseForm):
    """The filters above a ranked list (GET, so no CSRF token)."""

    class Meta:
        csrf = False

    sector = SelectField(_l("Sector"), choices=[], validators=[Optional(), Length(max=40)])
    district = SelectField(_l("District"), choices=[], validators=[Optional(), Length(max=20)])
    iot_field = SelectField(_l("IoT field"), choices=[], validators=[Optional(), Length(max=20)])
    budget = IntegerField(
        _l("Budget at least (KRW)"),
        validators=[Optional(), NumberRange(min=0, max=limits.BUDGET_MAX_KRW)],
    )
    q = StringField(
        _l("Search"),
        validators=[Optional(), Length(max=limits.SEARCH_MAX_LENGTH), NoControlCharacters()],
    )
