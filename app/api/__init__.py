"""JSON API v1, registered at ``/api/v1`` (flask-smorest; OpenAPI 3.1 at ``/openapi.json``).

``routes.setup`` runs once per app when the blueprint is registered: it builds the
OpenAPI document from the views and exempts the blueprint from CSRF (it accepts no
cookies).
"""

from flask_smorest import Blueprint

bp = Blueprint("api", __name__, description="Seoul IIoT Match API v1")

from app.api import routes  # noqa: E402

# After the routes: the document is built from the URL rules they add.
bp.record_once(routes.setup)
