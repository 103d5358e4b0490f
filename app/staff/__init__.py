from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

# One module per kind of staff work; each adds its views to ``bp``.
from app.staff import companies, pairings, routes  # noqa: E402, F401
