"""Faults a phone line must ride out: the same webhook twice at the same moment on two workers, a
worker killed while it answers, the database locked, hung or gone, and the model failing. The
caller always hears something within Twilio's 15 s and can carry on; no turn is half-written.

Each test records what it tried (`attack`, `cases`, `expect`) for `python -m bench.attacks`."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from twilio.request_validator import RequestValidator

from ivr import create_app
from ivr.config import Settings
from ivr.devtools.twilio_emulator import (
    TWILIO_TIMEOUT,
    FlaskTransport,
    HttpTransport,
    PhoneCall,
    ScriptedInput,
    digits,
    speech,
)
from ivr.dialog.wording import ENGLISH
from ivr.record.db import make_engine
from ivr.record.models import Base, Call, Turn
from testkit import hosting
from testkit.checks import inconsistencies, record_attack, twiml_problems
from testkit.databases import POSTGRES, SCHEMA, fresh_postgres_schema
from testkit.standins.anthropic_api import Failure, MessagesStandIn, Reply
from testkit.standins.balancer import RoundRobinBalancer
from testkit.webhooks import ACCOUNT_SID, AUTH_TOKEN, Webhooks, heard, spoken, twiml

GAVE_UP = ENGLISH.GAVE_UP
SORRY = ENGLISH.MODEL_TROUBLE

# The Procfile's web process, stopped at teardown. A fixture bound by assignment: imported by name,
# ruff (F811) would take each test's start_web parameter for a redefinition of it.
start_web = hosting.start_web
FALLBACK = "something went wrong"
FILLER = "One moment, please."
TO = "+15555550000"
DUPLICATES = 6
ROUNDS = 3


def backend(url: str) -> str:
    return make_url(url).get_backend_name()


@dataclass
class Twilio:
    """Twilio's side of one call over real HTTP: signed posts, Redirects followed, every wait timed."""

    base_url: str
    call_sid: str
    caller: str = "+15555553000"
    seconds: list[float] = field(default_factory=list)

    def post(self, path: str, **params: str) -> tuple[int, str]:
        url = urljoin(self.base_url, path)
        call = {"CallSid": self.call_sid, "AccountSid": ACCOUNT_SID, "From": self.caller, "To": TO}
        params = call | params
        headers = {"X-Twilio-Signature": RequestValidator(AUTH_TOKEN).compute_signature(url, params)}
        started = time.perf_counter()
        try:
            status, body = HttpTransport().post(url, params, headers)
        except OSError:  # the worker died with the connection open: Twilio sees no answer
            status, body = 0, ""
        self.seconds.append(time.perf_counter() - started)
        return status, body

    def until_listening(self, status: int, body: str) -> list[str]:
        """What the caller hears until the next <Gather>, following each <Redirect>."""
        said: list[str] = []
        for _ in range(10):
            assert status == 200, (status, body)
            root = ET.fromstring(body)
            said += [" ".join("".join(say.itertext()).split()) for say in root.iter("Say")]
            redirect = root.find("Redirect")
            if root.find("Gather") is not None or redirect is None:
                return said
            status, body = self.post(redirect.text or "")
        pytest.fail(f"still redirecting after 10 documents: {said}")

    @property
    def too_slow(self) -> int:
        return sum(seconds > TWILIO_TIMEOUT for seconds in self.seconds)


def turns_of(engine: Engine, call_sid: str) -> list[Turn]:
    with Session(engine) as session:
        query = select(Turn).join(Call).where(Call.call_sid == call_sid).order_by(Turn.seq)
        return list(session.scalars(query))


@pytest.fixture
def database(db_url: str) -> Iterator[Engine]:
    """A migrated database, and an engine to inspect it."""
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def slow_model() -> Iterator[MessagesStandIn]:
    """A model that echoes the question, so each answer shows which turn it belongs to."""
    with MessagesStandIn() as api:
        api.responder(lambda body: Reply.text(f"About {body['messages'][-1]['content']}: yes, we can."))
        yield api


def claude(api: MessagesStandIn, **variables: str) -> dict[str, str]:
    return {"ANTHROPIC_API_KEY": "sk-ant-test", "ANTHROPIC_BASE_URL": api.url, **variables}


# --- The same webhook, several copies at the same moment, on two workers --------------------------


@pytest.mark.parametrize("engine", ["menu", "claude"])
def test_copies_of_one_webhook_at_the_same_moment_get_one_answer_and_one_stored_turn(
    engine, database, start_web, slow_model, record_property
):
    url = database.url.render_as_string(hide_password=False)
    record_attack(
        record_property,
        f"{DUPLICATES} simultaneous copies of each webhook, 2 gunicorn workers ({engine}, {backend(url)})",
        DUPLICATES * (ROUNDS + 1),
        "survived",
    )
    slow_model.latency = 0.3
    web = start_web(url, workers=2, **(claude(slow_model) if engine == "claude" else {}))
    twilio = Twilio(web.url, "CA" + "d" * 32)
    rounds = [("/voice/incoming", {"CallStatus": "ringing"})]
    rounds += [
        (f"/voice/gather?turn={2 * n + 1}", {"SpeechResult": f"question {n}", "Confidence": "0.9"})
        for n in range(ROUNDS)
    ]
    for path, params in rounds:
        barrier = threading.Barrier(DUPLICATES)
        answers: list[tuple[int, str]] = []

        def send(path: str = path, params: dict = params, barrier=barrier, answers: list = answers) -> None:
            barrier.wait()
            answers.append(twilio.post(path, **params))

        threads = [threading.Thread(target=send) for _ in range(DUPLICATES)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(set(answers)) == 1, {answer[1] for answer in answers}
        assert answers[0][0] == 200
        assert FALLBACK not in answers[0][1]

    turns = turns_of(database, twilio.call_sid)
    assert [(turn.seq, turn.role) for turn in turns] == [(0, "assistant")] + [
        (seq, role) for n in range(ROUNDS) for seq, role in ((2 * n + 1, "caller"), (2 * n + 2, "assistant"))
    ]
    assert inconsistencies(database) == []
    if engine == "claude":
        assert len(slow_model.requests) == ROUNDS  # asked once per turn, whatever the copies
    assert twilio.too_slow == 0
    assert web.logged_errors() == []


# --- A worker killed while it answers --------------------------------------------------------------


def pending_owner(engine: Engine, call_sid: str, within_s: float = 5.0) -> str:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        owners = [turn.owner for turn in turns_of(engine, call_sid) if turn.state == "pending"]
        if owners and owners[0]:
            return owners[0]
        time.sleep(0.02)
    pytest.fail("no turn became pending")


def kill_worker(web, owner: str) -> int:
    """SIGKILL the worker named by a turn's owner ("host:pid"), after checking it is ours."""
    host, _, pid = owner.rpartition(":")
    assert host == socket.gethostname()
    with open(f"/proc/{pid}/stat") as stat:
        parent = int(stat.read().rsplit(")", 1)[1].split()[1])
    assert parent == web.process.pid, f"{owner} is not a worker of our gunicorn"
    os.kill(int(pid), signal.SIGKILL)
    return int(pid)


@pytest.mark.parametrize("moment", ["after the filler", "during the request"])
def test_a_worker_killed_while_answering_is_replaced_and_the_caller_hears_the_answer(
    moment, database, start_web, slow_model, record_property
):
    url = database.url.render_as_string(hide_password=False)
    record_attack(
        record_property, f"worker SIGKILLed {moment} of a model turn ({backend(url)})", 1, "survived"
    )
    # A 4 s model and a 2 s budget: the first worker is still waiting when it is killed, and the
    # lease (3 s) runs out before the caller's waiting does (a filler, then up to three more).
    slow_model.latency = 4.0
    web = start_web(url, workers=2, **claude(slow_model, REPLY_BUDGET="2", MODEL_TIMEOUT="10"))
    twilio = Twilio(web.url, "CA" + "k" * 32)
    twilio.until_listening(*twilio.post("/voice/incoming", CallStatus="ringing"))
    question = {"SpeechResult": "where do I park", "Confidence": "0.9"}
    if moment == "after the filler":
        first = twilio.post("/voice/gather?turn=1", **question)
        assert FILLER in first[1]
        killed = kill_worker(web, pending_owner(database, twilio.call_sid))
        said = twilio.until_listening(*first)
    else:
        request = threading.Thread(target=twilio.post, args=("/voice/gather?turn=1",), kwargs=question)
        request.start()
        killed = kill_worker(web, pending_owner(database, twilio.call_sid))
        request.join()
        # Twilio's connection-retry (the #rc= URL override) sends the same webhook again.
        said = twilio.until_listening(*twilio.post("/voice/gather?turn=1", **question))

    assert said[-1] == "About where do I park: yes, we can.", said
    assert SORRY not in " ".join(said)
    assert GAVE_UP not in said
    answer = next(turn for turn in turns_of(database, twilio.call_sid) if turn.seq == 2)
    assert answer.state == "done"
    assert not answer.owner.endswith(f":{killed}")
    said = twilio.until_listening(
        *twilio.post("/voice/gather?turn=3", SpeechResult="and at night", Confidence="0.9")
    )
    assert said[-1] == "About and at night: yes, we can."
    assert [turn.seq for turn in turns_of(database, twilio.call_sid)] == [0, 1, 2, 3, 4]
    assert inconsistencies(database) == []
    assert twilio.too_slow == 0


# --- The database locked, hung or gone -------------------------------------------------------------


@dataclass
class Lock:
    """Another client holding the database's write lock until released or `hold_s` passes."""

    url: str
    hold_s: float
    taken: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def hold(self) -> None:
        if backend(self.url) == "sqlite":
            connection = sqlite3.connect(make_url(self.url).database, isolation_level=None)
            connection.execute("BEGIN EXCLUSIVE")
            self.taken.set()
            self.release.wait(self.hold_s)
            connection.execute("ROLLBACK")
            connection.close()
            return
        engine = make_engine(self.url)
        with engine.connect() as connection:
            connection.execute(text("LOCK TABLE turns IN ACCESS EXCLUSIVE MODE"))
            self.taken.set()
            self.release.wait(self.hold_s)
            connection.rollback()
        engine.dispose()


@pytest.mark.parametrize(("hold_s", "how_long"), [(1.0, "for a moment"), (20.0, "longer than Twilio waits")])
def test_a_locked_database_delays_a_turn_or_gives_the_fallback_never_a_5xx(
    hold_s, how_long, make_app, db_engine, record_property
):
    url = db_engine.url.render_as_string(hide_password=False)
    record_attack(
        record_property, f"database locked {how_long} during a turn ({backend(url)})", 1, "survived"
    )
    client = make_app().test_client()
    twilio = Twilio("http://localhost", "CA" + "l" * 32)
    transport = FlaskTransport(client)

    def post(path: str, **params: str) -> tuple[int, str]:
        params = {"CallSid": twilio.call_sid, "AccountSid": ACCOUNT_SID, **params}
        signature = RequestValidator(AUTH_TOKEN).compute_signature("http://localhost" + path, params)
        started = time.perf_counter()
        answer = transport.post("http://localhost" + path, params, {"X-Twilio-Signature": signature})
        twilio.seconds.append(time.perf_counter() - started)
        return answer

    post("/voice/incoming", From="+15555553001", To="+15555550000", CallStatus="ringing")
    lock = Lock(url, hold_s)
    holder = threading.Thread(target=lock.hold)
    holder.start()
    assert lock.taken.wait(5)
    status, body = post("/voice/gather?turn=1", Digits="5")
    lock.release.set()
    holder.join()

    assert status == 200
    assert twiml_problems_of(body) == []
    if how_long == "for a moment":
        assert twilio.seconds[-1] >= hold_s * 0.8  # it waited for the lock ...
        assert FALLBACK not in body  # ... and then answered
    stored = [turn.seq for turn in turns_of(db_engine, twilio.call_sid)]
    assert stored in ([0], [0, 1, 2])  # the turn whole, or not at all
    assert FALLBACK in body or stored == [0, 1, 2]
    status, body = post("/voice/gather?turn=1", Digits="5")  # Twilio asks again, or the caller does
    assert status == 200
    assert FALLBACK not in body
    assert "412 River Road" in body
    assert inconsistencies(db_engine) == []
    assert twilio.too_slow == 0, twilio.seconds


def twiml_problems_of(body: str) -> list[str]:
    class Response:
        status_code, mimetype = 200, "text/xml"

        @staticmethod
        def get_data(as_text: bool = False) -> str:
            return body

    return twiml_problems(Response)


def unresponsive_database() -> socket.socket:
    """A port that accepts connections and never answers: a database host that hangs."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    return listener


@pytest.mark.parametrize("state", ["refusing connections", "hanging"])
def test_an_unavailable_database_gives_the_spoken_fallback_in_time(state, record_property):
    routes = ["/voice/incoming", "/voice/gather?turn=1", "/voice/dial?turn=1", "/voice/reply?turn=2"]
    record_attack(record_property, f"database {state}", len(routes) + 1, "survived")
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    listener = unresponsive_database() if state == "hanging" else None
    if listener is not None:
        port = listener.getsockname()[1]
    app = create_app(
        Settings(
            database_url=f"postgresql+psycopg://nobody@127.0.0.1:{port}/ivr",
            twilio_auth_token=AUTH_TOKEN,
            twilio_account_sid=ACCOUNT_SID,
        )
    )
    twilio = Twilio("http://localhost", "CA" + "u" * 32)
    transport = FlaskTransport(app.test_client())
    answers: dict[str, tuple[int, str]] = {}
    requests: list[threading.Thread] = []

    def post(path: str, **params: str) -> None:
        params = {"CallSid": twilio.call_sid, "AccountSid": ACCOUNT_SID, "Digits": "1", **params}
        signature = RequestValidator(AUTH_TOKEN).compute_signature("http://localhost" + path, params)
        started = time.perf_counter()
        answers[path] = transport.post("http://localhost" + path, params, {"X-Twilio-Signature": signature})
        twilio.seconds.append(time.perf_counter() - started)

    try:
        for path in [*routes, "/voice/fallback"]:
            request = threading.Thread(target=post, args=(path,), daemon=True)
            requests.append(request)
            request.start()
            request.join(timeout=TWILIO_TIMEOUT + 1)
            if request.is_alive():  # Twilio hung up on it long ago; it records its time when it ends
                break
    finally:
        if listener is not None:
            listener.close()
        # The hung request now fails; let it finish (and log) before pytest reports on this test.
        for request in requests:
            request.join(timeout=5)
        app.extensions["ivr"].answerer.sessions.kw["bind"].dispose()
    assert twilio.too_slow == 0, f"{twilio.too_slow} requests took longer than {TWILIO_TIMEOUT} s"
    for path, (status, body) in answers.items():
        assert status == 200, path
        assert twiml_problems_of(body) == [], path
        assert FALLBACK in body, path


# --- The model failing -----------------------------------------------------------------------------


def test_a_failing_model_is_apologised_for_and_the_call_goes_on(
    make_app, claude_settings, messages_api, db_engine, record_property
):
    record_attack(record_property, "model answering HTTP 500 on every request", 3, "survived")
    messages_api.responder(lambda body: Failure(500))
    client = make_app(**claude_settings).test_client()
    phone = PhoneCall(
        "http://localhost/voice/incoming",
        FlaskTransport(client),
        auth_token=AUTH_TOKEN,
        from_number="+15555553002",
    )
    result = phone.run(ScriptedInput([speech("what are your hours"), speech("hello?"), digits("2")]))
    assert not result.errors, result.errors
    assert not result.violations, result.violations
    assert heard(result).count(SORRY) >= 2
    assert len(result.inputs) >= 3  # the caller was listened to after each apology
    assert inconsistencies(db_engine) == []
    assert sum(ms > TWILIO_TIMEOUT * 1000 for ms in result.timings_ms) == 0


def test_an_eight_second_model_gives_a_filler_then_its_answer_from_the_other_instance(
    database, start_web, slow_model, record_property
):
    """The defaults (a 4 s reply budget, a 10 s model timeout) on two instances behind a
    round-robin balancer: the model is asked on one, its answer fetched through the other."""
    url = database.url.render_as_string(hide_password=False)
    record_attack(record_property, f"model answering in 8 s, two instances ({backend(url)})", 1, "survived")
    slow_model.latency = 8.0
    backends = [("127.0.0.1", hosting.free_port()), ("127.0.0.1", hosting.free_port())]
    with RoundRobinBalancer(backends) as balancer:
        for _, port in backends:
            start_web(url, workers=1, PORT=str(port), PUBLIC_BASE_URL=balancer.url, **claude(slow_model))
        twilio = Twilio(balancer.url, "CA" + "8" * 32)
        twilio.until_listening(*twilio.post("/voice/incoming", CallStatus="ringing"))
        first = twilio.post("/voice/gather?turn=1", SpeechResult="where do I park", Confidence="0.9")
        said = twilio.until_listening(*first)

    assert said[0] == FILLER  # the gather was answered before the model was
    assert said[-1] == "About where do I park: yes, we can.", said
    assert SORRY not in " ".join(said)
    assert GAVE_UP not in said
    assert len(slow_model.requests) == 1  # asked once, by the instance that took the turn
    assert all(balancer.connections[backend] >= 2 for backend in backends), balancer.connections
    assert twilio.too_slow == 0


# Only with PostgreSQL (TEST_DATABASE_URL): SQLite has no server to restart.
if POSTGRES:

    def test_a_connection_the_database_server_closed_is_replaced_before_a_caller_uses_it(record_property):
        record_attack(
            record_property, "database server closed a pooled connection (postgresql)", 1, "survived"
        )
        url = fresh_postgres_schema(f"{SCHEMA}_race")  # this run's own; dropped at the session's end
        admin = make_engine(url)
        Base.metadata.create_all(admin)
        settings = Settings(database_url=url, twilio_auth_token=AUTH_TOKEN, twilio_account_sid=ACCOUNT_SID)
        app = create_app(settings)
        hooks = Webhooks(app.test_client())
        twiml(hooks.incoming())
        pool = app.extensions["ivr"].answerer.sessions.kw["bind"]
        with pool.connect() as connection:  # the one connection the call has used so far
            backend_pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        with admin.connect() as connection:  # as a restart or failover does; waits until it is gone
            assert connection.execute(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": backend_pid})

        answer = spoken(twiml(hooks.post("/voice/gather?turn=1", Digits="1")))

        assert "something went wrong" not in answer
        with Session(admin) as session:
            assert session.scalars(select(Turn.seq).order_by(Turn.seq)).all() == [0, 1, 2]
        pool.dispose()
        admin.dispose()
