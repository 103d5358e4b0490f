"""CSV exports: BOM, Korean, defused formulas, attachment, and the reason in the access log."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent
from app.services.exports import safe_cell
from tests.factories import make_pairing


@pytest.fixture
def world(make_startup: Callable, make_manufacturer: Callable, make_need: Callable) -> dict:
    startup, _ = make_startup(name='=HYPERLINK("http://evil")', contact_name="김담당")
    maker, _ = make_manufacturer(name="문래정밀", contact_name="+82 10")
    need = make_need(maker, title="@SUM(A1) 공구 마모 경보")
    make_pairing(need, startup, request_event=True)
    return {"startup": startup, "maker": maker, "need": need}


def read_csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("what", ["companies", "needs", "pairings"])
def test_each_export_downloads_with_bom_korean_and_defused_formulas(
    login_as: Callable, make_staff: Callable, world: dict, what: str
) -> None:
    staff = make_staff()
    response = login_as(staff).post(f"/staff/export/{what}.csv", data={"reason": "분기 보고"})
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment; filename=") and f"{what}-" in disposition
    assert b"\r\n" in response.data
    rows = read_csv(response.data)
    assert rows[0][0] == "id"
    cells = [cell for row in rows[1:] for cell in row]
    expected = {
        "companies": ['\'=HYPERLINK("http://evil")', "문래정밀", "김담당", "'+82 10"],
        "needs": ["'@SUM(A1) 공구 마모 경보", "문래정밀"],
        "pairings": ["'@SUM(A1) 공구 마모 경보", '\'=HYPERLINK("http://evil")'],
    }[what]
    for value in expected:
        assert value in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export.downloaded"))
    assert event.actor_id == staff.id
    assert event.detail == {"export": what, "reason": "분기 보고", "rows": len(rows) - 1}


@pytest.mark.parametrize("reason", ["", "  ", "x" * 201])
def test_download_without_a_reason_shows_the_form_again(
    login_as: Callable, make_staff: Callable, reason: str
) -> None:
    response = login_as(make_staff()).post("/staff/export/companies.csv", data={"reason": reason})
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert db.session.scalar(select(AuditEvent)) is None


def test_unknown_export_is_404(login_as: Callable, make_staff: Callable) -> None:
    client = login_as(make_staff())
    assert client.get("/staff/export/users.csv").status_code == 404
    assert client.post("/staff/export/users.csv", data={"reason": "x"}).status_code == 404


def test_export_form_posts_to_a_download_with_the_reason_logged(
    login_as: Callable, make_staff: Callable, world: dict
) -> None:
    client = login_as(make_staff(locale="en"))
    page = client.get("/staff/export?what=needs&lang=en").get_data(as_text=True)
    assert '<option selected value="needs">' in page or 'value="needs" selected' in page
    response = client.post("/staff/export", data={"what": "companies", "reason": "PIPA audit"})
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "김담당" in response.data.decode("utf-8-sig")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export.downloaded"))
    assert event.detail["reason"] == "PIPA audit"


def test_export_form_requires_a_reason(login_as: Callable, make_staff: Callable) -> None:
    client = login_as(make_staff(locale="en"))
    response = client.post("/staff/export?lang=en", data={"what": "companies", "reason": ""})
    assert response.status_code == 200
    assert "Say why you need this export." in response.get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent)) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        (None, ""),
        (["a", "b"], "a;b"),
        (3, "3"),
    ],
)
def test_safe_cell(value: object, expected: str) -> None:
    assert safe_cell(value) == expected
