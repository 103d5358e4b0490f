from __future__ import annotations

from flask import jsonify, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from app.extensions import db
from app.main.blueprint import bp
from app.services import open_data, statistics
from app.services.policy import public_policy


@bp.route("/")
def index() -> str:
    return render_template(
        "main/index.html", stats=open_data.cached("landing", statistics.public_summary)
    )


@bp.route("/dashboard")
@login_required
def dashboard() -> str | Response:
    if current_user.is_staff:
        return redirect(url_for("staff.index"))
    return render_template("main/dashboard.html", organization=current_user.organization)


@bp.route("/privacy")
def privacy() -> str:
    return render_template("main/privacy.html")


@bp.route("/policy")
def policy() -> str:
    """The collaboration policy in plain words, with its history (public)."""
    published = public_policy()
    db.session.commit()  # version 1 is stored the first time anyone asks
    return render_template("main/policy.html", policy=published)


@bp.route("/healthz")
def healthz() -> tuple[Response, int]:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        response = jsonify(status="unavailable", database="unreachable")
        response.headers["Retry-After"] = "30"
        return response, 503
    return jsonify(status="ok", database="ok"), 200
