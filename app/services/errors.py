"""Domain errors raised by services; views and the API map them to responses."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain refused the operation. ``message`` is shown to the user."""

    status_code = 400

    def __init__(self, message: object = "") -> None:
        super().__init__(str(message))
        self.message = message


class PermissionDenied(DomainError):
    status_code = 403


class NotFound(DomainError):
    """The object does not exist *for this actor* (never confirm others' objects)."""

    status_code = 404


class InvalidTransition(DomainError):
    status_code = 409


class Conflict(DomainError):
    """Someone else changed the object first, or a duplicate was submitted."""

    status_code = 409


class LimitReached(DomainError):
    status_code = 409


class FieldError(DomainError):
    """A value for one form field was refused; views attach it to that field."""

    status_code = 400

    def __init__(self, field: str, message: object) -> None:
        super().__init__(message)
        self.field = field
