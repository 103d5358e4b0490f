"""The ranked lists read from stored ``Match`` rows; nothing is ranked during a request.

Both queries honour the policy in force: the lowest score shown, and whether only
verified companies are listed. They return a ``select()`` the view paginates; each
row is a ``Match`` with its ``need`` (or ``startup``) loaded by the same query.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, false, func, or_, select
from sqlalchemy.orm import aliased, contains_eager

from app import limits
from app.models import Match, Need, Organization, Policy, Site, StartupSector
from app.models.enums import NeedStatus
from app.services.policy import current_policy
from app.services.standing import listed_statuses


@dataclass(frozen=True)
class MatchFilters:
    sector: str | None = None
    district: str | None = None
    min_budget_krw: int | None = None  # the need's maximum budget is at least this
    iot_field: str | None = None
    search: str | None = None


def like_pattern(text: str) -> str:
    """A LIKE pattern that finds ``text`` literally: ``%``, ``_`` and ``\\`` escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _listed(status_column: SQLColumnExpression[str], policy: Policy) -> ColumnElement[bool]:
    # Rejected and suspended companies are never listed; pending ones only when the
    # policy lists unverified companies too.
    return status_column.in_(listed_statuses(policy))


def _contains(text: str, *columns: SQLColumnExpression[str | None]) -> ColumnElement[bool]:
    """Any of ``columns`` holds ``text`` literally, ignoring case (the lists' search box)."""
    pattern = like_pattern(text[: limits.SEARCH_MAX_LENGTH])
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))


def list_needs_for_startup(startup: Organization, filters: MatchFilters) -> Select[tuple[Match]]:
    """Open needs ranked for ``startup``, best first; empty unless the startup is
    verified (only verified companies browse needs, whatever the listing policy)."""
    policy = current_policy()
    manufacturer = aliased(Organization)
    district = func.coalesce(Site.district, manufacturer.district)
    query = (
        select(Match)
        .join(Need, Need.id == Match.need_id)
        .join(manufacturer, manufacturer.id == Need.organization_id)
        .outerjoin(Site, Site.id == Need.site_id)
        .options(
            contains_eager(Match.need).contains_eager(Need.site),
            contains_eager(Match.need).contains_eager(Need.organization.of_type(manufacturer)),
        )
        .where(
            Match.startup_id == startup.id,
            Need.status == NeedStatus.OPEN,
            Match.score >= policy.min_score,
            _listed(manufacturer.verification_status, policy),
        )
    )
    if not startup.is_verified:
        query = query.where(false())
    if filters.sector:
        query = query.where(Need.sector == filters.sector)
    if filters.district:
        query = query.where(district == filters.district)
    if filters.min_budget_krw is not None:
        query = query.where(Need.budget_max_krw >= filters.min_budget_krw)
    if filters.search:
        query = query.where(_contains(filters.search, Need.title, Need.description))
    return query.order_by(Match.score.desc(), Need.id.desc())


def list_startups_for_need(need: Need, filters: MatchFilters) -> Select[tuple[Match]]:
    """Startups ranked for ``need``, best first, as the policy lets them be listed."""
    policy = current_policy()
    query = (
        select(Match)
        .join(Organization, Organization.id == Match.startup_id)
        .options(contains_eager(Match.startup))
        .where(
            Match.need_id == need.id,
            Match.score >= policy.min_score,
            _listed(Organization.verification_status, policy),
        )
    )
    if filters.iot_field:
        query = query.where(Organization.iot_field == filters.iot_field)
    if filters.district:
        query = query.where(Organization.district == filters.district)
    if filters.sector:
        query = query.where(
            select(StartupSector.organization_id)
            .where(
                StartupSector.organization_id == Organization.id,
                StartupSector.sector == filters.sector,
            )
            .exists()
        )
    if filters.search:
        query = query.where(
            _contains(
                filters.search,
                Organization.name,
                Organization.description,
                Organization.capabilities_text,
            )
        )
    return query.order_by(Match.score.desc(), Organization.id.desc())


def reason_text(reason: dict[str, object], locale: str) -> str:
    """The engine's reason in the reader's language, else in the other one."""
    other = "en" if locale == "ko" else "ko"
    return str(reason.get(locale) or reason.get(other) or "")
