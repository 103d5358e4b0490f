"""Builders for the staff administration tests: pairings with their timeline."""

from __future__ import annotations

from datetime import datetime

from app.extensions import db
from app.models import Pairing, PairingEvent


def add_event(pairing: Pairing, kind: str, value: str, at: datetime) -> None:
    db.session.add(PairingEvent(pairing=pairing, kind=kind, value=value, at=at))
    db.session.commit()
