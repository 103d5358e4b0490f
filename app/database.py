"""Engine settings that differ between SQLite and PostgreSQL.

A database that stops answering without closing its connections (a hung server,
a stalled network path) must cost a request seconds, not a worker: every wait of a
PostgreSQL connection on the network is bounded (``BoundedConnection``), and so are
connecting and, on the server, each statement. Budget for one request against a
stalled database: the pre-ping (``PING_TIMEOUT``) plus a reconnect
(``CONNECT_TIMEOUT``), or one statement (``DATABASE_TIMEOUT``): under 5 s, so the
503 handler answers before a proxy or gunicorn gives up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import psycopg
from sqlalchemy import CursorResult, Executable, event, text
from sqlalchemy.engine import Engine

from app.extensions import db

CONNECT_TIMEOUT = 2  # seconds; libpq's smallest
PING_TIMEOUT = 1.0  # SELECT 1 on checkout answers in milliseconds when all is well
DEFAULT_DATABASE_TIMEOUT = 4.0


class BoundedConnection(psycopg.Connection):  # type: ignore[type-arg]
    """A psycopg connection whose every wait on the server ends after ``wait_timeout``
    seconds: the connection is then closed (SQLAlchemy sees a disconnect and drops it
    from the pool) and ``OperationalError`` is raised."""

    wait_timeout: float | None = DEFAULT_DATABASE_TIMEOUT

    def wait(self, gen: Any, interval: float = 0.1, timeout: float | None = None) -> Any:
        limit = timeout if timeout is not None else self.wait_timeout
        try:
            return super().wait(gen, interval=interval, timeout=limit)
        except psycopg.errors._WaitTimeout as error:  # psycopg's own, converted here
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"the database did not answer within {limit} s (timeout)"
            ) from error


def engine_options(uri: str, timeout: float = DEFAULT_DATABASE_TIMEOUT) -> dict[str, Any]:
    """Pool and timeout options for ``SQLALCHEMY_ENGINE_OPTIONS``."""
    if uri.startswith("postgresql"):
        connect_args: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT}
        if timeout:
            # The server gives up too, so an abandoned statement does not run on.
            connect_args["options"] = f"-c statement_timeout={int(timeout * 1000)}"
        return {
            "pool_pre_ping": True,
            "pool_size": 5,
            "max_overflow": 5,
            "pool_timeout": 5,
            "connect_args": connect_args,
        }
    return {"connect_args": {"timeout": 5}}


def configure_engine_events(engine: Engine, timeout: float = DEFAULT_DATABASE_TIMEOUT) -> None:
    if engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg":
        _bound_network_waits(engine, timeout or None)
        return
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets readers go on while one writer writes; the busy timeout waits for locks.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def refresh_planner_statistics(session: Any) -> None:
    """ANALYZE after a bulk load: without fresh statistics PostgreSQL estimates a
    10,000-row table at a dozen rows and picks nested loops that turn a page's
    1 ms query into 30 ms."""
    session.execute(text("ANALYZE"))
    session.commit()


def _bound_network_waits(engine: Engine, timeout: float | None) -> None:
    @event.listens_for(engine, "do_connect")
    def _connect(_dialect: Any, _record: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
        connection = BoundedConnection.connect(*cargs, **cparams)
        connection.wait_timeout = timeout
        return connection

    ping: Callable[[Any], bool] = engine.dialect.do_ping

    def _bounded_ping(dbapi_connection: Any) -> bool:
        # The pre-ping gets a shorter budget, so that a reconnect still fits in 5 s.
        if not isinstance(dbapi_connection, BoundedConnection):
            return ping(dbapi_connection)
        saved = dbapi_connection.wait_timeout
        dbapi_connection.wait_timeout = PING_TIMEOUT if saved else None
        try:
            return ping(dbapi_connection)
        finally:
            dbapi_connection.wait_timeout = saved

    engine.dialect.do_ping = _bounded_ping  # type: ignore[method-assign]


def rows_changed(statement: Executable) -> int:
    """Runs an UPDATE (or DELETE) in the session's transaction; how many rows it matched
    (what a compare-and-set reads to know whether it won)."""
    return cast("CursorResult[Any]", db.session.execute(statement)).rowcount
