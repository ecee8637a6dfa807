"""Alembic's entry point: migrate the database our settings name (or the URL a caller passes)."""

from logging.config import fileConfig

from alembic import context

from ivr.config import Settings
from ivr.record.db import make_engine
from ivr.record.models import Base, StoredText, UTCDateTime

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def database_url() -> str:
    return config.attributes.get("database_url") or Settings.from_env().database_url


def render_item(kind: str, obj: object, autogen_context: object) -> str | bool:
    """Write our column types as the types they store, so migrations need nothing of ivr."""
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if kind == "type" and isinstance(obj, StoredText):
        return f"sa.String(length={obj.length})" if obj.length else "sa.Text()"
    return False


def run_migrations_offline() -> None:
    context.configure(url=database_url(), target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(database_url())
    with engine.connect() as connection:
        # Batch mode lets later migrations alter SQLite tables (it copies and swaps them).
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,
            render_item=render_item,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
