from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from babel import Locale
from flask import Flask, g

from app.services import mail
from tests.workflows_pairings.helpers import World


@pytest.fixture(autouse=True)
def empty_outbox() -> Iterator[None]:
    mail.outbox.clear()
    yield
    mail.outbox.clear()


@pytest.fixture(autouse=True)
def english_outside_requests(app: Flask) -> None:
    """Domain errors translate their message when raised; give calls outside a request
    a locale (``app.i18n.select_locale`` needs a request)."""
    g._flask_babel = SimpleNamespace(babel_locale=Locale.parse("en"))


@pytest.fixture
def world(app: Flask) -> World:
    return World()
