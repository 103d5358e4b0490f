"""Matrix row 46: state changes only on POST (issue 13, item 10).

A staff CSV export writes an audit entry with the reason given, so a GET (a
link on another site) must export nothing and log nothing; the download is a
POST carrying the CSRF token and the reason in the body.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent
from tests import factories

EXPORTS = ("companies", "needs", "pairings")


@pytest.fixture
def config_overrides() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": True}


def _audit_rows() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def _csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert match, "the export form carries a CSRF token"
    return match.group(1)


@pytest.mark.parametrize("what", EXPORTS)
def test_row46_export_by_get_with_a_reason_exports_and_logs_nothing(
    app: Flask, login_as: Any, what: str
) -> None:
    factories.make_startup()
    client = login_as(factories.make_staff(locale="en"))
    before = _audit_rows()
    response = client.get(f"/staff/export/{what}.csv?reason=forged+by+a+link")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "Content-Disposition" not in response.headers
    assert 'method="post"' in response.get_data(as_text=True)
    assert _audit_rows() == before


@pytest.mark.parametrize("what", EXPORTS)
def test_row46_export_post_needs_the_csrf_token(app: Flask, login_as: Any, what: str) -> None:
    factories.make_startup()
    client = login_as(factories.make_staff(locale="en"))
    before = _audit_rows()
    forged = client.post(f"/staff/export/{what}.csv", data={"reason": "cross-site"})
    assert forged.status_code == 400
    assert _audit_rows() == before
    token = _csrf_token(client.get(f"/staff/export/{what}.csv").get_data(as_text=True))
    download = client.post(
        f"/staff/export/{what}.csv", data={"reason": "분기 보고", "csrf_token": token}
    )
    assert download.status_code == 200
    assert download.mimetype == "text/csv"
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "export.downloaded")
    ).one()
    assert event.detail["reason"] == "분기 보고"
    assert event.detail["export"] == what
