"""`ivr unmatched`: what real callers said that the line re-asked, most frequent first, so the owner
can add phrases; what was understood, keys, silence and test calls stay out of it."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import update
from sqlalchemy.orm import Session

from ivr.cli import main
from ivr.console import overview
from ivr.devtools.twilio_emulator import FlaskTransport, PhoneCall, ScriptedInput, digits, silence, speech
from ivr.record.models import Call, utcnow
from ivr.record.unmatched import normalised
from testkit.webhooks import AUTH_TOKEN, call_app

GIBBERISH = "my flux capacitor is wobbling"


@pytest.fixture
def unmatched(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)

    def run(*args: str) -> str:
        result = CliRunner().invoke(main, ["unmatched", *args])
        assert result.exit_code == 0, result.output
        return result.output

    return run


def test_an_empty_line_says_nothing_is_unmatched(unmatched):
    assert unmatched() == "Nothing unmatched in the last 30 days.\n"


def test_what_callers_said_that_matched_nothing_is_listed_most_frequent_first(client, unmatched):
    call_app(client, speech(GIBBERISH), speech("My flux capacitor is wobbling!"), caller="+15555550141")
    call_app(client, speech(GIBBERISH), digits("5"), caller="+15555550142")
    call_app(client, speech("the gazebo needs repainting"), digits("5"), caller="+15555550143")
    call_app(client, speech("pharmacy please"), silence(), digits("5"), caller="+15555550144")
    rows = [json.loads(line) for line in unmatched("--json").splitlines()]
    assert [(r["said"], r["times"], r["calls"]) for r in rows] == [
        (GIBBERISH, 3, 2),
        ("the gazebo needs repainting", 1, 1),
    ]
    listing = unmatched()
    assert listing.splitlines()[0].split() == ["TIMES", "CALLS", "LAST", "(UTC)", "LAST", "CALL", "SAID"]
    assert GIBBERISH in listing.splitlines()[1]


def test_speech_heard_too_unsure_to_use_is_listed_as_such(client, unmatched):
    call_app(client, speech("pharmacy", confidence=0.1), digits("2"), caller="+15555550145")
    [row] = [json.loads(line) for line in unmatched("--json").splitlines()]
    assert (row["said"], row["low_confidence"]) == ("pharmacy", 1)
    assert "(1 heard unsure)" in unmatched()


def test_test_calls_and_old_calls_are_left_out(client, db_engine, unmatched):
    test_call = PhoneCall(
        "http://localhost/voice/incoming?test=1",
        FlaskTransport(client),
        auth_token=AUTH_TOKEN,
        from_number="+15555550146",
    )
    test_call.run(ScriptedInput([speech(GIBBERISH), digits("5")]))
    call_app(client, speech("the gazebo needs repainting"), digits("5"), caller="+15555550147")
    with Session(db_engine) as session:
        session.execute(update(Call).where(~Call.test).values(started_at=utcnow() - timedelta(days=8)))
        session.commit()
    assert unmatched("--days", "7") == "Nothing unmatched in the last 7 days.\n"
    assert "the gazebo needs repainting" in unmatched("--days", "9")


def test_the_consoles_overview_groups_what_was_said_as_the_command_does(client, db_engine, unmatched):
    call_app(client, speech("My flux capacitor is wobbling!"), digits("5"), caller="+15555550148")
    call_app(client, speech("my flux capacitor is wobbling"), digits("5"), caller="+15555550149")
    today = utcnow().date()
    with Session(db_engine) as session:
        figures = overview.report(session, today - timedelta(days=1), today, "UTC", "model", {})
    [row] = [json.loads(line) for line in unmatched("--json").splitlines()]
    assert (
        (normalised(row["said"]), row["times"])
        == figures.unmatched[0]
        == ("my flux capacitor is wobbling", 2)
    )
