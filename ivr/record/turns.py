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
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Executable, Row, Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ivr.dialog.notes import Note
from ivr.dialog.types import (
    Action,
    Ask,
    CallerInput,
    Hangup,
    LeftMessage,
    Listen,
    PastTurn,
    Record,
    Reply,
    Transfer,
)
from ivr.record import calls
from ivr.record.calls import CallDetails, call_values, ensure_call, new_call_id
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
    session: Session,
    details: CallDetails,
    greeting: Reply,
    stored: Row[Any] | None,
    contact: str | None = None,
    lookup: str = "off",
) -> Step:
    """Record the call, who the caller is, and the greeting, once; a repeated incoming webhook
    hears the same greeting. `stored` is what calls.stored() read of the call in this transaction.
    A new call and its greeting are stored in one transaction."""
    connection = session.connection()
    if stored is not None and stored.seq is not None:
        session.commit()
        return Step(replayed(stored), 1)
    try:
        if stored is None:
            call_id = new_call_id(connection, call_values(details, contact=contact, contact_lookup=lookup))
        else:
            call_id = stored.id
            connection.execute(_SET_CONTACT, {"call_id": call_id, "new_contact": contact, "lookup": lookup})
        connection.execute(_NEW_TURN, _turn_row(call_id, 0, "assistant", **answer_values(greeting, 0)))
        session.commit()
    except IntegrityError:  # the same webhook, served a moment ago by another worker
        session.rollback()
        again = calls.stored(session, details.call_sid)
        session.commit()
        if again is not None and again.seq is not None:
            return Step(replayed(again), 1)
    return Step(greeting.action, 1)


@dataclass
class Exchange:
    """A caller's turn and its answer while one transaction stores them, for an answer decided in
    it: it may read through `session`, and what it puts in `also` (statements, with parameters)
    is written with the two turns, or not at all."""

    session: Session
    call_id: int
    answer_seq: int
    also: list[tuple[Executable, dict[str, Any]]] = field(default_factory=list)


# history, input, contact, and the exchange being stored
Decide = Callable[[list[PastTurn], CallerInput, str | None, Exchange], Reply | None]


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
_NEW_TURN = insert(_TURNS)
_SET_CONTACT = (
    update(_CALLS)
    .where(_CALLS.c.id == bindparam("call_id"))
    .values(contact=bindparam("new_contact"), contact_lookup=bindparam("lookup"))
)
_SET_OUTCOME = (
    update(_CALLS)
    .where(_CALLS.c.id == bindparam("call_id"), _CALLS.c.ended_at.is_(None))
    .values(outcome=bindparam("new_outcome"))
)
_SET_LANGUAGE = update(_CALLS).where(_CALLS.c.id == bindparam("call_id")).values(language=bindparam("code"))
# An assistant turn, as another worker may just have written it.
_ANSWER_AT = (
    select(_TURNS)
    .join(_CALLS, _CALLS.c.id == _TURNS.c.call_id)
    .where(
        _CALLS.c.call_sid == bindparam("call_sid"),
        _TURNS.c.seq == bindparam("seq"),
        _TURNS.c.role == "assistant",
    )
)
_HISTORY = (
    select(_CALLS.c.contact, _CALLS.c.outcome, _TURNS)
    .select_from(_TURNS.join(_CALLS, _CALLS.c.id == _TURNS.c.call_id))
    .where(_TURNS.c.call_id == bindparam("call_id"), _TURNS.c.seq < bindparam("seq"))
    .order_by(_TURNS.c.seq)
)
_TAKE_OVER = (
    update(_TURNS)
    .where(
        _TURNS.c.id == bindparam("answer_id"), _TURNS.c.state == PENDING, _TURNS.c.deadline < bindparam("now")
    )
    .values(owner=bindparam("new_owner"), deadline=bindparam("new_deadline"))
)
_RENEW = (
    update(_TURNS)
    .where(
        _TURNS.c.id.in_(bindparam("answer_ids", expanding=True)),
        _TURNS.c.state == PENDING,
        _TURNS.c.owner == bindparam("holder"),
    )
    .values(deadline=bindparam("new_deadline"))
)
_FROM_NUMBER = select(_CALLS.c.from_number).where(_CALLS.c.id == bindparam("call_id"))


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
    heard_at = utcnow()  # the caller's turn is timed from when it was heard, before its answer
    began = time.perf_counter()
    exchange = Exchange(session, call.call_id, seq + 1)
    reply = decide(history, said, call.contact, exchange)
    if reply is None:
        deadline = utcnow() + timedelta(seconds=lease_s)
        answer = _turn_row(call.call_id, seq + 1, "assistant", state=PENDING, owner=owner, deadline=deadline)
    else:
        elapsed = round((time.perf_counter() - began) * 1000)
        answer = _turn_row(call.call_id, seq + 1, "assistant", **answer_values(reply, elapsed))
        if reply.message is not None:
            session.add(_message(call.call_id, call.from_number, reply.message))
        if Note.LANGUAGE.marks(reply.note):  # the caller chose another language (a turn rule: never pending)
            code = (reply.note or "").removeprefix(Note.LANGUAGE.value)
            session.connection().execute(_SET_LANGUAGE, {"call_id": call.call_id, "code": code})
        _set_outcome(session, call.call_id, call.outcome, outcome_after(call.outcome, reply))
    stored = _store_exchange(session, call.call_id, seq, said, heard_at, answer, exchange.also)
    if stored is None:
        return seq + 1
    if reply is None:
        return Claim(call.call_id, stored, seq + 1, history, said, call.contact, call.outcome)
    return Step(reply.action, seq + 2)


def _call_so_far(session: Session, details: CallDetails) -> _SoFar:
    rows = session.connection().execute(_SO_FAR, {"call_sid": details.call_sid}).all()
    if not rows:  # a turn of a call whose incoming webhook we never saw
        ensure_call(session, details)
        rows = session.connection().execute(_SO_FAR, {"call_sid": details.call_sid}).all()
    first = rows[0]
    turns = [row for row in rows if row.seq is not None]
    return _SoFar(first.id, first.contact, first.outcome, first.from_number, turns)


def _store_exchange(
    session: Session,
    call_id: int,
    seq: int,
    said: CallerInput,
    heard_at: datetime,
    answer: dict[str, Any],
    also: list[tuple[Executable, dict[str, Any]]],
) -> int | None:
    """Store caller turn `seq` and its answer in one statement, with `also` and whatever else the
    session holds for the call, and return the answer's id; None if the same webhook, served at
    the same moment by another request, stored them first."""
    caller = _turn_row(
        call_id,
        seq,
        "caller",
        text=said.text,
        input_kind=said.kind,
        confidence=said.confidence,
        created_at=heard_at,
    )
    try:
        ids = session.connection().execute(_INSERT_TURNS, [caller, answer]).scalars().all()
        for statement, parameters in also:
            session.connection().execute(statement, parameters)
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
        session.connection().execute(_SET_OUTCOME, {"call_id": call_id, "new_outcome": after})


def finish_turn(session: Session, claim: Claim, owner: str, reply: Reply) -> bool:
    """Store the decided answer, unless another owner took the turn over meanwhile."""
    elapsed = round((time.perf_counter() - claim.claimed_at) * 1000)
    values = {f"new_{name}": value for name, value in answer_values(reply, elapsed).items()}
    connection = session.connection()
    changed = connection.execute(_FINISH, {"answer_id": claim.answer_id, "holder": owner, **values})
    done = changed.rowcount == 1
    if done:
        _set_outcome(session, claim.call_id, claim.outcome, outcome_after(claim.outcome, reply))
        if reply.message is not None:
            from_number = connection.execute(_FROM_NUMBER, {"call_id": claim.call_id}).scalar()
            session.add(_message(claim.call_id, from_number, reply.message))
    session.commit()
    return done


def renew_leases(session: Session, answer_ids: Collection[int], owner: str, lease_s: float) -> None:
    """Push back the deadline of every pending answer in `answer_ids` that `owner` still holds."""
    deadline = utcnow() + timedelta(seconds=lease_s)
    session.connection().execute(
        _RENEW, {"answer_ids": list(answer_ids), "holder": owner, "new_deadline": deadline}
    )
    session.commit()


def take_over(session: Session, answer: Row[Any], owner: str, lease_s: float) -> Claim | None:
    """Claim a pending answer whose owner stopped renewing its lease (it died, or hangs)."""
    connection = session.connection()
    now = utcnow()
    taken = {"answer_id": answer.id, "now": now, "new_owner": owner}
    changed = connection.execute(_TAKE_OVER, taken | {"new_deadline": now + timedelta(seconds=lease_s)})
    if changed.rowcount != 1:
        session.commit()
        return None
    turns = list(connection.execute(_HISTORY, {"call_id": answer.call_id, "seq": answer.seq}))
    session.commit()
    said = turns.pop()
    kind = said.input_kind or "speech"
    return Claim(
        answer.call_id,
        answer.id,
        answer.seq,
        [as_dialog_turn(t) for t in turns],
        CallerInput(kind, said.text, said.confidence),  # type: ignore[arg-type]  # only InputKinds are stored
        said.contact,
        said.outcome,
    )


def answer_at(session: Session, call_sid: str, seq: int) -> Row[Any] | None:
    """A fresh read of one assistant turn, as another worker may just have written it."""
    turn = session.connection().execute(_ANSWER_AT, {"call_sid": call_sid, "seq": seq}).first()
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


def replayed(turn: Turn | Row[Any]) -> Action:
    """The action a stored assistant turn took, to answer a repeated webhook identically."""
    if turn.action == "transfer" and turn.target:
        return Transfer(turn.text, turn.target)
    if turn.action == "hangup":
        return Hangup(turn.text)
    if turn.action == "ask":
        return Ask(turn.text)
    if turn.action == "record":
        return Record(turn.text)
    if Note.LANGUAGE.marks(turn.note):
        return Listen(turn.text, language=(turn.note or "").removeprefix(Note.LANGUAGE.value))
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


# The answer's columns, as answer_values names them, each set from a parameter `new_<column>`.
_FINISH = (
    update(_TURNS)
    .where(
        _TURNS.c.id == bindparam("answer_id"),
        _TURNS.c.state == PENDING,
        _TURNS.c.owner == bindparam("holder"),
    )
    .values(
        {name: bindparam(f"new_{name}") for name in answer_values(Reply(Listen("")), 0)} | {"deadline": None}
    )
)


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
