"""The `ivr` command: run and inspect the line from a terminal."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import FlaskGroup


def register(app: Flask) -> None:
    pass


def _app() -> Flask:
    from ivr import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_app, add_default_commands=True)
def main() -> None:
    """ivr: an AI assistant on a phone number."""
