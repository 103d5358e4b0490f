"""What a policy change would do to the rankings, computed in memory and saving nothing.

Both sides are ranked now, with the same fitted engine, under the policy in force and
under the draft, so every difference comes from the policy alone (not from stale stored
matches). The engine is fitted once per process (``fitted_engine``); the draft only
swaps the weights of a shallow copy, which costs nothing. A draft that changes who is
listed (verified-only) needs an engine fitted on that other set of startups.
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.models import Organization, Policy, User
from app.services.errors import PermissionDenied
from app.services.matching import fitted_engine, fitted_engine_for, open_needs
from app.services.policy import checked_policy_values, current_policy, engine_policy

logger = logging.getLogger(__name__)

TOP = 5  # the list a company looks at first
DEPTH = 20  # ranks are looked up this deep; deeper ones read "below 20"
SHOWN_NEEDS = 50  # needs listed on the page; the counts cover them all


@dataclass(frozen=True)
class RankMove:
    """One startup entering or leaving a need's top 5 (``None``: below ``DEPTH``)."""

    startup_id: int
    name: str
    old_rank: int | None
    new_rank: int | None


@dataclass(frozen=True)
class NeedChange:
    need_id: int
    title: str
    entered: list[RankMove]
    left: list[RankMove]


@dataclass
class PolicyPreview:
    """The effect of a draft: needs whose top 5 changes, startups whose top needs change.

    ``higher``/``lower`` count, per startup id, the open needs for which that startup
    would rank higher / lower (within the first ``DEPTH``): the plain-words summary a
    company reads ("your company would rank higher for 3 open needs").
    """

    values: dict[str, Any]
    needs_total: int = 0
    needs_changed: int = 0
    changes: list[NeedChange] = field(default_factory=list)
    startups_total: int = 0
    startups_changed: int = 0
    startup_entries: int = 0  # (startup, need) pairs entering a startup's top 5
    startup_exits: int = 0
    higher: dict[int, int] = field(default_factory=dict)
    lower: dict[int, int] = field(default_factory=dict)
    needs_changed_by_manufacturer: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0


def _need_ranks(rankings: Sequence[Any]) -> dict[str, dict[str, int]]:
    """need id → startup id → rank (1-based)."""
    return {r.need_id: {m.startup_id: i for i, m in enumerate(r.matches, 1)} for r in rankings}


def _draft_engine(values: Mapping[str, Any], in_force: Policy) -> Any:
    from matching import Policy as EnginePolicy

    draft_policy = EnginePolicy(**engine_policy(values))
    if bool(values["only_verified_listed"]) != bool(in_force.only_verified_listed):
        return fitted_engine_for(bool(values["only_verified_listed"]), draft_policy)
    # Ranking reads the weights from ``policy_``; the fitted matrices are shared, untouched.
    draft = copy.copy(fitted_engine(in_force).engine)
    draft.set_policy(draft_policy)
    return draft


def preview_policy(values: Mapping[str, Any], *, actor: User) -> PolicyPreview:
    """Ranks every open need and every listed startup under the policy in force and under
    ``values`` (the policy form's fields) and reports the differences. Saves nothing.

    Staff only (else ``PermissionDenied``); a value out of range raises ``FieldError``.
    """
    if actor is None or not actor.is_staff:
        raise PermissionDenied()
    started = time.perf_counter()
    checked = checked_policy_values(values)
    in_force = current_policy()
    preview = PolicyPreview(values=checked)
    needs = open_needs()
    preview.needs_total = len(needs)
    old_engine = fitted_engine(in_force).engine
    new_engine = _draft_engine(checked, in_force)
    if not needs:
        preview.seconds = time.perf_counter() - started
        return preview
    records = [n.to_record() for n in needs]
    old = _need_ranks(old_engine.rank(records, top_k=DEPTH))
    new = _need_ranks(new_engine.rank(records, top_k=DEPTH))
    names = _startup_names(old, new)
    for need in needs:
        before, after = old.get(str(need.id), {}), new.get(str(need.id), {})
        _count_moves(preview, before, after)
        top_before = {s for s, r in before.items() if r <= TOP}
        top_after = {s for s, r in after.items() if r <= TOP}
        if top_before == top_after:
            continue
        preview.needs_changed += 1
        owner = need.organization_id
        preview.needs_changed_by_manufacturer[owner] = (
            preview.needs_changed_by_manufacturer.get(owner, 0) + 1
        )
        if len(preview.changes) < SHOWN_NEEDS:
            preview.changes.append(
                NeedChange(
                    need_id=need.id,
                    title=need.title,
                    entered=_moves(top_after - top_before, before, after, names),
                    left=_moves(top_before - top_after, before, after, names),
                )
            )
    _startup_side(preview, old_engine, new_engine, records)
    preview.seconds = time.perf_counter() - started
    logger.info(
        "policy preview: %d of %d needs change their top %d (%.2fs)",
        preview.needs_changed,
        preview.needs_total,
        TOP,
        preview.seconds,
    )
    return preview


def _count_moves(preview: PolicyPreview, before: dict[str, int], after: dict[str, int]) -> None:
    beyond = DEPTH + 1
    for startup in before.keys() | after.keys():
        old_rank, new_rank = before.get(startup, beyond), after.get(startup, beyond)
        if new_rank < old_rank:
            preview.higher[int(startup)] = preview.higher.get(int(startup), 0) + 1
        elif new_rank > old_rank:
            preview.lower[int(startup)] = preview.lower.get(int(startup), 0) + 1


def _moves(
    startups: set[str], before: dict[str, int], after: dict[str, int], names: dict[int, str]
) -> list[RankMove]:
    moves = [RankMove(int(s), names.get(int(s), ""), before.get(s), after.get(s)) for s in startups]
    return sorted(moves, key=lambda m: (m.new_rank or DEPTH + 1, m.old_rank or DEPTH + 1))


def _startup_names(*rankings: dict[str, dict[str, int]]) -> dict[int, str]:
    ids = {int(s) for ranking in rankings for ranks in ranking.values() for s in ranks}
    if not ids:
        return {}
    rows = db.session.execute(
        select(Organization.id, Organization.name).where(Organization.id.in_(ids))
    ).all()
    return {row.id: row.name for row in rows}


def _startup_side(
    preview: PolicyPreview, old_engine: Any, new_engine: Any, records: list[dict[str, Any]]
) -> None:
    def tops(engine: Any) -> dict[str, set[str]]:
        rankings = engine.rank_needs(None, records, top_k=TOP)
        return {r.startup_id: {m.need_id for m in r.matches} for r in rankings}

    old, new = tops(old_engine), tops(new_engine)
    preview.startups_total = len(old.keys() | new.keys())
    for startup in old.keys() | new.keys():
        before, after = old.get(startup, set()), new.get(startup, set())
        if before != after:
            preview.startups_changed += 1
            preview.startup_entries += len(after - before)
            preview.startup_exits += len(before - after)
