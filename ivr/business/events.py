"""The post-call event: what the business is told when a call ends, built from the stored record.

The event goes into the outbox (events and deliveries) in the transaction that closes the call;
`ivr.business.delivery` sends it later. Nothing here speaks HTTP."""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, exists, insert, select
from sqlalchemy.orm import Session

from ivr.assistant import MenuOption
from ivr.dialog.notes import Note
from ivr.record import actions as action_runs
from ivr.record import texts as caller_texts
from ivr.record.models import ActionRun, Call, CallerText, Delivery, Event, Message, Turn, utcnow

CALL_ENDED = "call.ended"
StoredTurn = Turn | Row[Any]  # a turn as the ORM loads it, or as a row of the turns table
DIAL_RESULTS = {
    "completed": "answered",
    "answered": "answered",
    "no-answer": "no answer",
    "not-accepted": "not accepted",
}
SPOKE = {"speech", "digits"}  # caller input that means someone was there and took part
# How a call the assistant hung up on ended, by the note of its last turn.
ENDINGS: dict[str, str] = {
    Note.CALLER_DONE: "said goodbye",
    Note.NO_INPUT_HANGUP: "stayed silent until the assistant hung up",
}
NOT_UNDERSTOOD = {Note.NO_MATCH, Note.LOW_CONFIDENCE, Note.REFUSED_TRANSFER}


def new_event_id() -> str:
    """A unique id receivers deduplicate by (the Standard Webhooks webhook-id)."""
    return "evt_" + secrets.token_hex(16)


# Every call's end runs these: built once, not on every status callback (bench/README.md).
# Rows, not ORM objects: the payload only reads their columns.
_TURNS_OF_CALL = (
    select(cast(Table, Turn.__table__))
    .where(Turn.call_id == bindparam("call_id"), Turn.state == "done")
    .order_by(Turn.seq)
)
_MESSAGES_OF_CALL = select(Message).where(Message.call_id == bindparam("call_id")).order_by(Message.id)
# Most calls leave no message, run no action and send no text: one query says which to read.
_WHAT_CALL_HAS = select(
    exists().where(Message.call_id == bindparam("call_id")),
    exists().where(ActionRun.call_id == bindparam("call_id")),
    exists().where(CallerText.call_id == bindparam("call_id")),
)
_NEW_EVENT = insert(Event).returning(Event.id)
_NEW_DELIVERY = insert(Delivery)


def add_call_ended_event(
    session: Session, call: Call, webhooks: Sequence[str], *, menu: Sequence[MenuOption] = ()
) -> str:
    """Add the call's "call.ended" event with one delivery per webhook URL, for the caller to
    commit together with closing the call, and return its event id. A call has one such event:
    adding a second raises IntegrityError.

    `menu` names the options the caller chose in the summary ("asked about hours")."""
    this_call = {"call_id": call.id}
    connection = session.connection()
    turns = connection.execute(_TURNS_OF_CALL, this_call).all()
    has_messages, has_runs, has_texts = connection.execute(_WHAT_CALL_HAS, this_call).one()
    messages = list(session.scalars(_MESSAGES_OF_CALL, this_call)) if has_messages else []
    event_id, created_at = new_event_id(), utcnow()
    payload = call_ended_payload(event_id, created_at, call, turns, messages, menu)
    runs = action_runs.runs_of(session, call.id) if has_runs else []
    texts = caller_texts.texts_of(session, call.id) if has_texts else []
    payload["actions"] = [action_json(run) for run in runs]
    payload["texts"] = [text_json(text) for text in texts]
    row = {"event_id": event_id, "call_id": call.id, "type": CALL_ENDED, "created_at": created_at}
    row["payload"] = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    stored = connection.execute(_NEW_EVENT, row).scalar_one()
    urls = dict.fromkeys(webhooks)  # each URL once, in order
    if urls:
        deliveries = [{"event_id": stored, "url": url, "next_attempt_at": created_at} for url in urls]
        connection.execute(_NEW_DELIVERY, deliveries)
    return event_id


def call_ended_payload(
    event_id: str,
    created_at: datetime,
    call: Call,
    turns: Sequence[StoredTurn],
    messages: Sequence[Message],
    menu: Sequence[MenuOption] = (),
) -> dict[str, Any]:
    return {
        "type": CALL_ENDED,
        "event_id": event_id,
        "timestamp": _iso(created_at),
        "call": _call(call),
        "outcome": outcome(call, turns),
        "transcript": [_transcribed(turn) for turn in turns],
        "messages": [
            {
                "name": m.name,
                "callback_number": m.callback_number,
                "text": m.text,
                "at": _iso(m.created_at),
                "recording": _recording(m),
            }
            for m in messages
        ],
        "summary": path_summary(call, turns, {o.key: o.name for o in menu}),
        "summary_by": "path",
        # Whether the business was closed (its [hours]) when the caller was greeted.
        "while_closed": bool(turns) and turns[0].note == Note.GREETING_CLOSED,
    }


def _recording(message: Message) -> dict[str, Any] | None:
    """A voice message's recording (Twilio's URL: fetch it with the account's credentials, adding
    .mp3 or .wav), its length, and Twilio's transcription when there is one."""
    if not message.recording_sid:
        return None
    return {
        "sid": message.recording_sid,
        "url": message.recording_url,
        "duration_s": message.recording_duration_s,
        "transcription": message.transcription,
    }


def action_json(run: ActionRun) -> dict[str, Any]:
    """One call to the business's API as the event tells it: what, when in the call, with which
    (masked) values, how it went, and which fields of the answer the caller heard."""
    spoken = _parsed(run.spoken) or []
    answer = _parsed(run.answer) or {}
    return {
        "name": run.name,
        "moment": run.moment,
        "seq": run.seq,
        "idempotency_key": run.key,
        "parameters": _parsed(run.parameters) or {},
        "status": run.status,
        "http_status": run.http_status,
        "elapsed_ms": run.elapsed_ms,
        "spoken": {name: answer.get(name) for name in spoken if isinstance(name, str)},
        "detail": run.detail,
        "at": _iso(run.started_at),
    }


def text_json(text: CallerText | Row[Any]) -> dict[str, Any]:
    """A text to the caller as the event tells it: to the caller's own number, what it said, and
    Twilio's message SID and status as known when the call ended (later status callbacks update
    the record, not the event)."""
    return {
        "seq": text.seq,
        "to": text.to_number,
        "from": text.from_number,
        "body": text.body,
        "message_sid": text.message_sid,
        "status": text.status,
        "error_code": text.error_code,
        "detail": text.detail,
        "at": _iso(text.created_at),
    }


def outcome(call: Call, turns: Sequence[StoredTurn]) -> dict[str, Any]:
    """How the call ended, read from its turns:

    - abandoned: the caller never spoke or pressed a key (reason: before-greeting,
      during-greeting, or silent);
    - transferred: the call ended on a transfer (to: the directory name, dial_result: how the
      dial ended, or null when the call ended before it reported);
    - answered: the assistant ended the call (reason: the last turn's note, e.g. caller-done);
    - caller-hung-up: the caller hung up while the assistant was listening."""
    if not any(t.role == "caller" and t.input_kind in SPOKE for t in turns):
        return {"kind": "abandoned", "reason": _abandoned_reason(turns)}
    last = next((t for t in reversed(turns) if t.role == "assistant"), None)
    transfer = _last_transfer(turns)
    if last is not None and (last.action == "transfer" or last.note == Note.TRANSFERRED) and transfer:
        return {"kind": "transferred", "to": transfer[0].target, "dial_result": transfer[1]}
    if last is not None and last.action == "hangup":
        return {"kind": "answered", "reason": last.note}
    return {"kind": "caller-hung-up"}


def path_summary(call: Call, turns: Sequence[StoredTurn], options: dict[str, str] | None = None) -> str:
    """One plain sentence from the path the call took, e.g. "Caller asked about hours and
    location, then was transferred to pharmacy (busy), then to front desk (answered)."

    `options` maps menu keys to option names."""
    ended = outcome(call, turns)
    if ended["kind"] == "abandoned":
        return _abandoned_summary(call, ended["reason"], turns)
    steps: list[str] = []
    after_transfer = False
    for index, turn in enumerate(turns):
        if turn.role != "assistant" or turn.seq == 0:
            continue
        if turn.action == "transfer":
            result = _dial_result(turns, index) or "no result"
            lead = "to" if after_transfer else "was transferred to"
            steps.append(f"{lead} {turn.target} ({DIAL_RESULTS.get(result, result)})")
            after_transfer = True
            continue
        step = _step(turn, options or {})
        if step and (not steps or steps[-1] != step):
            steps.append(step)
            after_transfer = False
    if ended["kind"] == "caller-hung-up":
        steps.append("hung up")
    return "Caller " + ", then ".join(steps or ["called"]) + "."


def _step(turn: StoredTurn, options: dict[str, str]) -> str | None:
    """What an assistant turn (other than a transfer) says about the caller's path, if anything."""
    note = turn.note or ""
    if turn.action == "hangup":
        return None if note == Note.TRANSFERRED else ENDINGS.get(note, "the assistant ended the call")
    if Note.OPTION.marks(note):
        key = note.removeprefix(Note.OPTION)
        return f"asked about {options.get(key, f'option {key}')}"
    if note == Note.MESSAGE_TAKEN:
        return "left a message"
    if Note.ACTION.marks(note):
        return f"had {note.removeprefix(Note.ACTION)} done"
    if Note.ACTION_FAILED.marks(note):
        return f"asked for {note.removeprefix(Note.ACTION_FAILED)}, which failed"
    if note in NOT_UNDERSTOOD:
        return "was not understood"
    if note == Note.MODEL:
        return "asked a question"
    return None


def _last_transfer(turns: Sequence[StoredTurn]) -> tuple[StoredTurn, str | None] | None:
    """The call's last transfer and how its dial ended."""
    for index in range(len(turns) - 1, -1, -1):
        turn = turns[index]
        if turn.role == "assistant" and turn.action == "transfer" and turn.target:
            return turn, _dial_result(turns, index)
    return None


def _dial_result(turns: Sequence[StoredTurn], transfer_index: int) -> str | None:
    """Twilio's DialCallStatus for the transfer at `transfer_index`; None if the call ended
    before the dial reported back."""
    dialed = next((t for t in turns[transfer_index + 1 :] if t.role == "caller"), None)
    return dialed.text if dialed is not None and dialed.input_kind == "dial" else None


def _abandoned_reason(turns: Sequence[StoredTurn]) -> str:
    if not turns:
        return "before-greeting"
    if not any(t.role == "caller" for t in turns):
        return "during-greeting"
    return "silent"


def _abandoned_summary(call: Call, reason: str, turns: Sequence[StoredTurn]) -> str:
    if reason == "before-greeting":
        if call.status in ("busy", "no-answer", "failed"):
            return f"The call did not connect ({call.status})."
        return "Caller hung up before the greeting."
    if reason == "during-greeting":
        return "Caller hung up during the greeting."
    if turns and turns[-1].action == "hangup":
        return "Caller stayed silent until the assistant hung up."
    return "Caller stayed silent, then hung up."


def _call(call: Call) -> dict[str, Any]:
    duration = call.duration_s
    if duration is None and call.ended_at is not None:
        duration = round((call.ended_at - call.started_at).total_seconds())
    return {
        "call_sid": call.call_sid,
        "from": call.from_number,
        "to": call.to_number,
        "started_at": _iso(call.started_at),
        "ended_at": _iso(call.ended_at),
        "duration_s": duration,
        "status": call.status,
        "outcome": call.outcome,
        "contact": _contact(call.contact),
        "assistant": call.assistant,
        "language": call.language,  # a language the caller chose among those offered; None: the line's own
    }


def _contact(stored: str | None) -> Any:
    """The caller as the business knows them; a record that is not JSON is left out rather than
    let it stop the call from closing."""
    if not stored:
        return None
    try:
        return json.loads(stored)
    except ValueError:
        return None


def _parsed(stored: str | None) -> Any:
    try:
        return json.loads(stored) if stored else None
    except ValueError:
        return None


def _transcribed(turn: StoredTurn) -> dict[str, Any]:
    return {
        "seq": turn.seq,
        "role": turn.role,
        "text": turn.text,
        "kind": turn.input_kind if turn.role == "caller" else turn.action,
        "at": _iso(turn.created_at),
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment is not None else None
