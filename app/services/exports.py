"""CSV exports for staff: companies, needs and pairings.

UTF-8 with a byte-order mark, so Korean Excel opens the file correctly; cells
that a spreadsheet would run as a formula are defused (ASVS 1.2.10). Every
download is logged with the reason given, as PIPA asks of access to personal
data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import limits
from app.extensions import db
from app.models import Need, Organization, Pairing, User
from app.models.types import utcnow
from app.services import audit
from app.services.errors import FieldError, NotFound, PermissionDenied

EXPORTS = ("companies", "needs", "pairings")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """The cell as text; a leading ``= + - @ tab CR`` gets a ``'`` so it stays text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "1" if value else "0"
    elif isinstance(value, datetime):
        text = value.isoformat(timespec="seconds")
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, list | tuple):
        text = ";".join(str(item) for item in value)
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """RFC 4180 CSV (CRLF line ends, quoting as needed), UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


COMPANY_HEADER = tuple(
    (
        "id kind name business_reg_no district iot_field sector sectors capabilities "
        "description employees founded website verification_status contact_name contact_email "
        "contact_phone created_at last_active_at"
    ).split()
)
NEED_HEADER = tuple(
    (
        "id manufacturer manufacturer_id title sector status required_capabilities district "
        "budget_min_krw budget_max_krw deadline created_at opened_at closed_at"
    ).split()
)
PAIRING_HEADER = tuple(
    (
        "id need_id need_title manufacturer startup startup_id initiated_by status stage "
        "requested_at answered_at decided_at introduced_at stage_changed_at closed_at"
    ).split()
)


def _companies() -> tuple[Sequence[str], list[list[Any]]]:
    organizations = db.session.scalars(
        select(Organization)
        .options(selectinload(Organization.sector_links))
        .order_by(Organization.id)
    )
    rows = [
        [
            o.id,
            o.kind,
            o.name,
            o.business_reg_no,
            o.district,
            o.iot_field,
            o.sector,
            o.sectors if o.is_startup else [],
            o.capabilities or [],
            o.description,
            o.employees,
            o.founded_year,
            o.website,
            o.verification_status,
            o.contact_name,
            o.contact_email,
            o.contact_phone,
            o.created_at,
            o.last_active_at,
        ]
        for o in organizations
    ]
    return COMPANY_HEADER, rows


def _needs() -> tuple[Sequence[str], list[list[Any]]]:
    needs = db.session.scalars(
        select(Need)
        .options(selectinload(Need.organization), selectinload(Need.site))
        .order_by(Need.id)
    )
    rows = [
        [
            n.id,
            n.organization.name,
            n.organization_id,
            n.title,
            n.sector,
            n.status,
            n.required_capabilities or [],
            n.district,
            n.budget_min_krw,
            n.budget_max_krw,
            n.deadline,
            n.created_at,
            n.opened_at,
            n.closed_at,
        ]
        for n in needs
    ]
    return NEED_HEADER, rows


def _pairings() -> tuple[Sequence[str], list[list[Any]]]:
    pairings = db.session.scalars(
        select(Pairing)
        .options(
            selectinload(Pairing.need).selectinload(Need.organization),
            selectinload(Pairing.startup),
        )
        .order_by(Pairing.id)
    )
    rows = [
        [
            p.id,
            p.need_id,
            p.need.title,
            p.need.organization.name,
            p.startup.name,
            p.startup_id,
            p.initiated_by,
            p.status,
            p.stage,
            p.requested_at,
            p.answered_at,
            p.decided_at,
            p.introduced_at,
            p.stage_changed_at,
            p.closed_at,
        ]
        for p in pairings
    ]
    return PAIRING_HEADER, rows


_BUILDERS = {"companies": _companies, "needs": _needs, "pairings": _pairings}


def export_filename(what: str) -> str:
    """The download name of an export: its kind and today's date (UTC)."""
    return f"{what}-{utcnow():%Y%m%d}.csv"


def export_csv(what: str, *, actor: User, reason: str) -> bytes:
    """The CSV of one export, logged as ``export.downloaded`` with the reason and row count.

    Staff only (``PermissionDenied``); an unknown export raises ``NotFound``; an
    empty or over-long reason raises ``FieldError('reason')``.
    """
    if actor is None or not actor.is_staff:
        raise PermissionDenied(_l("Only city staff may export data."))
    if what not in _BUILDERS:
        raise NotFound(_l("There is no such export."))
    reason = (reason or "").strip()
    if not reason:
        raise FieldError("reason", _l("Say why you need this export."))
    if len(reason) > limits.EXPORT_REASON_MAX_LENGTH:
        raise FieldError("reason", _l("The reason is too long."))
    header, rows = _BUILDERS[what]()
    content = to_csv(header, rows)
    audit.record(
        "export.downloaded",
        "export",
        None,
        actor=actor,
        detail={"export": what, "reason": reason, "rows": len(rows)},
    )
    db.session.commit()
    return content
