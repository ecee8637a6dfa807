"""Twilio's side of a call, played against the app in process: whole calls through the HTTP routes,
single signed webhooks, and what to read from the TwiML that comes back."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from flask.testing import FlaskClient
from twilio.request_validator import RequestValidator

from ivr.devtools.twilio_emulator import CallResult, FlaskTransport, Input, PhoneCall, Said, ScriptedInput

AUTH_TOKEN = "0123456789abcdef0123456789abcdef"
ACCOUNT_SID = "AC" + "a" * 32


def call_app(
    client: FlaskClient,
    *inputs: Input,
    dial: tuple[str, ...] = (),
    caller: str = "+15555550123",
    to: str = "+15555550199",
) -> CallResult:
    """Place a whole call through the app's HTTP routes, following the TwiML as Twilio would,
    and check that every document keeps Twilio's rules."""
    phone = PhoneCall(
        "http://localhost/voice/incoming",
        FlaskTransport(client),
        status_callback_url="http://localhost/voice/status",
        auth_token=AUTH_TOKEN,
        from_number=caller,
        to_number=to,
    )
    result = phone.run(ScriptedInput(inputs, dial))
    assert not result.violations, result.violations
    assert not result.errors, result.errors
    return result


def heard(result: CallResult) -> str:
    return " ".join(said.text for said in result.heard)


def after_greeting(result: CallResult) -> list[Said]:
    """What the caller heard after the greeting and the offers of other languages that follow it
    in their own voices ("Para español, ...")."""
    own = result.heard[0].language
    rest = result.heard[1:]
    while rest and rest[0].language != own:
        rest = rest[1:]
    return rest


@dataclass
class Webhooks:
    """Twilio's side, one request at a time: signed form posts to the app's voice routes."""

    client: FlaskClient
    call_sid: str = "CA" + "1" * 32
    token: str = AUTH_TOKEN

    def post(self, path: str, signed: bool = True, **params: str):
        params = {"CallSid": self.call_sid, "AccountSid": ACCOUNT_SID, **params}
        headers = {}
        if signed:
            url = "http://localhost" + path
            headers["X-Twilio-Signature"] = RequestValidator(self.token).compute_signature(url, params)
        return self.client.post(path, data=params, headers=headers)

    def incoming(self, **params: str):
        return self.post(
            "/voice/incoming", From="+15555550123", To="+15555550000", CallStatus="ringing", **params
        )


def twiml(response) -> ET.Element:
    """The TwiML document of a response, after checking it is one."""
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/xml"
    root = ET.fromstring(response.get_data(as_text=True))
    assert root.tag == "Response"
    return root


def spoken(root: ET.Element) -> str:
    return " ".join(say.text or "" for say in root.iter("Say"))
