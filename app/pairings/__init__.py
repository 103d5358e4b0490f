from flask import Blueprint

bp = Blueprint("pairings", __name__)

from app.pairings import routes  # noqa: E402, F401
