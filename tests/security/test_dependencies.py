"""Installed versions are at least those that fix the advisories in SECURITY.md.

pip-audit in .ci/run checks every package when its service is reachable; this test
holds the line for the web stack's known advisories even when it is not.
"""

from importlib.metadata import version

import pytest
from packaging.version import Version

MINIMUMS = {
    "flask": "3.1.3",  # CVE-2026-27205 (Vary: Cookie), CVE-2025-47278
    "werkzeug": "3.1.6",  # CVE-2024-34069 (debugger), safe_join and multipart advisories
    "jinja2": "3.1.6",  # sandbox breakouts CVE-2024-56201, CVE-2024-56326, CVE-2025-27516
    "flask-wtf": "1.2.1",
    "flask-login": "0.6.3",
}


@pytest.mark.parametrize(("package", "minimum"), sorted(MINIMUMS.items()))
def test_installed_version_is_not_vulnerable(package: str, minimum: str) -> None:
    assert Version(version(package)) >= Version(minimum)
