"""What the voice webhooks need, built once per process by the factory and only read afterwards:
the settings, the answerer and the request validator. No call state lives here."""

from __future__ import annotations

from dataclasses import dataclass

from twilio.request_validator import RequestValidator

from ivr.answering.turns import Answerer
from ivr.assistant import Assistant
from ivr.config import Settings


@dataclass(frozen=True)
class VoiceService:
    settings: Settings
    answerer: Answerer
    validator: RequestValidator | None  # None: TWILIO_VALIDATE_SIGNATURES=false

    @property
    def assistant(self) -> Assistant:
        return self.answerer.assistant
