"""Our own app started as a Heroku-style host starts it: the Procfile's release and web commands.

`release` migrates a database with the release command; the `start_web` fixture starts the web
command (gunicorn, as many workers as asked) and stops every process it started at teardown."""

from __future__ import annotations

import itertools
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from testkit.webhooks import AUTH_TOKEN

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the venv's bin: not resolved, a venv's python is a symlink
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


def procfile(root: Path = ROOT) -> dict[str, list[str]]:
    """The Procfile's process types, each as the argv the host would run."""
    processes = {}
    for line in (root / "Procfile").read_text().splitlines():
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


PORTS_PER_RUNNER = 2000
_next_port = itertools.count()


def free_port() -> int:
    """A port for a server we start, checked free. Below the kernel's ephemeral range (32768 up),
    which every client connection draws its local port from, so that a gunicorn about to bind it
    cannot find it taken by a test's own connection; and apart for each pytest-xdist worker, so
    that two workers never pick the same one."""
    runner = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    for _ in range(PORTS_PER_RUNNER):
        port = 20000 + runner * PORTS_PER_RUNNER + next(_next_port) % PORTS_PER_RUNNER
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port among this test runner's {PORTS_PER_RUNNER}")


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

    def voice_requests(self, expected: int = 0) -> list[re.Match[str]]:
        """Access-log lines of Twilio's webhooks (the readiness probes left out). A worker writes a
        request's line after sending its answer, so wait up to a few seconds for `expected` lines."""
        deadline = time.monotonic() + 5
        while True:
            lines = [line for line in self._access_lines() if line["path"].startswith("/voice/")]
            if len(lines) >= expected or time.monotonic() > deadline:
                return lines
            time.sleep(0.05)

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
