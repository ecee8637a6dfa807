"""Several numbers, one deployment: IVR_ASSISTANT names a folder, each file an assistant with its
numbers, and the call's To picks the assistant that answers."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ivr import lines
from ivr.assistant import SAMPLE_PATH, AssistantError
from ivr.devtools.twilio_emulator import digits, speech
from ivr.dialog import wording
from ivr.record.models import Call, Event
from ivr.startup import StartupError, checked_settings, ready_line
from testkit.commands import Ivr
from testkit.standins.twilio_api import TwilioApiStandIn
from testkit.webhooks import ACCOUNT_SID, AUTH_TOKEN, call_app, heard, spoken, twiml

CLINIC, PLUMBER = "+15555550000", "+15555550299"
SAMPLES = SAMPLE_PATH.parent


def folder_of(tmp_path: Path, *names: str, replace: tuple[str, str] | None = None) -> Path:
    folder = tmp_path / "lines"
    folder.mkdir(exist_ok=True)
    for name in names:
        text = (SAMPLES / name).read_text(encoding="utf-8")
        if replace:
            text = text.replace(*replace)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def both(tmp_path: Path) -> Path:
    return folder_of(tmp_path, "riverside-clinic.toml", "harbor-plumbing.toml")


@pytest.fixture
def client(make_app, both):
    # A weekday morning: the plumber's office keeps hours, and transfers to it wait for them.
    return make_app(assistant_path=str(both), clock=datetime(2026, 12, 2, 10, 0)).test_client()


def test_a_call_to_the_second_number_gets_the_second_assistant(client, db_engine):
    result = call_app(client, digits("7"), speech("thanks bye"), to=PLUMBER)
    assert heard(result).startswith("Thanks for calling Harbor Plumbing and Heating.")
    assert "We serve Harbor City" in heard(result)
    with Session(db_engine) as session:
        call = session.scalars(select(Call)).one()
        event = session.scalars(select(Event)).one()
    assert call.assistant == "Harbor Plumbing & Heating"
    assert json.loads(event.payload)["call"]["assistant"] == "Harbor Plumbing & Heating"


def test_a_call_to_the_first_number_gets_the_first_assistant(client, db_engine):
    result = call_app(client, digits("5"), to=CLINIC)
    assert "412 River Road" in heard(result)
    with Session(db_engine) as session:
        assert session.scalars(select(Call.assistant)).one() == "Riverside Family Clinic"


def test_transfers_dial_the_answering_assistants_directory(client):
    result = call_app(client, digits("5"), to=PLUMBER)  # billing: the plumber's office
    assert [dialed.number for dialed in result.transfers] == ["+15555550200"]


def test_a_number_nobody_claims_reaches_the_default(client):
    result = call_app(client, speech("thanks bye"), to="+15555550777")
    assert heard(result).startswith("Thanks for calling Riverside Family Clinic.")


def test_without_a_default_a_number_nobody_claims_hears_a_polite_goodbye(make_app, tmp_path):
    folder = folder_of(
        tmp_path, "riverside-clinic.toml", "harbor-plumbing.toml", replace=("default = true", "")
    )
    from testkit.webhooks import Webhooks

    hook = Webhooks(make_app(assistant_path=str(folder)).test_client())
    root = twiml(hook.post("/voice/incoming", From="+15555550123", To="+15555550777"))
    assert spoken(root) == wording.ENGLISH.NO_ASSISTANT
    assert [verb.tag for verb in root] == ["Say", "Hangup"]
    status = hook.post("/voice/status", From="+15555550123", To="+15555550777", CallStatus="completed")
    assert status.status_code < 500


def test_a_single_file_answers_every_number(make_app):
    client = make_app().test_client()  # the sample alone: its numbers are for a folder
    assert heard(call_app(client, to="+15555550777")).startswith("Thanks for calling Riverside")


def test_overlapping_numbers_stop_start_up_naming_both_files(tmp_path):
    folder = folder_of(tmp_path, "riverside-clinic.toml")
    text = (SAMPLES / "harbor-plumbing.toml").read_text().replace(PLUMBER, CLINIC)
    (folder / "harbor-plumbing.toml").write_text(text)
    with pytest.raises(AssistantError) as refused:
        lines.load(folder)
    problem = str(refused.value)
    assert (
        f"riverside-clinic.toml: numbers: {CLINIC} is also claimed by {folder}/harbor-plumbing.toml"
        in problem
    )
    with pytest.raises(StartupError, match=re.escape(f"{CLINIC} is also claimed by")):
        checked_settings_with(IVR_ASSISTANT=str(folder), IVR_HOME=str(tmp_path))


def checked_settings_with(**env: str):
    import os
    from unittest import mock

    with mock.patch.dict(os.environ, {"TWILIO_AUTH_TOKEN": AUTH_TOKEN, **env}):
        return checked_settings()


def test_two_defaults_and_an_unreachable_file_are_refused(tmp_path):
    folder = folder_of(tmp_path, "riverside-clinic.toml")
    (folder / "trattoria.toml").write_text((SAMPLES / "trattoria.toml").read_text())
    with pytest.raises(AssistantError, match=r"trattoria\.toml: numbers: no call reaches it"):
        lines.load(folder)
    text = (SAMPLES / "trattoria.toml").read_text().replace('goodbye = "', 'default = true\ngoodbye = "')
    (folder / "trattoria.toml").write_text(text)
    with pytest.raises(AssistantError, match=r"trattoria\.toml: default: .* is the default already"):
        lines.load(folder)


def test_a_file_with_a_malformed_number_is_refused_naming_the_field(tmp_path):
    folder = folder_of(tmp_path, "riverside-clinic.toml", replace=(CLINIC, "555-0000"))
    with pytest.raises(AssistantError, match=r"riverside-clinic\.toml: numbers: '555-0000' is not an E\.164"):
        lines.load(folder)


def test_ivr_calls_shows_which_assistant_answered(client, db_url, tmp_path, both):
    call_app(client, speech("thanks bye"), to=PLUMBER)
    listed = Ivr.on(db_url, tmp_path)("calls", "--json")
    assert json.loads(listed.output.splitlines()[0])["assistant"] == "Harbor Plumbing & Heating"
    transcript = Ivr.on(db_url, tmp_path)("transcript", json.loads(listed.output)["call_sid"])
    assert "(Harbor Plumbing & Heating)" in transcript.output.splitlines()[0]


def test_configure_number_points_every_listed_number_at_the_app(both, db_url, tmp_path):
    with TwilioApiStandIn(ACCOUNT_SID, AUTH_TOKEN) as api:
        clinic, plumber = api.add_number(CLINIC), api.add_number(PLUMBER)
        ivr = Ivr.on(db_url, tmp_path, IVR_ASSISTANT=str(both), TWILIO_API_BASE_URL=api.base_url)
        done = ivr("configure-number", "--base-url", "https://ivr.example.com")
        assert done.exit_code == 0, done.output
        for number in (clinic, plumber):
            assert api.number(number["sid"])["voice_url"] == "https://ivr.example.com/voice/incoming"


def test_the_ready_line_names_each_assistant_with_the_numbers_it_answers(both, settings):
    line = ready_line(settings.with_overrides(assistant_path=str(both)), "127.0.0.1", 8000)
    assert line.startswith(
        "ivr is ready: Harbor Plumbing & Heating (+15555550299) and Riverside Family Clinic "
        "(+15555550000, any other number) answer at http://127.0.0.1:8000/voice/incoming"
    )
