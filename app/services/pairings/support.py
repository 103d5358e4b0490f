"""The city's follow-on support programmes shown to a pairing at each stage."""

from __future__ import annotations

import logging
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select

from app.extensions import db
from app.models import (
    SupportProgram,
    User,
)
from app.models.enums import (
    PairingStage,
)
from app.services import audit
from app.services.errors import (
    FieldError,
    NotFound,
    PermissionDenied,
)

logger = logging.getLogger(__name__)


def support_for_stage(stage: str | None) -> list[SupportProgram]:
    """The active follow-on support programmes for ``stage``, in display order."""
    if not stage:
        return []
    return list(
        db.session.scalars(
            select(SupportProgram)
            .where(SupportProgram.stage == stage, SupportProgram.is_active.is_(True))
            .order_by(SupportProgram.sort_order, SupportProgram.id)
        )
    )


def list_support_programs() -> Select[tuple[SupportProgram]]:
    """Every follow-on support programme for staff: active first, by stage and order."""
    return select(SupportProgram).order_by(
        SupportProgram.is_active.desc(),
        SupportProgram.stage,
        SupportProgram.sort_order,
        SupportProgram.id,
    )


def get_support_program(actor: User, program_id: int) -> SupportProgram:
    """A support programme for staff to edit; ``NotFound`` for others or a wrong id."""
    program = db.session.get(SupportProgram, program_id)
    if program is None or not actor.is_staff:
        raise NotFound()
    return program


def save_support_program(
    program: SupportProgram | None, *, actor: User, fields: dict[str, Any]
) -> SupportProgram:
    """Staff add (``program`` None) or edit a follow-on support programme."""
    if not actor.is_staff:
        raise PermissionDenied()
    if fields.get("stage") not in set(PairingStage):
        raise FieldError("stage", _l("Choose a stage."))
    allowed = {
        "stage",
        "name_ko",
        "name_en",
        "description_ko",
        "description_en",
        "url",
        "sort_order",
        "is_active",
    }
    created = program is None
    if program is None:
        program = SupportProgram()
        db.session.add(program)
    for name, value in fields.items():
        if name in allowed:
            setattr(program, name, value)
    db.session.flush()
    audit.record(
        "support_program.created" if created else "support_program.updated",
        "support_program",
        program.id,
        actor=actor,
        detail={"stage": program.stage},
    )
    db.session.commit()
    return program


def deactivate_support_program(program: SupportProgram, *, actor: User) -> SupportProgram:
    """Staff hide a programme from companies (it stays for the record)."""
    if not actor.is_staff:
        raise PermissionDenied()
    program.is_active = False
    audit.record("support_program.deactivated", "support_program", program.id, actor=actor)
    db.session.commit()
    return program
