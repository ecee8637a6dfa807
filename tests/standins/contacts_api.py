"""A local stand-in for a business's contact endpoint, the one an assistant file names with
`[contacts] source = "http"`, for tests. It is also the protocol's documentation:

    GET <url>?phone=%2B12025550143        (the caller's E.164 number; "+" is encoded as %2B)
    Accept: application/json

    200 {"name": "Maria Lopez",
         "notes": "Prefers mornings" | ["Prefers mornings", {"text": "Owes $40", "private": true}],
         "tags": ["vip"],
         "open_items": ["Refill request"]}       the caller is known; every field may be left out
    404                                          the caller is unknown
    anything else                                the contact system is broken; the call goes on

ivr waits about 300 ms (the assistant file's `timeout_ms`) for the whole answer, body included.

    with ContactsStandIn() as api:
        api.contact("+12025550143", {"name": "Maria Lopez", "tags": ["vip"]})
        api.slow("+12025550144", seconds=3)
        source = ContactSource(kind="http", url=api.url)

Behaviour is scripted per number and kept until changed: `contact`, `slow`, `fail`, `garbage`,
`drip`. A number with no script is unknown (404). `stop()` cuts off answers still waiting.
"""

from __future__ import annotations

import contextlib
import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

PATH = "/contacts"


@dataclass(frozen=True)
class Answer:
    """What one number gets: `body` after `delay` seconds; with `drip`, the headers at once and
    then the body a byte at a time, `drip` seconds apart."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    delay: float = 0.0
    drip: float = 0.0


UNKNOWN = Answer(404, json.dumps({"error": "no contact with this number"}).encode())


@dataclass(frozen=True)
class RecordedRequest:
    path: str
    phone: str | None  # the `phone` query parameter, decoded
    headers: dict[str, str]  # names lower-cased


class ContactsStandIn:
    """A contact endpoint on 127.0.0.1; `url` is what an assistant file's `[contacts] url` would be."""

    def __init__(self) -> None:
        self._answers: dict[str, Answer] = {}
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # Lifecycle

    def start(self) -> ContactsStandIn:
        self._stopping.clear()
        self._server = _Server(self)
        # The poll interval is how long stop() waits for the serving loop to notice.
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.02,), name="contacts-standin", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening (connections are refused afterwards); waiting answers end unsent."""
        if self._server is None or self._thread is None:
            return
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
        self._server = self._thread = None

    def __enter__(self) -> ContactsStandIn:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the stand-in is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{PATH}"

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    # Scripting, per phone number

    def contact(self, phone: str, document: Any, *, delay: float = 0.0) -> None:
        """Know the caller: answer 200 with `document` as JSON."""
        self._script(phone, Answer(body=json.dumps(document).encode(), delay=delay))

    def slow(self, phone: str, seconds: float, document: Any = None) -> None:
        """Answer only after `seconds`, with `document` (a contact for "Slow Caller" by default)."""
        self.contact(phone, document or {"name": "Slow Caller"}, delay=seconds)

    def fail(self, phone: str, status: int = 500) -> None:
        self._script(phone, Answer(status, b'{"error": "internal error"}'))

    def garbage(self, phone: str, body: bytes = b"<html>Bad gateway</html>", content_type: str = "") -> None:
        """Answer 200 with a body that is not a contact (HTML by default)."""
        self._script(phone, Answer(body=body, content_type=content_type or "text/html"))

    def drip(self, phone: str, document: Any, interval: float = 0.1) -> None:
        """Send the headers at once, then the JSON body one byte every `interval` seconds."""
        self._script(phone, Answer(body=json.dumps(document).encode(), drip=interval))

    def _script(self, phone: str, answer: Answer) -> None:
        with self._lock:
            self._answers[phone] = answer

    # Used by the request handler

    def _answer_for(self, request: RecordedRequest) -> Answer:
        with self._lock:
            self._requests.append(request)
            if request.path != PATH:
                return Answer(404, b'{"error": "not found"}')
            if not request.phone:
                return Answer(400, b'{"error": "phone is required"}')
            return self._answers.get(request.phone, UNKNOWN)

    def _pause(self, seconds: float) -> bool:
        """Wait, and say whether to go on (False once the stand-in is stopping)."""
        if seconds > 0:
            self._stopping.wait(seconds)
        return not self._stopping.is_set()


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # an answer cut off by stop() must not hold up the test run

    def __init__(self, standin: ContactsStandIn) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.standin = standin


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # requests are recorded on the stand-in instead of printed

    def do_GET(self) -> None:
        standin = self.server.standin
        url = urlsplit(self.path)
        phone = parse_qs(url.query).get("phone", [None])[0]
        headers = {name.lower(): value for name, value in self.headers.items()}
        answer = standin._answer_for(RecordedRequest(url.path, phone, headers))
        # The client may give up waiting, as ivr does at its deadline.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._send(answer, standin)

    def _send(self, answer: Answer, standin: ContactsStandIn) -> None:
        if not standin._pause(answer.delay):
            return
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        if not answer.drip:
            self.wfile.write(answer.body)
            return
        for index in range(len(answer.body)):
            self.wfile.write(answer.body[index : index + 1])
            self.wfile.flush()
            if not standin._pause(answer.drip):
                return
