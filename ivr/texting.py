"""Texts through Twilio's Messages API (https://www.twilio.com/docs/messaging/api/message-resource):
the one place the twilio REST client sends a text, with a short timeout and no retry, so a caller's
turn never hangs on it and no text goes twice. TWILIO_API_BASE_URL sends it to a stand-in instead.

What to send and to whom is decided elsewhere (ivr.answering.texts); this is the wire."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from twilio.rest import Client

    from ivr.config import Settings

log = logging.getLogger("ivr.texting")
TIMEOUT_S = 5.0  # a turn waits for the answer; past the reply budget the caller hears the filler
STATUS_ROUTE = "/voice/text-status"  # where Twilio posts each text's status (ivr.web.voice)
# The twilio library logs every request and response at INFO, ten lines each: kept to warnings.
QUIET = logging.getLogger("ivr.texting.twilio")
QUIET.setLevel(logging.WARNING)


@dataclass(frozen=True)
class Sent:
    """How the Messages API answered: the message's SID and status, or Twilio's error code and
    message (21614: not a mobile number, 21610: the caller opted out), or why it was not reached."""

    ok: bool
    sid: str | None = None
    status: str = ""
    error_code: int | None = None
    detail: str = ""
    elapsed_ms: int = 0


@dataclass(frozen=True)
class TextSender:
    """The account's REST client. `status_callback` is set per request (`reporting_to`): the URL
    Twilio called us on is the one it can reach, so it posts each text's status there."""

    client: Client
    status_callback: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> TextSender | None:
        """None without TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN: texts then fail, and are told so."""
        if not settings.twilio_account_sid or not settings.twilio_auth_token:
            return None
        from ivr.number_setup import twilio_client

        client = twilio_client(
            settings.twilio_account_sid, settings.twilio_auth_token, settings.twilio_api_base_url
        )
        client.http_client.timeout = TIMEOUT_S
        client.http_client.logger = QUIET
        base = (settings.public_base_url or "").rstrip("/")
        return cls(client, f"{base}{STATUS_ROUTE}" if base else None)

    def reporting_to(self, base_url: str) -> TextSender:
        """This sender, with status callbacks to `base_url` (unless PUBLIC_BASE_URL set one)."""
        if self.status_callback:
            return self
        return replace(self, status_callback=f"{base_url.rstrip('/')}{STATUS_ROUTE}")

    def send(self, to: str, sender: str, body: str) -> Sent:
        """Send one text; every failure is a Sent that says what happened, never an exception."""
        import requests
        from twilio.base.exceptions import TwilioException, TwilioRestException

        began = time.perf_counter()
        extra: dict[str, Any] = {"status_callback": self.status_callback} if self.status_callback else {}
        try:
            message = self.client.messages.create(to=to, from_=sender, body=body, **extra)
        except TwilioRestException as error:
            return Sent(False, error_code=error.code, detail=f"Twilio error {error.code}: {error.msg}"[:300])
        except requests.Timeout:
            return Sent(False, detail=f"no answer from the Messages API within {TIMEOUT_S:g} s")
        except (requests.RequestException, TwilioException) as error:
            return Sent(False, detail=f"the Messages API could not be reached ({type(error).__name__})")
        elapsed = round((time.perf_counter() - began) * 1000)
        return Sent(True, message.sid, str(message.status or "queued"), elapsed_ms=elapsed)
