"""The ``staff`` blueprint itself; its views are added by the modules beside it."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")
