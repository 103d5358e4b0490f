"""The manufacturers area: ``bp`` and the views its modules add to it."""

from app.manufacturers import routes  # noqa: F401  (each adds its views to bp)
from app.manufacturers.blueprint import bp

__all__ = ["bp"]
