"""A small business API for trying actions offline: the clinic's CRM that
`ivr/assistants/riverside-clinic-crm.toml` declares. `ivr demo-business` serves it.

It behaves as a careful business endpoint should, and prints what it does:

- it refuses a request without the bearer token (401) or, given the signing secret, one whose
  Standard Webhooks signature does not verify (401): the body for POST, and for GET the query
  string as a JSON string;
- it does each thing once per Idempotency-Key: a request seen before gets the stored answer again
  (a repeated webhook, a take-over after a worker died, a retry never books twice);
- it answers JSON objects whose top-level fields the assistant file speaks.

    GET  /contacts?phone=+1555…   the caller, if known (404 if not)
    POST /activities              {phone, call_sid, caller_name} -> {activity_id, deal_id}
    POST /appointments            {when, reason?, phone?} -> {when, confirmation}
    GET  /balance?account=…       -> {balance, due, last_four} (404 for an unknown account)
    POST /deals/stage             {phone, outcome, summary} -> {deal_id, stage}: visit booked if
                                  the caller booked one, else contacted
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from standardwebhooks import Webhook, WebhookVerificationError

DEFAULT_PORT = 8900
DEFAULT_TOKEN = "demo-crm-token"
MAX_BODY = 64 * 1024
PATIENTS = {
    "+15555550123": {"name": "Maria Lopez", "notes": "Prefers mornings", "tags": ["patient"]},
    "+12025550143": {"name": "James Carter", "tags": ["new patient"]},
}
ACCOUNTS = {
    "12345678": {"balance": "84.20", "due": "December 15"},
    "87654321": {"balance": "0.00", "due": "nothing"},
}
STAGES = ("new", "contacted", "visit booked")


@dataclass
class Crm:
    """The CRM's state: activities, appointments, deals, and each answer by its Idempotency-Key."""

    activities: list[dict[str, Any]] = field(default_factory=list)
    appointments: list[dict[str, Any]] = field(default_factory=list)
    deals: dict[str, str] = field(default_factory=dict)  # phone -> stage
    answers: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    numbers: itertools.count = field(default_factory=lambda: itertools.count(1001))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(self, method: str, path: str, values: dict[str, Any]) -> tuple[int, dict[str, Any], str]:
        """The status, the answer and one line saying what was done."""
        route = ROUTES.get((method, path))
        if route is None:
            return 404, {"error": "no such endpoint"}, f"{method} {path}: no such endpoint"
        return route(self, values)

    def contact(self, values: dict[str, Any]) -> tuple[int, dict[str, Any], str]:
        phone = str(values.get("phone", ""))
        found = PATIENTS.get(phone)
        if found is None:
            return 404, {"error": "unknown caller"}, f"caller {phone} is not in the CRM"
        return 200, found, f"caller {phone} is {found['name']}"

    def activity(self, values: dict[str, Any]) -> tuple[int, dict[str, Any], str]:
        number = next(self.numbers)
        self.activities.append(values)
        stage = self.deals.setdefault(str(values.get("phone")), STAGES[0])
        answer = {"activity_id": f"ACT-{number}", "deal_id": f"DEAL-{number}", "stage": stage}
        return (
            201,
            answer,
            f"activity ACT-{number} logged for {values.get('caller_name') or values.get('phone')}",
        )

    def appointment(self, values: dict[str, Any]) -> tuple[int, dict[str, Any], str]:
        if not str(values.get("when", "")).strip():
            return 422, {"error": "when is required"}, "refused a booking without a time"
        number = next(self.numbers)
        self.appointments.append(values)
        answer = {"when": values["when"], "confirmation": f"RFC-{number}"}
        return 201, answer, f"booked {values['when']} ({values.get('reason') or 'visit'}): RFC-{number}"

    def balance(self, values: dict[str, Any]) -> tuple[int, dict[str, Any], str]:
        account = str(values.get("account", ""))
        found = ACCOUNTS.get(account)
        if found is None:
            return 404, {"error": "unknown account"}, f"no account {account}"
        return 200, found | {"last_four": account[-4:]}, f"account {account}: {found['balance']} due"

    def stage(self, values: dict[str, Any]) -> tuple[int, dict[str, Any], str]:
        phone = str(values.get("phone", ""))
        current = self.deals.get(phone, STAGES[0])
        booked = any(appointment.get("phone") == phone for appointment in self.appointments)
        after = "visit booked" if booked else "contacted"
        self.deals[phone] = after
        answer = {"deal_id": f"DEAL-{phone[-4:]}", "stage": after}
        return 200, answer, f"deal of {phone} moved {current} -> {after} ({values.get('outcome')})"


ROUTES: dict[tuple[str, str], Callable[[Crm, dict[str, Any]], tuple[int, dict[str, Any], str]]] = {
    ("GET", "/contacts"): Crm.contact,
    ("POST", "/activities"): Crm.activity,
    ("POST", "/appointments"): Crm.appointment,
    ("GET", "/balance"): Crm.balance,
    ("POST", "/deals/stage"): Crm.stage,
}


def serve(
    port: int = DEFAULT_PORT,
    *,
    secret: str | None = None,
    token: str = DEFAULT_TOKEN,
    delay_s: float = 0.0,
    show: Callable[[str], None] = print,
    host: str = "127.0.0.1",
    crm: Crm | None = None,
) -> ThreadingHTTPServer:
    """The CRM on host:port (not yet serving: call serve_forever). `delay_s` holds every answer,
    to try a slow business; `secret` checks signatures (None: not checked, and said so)."""
    state = crm or Crm()
    webhook = Webhook(secret) if secret else None

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            values = {name: found[0] for name, found in parse_qs(url.query).items()}
            self._answer("GET", url.path, json.dumps(url.query).encode(), values)

        def do_POST(self) -> None:
            length = min(int(self.headers.get("Content-Length") or 0), MAX_BODY)
            body = self.rfile.read(length)
            try:
                values = json.loads(body or b"{}")
            except ValueError:
                return self._send(400, {"error": "not JSON"})
            if not isinstance(values, dict):
                return self._send(400, {"error": "not a JSON object"})
            self._answer("POST", urlsplit(self.path).path, body, values)

        def _answer(self, method: str, path: str, signed: bytes, values: dict[str, Any]) -> None:
            if path == "/contacts":  # ivr's look-up: a plain GET, neither signed nor authorised
                status, answer, said = state.handle(method, path, values)
                show(f"  {method} {path}: {said}")
                return self._send(status, answer)
            if self.headers.get("Authorization") != f"Bearer {token}":
                show(f"  {method} {path}: refused, wrong or missing bearer token")
                return self._send(401, {"error": "unauthorised"})
            check = "signature not checked (no --secret)"
            if webhook is not None:
                try:
                    webhook.verify(signed, dict(self.headers))
                except WebhookVerificationError:
                    show(f"  {method} {path}: refused, bad signature")
                    return self._send(401, {"error": "bad signature"})
                check = "signature verified"
            key = self.headers.get("Idempotency-Key") or ""
            if delay_s:
                time.sleep(delay_s)
            with state.lock:
                if key and key in state.answers:
                    status, answer = state.answers[key]
                    show(f"  {method} {path}: {key} seen before: stored answer replayed, nothing done twice")
                    return self._send(status, answer)
                status, answer, said = state.handle(method, path, values)
                if key and status < 500:
                    state.answers[key] = (status, answer)
            show(f"  {method} {path} ({check}, key {key or '-'}): {said}")
            self._send(status, answer)

        def _send(self, status: int, answer: dict[str, Any]) -> None:
            body = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server
