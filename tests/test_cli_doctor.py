"""`ivr doctor`: the set-up as the server would see it, every setting with where it came from and no
secret printed, the API key proved with one request to Anthropic's API (a stand-in on loopback), and
each problem one line that says what to do, with exit status 1."""

from __future__ import annotations

import base64

import pytest

from ivr.assistant import SAMPLE_PATH
from testkit.commands import Ivr
from testkit.webhooks import AUTH_TOKEN

API_KEY = "sk-ant-api03-" + "k" * 27  # 40 characters
SIGNING_SECRET = "whsec_" + base64.b64encode(b"a-clinic-secret-for-the-doctor-32").decode()


@pytest.fixture
def home(tmp_path):
    """The line's folder, its .env holding the auth token as make run writes it."""
    (tmp_path / ".env").write_text(f"TWILIO_AUTH_TOKEN={AUTH_TOKEN}\n")
    return tmp_path


@pytest.fixture
def ivr(db_url, home) -> Ivr:
    return Ivr.on(db_url, home, TWILIO_AUTH_TOKEN=None)  # the .env's


def problems(output: str) -> list[str]:
    return output.split("problem(s):\n", 1)[1].splitlines() if "problem(s):" in output else []


def setting(output: str, name: str) -> list[str]:
    return next(
        line.split(None, 1)[1].rsplit(None, 1) for line in output.splitlines() if line.split()[:1] == [name]
    )


def test_a_menu_line_that_works_has_no_problems(ivr, home):
    result = ivr("doctor")

    assert result.exit_code == 0, result.output
    assert "Engine    the menu engine, with the semantic tier (no ANTHROPIC_API_KEY)" in result.output
    assert f"Settings  from {home / '.env'}" in result.output
    assert "reachable, at migration" in result.output
    assert "(the newest)" in result.output
    assert "Riverside Family Clinic, 6 menu option(s)" in result.output
    assert "gthread with" in result.output
    assert result.output.rstrip().endswith("No problems found.")


def test_every_setting_says_where_it_came_from_and_no_secret_is_printed(ivr, messages_api):
    result = ivr("doctor", ANTHROPIC_API_KEY=API_KEY, ANTHROPIC_BASE_URL=messages_api.url)

    assert setting(result.output, "TWILIO_AUTH_TOKEN") == ["set (32 chars)", ".env"]
    assert setting(result.output, "ANTHROPIC_API_KEY") == ["sk-a…(40 chars)", "environment"]
    assert setting(result.output, "REPLY_BUDGET") == ["4.0", "default"]
    assert AUTH_TOKEN not in result.output
    assert API_KEY not in result.output


def test_a_database_password_is_never_printed(ivr):
    result = ivr("doctor", DATABASE_URL="postgres://clinic:s3cret-pw@127.0.0.1:1/ivr")

    assert setting(result.output, "DATABASE_URL") == ["postgres://clinic:***@127.0.0.1:1/ivr", "environment"]
    assert "s3cret" not in result.output
    assert result.exit_code == 1
    assert problems(result.output)[0].startswith(
        "  - Cannot reach the database at postgresql://clinic@127.0.0.1:1/ivr"
    )


def test_a_working_api_key_is_proved_with_one_small_request(ivr, messages_api):
    result = ivr("doctor", ANTHROPIC_API_KEY=API_KEY, ANTHROPIC_BASE_URL=messages_api.url)

    assert result.exit_code == 0, result.output
    assert f"Engine    Claude, claude-haiku-4-5 via {messages_api.url}: the key works" in result.output
    (request,) = messages_api.requests
    assert (request.path, request.body["max_tokens"]) == ("/v1/messages", 1)
    assert (
        request.headers.get("x-api-key") == API_KEY or request.headers["authorization"] == f"Bearer {API_KEY}"
    )


def test_a_refused_api_key_is_one_line_that_says_what_to_do(ivr, messages_api):
    messages_api.fail(401, message="invalid x-api-key")

    result = ivr("doctor", ANTHROPIC_API_KEY=API_KEY, ANTHROPIC_BASE_URL=messages_api.url)

    assert result.exit_code == 1
    assert problems(result.output) == [
        "  - ANTHROPIC_API_KEY: the key was refused (401, invalid x-api-key): set a key from the Anthropic "
        "console, or unset it to use the menu engine"
    ]
    assert "Traceback" not in result.output


def test_an_unknown_model_name_is_named(ivr, messages_api):
    messages_api.fail(404, message="model: claude-nonesuch")

    result = ivr(
        "doctor",
        ANTHROPIC_API_KEY=API_KEY,
        ANTHROPIC_BASE_URL=messages_api.url,
        ANTHROPIC_MODEL="claude-nonesuch",
    )

    assert result.exit_code == 1
    assert problems(result.output)[0].startswith(
        "  - ANTHROPIC_MODEL: the API does not know claude-nonesuch (404"
    )


def test_a_busy_api_is_a_note_not_a_problem(ivr, messages_api):
    messages_api.fail(529)

    result = ivr("doctor", ANTHROPIC_API_KEY=API_KEY, ANTHROPIC_BASE_URL=messages_api.url)

    assert result.exit_code == 0, result.output
    assert "note: the Anthropic API is busy (529" in result.output


def test_a_broken_line_lists_each_problem_once_in_one_line(tmp_path):
    (tmp_path / ".env").write_text("DATABASE_URL=sqlite:///instance/ivr.sqlite3\n")

    result = Ivr.on("", tmp_path, DATABASE_URL=None, TWILIO_AUTH_TOKEN=None)("doctor")

    assert result.exit_code == 1
    assert problems(result.output) == [
        "  - TWILIO_AUTH_TOKEN is not set, and request validation is on: set it to your Twilio account's "
        "auth token (or, for local experiments only, TWILIO_VALIDATE_SIGNATURES=false)",
        f"  - No database at {tmp_path}/instance/ivr.sqlite3: start the line once with make run, or run "
        "alembic upgrade head",
    ]
    assert "would refuse to start" in result.output
    assert not (tmp_path / "instance").exists()


def test_webhooks_without_a_signing_secret_are_a_problem(ivr, home, tmp_path):
    clinic = tmp_path / "clinic.toml"
    clinic.write_text(
        SAMPLE_PATH.read_text() + '\n[events]\nwebhooks = ["https://clinic.example.com/hooks"]\n'
    )

    without = ivr("doctor", IVR_ASSISTANT=str(clinic))
    signed = ivr("doctor", IVR_ASSISTANT=str(clinic), EVENTS_SIGNING_SECRET=SIGNING_SECRET)

    assert "Events    to https://clinic.example.com/hooks; EVENTS_SIGNING_SECRET not set" in without.output
    assert problems(without.output)[0].startswith(
        "  - EVENTS_SIGNING_SECRET is not set, and the assistant file"
    )
    assert signed.exit_code == 0, signed.output
    assert setting(signed.output, "EVENTS_SIGNING_SECRET")[0] == f"whse…({len(SIGNING_SECRET)} chars)"


def test_a_broken_assistant_file_is_named_with_what_is_wrong(ivr, tmp_path):
    clinic = tmp_path / "clinic.toml"
    clinic.write_text('name = "Clinic"\n')

    result = ivr("doctor", IVR_ASSISTANT=str(clinic))

    assert result.exit_code == 1
    assert problems(result.output)[0].startswith(f"  - {clinic}: ")


def test_gunicorn_takes_its_port_from_the_same_dotenv(ivr, home):
    with (home / ".env").open("a") as dotenv:
        dotenv.write("PORT=9000\nHOST=127.0.0.1\n")

    result = ivr("doctor", PORT=None, HOST=None)

    assert result.exit_code == 0, result.output
    assert "gunicorn  bind 127.0.0.1:9000, " in result.output


def test_each_assistant_of_a_folder_is_shown_with_what_it_offers_and_what_it_needs(db_url, home):
    folder = home / "lines"
    folder.mkdir()
    for name in ("riverside-clinic.toml", "harbor-plumbing.toml"):
        (folder / name).write_text((SAMPLE_PATH.parent / name).read_text(encoding="utf-8"), encoding="utf-8")
    clock = {"IVR_CLOCK": "2026-12-02T23:00:00", "TWILIO_ACCOUNT_SID": None}
    ivr = Ivr.on(db_url, home, TWILIO_AUTH_TOKEN=None, IVR_ASSISTANT=str(folder), **clock)

    result = ivr("doctor")

    assert result.exit_code == 0, result.output
    assert "Harbor Plumbing & Heating for +15555550299, 7 menu option(s)" in result.output
    assert "opening hours in America/New_York: closed now, opens tomorrow at 7 AM" in result.output
    assert "Riverside Family Clinic for +15555550000, 6 menu option(s)" in result.output
    assert "also in Spanish (es-US, key 9)" in result.output
    assert "texts the caller (hours and location) from the number called" in result.output
    assert "note: Riverside Family Clinic texts callers, but TWILIO_ACCOUNT_SID is not set" in result.output
