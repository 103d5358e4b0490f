"""The ``api`` blueprint itself; its views are added by the modules beside it."""

from flask_smorest import Blueprint

bp = Blueprint("api", __name__, description="Seoul IIoT Match API v1")
