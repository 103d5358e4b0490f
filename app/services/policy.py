"""The collaboration policy in force, and its translation into the engine's terms.

Policies are never edited in place: each save is a new row with the next
version, so every ranking can be traced to the rules it was computed under.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask import g, has_request_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError

from app import limits
from app.extensions import db
from app.models import Policy, User
from app.models.enums import Sector
from app.services import audit
from app.services.errors import Conflict, FieldError, PermissionDenied
from app.services.staleness import request_recompute

# (field, lowest, highest) of every number staff may set.
POLICY_RANGES: dict[str, tuple[float, float]] = {
    "weight_text": (0.0, 1.0),
    "weight_capability": (0.0, 1.0),
    "weight_sector": (0.0, 1.0),
    "weight_iot_field": (0.0, 1.0),
    "priority_boost": (0.0, 0.5),
    "min_score": (0.0, 1.0),
    "max_open_requests": (1, 50),
    "reminder_days": (1, 90),
}
INTEGER_FIELDS = ("max_open_requests", "reminder_days")
POLICY_FIELDS = (
    *POLICY_RANGES,
    "priority_sectors",
    "only_verified_listed",
    "require_staff_approval",
)


def current_policy() -> Policy:
    """The newest policy version; version 1 with the defaults when none was saved yet.

    Read once per request: a page asks several times (listing rules, lowest score).
    """
    if has_request_context() and "current_policy" in g:
        cached: Policy = g.current_policy
        return cached
    policy = db.session.scalar(select(Policy).order_by(Policy.version.desc()).limit(1))
    if policy is None:
        policy = Policy(version=1)
        db.session.add(policy)
        db.session.flush()
    if has_request_context():
        g.current_policy = policy
    return policy


def policy_values(policy: Policy) -> dict[str, Any]:
    """The settings of one version as plain values (what the form edits)."""
    values = {name: getattr(policy, name) for name in POLICY_FIELDS}
    values["priority_sectors"] = list(policy.priority_sectors or [])
    return values


def checked_policy_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The policy form's ``values`` checked and converted; raises ``FieldError``."""
    checked: dict[str, Any] = {}
    for name, (low, high) in POLICY_RANGES.items():
        raw = values.get(name)
        try:
            number = int(raw) if name in INTEGER_FIELDS else float(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise FieldError(name, _l("Enter a number.")) from None
        if not low <= number <= high:
            raise FieldError(
                name, _l("Enter a number from %(low)s to %(high)s.", low=low, high=high)
            )
        checked[name] = number
    sectors = list(dict.fromkeys(values.get("priority_sectors") or []))
    unknown = [code for code in sectors if code not in set(Sector)]
    if unknown:
        raise FieldError("priority_sectors", _l("Unknown sector."))
    checked["priority_sectors"] = sectors
    checked["only_verified_listed"] = bool(values.get("only_verified_listed"))
    # Contacts are personal data (PIPA Art. 17): the pairing workflow always asks staff
    # before they change hands, so this switch is shown but cannot be turned off here.
    checked["require_staff_approval"] = True
    if sum(checked[name] for name in POLICY_RANGES if name.startswith("weight_")) <= 0:
        raise FieldError("weight_text", _l("At least one weight must be above 0."))
    return checked


def save_policy(values: Mapping[str, Any], *, actor: User) -> Policy:
    """Saves the settings as a new policy version (never changes an old one).

    Staff only (else ``PermissionDenied``); a value out of range raises ``FieldError``;
    a concurrent save of the same version raises ``Conflict``. Writes ``policy.saved``
    with the changed settings and marks every stored match for recomputation.
    """
    if actor is None or not actor.is_staff:
        raise PermissionDenied(_l("Only city staff may change the policy."))
    checked = checked_policy_values(values)
    note = (values.get("note") or "").strip() or None
    if note is not None and len(note) > limits.POLICY_NOTE_MAX_LENGTH:
        raise FieldError("note", _l("The note is too long."))

    previous = current_policy()
    before = policy_values(previous)
    changes = {
        name: [before[name], checked[name]]
        for name in POLICY_FIELDS
        if before[name] != checked[name]
    }
    policy = Policy(version=previous.version + 1, note=note, created_by_id=actor.id, **checked)
    db.session.add(policy)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(
            _l("Someone saved the policy at the same time. Please check it again.")
        ) from None
    if has_request_context():
        g.current_policy = policy  # in force for the rest of this request
    audit.record(
        "policy.saved",
        "policy",
        policy.id,
        actor=actor,
        detail={"version": policy.version, "changes": changes, "note": note},
    )
    request_recompute(everything=True)
    db.session.commit()
    return policy


def list_policy_versions() -> Select[tuple[Policy]]:
    """Every version, newest first."""
    return select(Policy).order_by(Policy.version.desc())


def version_authors(policies: Iterable[Policy]) -> dict[int, str]:
    """The e-mail of who saved each version, by user id (versions the system made have none)."""
    ids = {p.created_by_id for p in policies if p.created_by_id is not None}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.email).where(User.id.in_(ids))).all())


def engine_policy(policy: Policy | Mapping[str, Any]) -> dict[str, Any]:
    """A stored policy (or checked form values) as keyword arguments of the engine's
    ``matching.Policy``."""
    values = policy if isinstance(policy, Mapping) else policy_values(policy)
    return {
        "weight_text": float(values["weight_text"]),
        "weight_capability": float(values["weight_capability"]),
        "weight_sector": float(values["weight_sector"]),
        "weight_iot_field": float(values["weight_iot_field"]),
        "priority_sectors": list(values["priority_sectors"] or []),
        "priority_boost": float(values["priority_boost"]),
        "min_score": float(values["min_score"]),
    }


def _weight_shares(values: Mapping[str, Any]) -> dict[str, float]:
    weights = {name: float(values[f"weight_{name}"]) for name in WEIGHT_NAMES}
    total = sum(weights.values()) or 1.0
    return {name: round(value / total, 4) for name, value in weights.items()}


WEIGHT_NAMES = ("text", "capability", "sector", "iot_field")


def public_policy() -> dict[str, Any]:
    """The policy in force and the history of versions, as published open data.

    Settings, dates and change notes only: never who saved a version.
    """
    policies: list[Policy] = list(
        db.session.scalars(select(Policy).order_by(Policy.version.desc()))
    )
    if not policies:
        policies = [current_policy()]
    in_force = policies[0]
    values = policy_values(in_force)
    return {
        "version": in_force.version,
        "published_at": in_force.created_at,
        "note": in_force.note,
        "weights": {name: float(values[f"weight_{name}"]) for name in WEIGHT_NAMES},
        "weight_shares": _weight_shares(values),
        "priority_sectors": values["priority_sectors"],
        "priority_boost": float(values["priority_boost"]),
        "listing": {
            "only_verified_listed": bool(values["only_verified_listed"]),
            "require_staff_approval": bool(values["require_staff_approval"]),
            "max_open_requests": int(values["max_open_requests"]),
            "min_score": float(values["min_score"]),
            "reminder_days": int(values["reminder_days"]),
        },
        "changed": _changed(policies, 0),
        "earlier_versions": [
            {
                "version": policy.version,
                "published_at": policy.created_at,
                "note": policy.note,
                "changed": _changed(policies, i),
            }
            for i, policy in enumerate(policies)
            if i > 0
        ],
    }


def _changed(policies: list[Policy], i: int) -> list[str]:
    # Newest first: the version before ``policies[i]`` is the next one in the list.
    return changed_settings(policies[i + 1], policies[i]) if i + 1 < len(policies) else []


def changed_settings(older: Policy, newer: Policy) -> list[str]:
    """The settings ``newer`` changed from ``older``."""
    before, after = policy_values(older), policy_values(newer)
    return [name for name in POLICY_FIELDS if before[name] != after[name]]
