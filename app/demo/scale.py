"""City-scale synthetic data for load tests (``flask demo-data --scale N``).

The companies and needs are the engine's benchmark corpus (``matching.bench.make_corpus``),
checked line by line by the staff importer's dry run (``plan_import``) and then written
with bulk ``INSERT``s in chunks, since applying ten thousand lines one by one would take
minutes. Only a handful of login accounts are made, all sharing one password hash,
because hashing is the slow part.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import current_app
from sqlalchemy import insert, select

from app.database import refresh_planner_statistics
from app.demo.brn import SCALE_MANUFACTURER_OFFICE, make_brn, scale_startup_brn
from app.demo.constants import DEMO_PASSWORD, SCALE_EMAIL_DOMAIN
from app.demo.counts import added_since, table_counts
from app.demo.records import plan
from app.extensions import db
from app.models import Consent, Need, Organization, Site, StartupSector, User
from app.models.enums import (
    ConsentPurpose,
    NeedStatus,
    OrganizationKind,
    Role,
    Sector,
    VerificationStatus,
)
from app.models.types import utcnow
from app.services.imports import ImportPlan
from app.services.passwords import hash_password
from matching.bench import make_corpus

SEED = 2026
CHUNK = 2000
MANUFACTURERS = 30
STARTUP_ACCOUNTS = 50


def scale_data_present() -> bool:
    email = f"maker1@{SCALE_EMAIL_DOMAIN}"
    return db.session.scalar(select(User.id).where(User.email == email)) is not None


def load_scale_data(startups: int) -> dict[str, int]:
    """Adds ``startups`` verified startups, 30 manufacturers and ``startups // 5`` open needs.

    Deterministic (fixed seed) and added on top of whatever the database holds, in one
    transaction. Accounts: ``maker{n}@scale.demo.seoul.kr`` per manufacturer and
    ``startup{n}@scale.demo.seoul.kr`` for the first 50 startups, password
    ``DEMO_PASSWORD``. Raises ``RuntimeError`` when scale data is loaded already and
    ``ValueError`` for a count below one.
    """
    if startups < 1:
        raise ValueError("the number of startups must be at least 1")
    if scale_data_present():
        raise RuntimeError(
            "Scale data is already loaded; start from an empty database to load another size."
        )
    before = table_counts()
    n_needs = startups // 5
    # The needs past n_needs only lend the manufacturers their names and descriptions.
    corpus_startups, corpus_needs = make_corpus(startups, n_needs + MANUFACTURERS, SEED)
    makers = _manufacturers(corpus_needs[n_needs:])
    try:
        startup_ids = _insert_companies(plan(_startups(corpus_startups), "startup"))
        maker_ids = _insert_companies(plan(makers, "manufacturer"))
        _insert_needs(plan(_needs(corpus_needs[:n_needs], makers), "need"))
        _insert_accounts(maker_ids, startup_ids[:STARTUP_ACCOUNTS])
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    refresh_planner_statistics(db.session)
    return added_since(before)


def _contact(slug: str, index: int) -> dict[str, str]:
    return {
        "website": f"https://{slug}.example",
        "contact_email": f"hello@{slug}.example",
        "contact_phone": f"010-0000-{index % 10_000:04d}",
    }


def _startups(corpus: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {**record, "business_reg_no": scale_startup_brn(n), **_contact(f"startup{n + 1:05d}", n)}
        for n, record in enumerate(corpus)
    ]


def _manufacturers(lenders: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Thirty manufacturers, every sector at least twice, named apart from those stored."""
    taken = set(
        db.session.scalars(
            select(Organization.name).where(Organization.kind == OrganizationKind.MANUFACTURER)
        )
    )
    sectors = list(Sector)
    makers = []
    for n, lender in enumerate(lenders):
        name = lender["manufacturer"]
        if name in taken:
            name = f"{name} {n + 1}"
        taken.add(name)
        makers.append(
            {
                "name": name,
                "business_reg_no": make_brn(SCALE_MANUFACTURER_OFFICE, 86, n + 1),
                "sector": str(sectors[n % len(sectors)]),
                "description": lender["description"],
                "district": lender["district"],
                "sites": [{"name": "제1공장", "district": lender["district"]}],
                **_contact(f"maker{n + 1:02d}", n),
            }
        )
    return makers


def _needs(corpus: Sequence[dict[str, Any]], makers: Sequence[dict[str, Any]]) -> list[dict]:
    """The corpus needs, each given to a manufacturer of its sector in turn; numbered,
    since the importer takes a manufacturer's second need of one title for the first."""
    by_sector: dict[str, list[str]] = {}
    for maker in makers:
        by_sector.setdefault(maker["sector"], []).append(maker["name"])
    needs = []
    for n, record in enumerate(corpus):
        names = by_sector[record["sector"]]
        title = f"{record['title']} ({n + 1})"
        needs.append({**record, "manufacturer": names[n % len(names)], "title": title})
    return needs


def _insert(model: type, rows: Sequence[dict[str, Any]], *, returning: bool = False) -> list[int]:
    """Bulk-inserts ``rows`` in chunks; with ``returning``, their new ids in row order."""
    ids: list[int] = []
    for start in range(0, len(rows), CHUNK):
        chunk = list(rows[start : start + CHUNK])
        if returning:
            statement = insert(model).returning(model.id, sort_by_parameter_order=True)
            ids.extend(db.session.scalars(statement, chunk))
        else:
            db.session.execute(insert(model), chunk)
    return ids


def _uniform(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same keys in every row (one ``executemany``); the importer leaves out absent ones."""
    keys = {key for row in rows for key in row}
    return [{key: row.get(key) for key in keys} for row in rows]


def _insert_companies(checked: ImportPlan) -> list[int]:
    """Writes the planned new companies, verified; returns their ids in plan order."""
    now = utcnow()
    rows, sectors, sites = [], [], []
    for item in checked.items:
        if item.action != "create":
            raise RuntimeError(f"{item.name}: a company with this number is already stored")
        values = dict(item.values)
        sectors.append(values.pop("sectors", []))
        sites.append(values.pop("sites", None) or [])
        rows.append({"kind": item.kind, **values})
    common = {"verification_status": VerificationStatus.VERIFIED, "verified_at": now}
    ids = _insert(Organization, [{**row, **common} for row in _uniform(rows)], returning=True)
    links = [
        {"organization_id": org_id, "sector": sector}
        for org_id, codes in zip(ids, sectors, strict=True)
        for sector in codes
    ]
    _insert(StartupSector, links)
    site_rows = [
        {"organization_id": org_id, "processes": "", **site}
        for org_id, org_sites in zip(ids, sites, strict=True)
        for site in org_sites
    ]
    _insert(Site, site_rows)
    return ids


def _insert_needs(checked: ImportPlan) -> None:
    """Writes the planned needs open, at the first site of their manufacturer."""
    now = utcnow()
    names = {item.values["manufacturer"] for item in checked.items}
    site_of = dict(
        db.session.execute(
            select(Organization.name, Site.id)
            .join(Site, Site.organization_id == Organization.id)
            .where(Organization.kind == OrganizationKind.MANUFACTURER, Organization.name.in_(names))
            .order_by(Site.id.desc())
        ).all()
    )
    org_of = dict(
        db.session.execute(
            select(Organization.name, Organization.id).where(
                Organization.kind == OrganizationKind.MANUFACTURER, Organization.name.in_(names)
            )
        ).all()
    )
    rows = []
    for item in checked.items:
        values = dict(item.values)
        name = values.pop("manufacturer")
        values.pop("district", None)
        rows.append(
            {
                **values,
                "organization_id": org_of[name],
                "site_id": site_of[name],
                "status": NeedStatus.OPEN,
                "submitted_at": now,
                "opened_at": now,
                "reviewed_at": now,
            }
        )
    _insert(Need, _uniform(rows))


def _insert_accounts(maker_ids: Sequence[int], startup_ids: Sequence[int]) -> None:
    password_hash = hash_password(DEMO_PASSWORD)  # once: every account shares it
    version = current_app.config["PRIVACY_TEXT_VERSION"]
    accounts = [
        (f"maker{n}@{SCALE_EMAIL_DOMAIN}", Role.MANUFACTURER, org_id)
        for n, org_id in enumerate(maker_ids, start=1)
    ] + [
        (f"startup{n}@{SCALE_EMAIL_DOMAIN}", Role.STARTUP, org_id)
        for n, org_id in enumerate(startup_ids, start=1)
    ]
    purposes = (ConsentPurpose.PRIVACY_REQUIRED, ConsentPurpose.CONTACT_PROVISION)
    db.session.add_all(
        User(
            email=email,
            password_hash=password_hash,
            role=role,
            organization_id=org_id,
            password_changed_at=utcnow(),
            consents=[Consent(purpose=p, text_version=version) for p in purposes],
        )
        for email, role, org_id in accounts
    )
    db.session.flush()
