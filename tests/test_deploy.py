"""The app deployed the way a Heroku-style host runs it: the Procfile's release command migrates the
database, its web command starts gunicorn, and calls arrive over real HTTP, on several workers and
several instances that share nothing but the database."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from ivr.db import make_engine
from ivr.models import Base, Call
from ivr.phone import CallResult, HttpTransport, PhoneCall, ScriptedInput, digits, speech
from tests.conftest import AUTH_TOKEN, heard
from tests.standins.balancer import RoundRobinBalancer

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the venv's bin: not resolved, a venv's python is a symlink
APP_TABLES = set(Base.metadata.tables)
PHARMACY = "+15555550101"
HOURS = "Saturday from 9 AM to 1 PM"
STARTUP_SECONDS = 20
SHUTDOWN_SECONDS = 15
# %(p)s is the pid of the worker that served the request, written as <pid>.
ACCESS_LOG_FORMAT = '%(p)s "%(r)s" %(s)s'
ACCESS_LINE = re.compile(r'^<(?P<pid>\d+)> "(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+)$')
LOGGED_ERROR = re.compile(r"\b(ERROR|CRITICAL)\b|^Traceback")
# The real environment wins over a developer's .env; pin what these calls depend on.
APP_ENVIRONMENT = {
    "ANTHROPIC_API_KEY": "",
    "IVR_ASSISTANT": "",
    "PUBLIC_BASE_URL": "",
    "TRUSTED_PROXY_HOPS": "0",
    "TWILIO_VALIDATE_SIGNATURES": "true",
}


def procfile() -> dict[str, list[str]]:
    """The Procfile's process types, each as the argv the host would run."""
    processes = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        name, _, command = line.partition(":")
        if command.strip():
            processes[name.strip()] = shlex.split(command)
    return processes


def in_venv(argv: list[str]) -> list[str]:
    return [str(BIN / argv[0]), *argv[1:]]


def environment(variables: dict[str, str]) -> dict[str, str]:
    """A process's environment as the host sets it: ours, the venv first on PATH, then the app's config."""
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **variables}


def run(argv: list[str], database_url: str) -> None:
    """Run a one-off command (release, a migration) to completion, as the host does; fail on errors."""
    done = subprocess.run(
        in_venv(argv),
        cwd=ROOT,
        env=environment({"DATABASE_URL": database_url}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, f"{shlex.join(argv)} exited {done.returncode}:\n{done.stderr}"


def release(database_url: str) -> None:
    run(procfile()["release"], database_url)


def app_tables(database_url: str) -> set[str]:
    engine = make_engine(database_url)
    try:
        return APP_TABLES & set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class WebProcess:
    """One `web:` process: a gunicorn master and its workers, with its own logs."""

    process: subprocess.Popen
    port: int
    log: Path
    access_log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_until_every_worker_answers(self, workers: int) -> None:
        """Probe until each worker has answered once: the first can serve while the others still boot."""
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"web process exited {self.process.returncode}:\n{self.output()}")
            if self._answers() and len({line["pid"] for line in self._access_lines()}) >= workers:
                return
            time.sleep(0.1)
        pytest.fail(f"{workers} workers did not all answer within {STARTUP_SECONDS} s:\n{self.output()}")

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/", timeout=STARTUP_SECONDS / 4):
                return True
        except urllib.error.HTTPError:
            return True  # any HTTP answer (a 404 here) means a worker is serving
        except OSError:
            return False

    def _access_lines(self) -> list[re.Match[str]]:
        text = self.access_log.read_text() if self.access_log.exists() else ""
        matches = [ACCESS_LINE.match(line) for line in text.splitlines()]
        assert all(matches), f"unexpected access-log lines:\n{text}"
        return [match for match in matches if match]

    def logged_errors(self) -> list[str]:
        """Lines gunicorn or the app logged at ERROR level or above, and tracebacks."""
        return [line for line in self.output().splitlines() if LOGGED_ERROR.search(line)]

    def voice_requests(self) -> list[re.Match[str]]:
        """Access-log lines of Twilio's webhooks (the readiness probes left out)."""
        return [line for line in self._access_lines() if line["path"].startswith("/voice/")]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM, as the host sends it: gunicorn shuts down gracefully

    def wait_stopped(self) -> None:
        try:
            self.process.wait(timeout=SHUTDOWN_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


@pytest.fixture
def start_web(tmp_path: Path) -> Iterator[Callable[..., WebProcess]]:
    """Start the Procfile's web process with the given environment; all are stopped at teardown."""
    started: list[WebProcess] = []

    def start(database_url: str, workers: int, **variables: str) -> WebProcess:
        name = f"web.{len(started) + 1}"
        port = int(variables.pop("PORT", free_port()))
        log, access_log = tmp_path / f"{name}.log", tmp_path / f"{name}.access.log"
        argv = [
            *procfile()["web"],
            *("--access-logfile", str(access_log), "--access-logformat", ACCESS_LOG_FORMAT),
        ]
        env = environment(
            {
                **APP_ENVIRONMENT,
                "PORT": str(port),
                "WEB_CONCURRENCY": str(workers),
                "DATABASE_URL": database_url,
                "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
                **variables,
            }
        )
        with log.open("w") as output:
            process = subprocess.Popen(
                in_venv(argv), cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
            )
        web = WebProcess(process, port, log, access_log)
        started.append(web)
        web.wait_until_every_worker_answers(workers)
        return web

    yield start
    for web in started:
        web.stop()
    for web in started:
        web.wait_stopped()


def call_for_hours_then_the_pharmacy(base_url: str, caller: str = "+15555552000") -> CallResult:
    """A whole call over HTTP: hours by speech, hours again by key, then the pharmacy by key."""
    phone = PhoneCall(
        base_url + "/voice/incoming",
        HttpTransport(),
        status_callback_url=base_url + "/voice/status",
        auth_token=AUTH_TOKEN,
        from_number=caller,
    )
    return phone.run(ScriptedInput([speech("what are your hours"), digits("5"), digits("2")]))


def assert_heard_the_hours_and_reached_the_pharmacy(result: CallResult) -> None:
    assert not result.errors, result.errors
    assert not result.violations, result.violations
    assert heard(result).count(HOURS) == 2
    assert [(t.number, t.outcome) for t in result.transfers] == [(PHARMACY, "completed")]


def stored_calls(database_url: str) -> dict[str, Call]:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return {call.call_sid: call for call in session.scalars(select(Call))}
    finally:
        engine.dispose()


def test_release_migrates_an_empty_database_and_the_migration_can_be_undone(empty_database):
    release(empty_database)
    assert app_tables(empty_database) == APP_TABLES
    run(["alembic", "downgrade", "base"], empty_database)
    assert app_tables(empty_database) == set()
    release(empty_database)
    assert app_tables(empty_database) == APP_TABLES


def test_released_schema_matches_the_models(empty_database):
    release(empty_database)
    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_calls_are_served_by_both_workers_of_one_web_process(empty_database, start_web):
    release(empty_database)
    web = start_web(empty_database, workers=2)
    callers = [f"+1555555{2000 + n}" for n in range(8)]  # one call each: callers are rate-limited
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(call_for_hours_then_the_pharmacy, [web.url] * len(callers), callers))

    assert web.logged_errors() == []
    for result in results:
        assert_heard_the_hours_and_reached_the_pharmacy(result)
    calls = stored_calls(empty_database)
    assert {(calls[r.call_sid].outcome, calls[r.call_sid].status) for r in results} == {
        ("transferred:pharmacy", "completed")
    }
    served = web.voice_requests()
    assert len(served) == sum(len(result.exchanges) for result in results)
    assert {line["status"] for line in served} <= {"200", "204"}
    # Which worker accepts a connection is the kernel's choice: test_a_call_alternating_between_two_
    # instances_behind_a_load_balancer_completes makes the same point deterministically.
    assert len({line["pid"] for line in served}) == 2, Counter(line["pid"] for line in served)


def test_a_call_alternating_between_two_instances_behind_a_load_balancer_completes(empty_database, start_web):
    release(empty_database)
    backends = [("127.0.0.1", free_port()), ("127.0.0.1", free_port())]
    with RoundRobinBalancer(backends) as balancer:
        # Both instances see the balancer's URL as Twilio's: signatures cover the URL Twilio requested.
        instances = [
            start_web(empty_database, workers=1, PORT=str(port), PUBLIC_BASE_URL=balancer.url)
            for _, port in backends
        ]
        result = call_for_hours_then_the_pharmacy(balancer.url)

    assert [instance.logged_errors() for instance in instances] == [[], []]
    assert_heard_the_hours_and_reached_the_pharmacy(result)
    assert stored_calls(empty_database)[result.call_sid].outcome == "transferred:pharmacy"
    # Twilio opens a connection per webhook, so the balancer sends them to each instance in turn.
    webhooks = len(result.exchanges)
    assert sorted(balancer.connections[backend] for backend in backends) == [
        webhooks // 2,
        webhooks - webhooks // 2,
    ]
