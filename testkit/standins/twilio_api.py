"""A local stand-in for the slice of Twilio's REST API that manages a phone number's webhooks.

It listens on loopback and speaks the same HTTP as https://api.twilio.com, so tests reach it through
the real twilio client. What it serves (https://www.twilio.com/docs/phone-numbers/api/incomingphonenumber-resource):

    GET  /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json?PhoneNumber=...&PageSize=..&Page=..
         One page of the account's numbers in Twilio's paging envelope. PhoneNumber matches partial
         numbers too, with "*" standing for any digit, as Twilio documents.
    GET  /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json
         One number.
    POST /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json
         Form-encoded update (VoiceUrl, VoiceMethod, VoiceFallbackUrl, ...); answers the updated number.
    POST /2010-04-01/Accounts/{AccountSid}/Messages.json
         Send a text (https://www.twilio.com/docs/messaging/api/message-resource), then post its
         signed status callbacks: `messaging`, ivr.devtools.messages_api's, which `ivr call` serves too.

Every request must carry HTTP Basic auth of AccountSid:AuthToken, or it gets 401 with error 20003.
Unknown resources get 404 with error 20404. Errors use Twilio's JSON body:
{"code": ..., "message": ..., "more_info": "https://www.twilio.com/docs/errors/<code>", "status": ...}.

Simplifications: one account; another account's path is answered 404; PageToken is carried in
next-page URIs like Twilio's but paging is by Page and PageSize; only JSON (".json") is served.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from ivr.devtools.messages_api import MessagesApi
from testkit.standins.loopback import LoopbackHandler, LoopbackServer

API_VERSION = "2010-04-01"
DEFAULT_PAGE_SIZE = 50  # Twilio's default when PageSize is not given
MAX_PAGE_SIZE = 1000

LIST_PATH = re.compile(rf"^/{API_VERSION}/Accounts/(?P<account>[^/]+)/IncomingPhoneNumbers\.json$")
MESSAGES_PATH = re.compile(rf"^/{API_VERSION}/Accounts/[^/]+/Messages\.json$")
NUMBER_PATH = re.compile(
    rf"^/{API_VERSION}/Accounts/(?P<account>[^/]+)/IncomingPhoneNumbers/(?P<sid>[^/]+)\.json$"
)

# Form parameters of the update request, and the resource field each one sets.
UPDATABLE = {
    "FriendlyName": "friendly_name",
    "VoiceUrl": "voice_url",
    "VoiceMethod": "voice_method",
    "VoiceFallbackUrl": "voice_fallback_url",
    "VoiceFallbackMethod": "voice_fallback_method",
    "StatusCallback": "status_callback",
    "StatusCallbackMethod": "status_callback_method",
    "VoiceApplicationSid": "voice_application_sid",
    "TrunkSid": "trunk_sid",
    "SmsUrl": "sms_url",
    "SmsMethod": "sms_method",
}
# SIDs that Twilio reports as null when unset (an empty form value clears them).
NULLABLE = {"voice_application_sid", "trunk_sid"}


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    authenticated: bool


@dataclass
class _Reply:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


class TwilioApiStandIn(LoopbackServer):
    """One Twilio account with the phone numbers a test seeds, served over HTTP on 127.0.0.1.

    Use as a context manager, or call start() and stop().
    """

    def __init__(self, account_sid: str, auth_token: str, page_size: int = DEFAULT_PAGE_SIZE) -> None:
        super().__init__(_Handler)
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.page_size = page_size
        self._numbers: dict[str, dict[str, Any]] = {}
        self._requests: list[RecordedRequest] = []
        self._sids = itertools.count(1)
        self._lock = threading.Lock()
        self.messaging = MessagesApi(account_sid, auth_token)  # texts: its deliver, refuse, messages...

    @property
    def base_url(self) -> str:
        """What TWILIO_API_BASE_URL would be set to: empty until started, unchanged after stop()."""
        return self.origin if self.port else ""

    # --- what tests seed and inspect --------------------------------------------------------

    def add_number(self, phone_number: str, **fields: Any) -> dict[str, Any]:
        """Put a number on the account; `fields` override the resource's defaults (voice_url=...)."""
        with self._lock:
            sid = f"PN{next(self._sids):032x}"
            self._numbers[sid] = self._new_number(sid, phone_number) | fields
            return dict(self._numbers[sid])

    def remove_number(self, sid: str) -> None:
        with self._lock:
            del self._numbers[sid]

    def number(self, sid: str) -> dict[str, Any]:
        with self._lock:
            return dict(self._numbers[sid])

    @property
    def requests(self) -> tuple[RecordedRequest, ...]:
        with self._lock:
            return tuple(self._requests)

    # --- the protocol ------------------------------------------------------------------------

    def respond(self, method: str, target: str, form: dict[str, str], authorization: str | None) -> _Reply:
        url = urlsplit(target)
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        authenticated = self._is_authenticated(authorization)
        with self._lock:
            self._requests.append(RecordedRequest(method, url.path, query, form, authenticated))
            if not authenticated:
                # Twilio checks credentials before it looks at the path.
                reply = _error(401, 20003, "Authenticate")
                reply.headers["WWW-Authenticate"] = 'Basic realm="Twilio API"'
                return reply
            return self._route(method, url.path, query, form)

    def _route(self, method: str, path: str, query: dict[str, str], form: dict[str, str]) -> _Reply:
        if MESSAGES_PATH.match(path) and method == "POST":
            status, body = self.messaging.create(path, form)
            return _Reply(status, body)
        match = LIST_PATH.match(path) or NUMBER_PATH.match(path)
        if match is None or match["account"] != self.account_sid:
            return _not_found(path)
        sid = match.groupdict().get("sid")
        if sid is None:
            # POST here would buy a number, which this stand-in does not do.
            return self._list(path, query) if method == "GET" else _error(405, 20004, "Method not allowed")
        if sid not in self._numbers:
            return _not_found(path)
        if method == "POST":
            return self._update(sid, form)
        return _Reply(200, dict(self._numbers[sid]))

    def _list(self, path: str, query: dict[str, str]) -> _Reply:
        numbers = [n for n in self._numbers.values() if _matches(query, n)]
        page_size = min(int(query.get("PageSize", self.page_size)), MAX_PAGE_SIZE)
        page = int(query.get("Page", 0))
        start = page * page_size
        records = numbers[start : start + page_size]
        filters = {k: v for k, v in query.items() if k in {"PhoneNumber", "FriendlyName"}}

        def page_uri(number: int, token: str | None = None) -> str:
            params = filters | {"PageSize": page_size, "Page": number}
            if token:
                params["PageToken"] = token
            return f"{path}?{urlencode(params)}"

        has_next = start + page_size < len(numbers)
        return _Reply(
            200,
            {
                "end": start + max(len(records) - 1, 0),
                "first_page_uri": page_uri(0),
                "incoming_phone_numbers": records,
                "next_page_uri": page_uri(page + 1, f"PA{records[-1]['sid']}") if has_next else None,
                "page": page,
                "page_size": page_size,
                "previous_page_uri": page_uri(page - 1) if page else None,
                "start": start,
                "uri": page_uri(page, query.get("PageToken")),
            },
        )

    def _update(self, sid: str, form: dict[str, str]) -> _Reply:
        number = self._numbers[sid]
        for parameter, value in form.items():
            name = UPDATABLE.get(parameter)
            if name is None:
                continue  # Twilio ignores parameters it does not know
            number[name] = None if name in NULLABLE and value == "" else value
        number["date_updated"] = _now()
        return _Reply(200, dict(number))

    def _is_authenticated(self, authorization: str | None) -> bool:
        scheme, _, encoded = (authorization or "").partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            credentials = base64.b64decode(encoded, validate=True).decode()
        except ValueError:
            return False
        return credentials == f"{self.account_sid}:{self.auth_token}"

    def _new_number(self, sid: str, phone_number: str) -> dict[str, Any]:
        """A number as Twilio describes one just bought: voice goes to Twilio's demo TwiML."""
        uri = f"/{API_VERSION}/Accounts/{self.account_sid}/IncomingPhoneNumbers/{sid}.json"
        return {
            "account_sid": self.account_sid,
            "address_requirements": "none",
            "address_sid": None,
            "api_version": API_VERSION,
            "beta": False,
            "bundle_sid": None,
            "capabilities": {"voice": True, "sms": True, "mms": True, "fax": False},
            "date_created": _now(),
            "date_updated": _now(),
            "emergency_address_sid": None,
            "emergency_address_status": "unregistered",
            "emergency_status": "Inactive",
            "friendly_name": phone_number,
            "identity_sid": None,
            "origin": "twilio",
            "phone_number": phone_number,
            "sid": sid,
            "sms_application_sid": "",
            "sms_fallback_method": "POST",
            "sms_fallback_url": "",
            "sms_method": "POST",
            "sms_url": "https://demo.twilio.com/welcome/sms/reply/",
            "status": "in-use",
            "status_callback": "",
            "status_callback_method": "POST",
            "subresource_uris": {"assigned_add_ons": uri.replace(".json", "/AssignedAddOns.json")},
            "trunk_sid": None,
            "type": "local",
            "uri": uri,
            "voice_application_sid": None,
            "voice_caller_id_lookup": False,
            "voice_fallback_method": "POST",
            "voice_fallback_url": "",
            "voice_method": "POST",
            "voice_receive_mode": "voice",
            "voice_url": "https://demo.twilio.com/welcome/voice/",
        }


def _matches(query: dict[str, str], number: dict[str, Any]) -> bool:
    pattern = query.get("PhoneNumber")
    if pattern:
        digits = "".join(r"\d" if ch == "*" else re.escape(ch) for ch in pattern)
        if not re.search(digits, number["phone_number"]):
            return False
    name = query.get("FriendlyName")
    return not name or number["friendly_name"] == name


def _error(status: int, code: int, message: str) -> _Reply:
    more_info = f"https://www.twilio.com/docs/errors/{code}"
    return _Reply(status, {"code": code, "message": message, "more_info": more_info, "status": status})


def _not_found(path: str) -> _Reply:
    return _error(404, 20404, f"The requested resource {path} was not found")


def _now() -> str:
    return format_datetime(datetime.now(UTC))  # RFC 2822, as Twilio writes dates


class _Handler(LoopbackHandler):
    """HTTP transport only; TwilioApiStandIn.respond decides every answer."""

    def do_GET(self) -> None:
        self._answer("GET", {})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode()
        self._answer("POST", dict(parse_qsl(body, keep_blank_values=True)))

    def _answer(self, method: str, form: dict[str, str]) -> None:
        reply = self.server.standin.respond(method, self.path, form, self.headers.get("Authorization"))
        payload = json.dumps(reply.body).encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)
