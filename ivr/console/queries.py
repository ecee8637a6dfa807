"""The console's reading of the record: the call list with its filters and keyset pages, and one
call's whole story. Each page is a few indexed queries: the calls of the page, then the light
columns of those calls' turns, never a query per call."""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Row,
    Select,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    not_,
    or_,
    select,
    tuple_,
)
from sqlalchemy.orm import Session

from ivr.assistant import SPOKEN_LANGUAGES
from ivr.dialog.notes import Note
from ivr.record.models import (
    ActionRun,
    Call,
    CallStatus,
    Delivery,
    Event,
    Message,
    Turn,
    UTCDateTime,
    utcnow,
)
from ivr.record.texts import texts_of

PAGE = 50
# A search for words reads the calls of a week, then of two weeks before, four, ... (no further
# than the time left allows) and gives the page what it found when this time is spent.
WORDS_STRETCH = timedelta(days=7)
WORDS_BUDGET_S = 0.06
NOT_ENGINES = {None, "rules"}  # turns decided by the turn rules, whatever the engine
# What a call came to, as the console groups them. "message" wins over the line or the caller
# ending the call; a transfer stays a transfer.
OUTCOMES = {
    "answered": "Answered by the line",
    "transferred": "Transferred",
    "message": "Message left",
    "caller-hung-up": "Caller hung up",
    "abandoned": "Abandoned",
    "in-progress": "In progress",
}
# The stored note of a call the line ended itself, in words.
ENDINGS = {
    Note.CALLER_DONE.value: "caller said goodbye",
    Note.NO_INPUT_HANGUP.value: "caller stayed silent",
    Note.NO_MATCH.value: "not understood, said goodbye",
    Note.MAX_TURNS.value: "turn limit reached",
    Note.MODEL_END.value: "the assistant ended it",
    "hung-up": "the line ended it",
}
# Trouble worth a badge in the list, by the note of the assistant turn that shows it.
BADGES = {
    "fallback": ("Fallback", "the line hit an error and apologised"),
    "model-failure": ("Model failure", "the model's answer was late or failed and was replaced"),
    "low-confidence": ("Low confidence", "speech was too unsure to act on and was re-asked"),
    "re-offer": ("Re-offer", "the caller was not understood and offered the choices again"),
    "life-in-danger": (
        "Life in danger",
        "the caller described a life in danger and was told to call emergency services",
    ),
}


@dataclass(frozen=True)
class CallFilters:
    start: datetime | None = None  # UTC, inclusive
    end: datetime | None = None  # UTC, exclusive
    outcome: str | None = None  # a key of OUTCOMES
    caller: str = ""  # part of the number or of the contact's name
    words: str = ""  # part of something a caller said
    tests: bool = False  # include test calls (`ivr test-calls --url`)


@dataclass(frozen=True)
class Dial:
    target: str | None
    result: str  # completed, busy, no-answer, failed, ... or "pending" when no result came back


@dataclass(frozen=True)
class CallRow:
    id: int
    call_sid: str
    started_at: datetime
    from_number: str | None
    caller_name: str | None
    to_number: str | None
    duration_s: float | None
    outcome: str  # a key of OUTCOMES
    detail: str  # the outcome in a few words: how the dial ended, how the call ended
    engines: tuple[str, ...]
    turns: int  # what the caller did: speech, keys or silence (dial results not counted)
    badges: dict[str, int]  # a key of BADGES -> how many turns
    dials: tuple[Dial, ...]
    test: bool

    @property
    def cursor(self) -> str:
        return f"{self.started_at.isoformat()}_{self.id}"


@dataclass(frozen=True)
class Page:
    rows: list[CallRow]
    older: str | None  # the cursor of the next page, if there is one
    newest: str  # the cursor the list polls after for new calls
    searched_to: datetime | None = None  # a words search ran out of time here: older calls are next


def calls_page(
    session: Session,
    filters: CallFilters,
    before: str | None = None,
    limit: int = PAGE,
    budget_s: float | None = WORDS_BUDGET_S,
) -> Page:
    """The newest calls matching the filters, older than the `before` cursor when given. A search
    for words stops after `budget_s` seconds (None: never) with the calls it found so far."""
    at = parse_cursor(before)
    if filters.words.strip():
        return _searched(session, filters, at, limit, budget_s)
    calls = list(session.scalars(_older(filters, at).limit(limit + 1)))
    return _page(session, calls, limit)


def _older(filters: CallFilters, at: tuple[datetime, int] | None) -> Select[Call]:
    query = _filtered(filters).order_by(Call.started_at.desc(), Call.id.desc())
    if at is not None:
        query = query.where(tuple_(Call.started_at, Call.id) < _cursor_values(at))
    return query


def _page(session: Session, calls: list[Call], limit: int, searched_to: datetime | None = None) -> Page:
    rows = describe(session, calls[:limit])
    older = rows[-1].cursor if len(calls) > limit else None
    if searched_to is not None:
        older = f"{searched_to.isoformat()}_0"  # (time, 0) comes after every call at that time
    newest = rows[0].cursor if rows else f"{utcnow().isoformat()}_0"
    return Page(rows, older, newest, searched_to)


def _searched(
    session: Session,
    filters: CallFilters,
    at: tuple[datetime, int] | None,
    limit: int,
    budget_s: float | None,
) -> Page:
    """Calls with the words, a stretch of time at a time from the newest back, until the page is
    full, the calls run out or the time is spent. Matching words reads every caller turn of a
    stretch (no index finds a part of a word on SQLite), and a year of them takes longer than a
    page should: when the time runs out, the page ends where the search got to and its next page
    goes on from there. Page after page, the same calls as one search."""
    started = time.monotonic()
    top = at[0] if at is not None else session.scalar(select(func.max(Call.started_at)))
    bottom = session.scalar(select(func.min(Call.started_at)))
    if top is None or bottom is None:
        return _page(session, [], limit)
    if filters.end is not None:
        top = min(top, filters.end)
    if filters.start is not None:
        bottom = max(bottom, filters.start)
    calls: list[Call] = []
    stretch, upper = WORDS_STRETCH, at
    while True:
        low = top - stretch
        query = _older(filters, upper).where(Call.started_at >= low).limit(limit + 1 - len(calls))
        calls += session.scalars(query)
        if len(calls) > limit or low <= bottom:
            return _page(session, calls, limit)
        spent = time.monotonic() - started
        if budget_s is not None and spent >= budget_s:
            return _page(session, calls, limit, searched_to=low)
        # Twice as far back, or as far as the time left reaches at the pace so far.
        reach = (
            (top - low) * ((budget_s - spent) / spent) if budget_s is not None and spent > 0 else stretch * 2
        )
        top, upper, stretch = low, (low, 0), max(min(stretch * 2, reach), WORDS_STRETCH / 7)


def calls_after(session: Session, filters: CallFilters, after: str, limit: int = PAGE) -> list[CallRow]:
    """Calls newer than the `after` cursor, newest first: what to add to the top of a list."""
    at = parse_cursor(after)
    if at is None:
        return []
    query = _filtered(filters).where(tuple_(Call.started_at, Call.id) > _cursor_values(at))
    calls = list(session.scalars(query.order_by(Call.started_at.desc(), Call.id.desc()).limit(limit)))
    return describe(session, calls)


def every_call(session: Session, filters: CallFilters, batch: int = 500) -> Iterator[CallRow]:
    """Every matching call, newest first, a batch at a time (for the CSV)."""
    before = None
    while True:
        page = calls_page(session, filters, before, batch, budget_s=None)
        yield from page.rows
        if page.older is None:
            return
        before = page.older


def parse_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    if not cursor:
        return None
    when, _, id = cursor.rpartition("_")
    try:
        return datetime.fromisoformat(when), int(id)
    except ValueError:
        return None


def _cursor_values(at: tuple[datetime, int]) -> Any:
    """A cursor as SQL values typed like the columns (SQLite compares timestamps as text)."""
    return tuple_(literal(at[0], UTCDateTime()), literal(at[1], Integer()))


def _filtered(filters: CallFilters) -> Select[Call]:
    query = select(Call)
    if not filters.tests:
        query = query.where(Call.test.is_(False))
    if filters.start is not None:
        query = query.where(Call.started_at >= filters.start)
    if filters.end is not None:
        query = query.where(Call.started_at < filters.end)
    if filters.outcome in OUTCOMES:
        query = query.where(outcome_is(filters.outcome))
    if filters.caller.strip():
        caller = filters.caller.strip()
        query = query.where(
            or_(
                Call.from_number.icontains(caller, autoescape=True),
                Call.contact.icontains(caller, autoescape=True),
            )
        )
    if filters.words.strip():
        said = Turn.text.icontains(" ".join(filters.words.split()), autoescape=True)
        query = query.where(
            exists().where(Turn.call_id == Call.id, Turn.role == "caller", Turn.input_kind == "speech", said)
        )
    return query


def outcome_is(kind: str) -> ColumnElement[bool]:
    """The SQL condition for one of OUTCOMES, the same grouping `outcome_of` makes in Python."""
    transferred = Call.outcome.like("transfer%")
    has_message = exists().where(Message.call_id == Call.id)
    ended = Call.ended_at.is_not(None)
    conditions: dict[str, ColumnElement[bool]] = {
        "transferred": transferred,
        "message": and_(not_(transferred), has_message),
        "caller-hung-up": and_(ended, Call.outcome == "caller-hung-up", not_(has_message)),
        "abandoned": Call.outcome == "abandoned",
        "in-progress": and_(Call.ended_at.is_(None), not_(transferred), not_(has_message)),
        "answered": and_(
            ended,
            or_(Call.outcome.is_(None), Call.outcome.not_in(["caller-hung-up", "abandoned"])),
            not_(transferred),
            not_(has_message),
        ),
    }
    return conditions.get(kind, false())


def outcome_of(outcome: str | None, ended: bool, has_message: bool) -> str:
    if outcome and outcome.startswith("transfer"):
        return "transferred"
    if outcome == "abandoned":
        return "abandoned"
    if has_message:
        return "message"
    if not ended:
        return "in-progress"
    return "caller-hung-up" if outcome == "caller-hung-up" else "answered"


def describe(session: Session, calls: Sequence[Call]) -> list[CallRow]:
    """The list's rows for these calls: two more queries, whatever their number."""
    ids = [call.id for call in calls]
    if not ids:
        return []
    turns: dict[int, list[Any]] = defaultdict(list)
    light = select(
        Turn.call_id,
        Turn.role,
        Turn.input_kind,
        case((Turn.input_kind == "dial", Turn.text), else_=None).label("dial_result"),
        Turn.action,
        Turn.target,
        Turn.note,
        Turn.engine,
    )
    for row in session.execute(light.where(Turn.call_id.in_(ids)).order_by(Turn.call_id, Turn.seq)):
        turns[row.call_id].append(row)
    with_message = set(session.scalars(select(Message.call_id).where(Message.call_id.in_(ids))))
    return [_row(call, turns[call.id], call.id in with_message) for call in calls]


def _row(call: Call, turns: list[Any], has_message: bool) -> CallRow:
    kind = outcome_of(call.outcome, call.ended_at is not None, has_message)
    dials = dials_of(turns)
    return CallRow(
        id=call.id,
        call_sid=call.call_sid,
        started_at=call.started_at,
        from_number=call.from_number,
        caller_name=contact_name(call.contact),
        to_number=call.to_number,
        duration_s=seconds(call),
        outcome=kind,
        detail=_detail(kind, call.outcome, dials),
        engines=tuple(
            name for name, _ in Counter(t.engine for t in turns if t.engine not in NOT_ENGINES).most_common()
        ),
        turns=sum(1 for t in turns if t.role == "caller" and t.input_kind != "dial"),
        badges={key: n for key, n in badges_of(t.note for t in turns).items() if n},
        dials=dials,
        test=call.test,
    )


def dials_of(turns: Sequence[Any]) -> tuple[Dial, ...]:
    """Each transfer the line tried and how its dial ended, from the turns in order."""
    dials: list[Dial] = []
    pending: str | None = None
    waiting = False
    for turn in turns:
        if turn.role == "assistant" and turn.action == "transfer":
            if waiting:
                dials.append(Dial(pending, "pending"))
            pending, waiting = turn.target, True
        elif turn.role == "caller" and turn.input_kind == "dial" and waiting:
            dials.append(Dial(pending, getattr(turn, "dial_result", None) or turn.text or "failed"))
            waiting = False
    if waiting:
        dials.append(Dial(pending, "pending"))
    return tuple(dials)


def badges_of(notes: Iterator[str | None] | Sequence[str | None]) -> dict[str, int]:
    found = dict.fromkeys(BADGES, 0)
    for note in notes:
        if note == Note.ERROR:
            found["fallback"] += 1
        elif Note.MODEL_FALLBACK.marks(note):
            found["model-failure"] += 1
        elif note == Note.LOW_CONFIDENCE:
            found["low-confidence"] += 1
        elif note == Note.NO_MATCH:
            found["re-offer"] += 1
        elif note == Note.LIFE_IN_DANGER:
            found["life-in-danger"] += 1
    return found


def _detail(kind: str, outcome: str | None, dials: tuple[Dial, ...]) -> str:
    tried = ", ".join(f"{d.target or '?'}: {DIAL_WORDS.get(d.result, d.result)}" for d in dials)
    ending = ENDINGS.get(outcome or "", outcome or "") if kind == "answered" else ""
    if kind == "transferred":
        return tried
    return "; ".join(part for part in (ending, tried) if part)


DIAL_WORDS = {
    "completed": "answered",
    "answered": "answered",
    "busy": "busy",
    "no-answer": "no answer",
    "failed": "failed",
    "canceled": "canceled",
    "pending": "no result",
}


def contact_name(contact: str | None) -> str | None:
    """The name in the contact stored with the call (the business's JSON, as looked up)."""
    try:
        name = json.loads(contact).get("name") if contact else None
    except (ValueError, AttributeError):
        return None
    return name if isinstance(name, str) and name else None


def seconds(call: Call) -> float | None:
    """Twilio's duration of the call, or ours when its final status has not come in."""
    if call.duration_s is not None:
        return call.duration_s
    return (call.ended_at - call.started_at).total_seconds() if call.ended_at else None


# One call


@dataclass
class CallStory:
    call: Call
    row: CallRow
    turns: list[Turn]
    statuses: list[CallStatus]
    messages: list[Message]
    events: list[tuple[Event, list[Delivery]]] = field(default_factory=list)
    actions: list[ActionRun] = field(default_factory=list)  # calls made to the business's API
    texts: Sequence[Row[Any]] = ()  # texts to the caller, with Twilio's status


def call_story(session: Session, call_sid: str) -> CallStory | None:
    call = session.scalar(select(Call).where(Call.call_sid == call_sid))
    if call is None:
        return None
    turns = list(session.scalars(select(Turn).where(Turn.call_id == call.id).order_by(Turn.seq)))
    messages = list(session.scalars(select(Message).where(Message.call_id == call.id).order_by(Message.id)))
    statuses = session.scalars(
        select(CallStatus)
        .where(CallStatus.call_id == call.id)
        .order_by(CallStatus.received_at, CallStatus.id)
    )
    events = list(session.scalars(select(Event).where(Event.call_id == call.id).order_by(Event.id)))
    deliveries: dict[int, list[Delivery]] = defaultdict(list)
    if events:
        query = select(Delivery).where(Delivery.event_id.in_([e.id for e in events])).order_by(Delivery.id)
        for delivery in session.scalars(query):
            deliveries[delivery.event_id].append(delivery)
    return CallStory(
        call=call,
        row=_row(call, turns, bool(messages)),
        turns=turns,
        statuses=list(statuses),
        messages=messages,
        events=[(event, deliveries[event.id]) for event in events],
        actions=list(
            session.scalars(select(ActionRun).where(ActionRun.call_id == call.id).order_by(ActionRun.id))
        ),
        texts=texts_of(session, call.id),
    )


def trouble_notes() -> ColumnElement[bool]:
    """Turns that show the line in trouble: errors and replaced model answers."""
    return or_(Turn.note == Note.ERROR.value, Turn.note.like(f"{Note.MODEL_FALLBACK.value}%"))


# Why a turn went as it did, for people; by the note's kind (see ivr/dialog/notes.py).
NOTE_WORDS = {
    Note.GREETING.value: "greeted the caller",
    Note.NO_INPUT.value: "heard nothing; asked again",
    Note.NO_INPUT_HANGUP.value: "silence too many times; said goodbye",
    Note.LOW_CONFIDENCE.value: "speech too unsure to act on; asked again",
    Note.NO_MATCH.value: "matched no option; offered the choices again",
    Note.LIFE_IN_DANGER.value: "a life in danger: told the caller to hang up and call emergency services",
    Note.OPERATOR.value: "the caller asked for a person",
    Note.MAX_TURNS.value: "turn limit reached",
    Note.TRANSFERRED.value: "the transfer was answered",
    Note.REFUSED_TRANSFER.value: "refused to dial a number not in the directory",
    Note.CALLER_DONE.value: "the caller was done; said goodbye",
    Note.ASKED_FOR_MESSAGE.value: "asked for a message",
    Note.MESSAGE_TAKEN.value: "took a message",
    Note.MODEL.value: "the model answered",
    Note.MODEL_TRANSFER.value: "the model transferred the call",
    Note.MODEL_END.value: "the model ended the call",
    Note.REFUSED_TOOL.value: "refused a tool the model is not allowed",
    Note.REFUSED_LEAK.value: "refused an answer that leaked private notes",
    Note.ERROR.value: "something failed; apologised and went on",
}


def why(note: str | None) -> str:
    if not note:
        return ""
    if note in NOTE_WORDS:
        return NOTE_WORDS[note]
    if Note.OPTION.marks(note):
        return f"matched option {note.removeprefix(Note.OPTION.value)}"
    if Note.DIAL.marks(note):
        return f"the transfer ended {note.removeprefix(Note.DIAL.value)}; the call goes on"
    if Note.GREETING_LOOKUP.marks(note):
        return f"greeted the caller (look-up: {note.removeprefix(Note.GREETING_LOOKUP.value)})"
    if Note.MODEL_FALLBACK.marks(note):
        return f"the model's answer was replaced ({note.removeprefix(Note.MODEL_FALLBACK.value)})"
    if Note.LANGUAGE.marks(note):
        code = note.removeprefix(Note.LANGUAGE.value)
        return f"the caller chose {SPOKEN_LANGUAGES.get(code, code)}; the call goes on in it"
    return note
