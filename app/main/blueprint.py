"""The ``main`` blueprint itself; its views are added by the modules beside it."""

from flask import Blueprint

bp = Blueprint("main", __name__)
