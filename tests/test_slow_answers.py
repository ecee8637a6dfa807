"""A slow model never means dead air: a filler, then the answer, whichever request fetches it."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ivr.answering.leases import RENEW_EVERY_S, owner
from ivr.answering.turns import MAX_WAITS
from ivr.devtools.twilio_emulator import speech
from ivr.dialog.wording import ENGLISH
from ivr.record.models import Turn, utcnow
from testkit.webhooks import Webhooks, after_greeting, heard, spoken, twiml
from testkit.workers import FILLERS, claim_as

GAVE_UP = ENGLISH.GAVE_UP
SORRY = ENGLISH.MODEL_TROUBLE


@pytest.fixture
def app(make_app, claude_settings):
    return make_app(**claude_settings | {"model_timeout": 4.0, "reply_budget": 0.5})


def test_a_slow_answer_is_preceded_by_a_filler_and_then_heard(place_call, messages_api, db_engine):
    messages_api.reply_text("We're open until six tonight.", delay=0.8)
    result = place_call(speech("how late are you open"))
    said = [s.text for s in after_greeting(result)]
    answer = said.index("We're open until six tonight.")
    assert said[0] == "One moment, please."
    assert all(filler in FILLERS for filler in said[:answer])  # however long a loaded machine takes
    with Session(db_engine) as session:
        stored = select(func.count()).select_from(Turn).where(Turn.text == "We're open until six tonight.")
        assert session.scalar(stored) == 1


def test_a_model_that_never_answers_gets_an_apology_and_the_call_goes_on(place_call, messages_api, db_engine):
    messages_api.hang()
    result = place_call(speech("what are your hours"), speech("thanks bye"))
    fillers = [s.text for s in result.heard if s.text in FILLERS]
    assert 1 <= len(fillers) <= MAX_WAITS
    assert SORRY in heard(result) or GAVE_UP in heard(result)
    assert result.ended == "hangup"


def test_two_copies_of_one_webhook_at_once_ask_the_model_once(make_app, claude_settings, messages_api):
    app = make_app(**claude_settings)  # the usual budget: no filler, whatever the machine's load
    messages_api.reply_text("We take most insurance plans.", delay=0.3)
    Webhooks(app.test_client()).incoming()
    answers = []

    def post() -> None:
        hooks = Webhooks(app.test_client())
        response = hooks.post("/voice/gather?turn=1", SpeechResult="insurance", Confidence="0.9")
        answers.append(spoken(twiml(response)))

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == ["We take most insurance plans."] * 2
    assert len(messages_api.requests) == 1


def test_a_turn_left_pending_by_a_dead_worker_is_taken_over_and_answered(app, messages_api, db_engine):
    hooks = Webhooks(app.test_client())
    hooks.incoming()
    assert claim_as(db_engine, hooks.call_sid, "where do I park", "gone:1", lease_s=0.0).answer_seq == 2
    messages_api.reply_text("There's free parking behind the building.")
    root = twiml(hooks.post("/voice/reply?turn=2&wait=1"))
    assert spoken(root) == "There's free parking behind the building."
    assert messages_api.requests[0].body["messages"][-1]["content"] == "where do I park"
    with Session(db_engine) as session:
        answer = session.scalars(select(Turn).where(Turn.seq == 2)).one()
        assert answer.state == "done"
        assert answer.owner != "gone:1"


def test_a_turn_whose_owner_is_alive_is_not_taken_over(app, messages_api, db_engine):
    hooks = Webhooks(app.test_client())
    hooks.incoming()
    claim_as(db_engine, hooks.call_sid, "hours", "alive:1", lease_s=60)
    root = twiml(hooks.post("/voice/reply?turn=2&wait=0"))
    assert spoken(root) == "Thanks for waiting, I'm nearly there."
    assert root.find("Redirect").text == "/voice/reply?turn=2&wait=1"
    assert not messages_api.requests


def test_waiting_is_bounded_even_if_the_answer_never_lands(app, db_engine):
    hooks = Webhooks(app.test_client())
    hooks.incoming()
    claim_as(db_engine, hooks.call_sid, "hours", "alive:1", lease_s=60)
    root = twiml(hooks.post(f"/voice/reply?turn=2&wait={MAX_WAITS - 1}"))
    assert spoken(root) == GAVE_UP
    assert root.find("Gather").get("action") == "/voice/gather?turn=3"


def test_a_process_renews_the_leases_of_the_turns_it_is_deciding_and_only_those(app, db_engine):
    hooks = Webhooks(app.test_client())
    hooks.incoming()
    deciding = claim_as(db_engine, hooks.call_sid, "hours", owner(), lease_s=0.5)
    leases = app.extensions["ivr"].answerer.leases

    def deadline() -> datetime:
        with Session(db_engine) as session:
            return session.get_one(Turn, deciding.answer_id).deadline

    with leases.hold(deciding.answer_id):
        threading.Event().wait(RENEW_EVERY_S * 2.5)
        assert deadline() > utcnow()  # the 0.5 s lease would have run out without renewals
    last = deadline()
    threading.Event().wait(RENEW_EVERY_S * 1.5)
    assert deadline() == last
