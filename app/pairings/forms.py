"""Forms of the pairing workflow (companies and staff) and of notifications."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional, Regexp

from app import limits
from app.forms import BaseForm, NoControlCharacters
from app.models import Pairing
from app.models.enums import (
    PAIRING_OUTCOME_LABELS,
    PAIRING_STAGE_LABELS,
    REJECTION_REASONS,
)
from app.services.pairings import allowed_stages

CONSENT_LABEL = _l(
    "I agree that our contact person (name, e-mail, phone) is given to the other company"
    " once the city approves this pairing (required to continue)"
)
CONSENT_REQUIRED = _l("Without this agreement the pairing cannot go on.")


def reason_choices() -> list[SelectChoice]:
    return [SelectChoice("", _l("Choose…"))] + [
        SelectChoice(code, label) for code, label in REJECTION_REASONS.items()
    ]


def _note(label: object) -> TextAreaField:
    return TextAreaField(
        label,
        validators=[
            Optional(),
            Length(max=limits.PAIRING_NOTE_MAX_LENGTH),
            NoControlCharacters(multiline=True),
        ],
    )


class InterestForm(BaseForm):
    message = TextAreaField(
        _l("Your pitch"),
        description=_l("What you would do for this site, in at most 1000 characters."),
        validators=[
            DataRequired(_l("Write a short pitch.")),
            Length(max=limits.PAIRING_MESSAGE_MAX_LENGTH),
            NoControlCharacters(multiline=True),
        ],
    )
    consent = BooleanField(CONSENT_LABEL, validators=[DataRequired(CONSENT_REQUIRED)])
    submit = SubmitField(_l("Send the request"))


class InvitationForm(InterestForm):
    message = TextAreaField(
        _l("Your message to the startup"),
        description=_l("What you would like to try together, in at most 1000 characters."),
        validators=[
            DataRequired(_l("Write a short message.")),
            Length(max=limits.PAIRING_MESSAGE_MAX_LENGTH),
            NoControlCharacters(multiline=True),
        ],
    )
    submit = SubmitField(_l("Send the invitation"))


class AcceptForm(BaseForm):
    consent = BooleanField(CONSENT_LABEL, validators=[DataRequired(CONSENT_REQUIRED)])
    submit = SubmitField(_l("Accept"))


class DeclineForm(BaseForm):
    reason = SelectField(
        _l("Reason"),
        choices=reason_choices(),
        validators=[DataRequired(_l("Choose a reason.")), Length(max=50)],
    )
    note = _note(_l("Note to the other company (optional)"))
    submit = SubmitField(_l("Decline"))


class WithdrawForm(BaseForm):
    submit = SubmitField(_l("Withdraw the request"))


class StageForm(BaseForm):
    stage = SelectField(
        _l("New stage"),
        choices=[SelectChoice(code, label) for code, label in PAIRING_STAGE_LABELS.items()],
        validators=[DataRequired(_l("Choose a stage.")), Length(max=20)],
    )
    note = _note(_l("Note (optional)"))
    submit = SubmitField(_l("Update the stage"))


class OutcomeForm(BaseForm):
    outcome = RadioField(
        _l("Where does the collaboration stand?"),
        choices=[SelectChoice(code, label) for code, label in PAIRING_OUTCOME_LABELS.items()],
        validators=[DataRequired(_l("Choose an answer.")), Length(max=20)],
    )
    note = _note(_l("Why, in a few words (optional)"))
    submit = SubmitField(_l("Send the answer"))


class ApproveForm(BaseForm):
    note = _note(_l("Note to both companies (optional)"))
    submit = SubmitField(_l("Approve and introduce"))


class RejectForm(BaseForm):
    reason = SelectField(
        _l("Reason"),
        choices=reason_choices(),
        validators=[DataRequired(_l("Choose a reason.")), Length(max=50)],
    )
    note = _note(_l("Note to both companies (optional)"))
    submit = SubmitField(_l("Do not approve"))


class SupportProgramForm(BaseForm):
    stage = SelectField(
        _l("Stage it supports"),
        choices=[SelectChoice(code, label) for code, label in PAIRING_STAGE_LABELS.items()],
        validators=[DataRequired(_l("Choose a stage.")), Length(max=20)],
    )
    name_ko = StringField(
        _l("Name (Korean)"),
        validators=[
            DataRequired(_l("Enter a name.")),
            Length(max=limits.SUPPORT_PROGRAM_NAME_MAX_LENGTH),
            NoControlCharacters(),
        ],
    )
    name_en = StringField(
        _l("Name (English)"),
        validators=[
            DataRequired(_l("Enter a name.")),
            Length(max=limits.SUPPORT_PROGRAM_NAME_MAX_LENGTH),
            NoControlCharacters(),
        ],
    )
    description_ko = TextAreaField(
        _l("Description (Korean)"),
        validators=[
            Optional(),
            Length(max=limits.SUPPORT_PROGRAM_DESCRIPTION_MAX_LENGTH),
            NoControlCharacters(multiline=True),
        ],
    )
    description_en = TextAreaField(
        _l("Description (English)"),
        validators=[
            Optional(),
            Length(max=limits.SUPPORT_PROGRAM_DESCRIPTION_MAX_LENGTH),
            NoControlCharacters(multiline=True),
        ],
    )
    url = StringField(
        _l("Web address (optional)"),
        validators=[
            Optional(),
            Length(max=300),
            NoControlCharacters(),
            Regexp(
                r"^https?://", message=_l("Enter an address starting with http:// or https://.")
            ),
            URL(message=_l("Enter a valid web address.")),
        ],
    )
    sort_order = IntegerField(
        _l("Order in the list"), default=0, validators=[Optional(), NumberRange(0, 999)]
    )
    is_active = BooleanField(_l("Shown to companies"), default=True)
    submit = SubmitField(_l("Save"))


def stage_form_for(pairing: Pairing) -> StageForm | None:
    """The stage form with only the moves ``pairing`` allows, or None when it allows none."""
    stages = allowed_stages(pairing)
    if not stages:
        return None
    form = StageForm(prefix="stage")
    form.stage.choices = [SelectChoice(s, PAIRING_STAGE_LABELS[s]) for s in stages]
    return form
