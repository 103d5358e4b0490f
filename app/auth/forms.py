from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    Regexp,
    ValidationError,
)

from app import limits
from app.forms import (
    BaseForm,
    NoControlCharacters,
    contact_name_field,
    email_field,
    phone_field,
)
from app.models.enums import OrganizationKind
from app.services.passwords import is_common_password
from app.validators import is_valid_brn

PASSWORD_MIN = limits.PASSWORD_MIN_LENGTH
PASSWORD_MAX = limits.PASSWORD_MAX_LENGTH


class BusinessRegistrationNumber:
    def __call__(self, form: Any, field: Any) -> None:
        if field.data and not is_valid_brn(field.data):
            raise ValidationError(
                _l("Enter a valid 10-digit business registration number (e.g. 123-45-67891).")
            )


class NotCommonPassword:
    """Refuses passwords from the shipped list of common and breached ones (ASVS 6.2.4)."""

    def __call__(self, form: Any, field: Any) -> None:
        if field.data and is_common_password(field.data):
            raise ValidationError(
                _l("This password is too common. Choose a longer phrase that is not easy to guess.")
            )


def new_password_validators() -> list[Any]:
    """The policy for a new password: length only, no composition rules (ASVS 6.2.5)."""
    return [
        DataRequired(_l("Choose a password.")),
        Length(min=PASSWORD_MIN, max=PASSWORD_MAX, message=_l("Use 10 to 128 characters.")),
        NoControlCharacters(),
        NotCommonPassword(),
    ]


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
            Length(max=limits.COMPANY_NAME_MAX_LENGTH),
            NoControlCharacters(),
        ],
    )
    business_reg_no = StringField(
        _l("Business registration number"),
        description=_l("10 digits, with or without dashes"),
        validators=[
            DataRequired(_l("Enter the business registration number.")),
            Length(max=limits.BRN_INPUT_MAX_LENGTH),
            NoControlCharacters(),
            BusinessRegistrationNumber(),
        ],
    )
    district = SelectField(
        _l("District"), validators=[DataRequired(_l("Choose a district."))], choices=[]
    )
    contact_name = contact_name_field()
    contact_phone = phone_field()
    email = email_field(_l("E-mail"), _l("Enter your e-mail address."))
    password = PasswordField(
        _l("Password"),
        description=_l("At least 10 characters. A phrase of several words is easy to remember."),
        validators=new_password_validators(),
    )
    password_confirm = PasswordField(
        _l("Password again"),
        validators=[
            DataRequired(_l("Enter the password again.")),
            Length(max=PASSWORD_MAX),
            NoControlCharacters(),
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
        _l("E-mail"),
        validators=[
            DataRequired(_l("Enter your e-mail address.")),
            Length(max=limits.EMAIL_MAX_LENGTH),
            NoControlCharacters(),
        ],
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(_l("Enter your password.")),
            Length(max=PASSWORD_MAX),
            NoControlCharacters(),
        ],
    )
    remember = BooleanField(_l("Keep me logged in on this device"))
    submit = SubmitField(_l("Log in"))


def totp_code_field(label: Any) -> StringField:
    return StringField(
        label,
        validators=[
            DataRequired(_l("Enter the code.")),
            Length(max=6, message=_l("Enter the 6 digits.")),
            NoControlCharacters(),
            Regexp(r"^\d{6}$", message=_l("Enter the 6 digits.")),
        ],
    )


class TotpForm(BaseForm):
    code = totp_code_field(_l("6-digit code from your authenticator app"))
    submit = SubmitField(_l("Verify"))


class LogoutForm(BaseForm):
    submit = SubmitField(_l("Log out"))


def current_password_field() -> PasswordField:
    """Changing credentials or deleting the account asks for the password again (ASVS 7.5.1)."""
    return PasswordField(
        _l("Current password"),
        validators=[
            DataRequired(_l("Enter your current password.")),
            Length(max=PASSWORD_MAX),
            NoControlCharacters(),
        ],
    )


class ChangePasswordForm(BaseForm):
    current_password = current_password_field()
    new_password = PasswordField(
        _l("New password"),
        description=_l("At least 10 characters. A phrase of several words is easy to remember."),
        validators=new_password_validators(),
    )
    new_password_confirm = PasswordField(
        _l("New password again"),
        validators=[
            DataRequired(_l("Enter the password again.")),
            Length(max=PASSWORD_MAX),
            NoControlCharacters(),
            EqualTo("new_password", _l("The passwords do not match.")),
        ],
    )
    submit = SubmitField(_l("Change password"))


class ChangeEmailForm(BaseForm):
    email = email_field(_l("New e-mail"), _l("Enter your e-mail address."))
    current_password = current_password_field()
    submit = SubmitField(_l("Change e-mail"))


class ConsentsForm(BaseForm):
    consent_contact_provision = BooleanField(
        _l(
            "My company's contact person may be shown to a matched company"
            " after city approval (optional)"
        )
    )
    consent_marketing = BooleanField(_l("Send me news of city programmes (optional)"))
    submit = SubmitField(_l("Save my choices"))


class DeleteAccountForm(BaseForm):
    current_password = current_password_field()
    confirm = BooleanField(
        _l("I understand that my account and my personal data are deleted for good"),
        validators=[DataRequired(_l("Tick the box to confirm."))],
    )
    submit = SubmitField(_l("Delete my account"))


class TotpEnrolForm(BaseForm):
    current_password = current_password_field()
    current_code = totp_code_field(_l("6-digit code from your current authenticator app"))
    code = totp_code_field(_l("6-digit code shown by the app after scanning"))
    submit = SubmitField(_l("Use this authenticator"))
