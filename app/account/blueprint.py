"""The ``account`` blueprint itself; its views are added by the modules beside it."""

from flask import Blueprint

bp = Blueprint("account", __name__, url_prefix="/me")
