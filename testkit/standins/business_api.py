"""A local stand-in for a business's own API, the one an assistant file's [[actions]] call, for
tests. It is also the protocol's documentation, from the business's side:

    POST <url>                       GET <url>?name=value&...
    Content-Type: application/json   (no body)
    Authorization: ...               the declared headers, ${VAR}s filled from the environment
    Idempotency-Key: CA…-4-book_appointment   unique to the call, the turn and the action
    webhook-id, webhook-timestamp, webhook-signature   Standard Webhooks, EVENTS_SIGNING_SECRET;
                                     the signed payload is the body (POST), or the query string
                                     as a JSON string (GET): json.dumps(query_string)

    2xx {"field": value, ...}        done; the top-level fields may be spoken
    anything else                    failed: a non-2xx, a redirect, not JSON, late, over 64 KB

    with BusinessStandIn() as api:
        api.answer("/book", {"confirmation": "BK-1"})
        api.slow("/book", seconds=2)
        url = api.url("/book")

Answers are scripted per path and kept until changed: `answer`, `slow`, `fail`, `html`, `redirect`,
`huge`. A path with no script answers 404. With `once_per_key`, a repeated Idempotency-Key gets the
first answer again, as a careful business would; `done` counts what was really done per path.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from testkit.standins.loopback import LoopbackHandler, LoopbackServer


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: bytes = b"{}"
    content_type: str = "application/json"
    delay: float = 0.0
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)  # names lower-cased

    @property
    def values(self) -> dict[str, Any]:
        if self.method == "GET":
            return {name: found[0] for name, found in parse_qs(self.query).items()}
        return json.loads(self.body or b"{}")


class BusinessStandIn(LoopbackServer):
    def __init__(self, once_per_key: bool = True) -> None:
        super().__init__(_Handler)
        self.once_per_key = once_per_key
        self._answers: dict[str, Answer] = {}
        self._requests: list[RecordedRequest] = []
        self._by_key: dict[str, Answer] = {}
        self.done: Counter[str] = Counter()
        self._lock = threading.Lock()

    def url(self, path: str) -> str:
        return f"{self.origin}{path}"

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    # Scripting, per path

    def answer(self, path: str, document: Any, status: int = 200, delay: float = 0.0) -> None:
        self._script(path, Answer(status, json.dumps(document).encode(), delay=delay))

    def slow(self, path: str, seconds: float, document: Any = None) -> None:
        self.answer(path, document if document is not None else {}, delay=seconds)

    def fail(self, path: str, status: int = 500) -> None:
        self._script(path, Answer(status, b'{"error": "internal error"}'))

    def html(self, path: str) -> None:
        self._script(path, Answer(200, b"<html><body>Gateway timeout</body></html>", "text/html"))

    def redirect(self, path: str, location: str) -> None:
        self._script(path, Answer(302, b"", headers=(("Location", location),)))

    def huge(self, path: str) -> None:
        """A JSON answer over 64 KB."""
        self._script(path, Answer(200, json.dumps({"padding": "x" * 70_000}).encode()))

    def _script(self, path: str, answer: Answer) -> None:
        with self._lock:
            self._answers[path] = answer

    # Used by the request handler

    def _answer_for(self, request: RecordedRequest) -> Answer:
        key = request.headers.get("idempotency-key", "")
        with self._lock:
            self._requests.append(request)
            if self.once_per_key and key in self._by_key:
                return self._by_key[key]
            answer = self._answers.get(request.path, Answer(404, b'{"error": "not found"}'))
            if 200 <= answer.status < 300:
                self.done[request.path] += 1
                if key:
                    self._by_key[key] = answer
            return answer


class _Handler(LoopbackHandler):
    def do_GET(self) -> None:
        self._handle(b"")

    def do_POST(self) -> None:
        self._handle(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

    def _handle(self, body: bytes) -> None:
        standin = self.server.standin
        url = urlsplit(self.path)
        headers = {name.lower(): value for name, value in self.headers.items()}
        answer = standin._answer_for(RecordedRequest(self.command, url.path, url.query, body, headers))
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if not standin._pause(answer.delay):
                return
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            for name, value in answer.headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(answer.body)
