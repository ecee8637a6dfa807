"""Starting the line: what is wrong is said in one line that says what to do, with no traceback,
before any worker boots; a line that starts says where it answers, with which engine, and what to
run next."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest

from ivr.startup import ready_line
from testkit import hosting
from testkit.webhooks import AUTH_TOKEN

pytestmark = pytest.mark.deploy

start_web = hosting.start_web


def start(tmp_path, **variables: str) -> subprocess.CompletedProcess[str]:
    """The Procfile's web command on a migrated database, expected to stop at once."""
    database = f"sqlite:///{tmp_path / 'line.sqlite3'}"
    hosting.release(database)
    env = hosting.environment(
        {
            **hosting.APP_ENVIRONMENT,
            "PORT": str(hosting.free_port()),
            "DATABASE_URL": database,
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            **variables,
        }
    )
    argv = hosting.in_venv(hosting.procfile()["web"])
    return subprocess.run(argv, cwd=hosting.ROOT, env=env, capture_output=True, text=True, timeout=30)


def ivr_lines(done: subprocess.CompletedProcess[str]) -> list[str]:
    """What the process printed that is not gunicorn's own start-up chatter."""
    return [line for line in (done.stdout + done.stderr).splitlines() if "[INFO]" not in line]


@pytest.fixture
def broken_assistant(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('name = "Broken"\ngreeting = 42\n')
    return str(path)


@pytest.mark.parametrize(
    ("variables", "says"),
    [
        ({"TWILIO_AUTH_TOKEN": ""}, "ivr: Bad setting: TWILIO_AUTH_TOKEN is not set"),
        ({"MODEL_TIMEOUT": "soon"}, "ivr: Bad setting: MODEL_TIMEOUT must be a number from 0.5 to 12.0"),
        ({"DATABASE_URL": "mysql://db/ivr"}, "ivr: Bad setting: DATABASE_URL must be a sqlite:///"),
        ({"IVR_ASSISTANT": "/nowhere/line.toml"}, "ivr: Bad assistant file: "),
    ],
    ids=["no token", "bad number", "bad database URL", "missing assistant"],
)
def test_a_bad_setting_stops_start_up_in_one_line(tmp_path, variables, says):
    done = start(tmp_path, **variables)
    assert done.returncode == 1
    [line] = ivr_lines(done)
    assert line.startswith(says)


def test_a_database_never_migrated_stops_start_up_saying_how_to_migrate(tmp_path):
    unmigrated = tmp_path / "fresh.sqlite3"
    unmigrated.touch()
    done = start(tmp_path, DATABASE_URL=f"sqlite:///{unmigrated}")
    assert done.returncode == 1
    [line] = ivr_lines(done)
    assert line.startswith("ivr: The database at ")
    assert line.endswith("run `alembic upgrade head`")


def test_a_broken_assistant_file_stops_start_up_in_one_line_naming_the_field(tmp_path, broken_assistant):
    done = start(tmp_path, IVR_ASSISTANT=broken_assistant)
    assert done.returncode == 1
    [line] = ivr_lines(done)
    assert line.startswith(f"ivr: Bad assistant file: {broken_assistant}: greeting")
    assert "Worker failed to boot" not in done.stderr


def test_with_log_level_debug_the_traceback_comes_too(tmp_path, broken_assistant):
    done = start(tmp_path, IVR_ASSISTANT=broken_assistant, LOG_LEVEL="DEBUG")
    assert "Traceback" in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("ivr: Bad assistant file:")


def test_a_port_in_use_is_named_with_what_to_do(tmp_path):
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = start(tmp_path, PORT=str(port))
    assert done.returncode == 1
    [line] = ivr_lines(done)
    assert line == (
        f"ivr: Port {port} is in use, perhaps by another ivr: stop it, or start this one on another "
        f"port (PORT={port + 1} make run)"
    )


def test_a_line_that_starts_says_where_it_answers_and_what_to_run_next(start_web, db_url):
    hosting.release(db_url)
    web = start_web(db_url, workers=1, HOST="127.0.0.1")
    log = web.log.read_text()
    assert (
        f"ivr is ready: Riverside Family Clinic answers at http://127.0.0.1:{web.port}/voice/incoming "
        "with the menu engine, from this machine only." in log
    )
    assert f".venv/bin/ivr call http://127.0.0.1:{web.port}" in log


@pytest.mark.parametrize(
    ("tier", "engine"),
    [
        ("static", "the menu engine"),
        ("deep", "the menu engine and its deep tier"),
        ("off", "the menu engine, phrases only"),
    ],
)
def test_the_ready_line_names_how_the_menu_engine_understands(settings, tier, engine):
    line = ready_line(settings.with_overrides(semantic_tier=tier), "127.0.0.1", 8000)
    assert f"/voice/incoming with {engine}, from this machine only." in line


def test_the_workers_share_the_weights_the_master_read(start_web, db_url):
    """The deep tier's weights are read once, in gunicorn's master, before the workers fork: each
    worker shares their pages (about 100 MB) rather than holding a copy of its own."""
    hosting.release(db_url)
    web = start_web(db_url, workers=2, SEMANTIC_TIER="deep")
    master = web.process.pid
    workers = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    assert len(workers) == 2
    for worker in workers:
        assert megabytes(worker, "Shared_Clean", "Shared_Dirty") > 70
        assert megabytes(worker, "Private_Clean", "Private_Dirty") < 100


def megabytes(pid: str, *fields: str) -> float:
    """The sum of these fields of the process's memory map (/proc/PID/smaps_rollup), in MB."""
    rows = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    return sum(int(row.split()[1]) for row in rows if row.split(":")[0] in fields) / 1024
