from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def config_overrides(tmp_path: Any) -> dict[str, Any]:
    # Uploads between dry run and apply go to a per-test folder, not the real instance/.
    return {"IMPORT_DIR": str(tmp_path / "imports")}


@pytest.fixture
def in_request(app: Any) -> Any:
    """A request context, so services' lazy-translated errors can be raised and read."""
    with app.test_request_context("/?lang=en"):
        yield
