"""Background jobs: recomputing matches, inline or on an RQ queue.

Without ``REDIS_URL`` the job runs inline, right after the request whose transaction
asked for it committed (the response waits for it; fine on one machine). With
``REDIS_URL`` the web process only enqueues ``recompute_stale`` on the ``matches``
queue and ``flask worker`` runs it, so web processes never block on ranking.

How a commit triggers it: ``request_recompute`` flags the session; the
``after_commit`` listener below turns the flag into one pending job for the request,
and ``run_pending`` (an ``after_request`` hook, see ``app.hooks``) runs or enqueues it
once. Outside a request (a CLI command, a test calling a service) a queue gets the job
at once; inline mode leaves the marks for the next run (``flask recompute-matches`` or
a worker start), since a just-committed session may not run SQL inside its own commit
hook.

Staleness is stored (``matches_stale_at``), never only queued: a lost job or a
stopped worker loses nothing; the next ``recompute_stale`` picks it up.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from flask import Flask, Response, current_app, g, has_app_context, has_request_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.extensions import db
from app.services.matching import recompute_stale

logger = logging.getLogger(__name__)

JOB_PREFIX = "recompute-stale-"


def queue_name() -> str:
    return str(current_app.config["RQ_QUEUE_NAME"])


def redis_connection() -> Any:
    """A Redis client for ``REDIS_URL``, or ``None`` when no queue is configured."""
    url = current_app.config["REDIS_URL"]
    if not url:
        return None
    from redis import Redis

    return Redis.from_url(url)


def get_queue(connection: Any = None) -> Any:
    from rq import Queue

    return Queue(queue_name(), connection=connection or redis_connection())


# The job RQ runs, named by its path: the worker imports it, the web app never does.
JOB_FUNCTION = "app.rq_job.recompute_stale_job"


def enqueue_recompute() -> str:
    """Runs (no queue) or enqueues (``REDIS_URL``) one ``recompute_stale`` job.

    Returns ``"inline"``, ``"queued"`` or ``"already-queued"`` (a job still waiting
    in the queue will see the new marks, so a second one is not added).
    """
    connection = redis_connection()
    if connection is None:
        recompute_stale()
        return "inline"
    queue = get_queue(connection)
    if any(job_id.startswith(JOB_PREFIX) for job_id in queue.get_job_ids()):
        return "already-queued"
    queue.enqueue(
        JOB_FUNCTION,
        job_id=JOB_PREFIX + secrets.token_hex(8),
        result_ttl=3600,
        failure_ttl=7 * 24 * 3600,
        job_timeout=30 * 60,
    )
    return "queued"


def _after_commit(session: Session) -> None:
    if not session.info.pop("recompute_requested", False):
        return
    if has_request_context():
        g.recompute_pending = True
    elif has_app_context() and current_app.config["REDIS_URL"]:
        # Enqueueing touches Redis only, which is allowed inside the commit hook.
        enqueue_recompute()


def _after_rollback(session: Session) -> None:
    session.info.pop("recompute_requested", None)


def init_app(app: Flask) -> None:
    """Hooks the trigger into the session: a commit that asked for it marks a job."""
    target = db.session
    if not event.contains(target, "after_commit", _after_commit):
        event.listen(target, "after_commit", _after_commit)
        event.listen(target, "after_rollback", _after_rollback)


def run_pending(response: Response) -> Response:
    """After a request: runs or enqueues the one job its commits asked for."""
    if g.pop("recompute_pending", False):
        try:
            outcome = enqueue_recompute()
        except Exception:
            # The marks stay in the database: the worker or the next run catches up.
            db.session.rollback()
            logger.exception("recompute after request failed; matches stay marked stale")
        else:
            logger.info("recompute after request: %s", outcome)
    return response
