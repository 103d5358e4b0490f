"""The needs area: ``bp`` and the views its modules add to it."""

from app.needs import routes  # noqa: F401  (each adds its views to bp)
from app.needs.blueprint import bp

__all__ = ["bp"]
