"""Shared fixtures: an app on a real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set),
and Twilio's side of a call played through the app's HTTP routes."""

from __future__ import annotations

import functools
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from twilio.request_validator import RequestValidator

from ivr import create_app
from ivr.config import Settings, database_url
from ivr.db import make_engine
from ivr.models import Base
from ivr.phone import CallResult, FlaskTransport, Input, PhoneCall, ScriptedInput
from tests.standins.anthropic_api import MessagesStandIn

AUTH_TOKEN = "0123456789abcdef0123456789abcdef"
ACCOUNT_SID = "AC" + "a" * 32
POSTGRES = os.environ.get("TEST_DATABASE_URL")
SCHEMA = f"ivr_test_{os.getpid()}"  # our own schema: concurrent runs on one server don't collide
DATABASES = ["sqlite", "postgresql"] if POSTGRES else ["sqlite"]


def pytest_sessionfinish() -> None:
    if POSTGRES:
        for schema in (SCHEMA, f"{SCHEMA}_race"):
            drop_postgres_schema(schema)


def drop_postgres_schema(schema: str) -> None:
    engine = make_engine(postgres_url(schema))
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


def pytest_report_header() -> str:
    if POSTGRES:
        return f"databases: sqlite and postgresql ({make_url(POSTGRES).render_as_string()})"
    return "databases: sqlite only (set TEST_DATABASE_URL to run every database test on PostgreSQL too)"


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


@pytest.fixture(params=DATABASES)
def empty_database(request: pytest.FixtureRequest, tmp_path) -> str:
    """The URL of a database with no tables at all."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ivr.sqlite3'}"
    return fresh_postgres_schema(SCHEMA)


@pytest.fixture
def db_url(empty_database: str) -> str:
    engine = make_engine(empty_database)
    Base.metadata.create_all(engine)  # tests only: the product's schema comes from Alembic
    engine.dispose()
    return empty_database


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, twilio_auth_token=AUTH_TOKEN, twilio_account_sid=ACCOUNT_SID)


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


def call_app(
    client: FlaskClient, *inputs: Input, dial: tuple[str, ...] = (), caller: str = "+15555550123"
) -> CallResult:
    """Place a whole call through the app's HTTP routes, following the TwiML as Twilio would,
    and check that every document keeps Twilio's rules."""
    phone = PhoneCall(
        "http://localhost/voice/incoming",
        FlaskTransport(client),
        status_callback_url="http://localhost/voice/status",
        auth_token=AUTH_TOKEN,
        from_number=caller,
    )
    result = phone.run(ScriptedInput(inputs, dial))
    assert not result.violations, result.violations
    assert not result.errors, result.errors
    return result


@pytest.fixture
def place_call(client: FlaskClient) -> Callable[..., CallResult]:
    return functools.partial(call_app, client)


def heard(result: CallResult) -> str:
    return " ".join(said.text for said in result.heard)


@dataclass
class Webhooks:
    """Twilio's side, one request at a time: signed form posts to the app's voice routes."""

    client: FlaskClient
    call_sid: str = "CA" + "1" * 32
    token: str = AUTH_TOKEN

    def post(self, path: str, signed: bool = True, **params: str):
        params = {"CallSid": self.call_sid, "AccountSid": ACCOUNT_SID, **params}
        headers = {}
        if signed:
            url = "http://localhost" + path
            headers["X-Twilio-Signature"] = RequestValidator(self.token).compute_signature(url, params)
        return self.client.post(path, data=params, headers=headers)

    def incoming(self, **params: str):
        return self.post(
            "/voice/incoming", From="+15555550123", To="+15555550000", CallStatus="ringing", **params
        )


@pytest.fixture
def webhooks(client: FlaskClient) -> Webhooks:
    return Webhooks(client)


def twiml(response) -> ET.Element:
    """The TwiML document of a response, after checking it is one."""
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/xml"
    root = ET.fromstring(response.get_data(as_text=True))
    assert root.tag == "Response"
    return root


def spoken(root: ET.Element) -> str:
    return " ".join(say.text or "" for say in root.iter("Say"))
