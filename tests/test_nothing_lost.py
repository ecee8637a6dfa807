"""Nothing lost, nothing unlimited: whatever a webhook carries, every turn is stored and every call
ends, within the limits the line promises (issue: an outside probe's findings, each reproduced)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ivr.dialog.notes import Note
from ivr.record.models import Call, Turn
from testkit.checks import record_attack
from testkit.webhooks import Webhooks, twiml


def the_call(engine, call_sid: str) -> Call:
    with Session(engine) as session:
        return session.scalars(select(Call).where(Call.call_sid == call_sid)).one()


def stored_turns(engine, call_sid: str) -> list[Turn]:
    with Session(engine) as session:
        query = select(Turn).join(Call).where(Call.call_sid == call_sid).order_by(Turn.seq)
        return list(session.scalars(query))


def next_turn(response) -> str:
    """The action URL Twilio would post the caller's next input to."""
    root = twiml(response)
    urls = [element.get("action") for element in root.iter() if element.get("action")]
    urls += [element.text for element in root.iter("Redirect")]
    return urls[0]


def test_a_caller_alternating_the_operator_and_a_busy_line_is_ended_at_the_turn_limit(
    webhooks, db_engine, record_property
):
    record_attack(record_property, "operator and busy line alternated 60 times", 60, "survived")
    webhooks.incoming()
    path = "/voice/gather?turn=1"
    for n in range(60):
        response = (
            webhooks.post(path, Digits="0") if n % 2 == 0 else webhooks.post(path, DialCallStatus="busy")
        )
        root = twiml(response)
        if root.find("Hangup") is not None:
            break
        path = next_turn(response)
    else:
        pytest.fail("the call never ended")
    caller_turns = [t for t in stored_turns(db_engine, webhooks.call_sid) if t.role == "caller"]
    assert len(caller_turns) <= 20 + 2  # max_turns, then one hand-over to a person, then goodbye
    assert stored_turns(db_engine, webhooks.call_sid)[-1].note == Note.MAX_TURNS


def test_a_later_status_never_moves_the_calls_duration_or_end(webhooks, db_engine, record_property):
    record_attack(record_property, "later and repeated final statuses", 3, "survived")
    webhooks.incoming()
    assert webhooks.post("/voice/status", CallStatus="completed", CallDuration="73").status_code == 204
    ended_at = the_call(db_engine, webhooks.call_sid).ended_at
    webhooks.post("/voice/status", CallStatus="canceled", CallDuration="0")
    webhooks.post("/voice/status", CallStatus="completed", CallDuration="99")
    call = the_call(db_engine, webhooks.call_sid)
    assert (call.status, call.duration_s, call.ended_at) == ("completed", 73, ended_at)


def test_a_nul_character_in_speech_is_dropped_and_the_turn_stored(webhooks, db_engine, record_property):
    record_attack(record_property, "NUL in SpeechResult", 1, "survived")
    webhooks.incoming()
    response = webhooks.post("/voice/gather?turn=1", SpeechResult="pharmacy\x00", Confidence="0.9")
    assert twiml(response).find("Dial") is not None  # connected to the pharmacy, not the fallback
    caller = [t for t in stored_turns(db_engine, webhooks.call_sid) if t.role == "caller"]
    assert [t.text for t in caller] == ["pharmacy"]


def test_a_nul_character_in_the_callers_number_still_records_the_call(client, db_engine, record_property):
    record_attack(record_property, "NUL in From", 1, "survived")
    hooks = Webhooks(client, call_sid="CA" + "7" * 32)
    response = hooks.post("/voice/incoming", From="+1555\x005550123", To="+15555550000", CallStatus="ringing")
    assert twiml(response).find("Gather") is not None
    assert the_call(db_engine, hooks.call_sid).from_number == "+15555550123"


def test_a_status_with_a_nul_character_is_recorded(webhooks, db_engine, record_property):
    record_attack(record_property, "NUL in CallStatus", 1, "survived")
    webhooks.incoming()
    webhooks.post("/voice/status", CallStatus="completed\x00", CallDuration="12")
    call = the_call(db_engine, webhooks.call_sid)
    assert (call.status, call.duration_s) == ("completed", 12)


def test_a_duration_too_big_for_its_column_still_ends_the_call(webhooks, db_engine, record_property):
    record_attack(record_property, "CallDuration past 2^31", 1, "survived")
    webhooks.incoming()
    assert (
        webhooks.post("/voice/status", CallStatus="completed", CallDuration="2147483648").status_code == 204
    )
    call = the_call(db_engine, webhooks.call_sid)
    assert call.status == "completed"
    assert call.ended_at is not None
    assert call.duration_s is None


def test_a_turn_number_too_big_for_its_column_is_a_bad_request_not_a_fallback(webhooks, record_property):
    record_attack(record_property, "turn past 2^31", 1, "survived")
    webhooks.incoming()
    assert webhooks.post("/voice/reply?turn=2147483648").status_code == 400


def test_simultaneous_calls_from_one_number_cannot_slip_under_the_per_caller_limit(
    app, db_engine, record_property
):
    record_attack(record_property, "20 simultaneous calls from one number", 20, "survived")

    def ring(n: int) -> bool:
        hooks = Webhooks(app.test_client(), call_sid=f"CA{n:032d}")
        return twiml(hooks.incoming()).find("Gather") is not None

    with ThreadPoolExecutor(max_workers=20) as pool:
        greeted = sum(pool.map(ring, range(20)))
    assert greeted == 6  # CALLS_PER_CALLER_PER_MINUTE's default
    with Session(db_engine) as session:
        assert session.scalar(select(func.count()).select_from(Call)) == 6


def test_a_model_answer_with_a_nul_character_is_stored_done_and_heard(
    make_app, claude_settings, messages_api, db_engine, record_property
):
    record_attack(record_property, "model answer containing NUL", 1, "survived")
    messages_api.reply_text("We open at eight.\x00 Anything else?")
    hooks = Webhooks(make_app(**claude_settings).test_client())
    hooks.incoming()
    answer = twiml(hooks.post("/voice/gather?turn=1", SpeechResult="when do you open", Confidence="0.9"))
    assert "We open at eight." in " ".join(say.text or "" for say in answer.iter("Say"))
    turns = stored_turns(db_engine, hooks.call_sid)
    assert [t.state for t in turns] == ["done"] * len(turns)
    assert "\x00" not in turns[-1].text
