"""A call's life in the record: created on its first webhook, its status reports kept once each and
moving only forward, the per-caller limit, and purging old calls. Its turns are `turns`' concern."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam, delete, func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ivr.record.models import Call, CallStatus, StoredText, utcnow

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


def admit(session: Session, details: CallDetails, limit: int, within_s: int) -> bool:
    """Record a new call from a caller unless they placed `limit` others in the last `within_s`
    seconds. Atomic: simultaneous calls from one number are counted one after another, so a burst
    of them cannot all slip under the limit. A repeated webhook of an admitted call is admitted."""
    _lock_caller(session, details.from_number or "")
    since = utcnow() - timedelta(seconds=within_s)
    others = select(func.count()).where(
        Call.from_number == details.from_number, Call.started_at >= since, Call.call_sid != details.call_sid
    )
    if (session.scalar(others) or 0) >= limit:
        session.rollback()
        return False
    if session.scalar(select(Call.id).where(Call.call_sid == details.call_sid)) is None:
        session.add(new_call(details))
    session.commit()
    return True


def _lock_caller(session: Session, number: str) -> None:
    """Hold, until the transaction ends, the right to admit calls from `number`: PostgreSQL locks
    the number itself; SQLite has one writer, whose lock a write statement takes at once."""
    if session.get_bind().dialect.name == "postgresql":
        lock = text("SELECT pg_advisory_xact_lock(hashtext(:number))")
        session.execute(lock.bindparams(bindparam("number", type_=StoredText(32))), {"number": number})
    else:
        session.execute(update(Call).where(Call.id == -1).values(status=Call.status))


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
    in the same transaction."""
    seen_before = (CallStatus.call_id == Call.id) & (CallStatus.status == status)
    query = select(Call, CallStatus.id).outerjoin(CallStatus, seen_before)
    found = session.execute(query.where(Call.call_sid == details.call_sid)).first()
    call, seen = found if found is not None else (find_or_create(session, details), None)
    if seen is None:
        session.add(CallStatus(call_id=call.id, status=status, sequence=sequence, duration_s=duration_s))
    if STATUS_RANK.get(status, -1) > STATUS_RANK.get(call.status, -1):
        call.status = status
    # The first final status ends the call, once: a later or repeated one never moves its end,
    # its duration or its outcome (Twilio may report "canceled" after "completed").
    ends_now = status in FINAL_STATUSES and call.ended_at is None
    if ends_now:
        call.ended_at = utcnow()
        call.duration_s = duration_s
        call.outcome = call.outcome or ("abandoned" if status != "completed" else "caller-hung-up")
    try:
        if ends_now:
            on_end(session, call)
        session.commit()
    except IntegrityError:  # the same status (or event), recorded a moment ago by another worker
        session.rollback()
    return call


def find_or_create(session: Session, details: CallDetails) -> Call:
    call = session.scalar(select(Call).where(Call.call_sid == details.call_sid))
    if call is not None:
        return call
    call = new_call(details)
    session.add(call)
    try:
        session.commit()
    except IntegrityError:  # created a moment ago by another worker
        session.rollback()
        call = session.scalars(select(Call).where(Call.call_sid == details.call_sid)).one()
    return call


def new_call(details: CallDetails) -> Call:
    return Call(
        call_sid=details.call_sid,
        account_sid=details.account_sid,
        from_number=details.from_number,
        to_number=details.to_number,
        test=details.test,
    )
