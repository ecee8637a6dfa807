"""Whole calls on the menu engine, placed through the HTTP routes the way Twilio places them."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ivr.devtools.twilio_emulator import digits, silence, speech
from ivr.record.models import Call
from testkit.webhooks import heard


def stored_call(engine, call_sid: str) -> Call:
    with Session(engine) as session:
        call = session.scalars(select(Call).where(Call.call_sid == call_sid)).one()
        _ = call.turns
        return call


def test_caller_who_presses_two_is_connected_to_the_pharmacy(place_call, db_engine):
    result = place_call(digits("2"))
    assert [t.number for t in result.transfers] == ["+15555550101"]
    assert result.transfers[0].outcome == "completed"
    call = stored_call(db_engine, result.call_sid)
    assert call.outcome == "transferred:pharmacy"
    assert call.status == "completed"


def test_caller_who_asks_in_a_sentence_is_routed_by_speech(place_call):
    result = place_call(speech("hi yeah um I need to get my blood pressure pills refilled"))
    assert [t.number for t in result.transfers] == ["+15555550101"]


def test_caller_asking_for_hours_hears_them_and_can_go_on(place_call):
    result = place_call(speech("what time are you open on saturday"), speech("no that's all thanks bye"))
    assert "9 AM to 1 PM" in heard(result)
    assert "Take care, goodbye" in heard(result)
    assert result.ended == "hangup"


@pytest.mark.parametrize("done", ["brilliant, cheers mate", "perfect, thanks", "okay, have a good one"])
def test_caller_pleased_with_the_answer_is_let_go(place_call, done):
    result = place_call(speech("what time are you open on saturday"), speech(done))
    assert "Take care, goodbye" in heard(result)
    assert result.ended == "hangup"


def test_caller_who_says_what_they_are_really_calling_about_is_put_through_for_it(place_call):
    said = "my bill and your opening hours, though what I'm really calling about is a refill"
    result = place_call(speech(said))
    assert [t.number for t in result.transfers] == ["+15555550101"]


def test_off_menu_speech_re_offers_the_choices_rather_than_guessing(place_call):
    result = place_call(speech("do you sell dog food"), digits("5"), speech("that's everything goodbye"))
    assert "say pharmacy or press 2" in heard(result)
    assert not result.transfers


def test_silent_caller_is_reprompted_twice_then_hung_up(place_call, db_engine):
    result = place_call()  # says nothing at all
    assert heard(result).count("Are you still there?") == 2
    assert result.ended == "hangup"
    assert stored_call(db_engine, result.call_sid).outcome == "no-input-hangup"


def test_mumbled_speech_is_asked_again_and_then_understood(place_call):
    result = place_call(speech("pharmacy", confidence=0.2), speech("pharmacy please"))
    assert "Could you say that again?" in heard(result)
    assert [t.number for t in result.transfers] == ["+15555550101"]


def test_caller_who_presses_zero_reaches_the_operator(place_call):
    result = place_call(digits("0"))
    assert [t.number for t in result.transfers] == ["+15555550100"]


def test_caller_who_says_operator_mid_call_reaches_the_operator(place_call):
    result = place_call(digits("5"), speech("operator"))
    assert [t.number for t in result.transfers] == ["+15555550100"]


def test_busy_transfer_is_explained_and_the_conversation_goes_on(place_call, db_engine):
    result = place_call(digits("3"), digits("2"), dial=("busy", "completed"))
    assert [(t.number, t.outcome) for t in result.transfers] == [
        ("+15555550102", "busy"),
        ("+15555550101", "completed"),
    ]
    assert "billing is busy right now" in heard(result)
    assert stored_call(db_engine, result.call_sid).outcome == "transferred:pharmacy"


def test_unanswered_transfer_is_explained(place_call):
    result = place_call(digits("4"), speech("no thanks goodbye"), dial=("no-answer",))
    assert "nurse line isn't answering" in heard(result)
    assert result.ended == "hangup"


def test_a_long_call_is_handed_to_a_person_at_the_turn_limit(place_call):
    result = place_call(*[digits("5")] * 25)
    assert "We've been talking for a while" in heard(result)
    assert [t.number for t in result.transfers] == ["+15555550100"]


def test_the_whole_conversation_is_stored_in_order(place_call, db_engine):
    result = place_call(speech("what are your hours"), silence(), digits("1"))
    turns = stored_call(db_engine, result.call_sid).turns
    assert [t.seq for t in turns] == list(range(9))
    assert [t.role for t in turns] == ["assistant", "caller"] * 4 + ["assistant"]
    assert [t.input_kind for t in turns if t.role == "caller"] == ["speech", "silence", "digits", "dial"]
    assert turns[6].target == "front desk"
    assert (turns[7].text, turns[8].action) == ("completed", "hangup")


def test_a_caller_can_leave_a_message_for_a_call_back(place_call, db_engine):
    from ivr.record.models import Message

    result = place_call(
        speech("I'd like to leave a message"), speech("this is Dana, please call me about my forms")
    )
    assert "please say your name and your message" in heard(result)
    assert "I've passed your message on" in heard(result)
    with Session(db_engine) as session:
        message = session.scalars(select(Message)).one()
        assert (message.text, message.callback_number) == (
            "this is Dana, please call me about my forms",
            "+15555550123",
        )
