import pytest


@pytest.fixture(autouse=True)
def _no_open_data_cache(app):
    # Each test sees its own database's figures, never a copy cached by an earlier test.
    app.config["OPEN_DATA_CACHE_SECONDS"] = 0
