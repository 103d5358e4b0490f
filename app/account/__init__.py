from flask import Blueprint

bp = Blueprint("account", __name__, url_prefix="/me")

# routes: the account page, password, privacy (export, delete); tokens: API tokens.
from app.account import routes, tokens  # noqa: E402, F401
