"""Commands: ``flask create-staff``, ``flask demo-data``."""

from __future__ import annotations

from typing import Any

import click
import pyotp
from flask import Flask, current_app

from app.extensions import db
from app.services import accounts
from app.services.errors import FieldError


def register_commands(app: Flask) -> None:
    from app.commands import backup, sweep, worker

    app.cli.add_command(create_staff_command)
    app.cli.add_command(demo_data_command)
    for module in (backup, sweep, worker):
        for command in module.COMMANDS:
            app.cli.add_command(command)


@click.command("create-staff")
@click.argument("email")
@click.password_option(
    prompt="Password (at least 10 characters)", confirmation_prompt="Repeat the password"
)
def create_staff_command(email: str, password: str) -> None:
    """Create a city staff account and enrol its second factor (TOTP)."""
    if len(password) < 10:
        raise click.ClickException("The password must have at least 10 characters.")
    try:
        user, secret = accounts.create_staff(email, password)
    except FieldError as error:
        raise click.ClickException(str(error.message)) from error
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name="Seoul IIoT Match")
    click.echo(f"Staff account created: {user.email}")
    click.echo("Enrol the second factor now: scan this QR code with an authenticator app,")
    click.echo(f"or enter the secret by hand: {secret}")
    _print_qr(uri)
    click.echo("The secret is shown only once.")


def _print_qr(uri: str) -> None:
    import segno

    segno.make(uri, error="m").terminal(compact=True)


@click.command("demo-data")
@click.option(
    "--scale",
    type=click.IntRange(min=1),
    default=None,
    help="Add this many synthetic startups (and a fifth as many open needs) for load tests.",
)
@click.option(
    "--skip-if-present",
    is_flag=True,
    help="Exit quietly when the demo data is already loaded (for `make run`).",
)
def demo_data_command(scale: int | None, skip_if_present: bool) -> None:
    """Load the bilingual demo data set (never in production, never twice)."""
    from app import demo

    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("demo-data refuses to run in a production configuration.")
    if skip_if_present and not scale and demo.demo_data_present():
        click.echo("Demo data already loaded.")
        _print_demo_accounts(demo)
        return
    try:
        counts = demo.load_scale_data(scale) if scale else demo.load_demo_data()
    except RuntimeError as error:
        raise click.ClickException(str(error)) from error
    summary = ", ".join(f"{name} {count}" for name, count in counts.items())
    click.echo(f"Demo data loaded: {summary}")
    if scale:
        click.echo("Now compute the matches: flask recompute-matches --all")
    else:
        from app.services.matching import recompute_all

        click.echo(f"Matches computed: {recompute_all()} stored.")
        _print_demo_accounts(demo)
    db.session.remove()


def _print_demo_accounts(demo: Any) -> None:
    click.echo(f"Demo accounts, password {demo.DEMO_PASSWORD}:")
    for role, email in demo.DEMO_ACCOUNTS.items():
        click.echo(f"  {role:<13} {email}")
    click.echo(f"  staff second factor (TOTP secret, demo only): {demo.DEMO_STAFF_TOTP_SECRET}")
