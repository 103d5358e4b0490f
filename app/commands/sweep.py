"""flask commands: sweep."""

import click

from app.models.types import utcnow


@click.command("sweep")
def sweep_command() -> None:
    """Remind unanswered requests, expire old ones, ask for outcomes, mail what is pending.

    Run it daily from cron or the worker; running it twice sends nothing twice.
    """
    from app.services.pairings import sweep

    counts = sweep(utcnow())
    click.echo(", ".join(f"{name} {count}" for name, count in counts.items()))


COMMANDS: list[click.Command] = [sweep_command]
