"""Twilio's webhook parameters, parsed in this one place into plain values.

Twilio's requests are signed, but a signature proves only who sent a request, not that its values
are sane: everything here degrades to something safe (silence, unknown, None) rather than fail."""

from __future__ import annotations

from collections.abc import Mapping

from werkzeug.exceptions import BadRequest

from ivr.answering.voicemail import Recording
from ivr.dialog.types import CallerInput
from ivr.record.calls import CallDetails

SPEECH_LIMIT = 1000  # characters; Twilio never sends more for one utterance, a forger might
MAX_COUNT = 2**31 - 1  # the largest value of a 32-bit INTEGER column (PostgreSQL's)


def call_details(form: Mapping[str, str]) -> CallDetails:
    """Who is calling whom, on which call; a request without a CallSid is not Twilio's (400)."""
    call_sid = form.get("CallSid", "").strip()
    if not call_sid or len(call_sid) > 64:
        raise BadRequest("CallSid is missing or malformed: this route is for Twilio's voice webhooks.")
    return CallDetails(
        call_sid=call_sid,
        # Column widths and NULs are the record's to handle, where rows are stored (StoredText).
        account_sid=form.get("AccountSid") or None,
        from_number=form.get("From") or None,
        to_number=form.get("To") or None,
    )


def caller_input(form: Mapping[str, str]) -> CallerInput:
    """What the caller did in a <Gather>: keys win over speech; nothing usable is silence."""
    digits = form.get("Digits")
    if digits and digits.strip():
        cleaned = "".join(c for c in digits if c in "0123456789*#")[:32]
        return CallerInput("digits", cleaned) if cleaned else CallerInput("silence")
    text = " ".join(form.get("SpeechResult", "").split())[:SPEECH_LIMIT]
    if not text:
        return CallerInput("silence")
    return CallerInput("speech", text, confidence(form.get("Confidence")))


def recording(form: Mapping[str, str]) -> Recording | None:
    """A voice message as a <Record> action, the recording status or the transcription callback
    tells it; None when nothing was recorded (or the values are not Twilio's)."""
    url = form.get("RecordingUrl", "").strip()
    sid = form.get("RecordingSid", "").strip() or url.rsplit("/", 1)[-1]
    if not (sid.startswith("RE") and 2 < len(sid) <= 64 and sid.isalnum()):
        return None
    if url and not url.startswith("https://"):
        url = ""
    text = " ".join(form.get("TranscriptionText", "").split())[: SPEECH_LIMIT * 4]
    completed = form.get("TranscriptionStatus", "completed") == "completed"
    duration = count(form.get("RecordingDuration"))
    return Recording(sid, url[:500] or None, duration, text if completed else None)


def message_status(form: Mapping[str, str]) -> tuple[str, str, int | None] | None:
    """A text's status callback: its MessageSid, MessageStatus and ErrorCode (if any); None when
    the values are not a message's (https://www.twilio.com/docs/messaging/guides/track-outbound-message-status)."""
    sid = form.get("MessageSid", "").strip()
    raw = (form.get("MessageStatus") or form.get("SmsStatus") or "").strip().lower()
    status = "".join(c for c in raw if c.isalnum() or c == "_")[:20]
    if not (sid[:2] in ("SM", "MM") and 2 < len(sid) <= 64 and sid.isalnum()) or not status:
        return None
    return sid, status, count(form.get("ErrorCode"))


def confidence(raw: str | None) -> float | None:
    try:
        value = float(raw) if raw not in (None, "") else None
    except ValueError:
        return None
    return value if value is not None and 0.0 <= value <= 1.0 else None


def dial_status(form: Mapping[str, str]) -> str:
    """How a <Dial> ended (DialCallStatus); anything unreadable counts as failed."""
    return word(form.get("DialCallStatus")) or "failed"


def call_status(form: Mapping[str, str]) -> str:
    return word(form.get("CallStatus")) or "unknown"


def word(raw: str | None) -> str:
    """A status word as Twilio sends them: short, lower case, letters, digits and hyphens."""
    return "".join(c for c in (raw or "").strip().lower() if c.isalnum() or c == "-")[:20]


def count(raw: str | None) -> int | None:
    """A whole number from 0 (a duration, a sequence, a turn), or None if it is not one or would
    not fit an INTEGER column on every database."""
    text = (raw or "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if value <= MAX_COUNT else None
