"""Loads the first-look demo data set through the app's own code, dated relative to today.

``data/startups.jsonl``, ``manufacturers.jsonl`` and ``needs.jsonl`` are files in the
format of ``data/FORMAT.md`` that staff could upload as they are; they go in through the
staff importer. ``data/story.json`` holds what that format lacks: which companies the
demo accounts belong to, the companies still pending or rejected, when each need was
posted (``age``, days ago), its deadline (days ahead) and status (``closed``: days ago),
the pairings (requested ``age`` days ago, then each step of ``path`` ``step_days`` later;
``outcomes`` are the six-month answers), the support programmes and the policy note.

The history is replayed in date order through the services (importer, verification,
needs, pairings and the daily sweep) under a frozen clock (``clock_at``), so every row,
timeline, audit event and notification is what the live app writes. Each service
commits: a failure part-way leaves part of the data set (start from an empty database).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from flask import current_app
from sqlalchemy import select, update

from app.demo.constants import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_STAFF_TOTP_SECRET
from app.demo.counts import added_since, table_counts
from app.demo.records import plan, read_json, read_jsonl
from app.extensions import db
from app.models import Consent, Need, Notification, Organization, Pairing, Policy, User
from app.models.enums import ConsentPurpose, Role
from app.models.types import clock_at, utcnow
from app.services import accounts, imports, needs, notifications, pairings, verification
from app.services.passwords import hash_password
from app.validators import normalize_brn

DAY = timedelta(days=1)
ROSTER_AGE = 400  # days ago the city imported the companies it then verified
RECENT_AGE = 6  # days ago it imported the ones still pending (or rejected)
SWEEP_DAYS = 7  # the history's sweep ran weekly
# Days from an approval to the six-month outcome answers: asked by a sweep, then answered.
OUTCOME_REPLY_DAYS = pairings.OUTCOME_AFTER.days + SWEEP_DAYS + 3
READ_DAYS = 7  # the demo accounts read their notifications a week ago
COMPANY_FILES = (("startup", "startups.jsonl"), ("manufacturer", "manufacturers.jsonl"))


def demo_data_present() -> bool:
    return (
        db.session.scalar(select(User.id).where(User.email == DEMO_ACCOUNTS["staff"])) is not None
    )


def load_demo_data() -> dict[str, int]:
    """Replays the demo data set into the database; returns the rows added per table.

    Raises ``RuntimeError`` when the demo staff account exists already, so the data is
    never loaded twice. Refusing in production is the caller's job (the CLI). Stores
    no matches (``flask recompute-matches --all`` or the CLI's ``recompute_all`` do).
    """
    if demo_data_present():
        raise RuntimeError(
            f"Demo data is already loaded ({DEMO_ACCOUNTS['staff']} exists); "
            "start from an empty database to load it again."
        )
    before = table_counts()
    replay = _Replay(utcnow())
    with notifications.mail_held(), _quiet_info_logs():
        replay.run()
    # The history's mail "went out" back then: never to the fictional addresses now.
    user_ids = [replay.staff.id, *(user.id for user in replay.account_of.values())]
    db.session.execute(
        update(Notification)
        .where(Notification.user_id.in_(user_ids), Notification.emailed_at.is_(None))
        .values(emailed_at=Notification.created_at)
    )
    db.session.commit()
    return added_since(before)


@contextmanager
def _quiet_info_logs() -> Iterator[None]:
    """The services log each step as if it happened now: hundreds of misleading lines."""
    logger = logging.getLogger("app")
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(level)


class _Replay:
    """Schedules the story's steps, then runs them in date order under ``clock_at``."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.story: dict[str, Any] = read_json("story.json")
        self.records = {
            record["id"]: record
            for name in ("startups.jsonl", "manufacturers.jsonl", "needs.jsonl")
            for record in read_jsonl(name)
        }
        self.maker_ids = {r["name"]: key for key, r in self.records.items() if "sites" in r}
        self.agenda: list[tuple[datetime, int, Callable[[], Any]]] = []
        self.orgs: dict[str, Organization] = {}
        self.account_of: dict[int, User] = {}  # organization id -> its one account
        self.needs: dict[str, Need] = {}
        self.pairings: dict[int, Pairing] = {}  # index in the story -> pairing
        # Hashing is the slow part: one hash for the demo accounts, one nobody knows.
        self.hashes = {
            True: hash_password(DEMO_PASSWORD),
            False: hash_password(secrets.token_hex()),
        }

    def at(self, days_ago: float, action: Callable[[], Any]) -> None:
        self.agenda.append((self.now - days_ago * DAY, len(self.agenda), action))

    def run(self) -> None:
        self.at(ROSTER_AGE + 1, self.start)
        self.schedule_companies()
        for key, need in self.story["needs"].items():
            self.schedule_need(key, need)
        for index, pairing in enumerate(self.story["pairings"]):
            self.schedule_pairing(index, pairing)
        # The sweep (reminders, expiry, the six-month outcome question) ran weekly.
        for day in range(max(p["age"] for p in self.story["pairings"]), 0, -SWEEP_DAYS):
            self.at(day - 0.5, lambda: pairings.sweep(utcnow()))
        self.at(READ_DAYS, self.read_notifications)
        for at, _, action in sorted(self.agenda, key=lambda entry: entry[:2]):
            with clock_at(at):
                action()

    # --- the city, its companies and their accounts -----------------------------------

    def start(self) -> None:
        self.staff, _ = accounts.create_staff(DEMO_ACCOUNTS["staff"], DEMO_PASSWORD)
        self.staff.totp_secret = DEMO_STAFF_TOTP_SECRET
        self.staff.consents = self.consents()
        db.session.add(
            Policy(version=1, note=self.story["policy_note"], created_by_id=self.staff.id)
        )
        db.session.commit()
        for order, program in enumerate(self.story["support_programs"]):
            fields = {**program, "sort_order": order}
            pairings.save_support_program(None, actor=self.staff, fields=fields)

    def schedule_companies(self) -> None:
        waiting = self.story["companies"]
        self.at(ROSTER_AGE, partial(self.import_companies, settled=True))
        self.at(RECENT_AGE, partial(self.import_companies, settled=False))
        settled = [
            key for key, r in self.records.items() if "title" not in r and key not in waiting
        ]
        for index, key in enumerate(settled):
            self.at(ROSTER_AGE - 2 - index, partial(self.verify, key))
        for key, state in waiting.items():
            if state["status"] == "rejected":
                self.at(RECENT_AGE - 1, partial(self.reject, key, state["reason"], state["note"]))

    def import_companies(self, *, settled: bool) -> None:
        demo_keys = {key: role for role, key in self.story["demo_companies"].items()}
        for kind, name in COMPANY_FILES:
            records = [
                r for r in read_jsonl(name) if (r["id"] in self.story["companies"]) != settled
            ]
            imports.apply_import(plan(records, kind), actor=self.staff)
            for record in records:
                brn = normalize_brn(record["business_reg_no"])
                org = db.session.scalar(
                    select(Organization).where(Organization.business_reg_no == brn)
                )
                self.orgs[record["id"]] = org
                # The demo companies sign in with the demo accounts; the others' contact
                # persons have accounts nobody can sign in to, to act in the history.
                role = demo_keys.get(record["id"])
                email = DEMO_ACCOUNTS[role] if role else record["contact_email"]
                user = User(
                    email=email,
                    password_hash=self.hashes[bool(role)],
                    role=Role(kind),
                    organization=org,
                    password_changed_at=utcnow(),
                    consents=self.consents(),
                )
                db.session.add(user)
        db.session.commit()
        self.account_of.update({user.organization_id: user for user in self.users()})

    def users(self) -> list[User]:
        return [org.users[0] for org in self.orgs.values()]

    def consents(self) -> list[Consent]:
        version = current_app.config["PRIVACY_TEXT_VERSION"]
        purposes = (ConsentPurpose.PRIVACY_REQUIRED, ConsentPurpose.CONTACT_PROVISION)
        return [Consent(purpose=purpose, text_version=version) for purpose in purposes]

    def verify(self, key: str) -> None:
        verification.verify_company(self.orgs[key], actor=self.staff)

    def reject(self, key: str, reason: str, note: str) -> None:
        verification.reject_company(self.orgs[key], actor=self.staff, reason=reason, note=note)

    # --- needs --------------------------------------------------------------------------

    def schedule_need(self, key: str, need: dict[str, Any]) -> None:
        status = need.get("status", "open")
        self.at(need["age"], partial(self.post, key, need["deadline"], draft=status == "draft"))
        if status in ("open", "closed"):
            self.at(need["age"] - 1, lambda: needs.approve_need(self.needs[key], actor=self.staff))
        if status == "closed":
            self.at(
                need["closed"], lambda: needs.close_need(self.needs[key], actor=self.maker(key))
            )

    def maker(self, need_key: str) -> User:
        org = self.orgs[self.maker_ids[self.records[need_key]["manufacturer"]]]
        return self.account_of[org.id]

    def post(self, key: str, deadline_days: int, *, draft: bool) -> None:
        """Imported for review; a draft is written in the app (an import always submits)."""
        record = dict(self.records[key], deadline=(self.now + deadline_days * DAY).date())
        author = self.maker(key)
        if draft:
            site = next(s for s in author.organization.sites if s.district == record["district"])
            data = needs.NeedData(
                title=record["title"],
                description=record["description"],
                sector=record["sector"],
                site_id=site.id,
                required_capabilities=record["required_capabilities"],
                budget_min_krw=record["budget_min_krw"],
                budget_max_krw=record["budget_krw"],
                deadline=record["deadline"],
            )
            self.needs[key] = needs.create_need(data, actor=author)
            return
        record["deadline"] = record["deadline"].isoformat()
        imports.apply_import(plan([record], "need"), actor=self.staff, need_status="under_review")
        self.needs[key] = db.session.scalars(
            select(Need).where(
                Need.organization_id == author.organization_id, Need.title == record["title"]
            )
        ).one()

    # --- pairings -----------------------------------------------------------------------

    def schedule_pairing(self, index: int, story: dict[str, Any]) -> None:
        days_ago = story["age"]
        self.at(days_ago, partial(self.request, index, story))
        for step in story["path"]:
            days_ago -= self.story["step_days"][step]
            self.at(days_ago, partial(self.step, index, story, step))
            if step == "approved":
                for side, outcome, note in story.get("outcomes", []):
                    answer = partial(self.report, index, side, outcome, note)
                    self.at(days_ago - OUTCOME_REPLY_DAYS, answer)

    def sides(self, index: int) -> tuple[Pairing, User, User]:
        """The pairing, its startup's account and its manufacturer's account."""
        pairing = self.pairings[index]
        startup, maker = pairing.startup_id, pairing.need.organization_id
        return pairing, self.account_of[startup], self.account_of[maker]

    def request(self, index: int, story: dict[str, Any]) -> None:
        need, startup = self.needs[story["need"]], self.orgs[story["startup"]]
        start, actor = (
            (pairings.express_interest, self.account_of[startup.id])
            if story["by"] == "startup"
            else (pairings.invite_startup, self.maker(story["need"]))
        )
        self.pairings[index] = start(
            need, startup, actor=actor, message=story["message"], consent_to_contact=True
        )

    def step(self, index: int, story: dict[str, Any], step: str) -> None:
        pairing, startup_user, maker_user = self.sides(index)
        initiator, answerer = (
            (startup_user, maker_user) if story["by"] == "startup" else (maker_user, startup_user)
        )
        note = story.get("note", "") if step == story["path"][-1] else ""
        if step == "accepted":
            pairings.accept_pairing(pairing, actor=answerer, consent_to_contact=True)
        elif step == "declined":
            pairings.decline_pairing(pairing, actor=answerer, reason=story["reason"], note=note)
        elif step == "withdrawn":
            pairings.withdraw_pairing(pairing, actor=initiator)
        elif step == "approved":
            pairings.approve_pairing(pairing, actor=self.staff, note=note)
        elif step == "rejected":
            pairings.reject_pairing(pairing, actor=self.staff, reason=story["reason"], note=note)
        else:
            pairings.change_stage(pairing, actor=maker_user, stage=step, note=note)

    def report(self, index: int, side: str, outcome: str, note: str) -> None:
        pairing, startup_user, maker_user = self.sides(index)
        actor = startup_user if side == "startup" else maker_user
        pairings.report_outcome(pairing, actor=actor, outcome=outcome, note=note)

    def read_notifications(self) -> None:
        """The demo accounts have read what is older than a week (nobody signs in to
        the others)."""
        demo = [self.account_of[self.orgs[key].id] for key in self.story["demo_companies"].values()]
        for user in [self.staff, *demo]:
            notifications.mark_all_read(actor=user)
