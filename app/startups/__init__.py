from flask import Blueprint

bp = Blueprint("startups", __name__)

from app.startups import routes  # noqa: E402, F401
