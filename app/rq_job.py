"""The recompute job as RQ runs it (``app.jobs`` enqueues it by this module's path).

It runs in the worker's app context (``flask worker``), or builds an app when a bare
``rq worker`` started it; so it is the one module outside the factory that imports
``create_app``, and nothing in the app imports it.
"""

from __future__ import annotations

from typing import Any

from flask import has_app_context

from app import create_app
from app.services.matching import recompute_stale


def recompute_stale_job() -> dict[str, Any]:
    """Recomputes what is stale; returns how many needs, startups and rows it did."""
    if has_app_context():
        summary = recompute_stale()
    else:
        with create_app().app_context():
            summary = recompute_stale()
    return {"needs": summary.needs, "startups": summary.startups, "rows": summary.rows}
