"""flask commands: worker."""

import click

COMMANDS: list[click.Command] = []
