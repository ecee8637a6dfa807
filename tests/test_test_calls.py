"""Test calls stay tests: `ivr test-calls` in process never touches the line's database, and calls
placed against a running line are marked as tests (only with a valid signature), send the business
no event, and are purged after a day."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ivr.assistant import SAMPLE_PATH, load
from ivr.cli import main
from ivr.devtools.scenarios import IN_PROCESS_URL, load_scenarios, run_all, suite_for
from ivr.devtools.twilio_emulator import FlaskTransport, digits
from ivr.record.models import Call, Event, utcnow
from testkit.webhooks import AUTH_TOKEN, Webhooks, call_app

SUITE = suite_for(SAMPLE_PATH)


@pytest.fixture
def clinic_with_events(tmp_path: Path) -> Path:
    """The sample clinic, telling a business webhook about every call."""
    path = tmp_path / "clinic.toml"
    path.write_text(SAMPLE_PATH.read_text() + '\n[events]\nwebhooks = ["http://127.0.0.1:9/"]\n')
    return path


@pytest.fixture
def app(make_app, clinic_with_events: Path):
    return make_app(assistant_path=str(clinic_with_events))


def run_against_the_line(client, count: int | None = None):
    """Scenarios of the sample suite placed at the app as `ivr test-calls --url` places them."""
    found = load_scenarios(SUITE)[:count]
    return run_all(found, FlaskTransport(client), IN_PROCESS_URL, AUTH_TOKEN, load(SAMPLE_PATH))


def counts(db_engine) -> tuple[int, int, int]:
    """Real calls, test calls, and events in the line's database."""
    with Session(db_engine) as session:
        real = session.scalar(select(func.count()).where(~Call.test))
        tests = session.scalar(select(func.count()).where(Call.test))
        events = session.scalar(select(func.count()).select_from(Event))
    return real or 0, tests or 0, events or 0


def test_scenarios_run_in_process_leave_the_line_untouched(
    db_url, db_engine, clinic_with_events, monkeypatch
):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("IVR_ASSISTANT", str(clinic_with_events))
    monkeypatch.delenv("TWILIO_AUTH_TOKEN", raising=False)  # in process, no real token is needed
    result = CliRunner().invoke(main, ["test-calls", str(SUITE)])
    assert result.exit_code == 0, result.output
    assert "13 passed, 0 failed" in result.output
    assert result.output.startswith("scenario"), "the table comes first, with no log lines above it"
    assert counts(db_engine) == (0, 0, 0)


def test_scenarios_against_a_running_line_are_test_calls_with_no_events(client, db_engine):
    results = run_against_the_line(client)
    assert all(r.passed for r in results)
    assert counts(db_engine) == (0, len(results), 0)


def test_a_real_call_on_the_same_line_still_sends_its_event(client, db_engine):
    call_app(client, digits("4"))
    assert counts(db_engine) == (1, 0, 1)


def test_only_a_signed_url_can_mark_a_call_as_a_test(client, db_engine):
    webhooks = Webhooks(client)
    signed_without_the_mark = webhooks.post("/voice/incoming", From="+15555550123")
    assert signed_without_the_mark.status_code == 200
    forged = client.post(
        "/voice/incoming?test=1",
        data={"CallSid": "CA" + "2" * 32, "From": "+15555550124"},
        headers={"X-Twilio-Signature": signed_without_the_mark.request.headers["X-Twilio-Signature"]},
    )
    assert forged.status_code == 403
    assert counts(db_engine) == (1, 0, 0)


def test_with_signatures_off_nobody_can_mark_a_test_call(make_app, clinic_with_events, db_engine):
    client = make_app(assistant_path=str(clinic_with_events), validate_signatures=False).test_client()
    client.post("/voice/incoming?test=1", data={"CallSid": "CA" + "3" * 32, "From": "+15555550125"})
    assert counts(db_engine) == (1, 0, 0)


def test_test_calls_are_purged_after_a_day_and_real_calls_are_kept(client, db_engine):
    call_app(client, digits("4"), caller="+15555550131")
    [first] = run_against_the_line(client, 1)
    with Session(db_engine) as session:
        session.execute(update(Call).values(started_at=utcnow() - timedelta(days=1, minutes=1)))
        session.commit()
    run_against_the_line(client, 1)
    with Session(db_engine) as session:
        sids = set(session.scalars(select(Call.call_sid).where(Call.test)))
    assert first.call.call_sid not in sids
    assert len(sids) == 1
    assert counts(db_engine)[0] == 1


def test_a_missing_scenarios_folder_is_one_line_that_says_what_to_make(tmp_path, monkeypatch):
    lone = tmp_path / "my-clinic.toml"
    lone.write_text(SAMPLE_PATH.read_text())
    monkeypatch.setenv("IVR_ASSISTANT", str(lone))
    result = CliRunner().invoke(main, ["test-calls"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: No scenarios at {tmp_path / 'my-clinic.scenarios'}: make that folder (copy one from "
        "ivr/assistants/riverside-clinic.scenarios to start), or name a folder: ivr test-calls FOLDER"
    )
