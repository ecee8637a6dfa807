"""Render dialog actions as TwiML with the twilio builder (never hand-written XML)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from twilio.twiml.voice_response import Dial, Gather, VoiceResponse

from ivr.assistant import Assistant
from ivr.dialog import wording
from ivr.dialog.types import Action, FirstWords, Hangup, Listen, Transfer, Wait

SAY_LIMIT_BYTES = 3000  # Polly voices take at most 3,000 bytes of UTF-8 (Twilio warning 13521)
DIAL_RING_SECONDS = 20
UNSPEAKABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|[*_#`<>\[\]{}|]+|https?://\S+")


@dataclass(frozen=True)
class Urls:
    """Where Twilio reports back: the caller's next input (or silence), the outcome of a
    transfer, and the return for a late answer or for the rest of one."""

    gather: str
    dial: str
    reply: str


def render(action: Action, assistant: Assistant, urls: Urls) -> str:
    if isinstance(action, Listen):
        return str(listen(assistant, action.say, urls.gather))
    response = VoiceResponse()
    say(response, assistant, action.say)
    if isinstance(action, Wait | FirstWords):
        response.redirect(urls.reply, method="POST")
    elif isinstance(action, Transfer):
        dial = Dial(action=urls.dial, method="POST", timeout=DIAL_RING_SECONDS, answer_on_bridge=True)
        dial.number(assistant.directory[action.target])
        response.append(dial)
    elif isinstance(action, Hangup):
        response.hangup()
    return str(response)


def listen(assistant: Assistant, text: str, gather_url: str) -> VoiceResponse:
    """<Say> inside <Gather input="speech dtmf">, then the no-input path: Gather falls through to
    the next verb when the caller says nothing (https://www.twilio.com/docs/voice/twiml/gather),
    and the <Redirect> brings that silence back to us as a turn, so the reprompt rules apply."""
    speech = assistant.speech
    response = VoiceResponse()
    gather = Gather(
        input="speech dtmf",  # one string: the builder renders a Python list literally
        action=gather_url,
        method="POST",
        language=assistant.language,
        hints=assistant.hints() or None,
        speech_timeout=speech.timeout,
        speech_model=speech.model,
        timeout=speech.input_timeout,
        num_digits=1,  # every menu key is one key: act on the press, don't wait for #
        profanity_filter=speech.profanity_filter,
        # Empty results take the no-input path below rather than an empty action request.
        action_on_empty_result=False,
    )
    say(gather, assistant, text)
    response.append(gather)
    response.redirect(gather_url, method="POST")
    return response


def say(parent: VoiceResponse | Gather, assistant: Assistant, text: str) -> None:
    spoken = speakable(text)
    if spoken:
        parent.say(spoken, voice=assistant.voice, language=assistant.language)


def speakable(text: str) -> str:
    """Text fit for <Say>: no markup, links or control characters, and within Twilio's limit."""
    cleaned = " ".join(UNSPEAKABLE.sub(" ", text).split())
    if len(cleaned.encode()) <= SAY_LIMIT_BYTES:
        return cleaned
    return cleaned.encode()[: SAY_LIMIT_BYTES - 1].decode(errors="ignore").rsplit(" ", 1)[0] + "."


def busy_line(assistant: Assistant) -> str:
    """For a number calling again and again: polite, brief, and no further webhooks."""
    response = VoiceResponse()
    say(response, assistant, f"{wording.TOO_MANY_CALLS} {assistant.goodbye}")
    response.hangup()
    return str(response)


def fallback(assistant: Assistant | None) -> str:
    """What a caller hears when anything went wrong: built from the assistant alone."""
    response = VoiceResponse()
    if assistant is None:
        response.say(wording.NO_ASSISTANT)
        response.hangup()
        return str(response)
    say(response, assistant, wording.something_went_wrong(assistant))
    if assistant.operator:
        response.dial(
            assistant.directory[assistant.operator], timeout=DIAL_RING_SECONDS, answer_on_bridge=True
        )
        say(response, assistant, wording.call_back_later(assistant))
    response.hangup()
    return str(response)
