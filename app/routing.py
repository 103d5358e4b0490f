"""URL converters shared by every blueprint."""

from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter

# Primary keys are PostgreSQL ``integer`` (32-bit): a larger id names no row, and
# PostgreSQL would refuse the query with an error (a 500) instead of finding nothing.
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<int:…>`` bounded to the ids a row can have: a larger number is a 404."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
