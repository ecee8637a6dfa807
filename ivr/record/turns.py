"""A call's turns in the record: the greeting, each caller turn stored with its answer, and the
claim, lease and finish of an answer that takes time to decide.

Everything a turn needs is in the database, so any worker on any machine can serve any request.
A caller's turn is stored together with a pending answer in one short transaction: that claim
lets exactly one request decide the answer, outside any transaction (a model may take seconds),
and a repeated webhook finds the same turn and gets the same answer."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Row, Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ivr.dialog.notes import Note
from ivr.dialog.types import Action, CallerInput, Hangup, LeftMessage, Listen, PastTurn, Reply, Transfer
from ivr.record.calls import CallDetails, find_or_create, new_call
from ivr.record.models import Call, Message, Turn, utcnow

PENDING, DONE = "pending", "done"


@dataclass(frozen=True)
class Step:
    """An action to render, and the seq of the caller turn its TwiML will report back."""

    action: Action
    next_seq: int


@dataclass(frozen=True)
class Claim:
    """The right, won by one request, to decide the answer to a caller's turn."""

    call_id: int
    answer_id: int
    answer_seq: int
    history: list[PastTurn]  # the call before the caller's turn
    said: CallerInput
    contact: str | None = None  # the caller as the business knows them (JSON), if at all
    outcome: str | None = None  # the call's outcome so far
    claimed_at: float = field(default_factory=time.perf_counter)


def start(
    session: Session, details: CallDetails, greeting: Reply, contact: str | None = None, lookup: str = "off"
) -> Step:
    """Record the call, who the caller is, and the greeting, once; a repeated incoming webhook
    hears the same greeting. A new call and its greeting are stored in one transaction."""
    call = session.scalar(select(Call).where(Call.call_sid == details.call_sid))
    stored = _turn(session, call.id, 0) if call is not None else None
    if stored is None:
        if call is None:
            call = new_call(details)
            session.add(call)
        call.contact, call.contact_lookup = contact, lookup
        call.turns.append(Turn(seq=0, role="assistant", **answer_values(greeting, 0)))
        try:
            session.commit()
        except IntegrityError:  # the same webhook, served a moment ago by another worker
            session.rollback()
            stored = session.scalar(
                select(Turn).join(Call).where(Call.call_sid == details.call_sid, Turn.seq == 0)
            )
    return Step(replayed(stored) if stored else greeting.action, 1)


Decide = Callable[[list[PastTurn], CallerInput, str | None], Reply | None]  # history, input, contact


@dataclass(frozen=True)
class _SoFar:
    """What a turn needs of its call, read in one query; turns as rows (seq, role, text, ...)."""

    call_id: int
    contact: str | None
    outcome: str | None
    from_number: str | None
    turns: list[Row[Any]]


_TURNS, _CALLS = cast(Table, Turn.__table__), cast(Table, Call.__table__)
_SO_FAR = (
    select(
        _CALLS.c.id,
        _CALLS.c.contact,
        _CALLS.c.outcome,
        _CALLS.c.from_number,
        *(_TURNS.c[name] for name in ("seq", "role", "text", "input_kind", "action", "target", "note")),
    )
    .select_from(_CALLS.outerjoin(_TURNS, _TURNS.c.call_id == _CALLS.c.id))
    .where(_CALLS.c.call_sid == bindparam("call_sid"))
    .order_by(_TURNS.c.seq)
)
_INSERT_TURNS = insert(_TURNS).returning(_TURNS.c.id, sort_by_parameter_order=True)


def record_turn(
    session: Session,
    details: CallDetails,
    seq: int | None,
    said: CallerInput,
    decide: Decide,
    owner: str,
    lease_s: float,
) -> Step | Claim | int:
    """Store the caller's turn `seq` and its answer in one transaction. The answer is what
    `decide` returns, or, when it returns None (a model must think), a pending answer that `owner`
    holds for `lease_s` and decides outside any transaction: the Claim. A repeated webhook gets
    the seq of the answer stored already, pending or done, instead.

    Every turn runs this, so it speaks SQLAlchemy Core: the ORM's bookkeeping was most of the
    CPU a menu turn cost (bench/README.md)."""
    call = _call_so_far(session, details)
    answered = _answer_to(call.turns, seq)
    if answered is not None:
        session.commit()  # end the read: whoever waits for this answer must see it land
        return answered
    seq = call.turns[-1].seq + 1 if call.turns else 1
    history = [as_dialog_turn(t) for t in call.turns]
    began = time.perf_counter()
    reply = decide(history, said, call.contact)
    if reply is None:
        deadline = utcnow() + timedelta(seconds=lease_s)
        answer = _turn_row(call.call_id, seq + 1, "assistant", state=PENDING, owner=owner, deadline=deadline)
    else:
        elapsed = round((time.perf_counter() - began) * 1000)
        answer = _turn_row(call.call_id, seq + 1, "assistant", **answer_values(reply, elapsed))
        if reply.message is not None:
            session.add(_message(call.call_id, call.from_number, reply.message))
        _set_outcome(session, call.call_id, call.outcome, outcome_after(call.outcome, reply))
    stored = _store_exchange(session, call.call_id, seq, said, answer)
    if stored is None:
        return seq + 1
    if reply is None:
        return Claim(call.call_id, stored, seq + 1, history, said, call.contact, call.outcome)
    return Step(reply.action, seq + 2)


def _call_so_far(session: Session, details: CallDetails) -> _SoFar:
    rows = session.connection().execute(_SO_FAR, {"call_sid": details.call_sid}).all()
    if not rows:
        call = find_or_create(session, details)
        return _SoFar(call.id, call.contact, call.outcome, call.from_number, [])
    first = rows[0]
    turns = [row for row in rows if row.seq is not None]
    return _SoFar(first.id, first.contact, first.outcome, first.from_number, turns)


def _store_exchange(
    session: Session, call_id: int, seq: int, said: CallerInput, answer: dict[str, Any]
) -> int | None:
    """Store caller turn `seq` and its answer in one statement, with whatever else the session
    holds for the call, and return the answer's id; None if the same webhook, served at the same
    moment by another request, stored them first."""
    caller = _turn_row(
        call_id, seq, "caller", text=said.text, input_kind=said.kind, confidence=said.confidence
    )
    try:
        ids = session.connection().execute(_INSERT_TURNS, [caller, answer]).scalars().all()
        session.commit()
        return ids[1]
    except IntegrityError:
        session.rollback()
        if _turn(session, call_id, seq + 1) is None:
            raise
        return None


def _set_outcome(session: Session, call_id: int, before: str | None, after: str | None) -> None:
    """Set the call's outcome, unless the call has ended: a stray webhook after the end moves nothing."""
    if after != before:
        ongoing = (_CALLS.c.id == call_id) & _CALLS.c.ended_at.is_(None)
        session.connection().execute(update(_CALLS).where(ongoing).values(outcome=after))


def finish_turn(session: Session, claim: Claim, owner: str, reply: Reply) -> bool:
    """Store the decided answer, unless another owner took the turn over meanwhile."""
    elapsed = round((time.perf_counter() - claim.claimed_at) * 1000)
    done = _changed(
        session,
        update(_TURNS)
        .where(_TURNS.c.id == claim.answer_id, _TURNS.c.state == PENDING, _TURNS.c.owner == owner)
        .values(**answer_values(reply, elapsed), deadline=None),
    )
    if done.rowcount == 1:
        _set_outcome(session, claim.call_id, claim.outcome, outcome_after(claim.outcome, reply))
        if reply.message is not None:
            from_number = session.get_one(Call, claim.call_id).from_number
            session.add(_message(claim.call_id, from_number, reply.message))
    session.commit()
    return done.rowcount == 1


def renew_leases(session: Session, answer_ids: Collection[int], owner: str, lease_s: float) -> None:
    """Push back the deadline of every pending answer in `answer_ids` that `owner` still holds."""
    session.execute(
        update(Turn)
        .where(Turn.id.in_(answer_ids), Turn.state == PENDING, Turn.owner == owner)
        .values(deadline=utcnow() + timedelta(seconds=lease_s))
    )
    session.commit()


def take_over(session: Session, answer: Turn, owner: str, lease_s: float) -> Claim | None:
    """Claim a pending answer whose owner stopped renewing its lease (it died, or hangs)."""
    taken = _changed(
        session,
        update(Turn)
        .where(Turn.id == answer.id, Turn.state == PENDING, Turn.deadline < utcnow())
        .values(owner=owner, deadline=utcnow() + timedelta(seconds=lease_s)),
    )
    session.commit()
    if taken.rowcount != 1:
        return None
    turns = list(
        session.scalars(
            select(Turn).where(Turn.call_id == answer.call_id, Turn.seq < answer.seq).order_by(Turn.seq)
        )
    )
    said = turns.pop()
    kind = said.input_kind or "speech"
    call = session.get_one(Call, answer.call_id)
    return Claim(
        answer.call_id,
        answer.id,
        answer.seq,
        [as_dialog_turn(t) for t in turns],
        CallerInput(kind, said.text, said.confidence),  # type: ignore[arg-type]
        call.contact,
        call.outcome,
    )


def answer_at(session: Session, call_sid: str, seq: int) -> Turn | None:
    """A fresh read of one assistant turn, as another worker may just have written it."""
    query = (
        select(Turn).join(Call).where(Call.call_sid == call_sid, Turn.seq == seq, Turn.role == "assistant")
    )
    turn = session.scalar(query.execution_options(populate_existing=True))
    session.commit()
    return turn


def as_dialog_turn(turn: Turn | Row[Any]) -> PastTurn:
    return PastTurn(
        role="caller" if turn.role == "caller" else "assistant",
        text=turn.text,
        input_kind=turn.input_kind,  # type: ignore[arg-type]  # only InputKinds are stored
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


def _answer_to(turns: list[Row[Any]], seq: int | None) -> int | None:
    """The seq of the stored answer to caller turn `seq`, if that turn was already taken."""
    if seq is None or not any(t.seq == seq and t.role == "caller" for t in turns):
        return None
    return next((t.seq for t in turns if t.seq == seq + 1), None)


def _message(call_id: int, from_number: str | None, left: LeftMessage) -> Message:
    return Message(
        call_id=call_id,
        name=left.name,
        callback_number=left.callback_number or from_number,
        text=left.text,
    )


def _turn(session: Session, call_id: int, seq: int) -> Turn | None:
    return session.scalar(select(Turn).where(Turn.call_id == call_id, Turn.seq == seq))


def _turn_row(call_id: int, seq: int, role: str, **values: Any) -> dict[str, Any]:
    """Every column of a new turn, so that two turns go to the database as one INSERT."""
    row = dict.fromkeys(column.key for column in _TURNS.c if column.key != "id")
    row.update(call_id=call_id, seq=seq, role=role, text="", state=DONE, created_at=utcnow())
    row.update(values)
    return row


def answer_values(reply: Reply, elapsed_ms: int) -> dict[str, Any]:
    """The columns of an assistant turn that say what was decided, by whom, at what cost."""
    action, usage = reply.action, reply.usage
    return {
        "text": action.say,
        "action": action.kind,
        "target": action.target if isinstance(action, Transfer) else None,
        "note": reply.note,
        "engine": reply.by,
        "state": DONE,
        "elapsed_ms": elapsed_ms,
        "model_ms": usage.get("model_ms"),
        "input_tokens": usage.get("input_tokens"),
        "output_tokens": usage.get("output_tokens"),
        "cache_read_tokens": usage.get("cache_read_tokens"),
        "cache_write_tokens": usage.get("cache_write_tokens"),
    }


def outcome_after(outcome: str | None, reply: Reply) -> str | None:
    """The call's outcome once `reply` is acted on."""
    action = reply.action
    if isinstance(action, Transfer):
        return f"transfer:{action.target}"
    if reply.note == Note.TRANSFERRED:
        return (outcome or "transfer").replace("transfer:", "transferred:")
    if isinstance(action, Hangup):
        return reply.note or "hung-up"
    if Note.DIAL.marks(reply.note):
        return None
    return outcome


def _changed(session: Session, statement: Any) -> CursorResult[Any]:
    """Run an UPDATE; its result tells how many rows it changed."""
    return cast(CursorResult[Any], session.execute(statement))
