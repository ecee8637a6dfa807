"""Twilio's voice webhooks. Each view parses the request, asks the answering layer, and answers
TwiML. A caller never hears "an application error has occurred": every failure becomes a spoken
fallback, and only requests that are not Twilio's get a 4xx."""

from __future__ import annotations

import logging
from dataclasses import replace
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, g, request, url_for
from sqlalchemy.orm import Session
from werkzeug.exceptions import HTTPException

from ivr import logs
from ivr.answering import actions, calls, texts, transfers, turns, voicemail
from ivr.answering.turns import Answerer
from ivr.assistant import Assistant
from ivr.dialog import hours
from ivr.dialog.redaction import redact, redacted
from ivr.dialog.types import CallerInput, Listen
from ivr.record.calls import CallDetails
from ivr.record.turns import Step
from ivr.texting import TextSender
from ivr.web import twilio_form, twiml
from ivr.web.signatures import is_genuine_twilio_request, why_refused
from ivr.web.state import VoiceService

log = logging.getLogger("ivr.voice")
URL_SAFE = "!$'()*,/:;?@"  # what werkzeug leaves unescaped in a query, as url_for does
voice = Blueprint("voice", __name__, url_prefix="/voice")


@voice.before_request
def only_twilio() -> None:
    service = current()
    logs.for_call(request.form.get("CallSid", "")[:64] or None)
    if service.validator is None:
        log.warning("event=unvalidated path=%s (TWILIO_VALIDATE_SIGNATURES=false)", request.path)
        return
    settings = service.settings
    if not is_genuine_twilio_request(service.validator, request, settings.public_base_url):
        why = why_refused(request, settings.public_base_url, settings.trusted_proxy_hops)
        log.warning("event=forbidden path=%s remote=%s %s", request.path, request.remote_addr, why)
        abort(403)


@voice.post("/incoming")
def incoming() -> Response:
    answerer = line()
    limit = current().settings.calls_per_caller_per_minute
    called = replace(details(), assistant=answerer.assistant.name)  # stored with the call
    step = calls.answer_incoming(answerer.assistant, db(), called, limit)
    if step is None:
        return xml(twiml.busy_line(answerer.assistant))
    actions.at_call_start(answerer, details().call_sid)
    return answer(step)


@voice.post("/gather")
def gather() -> Response:
    said = twilio_form.caller_input(request.form)
    if current().settings.redact_transcripts:
        said = redacted(said)
    return take_turn(said)


@voice.post("/dial")
def dial() -> Response:
    status = twilio_form.dial_status(request.form)
    return take_turn(
        CallerInput("dial", transfers.dial_outcome(db(), details().call_sid, turn_param(), status))
    )


@voice.post("/recorded")
def recorded() -> Response:
    """<Record>'s action: the caller left a voice message (kept with the call), or nothing."""
    found = twilio_form.recording(request.form)
    if found is None or not found.url or not found.duration_s:
        return take_turn(CallerInput("silence"))
    kept = voicemail.keep(db(), details().call_sid, found)
    # The transcription, when it came first, goes in the transcript too (masked like speech).
    words = kept.transcription if kept is not None and kept.transcription else ""
    text = f"[voice message, {found.duration_s} s] {words}".strip()
    if current().settings.redact_transcripts:
        text = redact(text)
    return take_turn(CallerInput("recording", text))


@voice.post("/recording")
def recording_status() -> tuple[str, int]:
    """The recording status callback: the recording's final URL and length."""
    found = twilio_form.recording(request.form)
    if found is not None:
        voicemail.keep(db(), details().call_sid, found)
    return "", 204


@voice.post("/transcription")
def transcription() -> tuple[str, int]:
    """Twilio's transcription of a voice message, when it has one (it may come after the call)."""
    found = twilio_form.recording(request.form)
    if found is not None and found.transcription:
        voicemail.keep(db(), details().call_sid, found)
    return "", 204


@voice.post("/whisper")
def whisper() -> Response:
    """The person answering a transfer (on their own call leg): who is calling and why."""
    call_sid, seq = transferred_call()
    answerer = line(transfers.called_number(db(), call_sid))
    text = transfers.whisper_text(answerer.assistant, db(), call_sid, seq)
    answered = url_for("voice.whisper_answer", call=call_sid, turn=seq)
    return xml(twiml.whisper(answerer.assistant, text, answered))


@voice.post("/whisper/answer")
def whisper_answer() -> Response:
    call_sid, seq = transferred_call()
    answerer = line(transfers.called_number(db(), call_sid))
    accepted = twilio_form.caller_input(request.form).text == "1"
    if accepted:
        transfers.accept(db(), call_sid, seq)
    return xml(twiml.whisper_answered(answerer.assistant, accepted))


@voice.post("/reply")
def reply() -> Response:
    """Where a filler's <Redirect> brings the caller back for an answer that was late, or an
    answer's first sentence brings them back for the rest."""
    seq = turn_param()
    if seq is None:
        abort(400, "turn is missing: this route is only reached through the Redirect we send.")
    waits = twilio_form.count(request.args.get("wait")) or 0
    heard = request.args.get("heard", default="")[:40]
    return answer(turns.settle(line(), db(), details().call_sid, seq, waits, heard))


@voice.post("/status")
def status() -> tuple[str, int]:
    form = request.form
    call_status = twilio_form.call_status(form)
    duration = twilio_form.count(form.get("CallDuration"))
    actions.before_call_end(line(), details().call_sid, call_status, duration)
    call = calls.note_status(
        line().assistant,
        db(),
        details(),
        call_status,
        duration,
        twilio_form.count(form.get("SequenceNumber")),
    )
    log.info("event=status status=%s", call.status)
    return "", 204


@voice.post("/fallback")
def fallback() -> Response:
    """Twilio's Fallback URL: no database, no model, just the assistant file."""
    form = request.form
    log.error("event=fallback error_code=%s error_url=%s", form.get("ErrorCode"), form.get("ErrorUrl"))
    return xml(twiml.fallback(line_or_none()))


@voice.errorhandler(Exception)
def failed(error: Exception) -> Response | HTTPException:
    if isinstance(error, HTTPException):
        return error
    if request.endpoint in ("voice.whisper", "voice.whisper_answer"):
        log.exception("event=whisper-error")
        return xml(twiml.whisper_failed())  # the answering leg ends; the caller is told, not stranded
    if isinstance(error, NoLine):
        log.warning("event=no-assistant to=%s", request.form.get("To", "")[:32])
        return xml(twiml.fallback(None))
    log.exception("event=error path=%s", request.path)
    return xml(twiml.fallback(line_or_none()))


class NoLine(Exception):
    """No assistant answers the number called: IVR_ASSISTANT is a folder without a default."""


def current() -> VoiceService:
    return current_app.extensions["ivr"]


def line(called: str | None = None) -> Answerer:
    """This call's answerer: the assistant its To number (or `called`) reaches, as it is at this
    moment (closed outside its opening hours), in the language the caller chose (`lang`, in the
    URLs we gave Twilio since). The clock is read once per request."""
    if "line" not in g:
        service = current()
        found = service.answerer_for(called or request.form.get("To"))
        if found is None:
            raise NoLine()
        moment = hours.now(service.settings.clock)
        assistant = hours.as_of(found.assistant, moment).speaking(request.args.get("lang"))
        g.line = replace(found, assistant=assistant, texts=texts_reporting_here(found))
    return g.line


def line_or_none() -> Assistant | None:
    """For the fallback, which must not fail: the call's assistant, if it can be told."""
    try:
        return line().assistant
    except NoLine:
        return None


def db() -> Session:
    """This request's database session, opened on first use and closed at teardown."""
    if "db" not in g:
        g.db = current().answerer.sessions()  # one database: every answerer's sessions are these
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    session = g.pop("db", None)
    if session is not None:
        session.close()


def details() -> CallDetails:
    """The call's details; a test call is one whose signed URL says so (`?test=1`, which only the
    holder of the auth token can sign: with signatures off, nobody can mark a call as a test)."""
    found = twilio_form.call_details(request.form)
    if request.args.get("test") == "1" and current().validator is not None:
        return replace(found, test=True)
    return found


def transferred_call() -> tuple[str, int]:
    """The caller's call and the transfer a whisper is for, from the URL we signed into the TwiML."""
    call_sid, seq = request.args.get("call", "")[:64], turn_param()
    if not call_sid or seq is None:
        abort(400, "call or turn is missing: this route is only reached through the <Number url> we send.")
    return call_sid, seq


def turn_param() -> int | None:
    return twilio_form.count(request.args.get("turn"))


def take_turn(said: CallerInput) -> Response:
    return answer(turns.take_turn(line(), db(), details(), turn_param(), said))


def answer(step: Step) -> Response:
    """The step as TwiML, in the call's language: the one the caller chose just now, if they did."""
    action = step.action
    log.info("event=turn next=%s action=%s", step.next_seq, action.kind)
    assistant = line().assistant
    if isinstance(action, Listen) and action.language:
        assistant = assistant.speaking(action.language)
    lang = assistant.chosen
    urls = twiml.Urls(
        gather=route("gather", turn=step.next_seq, lang=lang),
        dial=route("dial", turn=step.next_seq, lang=lang),
        whisper=route("whisper", call=details().call_sid, turn=step.next_seq)
        if action.kind == "transfer"
        else None,
        **(recording_urls(step.next_seq, lang) if action.kind == "record" else {}),
        reply=route(
            "reply",
            turn=step.next_seq,
            wait=getattr(action, "waits", 0),
            heard=getattr(action, "heard", "") or None,
            lang=lang,
        ),
    )
    return xml(twiml.render(action, assistant, urls))


def recording_urls(seq: int, lang: str | None) -> dict[str, str]:
    return {
        "recorded": route("recorded", turn=seq, lang=lang),
        "recording_status": route("recording"),
        "transcription": route("transcription"),
    }


def route(name: str, **query: object) -> str:
    """The URL of this blueprint's route `/name` with `query`, as url_for writes it (None values
    left out), at a third of its cost: every answer names three or four."""
    found = urlencode([(key, value) for key, value in query.items() if value is not None], safe=URL_SAFE)
    return f"{request.script_root}{voice.url_prefix}/{name}?{found}"


def xml(document: str) -> Response:
    return Response(document, mimetype="text/xml")


@voice.post("/text-status")
def text_status() -> tuple[str, int]:
    """Twilio's status callback for a text to a caller (queued, sent, delivered, undelivered...).
    A SID that is not one of ours is answered 204 too, and logged: Twilio does not retry it."""
    found = twilio_form.message_status(request.form)
    if found is None:
        abort(400, "MessageSid or MessageStatus is missing: this route is for a text's status callback.")
    sid, status, error_code = found
    known = texts.note_status(db(), sid, status, error_code)
    log.info("event=text-status sid=%s status=%s code=%s known=%s", sid, status, error_code, known)
    return "", 204


def texts_reporting_here(found: Answerer) -> TextSender | None:
    """The line's text sender, with status callbacks to where Twilio reaches this app."""
    if found.texts is None:
        return None
    return found.texts.reporting_to(request.host_url.rstrip("/") + request.script_root)
