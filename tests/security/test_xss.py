"""Stored XSS: names full of markup render as text everywhere (ASVS 1.2.1; matrix row 9)."""

from __future__ import annotations

from flask import Flask

from tests.security import world as w

PAYLOAD = "<script>alert(1)</script>\"'><img src=x onerror=1>한글 "
RAW = ("<script>alert(1)", "<img src=x onerror=1>")


def test_markup_in_company_and_need_names_is_escaped_on_every_page(app: Flask) -> None:
    world = w.build_world(name_prefix=PAYLOAD)
    for org in world.organizations.values():
        org.description = PAYLOAD + "설명"
    from app.extensions import db

    db.session.commit()
    problems = []
    pages_with_payload = 0
    for role, rule, _, url, response in w.crawl_get(app, world):
        body = response.get_data(as_text=True)
        if w.is_api(rule):
            if response.status_code == 200 and PAYLOAD.strip() in body:
                assert response.mimetype in ("application/json", "application/problem+json")
            continue
        if response.mimetype != "text/html":
            assert "attachment" in response.headers.get("Content-Disposition", "") or (
                PAYLOAD.strip() not in body
            )
            continue
        if "&lt;script&gt;alert(1)" in body:
            pages_with_payload += 1
            assert "한글" in body
        for raw in RAW:
            if raw in body:
                problems.append(f"{role} GET {url}: raw {raw!r}")
    assert pages_with_payload > 0
    assert not problems, "\n".join(problems)
