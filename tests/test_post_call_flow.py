"""The business side, as a new user tries it: contacts imported with the `ivr` command, a known
caller who leaves a message, and the signed event arriving at the business's receiver through
`ivr deliver` processes, even when the receiver was down and the deliverer restarted."""

from __future__ import annotations

import base64
import functools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ivr import assistant
from ivr.business.delivery import deliver_due
from ivr.cli import main
from ivr.config import Settings
from ivr.devtools.twilio_emulator import speech
from ivr.dialog.engines import build_engine
from ivr.dialog.engines.claude import summariser
from ivr.record.db import make_engine, session_factory
from testkit.standins.webhook_receiver import WebhookReceiver
from testkit.webhooks import AUTH_TOKEN, call_app, heard

SECRET = "whsec_" + base64.b64encode(b"a-clinic-secret-for-post-call-32").decode()
IVR = Path(sys.executable).parent / "ivr"


@pytest.fixture
def receiver():
    with WebhookReceiver(SECRET) as receiver:
        yield receiver


@pytest.fixture
def line(tmp_path, receiver) -> Path:
    """The sample clinic, with its webhook pointed at the receiver."""
    path = tmp_path / "clinic.toml"
    path.write_text(assistant.SAMPLE_PATH.read_text() + f'\n[events]\nwebhooks = ["{receiver.url}"]\n')
    return path


@pytest.fixture
def ivr(db_url, line, tmp_path, monkeypatch):
    """Run the `ivr` command as a user would, configured through the environment only: in this
    process with Click's runner, or in the background as the Procfile's worker runs."""
    env = {
        "DATABASE_URL": db_url,
        "IVR_ASSISTANT": str(line),
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "EVENTS_SIGNING_SECRET": SECRET,
        "ANTHROPIC_API_KEY": "",
    }
    monkeypatch.setenv("IVR_HOME", str(tmp_path))  # no developer's .env

    def run(*args: str, background: bool = False):
        if background:
            return subprocess.Popen(
                [str(IVR), *args],
                cwd=tmp_path,
                env={**os.environ, **env},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
        done = CliRunner().invoke(main, list(args), env=env)
        assert done.exit_code == 0, done.output
        return done.output

    return run


@pytest.fixture
def call(make_app, line):
    return functools.partial(call_app, make_app(assistant_path=str(line)).test_client())


def test_a_known_caller_leaves_a_message_and_the_business_gets_the_signed_event(
    ivr, call, receiver, tmp_path
):
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("phone,name,open_items\n(202) 555-0143,Maria Lopez,Thursday cleaning\n")
    assert "1 contact(s) added" in ivr("contacts", "import", str(contacts))

    result = call(
        speech("I want to leave a message"),
        speech("this is Maria, please move my cleaning"),
        speech("no that's all bye"),
        caller="+12025550143",
    )
    assert result.heard[0].text.startswith("Hi Maria, thanks for calling")
    assert "I've passed your message on" in heard(result)

    assert "1 delivered" in ivr("deliver", "--once")
    (event,) = receiver.events.values()
    assert all(r.verified for r in receiver.received)
    assert event["call"]["contact"]["name"] == "Maria Lopez"
    assert event["messages"][0]["text"] == "this is Maria, please move my cleaning"
    assert event["messages"][0]["callback_number"] == "+12025550143"
    assert event["outcome"]["kind"] == "answered"
    assert [t["role"] for t in event["transcript"][:2]] == ["assistant", "caller"]
    listed = ivr("events")
    assert event["event_id"] in listed
    assert "delivered" in listed


def test_a_receiver_down_during_ten_calls_gets_all_ten_events_after_a_deliverer_restart(ivr, call, receiver):
    receiver.stop()
    sids = [
        call(speech("what are your hours"), speech("bye"), caller=f"+1202555{n:04d}").call_sid
        for n in range(10)
    ]
    assert "0 delivered, 10 failed" in ivr("deliver", "--once")  # the first deliverer, then it stops

    receiver.start()  # back, on the same address
    worker = ivr("deliver", background=True)  # a new deliverer, as the host restarts `worker:`
    try:
        deadline = time.monotonic() + 60  # the first retry is due five seconds after the failure
        while len(receiver.events) < 10 and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
    assert sorted(e["call"]["call_sid"] for e in receiver.events.values()) == sorted(sids)
    accepted = [r.webhook_id for r in receiver.received if r.status < 300 and not r.duplicate]
    assert len(accepted) == len(set(accepted)) == 10


def test_with_claude_configured_the_event_summary_is_written_by_the_model(
    db_url, messages_api, claude_settings, call, receiver
):
    call(speech("I want to leave a message"), speech("please call me about my bill"), caller="+12025550143")
    messages_api.reply_text("A caller left a message asking to be called back about a bill.")
    engine = build_engine(Settings(database_url=db_url, **claude_settings))
    sessions = session_factory(make_engine(db_url))
    deliver_due(sessions, SECRET, summarise=summariser(engine))
    (event,) = receiver.events.values()
    assert (event["summary"], event["summary_by"]) == (
        "A caller left a message asking to be called back about a bill.",
        "claude",
    )
    assert "please call me about my bill" in json.dumps(messages_api.requests[-1].body["messages"])
