"""The processes a run needs, started the way the host starts them and always stopped.

The app runs as the Procfile says (its release command, then its web command) with per-run
overrides on the command line, as tests/test_deploy.py does; the floor runs under the same
gunicorn.conf.py. Each gets its own port, database and log file under bench/results/."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from testkit import hosting
from testkit.hosting import free_port, in_venv

BENCH_ROOT = Path(__file__).resolve().parent.parent
# The app measured: this checkout, or another tree of it (an export of a commit, with bench/ beside it).
ROOT = Path(os.environ.get("BENCH_APP_ROOT", BENCH_ROOT)).resolve()
BIN = Path(sys.executable).parent
RESULTS = BENCH_ROOT / "bench" / "results"
AUTH_TOKEN = "0123456789abcdef0123456789abcdef"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
STARTUP_S = 30
STOP_S = 15


def procfile() -> dict[str, list[str]]:
    return hosting.procfile(ROOT)


def environment(**variables: str) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **variables}


# --- Databases ---------------------------------------------------------------------------------


@dataclass
class Database:
    """An empty database for one server: a SQLite file, or a PostgreSQL schema of its own."""

    kind: str  # sqlite | postgresql
    url: str
    path: Path | None = None
    schema: str | None = None

    def size_bytes(self) -> int:
        if self.path is not None:  # pages in use as a reader sees them (WAL included), not file sizes
            import sqlite3

            with contextlib.closing(sqlite3.connect(self.path)) as connection:
                pages = connection.execute("PRAGMA page_count").fetchone()[0]
                free = connection.execute("PRAGMA freelist_count").fetchone()[0]
                return (pages - free) * connection.execute("PRAGMA page_size").fetchone()[0]
        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            row = connection.execute(
                "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind = 'r'",
                (self.schema,),
            ).fetchone()
            return int(row[0]) if row else 0

    def calls(self) -> int:
        if self.path is not None:
            import sqlite3

            with contextlib.closing(sqlite3.connect(self.path)) as connection:
                return connection.execute("SELECT count(*) FROM calls").fetchone()[0]
        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            row = connection.execute(f'SELECT count(*) FROM "{self.schema}".calls').fetchone()
            return int(row[0]) if row else 0

    def answer_timings(self) -> list[tuple[int, int]]:
        """(elapsed_ms, model_ms) of every answer the model decided, as the app recorded them."""
        query = "SELECT elapsed_ms, model_ms FROM {}turns WHERE model_ms IS NOT NULL"
        if self.path is not None:
            import sqlite3

            with contextlib.closing(sqlite3.connect(self.path)) as connection:
                return connection.execute(query.format("")).fetchall()
        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            return connection.execute(query.format(f'"{self.schema}".')).fetchall()  # type: ignore[return-value]

    def prefill(self, calls: int, turns_per_call: int = 10) -> None:
        """Store `calls` finished calls of `turns_per_call` turns each, as months of traffic would."""
        if self.path is not None:
            raise NotImplementedError("prefill is written for PostgreSQL")
        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            connection.execute(f'SET search_path TO "{self.schema}"')
            connection.execute(
                "INSERT INTO calls (call_sid, account_sid, from_number, to_number, status, duration_s, "
                "outcome, started_at, ended_at) "
                "SELECT 'CAold' || n, 'AC' || repeat('b', 32), "
                "'+1555' || lpad((n %% 9999999)::text, 7, '0'), "
                "'+15555550199', 'completed', 95, 'transferred:pharmacy', "
                "now() - (n || ' seconds')::interval, now() - (n || ' seconds')::interval "
                "FROM generate_series(1, %s) AS n",
                (calls,),
            )
            connection.execute(
                "INSERT INTO turns (call_id, seq, role, text, state, created_at) "
                "SELECT c.id, s, CASE WHEN s %% 2 = 0 THEN 'assistant' ELSE 'caller' END, "
                "'We are open Monday to Friday from 8 AM to 6 PM.', 'done', c.started_at "
                "FROM calls c CROSS JOIN generate_series(0, %s) AS s",
                (turns_per_call - 1,),
            )
            connection.execute("ANALYZE")

    def drop(self) -> None:
        if self.path is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            return
        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')


def new_database(kind: str, name: str) -> Database:
    """An empty database named `name`, migrated by the Procfile's release command."""
    if kind == "sqlite":
        path = RESULTS / "db" / f"{name}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        database = Database(kind, f"sqlite:///{path}", path=path)
    else:
        schema = f"bench_{name}".replace("-", "_")
        database = Database(kind, f"{POSTGRES}?options=-csearch_path%3D{schema}", schema=schema)
    database.drop()
    if database.schema:
        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{database.schema}"')
    release(database)
    return database


def release(database: Database, timeout: float = 120) -> None:
    """The Procfile's release command (migrations) on `database`, as the host runs it."""
    done = subprocess.run(
        in_venv(procfile()["release"]),
        cwd=ROOT,
        env=environment(DATABASE_URL=database.url),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"release failed for {database.url}:\n{done.stderr}")


# --- gunicorn ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkerModel:
    """How gunicorn serves: worker class, processes, and threads (gthread) or connections (gevent)."""

    worker_class: str = "gthread"
    workers: int = 2
    threads: int = 8
    connections: int = 1000

    def args(self) -> list[str]:
        args = ["--workers", str(self.workers), "--worker-class", self.worker_class]
        if self.worker_class == "gthread":
            args += ["--threads", str(self.threads)]
        if self.worker_class == "gevent":
            args += ["--worker-connections", str(self.connections)]
        return args

    def __str__(self) -> str:
        if self.worker_class == "gthread":
            return f"gthread {self.workers}x{self.threads}"
        if self.worker_class == "gevent":
            return f"gevent {self.workers}x{self.connections}"
        return f"{self.worker_class} {self.workers}"


@dataclass
class WebServer:
    """One gunicorn master and its workers; memory is sampled while it runs."""

    name: str
    process: subprocess.Popen
    port: int
    log: Path
    peak_rss_kb: dict[int, int] = field(default_factory=dict)  # worker pid -> peak VmHWM
    rss_samples: list[tuple[float, int]] = field(default_factory=list)  # (time, summed VmRSS kB)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        with contextlib.suppress(OSError):
            return [int(pid) for pid in children.read_text().split()]
        return []

    def sample_memory(self) -> dict[int, int]:
        """Each worker's resident memory now (VmRSS, kB); its peak (VmHWM) and the total are kept."""
        now = {}
        for pid in self.workers():
            status = _proc_status(pid)
            if status:
                self.peak_rss_kb[pid] = max(self.peak_rss_kb.get(pid, 0), status.get("VmHWM", 0))
                now[pid] = status.get("VmRSS", 0)
        self.rss_samples.append((time.monotonic(), sum(now.values())))
        return now

    def wait_ready(self, workers: int) -> None:
        deadline = time.monotonic() + STARTUP_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited {self.process.returncode}:\n{self.output()[-3000:]}")
            if len(self.workers()) >= workers and self._answers():
                return
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not start within {STARTUP_S} s:\n{self.output()[-3000:]}")

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/", timeout=5):
                return True
        except urllib.error.HTTPError:
            return True  # a 404 from a worker is an answer
        except OSError:
            return False

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def logged_errors(self) -> int:
        return sum(1 for line in self.output().splitlines() if " ERROR " in line or "[CRITICAL]" in line)

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # as the host does: a graceful shutdown
        try:
            self.process.wait(timeout=STOP_S)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)


def _proc_status(pid: int) -> dict[str, int]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    values = {}
    for line in lines:
        key, _, rest = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            values[key] = int(rest.split()[0])
    return values


@contextlib.contextmanager
def web_server(
    name: str, app: str, database: Database, model: WorkerModel, **variables: str
) -> Iterator[WebServer]:
    """gunicorn with gunicorn.conf.py: `app` is "wsgi:app" (the Procfile's) or the floor's."""
    port = free_port()
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = RESULTS / f"{name}.log"
    web = procfile()["web"]
    argv = [*web[:-1], *model.args(), app]  # the Procfile's command, its app swapped if asked
    env = environment(
        **{
            "PORT": str(port),
            "WEB_CONCURRENCY": str(model.workers),
            "DATABASE_URL": database.url,
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "TWILIO_VALIDATE_SIGNATURES": "true",
            "PUBLIC_BASE_URL": "",
            "TRUSTED_PROXY_HOPS": "0",
            "ANTHROPIC_API_KEY": "",  # the menu engine unless a scenario sets a key
            "IVR_ASSISTANT": "",
            "LOG_LEVEL": "INFO",
            **variables,
        }
    )
    with log.open("w") as output:
        process = subprocess.Popen(
            in_venv(argv), cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = WebServer(name, process, port, log)
    try:
        server.wait_ready(model.workers)
        yield server
    finally:
        server.stop()


@dataclass(frozen=True)
class ModelStandIn:
    url: str  # the base URL to give the SDK (ANTHROPIC_BASE_URL)
    pid: int


@contextlib.contextmanager
def model_standin(latency_s: float) -> Iterator[ModelStandIn]:
    """The Messages API stand-in in its own process."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.standin", "--port", str(port), "--latency", str(latency_s)],
        cwd=BENCH_ROOT,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        ready = process.stdout.readline() if process.stdout else ""
        if not ready.startswith("ready "):
            raise RuntimeError(f"the model stand-in did not start: {ready!r}")
        yield ModelStandIn(ready.split()[1], process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=STOP_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
