"""What the voice webhooks need, built once per process by the factory and only read afterwards:
the settings, an answerer per assistant and the request validator. No call state lives here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from twilio.request_validator import RequestValidator

from ivr.answering.turns import Answerer
from ivr.assistant import Assistant
from ivr.config import Settings


@dataclass(frozen=True)
class VoiceService:
    settings: Settings
    answerer: Answerer  # the default assistant's (or the only one's)
    validator: RequestValidator | None  # None: TWILIO_VALIDATE_SIGNATURES=false
    by_number: Mapping[str, Answerer] = field(default_factory=dict)  # IVR_ASSISTANT is a folder
    answers_all: bool = True  # numbers nobody claims reach `answerer`; False: nobody answers them

    @property
    def assistant(self) -> Assistant:
        return self.answerer.assistant

    @property
    def answerers(self) -> list[Answerer]:
        return list({id(a): a for a in (self.answerer, *self.by_number.values())}.values())

    def answerer_for(self, number: str | None) -> Answerer | None:
        """The answerer of the assistant a call to `number` reaches; None if none does."""
        found = self.by_number.get((number or "").strip())
        return found or (self.answerer if self.answers_all else None)
