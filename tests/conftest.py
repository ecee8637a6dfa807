"""Shared fixtures: an app on a real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set),
and Twilio's side of a call played through the app's HTTP routes."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from ivr import create_app
from ivr.config import Settings
from ivr.devtools.twilio_emulator import CallResult
from ivr.record.db import make_engine
from testkit.databases import (
    DATABASES,
    POSTGRES,
    SCHEMA,
    drop_postgres_schema,
    emptied_postgres_schema,
    fresh_postgres_schema,
    migrate,
    migrated_postgres_schema,
)
from testkit.standins.anthropic_api import MessagesStandIn
from testkit.webhooks import AUTH_TOKEN, Webhooks, call_app


def pytest_sessionfinish() -> None:
    if POSTGRES:
        for schema in (SCHEMA, f"{SCHEMA}_empty", f"{SCHEMA}_race"):
            drop_postgres_schema(schema)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that starts the Procfile's web process is a deployment test."""
    for item in items:
        if "start_web" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.deploy)


def pytest_report_header() -> str:
    if POSTGRES:
        return f"databases: sqlite and postgresql ({make_url(POSTGRES).render_as_string()})"
    return "databases: sqlite only (set TEST_DATABASE_URL to run every database test on PostgreSQL too)"


@pytest.fixture(params=DATABASES)
def empty_database(request: pytest.FixtureRequest, tmp_path) -> str:
    """The URL of a database with no tables at all."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ivr.sqlite3'}"
    return fresh_postgres_schema(f"{SCHEMA}_empty")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database migrated once per test run, copied for each test that needs one."""
    path = tmp_path_factory.mktemp("template") / "ivr.sqlite3"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_schema() -> str:
    """This run's PostgreSQL schema, migrated once; each test gets it emptied."""
    return migrated_postgres_schema(SCHEMA)


@pytest.fixture(params=DATABASES)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database at the newest schema with nothing in it, as `release:` leaves a new one."""
    if request.param == "sqlite":
        path = tmp_path / "ivr.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    request.getfixturevalue("postgres_schema")
    return emptied_postgres_schema(SCHEMA)


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(db_url: str) -> Settings:
    # No account SID: nothing is sent through Twilio's REST API (the sample texts its address, and
    # is told it could not); tests of texts give one, with TWILIO_API_BASE_URL at a stand-in.
    return Settings(database_url=db_url, twilio_auth_token=AUTH_TOKEN)


@pytest.fixture
def make_app(settings: Settings) -> Iterator[Callable[..., Flask]]:
    """Apps built from the test settings; each one's background work is finished at teardown,
    so no model call outlives its test and holds the next test's database."""
    made: list[Flask] = []

    def make(**overrides) -> Flask:
        app = create_app(settings.with_overrides(**overrides))
        app.config["TESTING"] = True
        made.append(app)
        return app

    yield make
    for app in made:
        answerer = app.extensions["ivr"].answerer
        if answerer.executor is not None:
            answerer.executor.shutdown(wait=True)
        answerer.sessions.kw["bind"].dispose()


@pytest.fixture
def messages_api() -> Iterator[MessagesStandIn]:
    """Anthropic's Messages API on loopback, reached by the real SDK."""
    with MessagesStandIn() as api:
        yield api


@pytest.fixture
def claude_settings(messages_api: MessagesStandIn) -> dict:
    return {"anthropic_api_key": "sk-ant-test", "anthropic_base_url": messages_api.url, "model_timeout": 2.0}


@pytest.fixture
def app(make_app) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def place_call(client: FlaskClient) -> Callable[..., CallResult]:
    return functools.partial(call_app, client)


@pytest.fixture
def webhooks(client: FlaskClient) -> Webhooks:
    return Webhooks(client)
