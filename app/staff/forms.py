"""Forms of the staff administration pages: policy, export, audit filter, import."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    AnyOf,
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app import limits
from app.forms import BaseForm, NoControlCharacters
from app.models.enums import SECTOR_LABELS, Sector
from app.services.exports import EXPORTS
from app.services.imports import FORMATS, KINDS


def _number(step: str, low: float, high: float) -> dict[str, object]:
    return {"step": step, "min": low, "max": high, "inputmode": "decimal"}


def _share(low: float, high: float) -> list[object]:
    return [
        InputRequired(_l("Enter a number.")),
        NumberRange(low, high, _l("Enter a number from %(min)s to %(max)s.")),
    ]


class PolicyForm(BaseForm):
    weight_text = FloatField(
        _l("Weight of text similarity"), validators=_share(0, 1), render_kw=_number("0.01", 0, 1)
    )
    weight_capability = FloatField(
        _l("Weight of required capabilities"),
        validators=_share(0, 1),
        render_kw=_number("0.01", 0, 1),
    )
    weight_sector = FloatField(
        _l("Weight of the same sector"), validators=_share(0, 1), render_kw=_number("0.01", 0, 1)
    )
    weight_iot_field = FloatField(
        _l("Weight of the IoT field"), validators=_share(0, 1), render_kw=_number("0.01", 0, 1)
    )
    priority_sectors = SelectMultipleField(
        _l("Priority sectors"),
        choices=[SelectChoice(s.value, SECTOR_LABELS[s]) for s in Sector],
        validate_choice=True,
    )
    priority_boost = FloatField(
        _l("Boost for priority sectors"),
        description=_l("0 to 0.5: a match in a priority sector scores this share higher."),
        validators=_share(0, 0.5),
        render_kw=_number("0.01", 0, 0.5),
    )
    only_verified_listed = BooleanField(_l("List only companies the city has verified"))
    require_staff_approval = BooleanField(
        _l("City staff approve each pairing before contacts are shared"),
        description=_l(
            "Always on: contact persons are personal data (PIPA), so every pairing "
            "is approved by city staff before they are shared."
        ),
    )
    max_open_requests = IntegerField(
        _l("Most open requests one startup may hold at once"),
        validators=_share(1, 50),
        render_kw=_number("1", 1, 50),
    )
    min_score = FloatField(
        _l("Lowest score shown"),
        description=_l("0 to 1: matches scoring lower are not listed."),
        validators=_share(0, 1),
        render_kw=_number("0.01", 0, 1),
    )
    reminder_days = IntegerField(
        _l("Days before an unanswered request is reminded"),
        description=_l("1 to 90. After twice as many days the request expires."),
        validators=_share(1, 90),
        render_kw=_number("1", 1, 90),
    )
    note = TextAreaField(
        _l("Note on this change"),
        description=_l("Why the policy changes; shown in the version history."),
        validators=[
            Optional(),
            Length(max=limits.POLICY_NOTE_MAX_LENGTH),
            NoControlCharacters(multiline=True),
        ],
    )

    def validate_weight_iot_field(self, field: FloatField) -> None:
        weights = (self.weight_text, self.weight_capability, self.weight_sector, field)
        if all(w.data is not None for w in weights) and sum(w.data for w in weights) <= 0:
            raise ValidationError(_l("At least one weight must be above 0."))


EXPORT_LABELS = {
    "companies": _l("Companies (includes contact persons: personal data)"),
    "needs": _l("Needs"),
    "pairings": _l("Pairings"),
}


class ExportForm(BaseForm):
    what = SelectField(
        _l("What to export"),
        choices=[SelectChoice(code, EXPORT_LABELS[code]) for code in EXPORTS],
        validators=[DataRequired(), AnyOf(EXPORTS)],
    )
    reason = StringField(
        _l("Why you need this export"),
        description=_l(
            "Recorded in the access log, as the Personal Information Protection Act asks."
        ),
        validators=[
            DataRequired(_l("Say why you need this export.")),
            Length(max=limits.EXPORT_REASON_MAX_LENGTH),
            NoControlCharacters(),
        ],
    )


class AuditFilterForm(BaseForm):
    class Meta:
        csrf = False

    actor = StringField(
        _l("Actor (e-mail, user number or label)"),
        validators=[Optional(), Length(max=limits.EMAIL_MAX_LENGTH), NoControlCharacters()],
    )
    object_type = StringField(
        _l("Object type"), validators=[Optional(), Length(max=30), NoControlCharacters()]
    )
    object_id = IntegerField(
        _l("Object number"),
        validators=[Optional(), NumberRange(min=1, max=2**31 - 1)],
    )
    action = StringField(
        _l("Action"),
        description=_l("The start of an action is enough, e.g. pairing."),
        validators=[Optional(), Length(max=60), NoControlCharacters()],
    )
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])

    def validate_date_to(self, field: DateField) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date is before the start date."))


KIND_LABELS = {
    "startup": _l("Startups"),
    "manufacturer": _l("Manufacturers"),
    "need": _l("Needs"),
}


class ImportUploadForm(BaseForm):
    kind = SelectField(
        _l("The file holds"),
        description=_l('A line\'s own "type" field (startup, manufacturer, need) overrides this.'),
        choices=[SelectChoice(code, KIND_LABELS[code]) for code in KINDS],
        validators=[DataRequired(), AnyOf(KINDS)],
    )
    file = FileField(
        _l("File (.jsonl or .csv, at most 2 MB)"),
        description=_l("CSV in UTF-8 or CP949 (as Korean Excel saves it); list cells split by ;"),
        validators=[FileRequired(_l("Choose a file."))],
    )


class ImportApplyForm(BaseForm):
    fmt = HiddenField(
        validators=[DataRequired(), Length(max=10), NoControlCharacters(), AnyOf(FORMATS)]
    )
    kind = HiddenField(
        validators=[DataRequired(), Length(max=20), NoControlCharacters(), AnyOf(KINDS)]
    )
    mark_verified = BooleanField(_l("Mark the imported companies as verified"))
    need_status = SelectField(
        _l("Imported needs are"),
        choices=[
            SelectChoice("open", _l("Open (listed at once)")),
            SelectChoice("under_review", _l("Under review (staff open them later)")),
        ],
        validators=[DataRequired(), AnyOf(("open", "under_review"))],
    )
