"""The main area: ``bp`` and the views its modules add to it."""

from app.main import routes  # noqa: F401  (each adds its views to bp)
from app.main.blueprint import bp

__all__ = ["bp"]
