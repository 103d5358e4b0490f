"""Property-based run of the live OpenAPI document against the app (schemathesis).

Bounded: at most 20 examples per operation, a fixed seed, no deadline. It checks that
no request makes a server error and that every response matches the document
(status code, content type, body schema).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.helpers import store_match, token_for

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
STARTUP_PATHS = ("/api/v1/matches", "/api/v1/needs/{need_id}/interest")


@pytest.fixture
def config_overrides():
    return {
        "API_TOKEN_RATE_LIMIT": "100000 per minute",
        "API_PUBLIC_RATE_LIMIT": "100000 per minute",
    }


@pytest.fixture
def tokens(app, make_startup, make_manufacturer, make_need):
    startup, startup_user = make_startup()
    maker, maker_user = make_manufacturer()
    need = make_need(maker)
    store_match(need.id, startup.id, 0.7)
    return {"startup": token_for(startup_user), "maker": token_for(maker_user)}


def test_the_api_keeps_its_documented_contract(app, tokens):
    # Driven by hand rather than schemathesis' pytest plugin, which pytest 9 breaks.
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10

    for operation in operations:
        token = tokens["startup"] if operation.path in STARTUP_PATHS else tokens["maker"]
        conformance_run(operation, {"Authorization": f"Bearer {token}"})()


def conformance_run(operation, headers):
    @given(case=operation.as_strategy())
    @settings(
        max_examples=20,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def conforms(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    return conforms
