"""Twilio's webhook parameters are read safely, whatever a request carries."""

from __future__ import annotations

import pytest

from ivr.dialog.types import CallerInput
from ivr.web.twilio_form import caller_input


def form(**fields: str | None) -> dict[str, str]:
    return {name: value for name, value in fields.items() if value is not None}


@pytest.mark.parametrize(
    ("speech_result", "confidence", "digits", "expected"),
    [
        (None, None, None, CallerInput("silence")),
        ("  ", "0.9", None, CallerInput("silence")),
        ("Pharmacy.", "0.91", None, CallerInput("speech", "Pharmacy.", 0.91)),
        ("Pharmacy.", "not-a-number", None, CallerInput("speech", "Pharmacy.", None)),
        ("Pharmacy.", "7", None, CallerInput("speech", "Pharmacy.", None)),
        (None, None, "2", CallerInput("digits", "2")),
        (None, None, "abc", CallerInput("silence")),
    ],
)
def test_webhook_input_is_read_safely(speech_result, confidence, digits, expected):
    assert caller_input(form(SpeechResult=speech_result, Confidence=confidence, Digits=digits)) == expected


def test_enormous_speech_is_cut_to_a_sane_length():
    assert len(caller_input(form(SpeechResult="word " * 20000, Confidence="0.9")).text) == 1000
