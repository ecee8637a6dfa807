"""The database engine, the request-scoped session, and whether the database is ready to use."""

from __future__ import annotations

import select
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from ivr.config import PROJECT

SQLITE_BUSY_TIMEOUT_MS = 5000
# Twilio gives up on a webhook after 15 s, so no database wait may take most of that: a lock held
# elsewhere, a stuck statement, or a server that accepts connections and never answers.
POSTGRES_CONNECT_TIMEOUT_S = 3
POSTGRES_LOCK_TIMEOUT_MS = 3000
POSTGRES_STATEMENT_TIMEOUT_MS = 5000


def make_engine(url: str) -> Engine:
    """An engine with the settings each backend needs for several workers writing at once."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(
            url,
            # A request waits this long for a free connection, then hears the spoken fallback:
            # well inside Twilio's 15 s (SQLAlchemy's default is 30 s).
            pool_timeout=5,
            # Kept open, not opened and closed per burst: a new PostgreSQL connection is a new
            # server process. 30 per process at most, as before, of which 20 stay open.
            pool_size=20,
            max_overflow=10,
            connect_args={"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S},
        )
        event.listen(engine, "connect", _bound_postgres_waits)
        event.listen(engine, "checkout", _refuse_closed_by_server)
        return engine
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _tune_sqlite)
    return engine


def _tune_sqlite(connection: Any, _record: object) -> None:
    # WAL lets readers run beside the one writer; busy_timeout makes a writer wait for the
    # lock instead of failing at once when another worker is mid-commit.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _bound_postgres_waits(connection: Any, _record: object) -> None:
    # Set per session rather than in the URL's options, which may already carry a search_path;
    # committed at once, or the pool's reset-on-return would roll the settings back.
    cursor = connection.cursor()
    cursor.execute(f"SET lock_timeout = {POSTGRES_LOCK_TIMEOUT_MS}")
    cursor.execute(f"SET statement_timeout = {POSTGRES_STATEMENT_TIMEOUT_MS}")
    cursor.close()
    connection.commit()


def _refuse_closed_by_server(connection: Any, _record: object, _proxy: object) -> None:
    """A pooled connection that the server closed (a restart, a failover, an idle timeout) has its
    last words waiting to be read; an idle, healthy one has nothing. Raising here makes the pool
    open a new connection before a request uses the dead one. Unlike pool_pre_ping, this costs no
    round trip to the server on every checkout."""
    readable, _, _ = select.select([connection.fileno()], [], [], 0)
    if readable or connection.closed:
        raise DisconnectionError("the database server closed this pooled connection")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


class DatabaseNotReady(Exception):
    """The database cannot be used as it is: missing, unreachable, or not at the code's newest
    migration. The message says so in one line, with what to do."""


@dataclass(frozen=True)
class Readiness:
    where: str  # the SQLite file, or the server and database (never the password)
    revision: str  # the database's migration, the newest the code knows
    newest_known: bool  # False when the code's migrations/ folder is not at hand to compare with


def check_ready(url: str) -> Readiness:
    """Check, without creating anything, that the database exists, answers, and is migrated to the
    newest revision in migrations/; DatabaseNotReady otherwise."""
    parsed = make_url(url)
    place = where(url)
    file = _sqlite_file(parsed)
    if file is not None and not file.is_file():
        raise DatabaseNotReady(
            f"No database at {file}: start the line once with make run, or run alembic upgrade head"
        )
    current = _revisions(url, parsed, place)
    if not current:
        raise DatabaseNotReady(f"The database at {place} is not migrated: run `alembic upgrade head`")
    newest, known = _code_revisions()
    if newest is None:
        return Readiness(place, ", ".join(current), newest_known=False)
    if set(current) != set(newest):
        at, head = ", ".join(current), ", ".join(newest)
        if not set(current) <= known:
            raise DatabaseNotReady(
                f"The database at {place} is at migration {at}, which this code does not know "
                f"(newest here: {head}): a newer ivr migrated it; update this code"
            )
        raise DatabaseNotReady(
            f"The database at {place} is behind (migration {at}, newest {head}): run `alembic upgrade head`"
        )
    return Readiness(place, ", ".join(current), newest_known=True)


def where(url: str) -> str:
    """The database a URL names, for people: a SQLite file's path, or a server's, without the password."""
    parsed = make_url(url)
    file = _sqlite_file(parsed)
    if file is not None:
        return str(file)
    if parsed.get_backend_name() == "sqlite":
        return "an in-memory SQLite database"
    port = f":{parsed.port}" if parsed.port else ""
    user = f"{parsed.username}@" if parsed.username else ""
    return f"{parsed.get_backend_name()}://{user}{parsed.host or 'localhost'}{port}/{parsed.database or ''}"


def _sqlite_file(parsed: URL) -> Path | None:
    name = parsed.database
    if parsed.get_backend_name() != "sqlite" or not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name).resolve()


def _revisions(url: str, parsed: URL, place: str) -> tuple[str, ...]:
    """The migrations the database says it is at, read without creating anything."""
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return tuple(MigrationContext.configure(connection).get_current_heads())
    except DBAPIError as error:
        raise DatabaseNotReady(_unusable(parsed, place, error)) from error
    finally:
        engine.dispose()


def _unusable(parsed: URL, place: str, error: DBAPIError) -> str:
    reason = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else type(error.orig).__name__
    reason = reason.rsplit("failed: ", 1)[-1].removeprefix("FATAL:").strip()
    if parsed.password:
        reason = reason.replace(str(parsed.password), "***")
    if parsed.get_backend_name() == "sqlite":
        return f"Cannot read the database at {place}: {reason}"
    return f"Cannot reach the database at {place}: {reason}; check DATABASE_URL and that the server is up"


def _code_revisions() -> tuple[tuple[str, ...] | None, set[str]]:
    """The newest migration in the code's migrations/ folder and every one it knows; (None, empty)
    where the folder is not beside the package (an installed wheel)."""
    from alembic.script import ScriptDirectory

    folder = PROJECT / "migrations"
    if not (folder / "env.py").is_file():
        return None, set()
    script = ScriptDirectory(str(folder))
    return tuple(script.get_heads()), {revision.revision for revision in script.walk_revisions()}
