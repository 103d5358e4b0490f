"""City-scale synthetic data for load tests (``flask demo-data --scale N``).

Rows go in with bulk ``INSERT``s in chunks; only a handful of login accounts are made,
all sharing one password hash, because hashing is the slow part.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import insert, select

from app.database import refresh_planner_statistics
from app.demo.brn import SCALE_MANUFACTURER_OFFICE, make_brn, scale_startup_brn
from app.demo.constants import DEMO_PASSWORD, SCALE_EMAIL_DOMAIN
from app.demo.counts import added_since, table_counts
from app.demo.phrases import (
    NAME_HEADS_KO,
    SECTOR_WEIGHTS,
    SECTORS,
    need_text,
    person_name,
    startup_profile,
)
from app.extensions import db
from app.models import Consent, Need, Organization, Site, StartupSector, User
from app.models.enums import (
    ConsentPurpose,
    NeedStatus,
    OrganizationKind,
    Role,
    VerificationStatus,
)
from app.models.types import utcnow
from app.services.passwords import hash_password

SEED = 2026
CHUNK = 2000
MANUFACTURERS = 30
STARTUP_ACCOUNTS = 50
DAY = timedelta(days=1)


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
    loader = _ScaleLoader(random.Random(SEED), utcnow())  # noqa: S311  (synthetic data, not secrets)
    try:
        startup_ids = loader.insert_startups(startups)
        maker_ids = loader.insert_manufacturers()
        loader.insert_needs(startups // 5)
        loader.insert_accounts(maker_ids, startup_ids[:STARTUP_ACCOUNTS])
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    refresh_planner_statistics(db.session)
    return added_since(before)


def _chunks(rows: Sequence[dict[str, Any]]) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def _insert_returning_ids(model: type, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Bulk-inserts ``rows`` and returns their new ids in the same order."""
    ids: list[int] = []
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    for chunk in _chunks(rows):
        ids.extend(db.session.scalars(statement, list(chunk)))
    return ids


def _districts(sector: str) -> tuple[str, ...]:
    """Where that sector's sites cluster in Seoul."""
    return SECTORS[sector][-1]


def _insert(model: type, rows: Sequence[dict[str, Any]]) -> None:
    for chunk in _chunks(rows):
        db.session.execute(insert(model), list(chunk))


class _ScaleLoader:
    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng = rng
        self.now = now
        self.staff_id = db.session.scalar(
            select(User.id).where(User.role == Role.STAFF).order_by(User.id).limit(1)
        )
        self.sites: list[tuple[int, str, int]] = []  # (organization id, sector, site id)

    def _company_row(self, index: int, days_ago: int) -> dict[str, Any]:
        created_at = self.now - days_ago * DAY
        return {
            "created_at": created_at,
            "updated_at": created_at,
            "last_active_at": self.now - self.rng.randint(0, 60) * DAY,
            "contact_name": person_name(self.rng),
            "contact_phone": f"010-0000-{index % 10_000:04d}",
            "verification_status": VerificationStatus.VERIFIED,
            "verified_at": created_at + DAY,
            "employees": self.rng.randint(2, 120),
            "founded_year": self.rng.randint(1985, 2025),
            "capabilities_text": "",
        }

    def insert_startups(self, count: int) -> list[int]:
        rows, sectors = [], []
        for n in range(count):
            profile = startup_profile(self.rng)
            slug = f"startup{n + 1:05d}"
            row = self._company_row(n, self.rng.randint(2, 700))
            row.update(
                kind=OrganizationKind.STARTUP,
                name=profile["name"],
                business_reg_no=scale_startup_brn(n),
                district=self.rng.choice(_districts(profile["sectors"][0])),
                description=profile["description"],
                website=f"https://{slug}.example",
                contact_email=f"hello@{slug}.example",
                iot_field=profile["iot_field"],
                capabilities=profile["capabilities"],
                founded_year=self.rng.randint(2005, 2025),
            )
            rows.append(row)
            sectors.append(profile["sectors"])
        ids = _insert_returning_ids(Organization, rows)
        links = [
            {"organization_id": org_id, "sector": sector}
            for org_id, codes in zip(ids, sectors, strict=True)
            for sector in codes
        ]
        _insert(StartupSector, links)
        return ids

    def insert_manufacturers(self) -> list[int]:
        codes = list(SECTOR_WEIGHTS)
        # Every sector at least once, the rest following the survey's weights.
        sectors = codes + self.rng.choices(
            codes, weights=list(SECTOR_WEIGHTS.values()), k=MANUFACTURERS - len(codes)
        )
        rows = []
        for n, sector in enumerate(sectors):
            slug = f"maker{n + 1:02d}"
            row = self._company_row(n, self.rng.randint(30, 900))
            row.update(
                kind=OrganizationKind.MANUFACTURER,
                name=NAME_HEADS_KO[n % len(NAME_HEADS_KO)] + SECTORS[sector][4],
                business_reg_no=make_brn(SCALE_MANUFACTURER_OFFICE, 86, n + 1),
                district=self.rng.choice(_districts(sector)),
                description=f"{SECTORS[sector][0]}입니다. 주요 공정: {SECTORS[sector][5]}.",
                website=f"https://{slug}.example",
                contact_email=f"factory@{slug}.example",
                sector=sector,
                capabilities=[],
            )
            rows.append(row)
        ids = _insert_returning_ids(Organization, rows)
        site_rows = []
        for org_id, row in zip(ids, rows, strict=True):
            for number in range(1, self.rng.randint(1, 2) + 1):
                site_rows.append(
                    {
                        "organization_id": org_id,
                        "name": f"제{number}공장",
                        "district": self.rng.choice(_districts(row["sector"])),
                        "processes": SECTORS[row["sector"]][5],
                        "created_at": row["created_at"],
                    }
                )
        site_ids = _insert_returning_ids(Site, site_rows)
        sector_of = {org_id: row["sector"] for org_id, row in zip(ids, rows, strict=True)}
        self.sites = [
            (site["organization_id"], sector_of[site["organization_id"]], site_id)
            for site, site_id in zip(site_rows, site_ids, strict=True)
        ]
        return ids

    def insert_needs(self, count: int) -> None:
        rows = []
        for _ in range(count):
            org_id, sector, site_id = self.rng.choice(self.sites)
            created_at = self.now - self.rng.randint(1, 120) * DAY
            budget_min = self.rng.choice((300, 500, 1000, 2000, 3000, 5000)) * 10_000
            rows.append(
                {
                    **need_text(self.rng, sector),
                    "organization_id": org_id,
                    "site_id": site_id,
                    "sector": sector,
                    "budget_min_krw": budget_min,
                    "budget_max_krw": budget_min * self.rng.choice((1, 2, 3)),
                    "deadline": (self.now + self.rng.randint(14, 120) * DAY).date(),
                    "status": NeedStatus.OPEN,
                    "created_at": created_at,
                    "updated_at": created_at,
                    "submitted_at": created_at,
                    "reviewed_at": created_at + DAY,
                    "reviewed_by_id": self.staff_id,
                    "opened_at": created_at + DAY,
                }
            )
        _insert(Need, rows)

    def insert_accounts(self, maker_ids: Sequence[int], startup_ids: Sequence[int]) -> None:
        password_hash = hash_password(DEMO_PASSWORD)  # once: every account shares it
        accounts = [
            (f"maker{n}@{SCALE_EMAIL_DOMAIN}", Role.MANUFACTURER, org_id)
            for n, org_id in enumerate(maker_ids, start=1)
        ] + [
            (f"startup{n}@{SCALE_EMAIL_DOMAIN}", Role.STARTUP, org_id)
            for n, org_id in enumerate(startup_ids, start=1)
        ]
        rows = [
            {
                "email": email,
                "password_hash": password_hash,
                "role": role,
                "organization_id": org_id,
                "locale": "ko",
                "is_active_account": True,
                "session_version": 1,
                "created_at": self.now,
                "password_changed_at": self.now,
            }
            for email, role, org_id in accounts
        ]
        user_ids = _insert_returning_ids(User, rows)
        version = current_app.config["PRIVACY_TEXT_VERSION"]
        _insert(
            Consent,
            [
                {
                    "user_id": user_id,
                    "purpose": purpose,
                    "text_version": version,
                    "granted_at": self.now,
                }
                for user_id in user_ids
                for purpose in (ConsentPurpose.PRIVACY_REQUIRED, ConsentPurpose.CONTACT_PROVISION)
            ],
        )
