"""Manufacturer profile and site forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from app import limits
from app.forms import BaseForm, NoControlCharacters, sector_choices
from app.startups.forms import CompanyFields

__all__ = ["DeleteForm", "ManufacturerProfileForm", "SiteForm"]


class ManufacturerProfileForm(CompanyFields):
    sector = SelectField(
        _l("Sector"), choices=sector_choices, validators=[InputRequired(_l("Choose a sector."))]
    )
    submit = SubmitField(_l("Save profile"))


class SiteForm(BaseForm):
    name = StringField(
        _l("Site name"),
        validators=[
            DataRequired(_l("Enter a name.")),
            Length(max=limits.SITE_NAME_MAX_LENGTH),
            NoControlCharacters(),
        ],
    )
    district = SelectField(
        _l("District"), choices=[], validators=[InputRequired(_l("Choose a district."))]
    )
    processes = TextAreaField(
        _l("Processes"),
        description=_l("e.g. press, welding, painting"),
        validators=[
            Optional(),
            Length(max=limits.SITE_PROCESSES_MAX_LENGTH),
            NoControlCharacters(multiline=True),
        ],
    )
    submit = SubmitField(_l("Save site"))


class DeleteForm(BaseForm):
    submit = SubmitField(_l("Delete"))
