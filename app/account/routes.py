"""The account page: password change, consents, data export and deletion."""
