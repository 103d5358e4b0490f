"""The Korean catalogue must be complete, current and safe to format.

These tests read the .po file directly (no Flask app). When one fails because
a new UI string has no Korean yet, run ``make extract-messages`` and translate
the new entries in ``app/translations/ko/LC_MESSAGES/messages.po``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
KO_PO = ROOT / "app" / "translations" / "ko" / "LC_MESSAGES" / "messages.po"
BABEL_CFG = ROOT / "babel.cfg"

# The keywords `pybabel extract -k _l` uses (Babel's defaults: _, gettext,
# ngettext, pgettext, ...) plus the lazy variants of Flask-Babel.
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "_l": None,
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
    "lazy_pgettext": ((1, "c"), 2),
}

# printf-style conversions as Python's % operator reads them: %(name)s, %d, %.1f, %%
PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]"
)


@cache
def ko_catalog() -> Catalog:
    with KO_PO.open("rb") as f:
        return read_po(f, locale="ko")


def _messages() -> list[Message]:
    return [m for m in ko_catalog() if m.id]


def _singular(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def _texts(value: str | tuple[str, ...] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _placeholders(text: str) -> Counter[str]:
    found = Counter(m.group(0) for m in PLACEHOLDER.finditer(text))
    # A "%" that is not part of any conversion breaks "%" formatting (Jinja's
    # newstyle gettext always formats), so count it too.
    stray = text.count("%") - sum(m.group(0).count("%") for m in PLACEHOLDER.finditer(text))
    if stray:
        found["<stray %>"] = stray
    return found


def test_catalogue_header_is_korean() -> None:
    catalog = ko_catalog()
    assert str(catalog.locale) == "ko"
    assert catalog.num_plurals == 1
    assert catalog.plural_expr == "0"


def test_every_message_has_a_korean_translation() -> None:
    messages = _messages()
    assert messages, f"{KO_PO} holds no messages"
    problems = []
    for m in messages:
        strings = _texts(m.string)
        if m.fuzzy:
            problems.append(f"fuzzy: {_singular(m.id)!r}")
        elif not strings or not all(s.strip() for s in strings):
            problems.append(f"untranslated: {_singular(m.id)!r}")
        elif m.pluralizable and len(strings) != ko_catalog().num_plurals:
            problems.append(f"wrong number of plural forms: {_singular(m.id)!r}")
    assert not problems, (
        f"{len(problems)} message(s) in {KO_PO.relative_to(ROOT)} need a Korean "
        "translation (and no '#, fuzzy' flag):\n  " + "\n  ".join(problems)
    )


def _extracted_ids() -> dict[tuple[str, str | None], list[str]]:
    with BABEL_CFG.open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f, str(BABEL_CFG))
    found: dict[tuple[str, str | None], list[str]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True
    ):
        msgid = _singular(message)
        if msgid:
            found.setdefault((msgid, context), []).append(f"{filename}:{lineno}")
    return found


def test_every_source_string_is_in_the_korean_catalogue() -> None:
    extracted = _extracted_ids()
    assert extracted, "no translatable strings were extracted; is babel.cfg still valid?"
    in_catalog = {(_singular(m.id), m.context) for m in _messages()}
    missing = sorted(key for key in extracted if key not in in_catalog)
    listing = "\n  ".join(
        f"{msgid!r}"
        + (f" (context {context!r})" if context else "")
        + f"  [{extracted[(msgid, context)][0]}]"
        for msgid, context in missing
    )
    assert not missing, (
        f"{len(missing)} UI string(s) have no Korean translation:\n  {listing}\n"
        "Run `make extract-messages`, then translate the new entries in "
        f"{KO_PO.relative_to(ROOT)}."
    )


@pytest.mark.parametrize("message", _messages(), ids=lambda m: _singular(m.id)[:40])
def test_placeholders_match(message: Message) -> None:
    sources = _texts(message.id)
    expected = _placeholders(sources[-1] if message.pluralizable else sources[0])
    for translation in _texts(message.string):
        if translation:
            assert _placeholders(translation) == expected, (
                f"placeholders differ between msgid {_singular(message.id)!r} "
                f"and msgstr {translation!r}"
            )
