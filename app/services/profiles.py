"""Company profiles: a startup's or a manufacturer's own page, its sites, its contact person.

The capability vocabulary comes from the engine (``matching``); while the engine's
loader is unavailable the shipped JSON file is read directly, and without either the
suggestions are simply empty.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import limits
from app.extensions import db
from app.models import Organization, Site, User
from app.models.enums import OrganizationKind, Role
from app.models.types import utcnow
from app.services import audit, standing
from app.services.errors import NotFound, PermissionDenied
from app.services.policy import current_policy
from app.services.staleness import request_recompute
from app.validators import clean_text

logger = logging.getLogger(__name__)

_VOCABULARY_DIR = Path(__file__).resolve().parents[2] / "matching" / "data" / "vocabulary"


@dataclass(frozen=True)
class CapabilityTerm:
    """One capability of the vocabulary, with its names in both languages."""

    id: str
    ko: str
    en: str
    synonyms: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def capability_terms() -> tuple[CapabilityTerm, ...]:
    """The engine's bilingual capabilities; empty when the vocabulary cannot be read."""
    try:
        from matching.vocabulary import load_vocabulary

        vocabulary = load_vocabulary()
        return tuple(
            CapabilityTerm(c.id, c.ko, c.en, (*c.synonyms_ko, *c.synonyms_en))
            for c in vocabulary.capabilities
        )
    except (ImportError, OSError, ValueError, KeyError):
        logger.warning("engine vocabulary unavailable, reading %s", _VOCABULARY_DIR)
    try:
        concepts = [
            c
            for path in sorted(_VOCABULARY_DIR.glob("[!_]*.json"))
            for c in json.loads(path.read_text("utf-8"))["concepts"]
        ]
        return tuple(
            CapabilityTerm(
                c["id"],
                c["ko"],
                c["en"],
                (*c.get("synonyms", {}).get("ko", ()), *c.get("synonyms", {}).get("en", ())),
            )
            for c in concepts
        )
    except (OSError, ValueError, KeyError):
        logger.exception("capability vocabulary unavailable")
        return ()


def suggest_capabilities(query: str, limit: int = 10) -> list[CapabilityTerm]:
    """Capabilities whose name or synonym (ko or en) starts with, then contains, ``query``."""
    q = clean_text(query).casefold()
    if not q:
        return []
    starts: list[CapabilityTerm] = []
    contains: list[CapabilityTerm] = []
    for term in capability_terms():
        names = [n.casefold() for n in (term.ko, term.en, *term.synonyms)]
        if any(n.startswith(q) for n in names):
            starts.append(term)
        elif any(q in n for n in names):
            contains.append(term)
    return (starts + contains)[:limit]


def clean_tags(
    tags: list[str],
    *,
    limit: int = limits.TAG_MAX_COUNT,
    max_length: int = limits.TAG_MAX_LENGTH,
) -> list[str]:
    """Tags trimmed, without blanks or duplicates (ignoring case), at most ``limit``."""
    seen: set[str] = set()
    kept: list[str] = []
    for raw in tags:
        tag = clean_text(raw)[:max_length]
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            kept.append(tag)
    return kept[:limit]


@dataclass(frozen=True)
class ContactPerson:
    name: str
    email: str
    phone: str | None = None


@dataclass(frozen=True)
class CompanyProfile:
    """What a company may change on its own profile, and nothing else."""

    description: str
    contact: ContactPerson
    website: str | None = None
    employees: int | None = None
    founded_year: int | None = None
    # Startups
    iot_field: str | None = None
    sectors: list[str] = field(default_factory=list)
    capabilities: list[str] = field(default_factory=list)
    capabilities_text: str = ""
    # Manufacturers
    sector: str | None = None


def _own_organization(actor: User, kind: OrganizationKind) -> Organization:
    if actor.role != Role(kind.value) or actor.organization is None:
        raise PermissionDenied(_l("Only the company's own accounts may do this."))
    return actor.organization


def update_profile(profile: CompanyProfile, *, actor: User) -> Organization:
    """Saves the actor's own company profile; a startup's matches are then recomputed.

    Only the listed fields change: kind, verification and ownership are never touched.
    Raises ``PermissionDenied`` for staff or an account without a company.
    """
    if actor.role not in (Role.STARTUP, Role.MANUFACTURER) or actor.organization is None:
        raise PermissionDenied(_l("Only the company's own accounts may do this."))
    org = actor.organization
    org.description = profile.description
    org.website = profile.website or None
    org.employees = profile.employees
    org.founded_year = profile.founded_year
    org.contact_name = profile.contact.name
    org.contact_email = profile.contact.email.casefold()
    org.contact_phone = profile.contact.phone or None
    org.last_active_at = utcnow()
    if org.is_startup:
        org.iot_field = profile.iot_field
        org.sectors = list(profile.sectors)
        org.capabilities = clean_tags(profile.capabilities)
        org.capabilities_text = profile.capabilities_text
        request_recompute(startup_ids=[org.id])
    else:
        org.sector = profile.sector
        # A manufacturer's open needs read its sector and district; refresh them too.
        request_recompute(need_ids=[n.id for n in org.needs])
    audit.record("company.profile_updated", "organization", org.id, actor=actor)
    db.session.commit()
    return org


@dataclass(frozen=True)
class SiteData:
    name: str
    district: str
    processes: str = ""


def get_listed_startup(startup_id: int) -> Organization:
    """A startup a manufacturer may see and invite: listed under the policy in force
    (verified, when the policy lists only verified companies); ``NotFound`` otherwise."""
    startup = db.session.get(Organization, startup_id)
    if startup is None or startup.kind != OrganizationKind.STARTUP:
        raise NotFound()
    if not standing.is_listed(startup, current_policy()):
        raise NotFound()
    return startup


def get_own_site(actor: User, site_id: int) -> Site:
    """The actor's manufacturer's site; ``NotFound`` for any other site."""
    org = _own_organization(actor, OrganizationKind.MANUFACTURER)
    site: Site | None = db.session.scalar(
        select(Site).where(Site.id == site_id, Site.organization_id == org.id)
    )
    if site is None:
        raise NotFound()
    return site


def add_site(data: SiteData, *, actor: User) -> Site:
    """Adds a site to the actor's own manufacturer."""
    org = _own_organization(actor, OrganizationKind.MANUFACTURER)
    site = Site(organization=org, name=data.name, district=data.district, processes=data.processes)
    db.session.add(site)
    db.session.flush()
    org.last_active_at = utcnow()
    audit.record("site.created", "site", site.id, actor=actor)
    db.session.commit()
    return site


def update_site(site: Site, data: SiteData, *, actor: User) -> Site:
    """Changes one of the actor's sites; the needs posted for it are re-ranked."""
    if site.organization_id != _own_organization(actor, OrganizationKind.MANUFACTURER).id:
        raise NotFound()
    site.name, site.district, site.processes = data.name, data.district, data.processes
    from app.models import Need

    need_ids = db.session.scalars(select(Need.id).where(Need.site_id == site.id)).all()
    request_recompute(need_ids=need_ids)
    audit.record("site.updated", "site", site.id, actor=actor)
    db.session.commit()
    return site


def delete_site(site: Site, *, actor: User) -> None:
    """Removes one of the actor's sites; its needs keep existing without a site."""
    if site.organization_id != _own_organization(actor, OrganizationKind.MANUFACTURER).id:
        raise NotFound()
    audit.record("site.deleted", "site", site.id, actor=actor, detail={"name": site.name})
    db.session.delete(site)
    db.session.commit()


def missing_profile_fields(organization: Organization) -> list[str]:
    """Names of the profile parts still empty that ranking relies on."""
    missing = []
    if not organization.description:
        missing.append("description")
    if organization.is_startup:
        if not organization.iot_field:
            missing.append("iot_field")
        if not organization.sectors:
            missing.append("sectors")
        if not organization.capabilities and not organization.capabilities_text:
            missing.append("capabilities")
    else:
        if not organization.sector:
            missing.append("sector")
        if not organization.sites:
            missing.append("sites")
    return missing
