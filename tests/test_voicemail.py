"""Voice messages: a message option records the caller with <Record>, keeps the recording's URL,
length and Twilio's transcription with the call, and delivers them in the post-call event."""

from __future__ import annotations

import json

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ivr.devtools.twilio_emulator import digits, silence, speech
from ivr.record.models import Event, Message
from testkit.webhooks import heard, twiml

LEAVE = digits("6")  # the sample clinic's message option
RECORDING = "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE" + "a" * 32


def test_a_voice_message_is_recorded_and_its_url_arrives_in_the_post_call_event(place_call, db_engine):
    result = place_call(LEAVE, speech("hi this is Sam, please call me back about my test results"))
    assert "Please speak after the tone, and press pound when you're done." in heard(result)
    assert "[beep]" in heard(result)
    assert "Thank you, I've passed your message on." in heard(result)
    with Session(db_engine) as session:
        message = session.scalars(select(Message)).one()
        event = json.loads(session.scalars(select(Event.payload)).one())
    assert message.recording_url.startswith("https://api.twilio.com/")
    assert message.recording_duration_s == 5
    assert message.transcription == "hi this is Sam, please call me back about my test results"
    (sent,) = event["messages"]
    assert sent["recording"]["url"] == message.recording_url
    assert sent["recording"]["duration_s"] == 5
    assert sent["text"] == message.transcription
    assert "left a message" in event["summary"]


def test_the_record_verb_has_a_limit_a_beep_and_a_key_to_finish(webhooks):
    webhooks.incoming()
    root = twiml(webhooks.post("/voice/gather?turn=1", Digits="6", To="+15555550000"))
    record = root.find("Record")
    assert record is not None
    assert (record.get("maxLength"), record.get("playBeep"), record.get("finishOnKey")) == (
        "120",
        "true",
        "#",
    )
    assert record.get("transcribe") == "true"
    assert record.get("recordingStatusCallback", "").startswith("/voice/recording")
    assert root[-1].tag == "Redirect"  # nothing recorded: back to us as silence


def test_silence_at_the_beep_leaves_no_message_and_the_call_goes_on(place_call, db_engine):
    result = place_call(LEAVE, silence(), digits("5"))
    assert "Sorry, I didn't hear anything." in heard(result)
    assert "412 River Road" in heard(result)
    with Session(db_engine) as session:
        assert session.scalar(select(func.count()).select_from(Message)) == 0


def test_a_transcription_that_comes_later_completes_the_same_message(webhooks, db_engine):
    webhooks.incoming()
    webhooks.post("/voice/gather?turn=1", Digits="6", To="+15555550000")
    recording = {"RecordingUrl": RECORDING, "RecordingDuration": "7"}
    twiml(webhooks.post("/voice/recorded?turn=3", To="+15555550000", Digits="#", **recording))
    twiml(webhooks.post("/voice/recorded?turn=3", To="+15555550000", Digits="#", **recording))  # repeated
    done = webhooks.post(
        "/voice/transcription",
        RecordingSid="RE" + "a" * 32,
        TranscriptionText="please call me back",
        TranscriptionStatus="completed",
    )
    assert done.status_code == 204
    with Session(db_engine) as session:
        message = session.scalars(select(Message)).one()
    assert (message.recording_duration_s, message.transcription, message.text) == (
        7,
        "please call me back",
        "please call me back",
    )


def test_recording_webhooks_are_signature_checked(webhooks):
    for path in ("/voice/recorded?turn=3", "/voice/recording", "/voice/transcription"):
        assert webhooks.post(path, signed=False, RecordingUrl=RECORDING).status_code == 403


def test_a_forged_recording_value_is_no_message(webhooks, db_engine):
    webhooks.incoming()
    root = twiml(webhooks.post("/voice/recorded?turn=1", To="+15555550000", RecordingUrl="http://evil/RE1"))
    assert "didn't hear anything" in " ".join(say.text or "" for say in root.iter("Say"))
    with Session(db_engine) as session:
        assert session.scalar(select(func.count()).select_from(Message)) == 0
