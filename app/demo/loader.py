"""Loads the first-look demo data set: companies, needs, pairings and their history.

The data lives in the sibling modules (``companies``, ``needs``, ``pairings``,
``programs``); this module turns it into rows with consistent dates, all relative to now.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select

from app.demo.brn import DEMO_MANUFACTURER_OFFICE, DEMO_STARTUP_OFFICE, make_brn
from app.demo.companies import (
    DEMO_MANUFACTURER_KEY,
    DEMO_STARTUP_KEY,
    MANUFACTURERS,
    STARTUPS,
)
from app.demo.constants import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_STAFF_TOTP_SECRET
from app.demo.counts import added_since, table_counts
from app.demo.needs import NEEDS
from app.demo.pairings import PAIRINGS
from app.demo.programs import SUPPORT_PROGRAMS
from app.extensions import db
from app.models import (
    AuditEvent,
    Consent,
    Need,
    Notification,
    Organization,
    Pairing,
    PairingEvent,
    PairingOutcomeReport,
    Policy,
    Site,
    SupportProgram,
    User,
)
from app.models.enums import (
    ConsentPurpose,
    NeedStatus,
    OrganizationKind,
    PairingInitiator,
    PairingStage,
    PairingStatus,
    Role,
    VerificationStatus,
)
from app.models.types import utcnow
from app.services.audit import actor_label
from app.services.passwords import hash_password

DAY = timedelta(days=1)
# Days from one step of a pairing to the next; approval introduces at once.
STATUS_STEP_DAYS = {
    "accepted": 3,
    "declined": 4,
    "approved": 2,
    "rejected": 2,
    "withdrawn": 6,
    "expired": 30,
    "cancelled": 10,
}
STAGE_STEP_DAYS = {"pilot": 30, "commercialized": 60, "ended": 60}
FINAL_STATUSES = {"declined", "rejected", "withdrawn", "expired", "cancelled"}
REMINDER_AFTER = timedelta(days=14)
OUTCOME_AFTER = timedelta(days=182)


def demo_data_present() -> bool:
    return (
        db.session.scalar(select(User.id).where(User.email == DEMO_ACCOUNTS["staff"])) is not None
    )


def load_demo_data() -> dict[str, int]:
    """Inserts the demo data set in one transaction; returns the rows added per table.

    Raises ``RuntimeError`` when the demo staff account exists already, so the data is
    never loaded twice. Refusing in production is the caller's job (the CLI).
    """
    if demo_data_present():
        raise RuntimeError(
            f"Demo data is already loaded ({DEMO_ACCOUNTS['staff']} exists); "
            "start from an empty database to load it again."
        )
    before = table_counts()
    try:
        _DemoBuilder(utcnow(), hash_password(DEMO_PASSWORD)).build()
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return added_since(before)


class _DemoBuilder:
    """Adds the demo rows to the session; the caller commits."""

    def __init__(self, now: datetime, password_hash: str) -> None:
        self.now = now
        self.password_hash = password_hash
        self.orgs: dict[str, Organization] = {}
        self.users: dict[str, User] = {}  # organization key (or "staff") -> account
        self.needs: dict[str, Need] = {}
        self.pairings: list[Pairing] = []

    def build(self) -> None:
        self.staff = self._user(DEMO_ACCOUNTS["staff"], Role.STAFF, None)
        self.staff.totp_secret = DEMO_STAFF_TOTP_SECRET
        db.session.add(self.staff)
        db.session.flush()  # the staff id is stamped on verifications and decisions
        for index, data in enumerate(STARTUPS):
            self._company(data, OrganizationKind.STARTUP, index)
        for index, data in enumerate(MANUFACTURERS):
            self._company(data, OrganizationKind.MANUFACTURER, index)
        self.users[DEMO_STARTUP_KEY] = self._user(
            DEMO_ACCOUNTS["startup"], Role.STARTUP, self.orgs[DEMO_STARTUP_KEY]
        )
        self.users[DEMO_MANUFACTURER_KEY] = self._user(
            DEMO_ACCOUNTS["manufacturer"], Role.MANUFACTURER, self.orgs[DEMO_MANUFACTURER_KEY]
        )
        for data in NEEDS:
            self._need(data)
        db.session.add_all([*self.orgs.values(), *self.users.values()])
        db.session.flush()  # pairing events and notifications refer to ids
        for data in PAIRINGS:
            self._pairing(data)
        db.session.flush()
        self._policy_and_programs()
        self._audit_events()
        self._notifications()

    def _days_ago(self, days: float) -> datetime:
        return self.now - days * DAY

    def _user(self, email: str, role: Role, organization: Organization | None) -> User:
        created_at = organization.created_at if organization else self._days_ago(400)
        version = current_app.config["PRIVACY_TEXT_VERSION"]
        return User(
            email=email,
            password_hash=self.password_hash,
            role=role,
            organization=organization,
            locale="ko",
            created_at=created_at,
            password_changed_at=created_at,
            last_login_at=self._days_ago(1),
            consents=[
                Consent(purpose=purpose, text_version=version, granted_at=created_at)
                for purpose in (ConsentPurpose.PRIVACY_REQUIRED, ConsentPurpose.CONTACT_PROVISION)
            ],
        )

    def _company(self, data: dict[str, Any], kind: OrganizationKind, index: int) -> None:
        is_startup = kind == OrganizationKind.STARTUP
        status = data.get("status", VerificationStatus.VERIFIED)
        # Verified companies joined 7 to 12 months ago; the others are recent sign-ups.
        age = 360 - 4 * index if status == VerificationStatus.VERIFIED else 3 + index % 4
        created_at = self._days_ago(age)
        domain = data["key"].replace("_", "-") + ".example"
        contact_name, contact_local = data["contact"]
        org = Organization(
            kind=kind,
            name=data["name"],
            business_reg_no=make_brn(
                DEMO_STARTUP_OFFICE if is_startup else DEMO_MANUFACTURER_OFFICE,
                81 if is_startup else 86,
                index + 1,
            ),
            district=data["district"],
            description=data["description"],
            website=f"https://{domain}",
            employees=data["employees"],
            founded_year=data["founded"],
            contact_name=contact_name,
            contact_email=f"{contact_local}@{domain}",
            contact_phone=f"010-0000-{(1100 if is_startup else 1500) + index:04d}",
            verification_status=status,
            created_at=created_at,
            updated_at=created_at,
            last_active_at=self._days_ago(index % 9),
        )
        if status == VerificationStatus.VERIFIED:
            org.verified_at = created_at + 2 * DAY
        elif status == VerificationStatus.REJECTED:
            org.verification_reason = data["reason"]
            org.verification_note = data["note"]
        if is_startup:
            org.iot_field = data["iot_field"]
            org.capabilities = list(data["capabilities"])
            org.sectors = data["sectors"]
        else:
            org.sector = data["sector"]
            org.sites = [
                Site(name=name, district=district, processes=processes, created_at=created_at)
                for name, district, processes in data["sites"]
            ]
        self.orgs[data["key"]] = org

    def _need(self, data: dict[str, Any]) -> None:
        org = self.orgs[data["maker"]]
        status = data.get("status", NeedStatus.OPEN)
        created_at = self._days_ago(data["age"])
        min_manwon, max_manwon = data["budget"]
        need = Need(
            organization=org,
            site=org.sites[data["site"]],
            title=data["title"],
            description=data["description"],
            sector=org.sector,
            required_capabilities=list(data["capabilities"]),
            budget_min_krw=min_manwon * 10_000,
            budget_max_krw=max_manwon * 10_000,
            deadline=(self.now + data["deadline"] * DAY).date(),
            status=status,
            created_at=created_at,
            updated_at=created_at,
        )
        if status != NeedStatus.DRAFT:
            need.submitted_at = created_at + timedelta(hours=1)
        if status in (NeedStatus.OPEN, NeedStatus.CLOSED):
            need.reviewed_at = need.opened_at = created_at + DAY
            need.reviewed_by_id = self.staff.id
        if status == NeedStatus.CLOSED:
            need.closed_at = need.updated_at = self._days_ago(data["closed_age"])
        self.needs[data["key"]] = need

    @staticmethod
    def _actor_id(org: Organization) -> int | None:
        """The company's login account, if it has one (only the demo companies do)."""
        return org.users[0].id if org.users else None

    def _pairing(self, data: dict[str, Any]) -> None:
        need, startup = self.needs[data["need"]], self.orgs[data["startup"]]
        initiator, responder = (
            (startup, need.organization)
            if data["by"] == "startup"
            else (need.organization, startup)
        )
        pairing = Pairing(
            need=need,
            startup=startup,
            initiated_by=data["by"],
            message=data["message"],
            status=PairingStatus.REQUESTED,
            requested_at=self._days_ago(data["age"]),
        )
        self._consent(pairing, initiator, pairing.requested_at)
        pairing.events = self._timeline(pairing, data, initiator, responder)
        pairing.version = len(pairing.events)
        self._follow_ups(pairing, data)
        db.session.add(pairing)
        self.pairings.append(pairing)

    def _timeline(
        self,
        pairing: Pairing,
        data: dict[str, Any],
        initiator: Organization,
        responder: Organization,
    ) -> list[PairingEvent]:
        """Walks the pairing along ``data["path"]``, stamping each step; returns the events."""
        at = pairing.requested_at
        requested = PairingEvent(
            kind="status", value=PairingStatus.REQUESTED, actor_id=self._actor_id(initiator), at=at
        )
        events = [requested]
        for step in data["path"]:
            note = data.get("note") if step == data["path"][-1] else None
            if step in STAGE_STEP_DAYS:
                at += STAGE_STEP_DAYS[step] * DAY
                pairing.stage, pairing.stage_changed_at = step, at
                if step == PairingStage.ENDED:
                    pairing.closed_at = at
                actor_id = self._actor_id(pairing.need.organization)
                events.append(
                    PairingEvent(kind="stage", value=step, actor_id=actor_id, at=at, note=note)
                )
                continue
            at += STATUS_STEP_DAYS[step] * DAY
            pairing.status = step
            actor_id = self._apply_status(pairing, step, at, data, responder, initiator)
            events.append(
                PairingEvent(kind="status", value=step, actor_id=actor_id, at=at, note=note)
            )
            if step == PairingStatus.APPROVED:
                pairing.stage = PairingStage.INTRODUCED
                pairing.introduced_at = pairing.stage_changed_at = at
                events.append(
                    PairingEvent(
                        kind="stage", value=PairingStage.INTRODUCED, actor_id=self.staff.id, at=at
                    )
                )
        return events

    def _follow_ups(self, pairing: Pairing, data: dict[str, Any]) -> None:
        """The reminder of an unanswered request and the six-month outcome question."""
        if (
            pairing.status == PairingStatus.REQUESTED
            and self.now - pairing.requested_at > REMINDER_AFTER
        ):
            pairing.reminded_at = pairing.requested_at + REMINDER_AFTER
        if pairing.introduced_at and self.now - pairing.introduced_at > OUTCOME_AFTER:
            pairing.outcome_requested_at = pairing.introduced_at + OUTCOME_AFTER
            sides = {"startup": pairing.startup, "manufacturer": pairing.need.organization}
            pairing.outcomes = [
                PairingOutcomeReport(
                    organization_id=sides[side].id,
                    outcome=outcome,
                    note=note,
                    answered_at=pairing.outcome_requested_at + 5 * DAY,
                )
                for side, outcome, note in data.get("outcomes", [])
            ]

    def _apply_status(
        self,
        pairing: Pairing,
        status: str,
        at: datetime,
        data: dict[str, Any],
        responder: Organization,
        initiator: Organization,
    ) -> int | None:
        """Stamps one status change on the pairing; returns who made it."""
        if status in FINAL_STATUSES:
            pairing.closed_at = at
        if status in (PairingStatus.ACCEPTED, PairingStatus.DECLINED):
            pairing.answered_at = at
            if status == PairingStatus.ACCEPTED:
                self._consent(pairing, responder, at)
            else:
                pairing.answer_reason, pairing.answer_note = data["reason"], data["note"]
            return self._actor_id(responder)
        if status in (PairingStatus.APPROVED, PairingStatus.REJECTED):
            pairing.decided_at, pairing.decided_by_id = at, self.staff.id
            if status == PairingStatus.REJECTED:
                pairing.decision_reason, pairing.decision_note = data["reason"], data["note"]
            return self.staff.id
        if status == PairingStatus.WITHDRAWN:
            return self._actor_id(initiator)
        return None  # expired and cancelled: the system

    @staticmethod
    def _consent(pairing: Pairing, org: Organization, at: datetime) -> None:
        if org.is_startup:
            pairing.startup_consented_at = at
        else:
            pairing.manufacturer_consented_at = at

    def _policy_and_programs(self) -> None:
        db.session.add(
            Policy(
                version=1,
                note="첫 협업 정책 (기본값) / First collaboration policy (defaults)",
                created_at=self._days_ago(365),
                created_by_id=self.staff.id,
            )
        )
        db.session.add_all(
            SupportProgram(sort_order=index, url=None, **program)
            for index, program in enumerate(SUPPORT_PROGRAMS)
        )

    def _audit(
        self, action: str, object_type: str, object_id: int, at: datetime, org_id: int
    ) -> AuditEvent:
        return AuditEvent(
            at=at,
            actor_id=self.staff.id,
            actor_label=actor_label(self.staff),
            action=action,
            object_type=object_type,
            object_id=object_id,
            subject_organization_id=org_id,
            detail={},
        )

    def _audit_events(self) -> None:
        events = []
        for org in self.orgs.values():
            if org.verified_at:
                events.append(
                    self._audit("company.verified", "organization", org.id, org.verified_at, org.id)
                )
            elif org.verification_status == VerificationStatus.REJECTED:
                event = self._audit(
                    "company.rejected", "organization", org.id, org.created_at + DAY, org.id
                )
                event.detail = {"reason": org.verification_reason}
                events.append(event)
        for need in self.needs.values():
            if need.opened_at:
                events.append(
                    self._audit(
                        "need.approved", "need", need.id, need.opened_at, need.organization_id
                    )
                )
        for pairing in self.pairings:
            if pairing.decided_at:
                events.append(
                    self._audit(
                        f"pairing.{pairing.status}",
                        "pairing",
                        pairing.id,
                        pairing.decided_at,
                        pairing.startup_id,
                    )
                )
        db.session.add_all(events)

    def _notifications(self) -> None:
        """What the demo companies' accounts were told about their pairings and needs."""
        notes: list[Notification] = []
        for key, user in self.users.items():
            org = self.orgs[key]
            for pairing in self.pairings:
                if org not in (pairing.startup, pairing.need.organization):
                    continue
                other = pairing.need.organization if org.is_startup else pairing.startup
                for event in pairing.events:
                    if event.actor_id == user.id or event.value == PairingStage.INTRODUCED:
                        continue
                    kind = _notification_kind(event.kind, event.value, pairing.initiated_by)
                    params = {
                        "pairing_id": pairing.id,
                        "need": pairing.need.title,
                        "other": other.name,
                        "startup": pairing.startup.name,
                        "manufacturer": pairing.need.organization.name,
                    }
                    if event.kind == "stage":
                        params["stage"] = event.value
                    notes.append(
                        self._notification(user, kind, params, f"/pairings/{pairing.id}", event.at)
                    )
            for need in org.needs:
                if need.opened_at:
                    params = {"need_id": need.id, "need": need.title}
                    notes.append(
                        self._notification(
                            user, "need.approved", params, f"/needs/{need.id}", need.opened_at
                        )
                    )
        db.session.add_all(notes)
        self._staff_notifications()

    def _staff_notifications(self) -> None:
        """The staff queues: companies to verify and pairings to approve."""
        notes: list[Notification] = []
        for org in self.orgs.values():
            if org.verification_status == VerificationStatus.PENDING:
                params = {"organization_id": org.id, "organization": org.name}
                notes.append(
                    self._notification(
                        self.staff, "company.pending", params, "/staff", org.created_at
                    )
                )
        for pairing in self.pairings:
            if pairing.status == PairingStatus.ACCEPTED:
                params = {"pairing_id": pairing.id, "need": pairing.need.title}
                notes.append(
                    self._notification(
                        self.staff,
                        "pairing.awaiting_decision",
                        params,
                        f"/staff/pairings/{pairing.id}",
                        pairing.answered_at,
                    )
                )
        db.session.add_all(notes)

    def _notification(
        self, user: User, kind: str, params: dict[str, Any], link: str, at: datetime | None
    ) -> Notification:
        at = at or self.now
        # Anything older than a week has been read; the rest shows as new.
        read_at = at + DAY if self.now - at > 7 * DAY else None
        return Notification(
            user=user, kind=kind, params=params, link=link, created_at=at, read_at=read_at
        )


def _notification_kind(event_kind: str, value: str, initiated_by: str) -> str:
    """The notification kind the live services send for this timeline step."""
    if event_kind == "stage":
        return "pairing.stage_changed"
    if value == PairingStatus.REQUESTED:
        return (
            "pairing.interest_received"
            if initiated_by == PairingInitiator.STARTUP
            else "pairing.invited"
        )
    return f"pairing.{value}"
