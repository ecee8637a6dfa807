"""`ivr messages`: what callers left, as the person who calls them back reads it: the ones waiting,
newest first, each with who called and the number to call back, marked handled once seen to."""

from __future__ import annotations

import json

import pytest

from ivr.devtools.twilio_emulator import FlaskTransport, PhoneCall, ScriptedInput, speech
from testkit.commands import Ivr
from testkit.webhooks import AUTH_TOKEN

LEAVE = speech("I'd like to leave a message")


@pytest.fixture
def ivr(db_url, tmp_path) -> Ivr:
    return Ivr.on(db_url, tmp_path)


@pytest.fixture
def leave_message(place_call):
    def leave(text: str, caller: str = "+15555550123") -> str:
        return place_call(LEAVE, speech(text), caller=caller).call_sid

    return leave


def listed(ivr: Ivr, *args: str) -> list[dict]:
    result = ivr("messages", "--json", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_a_message_is_listed_with_its_caller_call_back_number_and_call(ivr, leave_message):
    call_sid = leave_message("this is Dana, please call me about my forms", caller="+12025550143")

    result = ivr("messages")

    assert result.exit_code == 0, result.output
    header, row = result.output.splitlines()
    assert header.split() == ["ID", "LEFT", "(UTC)", "FROM", "CALL", "BACK", "CALL", "HANDLED", "MESSAGE"]
    assert "+12025550143" in row
    assert call_sid[:10] in row
    assert row.endswith("this is Dana, please call me about my forms")


def test_messages_are_newest_first(ivr, leave_message):
    leave_message("the first one", caller="+12025550101")
    leave_message("the second one", caller="+12025550102")

    assert [m["text"] for m in listed(ivr)] == ["the second one", "the first one"]


def test_a_known_caller_is_named(ivr, leave_message, tmp_path):
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("phone,name\n(202) 555-0143,Maria Lopez\n")
    assert ivr("contacts", "import", str(contacts)).exit_code == 0
    leave_message("can we move my cleaning", caller="+12025550143")

    assert "+12025550143 (Maria Lopez)" in ivr("messages").output


def test_handled_messages_leave_the_list_and_come_back_with_all(ivr, leave_message):
    leave_message("please call me", caller="+12025550101")
    leave_message("me too", caller="+12025550102")
    first, second = sorted(m["id"] for m in listed(ivr))

    result = ivr("messages", "handled", str(first))

    assert result.exit_code == 0, result.output
    assert result.output.strip() == "1 message(s) marked handled."
    assert [m["id"] for m in listed(ivr)] == [second]
    everything = {m["id"]: m for m in listed(ivr, "--all")}
    assert everything[first]["handled_at"] is not None
    assert everything[second]["handled_at"] is None


def test_marking_a_message_handled_again_keeps_when_it_was_first_handled(ivr, leave_message):
    leave_message("please call me")
    (message,) = listed(ivr)
    ivr("messages", "handled", str(message["id"]))
    (first,) = listed(ivr, "--all")

    result = ivr("messages", "handled", str(message["id"]))

    assert result.exit_code == 0
    assert result.output.strip() == "0 message(s) marked handled; 1 already was."
    assert listed(ivr, "--all")[0]["handled_at"] == first["handled_at"]


def test_an_unknown_id_is_one_line_and_nothing_is_marked(ivr, leave_message):
    leave_message("please call me")
    (message,) = listed(ivr)

    result = ivr("messages", "handled", str(message["id"]), "999")

    assert result.exit_code == 1
    assert (
        result.output.strip() == "Error: No message 999: nothing was marked (ivr messages --all lists them)."
    )
    assert [m["id"] for m in listed(ivr)] == [message["id"]]


def test_show_prints_the_whole_message(ivr, leave_message):
    text = "this is Dana, " + "I have a long question about my forms and the deadline " * 3
    call_sid = leave_message(text.strip())
    (message,) = listed(ivr)
    assert ivr("messages").output.rstrip().endswith("…"), "the list shortens long messages"

    result = ivr("messages", "show", str(message["id"]))

    assert result.exit_code == 0, result.output
    assert text.strip() in result.output
    assert call_sid in result.output
    assert "not handled yet" in result.output
    shown = json.loads(ivr("messages", "show", str(message["id"]), "--json").output)
    assert (shown["text"], shown["call_sid"], shown["callback_number"]) == (
        text.strip(),
        call_sid,
        "+15555550123",
    )


def test_show_of_an_unknown_message_is_one_line(ivr):
    result = ivr("messages", "show", "42")

    assert result.exit_code == 1
    assert result.output.strip() == "Error: No message 42 (ivr messages --all lists them)."


def test_messages_left_on_test_calls_are_hidden_unless_asked_for(ivr, leave_message, client):
    leave_message("a real caller", caller="+12025550101")
    phone = PhoneCall(  # as `ivr test-calls --url` places a call: its signed URLs mark it a test
        "http://localhost/voice/incoming?test=1",
        FlaskTransport(client),
        status_callback_url="http://localhost/voice/status?test=1",
        auth_token=AUTH_TOKEN,
        from_number="+12025550199",
    )
    phone.run(ScriptedInput([LEAVE, speech("a scenario's message")]))

    assert [m["text"] for m in listed(ivr)] == ["a real caller"]
    with_tests = listed(ivr, "--tests")
    assert [(m["text"], m["test"]) for m in with_tests] == [
        ("a scenario's message", True),
        ("a real caller", False),
    ]


def test_with_no_messages_waiting_the_list_says_so(ivr):
    result = ivr("messages")

    assert result.exit_code == 0
    assert result.output.strip() == "No messages waiting (--all lists handled ones)."
