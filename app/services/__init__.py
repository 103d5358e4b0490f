"""Domain operations the views, the API and the CLI call.

Each public function takes its object first and its actor by keyword
(``approve_pairing(pairing, *, actor, note)``; lookups are ``get_x_for(actor, id)``),
checks permission and the transition, changes the models, writes the audit event and
commits once (``transaction``); a refusal is a ``DomainError`` and leaves nothing
behind. None of them reads ``current_user`` or ``session``: the actor is always an
argument. Two read the request context where there is one, on purpose:
``audit.record`` notes the client's address, and ``policy.current_policy`` keeps the
policy in ``g`` for the rest of the request. Settings come from ``current_app.config``.
"""
