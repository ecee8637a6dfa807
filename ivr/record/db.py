"""The database engine and the request-scoped session."""

from __future__ import annotations

import select
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

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
