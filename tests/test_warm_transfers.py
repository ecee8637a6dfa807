"""Warm transfers: the person answering first hears who is calling and why, and takes the call by
pressing 1; a transfer nobody takes goes back to the conversation, as a busy line does."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from ivr.devtools.twilio_emulator import FlaskTransport, PhoneCall, ScriptedInput, digits, speech
from ivr.record.models import Call, Contact, Event, Turn
from testkit.webhooks import AUTH_TOKEN, heard, twiml

BILLING = "+15555550102"


def call(client, *inputs, whisper_keys=(), caller="+15555550123"):
    phone = PhoneCall(
        "http://localhost/voice/incoming",
        FlaskTransport(client),
        status_callback_url="http://localhost/voice/status",
        auth_token=AUTH_TOKEN,
        from_number=caller,
    )
    result = phone.run(ScriptedInput(inputs, whisper_keys=whisper_keys))
    assert not result.violations, result.violations
    assert not result.errors, result.errors
    return result


def test_the_person_answering_hears_who_is_calling_and_why_and_takes_the_call(client, db_engine):
    with Session(db_engine) as session:
        session.add(Contact(phone="+12025550143", name="Maria Lopez"))
        session.commit()
    result = call(client, digits("3"), caller="+12025550143")
    dialed = result.transfers[0]
    assert dialed.number == BILLING
    assert dialed.whisper == "Call from Maria Lopez, about billing. Press 1 to take the call."
    assert dialed.accepted is True
    with Session(db_engine) as session:
        assert session.scalars(select(Call.outcome)).one() == "transferred:billing"


def test_an_unknown_caller_is_a_caller_and_their_own_words_say_why(client):
    result = call(client, speech("can I talk to a real person please"))
    assert result.transfers[0].whisper == (
        'Call from a caller, who said: "can I talk to a real person please". Press 1 to take the call.'
    )


def test_a_transfer_nobody_takes_goes_back_to_the_conversation(client, db_engine):
    result = call(client, digits("3"), speech("what are your hours"), whisper_keys=[""])
    assert result.transfers[0].accepted is False
    assert (
        "I'm sorry, billing isn't available right now. Is there anything else I can help you with?"
        in heard(result)
    )
    assert "We are open Monday to Friday" in heard(result)  # the conversation went on
    with Session(db_engine) as session:
        notes = list(session.scalars(select(Turn.note).where(Turn.role == "assistant").order_by(Turn.seq)))
        event = json.loads(session.scalars(select(Event.payload)).one())
    assert "dial-not-accepted" in notes
    assert "billing (not accepted)" in event["summary"]


def test_pressing_another_key_declines_the_call_too(client):
    result = call(client, digits("3"), whisper_keys=["2"])
    assert result.transfers[0].accepted is False
    assert "billing isn't available right now" in heard(result)


def test_claude_transfers_are_whispered_with_the_callers_words(make_app, claude_settings, messages_api):
    client = make_app(**claude_settings).test_client()
    messages_api.reply_tool("transfer_call", {"target": "front desk", "say": "Let me connect you."})
    result = call(client, speech("I need to move my appointment to Friday"))
    assert result.transfers[0].whisper == (
        'Call from a caller, who said: "I need to move my appointment to Friday". Press 1 to take the call.'
    )


def test_the_whisper_webhooks_are_signature_checked(webhooks):
    refused = webhooks.post("/voice/whisper?call=CA1&turn=3", signed=False)
    assert refused.status_code == 403
    refused = webhooks.post("/voice/whisper/answer?call=CA1&turn=3", signed=False, Digits="1")
    assert refused.status_code == 403


def test_a_whisper_without_its_call_is_a_deliberate_400_and_an_unknown_call_still_whispers(webhooks):
    assert webhooks.post("/voice/whisper", To=BILLING).status_code == 400
    root = twiml(webhooks.post("/voice/whisper?call=CA404&turn=3", To=BILLING))
    assert [verb.tag for verb in root] == ["Gather", "Hangup"]
