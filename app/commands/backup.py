"""flask commands: backup, restore and the retention purge.

``flask backup PATH`` writes a consistent copy of the database: SQLite's online
backup API, or ``pg_dump -Fc`` for PostgreSQL. ``flask restore PATH`` puts it
back (``pg_restore --clean``). Targets for the pilot: RPO 24 h (a daily
backup), RTO 1 h (a restore takes seconds at the pilot's size).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import click
from flask import current_app
from sqlalchemy.engine import URL, make_url

from app.extensions import db


def _postgres_command(program: str, url: URL) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for a libpq tool; the password goes in the environment, not argv."""
    args = [program, "--no-password"]
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def backup_database(path: Path) -> None:
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    path.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        target = sqlite3.connect(path)
        source = db.engine.raw_connection()
        try:
            source.driver_connection.backup(target)
        finally:
            source.close()
            target.close()
        return
    args, env = _postgres_command("pg_dump", url)
    args += ["--format=custom", "--file", str(path), "--dbname", str(url.database)]
    subprocess.run(args, env=env, check=True, capture_output=True, text=True)  # noqa: S603


def restore_database(path: Path) -> None:
    if not path.is_file():
        raise FileNotFoundError(path)
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    db.session.remove()
    db.engine.dispose()
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(path)
        target = db.engine.raw_connection()
        try:
            source.backup(target.driver_connection)
        finally:
            target.close()
            source.close()
        db.engine.dispose()
        return
    args, env = _postgres_command("pg_restore", url)
    args += [
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        "--dbname",
        str(url.database),
        str(path),
    ]
    subprocess.run(args, env=env, check=True, capture_output=True, text=True)  # noqa: S603
    db.engine.dispose()


def _run(action: str, operation: object, path: Path) -> None:
    try:
        operation(path)  # type: ignore[operator]
    except FileNotFoundError as error:
        raise click.ClickException(f"{action}: no such file or program: {error}") from error
    except subprocess.CalledProcessError as error:
        raise click.ClickException(f"{action} failed: {error.stderr.strip()}") from error


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """Write a consistent copy of the database to PATH."""
    _run("backup", backup_database, path)
    click.echo(f"Backup written to {path}")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
def restore_command(path: Path, yes: bool) -> None:
    """Replace the database's content with the backup in PATH."""
    if not yes:
        click.confirm("This replaces every row in the database. Continue?", abort=True)
    _run("restore", restore_database, path)
    click.echo(f"Database restored from {path}")


@click.command("privacy-purge")
def privacy_purge_command() -> None:
    """Destroy personal data of accounts unused for the retention period (run daily)."""
    from app.services.privacy import purge_expired

    count = purge_expired()
    click.echo(f"Accounts anonymised: {count}")


COMMANDS: list[click.Command] = [backup_command, restore_command, privacy_purge_command]
