"""Domain operations the views, the API and the CLI call.

Each public function takes its actor explicitly, checks permission and the
transition, changes the models, writes the audit event and commits once.
None of them reads ``current_user``, ``request`` or ``session``.
"""
