"""Masking card-like and SSN-like digit runs in what callers say, before anything stores or
forwards it. Transcripts are personal data; numbers that could charge a card or steal an
identity should never reach the database, the logs or the model."""

from __future__ import annotations

import re

from ivr.dialog.types import CallerInput

NUMBER_WORDS = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
SSN = re.compile(r"(?<!\d)\d{3}[ -]?\d{2}[ -]?\d{4}(?!\d)")
SPOKEN_RUN = re.compile(rf"\b{NUMBER_WORDS}(?:[ ,-]+{NUMBER_WORDS}){{8,}}\b", re.IGNORECASE)


def redact(text: str) -> str:
    text = CARD.sub("[card number]", text)
    text = SSN.sub("[id number]", text)
    return SPOKEN_RUN.sub("[number]", text)


def redacted(said: CallerInput) -> CallerInput:
    """The caller's input with long digit runs masked; short keypresses are left alone."""
    if said.kind not in ("speech", "digits"):
        return said
    return CallerInput(said.kind, redact(said.text), said.confidence)
