"""The `ivr` command: try the line from a terminal, inspect calls, and go live.

Each command imports what it needs when it runs, so `ivr --help` loads no database driver, web
framework or model SDK."""

from __future__ import annotations

import click

from ivr.cli import (
    business,
    calls,
    contacts,
    demo,
    doctor,
    events,
    messages,
    setup,
    trying,
    understanding,
    users,
)


@click.group()
def main() -> None:
    """ivr: an AI assistant on a phone number."""


modules = (trying, calls, messages, contacts, events, setup, understanding, doctor, users, demo, business)
for module in modules:
    for command in module.COMMANDS:
        main.add_command(command)
