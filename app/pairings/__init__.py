"""The pairings area: ``bp`` and the views its modules add to it."""

from app.pairings import routes  # noqa: F401  (each adds its views to bp)
from app.pairings.blueprint import bp

__all__ = ["bp"]
