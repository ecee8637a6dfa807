"""Render dialog actions as TwiML with the twilio builder (never hand-written XML)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from xml.sax.saxutils import escape

from twilio.twiml.voice_response import Dial, Gather, VoiceResponse

from ivr.assistant import Assistant, MenuOption, Speech
from ivr.dialog import hours, wording
from ivr.dialog.types import Action, Ask, FirstWords, Hangup, Listen, Record, Transfer, Wait

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
    whisper: str | None = None  # what the person answering a transfer hears first (<Number url>)
    recorded: str | None = None  # a voice message's <Record>: its action, status and transcription
    recording_status: str | None = None
    transcription: str | None = None


def render(action: Action, assistant: Assistant, urls: Urls) -> str:
    if isinstance(action, Listen | Ask):
        return listening(assistant, action.say, urls.gather, several_keys=isinstance(action, Ask))
    response = VoiceResponse()
    say(response, assistant, action.say)
    if isinstance(action, Wait | FirstWords):
        response.redirect(urls.reply, method="POST")
    elif isinstance(action, Transfer):
        dial = Dial(action=urls.dial, method="POST", timeout=DIAL_RING_SECONDS, answer_on_bridge=True)
        # https://www.twilio.com/docs/voice/twiml/number#url: the url's TwiML runs on the answering
        # person's leg before the parties are connected, while the caller still hears ringing.
        whisper = {"url": urls.whisper, "method": "POST"} if urls.whisper else {}
        dial.number(assistant.directory[action.target], **whisper)
        response.append(dial)
    elif isinstance(action, Hangup):
        response.hangup()
    elif isinstance(action, Record):
        record(response, urls)
    return str(response)


RECORD_MAX_SECONDS = 120  # Twilio transcribes recordings of up to two minutes
RECORD_SILENCE_SECONDS = 5


def record(response: VoiceResponse, urls: Urls) -> None:
    """<Record> after a beep, ended by # or a pause, then the no-message path: with nothing
    recorded Twilio goes on to the next verb (https://www.twilio.com/docs/voice/twiml/record),
    and the <Redirect> brings that silence back to us as a turn."""
    response.record(
        action=urls.recorded,
        method="POST",
        max_length=RECORD_MAX_SECONDS,
        timeout=RECORD_SILENCE_SECONDS,
        finish_on_key="#",
        play_beep=True,
        trim="trim-silence",
        recording_status_callback=urls.recording_status,
        recording_status_callback_method="POST",
        recording_status_callback_event="completed",
        transcribe=True,
        transcribe_callback=urls.transcription,
    )
    response.redirect(urls.gather, method="POST")


def listen(assistant: Assistant, text: str, gather_url: str, several_keys: bool = False) -> VoiceResponse:
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
        # Every menu key is one key: act on the press, don't wait for #. A value asked for (an
        # account number) is several, ended by # (finishOnKey's default) or a pause.
        num_digits=None if several_keys else 1,
        profanity_filter=speech.profanity_filter,
        # Empty results take the no-input path below rather than an empty action request.
        action_on_empty_result=False,
    )
    say(gather, assistant, text)
    response.append(gather)
    response.redirect(gather_url, method="POST")
    return response


@dataclass(frozen=True)
class _Shape:
    """What a listening document holds besides its URL and words: the same on every turn of a line."""

    voice: str
    language: str
    speech: Speech
    menu: tuple[MenuOption, ...]  # the hints
    several_keys: bool
    # each other language's offer, voice, language and words (the hints too)
    others: tuple[tuple[str, str, str, tuple[str, ...]], ...]
    assistant: Assistant = field(compare=False, hash=False)  # to build the document from, once


URL_MARK, WORDS_MARK = "ivr0url0mark", "ivr0words0mark"  # what neither escaping nor speakable() changes
ATTRIBUTE_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}  # besides & < >


def listening(assistant: Assistant, text: str, gather_url: str, several_keys: bool = False) -> str:
    """listen()'s document, written into what the builder made of it once for this line: the
    Gather's attributes (the hints above all) are the same on every turn, and building and escaping
    them was most of a turn's TwiML. The URL and words are escaped as ElementTree, under the
    builder, escapes an attribute (the Gather's action) and text (the <Say>, the <Redirect>)."""
    others = tuple((o.offer, o.assistant.voice, o.assistant.language, o.words) for o in assistant.languages)
    shape = _Shape(
        assistant.voice, assistant.language, assistant.speech, assistant.menu, several_keys, others, assistant
    )
    action = escape(gather_url, ATTRIBUTE_ENTITIES)
    if any(language.offer in text for language in assistant.languages):  # offers in their own voices
        voiced_document = _listening_to(shape, text)  # a greeting: the same words on every call
        if voiced_document is None:
            return str(listen(assistant, text, gather_url, several_keys))
        head, middle, tail = voiced_document
        return f"{head}{action}{middle}{escape(gather_url)}{tail}"
    template, spoken = _listening(shape), speakable(text)
    if not spoken or template is None:  # no <Say> at all, or more than the template holds
        return str(listen(assistant, text, gather_url, several_keys))
    head, before_words, after_words, tail = template
    return f"{head}{action}{before_words}{escape(spoken)}{after_words}{escape(gather_url)}{tail}"


@functools.lru_cache(maxsize=64)
def _listening(shape: _Shape) -> tuple[str, str, str, str] | None:
    """The builder's document for `shape`, cut where the Gather's action, the words and the
    Redirect's URL go; None unless they come in that order, once each."""
    document = str(listen(shape.assistant, WORDS_MARK, URL_MARK, shape.several_keys))
    pieces = re.split(f"({URL_MARK}|{WORDS_MARK})", document)
    if pieces[1::2] != [URL_MARK, WORDS_MARK, URL_MARK]:
        return None
    return pieces[0], pieces[2], pieces[4], pieces[6]


@functools.lru_cache(maxsize=256)
def _listening_to(shape: _Shape, text: str) -> tuple[str, str, str] | None:
    """The builder's document for `shape` saying `text` in several voices (a greeting that offers
    other languages), cut where the Gather's action and the Redirect's URL go."""
    pieces = str(listen(shape.assistant, text, URL_MARK, shape.several_keys)).split(URL_MARK)
    return (pieces[0], pieces[1], pieces[2]) if len(pieces) == 3 else None


def say(parent: VoiceResponse | Gather, assistant: Assistant, text: str) -> None:
    for words, voice, language in voiced(assistant, text):
        spoken = speakable(words)
        if spoken:
            parent.say(spoken, voice=voice, language=language)


def voiced(assistant: Assistant, text: str) -> list[tuple[str, str, str]]:
    """The text in the voices that say it: the line's own, and each other language's for its
    offer ("para español, oprima nueve" in the Spanish voice)."""
    pieces = [(text, assistant.voice, assistant.language)]
    for offered in assistant.languages:
        line, found = offered.assistant, []
        for words, voice, language in pieces:
            before, offer, after = words.partition(offered.offer)
            if not offer:
                found.append((words, voice, language))
                continue
            found += [(before, voice, language), (offer, line.voice, line.language), (after, voice, language)]
        pieces = found
    return pieces


def speakable(text: str) -> str:
    """Text fit for <Say>: no markup, links or control characters, and within Twilio's limit."""
    cleaned = " ".join(UNSPEAKABLE.sub(" ", text).split())
    if len(cleaned.encode()) <= SAY_LIMIT_BYTES:
        return cleaned
    return cleaned.encode()[: SAY_LIMIT_BYTES - 1].decode(errors="ignore").rsplit(" ", 1)[0] + "."


WHISPER_SECONDS = 8  # for the person answering to press 1 after the whisper


def whisper(assistant: Assistant, text: str, answer_url: str) -> str:
    """Who is calling and why, for the person answering a transfer, and a key to take the call.
    Without a key the Gather falls through to <Hangup>: their leg ends, the caller is told."""
    response = VoiceResponse()
    gather = Gather(input="dtmf", num_digits=1, timeout=WHISPER_SECONDS, action=answer_url, method="POST")
    say(gather, assistant, text)
    response.append(gather)
    response.hangup()
    return str(response)


def whisper_answered(assistant: Assistant, accepted: bool) -> str:
    """An empty document puts the two parties through; otherwise the answering leg hangs up."""
    response = VoiceResponse()
    if not accepted:
        say(response, assistant, wording.of(assistant).WHISPER_DECLINED)
        response.hangup()
    return str(response)


def whisper_failed() -> str:
    response = VoiceResponse()
    response.hangup()
    return str(response)


def busy_line(assistant: Assistant) -> str:
    """For a number calling again and again: polite, brief, and no further webhooks."""
    response = VoiceResponse()
    say(response, assistant, f"{wording.of(assistant).TOO_MANY_CALLS} {assistant.goodbye}")
    response.hangup()
    return str(response)


def fallback(assistant: Assistant | None) -> str:
    """What a caller hears when anything went wrong: built from the assistant alone."""
    response = VoiceResponse()
    if assistant is None:
        response.say(wording.ENGLISH.NO_ASSISTANT)
        response.hangup()
        return str(response)
    if assistant.operator and not hours.reachable(assistant, assistant.operator):
        assistant = replace(assistant, operator=None)  # closed: nobody there to ring
    say(response, assistant, wording.of(assistant).something_went_wrong(assistant))
    if assistant.operator:
        response.dial(
            assistant.directory[assistant.operator], timeout=DIAL_RING_SECONDS, answer_on_bridge=True
        )
        say(response, assistant, wording.of(assistant).call_back_later(assistant))
    response.hangup()
    return str(response)
