"""What the browser tests share: logging in, watching a page for errors, axe and page checks."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path
from typing import Any

import pyotp
import pytest

from app.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_STAFF_TOTP_SECRET

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

STAFF = DEMO_ACCOUNTS["staff"]
STARTUP = DEMO_ACCOUNTS["startup"]
MAKER = DEMO_ACCOUNTS["manufacturer"]

BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]

# Console messages that are not defects: a 4xx the test asked for shows as a failed load.
IGNORED_CONSOLE = re.compile(r"^Failed to load resource: the server responded with a status of 4")


class PageWatch:
    """Collects what should never happen on a page: 5xx answers, script errors, CSP refusals."""

    def __init__(self, page: Any) -> None:
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("response", self._response)

    def _console(self, message: Any) -> None:
        if message.type == "error" and not IGNORED_CONSOLE.match(message.text):
            self.problems.append(f"console: {message.text} ({message.location.get('url')})")

    def _response(self, response: Any) -> None:
        if response.status >= 500:
            self.problems.append(f"HTTP {response.status} for {response.url}")


def path_of(page: Any) -> str:
    """The current path without the origin and query, e.g. ``/pairings/3``."""
    return re.sub(r"^https?://[^/]+", "", page.url).split("?", 1)[0]


def submit(page: Any, form_selector: str) -> None:
    """Clicks the submit button of one form and waits for the next page to load."""
    with page.expect_navigation():
        page.locator(f"{form_selector} [type=submit]").first.click()


_last_totp_step = [-1]


def next_totp_code() -> str:
    """A staff code the server has not seen yet: it accepts each time step once (replay
    protection) and one step either side of now, so a second login in the same 30 s
    takes the next step and a third waits for the clock."""
    totp = pyotp.TOTP(DEMO_STAFF_TOTP_SECRET)
    while True:
        current = int(time.time()) // totp.interval
        step = max(current, _last_totp_step[0] + 1)
        if step <= current + 1:
            break
        time.sleep(1)
    _last_totp_step[0] = step
    return totp.generate_otp(step)


def login(page: Any, email: str, *, lang: str = "ko", password: str = DEMO_PASSWORD) -> None:
    """Logs in through the form (and the second factor for staff)."""
    page.goto(f"/login?lang={lang}")
    page.fill("#email", email)
    page.fill("#password", password)
    submit(page, "main form")
    if path_of(page) == "/login/verify":
        page.fill("#code", next_totp_code())
        submit(page, "main form")
    assert not path_of(page).startswith("/login"), f"login as {email} failed: {page.url}"
    if page.evaluate("() => document.documentElement.lang") != lang:
        # The account's own language won at login; switch, as a person would, by the link.
        page.goto(f"{path_of(page)}?lang={lang}")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations of WCAG 2.2 A/AA on the current page.

    The script is evaluated through the DevTools protocol, which the page's CSP does not
    govern, so the app's policy stays exactly as served.
    """
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci --prefix tests/browser` first")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async () => {
          const result = await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                             'wcag22aa', 'best-practice']},
            resultTypes: ['violations'],
          });
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' ' + n.failureSummary),
          }));
        }"""
    )
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"- {v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in violations
    )


STRUCTURE_JS = """() => {
  const fields = [...document.querySelectorAll('input, select, textarea')].filter(el =>
    !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type));
  const unlabelled = fields.filter(el =>
    !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
    && !el.getAttribute('aria-labelledby') && !el.title)
    .map(el => el.outerHTML.slice(0, 120));
  return {
    lang: document.documentElement.lang,
    h1: document.querySelectorAll('h1').length,
    title: document.title,
    unlabelled,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  };
}"""


def page_structure(page: Any) -> dict[str, Any]:
    return page.evaluate(STRUCTURE_JS)


def check_structure(page: Any, lang: str) -> None:
    """One h1, the right ``<html lang>``, a title, a label for every field, no sideways scroll."""
    info = page_structure(page)
    where = path_of(page)
    assert info["lang"] == lang, f"{where}: <html lang={info['lang']!r}>, expected {lang!r}"
    assert info["h1"] == 1, f"{where}: {info['h1']} h1 elements"
    assert info["title"].strip(), f"{where}: empty <title>"
    assert not info["unlabelled"], f"{where}: fields without a label: {info['unlabelled']}"
    assert info["scrollWidth"] <= info["innerWidth"], (
        f"{where}: scrolls sideways ({info['scrollWidth']} > {info['innerWidth']} px)"
    )


def screenshot(page: Any, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def npm_available() -> bool:
    return shutil.which("npm") is not None
