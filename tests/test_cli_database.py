"""A command that reads the database and finds it missing, unmigrated, behind the code or out of
reach says so in one line with what to do, and never creates an empty database instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from testkit.commands import Ivr
from testkit.databases import ROOT

READING_COMMANDS = [["calls"], ["messages"], ["transcript", "CA12"], ["events"], ["contacts", "list"]]


def alembic_config(url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes.update(database_url=url, configure_logger=False)
    return config


def existing(url: str) -> str:
    """The URL, with its SQLite file made (empty) if it names one."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).touch()
    return url


@pytest.mark.parametrize("args", READING_COMMANDS, ids=" ".join)
def test_with_no_database_file_a_command_says_how_to_make_one_and_creates_nothing(tmp_path, args):
    ivr = Ivr.on("sqlite:///instance/ivr.sqlite3", tmp_path)

    result = ivr(*args)

    assert result.exit_code == 1
    assert result.output == (
        f"Error: No database at {tmp_path}/instance/ivr.sqlite3: start the line once with make run, "
        "or run alembic upgrade head\n"
    )
    assert list(tmp_path.iterdir()) == [], "nothing was created"


def test_a_database_with_no_tables_says_to_migrate_it(empty_database, tmp_path):
    result = Ivr.on(existing(empty_database), tmp_path)("calls")

    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 1
    assert result.output.rstrip().endswith("is not migrated: run `alembic upgrade head`")


def test_a_database_behind_the_code_says_to_migrate_it(empty_database, tmp_path):
    script = ScriptDirectory.from_config(alembic_config(empty_database))
    newest = script.get_current_head()
    previous = script.get_revision(newest).down_revision
    command.upgrade(alembic_config(existing(empty_database)), str(previous))

    result = Ivr.on(empty_database, tmp_path)("messages")

    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 1
    assert f"is behind (migration {previous}, newest {newest}): run `alembic upgrade head`" in result.output


def test_once_migrated_the_same_command_works(empty_database, tmp_path):
    command.upgrade(alembic_config(existing(empty_database)), "head")

    result = Ivr.on(empty_database, tmp_path)("calls")

    assert (result.exit_code, result.output) == (0, "No calls yet.\n")


def test_an_unreachable_postgresql_names_the_server_and_never_the_password(tmp_path):
    ivr = Ivr.on("postgres://clinic:s3cret-pw@127.0.0.1:1/ivr", tmp_path)

    result = ivr("calls")

    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 1
    assert result.output.startswith(
        "Error: Cannot reach the database at postgresql://clinic@127.0.0.1:1/ivr: "
    )
    assert "s3cret" not in result.output


def test_the_event_worker_with_no_database_says_so_and_creates_nothing(tmp_path):
    secret = "whsec_" + "A" * 44
    result = Ivr.on("sqlite:///instance/ivr.sqlite3", tmp_path)(
        "deliver", "--once", EVENTS_SIGNING_SECRET=secret
    )

    assert result.exit_code == 1
    assert result.output.startswith(f"Error: No database at {tmp_path}/instance/ivr.sqlite3")
    assert list(tmp_path.iterdir()) == []
