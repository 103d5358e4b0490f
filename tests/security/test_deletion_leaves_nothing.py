"""Matrix rows 44 (deletion leaves nothing personal) and 28 (export): issue 13, item 8.

After a company's last account is deleted, no table holds the person's name,
phone, e-mail, the messages they wrote or the address they came from; the
사업자등록번호 is free for a new sign-up (only a keyed hash traces it). Before,
``/me/export`` lists all of it, messages and addresses included.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Organization
from tests import factories
from tests.factories import PASSWORD

NAME = "홍길동"
PHONE = "010-9876-5432"
IP = "203.0.113.77"
MESSAGE = "저희 대표 홍길동(010-9876-5432)에게 연락 주세요."


def _every_cell() -> str:
    """Every value of every table, as one string to grep."""
    cells = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(select(table)).all():
            cells.extend(str(v) for v in row)
    db.session.rollback()
    return "\n".join(cells)


def _company(app: Flask) -> tuple[Organization, Any, Any]:
    startup, user = factories.make_startup(
        description=f"대표 {NAME}, 전화 {PHONE}. 진동 센서로 고장을 예측합니다.",
        capabilities_text=f"{NAME}의 예지보전 노하우",
        website="https://hong.example",
        contact_name=NAME,
        contact_phone=PHONE,
    )
    maker, _maker_user = factories.make_manufacturer()
    need = factories.make_need(maker)
    client = app.test_client()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    response = client.post(
        f"/needs/{need.id}/interest",
        data={"message": MESSAGE, "consent": "y"},
        environ_base={"REMOTE_ADDR": IP},
    )
    assert response.status_code == 302
    return startup, user, client


def test_row28_export_lists_messages_and_addresses(app: Flask) -> None:
    startup, _user, client = _company(app)
    export = json.loads(client.get("/me/export").get_data(as_text=True))
    text = json.dumps(export, ensure_ascii=False)
    assert MESSAGE in text
    assert IP in text
    assert startup.capabilities_text in text
    assert export["pairings"][0]["message"] == MESSAGE
    assert any(row["ip"] == IP for row in export["activity_log"])


def test_row44_deletion_leaves_no_name_phone_email_message_or_address(app: Flask) -> None:
    startup, user, client = _company(app)
    email, brn = user.email, startup.business_reg_no
    response = client.post(
        "/me/delete",
        data={"del-current_password": PASSWORD, "del-confirm": "y"},
        environ_base={"REMOTE_ADDR": IP},
    )
    assert response.status_code == 302
    everything = _every_cell()
    for personal in (NAME, PHONE, email, IP, MESSAGE, brn, "hong.example"):
        assert personal not in everything, personal
    # the company's history stays, without the person
    db.session.expire_all()
    assert db.session.get(Organization, startup.id).name == startup.name
    assert db.session.scalars(select(AuditEvent).where(AuditEvent.actor_id == user.id)).all()


def test_row44_the_registration_number_is_free_again(app: Flask, client: Any) -> None:
    startup, _user, session = _company(app)
    brn = startup.business_reg_no
    session.post("/me/delete", data={"del-current_password": PASSWORD, "del-confirm": "y"})
    response = client.post(
        "/signup",
        data={
            "kind": "startup",
            "company_name": "다시 온 회사",
            "business_reg_no": brn,
            "district": "강남구",
            "contact_name": "새 담당자",
            "email": "again@example.com",
            "password": "a long enough passphrase 2026",
            "password_confirm": "a long enough passphrase 2026",
            "consent_required": "y",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    again = db.session.scalars(
        select(Organization).where(Organization.business_reg_no == brn)
    ).one()
    assert again.name == "다시 온 회사"
    registered = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "company.registered", AuditEvent.object_id == again.id
        )
    ).one()
    assert registered.detail["previously_registered"] is True
