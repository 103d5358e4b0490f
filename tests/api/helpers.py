"""Builders for API tests: a token for a user, its header, a stored match."""

from __future__ import annotations

from typing import Any

from app.extensions import db
from app.models import Match, User
from app.services import api_tokens


def token_for(user: User, name: str = "test tool") -> str:
    _token, plaintext = api_tokens.create_token(user, name)
    return plaintext


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def store_match(need_id: int, startup_id: int, score: float, **fields: Any) -> Match:
    match = Match(
        need_id=need_id,
        startup_id=startup_id,
        score=score,
        reasons=fields.pop(
            "reasons",
            [{"kind": "sector", "ko": "같은 업종: 자동차/교통", "en": "Same sector: automotive"}],
        ),
        engine_version="test",
        **fields,
    )
    db.session.add(match)
    db.session.commit()
    return match
