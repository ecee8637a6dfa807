"""What the web process checks before it takes a call, and the line it prints when it is ready.

Each problem is one line that says what to do; the traceback behind it only with LOG_LEVEL=DEBUG.
gunicorn.conf.py calls these, so a broken line stops before any worker boots."""

from __future__ import annotations

import errno
import socket
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from ivr.config import Settings


class StartupError(Exception):
    """The line cannot start; the message says why and what to do, in a line or two."""


def checked_settings() -> Settings:
    """The settings, the assistant file and the database, each checked, or StartupError."""
    from ivr import assistant, lines
    from ivr.config import ConfigError, Settings
    from ivr.record import db

    try:
        settings = Settings.from_env()
        settings.check(under_gunicorn=True)
    except ConfigError as error:
        raise StartupError(f"Bad setting: {error}") from error
    try:
        found = lines.load(settings.assistant_path)
    except assistant.AssistantError as error:
        raise StartupError(f"Bad assistant file: {error}") from error
    from ivr.business.actions import ActionClient, MissingVariable

    try:
        for line in found.assistants:
            ActionClient(line.actions, settings.environment, settings.events_signing_secret)
    except MissingVariable as error:
        raise StartupError(f"Bad setting: {error}") from error
    try:
        db.check_ready(settings.database_url)
    except db.DatabaseNotReady as error:
        raise StartupError(str(error)) from error
    return settings


def process_variables() -> dict[str, str]:
    """The web process's own variables (HOST, PORT, WEB_CONCURRENCY, GUNICORN_THREADS), from the
    same `.env` as the settings, the environment winning."""
    import os

    from dotenv import dotenv_values

    from ivr.config import find_home

    dotenv = find_home(os.environ, Path.cwd()).dotenv
    from_file = {k: v for k, v in dotenv_values(dotenv).items() if v} if dotenv else {}
    return {**from_file, **{k: v for k, v in os.environ.items() if v}}


def check_port(host: str, port: int) -> None:
    """Refuse a port another process listens on, before gunicorn retries it five times."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise StartupError(
                    f"Port {port} is in use, perhaps by another ivr: stop it, or start this one on "
                    f"another port (PORT={port + 1} make run)"
                ) from error
            message = f"Cannot listen on {host}:{port}: {error.strerror}; check HOST and PORT"
            raise StartupError(message) from error


def stop(error: StartupError, log_level: str = "INFO") -> NoReturn:
    if log_level == "DEBUG":
        traceback.print_exception(error)
    print(f"ivr: {error}", file=sys.stderr, flush=True)
    sys.exit(1)


def read_shared_weights(settings: Settings) -> None:
    """Read the semantic tier's weights in gunicorn's master, before the workers fork: read-only
    from then on, their pages are shared by every worker instead of copied into each (with the
    deep tier, about 85 MB a worker; bench/README.md, "Shared weights")."""
    if settings.menu_tier is None:
        return  # nothing to share: Claude's line, or phrases only
    from ivr.dialog import understanding
    from ivr.dialog.embeddings import WeightsError

    try:
        understanding.read_weights(deep=settings.menu_tier == "deep")
    except WeightsError as error:
        raise StartupError(f"{error} (or set SEMANTIC_TIER=false to route by phrases only)") from error


def ready_line(settings: Settings, host: str, port: int) -> str:
    """Where the line answers, which engine is live, and what to run next."""
    from ivr.lines import load

    lines = load(settings.assistant_path).assistants
    # One assistant answers every number; several, each its own (and the default the rest).
    names = [
        f"{line.name} ({', '.join([*line.numbers, *['any other number'] * line.default])})" for line in lines
    ]
    name = (
        ", ".join(names[:-1]) + f" and {names[-1]} answer" if len(lines) > 1 else f"{lines[0].name} answers"
    )
    tier = {"deep": " and its deep tier", "off": ", phrases only"}.get(settings.semantic_tier, "")
    engine = (
        f"Claude ({settings.anthropic_model})" if settings.anthropic_api_key else f"the menu engine{tier}"
    )
    local = host in ("127.0.0.1", "::1", "localhost")
    reach = "this machine only" if local else "the network (HOST=127.0.0.1 keeps it to this machine)"
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{port}"
    call = "ivr call" if port == 8000 else f"ivr call {url}"
    return (
        f"ivr is ready: {name} at {url}/voice/incoming with {engine}, from {reach}.\n"
        f"  Call it from another terminal: .venv/bin/{call}    Check the set-up: .venv/bin/ivr doctor"
    )
