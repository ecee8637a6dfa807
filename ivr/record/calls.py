"""A call's life in the record: created on its first webhook, its status reports kept once each and
moving only forward, the per-caller limit, and purging old calls. Its turns are `turns`' concern."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import Connection, Row, Table, bindparam, delete, func, insert, select, text, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ivr.record.models import Call, CallStatus, StoredText, Turn, utcnow

FINAL_STATUSES = {"completed", "busy", "no-answer", "failed", "canceled"}
# Twilio's call statuses in the order a call moves through them; a final one never changes.
STATUS_RANK = {"queued": 0, "initiated": 1, "ringing": 2, "in-progress": 3} | dict.fromkeys(FINAL_STATUSES, 4)


@dataclass(frozen=True)
class CallDetails:
    """What Twilio tells us about the call on every webhook."""

    call_sid: str
    account_sid: str | None = None
    from_number: str | None = None
    to_number: str | None = None
    test: bool = False  # placed by `ivr test-calls`: no event, hidden from lists, purged in a day
    assistant: str | None = None  # not Twilio's: the name of the assistant the called number reaches


# Every call's webhooks come here, so the statements are built once and speak SQLAlchemy Core:
# the ORM's bookkeeping was most of what an incoming call and a status report cost (bench/README.md).
_CALLS, _STATUSES = cast(Table, Call.__table__), cast(Table, CallStatus.__table__)
_TURNS = cast(Table, Turn.__table__)
# A call's id and its greeting (turn 0) as stored; no row before its first webhook is served.
_STORED = (
    select(_CALLS.c.id, *(_TURNS.c[name] for name in ("seq", "text", "action", "target", "note")))
    .select_from(_CALLS.outerjoin(_TURNS, (_TURNS.c.call_id == _CALLS.c.id) & (_TURNS.c.seq == 0)))
    .where(_CALLS.c.call_sid == bindparam("call_sid"))
)
_OTHERS = (
    select(func.count().label("others"))
    .select_from(_CALLS)
    .where(
        _CALLS.c.from_number == bindparam("from_number"),
        _CALLS.c.started_at >= bindparam("since"),
        _CALLS.c.call_sid != bindparam("call_sid"),
    )
    .subquery()
)
_STORED_SO_FAR = _STORED.subquery()
_OTHERS_AND_STORED = select(_OTHERS.c.others, *_STORED_SO_FAR.c).select_from(
    _OTHERS.outerjoin(_STORED_SO_FAR, true())
)
_NEW_CALL = insert(_CALLS).returning(_CALLS.c.id)
_CALL_ID = select(_CALLS.c.id).where(_CALLS.c.call_sid == bindparam("call_sid"))
_LOCK_NUMBER = text("SELECT pg_advisory_xact_lock(hashtext(:number))").bindparams(
    bindparam("number", type_=StoredText(32))
)
_LOCK_WRITES = update(_CALLS).where(_CALLS.c.id == -1).values(status=_CALLS.c.status)


@dataclass(frozen=True)
class Admitted:
    """A call let in, and what was stored of it before this webhook (`stored`: its id and greeting
    as `stored()` reads them), or None for a call not seen before."""

    stored: Row[Any] | None


def admit(
    session: Session, details: CallDetails, limit: int, within_s: int, record: bool = True
) -> Admitted | None:
    """Record a new call unless its caller placed `limit` others in the last `within_s` seconds
    (withheld numbers, "anonymous", are not one caller: never limited, nor is any with limit 0).
    Atomic: simultaneous calls from one number are counted one after another, so a burst of them
    cannot all slip under the limit. A repeated webhook of an admitted call is admitted.

    With `record` false an admitted call is not stored here: the transaction stays open, holding
    the caller's turn to be counted, for the caller to store the call in it (turns.start)."""
    connection = session.connection()
    limited = limit > 0 and (details.from_number or "").startswith("+")
    if limited:
        _lock_caller(connection, details.from_number or "")
    since = utcnow() - timedelta(seconds=within_s)
    found = {"from_number": details.from_number, "since": since, "call_sid": details.call_sid}
    row = connection.execute(_OTHERS_AND_STORED, found).one()
    if limited and row.others >= limit:
        session.rollback()
        return None
    stored = row if row.id is not None else None
    if record:
        if stored is None:
            new_call_id(connection, call_values(details))
        session.commit()
    return Admitted(stored)


def stored(session: Session, call_sid: str) -> Row[Any] | None:
    """The call's id and its greeting's seq, text, action, target and note (None while the greeting
    is not stored), or None for a call not stored at all."""
    return session.connection().execute(_STORED, {"call_sid": call_sid}).first()


def _lock_caller(connection: Connection, number: str) -> None:
    """Hold, until the transaction ends, the right to admit calls from `number`: PostgreSQL locks
    the number itself; SQLite has one writer, whose lock a write statement takes at once."""
    if connection.dialect.name == "postgresql":
        connection.execute(_LOCK_NUMBER, {"number": number})
    else:
        connection.execute(_LOCK_WRITES)


def purge(session: Session, older_than: timedelta, dry_run: bool = False, tests_only: bool = False) -> int:
    """Delete calls that started before now - older_than; their turns, statuses, messages and
    events go with them (ON DELETE CASCADE, which SQLite enforces with foreign_keys=ON)."""
    old = Call.started_at < utcnow() - older_than
    if tests_only:
        old &= Call.test
    count = session.scalar(select(func.count()).where(old)) or 0
    if not dry_run:
        session.execute(delete(Call).where(old))
    session.commit()
    return count


_CALL_AND_STATUS = (
    select(*_CALLS.c, _STATUSES.c.id.label("seen"))
    .select_from(
        _CALLS.outerjoin(
            _STATUSES, (_STATUSES.c.call_id == _CALLS.c.id) & (_STATUSES.c.status == bindparam("status"))
        )
    )
    .where(_CALLS.c.call_sid == bindparam("call_sid"))
)
_NEW_STATUS = insert(_STATUSES)
_MOVE_STATUS = (
    update(_CALLS).where(_CALLS.c.id == bindparam("call_id")).values(status=bindparam("new_status"))
)
_END_CALL = (
    update(_CALLS)
    .where(_CALLS.c.id == bindparam("call_id"), _CALLS.c.ended_at.is_(None))
    .values(
        status=bindparam("new_status"),
        ended_at=bindparam("ended_at"),
        duration_s=bindparam("duration"),
        outcome=func.coalesce(_CALLS.c.outcome, bindparam("outcome", type_=StoredText(40))),
    )
)


def record_status(
    session: Session,
    details: CallDetails,
    status: str,
    duration_s: int | None,
    sequence: int | None,
    on_end: Callable[[Session, Call], None],
) -> Call:
    """Keep every status once; the call moves only forward, whatever order reports arrive in.
    A final status closes the call, and `on_end` adds what goes with that (the post-call event)
    in the same transaction. The call is returned as it is now, not attached to the session."""
    connection = session.connection()
    found = {"status": status, "call_sid": details.call_sid}
    row = connection.execute(_CALL_AND_STATUS, found).first()
    if row is None:  # a report on a call whose incoming webhook we never saw
        ensure_call(session, details)
        connection = session.connection()
        row = connection.execute(_CALL_AND_STATUS, found).one()
    call = Call(**{column.key: getattr(row, column.key) for column in _CALLS.c})
    if STATUS_RANK.get(status, -1) > STATUS_RANK.get(call.status, -1):
        call.status = status
    # The first final status ends the call, once: a later or repeated one never moves its end,
    # its duration or its outcome (Twilio may report "canceled" after "completed").
    ends_now = status in FINAL_STATUSES and call.ended_at is None
    try:
        if row.seen is None:
            values = {"call_id": call.id, "status": status, "sequence": sequence, "duration_s": duration_s}
            connection.execute(_NEW_STATUS, values)
        if ends_now:
            call.ended_at, call.duration_s = utcnow(), duration_s
            call.outcome = call.outcome or ("abandoned" if status != "completed" else "caller-hung-up")
            ending = {"call_id": call.id, "new_status": call.status, "ended_at": call.ended_at}
            ended = connection.execute(_END_CALL, ending | {"duration": duration_s, "outcome": call.outcome})
            if ended.rowcount == 1:  # not closed a moment ago by another worker
                on_end(session, call)
        elif call.status != row.status:
            connection.execute(_MOVE_STATUS, {"call_id": call.id, "new_status": call.status})
        session.commit()
    except IntegrityError:  # the same status (or event), recorded a moment ago by another worker
        session.rollback()
    return call


def ensure_call(session: Session, details: CallDetails) -> int:
    """The call's id, storing the call first if no webhook of it was seen before."""
    connection = session.connection()
    call_id = connection.execute(_CALL_ID, {"call_sid": details.call_sid}).scalar()
    if call_id is not None:
        return cast(int, call_id)
    try:
        call_id = new_call_id(connection, call_values(details))
        session.commit()
    except IntegrityError:  # created a moment ago by another worker
        session.rollback()
        call_id = session.connection().execute(_CALL_ID, {"call_sid": details.call_sid}).scalar_one()
    return cast(int, call_id)


def new_call_id(connection: Connection, values: dict[str, Any]) -> int:
    """Store a new call (call_values) and return its id."""
    return cast(int, connection.execute(_NEW_CALL, values).scalar_one())


def call_values(details: CallDetails, **more: Any) -> dict[str, Any]:
    """A new call's row, as the calls table takes it."""
    return {
        "call_sid": details.call_sid,
        "account_sid": details.account_sid,
        "from_number": details.from_number,
        "to_number": details.to_number,
        "test": details.test,
        "assistant": details.assistant,
        **more,
    }
