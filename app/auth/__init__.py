"""The auth area: ``bp`` and the views its modules add to it."""

from app.auth import routes  # noqa: F401  (each adds its views to bp)
from app.auth.blueprint import bp

__all__ = ["bp"]
