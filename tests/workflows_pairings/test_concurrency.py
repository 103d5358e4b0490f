"""Two staff approving the same pairing at once: exactly one transition wins."""

from __future__ import annotations

import threading

from flask import Flask
from flask_babel import force_locale
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Notification, Pairing, PairingEvent
from app.services import pairings as service
from app.services.errors import Conflict
from tests import factories
from tests.workflows_pairings.helpers import World, count

RUNS = 20


def test_concurrent_approvals_make_exactly_one_transition(app: Flask, world: World) -> None:
    second_staff = factories.make_staff()
    staff_ids = (world.staff.id, second_staff.id)
    pairing_ids = [
        world.pairing("accepted", need=factories.make_need(world.maker, title=f"수요 {run}")).id
        for run in range(RUNS)
    ]
    db.session.remove()

    for pairing_id in pairing_ids:
        barrier = threading.Barrier(2)
        results: list[str] = []

        def approve(
            staff_id: int,
            pairing_id: int = pairing_id,
            barrier: threading.Barrier = barrier,
            results: list[str] = results,
        ) -> None:
            with app.app_context(), force_locale("en"):
                pairing = db.session.get(Pairing, pairing_id)
                actor = db.session.get(type(world.staff), staff_id)
                barrier.wait(timeout=10)
                try:
                    service.approve_pairing(pairing, actor=actor)
                    results.append("won")
                except Conflict:
                    results.append("conflict")
                finally:
                    db.session.remove()

        threads = [threading.Thread(target=approve, args=(s,)) for s in staff_ids]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert sorted(results) == ["conflict", "won"], results

    db.session.expire_all()
    for pairing_id in pairing_ids:
        pairing = db.session.get(Pairing, pairing_id)
        assert (pairing.status, pairing.version) == ("approved", 2)
        approvals = count(
            AuditEvent, AuditEvent.object_id == pairing_id, AuditEvent.action == "pairing.approved"
        )
        assert approvals == 1
        events = db.session.scalars(
            select(PairingEvent.value).where(PairingEvent.pairing_id == pairing_id)
        ).all()
        assert sorted(events) == ["approved", "introduced"]
    # One "approved" notice per side per pairing, never two.
    assert count(Notification, Notification.kind == "pairing.approved") == 2 * RUNS
