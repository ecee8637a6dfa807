"""Texts to the caller in the record: claimed for their turn before the text goes out (one per turn,
so a repeated webhook or a take-over finds the claim and never sends again), counted per call for
the limit, finished with Twilio's answer, and moved on by Twilio's status callbacks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Executable, Row, Table, bindparam, func, insert, select, update
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


@dataclass(frozen=True)
class CallFacts:
    """What deciding whether a turn may text needs of its call."""

    from_number: str | None
    to_number: str | None
    test: bool
    sent_before: int  # texts the call sent (or may have: still pending) in the turns before this one


# Statements built once: a text is claimed in the turn's hot path (an option that texts its answer).
_TEXTS = cast(Table, CallerText.__table__)
_CALLS = cast(Table, Call.__table__)
_THIS_TEXT = (_TEXTS.c.call_id == bindparam("call_id")) & (_TEXTS.c.seq == bindparam("seq"))
_SENT_BEFORE = (
    select(func.count())
    .where(
        _TEXTS.c.call_id == bindparam("call_id"),
        _TEXTS.c.seq < bindparam("seq"),
        *(_TEXTS.c.status != status for status in NOT_SENT),  # not an IN: expanded on every run
    )
    .scalar_subquery()
)
_FACTS = select(_CALLS.c.from_number, _CALLS.c.to_number, _CALLS.c.test, _SENT_BEFORE).where(
    _CALLS.c.id == bindparam("call_id")
)
_CLAIM = insert(_TEXTS)
_STORED = select(_TEXTS.c.status, _TEXTS.c.message_sid, _TEXTS.c.error_code, _TEXTS.c.detail).where(
    _THIS_TEXT
)
_FINISH = (
    update(_TEXTS)  # an UPDATE's parameters may not be named after its columns
    .where(_TEXTS.c.call_id == bindparam("of_call"), _TEXTS.c.seq == bindparam("of_seq"))
    .values(
        status=bindparam("new_status"),
        message_sid=bindparam("new_sid"),
        error_code=bindparam("new_code"),
        detail=bindparam("new_detail"),
        updated_at=bindparam("now"),
    )
)


def facts(session: Session, call_id: int, seq: int) -> CallFacts:
    """The call's numbers, whether it is a test call, and the texts it sent before turn `seq`."""
    row = session.connection().execute(_FACTS, {"call_id": call_id, "seq": seq}).one()
    return CallFacts(row[0], row[1], bool(row[2]), row[3] or 0)


def begin(
    session: Session,
    call_id: int,
    seq: int,
    to: str | None,
    sender: str | None,
    body: str,
    status: str = PENDING,
    detail: str = "",
) -> Stored | None:
    """Claim the turn's text and commit; None if this is the first time, else what was stored for
    it. A text that will not be sent is stored with its final `status` and `detail` at once."""
    try:
        session.connection().execute(*stored_with(call_id, seq, to, sender, body, status, detail))
        session.commit()
        return None
    except IntegrityError:
        session.rollback()
    found = session.connection().execute(_STORED, {"call_id": call_id, "seq": seq}).one()
    session.commit()
    return Stored(found.status, found.message_sid, found.error_code, found.detail or "")


def stored_with(
    call_id: int, seq: int, to: str | None, sender: str | None, body: str, status: str, detail: str = ""
) -> tuple[Executable, dict[str, Any]]:
    """The statement that stores turn `seq`'s text, and its parameters: to run in the transaction
    that stores the turn, when nothing needs to be claimed first (begin)."""
    now = utcnow()
    finished = {"updated_at": now, "detail": detail[:300] or None} if status != PENDING else {}
    values = {"call_id": call_id, "seq": seq, "to_number": to, "from_number": sender, "body": body}
    return _CLAIM, {**values, "status": status, "created_at": now, **finished}


def finish(
    session: Session,
    call_id: int,
    seq: int,
    status: str,
    message_sid: str | None = None,
    error_code: int | None = None,
    detail: str = "",
) -> None:
    session.connection().execute(
        _FINISH,
        {
            "of_call": call_id,
            "of_seq": seq,
            "new_status": status,
            "new_sid": message_sid,
            "new_code": error_code,
            "new_detail": detail[:300] or None,
            "now": utcnow(),
        },
    )
    session.commit()


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


_TEXTS_OF_CALL = select(_TEXTS).where(_TEXTS.c.call_id == bindparam("call_id")).order_by(_TEXTS.c.seq)


def texts_of(session: Session, call_id: int) -> Sequence[Row[Any]]:
    """A call's texts, in the order of its turns, as rows of the texts table."""
    return session.connection().execute(_TEXTS_OF_CALL, {"call_id": call_id}).all()
