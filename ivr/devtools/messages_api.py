"""Twilio's Messages API played locally: the phone network's side of a text, for the terminal phone
(`ivr call` serves it where TWILIO_API_BASE_URL points) and for the tests' Twilio stand-in
(testkit/standins/twilio_api.py routes the same path here). What it speaks
(https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource):

    POST /2010-04-01/Accounts/{AccountSid}/Messages.json
         Form-encoded To, From, Body, StatusCallback; HTTP Basic auth of AccountSid:AuthToken.
         201 with the Message resource: sid "SM…", status "queued", direction "outbound-api".
         400 with Twilio's error JSON for a To that is not a phone number (21211), a number set up
         as a landline (21614, not a mobile number) or as opted out (21610, unsubscribed), a From set
         up as not able to text (21606), no Body (21602) or one over 1,600 characters (21617).

Then, like Twilio, it posts the text's status to StatusCallback (sent, then delivered), form-encoded
and signed with X-Twilio-Signature over the URL and the sorted parameters, a moment later and from
another thread: a callback may well come before the sender has stored the SID."""

from __future__ import annotations

import base64
import json
import re
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from twilio.request_validator import RequestValidator

API_VERSION = "2010-04-01"
PATH = re.compile(rf"^/{API_VERSION}/Accounts/(?P<account>[^/]+)/Messages\.json$")
E164 = re.compile(r"^\+[1-9]\d{6,14}$")
MAX_BODY = 1600
# Twilio's errors for a text it will not send, by code: HTTP status and message.
ERRORS = {
    21211: "Invalid 'To' Phone Number",
    21614: "'To' number is not a valid mobile number",
    21610: "Attempt to send to unsubscribed recipient",
    21606: "The 'From' phone number provided is not a valid message-capable Twilio phone number for "
    "this destination/account",
    21602: "Message body is required.",
    21617: "The concatenated message body exceeds the 1600 character limit.",
    20003: "Authenticate",
}
# Posts one status callback: (url, form, headers) -> HTTP status. The default is real HTTP.
Deliver = Callable[[str, dict[str, str], dict[str, str]], int]


def post_form(url: str, form: dict[str, str], headers: dict[str, str]) -> int:
    """A status callback over HTTP, as Twilio posts it."""
    body = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(
        url, body, {**headers, "Content-Type": "application/x-www-form-urlencoded"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


@dataclass
class MessagesApi:
    """One account's Messages API. `refuse` maps a To number to the error code Twilio gives it
    (21614, 21610, 21211); `cannot_text` lists From numbers that cannot send texts (21606).
    `on_text` hears each text accepted (the terminal phone prints it)."""

    account_sid: str
    auth_token: str
    deliver: Deliver = post_form
    refuse: dict[str, int] = field(default_factory=dict)
    cannot_text: set[str] = field(default_factory=set)
    callback_delay: float = 0.2
    on_text: Callable[[dict[str, Any]], None] | None = None
    messages: list[dict[str, Any]] = field(default_factory=list)
    callbacks: list[tuple[str, dict[str, str], int]] = field(default_factory=list)  # url, form, answer
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(
        self, path: str, form: dict[str, str], authorization: str | None
    ) -> tuple[int, dict[str, Any]]:
        """Answer one request, its credentials checked first as Twilio does: (HTTP status, JSON body)."""
        if not self._authenticated(authorization):
            return error(401, 20003)
        return self.create(path, form)

    def create(self, path: str, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """Answer one authenticated create request: (HTTP status, JSON body)."""
        found = PATH.match(path)
        if found is None or found["account"] != self.account_sid:
            missing = f"The requested resource {path} was not found"
            return 404, {"code": 20404, "message": missing, "status": 404}
        to, sender, body = form.get("To", ""), form.get("From", ""), form.get("Body", "")
        if not E164.match(to):
            return error(400, 21211)
        if not E164.match(sender) or sender in self.cannot_text:
            return error(400, 21606)
        if not body:
            return error(400, 21602)
        if len(body) > MAX_BODY:
            return error(400, 21617)
        if to in self.refuse:
            return error(400, self.refuse[to])
        message = self._message(to, sender, body)
        with self._lock:
            self.messages.append(message | {"status_callback": form.get("StatusCallback")})
        if self.on_text is not None:
            self.on_text(message)
        callback = form.get("StatusCallback")
        if callback:
            threading.Thread(target=self._report, args=(callback, message), daemon=True).start()
        return 201, message

    def _report(self, url: str, message: dict[str, Any]) -> None:
        """The status callbacks Twilio posts as the text goes: sent, then delivered."""
        for status in ("sent", "delivered"):
            time.sleep(self.callback_delay)
            form = {
                "AccountSid": self.account_sid,
                "ApiVersion": API_VERSION,
                "From": message["from"],
                "To": message["to"],
                "MessageSid": message["sid"],
                "SmsSid": message["sid"],
                "MessageStatus": status,
                "SmsStatus": status,
            }
            signature = RequestValidator(self.auth_token).compute_signature(url, form)
            answer = self.deliver(url, form, {"X-Twilio-Signature": signature})
            with self._lock:
                self.callbacks.append((url, form, answer))

    def _message(self, to: str, sender: str, body: str) -> dict[str, Any]:
        sid = f"SM{secrets.token_hex(16)}"  # unique across runs, as Twilio's are: the line keeps them
        now = format_datetime(datetime.now(UTC))
        uri = f"/{API_VERSION}/Accounts/{self.account_sid}/Messages/{sid}.json"
        return {
            "account_sid": self.account_sid,
            "api_version": API_VERSION,
            "body": body,
            "date_created": now,
            "date_sent": None,
            "date_updated": now,
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": sender,
            "messaging_service_sid": None,
            "num_media": "0",
            "num_segments": str(-(-len(body) // 153) if len(body) > 160 else 1),
            "price": None,
            "price_unit": "USD",
            "sid": sid,
            "status": "queued",
            "subresource_uris": {"media": uri.replace(".json", "/Media.json")},
            "to": to,
            "uri": uri,
        }

    def _authenticated(self, authorization: str | None) -> bool:
        scheme, _, encoded = (authorization or "").partition(" ")
        try:
            credentials = base64.b64decode(encoded, validate=True).decode()
        except ValueError:
            return False
        return scheme.lower() == "basic" and credentials == f"{self.account_sid}:{self.auth_token}"


def error(status: int, code: int) -> tuple[int, dict[str, Any]]:
    """Twilio's error body."""
    more_info = f"https://www.twilio.com/docs/errors/{code}"
    return status, {"code": code, "message": ERRORS[code], "more_info": more_info, "status": status}


def serve(api: MessagesApi, host: str, port: int) -> ThreadingHTTPServer:
    """The API on host:port, for the terminal phone; serve_forever() in a thread, shutdown() after."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
            status, body = api.handle(self.path.split("?")[0], form, self.headers.get("Authorization"))
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server
