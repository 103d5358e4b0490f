"""Staff home (queues with counts), policy, dashboard, exports, audit log, import."""

from flask import render_template
from flask_login import login_required

from app.auth.decorators import role_required
from app.models.enums import Role
from app.staff import bp


@bp.route("")
@login_required
@role_required(Role.STAFF)
def index() -> str:
    return render_template("staff/index.html")
