"""Matrix row 40: the same input rules in every door (issue 13, items 4 and 11).

NUL, C0 controls and bidi controls (U+202A–202E, U+2066–2069) are refused in
forms, the API and the service behind both; the zero-width joiner is allowed
inside an emoji sequence (👩‍💻) and nowhere else. Row 43 (hostile structure) for
the API: a JSON body nested 50,000 deep is a 400 problem, not a 500.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.extensions import db
from app.models import Pairing
from app.services import pairings
from app.services.errors import FieldError
from app.validators import has_control_characters
from tests.api.helpers import bearer, token_for
from tests.workflows_pairings.helpers import World

REFUSED = {
    "nul": "안녕\x00하세요",
    "c0": "벨\x07소리",
    "rlo": "invoice\u202egpj.exe",
    "lre": "a\u202ab",
    "rli": "a\u2067b",
    "pdi": "a\u2069b",
    "lone_zwj": "a\u200db",
}
ALLOWED = {
    "korean": "진동 센서로 해 보겠습니다.\n두 번째 줄",
    "emoji_zwj": "개발자 👩\u200d💻 팀",
    "flag_zwj": "🏳\ufe0f\u200d🌈 환영",
    "family": "👨\u200d👩\u200d👧",
    "skin_tone": "👍🏽",
}


def _pairings() -> int:
    return db.session.scalar(select(func.count()).select_from(Pairing)) or 0


@pytest.mark.parametrize("text", REFUSED.values(), ids=REFUSED.keys())
def test_row40_api_refuses_control_characters_with_400_problem(
    app: Flask, client: Any, text: str
) -> None:
    world = World()
    response = client.post(
        f"/api/v1/needs/{world.need.id}/interest",
        json={"message": text, "consent_to_contact": True},
        headers=bearer(token_for(world.startup_user)),
    )
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert "message" in response.get_json()["errors"]
    assert _pairings() == 0


@pytest.mark.parametrize("text", ALLOWED.values(), ids=ALLOWED.keys())
def test_row40_api_accepts_korean_newlines_and_emoji_sequences(
    app: Flask, client: Any, text: str
) -> None:
    world = World()
    response = client.post(
        f"/api/v1/needs/{world.need.id}/interest",
        json={"message": text, "consent_to_contact": True},
        headers=bearer(token_for(world.startup_user)),
    )
    assert response.status_code == 201, response.get_json()
    assert db.session.scalars(select(Pairing.message)).one() == text


@pytest.mark.parametrize("text", REFUSED.values(), ids=REFUSED.keys())
def test_row40_service_refuses_control_characters(app: Flask, text: str) -> None:
    world = World()
    with pytest.raises(FieldError) as raised:
        pairings.express_interest(
            world.need,
            world.startup,
            actor=world.startup_user,
            message=text,
            consent_to_contact=True,
        )
    assert raised.value.field == "message"
    db.session.rollback()
    assert _pairings() == 0


@pytest.mark.parametrize(
    ("text", "refused"),
    [*((t, True) for t in REFUSED.values()), *((t, False) for t in ALLOWED.values())],
)
def test_row40_form_rule_allows_emoji_joiner_only_inside_emoji(text: str, refused: bool) -> None:
    assert has_control_characters(text) is refused


def test_row40_form_accepts_emoji_sequence_and_refuses_bidi(app: Flask, login_as: Any) -> None:
    world = World()
    client = login_as(world.startup_user)
    refused = client.post(
        f"/needs/{world.need.id}/interest",
        data={"message": "검토 부탁\u202e드립니다", "consent": "y"},
    )
    assert refused.status_code in (200, 400)  # the form again, with the field's error
    assert "검토 부탁" in refused.get_data(as_text=True)
    assert _pairings() == 0
    accepted = client.post(
        f"/needs/{world.need.id}/interest",
        data={"message": "함께 해요 👩\u200d💻", "consent": "y"},
    )
    assert accepted.status_code == 302
    assert _pairings() == 1


def test_row43_api_deeply_nested_json_is_a_400_problem(app: Flask, client: Any) -> None:
    world = World()
    depth = 50_000
    body = '{"message": ' + "[" * depth + "]" * depth + ', "consent_to_contact": true}'
    response = client.post(
        f"/api/v1/needs/{world.need.id}/interest",
        data=body,
        content_type="application/json",
        headers=bearer(token_for(world.startup_user)),
    )
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert _pairings() == 0
