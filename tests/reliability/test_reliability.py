"""Races, rollback, the database going away, backup/restore, migrations (rows 30-35)."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from app import create_app
from app.extensions import db
from app.models import AuditEvent, Notification, Pairing
from app.models.enums import PairingStatus
from app.services import notifications, pairings
from app.services.errors import DomainError
from tests import factories
from tests.conftest import make_test_config
from tests.security import world as w

RUNS = 100


def count(model: Any, *where: Any) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def race(app: Flask, calls: list[Any]) -> list[str]:
    """Runs the calls at the same moment in real threads, each with its own session."""
    barrier = threading.Barrier(len(calls))
    results: list[str] = [""] * len(calls)

    def run(i: int) -> None:
        # Services build links with url_for: a request context, as in a real request.
        with app.test_request_context():
            try:
                barrier.wait()
                calls[i]()
                results[i] = "ok"
            except DomainError as error:
                results[i] = type(error).__name__
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.parametrize("second", ["approve", "reject"])
def test_two_staff_deciding_at_once_make_exactly_one_transition(
    app: Flask, make_startup: Any, make_manufacturer: Any, make_need: Any, make_staff: Any,
    second: str,
) -> None:  # fmt: skip
    staff_1, staff_2 = make_staff(), make_staff()
    startup = make_startup(with_user=False)
    manufacturer, _ = make_manufacturer()
    for run in range(RUNS):
        need = make_need(manufacturer, title=f"need {run}")
        pairing_id = factories.make_pairing(need, startup, PairingStatus.ACCEPTED).id

        def approve(actor: Any = staff_1, pid: int = pairing_id) -> None:
            pairings.approve_pairing(db.session.get(Pairing, pid), actor=db.session.merge(actor))

        def other(actor: Any = staff_2, pid: int = pairing_id) -> None:
            p = db.session.get(Pairing, pid)
            if second == "approve":
                pairings.approve_pairing(p, actor=db.session.merge(actor))
            else:
                pairings.reject_pairing(p, actor=db.session.merge(actor), reason="other")

        results = race(app, [approve, other])
        assert sorted(results) == ["Conflict", "ok"] or sorted(results) == [
            "InvalidTransition", "ok"
        ], results  # fmt: skip
        decisions = count(
            AuditEvent,
            AuditEvent.object_id == pairing_id,
            AuditEvent.action.in_(["pairing.approved", "pairing.rejected"]),
        )
        assert decisions == 1
    db.session.expire_all()
    kinds = db.session.scalars(select(Notification.kind)).all()
    # one decision notification per side per pairing: never two decisions
    assert len([k for k in kinds if k in ("pairing.approved", "pairing.rejected")]) <= 2 * RUNS


def test_double_submitted_interest_makes_one_pairing(
    app: Flask, make_startup: Any, make_manufacturer: Any, make_need: Any
) -> None:
    from app.services.policy import current_policy

    current_policy()  # created lazily; its own first-use race is reported separately
    manufacturer, _ = make_manufacturer()
    for run in range(RUNS // 4):
        startup, user = make_startup()
        need = make_need(manufacturer, title=f"need {run}")

        def interest(uid: int = user.id, nid: int = need.id, sid: int = startup.id) -> None:
            from app.models import Need, Organization, User

            pairings.express_interest(
                db.session.get(Need, nid), db.session.get(Organization, sid),
                actor=db.session.get(User, uid), message="관심 있습니다", consent_to_contact=True,
            )  # fmt: skip

        results = race(app, [interest, interest])
        assert sorted(results)[-1] == "ok" and results.count("ok") == 1, results
        assert count(Pairing, Pairing.need_id == need.id) == 1


def test_an_exception_mid_service_leaves_no_partial_write(
    app: Flask, make_startup: Any, make_manufacturer: Any, make_need: Any, make_staff: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    staff = make_staff()
    startup = make_startup(with_user=False)
    manufacturer, _ = make_manufacturer()
    pairing = factories.make_pairing(make_need(manufacturer), startup, PairingStatus.ACCEPTED)
    before = w.fingerprint()

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("mail server on fire")

    monkeypatch.setattr(notifications, "notify", broken)
    with pytest.raises(RuntimeError):
        pairings.approve_pairing(pairing, actor=staff)
    db.session.rollback()
    assert w.fingerprint() == before
    assert app.extensions.get("mail_outbox", []) == []


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(app: Flask) -> None:
    if db.engine.dialect.name != "sqlite":
        assert db.engine.pool._pre_ping
        return
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


class Proxy:
    """A TCP proxy to PostgreSQL that the test can stop and start: the database 'goes away'."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.server: socketserver.ThreadingTCPServer | None = None
        self.port = 0
        # Cleared by ``stall()``: bytes are still accepted but no longer passed on, and
        # no connection is closed, as with a hung server or a stalled network path.
        self.flowing = threading.Event()
        self.flowing.set()

    def stall(self) -> None:
        self.flowing.clear()

    def resume(self) -> None:
        self.flowing.set()

    def start(self) -> None:
        target = self.target
        flowing = self.flowing

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                flowing.wait()
                upstream = socket.create_connection(target)

                def pipe(a: socket.socket, b: socket.socket) -> None:
                    try:
                        while data := a.recv(65536):
                            flowing.wait()
                            b.sendall(data)
                    except OSError:
                        pass
                    finally:
                        for s in (a, b):
                            try:
                                s.shutdown(socket.SHUT_RDWR)
                            except OSError:
                                pass

                t = threading.Thread(target=pipe, args=(upstream, self.request), daemon=True)
                t.start()
                pipe(self.request, upstream)
                t.join()
                upstream.close()

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        assert self.server is not None
        self.server.shutdown()
        self.server.server_close()


def test_database_down_answers_503_quickly_and_recovers_without_restart(
    tmp_path: Path, postgres_url: str | None
) -> None:
    if not postgres_url:
        pytest.skip("needs PostgreSQL (DATABASE_URL); SQLite cannot be 'unreachable'")
    url = make_url(postgres_url)
    proxy = Proxy((url.host or "127.0.0.1", url.port or 5432))
    proxy.start()
    proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    app = create_app(make_test_config(tmp_path, proxied))
    client = app.test_client()
    assert client.get("/").status_code == 200
    proxy.stop()
    with app.app_context():
        db.engine.dispose()  # connections die with the server
    started = time.monotonic()
    down = client.get("/")
    assert down.status_code == 503
    assert time.monotonic() - started < 5
    assert down.headers["Retry-After"]
    assert "Traceback" not in down.get_data(as_text=True)
    proxy.start()  # same port again
    assert client.get("/").status_code == 200
    with app.app_context():
        db.engine.dispose()
    proxy.stop()


def test_row41_stalled_database_answers_503_within_5_s_and_recovers(
    tmp_path: Path, postgres_url: str | None
) -> None:
    """Matrix row 41: the database stops answering without closing anything."""
    if not postgres_url:
        pytest.skip("needs PostgreSQL (DATABASE_URL); SQLite has no network to stall")
    url = make_url(postgres_url)
    proxy = Proxy((url.host or "127.0.0.1", url.port or 5432))
    proxy.start()
    proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    app = create_app(make_test_config(tmp_path, proxied))
    client = app.test_client()
    try:
        for path in ("/healthz", "/"):
            assert client.get(path).status_code == 200  # a pooled connection exists
            proxy.stall()
            started = time.monotonic()
            answers: list[Any] = []
            # In a thread, so that a hanging request fails the test instead of hanging it.
            thread = threading.Thread(
                target=lambda out, url: out.append(client.get(url)),
                args=(answers, path),
                daemon=True,
            )
            thread.start()
            thread.join(timeout=10)
            elapsed = time.monotonic() - started
            assert answers, f"{path} still hangs after {elapsed:.0f} s"
            stalled = answers[0]
            assert stalled.status_code == 503, path
            assert elapsed < 5, (path, elapsed)
            assert stalled.headers["Retry-After"]
            assert "Traceback" not in stalled.get_data(as_text=True)
            proxy.resume()
            assert client.get(path).status_code == 200  # recovers without a restart
    finally:
        proxy.resume()
        with app.app_context():
            db.engine.dispose()
        proxy.stop()


def test_row41_every_postgresql_wait_is_bounded(app: Flask) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    from app.database import BoundedConnection

    with db.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert isinstance(raw, BoundedConnection)
        assert raw.wait_timeout is not None and raw.wait_timeout < 5
        assert connection.exec_driver_sql("SHOW statement_timeout").scalar() == "4s"


def test_backup_and_restore_round_trip(app: Flask, runner: Any, tmp_path: Path) -> None:
    w.build_world()
    before = w.fingerprint()
    path = tmp_path / "backup.dump"
    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output
    assert path.stat().st_size > 0
    db.session.execute(text("DELETE FROM audit_events"))
    db.session.execute(text("UPDATE organizations SET name = 'changed'"))
    db.session.commit()
    assert w.fingerprint() != before
    result = runner.invoke(args=["restore", "--yes", str(path)])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert w.fingerprint() == before


def test_restore_of_a_missing_file_fails_clearly(runner: Any, tmp_path: Path) -> None:
    result = runner.invoke(args=["restore", "--yes", str(tmp_path / "nope.dump")])
    assert result.exit_code != 0
    assert "no such file" in result.output
