"""Point a Twilio phone number's voice webhooks at this ivr deployment.

Domain code for `ivr configure-number`: find the number on the account, work out what would change,
change it, and describe the result. Every failure is a NumberConfigError with a one-line message.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from twilio.base.exceptions import TwilioException, TwilioRestException, TwilioServiceException
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

from ivr.assistant import E164

API_TIMEOUT_SECONDS = 15.0
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


class NumberConfigError(Exception):
    """The number cannot be configured; the message is one line meant for the operator."""


@dataclass(frozen=True)
class SettingChange:
    """One field of the number: its value before, and the value wanted (in a plan) or now reported."""

    name: str
    before: str | None
    after: str | None

    @property
    def changed(self) -> bool:
        # Twilio reports an unset URL as "" or null depending on the field; both mean "none".
        return (self.before or "") != (self.after or "")


@dataclass(frozen=True)
class NumberPlan:
    phone_number: str
    sid: str
    friendly_name: str | None
    settings: tuple[SettingChange, ...]

    @property
    def changes(self) -> tuple[SettingChange, ...]:
        return tuple(setting for setting in self.settings if setting.changed)


class ApiBaseUrlHttpClient(TwilioHttpClient):
    """A TwilioHttpClient that sends requests meant for Twilio's REST API host to another base URL.

    The twilio library builds absolute URLs on https://api.twilio.com (twilio/rest/api/ApiBase.py),
    including the next-page URLs of lists, and hands every one to `Client.http_client.request`.
    Passing this class as `http_client` is the library's supported way to change transport, so the
    host is swapped there and nothing inside the library is patched. Other Twilio hosts
    (messaging.twilio.com, ...) are left alone.
    """

    def __init__(self, api_base_url: str, timeout: float = API_TIMEOUT_SECONDS) -> None:
        super().__init__(timeout=timeout)
        parts = urlsplit(api_base_url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise NumberConfigError(
                f"TWILIO_API_BASE_URL must be an http(s) URL such as http://127.0.0.1:8081, "
                f"not {api_base_url!r}"
            )
        self.api_base_url = api_base_url.rstrip("/")

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Response:
        return super().request(method, self.redirect(url), *args, **kwargs)

    def redirect(self, url: str) -> str:
        """Return `url` with Twilio's REST API scheme and host replaced by the configured base URL."""
        parts = urlsplit(url)
        if not _is_rest_api_host(parts.hostname or ""):
            return url
        base = urlsplit(self.api_base_url)
        return urlunsplit((base.scheme, base.netloc, base.path + parts.path, parts.query, parts.fragment))


def _is_rest_api_host(host: str) -> bool:
    # With TWILIO_EDGE / TWILIO_REGION set the library turns api.twilio.com into e.g.
    # api.sydney.au1.twilio.com (ClientBase.get_hostname), which is still the same REST API.
    return host == "api.twilio.com" or (host.startswith("api.") and host.endswith(".twilio.com"))


def twilio_client(account_sid: str, auth_token: str, api_base_url: str | None = None) -> Client:
    """A twilio REST client; with `api_base_url`, calls to api.twilio.com go there instead."""
    missing = [
        name
        for name, value in (("TWILIO_ACCOUNT_SID", account_sid), ("TWILIO_AUTH_TOKEN", auth_token))
        if not value
    ]
    if missing:  # the library would otherwise fall back to reading the environment itself
        raise NumberConfigError(
            f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not set: "
            "put your account's values (Twilio console, Account Info) in .env"
        )
    if api_base_url:
        http_client: TwilioHttpClient = ApiBaseUrlHttpClient(api_base_url)
    else:
        http_client = TwilioHttpClient(timeout=API_TIMEOUT_SECONDS)
    return Client(account_sid, auth_token, http_client=http_client)


def plan_number(client: Client, phone_number: str, base_url: str) -> NumberPlan:
    """Find `phone_number` on the client's account and say how each webhook setting would change."""
    if not E164.fullmatch(phone_number):
        raise NumberConfigError(f"{phone_number!r} is not an E.164 phone number; write it like +15551234567")
    wanted = _wanted_settings(_checked_base_url(base_url))
    number = _find_number(client, phone_number)
    if number.trunk_sid:
        raise NumberConfigError(
            f"{phone_number} is attached to SIP trunk {number.trunk_sid}, so Twilio ignores its voice "
            "URLs; remove it from the trunk in the Twilio console first"
        )
    settings = [SettingChange(name, getattr(number, name), value) for name, value in wanted.items()]
    if number.voice_application_sid:
        # While a voice application is set, Twilio ignores the number's own voice URLs, so it
        # has to be cleared (an empty value removes it).
        settings.append(SettingChange("voice_application_sid", number.voice_application_sid, ""))
    return NumberPlan(number.phone_number, number.sid, number.friendly_name, tuple(settings))


def apply_plan(client: Client, plan: NumberPlan) -> NumberPlan:
    """Write the plan's settings to the number and return them as the API now reports them.

    A plan with nothing to change is returned as it is, without calling the API.
    """
    if not plan.changes:
        return plan
    gone = f"{plan.phone_number} ({plan.sid}) is no longer on Twilio account {client.account_sid}"
    with _api_errors(client, not_found=gone):
        updated = client.incoming_phone_numbers(plan.sid).update(
            **{setting.name: setting.after for setting in plan.settings}
        )
    reported = tuple(
        SettingChange(setting.name, setting.before, getattr(updated, setting.name))
        for setting in plan.settings
    )
    return NumberPlan(plan.phone_number, plan.sid, updated.friendly_name, reported)


def format_plan(plan: NumberPlan, dry_run: bool) -> str:
    """A table of setting, before and after, for a person to read."""
    title = f"{plan.phone_number} ({plan.sid})"
    if plan.friendly_name and plan.friendly_name != plan.phone_number:
        title += f" {plan.friendly_name!r}"
    rows = [("setting", "before", "after")]
    rows += [
        (s.name, _shown(s.before), _shown(s.after) if s.changed else "(unchanged)") for s in plan.settings
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(2)]
    lines = [title]
    lines += [f"  {name:<{widths[0]}}  {before:<{widths[1]}}  {after}" for name, before, after in rows]
    if not plan.changes:
        lines.append("already configured: nothing to change")
    elif dry_run:
        lines.append(f"{len(plan.changes)} setting(s) would change")
    else:
        lines.append(f"{len(plan.changes)} setting(s) changed")
    if dry_run:
        lines.append("(dry run: nothing changed)")
    return "\n".join(lines)


def _shown(value: str | None) -> str:
    return value if value else "(none)"


def _checked_base_url(base_url: str) -> str:
    """The base URL without a trailing slash, or NumberConfigError saying why it cannot be used."""
    try:
        parts = urlsplit(base_url.strip())
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise NumberConfigError(f"base URL {base_url!r} is not a valid URL") from None
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS):
        raise NumberConfigError(
            f"base URL {base_url!r} must start with https:// (http is accepted only for localhost)"
        )
    if not parts.hostname:
        raise NumberConfigError(f"base URL {base_url!r} has no host name")
    if parts.query or parts.fragment:
        raise NumberConfigError(
            f"base URL {base_url!r} must not have a query string or fragment; webhook paths are added to it"
        )
    path = parts.path.rstrip("/")
    if "/voice/" in f"{path}/":
        bare = urlunsplit((parts.scheme, parts.netloc, path[: path.find("/voice")], "", ""))
        raise NumberConfigError(
            f"base URL {base_url!r} is a webhook URL; give where ivr is served, e.g. {bare!r}"
        )
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _wanted_settings(base_url: str) -> dict[str, str]:
    """The number's fields as ivr needs them, named as in Twilio's IncomingPhoneNumber resource."""
    return {
        "voice_url": f"{base_url}/voice/incoming",
        "voice_method": "POST",
        "voice_fallback_url": f"{base_url}/voice/fallback",
        "voice_fallback_method": "POST",
        "status_callback": f"{base_url}/voice/status",
        "status_callback_method": "POST",
    }


def _find_number(client: Client, phone_number: str) -> Any:
    missing = f"{phone_number} is not a phone number on Twilio account {client.account_sid}"
    with _api_errors(client, not_found=missing):
        candidates = client.incoming_phone_numbers.list(phone_number=phone_number)
    # Twilio's PhoneNumber filter also matches partial numbers, so keep only the exact one.
    for number in candidates:
        if number.phone_number == phone_number:
            return number
    raise NumberConfigError(missing)


@contextmanager
def _api_errors(client: Client, not_found: str) -> Iterator[None]:
    """Turn the twilio library's and requests' exceptions into NumberConfigError."""
    try:
        yield
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise NumberConfigError(f"cannot reach the Twilio API at {_origin(exc)}: {_reason(exc)}") from exc
    except TwilioException as exc:
        status, code, message = _rejection(exc)
        if status == 401 or code == 20003:
            raise NumberConfigError(
                f"authentication failed: Twilio rejected the credentials for account {client.account_sid} "
                "(error 20003); check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN"
            ) from exc
        if status == 404:
            raise NumberConfigError(not_found) from exc
        raise NumberConfigError(f"Twilio API error {code} (HTTP {status}): {message}") from exc


def _rejection(exc: TwilioException) -> tuple[int | None, int | None, str]:
    """(HTTP status, Twilio error code, message) of an error response."""
    if isinstance(exc, TwilioRestException):
        return exc.status, exc.code, exc.msg
    if isinstance(exc, TwilioServiceException):
        return exc.status, exc.code, exc.detail or exc.title
    # Listing raises a bare TwilioException("Unable to fetch page", response) (twilio/base/page.py).
    response = next((arg for arg in exc.args if isinstance(arg, Response)), None)
    if response is None:
        return None, None, str(exc)
    try:
        body = json.loads(response.text)
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    return response.status_code, body.get("code"), body.get("message") or response.text[:200]


def _origin(exc: requests.RequestException) -> str:
    if exc.request is None or not exc.request.url:
        return "api.twilio.com"
    parts = urlsplit(str(exc.request.url))
    return f"{parts.scheme}://{parts.netloc}"


def _reason(exc: requests.RequestException) -> str:
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS handshake failed"
    if isinstance(exc, requests.Timeout):
        return f"no answer within {API_TIMEOUT_SECONDS:g} seconds"
    if "Connection refused" in str(exc):
        return "connection refused"
    return "connection failed"
