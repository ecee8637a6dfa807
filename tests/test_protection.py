"""Personal data and abuse: what is masked, limited, purged, refused, and never logged."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ivr.devtools.twilio_emulator import speech
from ivr.record import calls
from ivr.record.models import Call, Turn, utcnow
from testkit.webhooks import AUTH_TOKEN, Webhooks, spoken, twiml

ROOT = Path(__file__).resolve().parent.parent


def caller_texts(engine) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(select(Turn.text).where(Turn.role == "caller")))


def test_a_card_number_said_aloud_is_masked_before_it_is_stored(place_call, db_engine):
    place_call(speech("can I pay with my card it's 4111 1111 1111 1111"), speech("bye"))
    assert caller_texts(db_engine)[0] == "can I pay with my card it's [card number]"


def test_a_social_security_number_is_masked(place_call, db_engine):
    place_call(speech("my social is 123-45-6789"), speech("bye"))
    assert "123-45-6789" not in " ".join(caller_texts(db_engine))


def test_the_model_never_sees_a_masked_number(make_app, claude_settings, messages_api):
    hooks = Webhooks(make_app(**claude_settings).test_client())
    hooks.incoming()
    hooks.post("/voice/gather?turn=1", SpeechResult="card 4111 1111 1111 1111 please", Confidence="0.9")
    assert messages_api.requests[0].body["messages"][-1]["content"] == "card [card number] please"


def test_masking_can_be_turned_off(make_app, db_engine):
    hooks = Webhooks(make_app(redact_transcripts=False).test_client())
    hooks.incoming()
    hooks.post("/voice/gather?turn=1", SpeechResult="it's 4111 1111 1111 1111", Confidence="0.9")
    assert caller_texts(db_engine) == ["it's 4111 1111 1111 1111"]


def test_a_number_calling_again_and_again_is_turned_away_politely(client):
    answers = []
    for n in range(8):
        hooks = Webhooks(client, call_sid=f"CA{n:032d}")
        answers.append(twiml(hooks.incoming()))
    assert [a.find("Gather") is not None for a in answers] == [True] * 6 + [False] * 2
    assert "a lot of calls from your number" in spoken(answers[-1])
    assert answers[-1].find("Hangup") is not None


def test_a_repeated_webhook_of_an_allowed_call_is_not_counted_against_it(client):
    for n in range(5):
        Webhooks(client, call_sid=f"CA{n:032d}").incoming()
    sixth = Webhooks(client, call_sid="CA" + "6" * 32)
    assert twiml(sixth.incoming()).find("Gather") is not None
    assert twiml(sixth.incoming()).find("Gather") is not None


def test_withheld_numbers_are_not_limited_as_one_caller(client):
    for n in range(10):
        hooks = Webhooks(client, call_sid=f"CA{n:032d}")
        response = hooks.post("/voice/incoming", From="anonymous", To="+15555550000", CallStatus="ringing")
        assert twiml(response).find("Gather") is not None


def test_purge_deletes_old_calls_and_their_transcripts_and_keeps_recent_ones(place_call, db_engine):
    old, recent = place_call(speech("hours")), place_call(speech("hours"), caller="+15555550999")
    with Session(db_engine) as session:
        session.execute(
            update(Call).where(Call.call_sid == old.call_sid).values(started_at=utcnow() - timedelta(days=31))
        )
        session.commit()
        assert calls.purge(session, timedelta(days=30), dry_run=True) == 1
        assert calls.purge(session, timedelta(days=30)) == 1
        left = session.scalars(select(Call.call_sid)).all()
        turns = session.scalars(select(Turn.call_id).distinct()).all()
    assert left == [recent.call_sid]
    assert len(turns) == 1


def test_secrets_never_reach_the_logs(make_app, claude_settings, messages_api, caplog):
    caplog.set_level(logging.DEBUG)
    messages_api.fail(401)
    app = make_app(**claude_settings)
    hooks = Webhooks(app.test_client())
    hooks.incoming()
    hooks.post("/voice/gather?turn=1", SpeechResult="hello", Confidence="0.9")
    broken = Webhooks(make_app(database_url="postgresql+psycopg://u:pw@127.0.0.1:1/x").test_client())
    assert "something went wrong" in spoken(twiml(broken.post("/voice/gather?turn=1", Digits="1")))
    assert caplog.records
    assert AUTH_TOKEN not in caplog.text
    assert claude_settings["anthropic_api_key"] not in caplog.text


@pytest.mark.deploy
def test_gunicorn_refuses_to_start_with_the_debugger_on():
    env = {**os.environ, "FLASK_DEBUG": "1", "TWILIO_AUTH_TOKEN": AUTH_TOKEN}
    gunicorn = Path(sys.executable).parent / "gunicorn"
    result = subprocess.run(
        [str(gunicorn), "--check-config", "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "FLASK_DEBUG is on under gunicorn" in result.stderr + result.stdout


@pytest.mark.deploy
@pytest.mark.parametrize("env", [{"TWILIO_AUTH_TOKEN": ""}, {"TWILIO_AUTH_TOKEN": "", "FLASK_DEBUG": "0"}])
def test_gunicorn_refuses_to_start_without_an_auth_token(env, tmp_path):
    gunicorn = Path(sys.executable).parent / "gunicorn"
    result = subprocess.run(
        [str(gunicorn), "--check-config", "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "TWILIO_AUTH_TOKEN is not set" in result.stderr + result.stdout
