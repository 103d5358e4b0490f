"""The account area: ``bp`` and the views its modules add to it."""

from app.account import routes, tokens  # noqa: F401  (each adds its views to bp)
from app.account.blueprint import bp

__all__ = ["bp"]
