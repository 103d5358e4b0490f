"""A seeded world for the cross-cutting tests, and a crawler over every route that exists.

Two startups, two manufacturers, one staff member; needs in every status; pairings.
Contact data is distinctive so that a leak can be found by grepping a response.
Routes are discovered from ``app.url_map``; their ``<int:…>`` arguments are filled
from the world by name (see ``ARG_TYPES``), so new routes are covered as they appear.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import IntegerConverter, Rule

from app.extensions import db
from app.models import ApiToken, Need, Organization, Pairing, User
from app.models.enums import NeedStatus, PairingStatus
from tests import factories

SKIPPED_ENDPOINTS = {"static", "bootstrap.static"}
# Arguments filled by name; the rest by the path segment before them (see ``arg_type``).
ARG_TYPES = {
    "need_id": "need",
    "pairing_id": "pairing",
    "organization_id": "organization",
    "org_id": "organization",
    "company_id": "organization",
    "startup_id": "organization",
    "manufacturer_id": "organization",
    "site_id": "site",
    "user_id": "user",
    "token_id": "token",
}
SEGMENT_TYPES = {
    "needs": "need",
    "need": "need",
    "pairings": "pairing",
    "pairing": "pairing",
    "requests": "pairing",
    "companies": "organization",
    "startups": "organization",
    "manufacturers": "organization",
    "organizations": "organization",
    "sites": "site",
    "users": "user",
    "tokens": "token",
    "programs": "program",
    "notifications": "notification",
}
ROLES = ("visitor", "startup_a", "startup_b", "manufacturer_m", "manufacturer_n", "staff")


@dataclass
class World:
    startup_a: Organization
    startup_b: Organization
    manufacturer_m: Organization
    manufacturer_n: Organization
    users: dict[str, User]
    needs: dict[str, Need] = field(default_factory=dict)
    pairings: dict[str, Pairing] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def organizations(self) -> dict[str, Organization]:
        return {
            "startup_a": self.startup_a,
            "startup_b": self.startup_b,
            "manufacturer_m": self.manufacturer_m,
            "manufacturer_n": self.manufacturer_n,
        }

    def contact_strings(self, key: str) -> list[str]:
        org = self.organizations[key]
        return [s for s in (org.contact_email, org.contact_phone, org.contact_name) if s]


def contact_fields(key: str, n: int) -> dict[str, str]:
    return {
        "contact_name": f"연락담당{key[-1].upper()}{n}호",
        "contact_email": f"secret-contact-{key}-{n}@leak.example",
        "contact_phone": f"010-98{n:02d}-7{n:03d}",
    }


def make_api_token(user: User) -> str:
    """A personal API token stored as the API stores it: SHA-256 of the token."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        ApiToken(
            user_id=user.id,
            name="tests",
            token_hash=hashlib.sha256(token.encode()).hexdigest(),
            prefix=token[:8],
        )
    )
    db.session.commit()
    return token


def build_world(name_prefix: str = "", pairings: bool = True) -> World:
    """The seeded world; ``name_prefix`` goes in front of every company and need name."""
    orgs: dict[str, Organization] = {}
    users: dict[str, User] = {}
    for n, key in enumerate(("startup_a", "startup_b"), start=1):
        org, user = factories.make_startup(
            name=f"{name_prefix}스타트업 {key}", **contact_fields(key, n)
        )
        orgs[key], users[key] = org, user
    for n, key in enumerate(("manufacturer_m", "manufacturer_n"), start=3):
        org, user = factories.make_manufacturer(
            name=f"{name_prefix}제조사 {key}", **contact_fields(key, n)
        )
        orgs[key], users[key] = org, user
    users["staff"] = factories.make_staff()
    for user in users.values():
        user.locale = "en"
    db.session.commit()
    world = World(
        startup_a=orgs["startup_a"],
        startup_b=orgs["startup_b"],
        manufacturer_m=orgs["manufacturer_m"],
        manufacturer_n=orgs["manufacturer_n"],
        users=users,
    )
    for owner in ("manufacturer_m", "manufacturer_n"):
        for status in NeedStatus:
            fields: dict[str, Any] = {
                "title": f"{name_prefix}{owner} {status} need 과제",
                "status": status,
            }
            if status != NeedStatus.OPEN:
                fields["opened_at"] = None
            world.needs[f"{owner}:{status}"] = factories.make_need(orgs[owner], **fields)
    if pairings:
        world.pairings["a_m_requested"] = factories.make_pairing(
            world.needs["manufacturer_m:open"],
            world.startup_a,
            PairingStatus.REQUESTED,
            maker_consent=False,
        )
        world.pairings["b_n_approved"] = factories.make_pairing(
            world.needs["manufacturer_n:open"],
            world.startup_b,
            PairingStatus.APPROVED,
            decided_by=users["staff"],
        )
    for key, user in users.items():
        world.tokens[key] = make_api_token(user)
    return world


# --- clients -------------------------------------------------------------------------------


def signed_in(app: Flask, user: User | None) -> FlaskClient:
    client = app.test_client()
    if user is None:
        return client
    now = datetime.now(UTC).timestamp()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["login_at"] = now
        session["seen_at"] = now
        session["lang"] = "en"
    return client


def clients(app: Flask, world: World) -> dict[str, FlaskClient]:
    return {
        role: signed_in(app, None if role == "visitor" else world.users[role]) for role in ROLES
    }


# --- routes --------------------------------------------------------------------------------


def rules(app: Flask, method: str) -> list[Rule]:
    return sorted(
        (
            r
            for r in app.url_map.iter_rules()
            if r.endpoint not in SKIPPED_ENDPOINTS and method in (r.methods or set())
        ),
        key=lambda r: r.rule,
    )


def is_api(rule: Rule) -> bool:
    return rule.rule.startswith("/api/")


def arg_type(rule: Rule, arg: str) -> str | None:
    if arg in ARG_TYPES:
        return ARG_TYPES[arg]
    segments = [s for s in rule.rule.split("/") if s]
    for i, segment in enumerate(segments):
        if f"<{arg}>" in segment or re.search(rf"<[^>]*:{arg}>", segment):
            for previous in reversed(segments[:i]):
                if not previous.startswith("<"):
                    return SEGMENT_TYPES.get(previous)
    return None


def object_ids(world: World, kind: str) -> dict[str, int]:
    """Every world object of a kind, by a label saying whose it is."""
    if kind == "need":
        return {label: n.id for label, n in world.needs.items()}
    if kind == "pairing":
        return {label: p.id for label, p in world.pairings.items()}
    if kind == "organization":
        return {label: o.id for label, o in world.organizations.items()}
    if kind == "site":
        return {label: o.sites[0].id for label, o in world.organizations.items() if o.sites}
    if kind == "user":
        return {label: u.id for label, u in world.users.items()}
    return {}


def fill(
    rule: Rule, world: World, choice: dict[str, int] | None = None
) -> Iterator[tuple[str, str]]:
    """(label, url) for each way to fill the rule's arguments from the world.

    A rule with one id argument yields one URL per world object of that type;
    rules whose arguments cannot be filled yield nothing (listed in UNFILLABLE).
    """
    args = sorted(rule.arguments)
    if not args:
        yield "", rule.rule
        return
    if len(args) == 1:
        kind = arg_type(rule, args[0])
        converter = rule._converters.get(args[0])
        if kind is None or not isinstance(converter, IntegerConverter):
            return
        for label, object_id in object_ids(world, kind).items():
            yield label, build(rule, {args[0]: object_id})
        return
    values: dict[str, int] = {}
    labels = []
    for arg in args:
        kind = arg_type(rule, arg)
        ids = object_ids(world, kind) if kind else {}
        if not ids:
            return
        label, object_id = next(iter(ids.items()))
        values[arg] = object_id
        labels.append(label)
    yield "+".join(labels), build(rule, values)


def build(rule: Rule, values: dict[str, Any]) -> str:
    url = rule.rule
    for name, value in values.items():
        url = re.sub(rf"<(?:[^>:]+:)?{name}>", str(value), url)
    return url


# --- HTML forms ----------------------------------------------------------------------------


@dataclass
class HtmlForm:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    selects: dict[str, list[str]] = field(default_factory=dict)
    checkboxes: dict[str, str] = field(default_factory=dict)


class FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[HtmlForm] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(HtmlForm(a.get("action", ""), a.get("method", "get").lower()))
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                form.checkboxes.setdefault(name, a.get("value", "y"))
                if "checked" in a:
                    form.fields[name] = a.get("value", "y")
            elif kind not in ("submit", "button", "file"):
                form.fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
            form.selects[name] = []
        elif tag == "option" and self._select:
            form.selects[self._select].append(a.get("value", ""))
            if "selected" in a:
                form.fields[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            form.fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1].fields[self._textarea] += data


def forms_in(html: str) -> list[HtmlForm]:
    parser = FormParser()
    parser.feed(html)
    return [f for f in parser.forms if f.method == "post"]


# --- crawling and fingerprints -------------------------------------------------------------


def crawl_get(
    app: Flask,
    world: World,
    roles: tuple[str, ...] = ROLES,
    labels: set[str] | None = None,
    api: bool = True,
) -> Iterator[tuple[str, Rule, str, str, Any]]:
    """(role, rule, label, url, response) for every GET route filled from the world."""
    role_clients = clients(app, world)
    for rule in rules(app, "GET"):
        if is_api(rule) and not api:
            continue
        for label, url in fill(rule, world):
            if labels is not None and label and label not in labels:
                continue
            for role in roles:
                if is_api(rule):
                    client = app.test_client()
                    headers = (
                        {"Authorization": f"Bearer {world.tokens[role]}"}
                        if role != "visitor"
                        else {}
                    )
                    response = client.get(url, headers=headers)
                else:
                    response = role_clients[role].get(url)
                yield role, rule, label, url, response


def fingerprint() -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every table's content (sorted rows)."""
    from sqlalchemy import select as sa_select

    result = {}
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(sa_select(table)).all()
        lines = sorted(repr(tuple(str(v) for v in row)) for row in rows)
        result[table.name] = (
            len(rows),
            hashlib.sha256("\n".join(lines).encode()).hexdigest(),
        )
    db.session.rollback()
    return result
