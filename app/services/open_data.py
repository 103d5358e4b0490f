"""The open data the city publishes (the API's statistics, the landing page's figures):
counts only, nothing that names a person or shows a draft. Months are calendar months
in Seoul time (the platform's reporting zone)."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, select

from app.extensions import db
from app.models import Need, Organization, StartupSector
from app.models.enums import (
    IotField,
    NeedStatus,
    OrganizationKind,
    Sector,
    VerificationStatus,
)
from app.services import funnel

SEOUL = ZoneInfo("Asia/Seoul")
# Answers are public and cacheable for five minutes anyway; each process keeps its own
# copy for a minute so a burst of visitors costs one set of aggregate queries.
_cache: dict[tuple[str, str], tuple[float, dict[str, Any]]] = {}


def cached(name: str, compute: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """``compute()``, reused for ``OPEN_DATA_CACHE_SECONDS`` per process and database."""
    key = (name, db.engine.url.render_as_string())
    now = time.monotonic()
    hit = _cache.get(key)
    if hit is not None and now - hit[0] < current_app.config["OPEN_DATA_CACHE_SECONDS"]:
        return hit[1]
    value = compute()
    _cache[key] = (now, value)
    return value


def company_stats() -> dict[str, Any]:
    """Verified companies by IoT field and by sector (counts only)."""
    verified = Organization.verification_status == VerificationStatus.VERIFIED
    kinds = dict(
        db.session.execute(
            select(Organization.kind, func.count()).where(verified).group_by(Organization.kind)
        ).all()
    )
    by_field = dict(
        db.session.execute(
            select(Organization.iot_field, func.count())
            .where(verified, Organization.kind == OrganizationKind.STARTUP)
            .group_by(Organization.iot_field)
        ).all()
    )
    startups_by_sector = dict(
        db.session.execute(
            select(StartupSector.sector, func.count())
            .join(Organization, Organization.id == StartupSector.organization_id)
            .where(verified, Organization.kind == OrganizationKind.STARTUP)
            .group_by(StartupSector.sector)
        ).all()
    )
    makers_by_sector = dict(
        db.session.execute(
            select(Organization.sector, func.count())
            .where(verified, Organization.kind == OrganizationKind.MANUFACTURER)
            .group_by(Organization.sector)
        ).all()
    )
    return {
        "verified_startups": kinds.get(OrganizationKind.STARTUP.value, 0),
        "verified_manufacturers": kinds.get(OrganizationKind.MANUFACTURER.value, 0),
        "startups_by_iot_field": [
            {"code": f.value, "count": by_field.get(f.value, 0)} for f in IotField
        ],
        "by_sector": [
            {
                "sector": s.value,
                "startups": startups_by_sector.get(s.value, 0),
                "manufacturers": makers_by_sector.get(s.value, 0),
            }
            for s in Sector
        ],
    }


def need_stats() -> dict[str, Any]:
    """Needs by status, and by sector and status (counts only)."""
    rows = db.session.execute(
        select(Need.sector, Need.status, func.count()).group_by(Need.sector, Need.status)
    ).all()
    by_status: Counter[str] = Counter()
    for _sector, status, count in rows:
        by_status[status] += count
    return {
        "total": sum(by_status.values()),
        "by_status": [{"code": s.value, "count": by_status.get(s.value, 0)} for s in NeedStatus],
        "by_sector_and_status": [
            {"sector": sector, "status": status, "count": count}
            for sector, status, count in sorted(rows)
        ],
    }


def _month(at: datetime) -> str:
    return at.astimezone(SEOUL).strftime("%Y-%m")


def pairing_funnel() -> dict[str, Any]:
    """Per month: requests made, approvals, pilots started, contracts (사업화) reached,
    each counted in the month the pairing reached it (``funnel.milestones``)."""
    months: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for steps in funnel.milestones().values():
        for step, at in steps.items():
            months[_month(at)][step] += 1
    return {
        "months": [
            {
                "month": month,
                "requested": counts["requested"],
                "approved": counts["approved"],
                "pilot": counts["pilot"],
                "commercialized": counts["commercialized"],
            }
            for month, counts in sorted(months.items())
        ]
    }
