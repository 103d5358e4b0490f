"""The transaction a service owns: one commit at the end (then the e-mails of the
notifications it created); any error rolls everything back, so no caller ever has to."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from app.extensions import db
from app.services import notifications

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def transaction() -> Iterator[None]:
    """Commits when the block ends; rolls back (and forgets its mails) when it raises."""
    try:
        yield
        notifications.commit()
    except BaseException:
        db.session.rollback()
        notifications.discard_pending()
        raise


def transactional(service: Callable[P, R]) -> Callable[P, R]:
    """Runs the whole service in one ``transaction()``."""

    @functools.wraps(service)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction():
            return service(*args, **kwargs)

    return run
