"""Texts to the caller in the record: claimed for their turn before the text goes out (one per turn,
so a repeated webhook or a take-over finds the claim and never sends again), counted per call for
the limit, finished with Twilio's answer, and moved on by Twilio's status callbacks."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ivr.record.models import Call, CallerText, utcnow

PENDING, REFUSED, FAILED = "pending", "refused", "failed"
# Twilio's message statuses in the order a text goes through them
# (https://www.twilio.com/docs/messaging/api/message-resource#message-status-values): a status
# callback that comes late (sent after delivered) never moves a text back.
PROGRESS = {
    PENDING: 0,
    "accepted": 1,
    "scheduled": 1,
    "queued": 2,
    "sending": 3,
    "sent": 4,
    "delivered": 5,
    "undelivered": 5,
    "failed": 5,
    "canceled": 5,
    "partially_delivered": 5,
    "read": 6,
}
NOT_SENT = (REFUSED, FAILED)  # texts that do not count toward the limit (Twilio's "failed" too)


@dataclass(frozen=True)
class Stored:
    """A text found claimed for its turn already: finished (replay how it went) or still pending
    (the worker sending it stopped, or is still at it: it is never sent a second time)."""

    status: str
    message_sid: str | None = None
    error_code: int | None = None
    detail: str = ""


def begin(
    session: Session, call_id: int, seq: int, to: str | None, sender: str | None, body: str
) -> Stored | None:
    """Claim the turn's text; None if this is the first time, else what was stored for it."""
    session.add(
        CallerText(call_id=call_id, seq=seq, to_number=to, from_number=sender, body=body, status=PENDING)
    )
    try:
        session.commit()
        return None
    except IntegrityError:
        session.rollback()
    found = session.scalars(
        select(CallerText).where(CallerText.call_id == call_id, CallerText.seq == seq)
    ).one()
    session.commit()
    return Stored(found.status, found.message_sid, found.error_code, found.detail or "")


def finish(
    session: Session,
    call_id: int,
    seq: int,
    status: str,
    message_sid: str | None = None,
    error_code: int | None = None,
    detail: str = "",
) -> None:
    session.execute(
        update(CallerText)
        .where(CallerText.call_id == call_id, CallerText.seq == seq)
        .values(
            status=status,
            message_sid=message_sid,
            error_code=error_code,
            detail=detail[:300] or None,
            updated_at=utcnow(),
        )
    )
    session.commit()


def sent_before(session: Session, call_id: int, seq: int) -> int:
    """How many texts the call sent (or may have: still pending) in the turns before `seq`."""
    query = select(func.count()).where(
        CallerText.call_id == call_id, CallerText.seq < seq, CallerText.status.not_in(NOT_SENT)
    )
    return session.scalar(query) or 0


def note_status(session: Session, message_sid: str, status: str, error_code: int | None) -> bool:
    """A status Twilio reported for a text; False when no text has that SID. A status that comes
    after a later one is kept out: the text's status only moves forward."""
    text = session.scalar(select(CallerText).where(CallerText.message_sid == message_sid))
    if text is None:
        session.commit()
        return False
    if PROGRESS.get(status, 0) >= PROGRESS.get(text.status, 0):
        text.status = status
        text.error_code = error_code if error_code is not None else text.error_code
        text.updated_at = utcnow()
    session.commit()
    return True


def texts_of(session: Session, call_id: int) -> list[CallerText]:
    """A call's texts, in the order of its turns."""
    return list(
        session.scalars(select(CallerText).where(CallerText.call_id == call_id).order_by(CallerText.seq))
    )


def call_of(session: Session, call_id: int) -> Call:
    return session.get_one(Call, call_id)
