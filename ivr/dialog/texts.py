"""Texts to the caller, as the dialog core sees them: the request an engine makes (an option's
`text`, or Claude's send_text tool, whose body is the model's own and whose recipient is never
chosen by anyone: always the number the call came from), whether that number can take a text, and
what the caller is told about how it went. Sending is the answering layer's (ivr.answering.texts).

Pure: no Twilio here, only plain values."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import phonenumbers

from ivr.assistant import TEXT_MAX_CHARS, Assistant, MenuOption
from ivr.dialog import wording
from ivr.dialog.actions import Outcome
from ivr.dialog.notes import Note
from ivr.dialog.types import ActionRequest, Listen, Reply

SEND_TEXT = "send_text"  # Claude's tool, and the name of every text request, whoever makes it
MAX_PER_CALL = 2
# Why a text was not sent, as Outcome.fields["why"]: the caller is told which (said_after).
UNREACHABLE, LIMIT, FAILED, UNCONFIRMED = "unreachable", "limit", "failed", "unconfirmed"
# Texting is not set up where the line runs (no Twilio account): an option's text is left out
# unmentioned, since the caller asked for the answer, not the text; one asked for is apologised for.
OFF = "off"
# Kinds of numbers that never take a text (phonenumbers' judgement, where it can tell).
NO_TEXTS = frozenset(
    {
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
        phonenumbers.PhoneNumberType.SHARED_COST,
        phonenumbers.PhoneNumberType.VOICEMAIL,
        phonenumbers.PhoneNumberType.PAGER,
        phonenumbers.PhoneNumberType.UAN,
    }
)


def for_option(option: MenuOption) -> ActionRequest | None:
    """The text a menu option sends beside its answer, if it has one."""
    if option.text is None:
        return None
    return ActionRequest(SEND_TEXT, {"body": option.text}, option=option.key)


def body_of(arguments: Any) -> str | None:
    """The text's body from a request's arguments: one non-empty string of at most
    TEXT_MAX_CHARS characters, spaces tidied; None when there is no such body."""
    body = arguments.get("body") if isinstance(arguments, dict) else None
    if not isinstance(body, str):
        return None
    body = "\n".join(" ".join(line.split()) for line in body.strip().splitlines()).strip()
    return body if body and len(body) <= TEXT_MAX_CHARS else None


@lru_cache(maxsize=4096)  # a call's every text asks of the same number
def why_not_textable(number: str | None) -> str | None:
    """Why a text cannot go to `number` (the call's From), or None when it can: Twilio sends
    "anonymous", "restricted" or nothing for a withheld number, "client:…" or a SIP URI for a call
    from an app or a trunk; a short code is not E.164; a landline takes no texts."""
    text = (number or "").strip()
    if not text:
        return "the caller's number is withheld"
    if not text.startswith("+") or not text[1:].isdigit() or not 8 <= len(text) <= 16:
        return f"{text[:40]!r} is not a phone number that can take a text"
    try:
        parsed = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return f"{text} is not a phone number"
    if not phonenumbers.is_possible_number(parsed):
        return f"{text} is not a possible phone number"
    if phonenumbers.number_type(parsed) in NO_TEXTS:
        return f"{text} is a landline or a service number, which takes no texts"
    return None


def said_after(assistant: Assistant, outcome: Outcome, alone: bool = False) -> str:
    """What the caller is told about a text: sent, or why not. `alone`: not after an answer."""
    words = wording.of(assistant)
    if outcome.ok:
        return words.TEXT_SENT_ALONE if alone else words.TEXT_SENT
    why = str(outcome.fields.get("why", FAILED))
    not_sent = {
        UNREACHABLE: words.TEXT_UNREACHABLE,
        LIMIT: words.TEXT_LIMIT,
        UNCONFIRMED: words.TEXT_UNCONFIRMED,
    }
    return not_sent.get(why, words.TEXT_NOT_SENT)


def after_option(assistant: Assistant, request: ActionRequest, outcome: Outcome) -> Reply:
    """A menu option's answer, then whether its text went, then the question that goes on."""
    option = assistant.option(request.option)
    if option is None or option.say is None:  # the assistant file changed under the call
        note = (Note.ACTION if outcome.ok else Note.ACTION_FAILED).of(SEND_TEXT)
        return Reply(Listen(owner_words(assistant, outcome)), note)
    about_text = "" if outcome.fields.get("why") == OFF else f" {said_after(assistant, outcome)}"
    said = f"{option.say}{about_text} {wording.of(assistant).ANYTHING_ELSE}"
    return Reply(Listen(said), Note.OPTION.of(option.key))


def owner_words(assistant: Assistant, outcome: Outcome) -> str:
    """What the caller hears about a text when the model cannot say it."""
    return f"{said_after(assistant, outcome, alone=True)} {wording.of(assistant).ANYTHING_ELSE}"


def input_schema() -> dict[str, Any]:
    """Claude's send_text tool takes the body only: there is no recipient to give."""
    return {
        "type": "object",
        "properties": {
            "body": {
                "type": "string",
                "description": f"The text to send, plain words, at most {TEXT_MAX_CHARS} characters.",
            }
        },
        "required": ["body"],
        "additionalProperties": False,
    }
