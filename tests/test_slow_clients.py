"""Slow clients against the Procfile's web process: connections that trickle a request in, a byte a
second, are cut off at the read deadline (gunicorn.conf.py) and never hold the request threads, so a
genuine Twilio call on the same small server (1 worker x 4 threads) is answered at once. A body
over the app's 64 KB limit gets 413, sent chunked or not. Then the read-ahead's framing on its own:
when a request is whole, and what it refuses or hands to gunicorn without waiting."""

from __future__ import annotations

import http.client
import runpy
import selectors
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from twilio.request_validator import RequestValidator

from ivr.devtools.twilio_emulator import CallResult, HttpTransport, PhoneCall, ScriptedInput, digits, speech
from testkit import hosting
from testkit.hosting import ROOT
from testkit.webhooks import ACCOUNT_SID, AUTH_TOKEN, heard

# The Procfile's web process, stopped at teardown. A fixture bound by assignment: imported by name,
# ruff (F811) would take each test's start_web parameter for a redefinition of it.
start_web = hosting.start_web
SMALL_SERVER = {"GUNICORN_THREADS": "4"}  # with workers=1: five slow connections used to stop it
READ_DEADLINE = 5.0  # gunicorn.conf.py: a whole request must arrive within this, from its first byte
LATE = 1.0  # allowance for the server's event loop and this machine's scheduling
TRICKLE_FOR = 12.0  # the slow clients give up by themselves after this, whatever the server does
ANSWERED_WITHIN = 3.0  # per webhook; Twilio waits 15 s
HOURS = "Saturday from 9 AM to 1 PM"
PHARMACY = "+15555550101"

HEADERS_START = b"POST /voice/incoming HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
BODY_START = (
    b"POST /voice/incoming HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nCallSid="
)
KEPT_ALIVE = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
# (what a client sends when it connects, what it then sends a byte a second, over and over):
# 20 connections, every one of them a request that never ends.
KINDS = (
    [(HEADERS_START, b"a")] * 12  # headers that never end
    + [(BODY_START, b"a")] * 4  # a body that never ends
    + [(KEPT_ALIVE, HEADERS_START)] * 2  # a quick request answered (404), then a slow one
    + [(b"", b"")] * 2  # connected, and silent
)


@dataclass
class SlowClient:
    sock: socket.socket
    first: bytes
    trickle: bytes
    slow_since: float  # when its slow request began: READ_DEADLINE runs from there
    sent: int = 0  # bytes of trickle sent
    closed: float | None = None  # when the server closed the connection (EOF or reset)
    received: bytes = b""


@dataclass
class SlowClients:
    """Slow connections to one server, each sending a byte a second until the server closes it."""

    port: int
    clients: list[SlowClient] = field(default_factory=list)

    def open(self) -> None:
        for first, trickle in KINDS:
            sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            sock.sendall(first)
            sock.setblocking(False)
            self.clients.append(SlowClient(sock, first, trickle, time.monotonic()))

    def trickle(self) -> None:
        """Bounded: returns once every connection is closed, or after TRICKLE_FOR seconds."""
        give_up = time.monotonic() + TRICKLE_FOR
        next_byte = time.monotonic() + 1
        with selectors.DefaultSelector() as selector:
            for client in self.clients:
                selector.register(client.sock, selectors.EVENT_READ, client)
            while selector.get_map() and time.monotonic() < give_up:
                for key, _ in selector.select(timeout=max(0.0, min(next_byte, give_up) - time.monotonic())):
                    self._receive(key.data, selector)
                if time.monotonic() >= next_byte:
                    next_byte += 1
                    for key in list(selector.get_map().values()):
                        self._send(key.data)
        for client in self.clients:
            client.sock.close()

    def _receive(self, client: SlowClient, selector: selectors.BaseSelector) -> None:
        try:
            data = client.sock.recv(65536)
        except BlockingIOError:
            return
        except OSError:  # reset
            data = b""
        client.received += data
        if not data:
            self._closed(client, selector)

    @staticmethod
    def _send(client: SlowClient) -> None:
        if not client.trickle:
            return
        if client.first == KEPT_ALIVE and not client.sent:
            client.slow_since = time.monotonic()  # its first request was answered; the slow one begins
        try:
            at = client.sent % len(client.trickle)
            client.sock.send(client.trickle[at : at + 1])
            client.sent += 1
        except BlockingIOError:
            pass
        except OSError:  # the server closed it; the read side reports when
            client.trickle = b""

    @staticmethod
    def _closed(client: SlowClient, selector: selectors.BaseSelector) -> None:
        client.closed = time.monotonic()
        selector.unregister(client.sock)

    def held_open(self) -> list[float | None]:
        """How long the server kept each slow request open (None: still open when the clients gave up)."""
        return [None if c.closed is None else round(c.closed - c.slow_since, 1) for c in self.clients]


def call_for_hours_then_the_pharmacy(base_url: str, caller: str) -> CallResult:
    phone = PhoneCall(
        base_url + "/voice/incoming",
        HttpTransport(timeout=ANSWERED_WITHIN + 2),
        status_callback_url=base_url + "/voice/status",
        auth_token=AUTH_TOKEN,
        from_number=caller,
    )
    return phone.run(ScriptedInput([speech("what are your hours"), digits("5"), digits("2")]))


def signed(url: str, params: dict[str, str]) -> str:
    return RequestValidator(AUTH_TOKEN).compute_signature(url, params)


@pytest.mark.deploy
def test_slow_clients_are_cut_off_and_a_call_meanwhile_is_answered_at_once(db_url, start_web):
    web = start_web(db_url, workers=1, **SMALL_SERVER)
    slow = SlowClients(web.port)
    slow.open()
    trickling = threading.Thread(target=slow.trickle, daemon=True)
    trickling.start()
    try:
        time.sleep(1.5)  # every slow connection has been accepted and has sent something
        started = time.monotonic()
        result = call_for_hours_then_the_pharmacy(web.url, caller="+15555554001")
        call_seconds = time.monotonic() - started
    finally:
        trickling.join(TRICKLE_FOR + 5)
    assert not trickling.is_alive()

    assert not result.errors, (result.errors, slow.held_open())
    assert not result.violations, result.violations
    assert heard(result).count(HOURS) == 2
    assert [(t.number, t.outcome) for t in result.transfers] == [(PHARMACY, "completed")]
    assert max(result.timings_ms) < ANSWERED_WITHIN * 1000, (result.timings_ms, call_seconds)
    held = slow.held_open()
    closed = [seconds for seconds in held if seconds is not None]
    assert len(closed) == len(held), held
    assert max(closed) <= READ_DEADLINE + LATE, held
    # The kept-alive connections got their first answer before they slowed down.
    kept_alive = [c.received[:12] for c in slow.clients if c.first == KEPT_ALIVE]
    assert kept_alive == [b"HTTP/1.1 404"] * 2, kept_alive
    assert web.logged_errors() == []


@pytest.mark.deploy
def test_a_request_sent_slowly_within_the_deadline_is_answered(db_url, start_web):
    web = start_web(db_url, workers=1, **SMALL_SERVER)
    url = web.url + "/voice/incoming"
    params = {
        "CallSid": "CA" + "1" * 32,
        "AccountSid": ACCOUNT_SID,
        "From": "+15555554002",
        "To": "+15555550199",
        "CallStatus": "ringing",
        "Direction": "inbound",
    }
    body = urlencode(params).encode()
    request = (
        f"POST /voice/incoming HTTP/1.1\r\nHost: 127.0.0.1:{web.port}\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        f"X-Twilio-Signature: {signed(url, params)}\r\nConnection: close\r\n\r\n"
    ).encode() + body
    pieces = [request[:30], request[30:-20], request[-20:]]
    with socket.create_connection(("127.0.0.1", web.port), timeout=10) as sock:
        for n, piece in enumerate(pieces):
            time.sleep(1.0 if n else 0)  # 2 s in all, under the deadline
            sock.sendall(piece)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200 "), answer[:200]
    assert b"<Gather" in answer
    assert web.logged_errors() == []


@pytest.mark.deploy
def test_a_body_over_64_kb_gets_413_chunked_or_not(db_url, start_web):
    web = start_web(db_url, workers=1, **SMALL_SERVER)
    path = "/voice/gather?turn=1"
    params = {"CallSid": "CA" + "2" * 32, "AccountSid": ACCOUNT_SID, "SpeechResult": "x" * 100_000}
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": signed(web.url + path, params),
    }
    body = urlencode(params).encode()
    statuses = []
    for chunked in (False, True):
        connection = http.client.HTTPConnection("127.0.0.1", web.port, timeout=10)
        try:
            if chunked:
                pieces = iter([body[i : i + 16384] for i in range(0, len(body), 16384)])
                connection.request("POST", path, pieces, headers, encode_chunked=True)
            else:
                connection.request("POST", path, body, headers)
            statuses.append(connection.getresponse().status)
        finally:
            connection.close()
    assert statuses == [413, 413]
    assert web.logged_errors() == []


@pytest.fixture
def incoming_request(monkeypatch: pytest.MonkeyPatch, sqlite_template):
    """gunicorn.conf.py's IncomingRequest, the config loaded as gunicorn loads it (its start-up
    checks need a migrated database)."""
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{sqlite_template}")
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    return config["IncomingRequest"], config


WHOLE_REQUESTS = {
    "no body": b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
    "Content-Length": b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
    "chunked": b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n1\r\n!\r\n0\r\n\r\n",
    "trailers": b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\nX-T: 1\r\n\r\n",
}


@pytest.mark.parametrize("request_bytes", WHOLE_REQUESTS.values(), ids=WHOLE_REQUESTS.keys())
def test_a_request_is_whole_only_once_its_last_byte_is_in(incoming_request, request_bytes):
    request_class, config = incoming_request
    for whole_at_once in (True, False):
        incoming = request_class(deadline=0.0)
        verdicts = []
        for piece in [request_bytes] if whole_at_once else [bytes([b]) for b in request_bytes]:
            incoming.data += piece
            verdicts.append(incoming.verdict())
        assert verdicts[-1] == config["WHOLE"]
        assert set(verdicts[:-1]) <= {None}


DECIDED_AT_ONCE = {
    "Content-Length over 64 KB": (
        b"POST / HTTP/1.1\r\nContent-Length: 65537\r\n\r\n",
        "413 Content Too Large",
    ),
    "chunked over 64 KB": (
        b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10001\r\n",
        "413 Content Too Large",
    ),
    "headers over 64 KB": (
        b"GET / HTTP/1.1\r\n" + b"X-A: a\r\n" * 10_000,
        "431 Request Header Fields Too Large",
    ),
    # what gunicorn refuses itself (400) before it would wait for a body: handed over at once
    "bare line feed": (b"GET / HTTP/1.1\nHost: x\n", "whole"),
    "Content-Length and chunked": (
        b"POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        "whole",
    ),
    "a bad chunk size": (b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "whole"),
}


@pytest.mark.parametrize(("request_bytes", "verdict"), DECIDED_AT_ONCE.values(), ids=DECIDED_AT_ONCE.keys())
def test_what_is_too_large_or_not_http_is_decided_without_waiting(incoming_request, request_bytes, verdict):
    request_class, _ = incoming_request
    incoming = request_class(deadline=0.0)
    incoming.data += request_bytes
    assert incoming.verdict() == verdict
