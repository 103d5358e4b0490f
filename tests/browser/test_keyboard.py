"""The keyboard alone finishes the journey, and the focus is always visible.

A startup logs in and asks to be introduced to a need using only Tab, Space and Enter;
every element the Tab key reaches on the way shows a focus ring (KWCAG 2.2, 2.4.7).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.models import Match, Need, Pairing, User
from app.models.enums import NeedStatus
from tests.browser.support import BROWSER_MARKS, DEMO_PASSWORD, STARTUP, path_of

pytestmark = BROWSER_MARKS

FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColor: style.outlineColor,
    boxShadow: style.boxShadow,
    visible: !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length),
  };
}"""


def contrast_with_white(css_colour: str) -> float:
    """WCAG contrast ratio of an ``rgb(r, g, b)`` colour against the white page."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", css_colour)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


class Keyboard:
    """Tab through a page, recording the focus style of each stop."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.unfocused: list[str] = []

    def tab(self) -> dict[str, Any] | None:
        self.page.keyboard.press("Tab")
        focus = self.page.evaluate(FOCUS_JS)
        if focus is not None:
            ring = focus["outlineStyle"] != "none" and focus["outlineWidth"] >= 2
            # KWCAG 2.2 / WCAG 1.4.11: the indicator contrasts at least 3:1 with the page.
            contrast = contrast_with_white(focus["outlineColor"])
            if not (ring and focus["visible"] and contrast >= 3):
                self.unfocused.append(f"{path_of(self.page)} {focus}")
        return focus

    def tab_to(self, selector: str, limit: int = 80) -> None:
        for _ in range(limit):
            self.tab()
            if self.page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        pytest.fail(f"Tab never reached {selector} on {self.page.url}")

    def next_is(self, selector: str) -> None:
        self.tab()
        focused = self.page.evaluate("() => document.activeElement.outerHTML.slice(0, 100)")
        assert self.page.evaluate("(s) => document.activeElement.matches(s)", selector), (
            f"after Tab the focus is on {focused}, expected {selector}"
        )

    def enter_and_wait(self) -> None:
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")


def need_to_ask_for(app: Flask) -> tuple[int, str]:
    """An open need ranked for the demo startup that it has no pairing with yet."""
    with app.app_context():
        startup_id = db.session.scalar(select(User).where(User.email == STARTUP)).organization_id
        paired = select(Pairing.need_id).where(Pairing.startup_id == startup_id)
        row = db.session.execute(
            select(Need.id, Need.title)
            .join(Match, Match.need_id == Need.id)
            .where(
                Match.startup_id == startup_id,
                Need.status == NeedStatus.OPEN,
                Need.id.not_in(paired),
            )
            .order_by(Match.score.desc())
            .limit(1)
        ).one()
        db.session.remove()
    return row.id, row.title


@pytest.mark.browser
def test_keyboard_alone_logs_in_and_expresses_interest(contexts: Any, live_app: Flask) -> None:
    need_id, title = need_to_ask_for(live_app)
    page = contexts.new_page(locale="en-US")
    keys = Keyboard(page)

    page.goto("/login?lang=en")
    skip = keys.tab()
    assert skip is not None and skip["tag"] == "a", "the first Tab stop is the skip link"
    assert page.locator(".skip-link").is_visible(), "the skip link shows when focused"
    keys.tab_to("#email")
    page.keyboard.type(STARTUP)
    keys.next_is("#password")
    page.keyboard.type(DEMO_PASSWORD)
    keys.next_is("#remember")
    keys.next_is("[type=submit]")
    keys.enter_and_wait()
    assert path_of(page) == "/dashboard"

    page.goto(f"/matches?q={title}")
    keys.tab_to(f"a[href$='/needs/{need_id}/interest']")
    keys.enter_and_wait()
    assert path_of(page) == f"/needs/{need_id}/interest"
    keys.tab_to("#message")
    page.keyboard.type("We measure vibration on presses and predict stops; a pilot takes 8 weeks.")
    keys.next_is("#consent")
    page.keyboard.press("Space")
    keys.next_is("[type=submit]")
    keys.enter_and_wait()
    assert re.fullmatch(r"/pairings/\d+", path_of(page)), page.url
    assert page.locator(".alert-success").count() == 1

    assert not keys.unfocused, "elements without a visible focus ring:\n" + "\n".join(
        keys.unfocused
    )
