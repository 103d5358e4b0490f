"""Startup profile form, and the pieces company forms share (tags, website, contact)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    Field,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from app import limits
from app.forms import (
    BaseForm,
    NoControlCharacters,
    contact_name_field,
    email_field,
    iot_field_choices,
    phone_field,
    sector_choices,
)
from app.validators import clean_text

MAX_TAGS = limits.TAG_MAX_COUNT
MAX_TAG_LENGTH = limits.TAG_MAX_LENGTH


class TagListField(StringField):
    """Comma-separated tags in one text input; ``data`` is the list of tags.

    Without JavaScript it is a plain text box; ``profile.js`` adds suggestions.
    """

    def process_formdata(self, valuelist: list[Any]) -> None:
        raw = valuelist[0] if valuelist else ""
        self.raw_text = raw if isinstance(raw, str) else ""
        self.data = [clean_text(t) for t in self.raw_text.split(",") if clean_text(t)]

    def process_data(self, value: Any) -> None:
        self.data = list(value or [])

    def _value(self) -> str:
        return ", ".join(self.data or [])


class TagLimits:
    """Length and character limits of a tag list (Length would count the list, not the text)."""

    def __call__(self, form: Any, field: Field) -> None:
        tags = field.data or []
        NoControlCharacters()(form, field)
        if len(tags) > MAX_TAGS:
            raise ValidationError(_l("Use at most %(n)d tags.", n=MAX_TAGS))
        if any(len(t) > MAX_TAG_LENGTH for t in tags):
            raise ValidationError(
                _l("Each tag may have at most %(n)d characters.", n=MAX_TAG_LENGTH)
            )


class WebAddress:
    """Only http(s) addresses: a website link must never run script (ASVS 1.2.2)."""

    def __call__(self, form: Any, field: Field) -> None:
        if not field.data:
            return
        value = field.data
        if not value.lower().startswith(("http://", "https://")) or " " in value:
            raise ValidationError(_l("Enter an address starting with http:// or https://."))
        if len(value.split("://", 1)[1].split("/", 1)[0]) < 3:
            raise ValidationError(_l("Enter an address starting with http:// or https://."))


def founded_year_validators() -> list[Any]:
    return [Optional(), NumberRange(min=limits.FOUNDED_YEAR_MIN, max=date.today().year)]


class CompanyFields(BaseForm):
    """What every company keeps on its profile: about it, and its contact person."""

    description = TextAreaField(
        _l("About the company"),
        validators=[
            Optional(),
            Length(max=limits.DESCRIPTION_MAX_LENGTH),
            NoControlCharacters(multiline=True),
        ],
    )
    website = StringField(
        _l("Website"),
        description=_l("Starting with https://"),
        validators=[
            Optional(),
            Length(max=limits.WEBSITE_MAX_LENGTH),
            NoControlCharacters(),
            WebAddress(),
        ],
    )
    employees = IntegerField(
        _l("Employees"), validators=[Optional(), NumberRange(min=0, max=limits.EMPLOYEES_MAX)]
    )
    founded_year = IntegerField(_l("Year founded"), validators=founded_year_validators())
    contact_name = contact_name_field()
    contact_email = email_field(_l("Contact e-mail"), _l("Enter an e-mail address."))
    contact_phone = phone_field()


class StartupProfileForm(CompanyFields):
    iot_field = SelectField(
        _l("IoT field"),
        choices=iot_field_choices,
        validators=[InputRequired(_l("Choose your IoT field."))],
    )
    sectors = SelectMultipleField(
        _l("Sectors you serve"),
        choices=sector_choices,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )
    capabilities = TagListField(
        _l("Capabilities"),
        description=_l("Separate with commas; suggestions appear as you type."),
        validators=[TagLimits()],
    )
    capabilities_text = TextAreaField(
        _l("Capabilities in your own words"),
        validators=[
            Optional(),
            Length(max=limits.CAPABILITIES_TEXT_MAX_LENGTH),
            NoControlCharacters(multiline=True),
        ],
    )
    submit = SubmitField(_l("Save profile"))
