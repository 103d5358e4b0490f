"""Filters and globals the templates use to show codes in the user's language."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlencode

from flask import Flask, request
from flask_babel import format_date, format_datetime, get_locale

from app.models.enums import (
    IOT_FIELD_LABELS,
    NEED_STATUS_LABELS,
    PAIRING_OUTCOME_LABELS,
    PAIRING_STAGE_LABELS,
    PAIRING_STATUS_LABELS,
    POLICY_SETTING_LABELS,
    REJECTION_REASONS,
    SECTOR_LABELS,
    VERIFICATION_LABELS,
    district_label,
)

LABELS = {
    "sector": SECTOR_LABELS,
    "iot_field": IOT_FIELD_LABELS,
    "need_status": NEED_STATUS_LABELS,
    "pairing_status": PAIRING_STATUS_LABELS,
    "pairing_stage": PAIRING_STAGE_LABELS,
    "pairing_outcome": PAIRING_OUTCOME_LABELS,
    "verification": VERIFICATION_LABELS,
    "reason": REJECTION_REASONS,
    "policy_setting": POLICY_SETTING_LABELS,
}


def label(code: str | None, vocabulary: str) -> str:
    """The translated label of a code, or the code itself when it is unknown."""
    if not code:
        return ""
    return str(LABELS[vocabulary].get(code, code))


def locale_code() -> str:
    return str(get_locale() or "ko")


# Minutes are enough on every page; Korean readers expect 오전/오후, which CLDR keeps for
# the wide day period only (its abbreviated one is "AM"/"PM").
DATETIME_PATTERNS = {"ko": "yyyy. M. d. aaaa h:mm", "en": "MMM d, yyyy, h:mm a"}


def date_filter(value: date | datetime | None, style: str = "medium") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if style == "medium":
            style = DATETIME_PATTERNS.get(locale_code(), style)
        return format_datetime(value, style)
    return format_date(value, style)


def krw(value: int | None) -> str:
    """Amounts in 만원 for Korean readers, in KRW for English ones."""
    if value is None:
        return ""
    if locale_code() == "ko":
        return f"{value // 10_000:,}만원"
    return f"KRW {value:,}"


def url_with_lang(lang: str) -> str:
    args = request.args.to_dict(flat=True)
    args["lang"] = lang
    return f"{request.path}?{urlencode(args)}"


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters.update(
        label=label,
        date=date_filter,
        krw=krw,
        district=lambda code: district_label(code, locale_code()),
    )
    app.jinja_env.globals.update(locale_code=locale_code, url_with_lang=url_with_lang)
