"""Writes what the load test's users need: accounts and the needs each manufacturer owns.

Run by ``loadtest/run.sh`` against the same database as the server (DATABASE_URL).
"""

from __future__ import annotations

import json
import sys

from sqlalchemy import select

from app import create_app
from app.demo.constants import SCALE_EMAIL_DOMAIN
from app.extensions import db
from app.models import Need, User
from app.models.enums import NeedStatus, Role


def main(path: str) -> None:
    app = create_app()
    with app.app_context():
        pattern = f"%@{SCALE_EMAIL_DOMAIN}"
        startups = db.session.scalars(
            select(User.email).where(User.email.like(pattern), User.role == Role.STARTUP)
        ).all()
        makers = db.session.execute(
            select(User.email, User.organization_id).where(
                User.email.like(pattern), User.role == Role.MANUFACTURER
            )
        ).all()
        needs: dict[int, list[int]] = {}
        for need_id, org_id in db.session.execute(
            select(Need.id, Need.organization_id).where(Need.status == NeedStatus.OPEN)
        ):
            needs.setdefault(org_id, []).append(need_id)
        data = {
            "startups": sorted(startups),
            "makers": [
                {"email": email, "needs": needs[org]} for email, org in makers if needs.get(org)
            ],
        }
    if not data["startups"] or not data["makers"]:
        sys.exit("No scale accounts found: run `flask demo-data --scale 10000` first.")
    with open(path, "w", encoding="utf-8") as out:
        json.dump(data, out)
    print(f"{len(data['startups'])} startup and {len(data['makers'])} manufacturer accounts")


if __name__ == "__main__":
    main(sys.argv[1])
