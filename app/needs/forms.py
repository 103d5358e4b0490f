"""Need forms: posting and editing a need, and the buttons that move it along."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app import limits
from app.forms import BaseForm, NoControlCharacters, sector_choices
from app.startups.forms import TagLimits, TagListField

MAX_BUDGET_KRW = limits.BUDGET_MAX_KRW


class NeedForm(BaseForm):
    title = StringField(
        _l("Title"),
        validators=[
            DataRequired(_l("Enter a title.")),
            Length(max=limits.NEED_TITLE_MAX_LENGTH),
            NoControlCharacters(),
        ],
    )
    description = TextAreaField(
        _l("What is the problem on your shop floor?"),
        description=_l("Plain words are fine: what happens, where, how often."),
        validators=[
            DataRequired(_l("Describe the problem.")),
            Length(max=limits.DESCRIPTION_MAX_LENGTH),
            NoControlCharacters(multiline=True),
        ],
    )
    sector = SelectField(
        _l("Sector"), choices=sector_choices, validators=[InputRequired(_l("Choose a sector."))]
    )
    site_id = SelectField(_l("Site"), choices=[], validators=[Optional(), Length(max=12)])
    required_capabilities = TagListField(
        _l("Required capabilities"),
        description=_l("Separate with commas; suggestions appear as you type."),
        validators=[TagLimits()],
    )
    budget_min_krw = IntegerField(
        _l("Budget from (KRW)"), validators=[Optional(), NumberRange(min=0, max=MAX_BUDGET_KRW)]
    )
    budget_max_krw = IntegerField(
        _l("Budget up to (KRW)"), validators=[Optional(), NumberRange(min=0, max=MAX_BUDGET_KRW)]
    )
    deadline = DateField(_l("Deadline"), validators=[Optional()])
    save_draft = SubmitField(_l("Save as draft"))
    submit_review = SubmitField(_l("Submit for review"))

    def validate_budget_max_krw(self, field: Any) -> None:
        low = self.budget_min_krw.data
        if field.data is not None and low is not None and field.data < low:
            raise ValidationError(_l("The maximum must not be below the minimum."))
