"""The web app's door to the engine in ``matching/``: stored matches and their recomputation.

Views and services never rank during a request; they ask for a recomputation,
which marks the inputs stale and runs the job (inline, or on the queue; see
``app.jobs``). The job reads what is stale from the database, so a
change made while no worker runs is recomputed when one comes back.

What is stored: for every open need its best ``MATCHES_PER_NEED`` startups, and for
every listed startup its best ``MATCHES_PER_STARTUP`` open needs (so a startup that
is nobody's top 50 still finds needs on its page). A pair scores the same both ways.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import current_app
from sqlalchemy import bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import selectinload

from app.database import refresh_planner_statistics
from app.extensions import db
from app.models import Match, Need, Organization, Policy
from app.models.enums import NeedStatus, OrganizationKind, VerificationStatus
from app.models.types import utcnow
from app.services.policy import current_policy, engine_policy
from app.services.staleness import request_recompute

__all__ = [
    "StaleSummary",
    "fitted_engine",
    "forget_engine",
    "recompute_all",
    "recompute_need",
    "recompute_stale",
    "recompute_startup",
    "request_recompute",
]

logger = logging.getLogger(__name__)

ENGINE_NAME = "tfidf-hash-2"  # 2: vocabulary folder, glossary, fit-scaled boosts (issue 10)
INSERT_CHUNK = 5_000
NEEDS_PER_TRANSACTION = 200
# Without the verified-only policy, startups under review are ranked too (never
# rejected or suspended ones); the same rule as the lists in ``match_lists``.
LISTABLE_UNVERIFIED = (VerificationStatus.VERIFIED, VerificationStatus.PENDING)

Progress = Callable[[str, int, int], None]


# ---------------------------------------------------------------- the engine


@dataclass
class _Cached:
    key: tuple[Any, ...]
    engine: Any  # matching.MatchingEngine
    engine_version: str


_cache: dict[str, _Cached] = {}


def _eligible_condition(policy: Policy | bool) -> Any:
    """Startups the engine ranks under ``policy`` (or a verified-only switch)."""
    only_verified = policy if isinstance(policy, bool) else policy.only_verified_listed
    statuses = (VerificationStatus.VERIFIED,) if only_verified else LISTABLE_UNVERIFIED
    return (Organization.kind == OrganizationKind.STARTUP) & (
        Organization.verification_status.in_(statuses)
    )


def _startup_record(org: Organization) -> dict[str, Any] | None:
    """The engine record, or ``None`` for a profile too empty to rank."""
    record = org.to_record()
    if not record["sectors"] or not record["description"].strip():
        return None
    return record


def _engine_key(policy: Policy) -> tuple[Any, ...]:
    row = db.session.execute(
        select(func.max(Organization.updated_at), func.count()).where(_eligible_condition(policy))
    ).one()
    return (policy.id, policy.version, row[0], row[1], db.engine.url.render_as_string())


def _engine_version(policy: Policy) -> str:
    return f"{ENGINE_NAME}/policy-{policy.version}"


def fitted_engine(policy: Policy | None = None) -> _Cached:
    """The engine fitted on every rankable startup, cached per process.

    Keyed by the policy version and the newest startup change, so a cached engine is
    reused until a profile or the policy changes; ``recompute_startup`` keeps it
    current with the engine's incremental update instead of a refit.
    """
    # Imported here, not above: scikit-learn loads only in processes that rank.
    from matching import Policy as EnginePolicy

    policy = policy or current_policy()
    key = _engine_key(policy)
    cached = _cache.get("engine")
    if cached is not None and cached.key == key:
        return cached
    engine = fitted_engine_for(policy.only_verified_listed, EnginePolicy(**engine_policy(policy)))
    cached = _Cached(key=key, engine=engine, engine_version=_engine_version(policy))
    _cache["engine"] = cached
    return cached


def fitted_engine_for(only_verified: bool, engine_policy: Any) -> Any:
    """A new engine (not cached) fitted on the startups listed under ``only_verified``."""
    from matching import MatchingEngine

    orgs = db.session.scalars(
        select(Organization)
        .where(_eligible_condition(only_verified))
        .options(selectinload(Organization.sector_links))
        .order_by(Organization.id)
    )
    records = [r for r in (_startup_record(o) for o in orgs) if r is not None]
    engine = MatchingEngine(policy=engine_policy).fit(records)
    logger.info("matching engine fitted on %d startups", len(records))
    return engine


def forget_engine() -> None:
    """Drops the cached engine (tests, and after a bulk data load)."""
    _cache.clear()


def open_needs(need_ids: Sequence[int] | None = None) -> list[Need]:
    query = (
        select(Need)
        .where(Need.status == NeedStatus.OPEN)
        .options(selectinload(Need.organization), selectinload(Need.site))
        .order_by(Need.id)
    )
    if need_ids is not None:
        query = query.where(Need.id.in_(need_ids))
    return list(db.session.scalars(query))


def _reasons(match: Any) -> list[dict[str, Any]]:
    out = []
    for reason in match.reasons:
        item: dict[str, Any] = {"kind": reason.kind, "ko": reason.ko, "en": reason.en}
        if reason.code:
            item["code"] = reason.code
        for name in ("terms", "need_terms", "startup_terms"):
            if getattr(reason, name):
                item[name] = list(getattr(reason, name))
        out.append(item)
    return out


def _row(match: Any, version: str, now: datetime) -> dict[str, Any]:
    return {
        "need_id": int(match.need_id),
        "startup_id": int(match.startup_id),
        "score": float(match.score),
        "reasons": _reasons(match),
        "engine_version": version,
        "computed_at": now,
    }


def _insert_rows(rows: Sequence[dict[str, Any]]) -> None:
    # Core insert on the session's connection: the ORM's per-row bookkeeping is not needed.
    connection = db.session.connection()
    for start in range(0, len(rows), INSERT_CHUNK):
        connection.execute(insert(Match.__table__), list(rows[start : start + INSERT_CHUNK]))


def _per_need() -> int:
    return int(current_app.config["MATCHES_PER_NEED"])


def _per_startup() -> int:
    return int(current_app.config["MATCHES_PER_STARTUP"])


# ---------------------------------------------------------------- recomputation


def _replace_need_rows(
    need_ids: Sequence[int], rows_by_need: dict[int, dict[tuple[int, int], dict[str, Any]]]
) -> int:
    """Deletes and inserts the rows of ``need_ids``, one transaction per chunk of needs."""
    written = 0
    for start in range(0, len(need_ids), NEEDS_PER_TRANSACTION):
        chunk = need_ids[start : start + NEEDS_PER_TRANSACTION]
        db.session.execute(delete(Match).where(Match.need_id.in_(chunk)))
        rows = [row for nid in chunk for row in rows_by_need.get(nid, {}).values()]
        _insert_rows(rows)
        db.session.commit()
        written += len(rows)
    return written


def _rank_needs_rows(
    needs: Sequence[Need], cached: _Cached, now: datetime
) -> dict[int, dict[tuple[int, int], dict[str, Any]]]:
    """Each need's best startups (batch mode), grouped by need id."""
    rows: dict[int, dict[tuple[int, int], dict[str, Any]]] = {n.id: {} for n in needs}
    if not needs or not cached.engine.startup_ids:
        return rows
    for ranking in cached.engine.rank([n.to_record() for n in needs], top_k=_per_need()):
        for m in ranking.matches:
            row = _row(m, cached.engine_version, now)
            rows[row["need_id"]][(row["need_id"], row["startup_id"])] = row
    return rows


def recompute_need(need_id: int) -> int:
    """Replaces the stored matches of one need; a need that is not open loses them.

    Returns the number of rows written. Commits.
    """
    return _recompute_needs([need_id])


def _recompute_needs(need_ids: Sequence[int]) -> int:
    needs = open_needs(need_ids)
    open_ids = {n.id for n in needs}
    gone = [nid for nid in need_ids if nid not in open_ids]
    if gone:
        db.session.execute(delete(Match).where(Match.need_id.in_(gone)))
        db.session.commit()
    if not needs:
        return 0
    cached = fitted_engine()
    rows = _rank_needs_rows(needs, cached, utcnow())
    return _replace_need_rows([n.id for n in needs], rows)


def recompute_startup(startup_id: int) -> int:
    """Replaces one startup's stored matches against every open need.

    Keeps the startup's best ``MATCHES_PER_STARTUP`` needs and every need whose stored
    top list it now belongs to. A startup that may not be listed (policy, verification,
    empty profile) loses its rows. Updates the cached engine without a refit. Commits.
    """
    policy = current_policy()
    org = db.session.scalar(
        select(Organization)
        .where(Organization.id == startup_id, _eligible_condition(policy))
        .options(selectinload(Organization.sector_links))
    )
    record = _startup_record(org) if org is not None else None
    cached = _cache.get("engine")
    if cached is not None and cached.key[:2] == (policy.id, policy.version):
        if record is None:
            if str(startup_id) in cached.engine.startup_ids:
                cached.engine.remove_startup(str(startup_id))
        else:
            cached.engine.add_or_update_startup(record)
        cached.key = _engine_key(policy)
    else:
        cached = fitted_engine(policy)
    db.session.execute(delete(Match).where(Match.startup_id == startup_id))
    if record is None:
        db.session.commit()
        return 0
    needs = open_needs()
    if not needs:
        db.session.commit()
        return 0
    ranking = cached.engine.rank_needs([record], [n.to_record() for n in needs], top_k=len(needs))
    matches = ranking[0].matches if ranking else []
    per_need = _per_need()
    # The lowest stored score of each need that already has a full list.
    floors = dict(
        db.session.execute(
            select(Match.need_id, func.min(Match.score))
            .group_by(Match.need_id)
            .having(func.count() >= per_need)
        ).all()
    )
    now = utcnow()
    keep = [
        m
        for i, m in enumerate(matches)
        if i < _per_startup() or m.score >= floors.get(int(m.need_id), 0.0)
    ]
    _insert_rows([_row(m, cached.engine_version, now) for m in keep])
    db.session.commit()
    return len(keep)


def recompute_all(progress: Progress | None = None) -> int:
    """Recomputes every stored match from scratch (fit once, rank in batch mode).

    Rows of needs that are no longer open and of startups no longer listed are removed.
    Commits in chunks of needs, so readers keep seeing the old rows until each chunk
    lands. Returns the number of rows written.
    """
    report = progress or (lambda stage, done, total: None)
    forget_engine()
    policy = current_policy()
    cached = fitted_engine(policy)
    report("fit", len(cached.engine.startup_ids), len(cached.engine.startup_ids))
    needs = open_needs()
    now = utcnow()
    rows = _rank_needs_rows(needs, cached, now)
    report("needs ranked", len(needs), len(needs))
    if needs and cached.engine.startup_ids and _per_startup() > 0:
        records = [n.to_record() for n in needs]
        for ranking in cached.engine.rank_needs(None, records, top_k=_per_startup()):
            for m in ranking.matches:
                row = _row(m, cached.engine_version, now)
                rows[row["need_id"]].setdefault((row["need_id"], row["startup_id"]), row)
    report("startups ranked", len(cached.engine.startup_ids), len(cached.engine.startup_ids))
    need_ids = [n.id for n in needs]
    written = 0
    for start in range(0, len(need_ids), NEEDS_PER_TRANSACTION):
        chunk = need_ids[start : start + NEEDS_PER_TRANSACTION]
        written += _replace_need_rows(chunk, rows)
        report("stored", min(start + len(chunk), len(need_ids)), len(need_ids))
    listed = {int(s) for s in cached.engine.startup_ids}
    db.session.execute(
        delete(Match).where(
            or_(
                Match.need_id.not_in(select(Need.id).where(Need.status == NeedStatus.OPEN)),
                Match.startup_id.not_in(select(Organization.id).where(_eligible_condition(policy))),
            )
        )
    )
    db.session.commit()
    refresh_planner_statistics(db.session)
    logger.info(
        "matches recomputed: %d rows for %d needs, %d startups", written, len(needs), len(listed)
    )
    return written


@dataclass(frozen=True)
class StaleSummary:
    needs: int
    startups: int
    everything: bool
    rows: int


def _stale(model: type[Need] | type[Organization], condition: Any = True) -> dict[int, datetime]:
    rows = db.session.execute(
        select(model.id, model.matches_stale_at).where(
            model.matches_stale_at.is_not(None), condition
        )
    )
    return {row_id: stale_at for row_id, stale_at in rows if stale_at is not None}


def _clear_stale(model: type[Need] | type[Organization], seen: dict[int, datetime]) -> None:
    """Clears the marks read at the start, unless they changed meanwhile (compare-and-set)."""
    if not seen:
        return
    table = model.__table__
    statement = (
        update(table)
        .where(table.c.id == bindparam("b_id"), table.c.matches_stale_at == bindparam("b_at"))
        .values(matches_stale_at=None)
    )
    params = [{"b_id": item_id, "b_at": stamp} for item_id, stamp in seen.items()]
    for start in range(0, len(params), INSERT_CHUNK):
        db.session.execute(statement, params[start : start + INSERT_CHUNK])
    db.session.commit()


def recompute_stale(progress: Progress | None = None) -> StaleSummary:
    """Recomputes whatever is marked stale: startups one by one, needs in one batch;
    when most of the data is stale (a policy change), everything at once.

    Marks are cleared only where they did not change during the run, so a change
    made meanwhile is recomputed by the next run.
    """
    stale_needs = _stale(Need)
    stale_orgs = _stale(Organization)
    startup_ids = set(
        db.session.scalars(
            select(Organization.id).where(
                Organization.matches_stale_at.is_not(None),
                Organization.kind == OrganizationKind.STARTUP,
            )
        )
    )
    stale_startups = {oid: at for oid, at in stale_orgs.items() if oid in startup_ids}
    if not stale_needs and not stale_orgs:
        return StaleSummary(0, 0, False, 0)
    total_startups = db.session.scalar(
        select(func.count()).where(Organization.kind == OrganizationKind.STARTUP)
    )
    everything = len(stale_startups) > max(200, (total_startups or 0) // 10)
    if everything:
        rows = recompute_all(progress)
    else:
        rows = 0
        for startup_id in sorted(stale_startups):
            rows += recompute_startup(startup_id)
        if stale_needs:
            rows += _recompute_needs(sorted(stale_needs))
    _clear_stale(Need, stale_needs)
    _clear_stale(Organization, stale_orgs)
    logger.info(
        "stale matches recomputed: %d needs, %d startups, %d rows",
        len(stale_needs),
        len(stale_startups),
        rows,
    )
    return StaleSummary(len(stale_needs), len(stale_startups), everything, rows)
