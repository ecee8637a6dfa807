"""A receiver for trying post-call events locally: it checks each request's Standard Webhooks
signature, prints the event, and answers as a careful receiver would (401 when the signature is
wrong, 2xx once handled, and a repeated event id acknowledged without handling it again)."""

from __future__ import annotations

import json
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks import Webhook, WebhookVerificationError

MAX_BODY = 1024 * 1024


def serve(
    secret: str, port: int, show: Callable[[str], None], host: str = "127.0.0.1"
) -> ThreadingHTTPServer:
    """A server (not yet serving: call serve_forever) that shows each verified event once."""
    webhook, seen = Webhook(secret), set()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(min(length, MAX_BODY))
            try:
                event = webhook.verify(body, dict(self.headers))
            except WebhookVerificationError:
                show(f"refused a request with a bad signature from {self.client_address[0]}")
                return self._answer(401)
            if event["event_id"] in seen:
                show(f"{event['event_id']} again: already handled, acknowledged")
            else:
                seen.add(event["event_id"])
                show(describe(event))
            self._answer(204)

        def _answer(self, status: int) -> None:
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return ThreadingHTTPServer((host, port), Handler)


def describe(event: dict[str, Any]) -> str:
    call = event.get("call", {})
    lines = [
        f"{event.get('event_id')} {event.get('type')} (signature verified)",
        f"  {call.get('call_sid')} from {call.get('from')}: {event.get('summary')}",
    ]
    lines += [
        f"  message from {m.get('name') or m.get('callback_number')}: {m.get('text')}"
        for m in event.get("messages", [])
    ]
    lines.append("  " + json.dumps(event.get("outcome")))
    return "\n".join(lines)
