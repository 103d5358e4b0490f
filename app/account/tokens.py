"""Personal API tokens: created and revoked on the account page."""
