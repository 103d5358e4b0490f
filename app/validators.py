"""Checks of Korean identifiers and text, shared by forms, the importer and the API."""

from __future__ import annotations

import re
import unicodedata

import email_validator

BRN_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)
# C0/C1 controls, zero-width characters, and the bidi marks, embeddings, overrides and
# isolates (U+200E/F, U+202A-202E, U+2066-2069) that make text read other than it is.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)
# Pictographs that join into one emoji (👩‍💻, 🏳️‍🌈): the zero-width joiner is allowed between
# two of them (the first may carry the emoji presentation selector U+FE0F), nowhere else.
_PICTOGRAPH = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u27bf"
    "\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
_EMOJI_JOINER = re.compile(f"(?<=[{_PICTOGRAPH}])\ufe0f?\u200d(?=[{_PICTOGRAPH}])")


def normalize_brn(value: str) -> str:
    """사업자등록번호 with dashes and spaces removed."""
    return re.sub(r"[\s-]", "", value or "")


def is_valid_brn(value: str) -> bool:
    """Checks a 사업자등록번호 (10 digits) against its check digit.

    The check digit is the National Tax Service's: weights 1,3,7,1,3,7,1,3,5
    over the first nine digits, plus the tens of 5 x the ninth digit.
    """
    digits = normalize_brn(value)
    if not re.fullmatch(r"\d{10}", digits):
        return False
    numbers = [int(c) for c in digits]
    total = sum(d * w for d, w in zip(numbers, BRN_WEIGHTS, strict=False))
    total += (numbers[8] * 5) // 10
    return (10 - total % 10) % 10 == numbers[9]


def is_valid_email(value: str) -> bool:
    """An e-mail address by its syntax (no DNS lookup): the forms' and the importer's rule."""
    try:
        email_validator.validate_email(value, check_deliverability=False)
    except email_validator.EmailNotValidError:
        return False
    return True


def format_brn(value: str) -> str:
    digits = normalize_brn(value)
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}" if len(digits) == 10 else value


def clean_text(value: str | None) -> str:
    """NFC-normalised text without surrounding space. Korean stays as typed, composed."""
    return unicodedata.normalize("NFC", value or "").strip()


def has_control_characters(value: str, *, allow_newlines: bool = True) -> bool:
    if not allow_newlines and ("\n" in value or "\r" in value or "\t" in value):
        return True
    return bool(_CONTROL.search(_EMOJI_JOINER.sub("", value)))
