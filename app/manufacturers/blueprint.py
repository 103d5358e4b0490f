"""The ``manufacturers`` blueprint itself; its views are added by the modules beside it."""

from flask import Blueprint

bp = Blueprint("manufacturers", __name__)
