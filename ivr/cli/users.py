"""Who may sign in to the console: accounts are made and removed only here, on the server."""

from __future__ import annotations

import json
import sys

import click

from ivr.cli.environment import database
from ivr.cli.tables import table, when


@click.group("users")
def users_group() -> None:
    """The console's accounts (email and password)."""


@users_group.command("add")
@click.argument("email")
def add_user(email: str) -> None:
    """Add an account. The password is asked for twice at a terminal, or read from the first
    line of standard input when it is piped (`... | ivr users add EMAIL`)."""
    from ivr.console import accounts

    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt="Again")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    with database() as session:
        try:
            account = accounts.add(session, email, password)
        except accounts.AccountError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"{account.email} can sign in at /console/.")


@users_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_users(as_json: bool) -> None:
    """List the accounts, by email."""
    from ivr.console import accounts

    with database() as session:
        found = accounts.everyone(session)
    if as_json:
        for account in found:
            last = account.last_login_at.isoformat(timespec="seconds") if account.last_login_at else None
            created = account.created_at.isoformat(timespec="seconds")
            click.echo(json.dumps({"email": account.email, "created": created, "last_login": last}))
        return
    if not found:
        click.echo("No accounts yet: ivr users add EMAIL")
        return
    rows = [
        (a.email, when(a.created_at), when(a.last_login_at) if a.last_login_at else "never") for a in found
    ]
    click.echo(table(("EMAIL", "CREATED (UTC)", "LAST SIGN-IN (UTC)"), rows))


@users_group.command("remove")
@click.argument("email")
def remove_user(email: str) -> None:
    """Remove an account; its sessions end at their next request."""
    from ivr.console import accounts

    with database() as session:
        try:
            accounts.remove(session, email)
        except accounts.AccountError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"Removed {accounts.normal_email(email)}.")


COMMANDS = (users_group,)
