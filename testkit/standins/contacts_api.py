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
from typing import Any
from urllib.parse import parse_qs, urlsplit

from testkit.standins.loopback import LoopbackHandler, LoopbackServer

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


class ContactsStandIn(LoopbackServer):
    """A contact endpoint on 127.0.0.1; `url` is what an assistant file's `[contacts] url` would be."""

    def __init__(self) -> None:
        super().__init__(_Handler)
        self._answers: dict[str, Answer] = {}
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        if not self.running:
            raise RuntimeError("the stand-in is not started")
        return f"{self.origin}{PATH}"

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


class _Handler(LoopbackHandler):
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
