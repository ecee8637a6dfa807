"""A call's beginning and end as the web layer asks for them: the incoming call (the per-caller
limit, the caller looked up in the business's contacts, the greeting stored), and Twilio's status
reports (with the post-call event once the call ends)."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy.orm import Session

from ivr.assistant import Assistant
from ivr.business import contacts, events
from ivr.dialog.rules import greet
from ivr.record import calls, turns
from ivr.record.calls import CallDetails
from ivr.record.models import Call
from ivr.record.turns import Step

log = logging.getLogger("ivr.answering")
RATE_WINDOW = timedelta(minutes=1)
TEST_CALLS_KEPT = timedelta(days=1)


def answer_incoming(
    assistant: Assistant, session: Session, details: CallDetails, calls_per_minute: int
) -> Step | None:
    """The greeting for a new call, stored once (a repeated webhook hears the same one); None when
    the caller's number is over its per-caller limit."""
    if details.test:  # test calls are kept for a day, to read their transcripts, then go
        calls.purge(session, TEST_CALLS_KEPT, tests_only=True)
    # One transaction counts the caller, looks them up and stores the call with its greeting; the
    # business's own contact endpoint is asked between two, so that no lock waits on its answer.
    at_once = assistant.contacts.kind != "http"
    window = int(RATE_WINDOW.total_seconds())
    admitted = calls.admit(session, details, calls_per_minute, window, record=not at_once)
    if admitted is None:
        log.warning("event=rate-limited")
        return None
    found = contacts.lookup(assistant.contacts, session, details.from_number)
    if found.status not in ("found", "unknown", "off"):
        log.warning("event=contact-lookup status=%s detail=%s", found.status, found.detail)
    caller = found.contact
    greeting = greet(assistant, caller.first_name if caller else "", found.status)
    stored = admitted.stored if at_once else calls.stored(session, details.call_sid)
    return turns.start(session, details, greeting, stored, caller.to_json() if caller else None, found.status)


def note_status(
    assistant: Assistant,
    session: Session,
    details: CallDetails,
    status: str,
    duration_s: int | None,
    sequence: int | None,
) -> Call:
    """Record one of Twilio's status reports; the call's end queues its post-call event."""

    def call_ended(session: Session, call: Call) -> None:
        if call.test:  # a scenario's call: the business hears nothing of it
            log.info("event=test-call-ended (no post-call event)")
            return
        events.add_call_ended_event(session, call, assistant.webhooks, menu=assistant.menu)

    return calls.record_status(session, details, status, duration_s, sequence, on_end=call_ended)
