"""The staff area: ``bp`` and the views its modules add to it."""

from app.staff import companies, pairings, routes  # noqa: F401  (each adds its views to bp)
from app.staff.blueprint import bp

__all__ = ["bp"]
