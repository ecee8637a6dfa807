"""The call record: start a call, take a turn, note Twilio's status reports.

Everything a turn needs is in the database, so any worker on any machine can serve any request.
A turn is decided outside any transaction (a model may take seconds) and written in one short
transaction; a repeated webhook finds its turn already stored and gets the same answer again."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ivr import dialog
from ivr.dialog import Action, Hangup, Listen, Reply, Transfer
from ivr.models import Call, CallStatus, Turn, utcnow

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


@dataclass(frozen=True)
class CallerTurn:
    text: str
    kind: str  # speech, digits, silence or dial
    confidence: float | None = None


@dataclass(frozen=True)
class Step:
    """An action to render, and the seq of the caller turn its TwiML will report back."""

    action: Action
    next_seq: int


Decide = Callable[[list[dialog.Turn]], Reply]


def start(session: Session, details: CallDetails, greeting: Reply) -> Step:
    """Record the call and its greeting once; a repeated incoming webhook hears the same greeting."""
    call = find_or_create(session, details)
    stored = session.scalar(select(Turn).where(Turn.call_id == call.id, Turn.seq == 0))
    if stored is None:
        try:
            session.add(_assistant_turn(call, 0, greeting, elapsed_ms=0))
            session.commit()
        except IntegrityError:
            session.rollback()
            stored = session.scalar(select(Turn).where(Turn.call_id == call.id, Turn.seq == 0))
    return Step(replayed(stored) if stored else greeting.action, 1)


def take_turn(
    session: Session, details: CallDetails, seq: int | None, said: CallerTurn, decide: Decide
) -> Step:
    """Store the caller's turn and the assistant's answer to it, deciding the answer only once."""
    began = time.perf_counter()
    call = find_or_create(session, details)
    turns = list(session.scalars(select(Turn).where(Turn.call_id == call.id).order_by(Turn.seq)))
    session.commit()  # end the read: no transaction stays open while the engine thinks
    answered = _answer_to(turns, seq)
    if answered is not None:
        return Step(replayed(answered), answered.seq + 1)
    seq = turns[-1].seq + 1 if turns else 1
    reply = decide([as_dialog_turn(t) for t in turns])
    elapsed = round((time.perf_counter() - began) * 1000)
    try:
        session.add(_caller_turn(call, seq, said))
        session.add(_assistant_turn(call, seq + 1, reply, elapsed))
        _note_outcome(call, reply)
        session.commit()
    except IntegrityError:  # the same webhook, served at the same moment by another worker
        session.rollback()
        stored = session.scalar(select(Turn).where(Turn.call_id == call.id, Turn.seq == seq + 1))
        if stored is None:
            raise
        return Step(replayed(stored), seq + 2)
    return Step(reply.action, seq + 2)


def record_status(
    session: Session, details: CallDetails, status: str, duration_s: int | None, sequence: int | None
) -> Call:
    """Keep every status once; the call moves only forward, whatever order reports arrive in."""
    call = find_or_create(session, details)
    seen = session.scalar(
        select(CallStatus).where(CallStatus.call_id == call.id, CallStatus.status == status)
    )
    if seen is None:
        session.add(CallStatus(call_id=call.id, status=status, sequence=sequence, duration_s=duration_s))
    if STATUS_RANK.get(status, -1) > STATUS_RANK.get(call.status, -1):
        call.status = status
    if status in FINAL_STATUSES:
        call.ended_at = call.ended_at or utcnow()
        call.duration_s = duration_s if duration_s is not None else call.duration_s
        call.outcome = call.outcome or ("abandoned" if status != "completed" else "caller-hung-up")
    try:
        session.commit()
    except IntegrityError:  # the same status, recorded a moment ago by another worker
        session.rollback()
    return call


def find_or_create(session: Session, details: CallDetails) -> Call:
    call = session.scalar(select(Call).where(Call.call_sid == details.call_sid))
    if call is not None:
        return call
    call = Call(
        call_sid=details.call_sid,
        account_sid=details.account_sid,
        from_number=details.from_number,
        to_number=details.to_number,
    )
    session.add(call)
    try:
        session.commit()
    except IntegrityError:  # created a moment ago by another worker
        session.rollback()
        call = session.scalars(select(Call).where(Call.call_sid == details.call_sid)).one()
    return call


def as_dialog_turn(turn: Turn) -> dialog.Turn:
    return dialog.Turn(
        role="caller" if turn.role == "caller" else "assistant",
        text=turn.text,
        input_kind=turn.input_kind,  # type: ignore[arg-type]
        action=turn.action,
        target=turn.target,
        note=turn.note,
    )


def replayed(turn: Turn) -> Action:
    """The action a stored assistant turn took, to answer a repeated webhook identically."""
    if turn.action == "transfer" and turn.target:
        return Transfer(turn.text, turn.target)
    if turn.action == "hangup":
        return Hangup(turn.text)
    return Listen(turn.text)


def _answer_to(turns: list[Turn], seq: int | None) -> Turn | None:
    """The stored answer to caller turn `seq`, if that turn was already taken."""
    if seq is None or not any(t.seq == seq and t.role == "caller" for t in turns):
        return None
    return next((t for t in turns if t.seq == seq + 1), None)


def _caller_turn(call: Call, seq: int, said: CallerTurn) -> Turn:
    return Turn(
        call_id=call.id,
        seq=seq,
        role="caller",
        text=said.text,
        input_kind=said.kind,
        confidence=said.confidence,
    )


def _assistant_turn(call: Call, seq: int, reply: Reply, elapsed_ms: int) -> Turn:
    action = reply.action
    usage = reply.usage
    return Turn(
        call_id=call.id,
        seq=seq,
        role="assistant",
        text=action.say,
        action=action.kind,
        target=action.target if isinstance(action, Transfer) else None,
        note=reply.note,
        engine=reply.by,
        elapsed_ms=elapsed_ms,
        model_ms=usage.get("model_ms"),
        input_tokens=usage.get("input_tokens"),
        output_tokens=usage.get("output_tokens"),
        cache_read_tokens=usage.get("cache_read_tokens"),
        cache_write_tokens=usage.get("cache_write_tokens"),
    )


def _note_outcome(call: Call, reply: Reply) -> None:
    action = reply.action
    if isinstance(action, Transfer):
        call.outcome = f"transfer:{action.target}"[:40]
    elif reply.note == "transferred":
        call.outcome = (call.outcome or "transfer").replace("transfer:", "transferred:")[:40]
    elif isinstance(action, Hangup):
        call.outcome = (reply.note or "hung-up")[:40]
    elif reply.note and reply.note.startswith("dial-"):
        call.outcome = None
