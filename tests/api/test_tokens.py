"""Personal API tokens: stored hashed, shown once, revocable, dead with their account."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select, text

from app import limits
from app.extensions import db
from app.models import ApiToken, AuditEvent
from app.models.types import utcnow
from app.services import api_tokens
from app.services.errors import FieldError, LimitReached, NotFound, PermissionDenied
from tests.api.helpers import bearer, token_for


@pytest.fixture
def in_request(app):
    # Domain errors carry translated messages, which need a request's locale.
    with app.test_request_context("/?lang=en"):
        yield


def test_only_the_sha256_of_a_token_is_stored(make_startup):
    _, user = make_startup()
    token, plaintext = api_tokens.create_token(user, "ERP sync")

    raw = db.session.execute(text("SELECT token_hash, prefix FROM api_tokens")).one()
    assert raw.token_hash == hashlib.sha256(plaintext.encode()).hexdigest()
    assert plaintext not in raw
    assert plaintext.startswith(raw.prefix) and len(plaintext) > 40
    assert token.name == "ERP sync"


def test_creating_and_revoking_are_audited(make_startup):
    _, user = make_startup()
    token, _ = api_tokens.create_token(user, "ERP sync")
    api_tokens.revoke_token(user, token.id)
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_type == "api_token")
    ).all()
    assert actions == ["api_token.created", "api_token.revoked"]


@pytest.mark.parametrize("name", ["", "   ", "x" * 61])
def test_a_token_needs_a_reasonable_name(in_request, make_startup, name):
    _, user = make_startup()
    with pytest.raises(FieldError):
        api_tokens.create_token(user, name)


def test_at_most_ten_active_tokens(in_request, make_startup):
    _, user = make_startup()
    for n in range(limits.API_TOKENS_MAX_ACTIVE):
        api_tokens.create_token(user, f"tool {n}")
    with pytest.raises(LimitReached):
        api_tokens.create_token(user, "one too many")


def test_staff_get_no_tokens(in_request, make_staff):
    with pytest.raises(PermissionDenied):
        api_tokens.create_token(make_staff(), "admin script")


def test_nobody_revokes_another_users_token(in_request, make_startup):
    _, owner = make_startup()
    _, other = make_startup()
    token, _ = api_tokens.create_token(owner, "mine")
    with pytest.raises(NotFound):
        api_tokens.revoke_token(other, token.id)
    assert db.session.get(ApiToken, token.id).revoked_at is None


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Basic abc", "Bearer siim_unknown", "bearer  a b", "Token abc"],
)
def test_malformed_or_unknown_headers_authenticate_nobody(make_startup, header):
    _, user = make_startup()
    token_for(user)
    assert api_tokens.authenticate_token(header) is None


def test_a_valid_token_authenticates_its_user_and_records_its_use(make_startup):
    _, user = make_startup()
    plaintext = token_for(user)
    token = api_tokens.authenticate_token(f"Bearer {plaintext}")
    assert token is not None and token.user_id == user.id
    assert token.last_used_at is not None


def test_a_revoked_token_or_a_deleted_account_authenticates_nobody(make_startup):
    _, user = make_startup()
    token, plaintext = api_tokens.create_token(user, "a")
    api_tokens.revoke_token(user, token.id)
    assert api_tokens.authenticate_token(f"Bearer {plaintext}") is None

    _, gone = make_startup()
    live = token_for(gone)
    gone.deleted_at = utcnow()
    db.session.commit()
    assert api_tokens.authenticate_token(f"Bearer {live}") is None


# ------------------------------------------------------------------ the account page


def test_the_account_page_shows_a_new_token_once(make_startup, login_as):
    _, user = make_startup()
    client = login_as(user)

    created = client.post("/me/tokens?lang=en", data={"tok-name": "ERP sync"})

    assert created.status_code == 201
    token = db.session.scalars(select(ApiToken)).one()
    page = created.get_data(as_text=True)
    assert "shown only this once" in page
    value = page.split('id="new-api-token"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    assert hashlib.sha256(value.encode()).hexdigest() == token.token_hash
    assert created.headers["Cache-Control"] == "private, no-store"

    again = client.get("/me?lang=en").get_data(as_text=True)
    assert "ERP sync" in again and token.prefix in again
    assert value not in again


def test_the_account_page_shows_a_bad_name_next_to_the_field(make_startup, login_as):
    _, user = make_startup()
    response = login_as(user).post("/me/tokens?lang=en", data={"tok-name": ""})
    assert response.status_code == 400
    assert 'id="tok-name-error"' in response.get_data(as_text=True)
    assert db.session.scalars(select(ApiToken)).all() == []


def test_revoking_on_the_account_page_stops_the_token(make_startup, login_as, client):
    _, user = make_startup()
    plaintext = token_for(user)
    token = db.session.scalars(select(ApiToken)).one()
    assert client.get("/api/v1/me", headers=bearer(plaintext)).status_code == 200

    response = login_as(user).post("/me/tokens/revoke", data={"rev-token_id": str(token.id)})

    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(ApiToken, token.id).revoked_at is not None
    assert client.get("/api/v1/me", headers=bearer(plaintext)).status_code == 401


def test_the_account_page_cannot_revoke_another_users_token(make_startup, login_as):
    _, owner = make_startup()
    _, other = make_startup()
    token_for(owner)
    token = db.session.scalars(select(ApiToken)).one()
    login_as(other).post("/me/tokens/revoke", data={"rev-token_id": str(token.id)})
    db.session.expire_all()
    assert db.session.get(ApiToken, token.id).revoked_at is None


def test_revoking_with_a_non_ascii_digit_is_refused_not_a_crash(login_as, make_startup) -> None:
    _, user = make_startup()
    response = login_as(user).post("/me/tokens/revoke", data={"rev-token_id": "³"})
    assert response.status_code < 500
