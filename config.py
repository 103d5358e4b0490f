"""Settings from the environment, with safe defaults.

``Config`` serves one machine with an embedded SQLite file under ``instance/``.
``ProductionConfig`` refuses to start without a strong ``SECRET_KEY``;
``TestConfig`` is what the test suite uses.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", BASE_DIR / "instance"))
WEAK_SECRET_KEYS = {"dev", "secret", "change-me", "changeme", "development", "test", "key"}


def database_url(default: str) -> str:
    """``DATABASE_URL`` with the psycopg 3 driver made explicit."""
    url = os.environ.get("DATABASE_URL", "").strip() or default
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _local_secret_key() -> str:
    """A random key kept in ``instance/`` so a local server's sessions survive restarts."""
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY") or None
    SQLALCHEMY_DATABASE_URI = database_url(f"sqlite:///{INSTANCE_DIR / 'app.db'}")
    REDIS_URL = os.environ.get("REDIS_URL") or None
    # Seconds one PostgreSQL statement (or any wait on the server) may take before the
    # request gives up with 503; 0 lifts the limit (long maintenance commands).
    DATABASE_TIMEOUT = float(os.environ.get("DATABASE_TIMEOUT", "4"))

    # Only these Host headers are answered (Flask 3.1 TRUSTED_HOSTS); comma separated.
    TRUSTED_HOSTS = [
        h.strip()
        for h in os.environ.get("TRUSTED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
        if h.strip()
    ] or None
    # Served over HTTPS (TLS at the proxy): secure cookies, HSTS, https links.
    HTTPS = _flag("HTTPS")
    # Production refuses to start without HTTPS unless this says it knowingly runs without.
    ALLOW_HTTP_IN_PRODUCTION = _flag("ALLOW_HTTP_IN_PRODUCTION")
    PREFERRED_URL_SCHEME = "https" if _flag("HTTPS") else "http"
    # How many reverse proxies stand in front (X-Forwarded-For/-Proto are trusted that deep);
    # 0 trusts none, so a client cannot fake its address past the rate limits.
    PROXY_HOPS = int(os.environ.get("PROXY_HOPS", "0"))

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _flag("HTTPS")
    # The __Host- prefix pins the cookie to this host and path; browsers require Secure for it.
    SESSION_COOKIE_NAME = "__Host-session" if _flag("HTTPS") else "session"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = _flag("HTTPS")
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)  # absolute lifetime of a session
    SESSION_IDLE_TIMEOUT = timedelta(hours=2)
    STAFF_SESSION_IDLE_TIMEOUT = timedelta(minutes=30)

    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 2 * 1024 * 1024
    WTF_CSRF_TIME_LIMIT = 3600

    BABEL_DEFAULT_LOCALE = "ko"
    BABEL_DEFAULT_TIMEZONE = "Asia/Seoul"
    LANGUAGES = ("ko", "en")
    BOOTSTRAP_SERVE_LOCAL = True

    # argon2id; OWASP's second recommended set (m=46 MiB, t=1, p=1) or stronger.
    ARGON2_TIME_COST = 2
    ARGON2_MEMORY_COST = 47104
    ARGON2_PARALLELISM = 1

    RATELIMIT_STORAGE_URI = REDIS_URL or "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    # Failed logins. One account from one address backs off step by step (a minute, then
    # an hour, then the day) without a CAPTCHA; one account from anywhere stops at 10 a
    # minute; one address, across accounts, only at a spray ceiling, so that an office
    # behind one NAT is not locked out by one colleague's typos.
    LOGIN_LIMIT_PER_PAIR = "10 per minute;20 per hour;50 per day"
    LOGIN_LIMIT_PER_ACCOUNT = "10 per minute"
    LOGIN_LIMIT_PER_ADDRESS = "100 per minute"
    # Failed API token lookups per address, counted before the database is asked.
    API_TOKEN_LOOKUP_LIMIT = "20 per minute"  # noqa: S105 (a rate, not a secret)
    # The second factor has only a million codes: a tight limit per pending login.
    TOTP_LIMIT = "5 per minute"

    # E-mail: "console" logs messages, "file" writes them under MAIL_FILE_DIR, "smtp" sends.
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "console")
    MAIL_FILE_DIR = os.environ.get("MAIL_FILE_DIR", str(INSTANCE_DIR / "mail"))
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USE_TLS = _flag("MAIL_USE_TLS", True)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "no-reply@iiot-match.seoul.kr")

    PRIVACY_TEXT_VERSION = "2026-11"
    # Published retention: personal data of accounts unused this long is destroyed
    # (`flask privacy-purge`, daily).
    PRIVACY_RETENTION_DAYS = 730
    ITEMS_PER_PAGE = 20  # every list page
    MATCHES_PER_PAGE = 10  # ranked cards are taller: fewer per page
    # How many ranked matches are stored per need and per startup.
    MATCHES_PER_NEED = 50
    MATCHES_PER_STARTUP = 20

    # The address mails link to (e.g. https://iiot-match.seoul.kr); empty: relative links.
    SITE_URL = os.environ.get("SITE_URL", "")
    # Uploaded import files wait here for review; None: instance/imports.
    IMPORT_DIR = os.environ.get("IMPORT_DIR") or None
    # The RQ queue of the recompute jobs, and how often `flask worker` runs the pairing sweep.
    RQ_QUEUE_NAME = "matches"
    SWEEP_INTERVAL_SECONDS = 3600
    # Open-data figures are computed at most this often per process.
    OPEN_DATA_CACHE_SECONDS = 60

    # The JSON API: rate limits per token and per address, and its OpenAPI document.
    # `make bench-web` raises the token limit through the environment.
    API_TOKEN_RATE_LIMIT = os.environ.get("API_TOKEN_RATE_LIMIT", "120 per minute")
    API_PUBLIC_RATE_LIMIT = os.environ.get("API_PUBLIC_RATE_LIMIT", "60 per minute")
    API_TITLE = "Seoul IIoT Match API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.1.0"
    OPENAPI_URL_PREFIX = None

    @classmethod
    def init_app(cls, app: object) -> None:
        """Fill what can only be known at start-up."""
        if not cls.SECRET_KEY:
            cls.SECRET_KEY = _local_secret_key()


class ProductionConfig(Config):
    ENV_NAME = "production"

    @classmethod
    def init_app(cls, app: object) -> None:
        key = cls.SECRET_KEY or ""
        if len(key) < 32 or key.lower() in WEAK_SECRET_KEYS:
            raise RuntimeError(
                "SECRET_KEY must be set to at least 32 random characters in production "
                "(python -c 'import secrets; print(secrets.token_hex(32))')"
            )
        if getattr(app, "debug", False):
            raise RuntimeError("debug mode must be off in production")
        if not cls.HTTPS and not cls.ALLOW_HTTP_IN_PRODUCTION:
            raise RuntimeError(
                "production must be served over HTTPS: set HTTPS=1 (TLS terminated at the "
                "proxy), or ALLOW_HTTP_IN_PRODUCTION=1 to run without it knowingly"
            )


class TestConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production-0123456789"  # noqa: S105 (tests only)
    SQLALCHEMY_DATABASE_URI = database_url("sqlite://")
    WTF_CSRF_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    TRUSTED_HOSTS = None
    # Cheap hashes keep the suite fast; the production parameters are tested on their own.
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 1024
    MAIL_BACKEND = "memory"
    OPEN_DATA_CACHE_SECONDS = 0  # every test sees its own database's figures


def config_for_environment() -> type[Config]:
    """The configuration ``APP_ENV`` names (development by default)."""
    return {"production": ProductionConfig, "testing": TestConfig}.get(
        os.environ.get("APP_ENV", "development"), Config
    )
