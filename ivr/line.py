"""The phone line as configured at start-up: settings, the answerer and the request validator.

Built once per process and only read afterwards; no call state lives here."""

from __future__ import annotations

from dataclasses import dataclass

from twilio.request_validator import RequestValidator

from ivr.answering import Answerer
from ivr.assistant import Assistant
from ivr.config import Settings


@dataclass(frozen=True)
class Line:
    settings: Settings
    answerer: Answerer
    validator: RequestValidator | None

    @property
    def assistant(self) -> Assistant:
        return self.answerer.assistant
