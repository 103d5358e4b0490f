"""The startups area: ``bp`` and the views its modules add to it."""

from app.startups import routes  # noqa: F401  (each adds its views to bp)
from app.startups.blueprint import bp

__all__ = ["bp"]
