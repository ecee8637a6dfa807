"""What every command reads: the settings, the assistant file and the database, each with a
one-line error that says what to do instead of a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from ivr.config import ConfigError, Settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ivr.assistant import Assistant


def settings() -> Settings:
    try:
        return Settings.from_env()
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


def assistant_file(path: str | None = None) -> Assistant:
    """The assistant file; when IVR_ASSISTANT is a folder, its default (or first) assistant."""
    from ivr import assistant, lines

    try:
        return lines.load(path or settings().assistant_path).first
    except assistant.AssistantError as error:
        raise click.ClickException(str(error)) from None


@contextmanager
def database() -> Iterator[Session]:
    """A session on the database the settings name, closed after the command. A database that is
    missing (none is created), unreachable or not migrated, and a query that fails, end the command
    with one line; the traceback only with LOG_LEVEL=DEBUG."""
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.orm import Session

    from ivr.record.db import DatabaseNotReady, check_ready, make_engine

    config = settings()
    try:
        check_ready(config.database_url)
    except DatabaseNotReady as error:
        raise click.ClickException(str(error)) from None
    engine = make_engine(config.database_url)
    try:
        with Session(engine) as session:
            yield session
    except SQLAlchemyError as error:
        if config.log_level == "DEBUG":
            raise
        first_line = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise click.ClickException(
            f"The database failed: {first_line} (LOG_LEVEL=DEBUG shows more)"
        ) from None
    finally:
        engine.dispose()
