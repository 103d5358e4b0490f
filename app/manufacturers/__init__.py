from flask import Blueprint

bp = Blueprint("manufacturers", __name__)

from app.manufacturers import routes  # noqa: E402, F401
