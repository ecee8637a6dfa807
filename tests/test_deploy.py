"""The app deployed the way a Heroku-style host runs it: the Procfile's release command migrates the
database, its web command starts gunicorn, and calls arrive over real HTTP, on several workers and
several instances that share nothing but the database."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from ivr.devtools.twilio_emulator import CallResult, HttpTransport, PhoneCall, ScriptedInput, digits, speech
from ivr.record.db import make_engine
from ivr.record.models import Base, Call
from testkit import hosting
from testkit.standins.balancer import RoundRobinBalancer
from testkit.webhooks import AUTH_TOKEN, heard

pytestmark = pytest.mark.deploy

APP_TABLES = set(Base.metadata.tables)
PHARMACY = "+15555550101"
HOURS = "Saturday from 9 AM to 1 PM"
# The Procfile's web process, stopped at teardown. A fixture bound by assignment: imported by name,
# ruff (F811) would take each test's start_web parameter for a redefinition of it.
start_web = hosting.start_web


def app_tables(database_url: str) -> set[str]:
    engine = make_engine(database_url)
    try:
        return APP_TABLES & set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def call_for_hours_then_the_pharmacy(base_url: str, caller: str = "+15555552000") -> CallResult:
    """A whole call over HTTP: hours by speech, hours again by key, then the pharmacy by key."""
    phone = PhoneCall(
        base_url + "/voice/incoming",
        HttpTransport(),
        status_callback_url=base_url + "/voice/status",
        auth_token=AUTH_TOKEN,
        from_number=caller,
    )
    return phone.run(ScriptedInput([speech("what are your hours"), digits("5"), digits("2")]))


def assert_heard_the_hours_and_reached_the_pharmacy(result: CallResult) -> None:
    assert not result.errors, result.errors
    assert not result.violations, result.violations
    assert heard(result).count(HOURS) == 2
    assert [(t.number, t.outcome) for t in result.transfers] == [(PHARMACY, "completed")]


def stored_calls(database_url: str) -> dict[str, Call]:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return {call.call_sid: call for call in session.scalars(select(Call))}
    finally:
        engine.dispose()


def test_release_migrates_an_empty_database_and_the_migration_can_be_undone(empty_database):
    hosting.release(empty_database)
    assert app_tables(empty_database) == APP_TABLES
    hosting.run(["alembic", "downgrade", "base"], empty_database)
    assert app_tables(empty_database) == set()
    hosting.release(empty_database)
    assert app_tables(empty_database) == APP_TABLES


def test_released_schema_matches_the_models(empty_database):
    hosting.release(empty_database)
    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_calls_are_served_by_both_workers_of_one_web_process(db_url, start_web):
    web = start_web(db_url, workers=2)
    callers = [f"+1555555{2000 + n}" for n in range(8)]  # one call each: callers are rate-limited
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(call_for_hours_then_the_pharmacy, [web.url] * len(callers), callers))

    assert web.logged_errors() == []
    for result in results:
        assert_heard_the_hours_and_reached_the_pharmacy(result)
    calls = stored_calls(db_url)
    assert {(calls[r.call_sid].outcome, calls[r.call_sid].status) for r in results} == {
        ("transferred:pharmacy", "completed")
    }
    exchanges = sum(len(result.exchanges) for result in results)
    served = web.voice_requests(expected=exchanges)
    assert len(served) == exchanges
    assert {line["status"] for line in served} <= {"200", "204"}
    # Which worker accepts a connection is the kernel's choice: test_a_call_alternating_between_two_
    # instances_behind_a_load_balancer_completes makes the same point deterministically.
    assert len({line["pid"] for line in served}) == 2, Counter(line["pid"] for line in served)


def test_a_call_alternating_between_two_instances_behind_a_load_balancer_completes(db_url, start_web):
    backends = [("127.0.0.1", hosting.free_port()), ("127.0.0.1", hosting.free_port())]
    with RoundRobinBalancer(backends) as balancer:
        # Both instances see the balancer's URL as Twilio's: signatures cover the URL Twilio requested.
        instances = [
            start_web(db_url, workers=1, PORT=str(port), PUBLIC_BASE_URL=balancer.url) for _, port in backends
        ]
        result = call_for_hours_then_the_pharmacy(balancer.url)

    assert [instance.logged_errors() for instance in instances] == [[], []]
    assert_heard_the_hours_and_reached_the_pharmacy(result)
    assert stored_calls(db_url)[result.call_sid].outcome == "transferred:pharmacy"
    # Twilio opens a connection per webhook, so the balancer sends them to each instance in turn.
    webhooks = len(result.exchanges)
    assert sorted(balancer.connections[backend] for backend in backends) == [
        webhooks // 2,
        webhooks - webhooks // 2,
    ]
