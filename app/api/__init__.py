"""JSON API v1, registered at ``/api/v1`` (flask-smorest; OpenAPI 3.1 at ``/openapi.json``).

``routes.setup`` runs once per app when the blueprint is registered: it builds the
OpenAPI document from the views and exempts the blueprint from CSRF (it accepts no
cookies).
"""

from app.api import routes
from app.api.blueprint import bp

# After the routes: the document is built from the URL rules they add.
bp.record_once(routes.setup)

__all__ = ["bp"]
