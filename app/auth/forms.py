from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from app.forms import BaseForm, NoControlCharacters
from app.models.enums import DISTRICTS, OrganizationKind, district_label
from app.validators import is_valid_brn

PASSWORD_MIN = 10
PASSWORD_MAX = 128


def district_choices(locale: str) -> list[SelectChoice]:
    return [SelectChoice(code, district_label(code, locale)) for code in DISTRICTS]


class BusinessRegistrationNumber:
    def __call__(self, form: Any, field: Any) -> None:
        if field.data and not is_valid_brn(field.data):
            raise ValidationError(
                _l("Enter a valid 10-digit business registration number (e.g. 123-45-67891).")
            )


class SignupForm(BaseForm):
    kind = RadioField(
        _l("Company type"),
        choices=[
            SelectChoice(OrganizationKind.STARTUP.value, _l("IoT startup")),
            SelectChoice(OrganizationKind.MANUFACTURER.value, _l("Manufacturer")),
        ],
        validators=[InputRequired(_l("Choose the type of your company."))],
    )
    company_name = StringField(
        _l("Company name"),
        validators=[
            DataRequired(_l("Enter your company name.")),
            Length(max=100),
            NoControlCharacters(),
        ],
    )
    business_reg_no = StringField(
        _l("Business registration number"),
        description=_l("10 digits, with or without dashes"),
        validators=[
            DataRequired(_l("Enter the business registration number.")),
            BusinessRegistrationNumber(),
        ],
    )
    district = SelectField(
        _l("District"), validators=[DataRequired(_l("Choose a district."))], choices=[]
    )
    contact_name = StringField(
        _l("Contact person"),
        validators=[
            DataRequired(_l("Enter the contact person's name.")),
            Length(max=50),
            NoControlCharacters(),
        ],
    )
    contact_phone = StringField(
        _l("Contact phone (optional)"),
        validators=[
            Optional(),
            Regexp(
                r"^0\d{1,2}-?\d{3,4}-?\d{4}$",
                message=_l("Enter a phone number such as 010-1234-5678."),
            ),
        ],
    )
    email = StringField(
        _l("E-mail"),
        validators=[
            DataRequired(_l("Enter your e-mail address.")),
            Length(max=254),
            Email(_l("Enter a valid e-mail address.")),
        ],
    )
    password = PasswordField(
        _l("Password"),
        description=_l("At least 10 characters. A phrase of several words is easy to remember."),
        validators=[
            DataRequired(_l("Choose a password.")),
            Length(min=PASSWORD_MIN, max=PASSWORD_MAX, message=_l("Use 10 to 128 characters.")),
        ],
    )
    password_confirm = PasswordField(
        _l("Password again"),
        validators=[
            DataRequired(_l("Enter the password again.")),
            EqualTo("password", _l("The passwords do not match.")),
        ],
    )
    consent_required = BooleanField(
        _l("I agree to the collection and use of personal data (required)"),
        validators=[DataRequired(_l("You must agree to continue."))],
    )
    consent_contact_provision = BooleanField(
        _l(
            "I agree that my contact person is shown to a matched company"
            " after city approval (optional)"
        )
    )
    consent_marketing = BooleanField(_l("I agree to receive news of city programmes (optional)"))
    submit = SubmitField(_l("Sign up"))


class LoginForm(BaseForm):
    email = StringField(
        _l("E-mail"), validators=[DataRequired(_l("Enter your e-mail address.")), Length(max=254)]
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password.")), Length(max=PASSWORD_MAX)],
    )
    remember = BooleanField(_l("Keep me logged in on this device"))
    submit = SubmitField(_l("Log in"))


class TotpForm(BaseForm):
    code = StringField(
        _l("6-digit code from your authenticator app"),
        validators=[
            DataRequired(_l("Enter the code.")),
            Regexp(r"^\d{6}$", message=_l("Enter the 6 digits.")),
        ],
    )
    submit = SubmitField(_l("Verify"))


class LogoutForm(BaseForm):
    submit = SubmitField(_l("Log out"))
