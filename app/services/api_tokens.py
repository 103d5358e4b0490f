"""Personal API tokens: created and revoked on the account page, used as ``Bearer`` tokens.

Only the SHA-256 of a token is stored (ASVS 11.5.1); the token itself is shown once,
when it is created. A token acts as its user, so it dies with the account: a
deleted or disabled user's tokens authenticate nobody.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select

from app import limits
from app.extensions import db
from app.models import ApiToken, User
from app.models.types import utcnow
from app.services import audit
from app.services.errors import FieldError, LimitReached, NotFound, PermissionDenied

# Seoul IIoT Match: a fixed prefix makes a leaked token easy to recognise and scan for.
TOKEN_PREFIX = "siim_"  # noqa: S105 (a public prefix, not a secret)
PREFIX_LENGTH = 12
# Writing ``last_used_at`` on every call would turn each read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=5)


def hash_token(plaintext: str) -> str:
    """The stored form of a token: its SHA-256 hex digest (the token itself is never kept)."""
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def list_tokens(user: User) -> Select[tuple[ApiToken]]:
    """The user's tokens, newest first (revoked ones included, marked)."""
    return (
        select(ApiToken)
        .where(ApiToken.user_id == user.id)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it and its plaintext, which is never stored.

    Raises ``FieldError("name")`` for an empty or too long name and ``LimitReached``
    when the user already has ``limits.API_TOKENS_MAX_ACTIVE`` active tokens; ``PermissionDenied``
    for staff (their accounts reach every company's data, so they get no tokens). Commits.
    """
    if user.is_staff:
        raise PermissionDenied(_l("Staff accounts cannot have API tokens."))
    name = (name or "").strip()
    if not name:
        raise FieldError("name", _l("Give the token a name, e.g. the tool that will use it."))
    if len(name) > limits.API_TOKEN_NAME_MAX_LENGTH:
        raise FieldError("name", _l("The name may have at most 60 characters."))
    active = db.session.scalar(
        select(func.count())
        .select_from(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    )
    if (active or 0) >= limits.API_TOKENS_MAX_ACTIVE:
        raise LimitReached(_l("You have 10 active tokens. Revoke one you no longer use first."))
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name,
        token_hash=hash_token(plaintext),
        prefix=plaintext[:PREFIX_LENGTH],
    )
    db.session.add(token)
    db.session.flush()
    audit.record(
        "api_token.created",
        "api_token",
        token.id,
        actor=user,
        detail={"name": name, "prefix": token.prefix},
    )
    db.session.commit()
    return token, plaintext


def revoke_token(actor: User, token_id: int) -> ApiToken:
    """Revokes one of the actor's own tokens (others' answer ``NotFound``). Commits;
    revoking twice is a no-op."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != actor.id:
        raise NotFound()
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(
            "api_token.revoked",
            "api_token",
            token.id,
            actor=actor,
            detail={"name": token.name, "prefix": token.prefix},
        )
        db.session.commit()
    return token


def revoke_all_tokens(user: User, actor: User | None = None) -> int:
    """Revokes every active token of ``user`` (account deletion, disabling). Joins the
    caller's transaction; returns how many were revoked."""
    tokens = db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    ).all()
    now = utcnow()
    for token in tokens:
        token.revoked_at = now
        audit.record(
            "api_token.revoked", "api_token", token.id, actor=actor, detail={"prefix": token.prefix}
        )
    return len(tokens)


def bearer_token(header_value: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, else ``None``."""
    if not header_value:
        return None
    scheme, _, value = header_value.strip().partition(" ")
    value = value.strip()
    if scheme.lower() != "bearer" or not value or " " in value:
        return None
    return value


def authenticate_token(header_value: str | None) -> ApiToken | None:
    """The active token an ``Authorization`` header carries, with an active user;
    ``None`` for a missing, malformed, unknown or revoked token or a deleted or disabled
    account. May commit (it records ``last_used_at``, at most every few minutes)."""
    plaintext = bearer_token(header_value)
    if plaintext is None or len(plaintext) > 200:
        return None
    digest = hash_token(plaintext)
    token: ApiToken | None = db.session.scalar(
        select(ApiToken).where(ApiToken.token_hash == digest)
    )
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        return None
    if token.revoked_at is not None:
        return None
    user = token.user
    if user is None or not user.is_active:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        token.last_used_at = now
        db.session.commit()
    return token
