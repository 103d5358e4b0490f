"""Password hashing with argon2id, and the password policy (ASVS 6.2, 11.4.2).

The policy follows ASVS 5.0 / NIST 800-63B: at least 10 characters, no upper
limit below 128, no composition rules, no truncation, and no password from a
list of common and breached passwords. That list ships with the app
(``app/data/common-passwords.txt.gz``, taken from Django 5.2, BSD licence;
origin in ``app/data/README.md``) so nothing is fetched at run time.
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "common-passwords.txt.gz"


def hasher() -> PasswordHasher:
    """The argon2id hasher with the configured cost."""
    config = current_app.config
    return PasswordHasher(
        time_cost=config["ARGON2_TIME_COST"],
        memory_cost=config["ARGON2_MEMORY_COST"],
        parallelism=config["ARGON2_PARALLELISM"],
        type=Type.ID,
    )


def hash_password(password: str) -> str:
    """The argon2id hash to store for ``password``."""
    return hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; a missing hash costs the same time as a real one."""
    ph = hasher()
    if password_hash is None:
        # Equalise timing for unknown accounts so responses do not reveal which exist.
        try:
            ph.verify(_dummy_hash(), password + "-no-such-user")
        except (VerificationError, InvalidHashError):
            pass
        return False
    try:
        return ph.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether a stored hash was made with weaker parameters than today's."""
    try:
        return hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def unusable_password_hash() -> str:
    """A value no password verifies against (argon2 refuses it as a hash)."""
    return "!deleted"


@cache
def common_passwords() -> frozenset[str]:
    """The list of common passwords refused at sign-up (loaded once)."""
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def is_common_password(password: str) -> bool:
    """The list is lowercased, so ``Password123`` counts as common too."""
    return password.strip().casefold() in common_passwords()


_DUMMY: dict[tuple[int, int, int], str] = {}


def _dummy_hash() -> str:
    ph = hasher()
    key = (ph.time_cost, ph.memory_cost, ph.parallelism)
    if key not in _DUMMY:
        _DUMMY[key] = ph.hash("dummy-password-for-timing")
    return _DUMMY[key]
