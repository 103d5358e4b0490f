"""Every main page, in Korean and in English, checked by axe-core and by the house rules.

axe-core (WCAG 2.2 A/AA and best practice) must find no serious or critical violation,
colour contrast included. Each page also has exactly one h1, ``<html lang>`` in the page's
language, a title, a label for every form field, and no sideways scrolling at phone width.
The pages are checked as each role sees them, with the demo data.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.models import Match, Need, Organization, Pairing, User
from app.models.enums import NeedStatus, PairingStatus, VerificationStatus
from tests.browser.support import (
    BROWSER_MARKS,
    MAKER,
    PHONE,
    STAFF,
    STARTUP,
    axe_violations,
    describe,
    page_structure,
    path_of,
    screenshot,
)

pytestmark = BROWSER_MARKS

ANONYMOUS_PAGES = ["/", "/signup", "/login", "/privacy", "/no-such-page", "/api/v1/docs"]
STAFF_PAGES = [
    "/staff",
    "/staff/companies",
    "{company}",
    "/staff/needs",
    "{need_under_review}",
    "/staff/pairings",
    "{staff_pairing}",
    "/staff/policy",
    "/staff/dashboard",
    "/staff/export",
    "/staff/audit",
    "/staff/import",
    "/staff/support-programs",
    "/notifications",
    "/me",
]
STARTUP_PAGES = [
    "/dashboard",
    "/startups/profile",
    "/matches",
    "/needs/{matched_need}",
    "/needs/{matched_need}/interest",
    "/pairings",
    "/pairings/{startup_pairing}",
    "/notifications",
    "/me",
]
MAKER_PAGES = [
    "/dashboard",
    "/manufacturers/profile",
    "/needs",
    "/needs/new",
    "/needs/{own_need}",
    "/needs/{own_need}/matches",
    "/pairings",
    "/pairings/{maker_pairing}",
]


def demo_ids(app: Flask) -> dict[str, Any]:
    """Rows of the demo data that the pages with an id in their URL show."""
    with app.app_context():
        startup = db.session.scalar(select(User).where(User.email == STARTUP)).organization
        maker = db.session.scalar(select(User).where(User.email == MAKER)).organization
        matched_need = db.session.scalar(
            select(Match.need_id)
            .join(Need, Need.id == Match.need_id)
            .where(Match.startup_id == startup.id, Need.status == NeedStatus.OPEN)
            .order_by(Match.score.desc())
            .limit(1)
        )
        own_need = db.session.scalar(
            select(Need.id)
            .where(Need.organization_id == maker.id, Need.status == NeedStatus.OPEN)
            .order_by(Need.id)
            .limit(1)
        )
        startup_pairing = db.session.scalar(
            select(Pairing.id).where(Pairing.startup_id == startup.id).order_by(Pairing.id)
        )
        maker_pairing = db.session.scalar(
            select(Pairing.id)
            .join(Need, Need.id == Pairing.need_id)
            .where(Need.organization_id == maker.id)
            .order_by(Pairing.id)
        )
        staff_pairing = db.session.scalar(
            select(Pairing.id).where(Pairing.status == PairingStatus.ACCEPTED).order_by(Pairing.id)
        )
        company = db.session.scalar(
            select(Organization.id)
            .where(Organization.verification_status == VerificationStatus.PENDING)
            .order_by(Organization.id)
        )
        under_review = db.session.scalar(
            select(Need.id).where(Need.status == NeedStatus.UNDER_REVIEW).order_by(Need.id)
        )
        db.session.remove()
    ids = {
        "matched_need": matched_need,
        "own_need": own_need,
        "startup_pairing": startup_pairing,
        "maker_pairing": maker_pairing,
        "staff_pairing": f"/staff/pairings/{staff_pairing}" if staff_pairing else "",
        "company": f"/staff/companies/{company}" if company else "",
        "need_under_review": f"/staff/needs/{under_review}" if under_review else "",
    }
    missing = [
        k for k in ("matched_need", "own_need", "startup_pairing", "maker_pairing") if not ids[k]
    ]
    assert not missing, f"the demo data lacks rows for {missing}"
    return ids


def audit_pages(page: Any, paths: list[str], lang: str, ids: dict[str, Any]) -> list[str]:
    """Visits each page; returns every problem found, so one run reports them all."""
    problems: list[str] = []
    for template in paths:
        path = template.format(**ids)
        if not path:
            continue
        page.goto(f"{path}{'&' if '?' in path else '?'}lang={lang}")
        where = f"{path} [{lang}]"
        info = page_structure(page)
        if info["lang"] != lang:
            problems.append(f"{where}: <html lang={info['lang']!r}>")
        if info["h1"] != 1:
            problems.append(f"{where}: {info['h1']} h1 elements")
        if not info["title"].strip():
            problems.append(f"{where}: no title")
        if info["unlabelled"]:
            problems.append(f"{where}: fields without a label: {info['unlabelled']}")
        if info["scrollWidth"] > info["innerWidth"]:
            problems.append(f"{where}: scrolls sideways ({info['scrollWidth']} px)")
        violations = axe_violations(page)
        if violations:
            problems.append(f"{where}: axe\n{describe(violations)}")
    return problems


ROLES = {
    "visitor": (None, ANONYMOUS_PAGES),
    "startup": (STARTUP, STARTUP_PAGES),
    "manufacturer": (MAKER, MAKER_PAGES),
    "staff": (STAFF, STAFF_PAGES),
}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("role", list(ROLES))
def test_main_pages_pass_axe_and_page_rules(
    contexts: Any, live_app: Flask, role: str, lang: str
) -> None:
    email, paths = ROLES[role]
    ids = demo_ids(live_app)
    page = contexts.logged_in(email, lang=lang) if email else contexts.new_page()
    problems = audit_pages(page, paths, lang, ids)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_phone_width_pages_fit_and_pass_axe(
    contexts: Any, live_app: Flask, screenshots: Any, lang: str
) -> None:
    """At 390 px wide the landing page, sign-up and the startup's pages do not scroll sideways."""
    ids = demo_ids(live_app)
    visitor = contexts.new_page(viewport=PHONE)
    problems = audit_pages(visitor, ["/", "/signup"], lang, ids)
    visitor.goto(f"/?lang={lang}")
    screenshot(visitor, screenshots, f"landing-phone-{lang}")
    startup = contexts.logged_in(STARTUP, lang=lang, viewport=PHONE)
    problems += audit_pages(startup, ["/dashboard", "/matches", "/pairings"], lang, ids)
    assert not problems, "\n".join(problems)

    # The menu folds behind a button that says whether it is open.
    toggler = startup.locator(".navbar-toggler")
    matches_link = startup.locator("#nav a[href='/matches']")
    assert toggler.get_attribute("aria-expanded") == "false"
    assert not matches_link.is_visible()
    toggler.click()
    matches_link.wait_for(state="visible")
    assert toggler.get_attribute("aria-expanded") == "true"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_landing_page_screenshot(contexts: Any, screenshots: Any, lang: str) -> None:
    page = contexts.new_page()
    page.goto(f"/?lang={lang}")
    assert path_of(page) == "/"
    assert page.locator("a[href='/signup']").count() >= 1
    screenshot(page, screenshots, f"landing-{lang}")
