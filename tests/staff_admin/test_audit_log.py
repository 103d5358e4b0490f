"""The audit log page: filters, paging, newest first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from app.extensions import db
from app.models import AuditEvent, User
from app.services.audit import actor_label


def add(
    action: str, object_type: str, object_id: int | None, at: datetime, actor: User | None = None
) -> None:
    db.session.add(
        AuditEvent(
            action=action,
            object_type=object_type,
            object_id=object_id,
            at=at,
            actor_id=actor.id if actor else None,
            actor_label=actor_label(actor),
            ip="203.0.113.9",
            detail={"note": f"{action}-{object_id}"},
        )
    )
    db.session.commit()


def rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return [chunk for chunk in body.split("<tr>")[1:]]


def test_filters_by_actor_object_action_and_seoul_dates(
    login_as: Callable, make_staff: Callable, make_startup: Callable
) -> None:
    staff = make_staff(locale="en", email="officer@seoul.example")
    _, user = make_startup()
    # 2026-03-01 23:30 UTC is already 2026-03-02 in Seoul.
    add("company.verified", "organization", 7, datetime(2026, 3, 1, 23, 30, tzinfo=UTC), staff)
    add("pairing.approved", "pairing", 3, datetime(2026, 3, 5, 1, 0, tzinfo=UTC), staff)
    add("pairing.requested", "pairing", 3, datetime(2026, 3, 4, 1, 0, tzinfo=UTC), user)
    add("sweep.expired", "pairing", 9, datetime(2026, 2, 1, 1, 0, tzinfo=UTC))
    client = login_as(staff)

    def shown(query: str) -> list[str]:
        html = client.get(f"/staff/audit?lang=en&{query}").get_data(as_text=True)
        return [r.split("<code>")[1].split("</code>")[0] for r in rows(html)]

    assert shown("") == [
        "pairing.approved",
        "pairing.requested",
        "company.verified",
        "sweep.expired",
    ]
    assert shown("actor=OFFICER@seoul.example") == ["pairing.approved", "company.verified"]
    assert shown(f"actor={user.id}") == ["pairing.requested"]
    assert shown("actor=system") == ["sweep.expired"]
    assert shown("object_type=pairing&object_id=3") == ["pairing.approved", "pairing.requested"]
    assert shown("action=pairing.") == ["pairing.approved", "pairing.requested"]
    assert shown("date_from=2026-03-02&date_to=2026-03-02") == ["company.verified"]
    assert shown("date_from=2026-03-04") == ["pairing.approved", "pairing.requested"]
    html = client.get("/staff/audit?lang=en&action=nothing").get_data(as_text=True)
    assert "No event matches these filters" in html


def test_shows_actor_time_ip_and_detail(login_as: Callable, make_staff: Callable) -> None:
    staff = make_staff(locale="en", email="officer@seoul.example")
    add("policy.saved", "policy", 2, datetime(2026, 3, 1, 23, 30, tzinfo=UTC), staff)
    html = login_as(staff).get("/staff/audit?lang=en").get_data(as_text=True)
    assert f"staff#{staff.id}" in html and "officer@seoul.example" in html
    assert "203.0.113.9" in html and "policy.saved-2" in html
    assert "Mar 2, 2026" in html and "8:30" in html  # 23:30 UTC, shown in Seoul time


def test_bad_filter_values_show_errors(login_as: Callable, make_staff: Callable) -> None:
    client = login_as(make_staff(locale="en"))
    html = client.get("/staff/audit?lang=en&date_from=2026-03-05&date_to=2026-03-01").get_data(
        as_text=True
    )
    assert "The end date is before the start date." in html


def test_log_pages(login_as: Callable, make_staff: Callable) -> None:
    staff = make_staff(locale="en")
    for n in range(25):
        add("thing.done", "thing", n + 1, datetime(2026, 3, 1, 0, n, tzinfo=UTC))
    client = login_as(staff)
    first = client.get("/staff/audit?lang=en").get_data(as_text=True)
    second = client.get("/staff/audit?lang=en&page=2").get_data(as_text=True)
    assert len(rows(first)) == 20 and len(rows(second)) == 5
    assert '"thing.done-25"' in first and '"thing.done-1"' not in first
    assert '"thing.done-1"' in second and '"thing.done-25"' not in second


def test_empty_log(login_as: Callable, make_staff: Callable) -> None:
    html = login_as(make_staff(locale="en")).get("/staff/audit?lang=en").get_data(as_text=True)
    assert "The log is empty" in html
