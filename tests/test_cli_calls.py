"""`ivr calls` and `ivr transcript`: what an operator reads after calls, with headers and units,
test calls kept out of the way, and a call found by the first characters of its CallSid."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from ivr.devtools.twilio_emulator import FlaskTransport, PhoneCall, ScriptedInput, digits, speech
from ivr.record.models import Call
from testkit.commands import Ivr
from testkit.webhooks import AUTH_TOKEN, Webhooks

HEADERS = ["CALL", "STARTED", "(UTC)", "FROM", "TO", "ASSISTANT", "DURATION", "TURNS", "OUTCOME"]


@pytest.fixture
def ivr(db_url, tmp_path) -> Ivr:
    return Ivr.on(db_url, tmp_path)


def lasted(db_engine, call_sid: str, seconds: int) -> None:
    with Session(db_engine) as session:
        session.execute(update(Call).where(Call.call_sid == call_sid).values(duration_s=seconds))
        session.commit()


def test_calls_are_listed_under_headers_with_minutes_and_seconds(ivr, place_call, db_engine):
    result = place_call(speech("what are your hours"), speech("no that's all, bye"), caller="+12025550143")
    lasted(db_engine, result.call_sid, 65)

    listed = ivr("calls")

    assert listed.exit_code == 0, listed.output
    header, row = listed.output.splitlines()
    assert header.split() == HEADERS
    assert row.split()[0] == result.call_sid[:10]
    assert "+12025550143" in row
    assert "1m 05s" in row
    assert row.split()[-2:] == ["2", "caller-done"]  # two caller turns, and how it ended


def test_a_short_call_is_in_seconds(ivr, place_call, db_engine):
    result = place_call(digits("2"))
    lasted(db_engine, result.call_sid, 42)

    assert " 42s " in ivr("calls").output


def test_test_calls_are_hidden_unless_asked_for(ivr, place_call, client):
    real = place_call(digits("5"))
    test = PhoneCall(  # as `ivr test-calls --url` places a call: its signed URLs mark it a test
        "http://localhost/voice/incoming?test=1",
        FlaskTransport(client),
        status_callback_url="http://localhost/voice/status?test=1",
        auth_token=AUTH_TOKEN,
    ).run(ScriptedInput([digits("5")]))

    shown = [json.loads(line)["call_sid"] for line in ivr("calls", "--json").output.splitlines()]
    assert shown == [real.call_sid]
    with_tests = ivr("calls", "--tests").output
    assert test.call_sid[:10] in with_tests
    assert "(test)" in with_tests


def test_with_only_test_calls_the_list_says_how_to_see_them(ivr, client):
    PhoneCall(
        "http://localhost/voice/incoming?test=1",
        FlaskTransport(client),
        status_callback_url="http://localhost/voice/status?test=1",
        auth_token=AUTH_TOKEN,
    ).run(ScriptedInput([digits("5")]))

    assert ivr("calls").output.strip() == "No calls yet (1 test call(s): --tests lists them)."


def test_a_transcript_is_found_by_the_start_of_its_call_sid(ivr, place_call):
    result = place_call(speech("what are your hours"))

    shown = ivr("transcript", result.call_sid[:10].lower())

    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith(result.call_sid)
    assert "what are your hours" in shown.output


def test_a_prefix_of_several_calls_asks_for_more_characters(ivr, client):
    for sid in ("CA" + "7" * 31 + "1", "CA" + "7" * 31 + "2"):
        Webhooks(client, call_sid=sid).incoming()

    shown = ivr("transcript", "CA777")

    assert shown.exit_code == 1
    assert shown.output.strip() == "Error: 2 calls' CallSids start with CA777: give more characters."


def test_a_call_sid_that_matches_nothing_is_one_line(ivr):
    shown = ivr("transcript", "CA0000")

    assert shown.exit_code == 1
    assert (
        shown.output.strip() == "Error: No call's CallSid starts with CA0000 (ivr calls lists recent ones)."
    )


def test_each_turn_shows_when_how_fast_how_sure_and_why(ivr, place_call):
    result = place_call(speech("what time do you close on saturday", confidence=0.87))

    lines = ivr("transcript", result.call_sid).output.splitlines()

    assert lines[1].split() == ["AT", "#", "WHO", "KIND", "CONF", "ANSWERED", "IN", "MODEL", "NOTE", "WORDS"]
    caller = next(line for line in lines if "what time do you close" in line)
    assert caller.split()[:5] == ["0:00", "1", "caller", "speech", "0.87"]
    answer = lines[lines.index(caller) + 1]
    assert answer.split()[1:4] == ["2", "ivr", "listen"]
    assert " ms " in answer  # how long we took to answer


def test_the_json_transcript_carries_timing_confidence_and_notes(ivr, place_call):
    result = place_call(speech("what time do you close on saturday", confidence=0.87))

    turns = json.loads(ivr("transcript", result.call_sid, "--json").output)

    caller, answer = turns[1], turns[2]
    assert (caller["role"], caller["confidence"], caller["kind"]) == ("caller", 0.87, "speech")
    assert answer["elapsed_ms"] is not None
    assert answer["note"]
    assert answer["engine"] == "menu"
    assert 0 <= turns[0]["offset_s"] <= caller["offset_s"] <= answer["offset_s"]
