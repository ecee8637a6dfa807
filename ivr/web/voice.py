"""Twilio's voice webhooks. Each view parses the request, asks the answering layer, and answers
TwiML. A caller never hears "an application error has occurred": every failure becomes a spoken
fallback, and only requests that are not Twilio's get a 4xx."""

from __future__ import annotations

import logging
from dataclasses import replace

from flask import Blueprint, Response, abort, current_app, g, request, url_for
from sqlalchemy.orm import Session
from werkzeug.exceptions import HTTPException

from ivr import logs
from ivr.answering import calls, turns
from ivr.dialog.redaction import redacted
from ivr.dialog.types import CallerInput
from ivr.record.calls import CallDetails
from ivr.record.turns import Step
from ivr.web import twilio_form, twiml
from ivr.web.signatures import is_genuine_twilio_request, why_refused
from ivr.web.state import VoiceService

log = logging.getLogger("ivr.voice")
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
    service = current()
    limit = service.settings.calls_per_caller_per_minute
    step = calls.answer_incoming(service.assistant, db(), details(), limit)
    return answer(step) if step is not None else xml(twiml.busy_line(service.assistant))


@voice.post("/gather")
def gather() -> Response:
    said = twilio_form.caller_input(request.form)
    if current().settings.redact_transcripts:
        said = redacted(said)
    return take_turn(said)


@voice.post("/dial")
def dial() -> Response:
    return take_turn(CallerInput("dial", twilio_form.dial_status(request.form)))


@voice.post("/reply")
def reply() -> Response:
    """Where a filler's <Redirect> brings the caller back for an answer that was late, or an
    answer's first sentence brings them back for the rest."""
    seq = turn_param()
    if seq is None:
        abort(400, "turn is missing: this route is only reached through the Redirect we send.")
    waits = twilio_form.count(request.args.get("wait")) or 0
    heard = request.args.get("heard", default="")[:40]
    return answer(turns.settle(current().answerer, db(), details().call_sid, seq, waits, heard))


@voice.post("/status")
def status() -> tuple[str, int]:
    form = request.form
    call = calls.note_status(
        current().assistant,
        db(),
        details(),
        twilio_form.call_status(form),
        twilio_form.count(form.get("CallDuration")),
        twilio_form.count(form.get("SequenceNumber")),
    )
    log.info("event=status status=%s", call.status)
    return "", 204


@voice.post("/fallback")
def fallback() -> Response:
    """Twilio's Fallback URL: no database, no model, just the assistant file."""
    form = request.form
    log.error("event=fallback error_code=%s error_url=%s", form.get("ErrorCode"), form.get("ErrorUrl"))
    return xml(twiml.fallback(current().assistant))


@voice.errorhandler(Exception)
def failed(error: Exception) -> Response | HTTPException:
    if isinstance(error, HTTPException):
        return error
    log.exception("event=error path=%s", request.path)
    return xml(twiml.fallback(current().assistant))


def current() -> VoiceService:
    return current_app.extensions["ivr"]


def db() -> Session:
    """This request's database session, opened on first use and closed at teardown."""
    if "db" not in g:
        g.db = current().answerer.sessions()
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


def turn_param() -> int | None:
    return twilio_form.count(request.args.get("turn"))


def take_turn(said: CallerInput) -> Response:
    return answer(turns.take_turn(current().answerer, db(), details(), turn_param(), said))


def answer(step: Step) -> Response:
    action = step.action
    log.info("event=turn next=%s action=%s", step.next_seq, action.kind)
    urls = twiml.Urls(
        gather=url_for("voice.gather", turn=step.next_seq),
        dial=url_for("voice.dial", turn=step.next_seq),
        reply=url_for(
            "voice.reply",
            turn=step.next_seq,
            wait=getattr(action, "waits", 0),
            heard=getattr(action, "heard", "") or None,
        ),
    )
    return xml(twiml.render(action, current().assistant, urls))


def xml(document: str) -> Response:
    return Response(document, mimetype="text/xml")
