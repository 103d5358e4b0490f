"""Contact data: only after approval, only to the two parties and staff, only with both
consents, and every reveal audited (matrix rows 6, 26, 27; PIPA Art. 17, 29)."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent
from app.models.enums import PairingStatus
from tests import factories
from tests.security import world as w

# (status, startup consented, manufacturer consented, contacts may be shown)
CASES = [(status, True, True, status == PairingStatus.APPROVED) for status in PairingStatus] + [
    (PairingStatus.APPROVED, False, True, False),
    (PairingStatus.APPROVED, True, False, False),
    (PairingStatus.APPROVED, False, False, False),
]
PARTIES = {"startup_a": "manufacturer_m", "manufacturer_m": "startup_a"}


def audit_count(action_prefix: str, subject_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action.startswith(action_prefix),
            AuditEvent.subject_organization_id == subject_id,
        )
    )  # fmt: skip


@pytest.mark.parametrize(
    ("status", "startup_consent", "manufacturer_consent", "shown"),
    CASES,
    ids=[f"{c[0]}-s{int(c[1])}-m{int(c[2])}" for c in CASES],
)
def test_contacts_appear_only_where_allowed_and_every_reveal_is_audited(
    app: Flask,
    status: PairingStatus,
    startup_consent: bool,
    manufacturer_consent: bool,
    shown: bool,
) -> None:
    world = w.build_world(pairings=False)
    staff = world.users["staff"]
    world.pairings["a_m"] = factories.make_pairing(
        world.needs["manufacturer_m:open"],
        world.startup_a,
        status,
        decided_by=staff,
        startup_consent=startup_consent,
        # The manufacturer consents when it answers: never on a request still waiting.
        maker_consent=manufacturer_consent and status != PairingStatus.REQUESTED,
    )
    if status in (PairingStatus.APPROVED, PairingStatus.REJECTED):
        world.pairings["a_m"].decided_by_id = staff.id
        db.session.commit()
    labels = {"a_m", "manufacturer_m:open", "startup_a", "manufacturer_m", "manufacturer_n"}
    problems: list[str] = []
    revealed_to: set[str] = set()
    for role, rule, _, url, response in w.crawl_get(app, world, labels=labels):
        if response.status_code != 200:
            continue
        body = response.get_data(as_text=True)
        for subject, org in world.organizations.items():
            if subject == role:
                continue  # a company sees its own contact person
            strings = world.contact_strings(subject)
            if not any(s in body for s in strings):
                continue
            where = f"{role} GET {url} ({rule.endpoint}) shows {subject}'s contact"
            allowed = role == "staff" or (shown and PARTIES.get(role) == subject)
            if not allowed:
                problems.append(where)
                continue
            revealed_to.add(role)
            prefix = "contact.viewed" if role == "staff" else "contact.revealed"
            if audit_count(prefix, org.id) == 0:
                problems.append(where + " without an audit event")
    assert not problems, "\n".join(problems)
    if shown:
        assert {"startup_a", "manufacturer_m"} <= revealed_to, "parties never see the contact"
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "contact.revealed").limit(1)
        )
        assert event.actor_id is not None and event.at is not None
        assert event.ip and event.subject_organization_id is not None
        assert event.detail.get("reason")
