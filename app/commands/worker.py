"""flask commands: worker, recompute-matches.

``flask worker`` is the background process of a multi-machine deployment: it first
recomputes whatever is marked stale (changes made while no worker ran), then works
the ``matches`` queue, and runs the pairing sweep (reminders, expiries) every
``SWEEP_INTERVAL_SECONDS`` (an hour by default, in ``config.py``) from the same simple loop; no
separate scheduler process is needed. Start one or more; each job is taken once.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from datetime import UTC, datetime
from types import FrameType
from typing import Any

import click
from flask import current_app

logger = logging.getLogger(__name__)

POLL_SECONDS = 1.0


_START = time.perf_counter()


def _progress(stage: str, done: int, total: int) -> None:
    click.echo(f"  [{time.perf_counter() - _START:6.1f} s] {stage}: {done}/{total}")


@click.command("recompute-matches")
@click.option("--all", "everything", is_flag=True, help="Recompute every match, not only stale.")
def recompute_matches_command(everything: bool) -> None:
    """Recompute stored matches now (what is stale, or --all)."""
    from app.services import matching

    started = time.perf_counter()
    if everything:
        click.echo("Recomputing all matches…")
        cutoff = datetime.now(UTC)
        rows = matching.recompute_all(progress=_progress)
        _clear_marks_before(cutoff)
    else:
        click.echo("Recomputing stale matches…")
        summary = matching.recompute_stale(progress=_progress)
        rows = summary.rows
        click.echo(f"  stale needs {summary.needs}, stale startups {summary.startups}")
    click.echo(f"Done: {rows} matches stored in {time.perf_counter() - started:.1f} s.")


def _clear_marks_before(cutoff: datetime) -> None:
    """After a full recompute nothing marked before it started is stale any more;
    marks set while it ran are newer than ``cutoff`` and kept."""
    from sqlalchemy import update

    from app.extensions import db
    from app.models import Need, Organization

    for model in (Need, Organization):
        db.session.execute(
            update(model)
            .where(model.matches_stale_at.is_not(None), model.matches_stale_at <= cutoff)
            .values(matches_stale_at=None)
        )
    db.session.commit()


def _run_sweep() -> None:
    from app.services.pairings.sweep import sweep

    try:
        result = sweep(datetime.now(UTC))
    except Exception:
        # One failed sweep must not stop the queue; the next interval tries again.
        logger.exception("pairing sweep failed")
        from app.extensions import db

        db.session.rollback()
        return
    logger.info("pairing sweep: %s", result)


def run_worker(*, burst: bool = False, connection: Any = None) -> None:
    """Catch up on stale matches, then work the queue (``burst``: until it is empty)."""
    from rq import SimpleWorker

    from app import jobs
    from app.services import matching

    connection = connection or jobs.redis_connection()
    if connection is None:
        raise click.ClickException("REDIS_URL is not set: matches are recomputed inline.")
    summary = matching.recompute_stale()
    click.echo(
        f"Caught up: {summary.needs} stale needs, {summary.startups} stale startups, "
        f"{summary.rows} matches stored."
    )
    queue = jobs.get_queue(connection)
    # SimpleWorker runs jobs in this process, so the fitted engine stays cached between jobs.
    if burst:
        SimpleWorker([queue], connection=connection).work(burst=True)
        return
    interval = int(current_app.config["SWEEP_INTERVAL_SECONDS"])
    stop = threading.Event()

    class Worker(SimpleWorker):
        """RQ's worker that also tells this loop when a stop signal came."""

        def request_stop(self, signum: int, frame: FrameType | None) -> None:
            stop.set()
            super().request_stop(signum, frame)

    last_sweep = 0.0
    click.echo(f"Working queue '{queue.name}'; pairing sweep every {interval} s. Ctrl-C stops.")
    while not stop.is_set():
        if time.monotonic() - last_sweep >= interval:
            _run_sweep()
            last_sweep = time.monotonic()
        # A burst per poll keeps the loop simple; during a job RQ handles SIGINT/SIGTERM
        # (a warm stop: the running job finishes), between bursts our handler does.
        Worker([queue], connection=connection).work(burst=True)
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        stop.wait(POLL_SECONDS)
    click.echo("Worker stopped.")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty (for tests, cron).")
def worker_command(burst: bool) -> None:
    """Run the background worker: stale matches first, then the queue and the sweep."""
    run_worker(burst=burst)


COMMANDS: list[click.Command] = [worker_command, recompute_matches_command]
