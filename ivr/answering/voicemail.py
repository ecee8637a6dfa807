"""Voice messages: a caller's <Record>ing kept as a message of their call.

Twilio tells of one recording up to three times, in any order: the <Record> action (the caller is
back), the recording status callback, and the transcription callback. Each fills in what it knows
of the same message, found by its RecordingSid, so none is lost and none makes a second message."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ivr.record.models import Call, Message

log = logging.getLogger("ivr.answering.voicemail")
NO_TRANSCRIPT = "(voice message)"


@dataclass(frozen=True)
class Recording:
    sid: str
    url: str | None = None
    duration_s: int | None = None
    transcription: str | None = None


def keep(session: Session, call_sid: str, recording: Recording) -> Message | None:
    """Store what is known of the recording on its call's message; None if the call is unknown."""
    for _attempt in (1, 2):  # two callbacks at the same moment: the second finds the first's row
        call = session.scalar(select(Call).where(Call.call_sid == call_sid))
        if call is None:
            log.warning("event=recording-for-unknown-call")
            return None
        message = session.scalar(select(Message).where(Message.recording_sid == recording.sid))
        if message is None:
            message = Message(
                call_id=call.id,
                callback_number=call.from_number,
                text=NO_TRANSCRIPT,
                recording_sid=recording.sid,
            )
            session.add(message)
        message.recording_url = recording.url or message.recording_url
        if recording.duration_s is not None:
            message.recording_duration_s = recording.duration_s
        if recording.transcription:
            message.transcription = recording.transcription
            message.text = recording.transcription
        try:
            session.commit()
            return message
        except IntegrityError:
            session.rollback()
    return None
