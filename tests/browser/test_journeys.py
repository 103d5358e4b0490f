"""The whole road from sign-up to a pilot, in a real browser, once in Korean and once in English.

A new IoT startup signs up and fills its profile; a new manufacturer signs up and posts
a need; staff (with their second factor) verify both companies and open the need; the
startup finds the need among its matches, with the reasons, and asks to be introduced;
the manufacturer accepts; staff approve; each side then sees the other's contact person;
the manufacturer moves the pairing to the pilot stage (실증).

Korean pages are found by structure (form actions, field ids) and by the data the test
typed, so the journey does not depend on the state of the translations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.demo.brn import make_brn
from tests.browser.support import (
    BROWSER_MARKS,
    PHONE,
    STAFF,
    check_structure,
    path_of,
    screenshot,
    submit,
)

pytestmark = BROWSER_MARKS

PASSWORD = "seoul factory pilot 2026"
JOURNEY_OFFICE = 103  # 세무서 code no demo data uses, so the numbers never collide


@dataclass(frozen=True)
class Company:
    kind: str  # "startup" | "manufacturer"
    name: str
    brn: str
    contact_name: str
    contact_phone: str
    email: str


@dataclass(frozen=True)
class Script:
    """What a person of one language types along the journey."""

    lang: str
    startup: Company
    maker: Company
    need_title: str
    need_description: str
    capabilities: str
    capabilities_text: str
    startup_description: str
    pitch: str


KOREAN = Script(
    lang="ko",
    startup=Company(
        "startup",
        "하늘센서랩",
        make_brn(JOURNEY_OFFICE, 81, 1),
        "김하늘",
        "010-2345-6781",
        "founder@haneul-sensor.example",
    ),
    maker=Company(
        "manufacturer",
        "금천정밀공업",
        make_brn(JOURNEY_OFFICE, 86, 1),
        "박정민",
        "02-857-1234",
        "plant@geumcheon-precision.example",
    ),
    need_title="프레스 설비 진동 예지보전 실증",
    need_description=(
        "금천 공장의 프레스 3대가 한 달에 두세 번 갑자기 멈춥니다. 진동 센서와 "
        "예지보전 분석으로 고장을 미리 알고 싶습니다. 설비 데이터를 실시간으로 수집해야 합니다."
    ),
    capabilities="예지보전, 진동 센서, 실시간 데이터 수집, 설비 모니터링",
    capabilities_text="프레스와 CNC 설비에 진동 센서를 붙여 고장을 미리 알리는 예지보전 플랫폼",
    startup_description=(
        "하늘센서랩은 제조 설비의 진동과 온도를 실시간으로 모니터링하고 예지보전 알림을 주는 "
        "IoT 플랫폼 스타트업입니다."
    ),
    pitch="진동 센서 4개와 예지보전 대시보드로 8주 안에 프레스 정지 예측을 실증하겠습니다.",
)

ENGLISH = Script(
    lang="en",
    startup=Company(
        "startup",
        "Riverbank Vision Labs",
        make_brn(JOURNEY_OFFICE, 81, 2),
        "Mina Cho",
        "010-3456-7892",
        "hello@riverbank-vision.example",
    ),
    maker=Company(
        "manufacturer",
        "Guro Print Works",
        make_brn(JOURNEY_OFFICE, 86, 2),
        "Daniel Lee",
        "02-866-4321",
        "factory@guro-print.example",
    ),
    need_title="Machine vision quality inspection for printed labels",
    need_description=(
        "Our label printing line in Guro misprints about 2% of rolls. We want machine vision "
        "quality inspection with real-time defect detection and data collection on the line."
    ),
    capabilities="machine vision, quality inspection, defect detection, real-time data collection",
    capabilities_text="Camera-based machine vision for defect detection on printing lines.",
    startup_description=(
        "Riverbank Vision Labs builds machine vision quality inspection for factories: "
        "cameras, defect detection models and a real-time dashboard."
    ),
    pitch="We can install two cameras and run a four-week defect detection pilot on one line.",
)


class Journey:
    """The journey's steps, each a person's actions in their own browser."""

    def __init__(self, contexts: Any, screenshots: Path, script: Script) -> None:
        self.contexts = contexts
        self.shots = screenshots
        self.s = script
        self.locale = "en-US" if script.lang == "en" else "ko-KR"

    # --- helpers -----------------------------------------------------------------------

    def check(self, page: Any, shot: str | None = None) -> None:
        check_structure(page, self.s.lang)
        if shot:
            screenshot(page, self.shots, f"{shot}-{self.s.lang}")

    def flash_success(self, page: Any) -> None:
        assert page.locator(".alert-success").count() >= 1, f"no success message on {page.url}"

    # --- steps -------------------------------------------------------------------------

    def sign_up(self, company: Company) -> Any:
        page = self.contexts.new_page(locale=self.locale)
        page.goto(f"/signup?lang={self.s.lang}" if self.s.lang == "en" else "/signup")
        self.check(page, "signup" if company.kind == "startup" else None)
        page.check(f"input[name=kind][value={company.kind}]")
        page.fill("#company_name", company.name)
        page.fill("#business_reg_no", company.brn)
        page.select_option("#district", "금천구" if company.kind == "manufacturer" else "구로구")
        page.fill("#contact_name", company.contact_name)
        page.fill("#contact_phone", company.contact_phone)
        page.fill("#email", company.email)
        page.fill("#password", PASSWORD)
        page.fill("#password_confirm", PASSWORD)
        page.check("#consent_required")
        page.check("#consent_contact_provision")
        submit(page, "main form")
        assert path_of(page) == "/dashboard", page.url
        self.flash_success(page)
        assert page.locator("h1").inner_text().strip() == company.name
        return page

    def fill_startup_profile(self, page: Any) -> None:
        page.goto("/profile")
        assert path_of(page) == "/startups/profile"
        page.select_option("#iot_field", "platform")
        for sector in ("machinery_robotics", "metal_processing", "printing_publishing"):
            page.check(f"input[name=sectors][value={sector}]")
        page.fill("#capabilities", self.s.capabilities)
        page.fill("#capabilities_text", self.s.capabilities_text)
        page.fill("#description", self.s.startup_description)
        if not page.input_value("#contact_email"):
            page.fill("#contact_email", self.s.startup.email)
        self.check(page)
        submit(page, "main form[method=post]")
        assert path_of(page) == "/startups/profile", page.url
        self.flash_success(page)
        assert page.input_value("#iot_field") == "platform"
        assert page.is_checked("input[name=sectors][value=metal_processing]")

    def post_need(self, page: Any) -> int:
        page.goto("/needs/new")
        self.check(page)
        page.fill("#title", self.s.need_title)
        page.fill("#description", self.s.need_description)
        page.select_option(
            "#sector", "metal_processing" if self.s.lang == "ko" else "printing_publishing"
        )
        page.fill("#required_capabilities", self.s.capabilities)
        page.fill("#budget_min_krw", "20000000")
        page.fill("#budget_max_krw", "50000000")
        page.fill("#deadline", (date.today() + timedelta(days=120)).isoformat())
        with page.expect_navigation():
            page.click("#submit_review")
        match = re.fullmatch(r"/needs/(\d+)", path_of(page))
        assert match, f"posting the need ended on {page.url}"
        self.flash_success(page)
        assert page.locator("h1").inner_text().strip() == self.s.need_title
        return int(match.group(1))

    def staff_verify(self, staff: Any, company: Company) -> None:
        staff.goto("/staff/companies")
        self.check(staff)
        with staff.expect_navigation():
            staff.get_by_role("link", name=company.name, exact=True).click()
        self.check(staff)
        submit(staff, "form[action$='/verify']")
        assert path_of(staff) == "/staff/companies"
        self.flash_success(staff)

    def staff_open_need(self, staff: Any, need_id: int) -> None:
        staff.goto("/staff/needs")
        self.check(staff)
        with staff.expect_navigation():
            staff.get_by_role("link", name=self.s.need_title, exact=True).click()
        assert path_of(staff) == f"/staff/needs/{need_id}"
        self.check(staff)
        submit(staff, f"form[action$='/staff/needs/{need_id}/approve']")
        self.flash_success(staff)

    def startup_finds_need(self, page: Any, need_id: int) -> None:
        page.goto("/matches")
        self.check(page, "matches")
        row = page.locator("article.match-row").filter(
            has=page.locator(f"a[href$='/needs/{need_id}']")
        )
        if row.count() == 0:  # not on the first page: search for it, as a person would
            page.fill("#q", self.s.need_title)
            with page.expect_navigation():
                page.locator("form[role=search] [type=submit]").click()
        assert row.count() == 1, f"need {need_id} is not among the startup's matches"
        reasons = row.locator(".reason-list li")
        assert reasons.count() >= 1, "the match shows no reasons"
        assert all(text.strip() for text in reasons.all_inner_texts())
        assert row.locator("meter").count() == 1

    def express_interest(self, page: Any, need_id: int) -> int:
        row = page.locator("article.match-row").filter(
            has=page.locator(f"a[href$='/needs/{need_id}']")
        )
        with page.expect_navigation():
            row.locator(f"a[href$='/needs/{need_id}/interest']").click()
        self.check(page)
        page.fill("#message", self.s.pitch)
        page.check("#consent")
        submit(page, "main form[method=post]")
        match = re.fullmatch(r"/pairings/(\d+)", path_of(page))
        assert match, f"the request ended on {page.url}"
        self.flash_success(page)
        # No contact before the city's approval.
        assert self.s.maker.contact_name not in page.inner_text("main")
        return int(match.group(1))

    def maker_accepts(self, page: Any, need_id: int, pairing_id: int) -> None:
        page.goto(f"/needs/{need_id}/matches")
        self.check(page, "need-matches")
        assert page.get_by_role("heading", name=self.s.startup.name).count() == 1
        # The request arrives as a notification; its newest entry opens the pairing.
        assert page.locator("header .badge.text-bg-danger").count() == 1, "no unread badge"
        page.goto("/notifications")
        self.check(page)
        with page.expect_navigation():
            page.locator("main form button[name=open]").first.click()
        assert path_of(page) == f"/pairings/{pairing_id}", page.url
        page.goto("/pairings")
        self.check(page)
        assert page.locator(f"main a[href$='/pairings/{pairing_id}']").count() >= 1
        page.goto(f"/pairings/{pairing_id}")
        assert self.s.startup.contact_name not in page.inner_text("main")
        page.check("#accept-consent")
        submit(page, f"form[action$='/pairings/{pairing_id}/accept']")
        assert path_of(page) == f"/pairings/{pairing_id}"
        self.flash_success(page)

    def staff_approve(self, staff: Any, pairing_id: int) -> None:
        staff.goto("/staff/pairings")
        self.check(staff)
        with staff.expect_navigation():
            staff.locator(f"main a[href$='/staff/pairings/{pairing_id}']").first.click()
        self.check(staff)
        submit(staff, f"form[action$='/staff/pairings/{pairing_id}/approve']")
        self.flash_success(staff)

    def sees_contact(self, page: Any, pairing_id: int, other: Company, shot: str | None) -> None:
        page.goto(f"/pairings/{pairing_id}")
        self.check(page, shot)
        main = page.inner_text("main")
        assert other.contact_name in main, f"{other.contact_name} is not shown on {page.url}"
        assert other.email in main or other.contact_phone in main

    def maker_moves_to_pilot(self, page: Any, pairing_id: int) -> None:
        page.goto(f"/pairings/{pairing_id}")
        page.select_option("#stage-stage", "pilot")
        page.fill("#stage-note", "8주 실증 시작" if self.s.lang == "ko" else "Pilot starts")
        submit(page, f"form[action$='/pairings/{pairing_id}/stage']")
        assert path_of(page) == f"/pairings/{pairing_id}"
        self.flash_success(page)
        expected = "실증" if self.s.lang == "ko" else "Pilot"
        assert expected in page.locator("main .badge").all_inner_texts()

    # --- the whole road ----------------------------------------------------------------

    def run(self) -> None:
        startup = self.sign_up(self.s.startup)
        self.check(startup, "dashboard")
        self.fill_startup_profile(startup)
        maker = self.sign_up(self.s.maker)
        need_id = self.post_need(maker)

        staff = self.contexts.logged_in(STAFF, lang=self.s.lang)
        self.check(staff, "staff-home")
        self.staff_verify(staff, self.s.startup)
        self.staff_verify(staff, self.s.maker)
        self.staff_open_need(staff, need_id)

        self.startup_finds_need(startup, need_id)
        pairing_id = self.express_interest(startup, need_id)
        self.maker_accepts(maker, need_id, pairing_id)
        self.staff_approve(staff, pairing_id)
        self.sees_contact(startup, pairing_id, self.s.maker, "pairing")
        self.sees_contact(maker, pairing_id, self.s.startup, None)
        self.maker_moves_to_pilot(maker, pairing_id)

        # The same pages on a phone: nothing scrolls sideways.
        phone = self.contexts.new_page(
            locale=self.locale, viewport=PHONE, storage_state=startup.context.storage_state()
        )
        for path, shot in (("/matches", "matches"), (f"/pairings/{pairing_id}", "pairing")):
            phone.goto(path)
            self.check(phone, f"{shot}-phone")


@pytest.mark.browser
def test_journey_korean(contexts: Any, screenshots: Path) -> None:
    Journey(contexts, screenshots, KOREAN).run()


@pytest.mark.browser
def test_journey_english(contexts: Any, screenshots: Path) -> None:
    Journey(contexts, screenshots, ENGLISH).run()
