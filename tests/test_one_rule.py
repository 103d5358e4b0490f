"""One home for each rule: the app's codes and defaults agree with the engine's, and the
forms, the API, the importer and the services read the same limits."""

from __future__ import annotations

from typing import Any

import pytest

import matching
from app import limits
from app.api.schemas import InterestSchema, PageArgs
from app.models.enums import IotField, NeedStatus, Sector
from app.pairings.forms import DeclineForm, InterestForm
from app.services import pairings
from app.services.errors import FieldError
from app.services.imports import _company_values, _Reader
from app.startups.forms import MAX_TAG_LENGTH, MAX_TAGS


def test_the_apps_sectors_and_iot_fields_are_the_engines() -> None:
    assert set(Sector) == set(matching.SECTORS)
    assert set(IotField) == set(matching.IOT_FIELDS)


def _max_length(unbound_field: Any) -> int:
    """The ``Length(max=…)`` of a form's (unbound) field."""
    validators = unbound_field.kwargs["validators"]
    return next(v.max for v in validators if isinstance(getattr(v, "max", None), int) and v.max > 0)


def test_interest_message_limit_is_the_same_in_the_form_the_api_and_the_service(
    app: Any,
) -> None:
    api_limit = InterestSchema().fields["message"].validate.max
    form_limit = _max_length(InterestForm.message)
    assert api_limit == form_limit == limits.PAIRING_MESSAGE_MAX_LENGTH
    assert PageArgs().fields["limit"].validate.max == limits.API_PAGE_MAX


def test_the_service_refuses_a_note_over_the_forms_limit(
    app: Any, make_startup: Any, make_manufacturer: Any, make_need: Any
) -> None:
    startup, startup_user = make_startup()
    maker, _ = make_manufacturer()
    need = make_need(maker, status=NeedStatus.OPEN)
    pairing = pairings.invite_startup(
        need, startup, actor=maker.users[0], message="같이 해요", consent_to_contact=True
    )
    form_limit = _max_length(DeclineForm.note)
    assert form_limit == limits.PAIRING_NOTE_MAX_LENGTH
    with pytest.raises(FieldError) as refused:
        pairings.decline_pairing(
            pairing, actor=startup_user, reason="out_of_scope", note="가" * (form_limit + 1)
        )
    assert refused.value.field == "note"


class _Item:
    def __init__(self) -> None:
        self.refused: dict[str, Any] = {}

    def refuse(self, name: str, message: Any) -> None:
        self.refused[name] = message


@pytest.mark.parametrize(
    ("email", "accepted"),
    [("contact@example.com", True), ("a@b", False), ("no-at-sign.example.com", False)],
)
def test_the_importer_checks_e_mail_as_the_forms_do(app: Any, email: str, accepted: bool) -> None:
    from app.validators import is_valid_email

    item = _Item()
    reader = _Reader({"name": "회사", "business_reg_no": "", "contact_email": email}, item)
    _company_values(reader, "manufacturer")
    assert ("contact_email" not in item.refused) is accepted is is_valid_email(email)


def test_the_importer_takes_the_forms_tag_limits(app: Any) -> None:
    assert (MAX_TAGS, MAX_TAG_LENGTH) == (limits.TAG_MAX_COUNT, limits.TAG_MAX_LENGTH)
    item = _Item()
    _Reader({"capabilities": ["가" * (limits.TAG_MAX_LENGTH + 1)]}, item).tags("capabilities")
    assert "capabilities" in item.refused
    item = _Item()
    tags = _Reader({"capabilities": ["가" * limits.TAG_MAX_LENGTH]}, item).tags("capabilities")
    assert tags and not item.refused
