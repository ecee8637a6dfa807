"""A business's webhook receiver on loopback, for tests: it checks each request the way the
README tells receivers to, with the Standard Webhooks library, and deduplicates by event id::

    with WebhookReceiver(secret) as receiver:
        ...deliver to receiver.url...
        receiver.events      # each event once, by webhook-id, in the order first received
        receiver.received    # every request, duplicates and refused ones included

The protocol (https://www.standardwebhooks.com/, spec/standard-webhooks.md): the sender signs
"{webhook-id}.{webhook-timestamp}.{body}" with HMAC-SHA256 and sends "v1,<base64>" in
webhook-signature; the receiver verifies against the raw body, rejects timestamps more than five
minutes off, answers 2xx once it has the event, and treats a webhook-id it has seen as done.

Faults on demand: `fail(503, times=2)` answers the next requests with an error, `delay` holds
each answer, and `stop()` then `start()` takes the receiver down and brings it back on the same
port (while it is down, connections are refused)."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from standardwebhooks import Webhook, WebhookVerificationError

from testkit.standins.loopback import LoopbackHandler, LoopbackServer


@dataclass(frozen=True)
class Received:
    """One request as it arrived, and how it was answered."""

    webhook_id: str | None
    headers: dict[str, str]
    body: bytes
    status: int
    verified: bool
    duplicate: bool
    started: float  # time.monotonic() when the request arrived
    finished: float  # and when it was answered

    @property
    def payload(self) -> Any:
        return json.loads(self.body)


class WebhookReceiver(LoopbackServer):
    def __init__(self, secret: str, host: str = "127.0.0.1", port: int = 0, delay: float = 0.0) -> None:
        super().__init__(_Handler, host, port)
        self.delay = delay
        self._webhook = Webhook(secret)
        self._failures: deque[int] = deque()
        self._received: list[Received] = []
        self._events: dict[str, Any] = {}
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        """The webhook URL; it stays the same while the receiver is down."""
        return f"{self.origin}/hooks/calls"

    # Scripting

    def fail(self, status: int = 503, times: int = 1) -> None:
        """Answer the next `times` genuine requests with `status`, without keeping their events."""
        with self._lock:
            self._failures.extend([status] * times)

    # What arrived

    @property
    def received(self) -> list[Received]:
        """Every request, in arrival order, including refused, failed and duplicate ones."""
        with self._lock:
            return list(self._received)

    @property
    def events(self) -> dict[str, Any]:
        """Each accepted event once, keyed by webhook-id, in the order first accepted."""
        with self._lock:
            return dict(self._events)

    # Used by the request handler

    def _take(self, headers: dict[str, str], body: bytes, started: float) -> int:
        """Verify, then fail as scripted, or keep the event unless its id was seen: the status."""
        webhook_id = headers.get("webhook-id")
        try:
            payload = self._webhook.verify(body, headers)
        except (WebhookVerificationError, ValueError):
            return self._note(webhook_id, headers, body, 401, started, verified=False)
        time.sleep(self.delay)
        with self._lock:
            status = self._failures.popleft() if self._failures else 200
            duplicate = webhook_id in self._events
            if status < 300 and not duplicate:
                self._events[webhook_id] = payload  # type: ignore[index]
        return self._note(webhook_id, headers, body, status, started, verified=True, duplicate=duplicate)

    def _note(
        self,
        webhook_id: str | None,
        headers: dict[str, str],
        body: bytes,
        status: int,
        started: float,
        *,
        verified: bool,
        duplicate: bool = False,
    ) -> int:
        received = Received(webhook_id, headers, body, status, verified, duplicate, started, time.monotonic())
        with self._lock:
            self._received.append(received)
        return status


class _Handler(LoopbackHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        started = time.monotonic()
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {name.lower(): value for name, value in self.headers.items()}
        status = self.server.standin._take(headers, body, started)
        answer = b"" if status < 300 else f"refused with {status}".encode()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the sender stopped waiting
            self.send_response(status)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
