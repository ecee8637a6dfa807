"""Real databases for tests and benchmarks: SQLite files, and PostgreSQL when TEST_DATABASE_URL
names a server, each run in a schema of its own."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from ivr.config import database_url
from ivr.record.db import make_engine
from ivr.record.models import Base

ROOT = Path(__file__).resolve().parent.parent

POSTGRES = os.environ.get("TEST_DATABASE_URL")
SCHEMA = f"ivr_test_{os.getpid()}"  # our own schema: concurrent runs on one server don't collide
DATABASES = ["sqlite", "postgresql"] if POSTGRES else ["sqlite"]


def drop_postgres_schema(schema: str) -> None:
    engine = make_engine(postgres_url(schema))
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


def postgres_url(schema: str) -> str:
    """TEST_DATABASE_URL with its own schema, so tests never touch the database's public tables."""
    url = make_url(database_url(POSTGRES or ""))
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


def fresh_postgres_schema(schema: str) -> str:
    url = postgres_url(schema)
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return url


def migrate(url: str) -> None:
    """Bring a database to the newest schema with the project's Alembic migrations, in process."""
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


def migrated_postgres_schema(schema: str) -> str:
    url = fresh_postgres_schema(schema)
    migrate(url)
    return url


def emptied_postgres_schema(schema: str) -> str:
    """The migrated schema with every table emptied, as new; migrated afresh if a test broke it."""
    url = postgres_url(schema)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            tables = [t.name for t in Base.metadata.sorted_tables]
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    except SQLAlchemyError:
        return migrated_postgres_schema(schema)
    finally:
        engine.dispose()
    return url
