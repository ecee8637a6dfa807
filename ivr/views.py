"""Twilio's webhooks. Each view parses the request, asks the call record and the dialog core,
and answers TwiML. A caller never hears "an application error has occurred": every failure
becomes a spoken fallback, and only requests that are not Twilio's get a 4xx."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, abort, current_app, g, request, url_for
from sqlalchemy.orm import Session
from werkzeug.exceptions import HTTPException

from ivr import answering, calls, contacts, dialog, twiml
from ivr.dialog import CallerInput
from ivr.line import Line
from ivr.redaction import redacted
from ivr.security import is_genuine_twilio_request

log = logging.getLogger("ivr.voice")
voice = Blueprint("voice", __name__, url_prefix="/voice")


@voice.before_request
def only_twilio() -> None:
    line = current()
    if line.validator is None:
        log.warning("event=unvalidated path=%s (TWILIO_VALIDATE_SIGNATURES=false)", request.path)
        return
    if not is_genuine_twilio_request(line.validator, request, line.settings.public_base_url):
        log.warning("event=forbidden path=%s remote=%s", request.path, request.remote_addr)
        abort(403)


@voice.post("/incoming")
def incoming() -> Response:
    line = current()
    details = call_details()
    if too_many_calls(line, details):
        log.warning("event=rate-limited call_sid=%s", details.call_sid)
        return xml(twiml.busy_line(line.assistant))
    found = contacts.lookup(line.assistant.contacts, db(), details.from_number)
    if found.status not in ("found", "unknown", "off"):
        log.warning(
            "event=contact-lookup call_sid=%s status=%s detail=%s",
            details.call_sid,
            found.status,
            found.detail,
        )
    caller = found.contact
    greeting = dialog.greet(line.assistant, caller.first_name if caller else "", found.status)
    return answer(calls.start(db(), details, greeting, caller.to_json() if caller else None, found.status))


@voice.post("/gather")
def gather() -> Response:
    form = request.form
    said = CallerInput.from_webhook(form.get("SpeechResult"), form.get("Confidence"), form.get("Digits"))
    if current().settings.redact_transcripts:
        said = redacted(said)
    return answer(answering.take_turn(current().answerer, db(), call_details(), turn_param(), said))


@voice.post("/dial")
def dial() -> Response:
    status = request.form.get("DialCallStatus", "failed").strip().lower()[:20] or "failed"
    said = CallerInput("dial", status)
    return answer(answering.take_turn(current().answerer, db(), call_details(), turn_param(), said))


@voice.post("/reply")
def reply() -> Response:
    """Where a filler's <Redirect> brings the caller back for an answer that was late, or an
    answer's first sentence brings them back for the rest."""
    seq = turn_param()
    if seq is None:
        abort(400, "turn is missing: this route is only reached through the Redirect we send.")
    waits = request.args.get("wait", default=0, type=int)
    heard = request.args.get("heard", default="")[:40]
    return answer(answering.settle(current().answerer, db(), call_details().call_sid, seq, waits, heard))


@voice.post("/status")
def status() -> tuple[str, int]:
    form = request.form
    call = calls.record_status(
        db(),
        call_details(),
        form.get("CallStatus", "").strip().lower()[:20] or "unknown",
        form.get("CallDuration", type=int),
        form.get("SequenceNumber", type=int),
        current().assistant,
    )
    log.info("event=status call_sid=%s status=%s", call.call_sid, call.status)
    return "", 204


@voice.post("/fallback")
def fallback() -> Response:
    """Twilio's Fallback URL: no database, no model, just the assistant file."""
    log.error(
        "event=fallback call_sid=%s error_code=%s error_url=%s",
        request.form.get("CallSid"),
        request.form.get("ErrorCode"),
        request.form.get("ErrorUrl"),
    )
    return xml(twiml.fallback(current().assistant))


@voice.errorhandler(Exception)
def failed(error: Exception) -> Response | HTTPException:
    if isinstance(error, HTTPException):
        return error
    log.exception("event=error call_sid=%s path=%s", request.form.get("CallSid"), request.path)
    return xml(twiml.fallback(current().assistant))


def current() -> Line:
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


def too_many_calls(line: Line, details: calls.CallDetails) -> bool:
    """The per-caller limit; withheld numbers ("anonymous") are not one caller, so not limited."""
    limit = line.settings.calls_per_caller_per_minute
    if not limit or not (details.from_number or "").startswith("+"):
        return False
    return calls.calls_from(db(), details, within_s=60) >= limit


def turn_param() -> int | None:
    return request.args.get("turn", type=int)


def call_details() -> calls.CallDetails:
    form = request.form
    call_sid = form.get("CallSid", "").strip()
    if not call_sid or len(call_sid) > 64:
        abort(400, "CallSid is missing or malformed: this route is for Twilio's voice webhooks.")
    return calls.CallDetails(
        call_sid=call_sid,
        account_sid=form.get("AccountSid", "")[:64] or None,
        from_number=form.get("From", "")[:32] or None,
        to_number=form.get("To", "")[:32] or None,
    )


def answer(step: calls.Step) -> Response:
    line = current()
    action = step.action
    log.info(
        "event=turn call_sid=%s next=%s action=%s", request.form.get("CallSid"), step.next_seq, action.kind
    )
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
    document = twiml.render(action, line.assistant, urls)
    return xml(document)


def xml(document: str) -> Response:
    return Response(document, mimetype="text/xml")
