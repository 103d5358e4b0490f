"""Pairings: every transition of a (need, startup) pairing (``transitions``), the sweep
that keeps them moving (``sweep``), what staff and parties read (``queries``) and the
follow-on support programmes (``support``); ``core`` holds what they share.

Each transition is one function: it checks who may make it, changes the row with a
compare-and-set update (``version`` and ``status`` as read; a concurrent change makes
it raise ``Conflict``), writes the ``PairingEvent`` of the timeline, the audit event
and the notifications, and commits once; e-mail follows the commit.

Staff approval is always required before contacts change hands, whatever
``Policy.require_staff_approval`` says: PIPA Art. 37-2 guidance asks for a
meaningful human decision, and the database refuses an approved pairing
without ``decided_by_id``.
"""

from __future__ import annotations

from app.services.pairings.core import (
    MANUFACTURER,
    OPEN_STATUSES,
    STAFF,
    STAGE_MOVES,
    STARTUP,
    add_event,
    allowed_stages,
    answering_side,
    check_length,
    check_note,
    check_reason,
    compare_and_set,
    get_pairing_for,
    initiator_side,
    notify_side,
    organization_of,
    other_side,
    pairing_params,
    require_consent,
    require_side,
    side_of,
    staff_users,
)
from app.services.pairings.queries import (
    contact_for,
    count_awaiting_decision,
    get_outcome_report,
    get_request_of,
    list_outcome_reports,
    list_pairings_for,
    list_pairings_for_staff,
)
from app.services.pairings.support import (
    deactivate_support_program,
    get_support_program,
    list_support_programs,
    save_support_program,
    support_for_stage,
)
from app.services.pairings.sweep import (
    OUTCOME_AFTER,
    sweep,
)
from app.services.pairings.transitions import (
    accept_pairing,
    approve_pairing,
    change_stage,
    decline_pairing,
    end_open_pairings,
    express_interest,
    invite_startup,
    reject_pairing,
    report_outcome,
    withdraw_pairing,
)

__all__ = [
    "MANUFACTURER",
    "OPEN_STATUSES",
    "OUTCOME_AFTER",
    "STAFF",
    "STAGE_MOVES",
    "STARTUP",
    "accept_pairing",
    "add_event",
    "allowed_stages",
    "answering_side",
    "approve_pairing",
    "change_stage",
    "check_length",
    "check_note",
    "check_reason",
    "compare_and_set",
    "contact_for",
    "count_awaiting_decision",
    "deactivate_support_program",
    "decline_pairing",
    "end_open_pairings",
    "express_interest",
    "get_outcome_report",
    "get_pairing_for",
    "get_request_of",
    "get_support_program",
    "initiator_side",
    "invite_startup",
    "list_outcome_reports",
    "list_pairings_for",
    "list_pairings_for_staff",
    "list_support_programs",
    "notify_side",
    "organization_of",
    "other_side",
    "pairing_params",
    "reject_pairing",
    "report_outcome",
    "require_consent",
    "require_side",
    "save_support_program",
    "side_of",
    "staff_users",
    "support_for_stage",
    "sweep",
    "withdraw_pairing",
]
