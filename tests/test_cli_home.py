"""The command, alembic and the server read one `.env` and one database wherever they are started
from: the nearest .env from the current directory up, else the checkout's (IVR_HOME overrides), with
a relative SQLite path taken from that .env's directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config

from ivr.assistant import SAMPLE_PATH
from ivr.config import PROJECT, ConfigError, Settings, database_url
from testkit.commands import Ivr
from testkit.databases import ROOT, migrate
from testkit.webhooks import AUTH_TOKEN


@pytest.fixture
def line(tmp_path: Path) -> Path:
    """A line's own folder: a .env naming a SQLite file relative to it."""
    folder = tmp_path / "line"
    (folder / "deep" / "down").mkdir(parents=True)
    (folder / ".env").write_text(
        f"DATABASE_URL=sqlite:///data/line.sqlite3\nTWILIO_AUTH_TOKEN={AUTH_TOKEN}\n"
    )
    return folder


@pytest.fixture
def anywhere(monkeypatch: pytest.MonkeyPatch) -> Ivr:
    """The command with nothing of the line in its environment: it finds the line itself."""
    for name in ("IVR_HOME", "DATABASE_URL", "TWILIO_AUTH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    return Ivr({"ANTHROPIC_API_KEY": ""})


def test_from_a_folder_inside_the_line_the_command_reads_its_dotenv_and_database(line, anywhere, monkeypatch):
    migrate(f"sqlite:///{line / 'data' / 'line.sqlite3'}")
    monkeypatch.chdir(line / "deep" / "down")

    result = anywhere("calls")

    assert (result.exit_code, result.output) == (0, "No calls yet.\n")
    assert list((line / "deep" / "down").iterdir()) == []


def test_a_relative_database_path_is_taken_from_the_dotenv_folder_not_the_current_one(
    line, anywhere, monkeypatch
):
    monkeypatch.chdir(line / "deep")

    result = anywhere("calls")

    assert result.output.startswith(f"Error: No database at {line}/data/line.sqlite3:")


def test_outside_any_line_the_command_reads_what_the_server_in_the_checkout_reads(tmp_path, monkeypatch):
    monkeypatch.chdir(PROJECT)  # where make run and the Procfile start gunicorn and alembic
    served = Settings.read({})
    monkeypatch.chdir(tmp_path)

    elsewhere = Settings.read({})

    assert elsewhere.home == served.home
    assert elsewhere.home.directory == PROJECT
    assert elsewhere.settings.database_url == served.settings.database_url
    assert elsewhere.settings.database_url.startswith(f"sqlite:///{PROJECT}/")


def test_ivr_home_names_the_line_wherever_the_command_runs(line, anywhere, tmp_path, monkeypatch):
    migrate(f"sqlite:///{line / 'data' / 'line.sqlite3'}")
    monkeypatch.chdir(tmp_path)

    result = anywhere("calls", IVR_HOME=str(line))

    assert (result.exit_code, result.output) == (0, "No calls yet.\n")


def test_an_ivr_home_that_is_not_a_folder_is_one_line(anywhere, tmp_path):
    result = anywhere("calls", IVR_HOME=str(tmp_path / "nowhere"))

    assert result.exit_code == 1
    assert (
        result.output
        == f"Error: IVR_HOME is {tmp_path}/nowhere, which is not a directory: name the one holding .env\n"
    )


def test_alembic_run_from_elsewhere_migrates_the_database_the_command_reads(
    line, anywhere, tmp_path, monkeypatch
):
    monkeypatch.chdir(line / "deep")  # `alembic -c /path/to/alembic.ini upgrade head` from here
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")
    monkeypatch.chdir(tmp_path)

    result = anywhere("calls", IVR_HOME=str(line))

    assert (line / "data" / "line.sqlite3").is_file()
    assert (result.exit_code, result.output) == (0, "No calls yet.\n")


def test_an_assistant_file_named_in_the_dotenv_is_found_from_anywhere(line, anywhere, tmp_path, monkeypatch):
    (line / "clinic.toml").write_text(SAMPLE_PATH.read_text())
    with (line / ".env").open("a") as dotenv:
        dotenv.write("IVR_ASSISTANT=clinic.toml\n")
    monkeypatch.chdir(tmp_path)

    result = anywhere("check-assistant", IVR_HOME=str(line))

    assert result.exit_code == 0, result.output
    assert str(line / "clinic.toml") in result.output


def test_the_environment_still_wins_over_the_dotenv(line, monkeypatch):
    monkeypatch.chdir(line)

    reading = Settings.read({"DATABASE_URL": "sqlite:////srv/ivr.sqlite3"})

    assert reading.settings.database_url == "sqlite:////srv/ivr.sqlite3"
    assert reading.sources["DATABASE_URL"] == "environment"
    assert reading.sources["TWILIO_AUTH_TOKEN"] == str(line / ".env")


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////srv/ivr.sqlite3",
        "sqlite://",
        "sqlite:///:memory:",
        "postgresql+psycopg://u@db.example.com/ivr",
    ],
)
def test_absolute_in_memory_and_server_urls_are_kept_as_they_are(url):
    assert database_url(url, Path("/somewhere")) == url


def test_a_bad_database_url_still_names_the_variable():
    with pytest.raises(ConfigError, match="DATABASE_URL must be"):
        database_url("mysql://x", Path("/somewhere"))
