"""The app served on 127.0.0.1 by the tests themselves, and Debian's Chromium driving it.

One server per test session: a fresh SQLite file under a temporary folder, migrated with
``flask db upgrade`` and loaded with the demo data, always SQLite whatever ``DATABASE_URL``
says (the browser journeys test the pages, the rest of the suite tests both databases).
CSRF is on and only 127.0.0.1/localhost are trusted hosts, as in production.

Every page fixture fails its test on a server error (5xx) or a console error, which is
how a Content-Security-Policy violation (an inline script or style) shows up.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.browser.support import ARTIFACTS, CHROMIUM, DESKTOP, PageWatch, login

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_config(root: Path) -> type:
    from config import TestConfig

    class BrowserConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{root / 'browser.db'}"
        WTF_CSRF_ENABLED = True
        TRUSTED_HOSTS = ("127.0.0.1", "localhost")
        MAIL_BACKEND = "memory"
        REDIS_URL = None  # match recomputation runs inline, right after each request
        RATELIMIT_STORAGE_URI = "memory://"
        # Several journeys log the same staff account in within a minute.
        LOGIN_LIMIT_PER_ACCOUNT = "1000 per minute"
        LOGIN_LIMIT_PER_ADDRESS = "1000 per minute"
        TOTP_LIMIT = "1000 per minute"
        # A live server renders its own error pages instead of raising into the test.
        PROPAGATE_EXCEPTIONS = False

    return BrowserConfig


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Flask]]:
    from flask_migrate import upgrade
    from werkzeug.serving import make_server

    from app import create_app
    from app.demo import load_demo_data
    from app.extensions import db
    from app.services import matching

    # One log line per request would drown the report of a failing journey.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    root = tmp_path_factory.mktemp("browser-app")
    app = create_app(browser_config(root))
    with app.app_context():
        upgrade()
        load_demo_data()
        # The demo loader stores no matches; `flask recompute-matches --all` would.
        matching.recompute_all()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}", app
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def base_url(live_server: tuple[str, Flask]) -> str:
    return live_server[0]


@pytest.fixture(scope="session")
def live_app(live_server: tuple[str, Flask]) -> Flask:
    """The served app, for looking up rows a test needs (never for changing them)."""
    return live_server[1]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Contexts:
    """Opens browser contexts (one per person) and closes them after the test."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.watches: list[PageWatch] = []
        self._contexts: list[Any] = []

    def new_page(
        self, *, locale: str = "ko-KR", viewport: dict[str, int] | None = None, **options: Any
    ) -> Any:
        context = self.browser.new_context(
            base_url=self.base_url,
            locale=locale,
            viewport=viewport or DESKTOP,
            **options,
        )
        context.set_default_timeout(10_000)
        self._contexts.append(context)
        page = context.new_page()
        self.watches.append(PageWatch(page))
        return page

    def logged_in(self, email: str, *, lang: str = "ko", **options: Any) -> Any:
        page = self.new_page(locale="en-US" if lang == "en" else "ko-KR", **options)
        login(page, email, lang=lang)
        return page

    def close(self) -> None:
        for context in self._contexts:
            context.close()


@pytest.fixture
def contexts(browser: Any, base_url: str) -> Iterator[Contexts]:
    opened = Contexts(browser, base_url)
    yield opened
    problems = [p for watch in opened.watches for p in watch.problems]
    opened.close()
    assert not problems, "the browser saw errors:\n" + "\n".join(problems)


@pytest.fixture
def page(contexts: Contexts) -> Any:
    return contexts.new_page()
