"""Opening hours and holidays: whole calls through the webhooks at a moment the test sets (the
line's clock, IVR_CLOCK), to the sample plumber, whose office keeps hours and whose on-call
technician answers at any hour."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ivr import assistant
from ivr.assistant import SAMPLE_PATH, AssistantError
from ivr.devtools.twilio_emulator import digits, speech
from ivr.dialog import hours
from ivr.record.models import Message, Turn
from testkit.webhooks import heard

PLUMBER = str(SAMPLE_PATH.parent / "harbor-plumbing.toml")
WEDNESDAY_NIGHT = datetime(2026, 12, 2, 23, 0)  # naive: in the line's time zone, America/New_York
WEDNESDAY_MORNING = datetime(2026, 12, 2, 10, 0)
CHRISTMAS = datetime(2026, 12, 25, 10, 0)
OFFICE, ON_CALL = "+15555550200", "+15555550201"


@pytest.fixture
def call_at(make_app):
    def call(moment: datetime, *inputs, **kwargs):
        client = make_app(assistant_path=PLUMBER, clock=moment).test_client()
        from testkit.webhooks import call_app

        return call_app(client, *inputs, **kwargs)

    return call


def test_a_call_at_eleven_at_night_hears_the_closed_greeting_and_when_the_office_opens(call_at):
    result = call_at(WEDNESDAY_NIGHT, speech("thanks bye"))
    assert "Our office is closed right now, and opens again tomorrow at 7 AM." in heard(result)


def test_at_night_asking_for_the_office_offers_a_message_instead_of_ringing_an_empty_office(
    call_at, db_engine
):
    result = call_at(WEDNESDAY_NIGHT, digits("5"), speech("this is Ana, please call me about my invoice"))
    assert result.transfers == []
    assert "we're closed right now, so I can't connect you to the office" in heard(result)
    with Session(db_engine) as session:
        message = session.scalars(select(Message)).one()
    assert message.text == "this is Ana, please call me about my invoice"


def test_at_night_the_operator_escape_offers_a_message_too(call_at):
    result = call_at(WEDNESDAY_NIGHT, digits("0"))
    assert result.transfers == []
    assert "can't connect you to the office" in heard(result)


def test_at_night_the_on_call_technician_is_still_reachable(call_at):
    result = call_at(WEDNESDAY_NIGHT, speech("I have a burst pipe"))
    assert [dialed.number for dialed in result.transfers] == [ON_CALL]


def test_answers_go_on_while_closed(call_at):
    result = call_at(WEDNESDAY_NIGHT, digits("7"))
    assert "We serve Harbor City" in heard(result)


def test_on_a_listed_holiday_the_line_is_closed_and_says_why(call_at):
    result = call_at(CHRISTMAS, digits("5"))
    assert "opens again tomorrow at 8 AM" in heard(result)  # Saturday's hours
    assert "we're closed today for Christmas Day" in heard(result)
    assert result.transfers == []


def test_during_hours_the_usual_greeting_plays_and_transfers_ring(call_at, db_engine):
    result = call_at(WEDNESDAY_MORNING, digits("5"))
    assert "closed" not in heard(result)
    assert [dialed.number for dialed in result.transfers] == [OFFICE]
    with Session(db_engine) as session:
        greeting = session.scalars(select(Turn).where(Turn.seq == 0)).one()
    assert greeting.note.startswith("greeting:")  # the usual greeting, with how the look-up went


def test_the_closed_greeting_is_stored_with_its_note(call_at, db_engine):
    call_at(WEDNESDAY_NIGHT)
    with Session(db_engine) as session:
        greeting = session.scalars(select(Turn).where(Turn.seq == 0)).one()
    assert greeting.note == "greeting-closed"


def test_claude_is_told_the_business_is_closed_and_its_transfers_become_a_message_offer(
    make_app, claude_settings, messages_api
):
    from testkit.webhooks import call_app

    client = make_app(assistant_path=PLUMBER, clock=WEDNESDAY_NIGHT, **claude_settings).test_client()
    messages_api.reply_tool("transfer_call", {"target": "sales", "say": "Let me connect you to sales."})
    result = call_app(client, speech("I'd like an estimate for a new boiler"))
    system = " ".join(block["text"] for block in messages_api.requests[0].body["system"])
    assert "The business is closed right now. It opens again tomorrow at 7 AM." in system
    assert "Only 'on-call technician' can take a transfer now" in system
    assert result.transfers == []
    assert "can't connect you to sales" in heard(result)


# The clock and the [hours] table, without a call.


def test_the_next_opening_skips_closed_days_and_holidays():
    plumber = assistant.load(PLUMBER)
    assert plumber.hours is not None
    saturday_noon = datetime(2026, 12, 5, 12, 30)
    assert hours.closed_at(plumber.hours, saturday_noon) == hours.Closed("on Monday at 7 AM")
    christmas_eve = datetime(2026, 12, 24, 19, 0)
    assert hours.closed_at(plumber.hours, christmas_eve) == hours.Closed("on Saturday at 8 AM")
    assert hours.closed_at(plumber.hours, WEDNESDAY_MORNING) is None


def test_a_moment_with_a_zone_is_taken_in_the_lines_zone():
    plumber = assistant.load(PLUMBER)
    assert plumber.hours is not None
    three_pm_utc_is_ten_in_new_york = datetime.fromisoformat("2026-12-02T15:00:00+00:00")
    assert hours.closed_at(plumber.hours, three_pm_utc_is_ten_in_new_york) is None


def test_the_clock_is_the_fixed_moment_when_one_is_set():
    assert hours.now(CHRISTMAS) == CHRISTMAS
    assert hours.now().tzinfo is not None


BASE = {"name": "Line", "greeting": "Hello.", "directory": {"office": "+15555550100"}}


@pytest.mark.parametrize(
    ("table", "field", "problem"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone", "is not a time zone"),
        ({"timezone": "America/New_Yrok"}, "timezone", "did you mean America/New_York?"),
        ({"monday": "8-12"}, "monday", "is not a span like 08:00-12:00"),
        ({"monday": "18:00-08:00"}, "monday", "ends before it starts"),
        ({"monday": "closed"}, "monday", "every day is closed"),
        ({"holidays": ["2026-12-25"]}, "holidays", "must be a date like 2026-12-25 (no quotes)"),
        (
            {"always_reachable": ["night nurse"]},
            "always_reachable",
            "'night nurse' is not a name in [directory]",
        ),
        ({"closed_greeting": "Back at {time}."}, "closed_greeting", "may use {opens}"),
        ({"tuesdays": "09:00-17:00"}, "tuesdays", "did you mean tuesday?"),
    ],
)
def test_a_wrong_hours_table_is_refused_naming_the_field(table, field, problem):
    hours_table = {"timezone": "America/New_York", "monday": "08:00-18:00", "closed_greeting": "Closed."}
    with pytest.raises(AssistantError) as refused:
        assistant.parse(BASE | {"hours": hours_table | table}, "line.toml")
    assert f"line.toml: [hours]: {field}: " in str(refused.value)
    assert problem in str(refused.value)


def test_at_the_turn_limit_while_closed_the_caller_leaves_a_message_once_and_is_thanked(
    make_app, tmp_path, db_engine
):
    text = Path(PLUMBER).read_text(encoding="utf-8")
    path = tmp_path / "plumber.toml"
    path.write_text(text + "\n[policy]\nmax_turns = 1\n", encoding="utf-8")
    client = make_app(assistant_path=str(path), clock=WEDNESDAY_NIGHT).test_client()
    from testkit.webhooks import call_app

    blorp = speech("blorp the frangible widget")
    result = call_app(client, blorp, blorp, speech("this is Ana, call me about a leak"), speech("hello?"))
    said = heard(result)
    assert said.count("Please speak after the tone") == 1
    assert said.endswith(f"Thank you, I've passed your message on. {assistant.load(PLUMBER).goodbye}")
    assert result.transfers == []
    with Session(db_engine) as session:
        assert session.scalars(select(Message.text)).one() == "this is Ana, call me about a leak"
