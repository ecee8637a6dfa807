"""Warm transfers: the whisper the person answering hears (who is calling and why), their answer
(1 takes the call), and how a transfer really ended.

The whisper runs on the dialed person's call leg (Twilio's <Number url>), so its webhooks carry that
leg's CallSid; the caller's call and the transfer are named in the URL we sign into the TwiML."""

from __future__ import annotations

import logging

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from ivr.assistant import Assistant
from ivr.business.contacts import CallerContact
from ivr.dialog import whisper
from ivr.dialog.rules import ANSWERED_DIAL
from ivr.record.models import Call, Turn
from ivr.record.turns import as_dialog_turn

log = logging.getLogger("ivr.answering.transfers")
NOT_ACCEPTED = "not-accepted"  # our word, not Twilio's: the person answered but did not press 1


def called_number(session: Session, call_sid: str) -> str | None:
    """The number the caller dialed: it picks the assistant that whispers."""
    return session.scalar(select(Call.to_number).where(Call.call_sid == call_sid))


def whisper_text(assistant: Assistant, session: Session, call_sid: str, turn: int) -> str:
    """Who is calling and why, from the call before the transfer that reports to `turn`."""
    call = session.scalar(select(Call).where(Call.call_sid == call_sid))
    if call is None:
        return whisper.text(assistant, [])
    history = session.scalars(
        select(Turn).where(Turn.call_id == call.id, Turn.seq < turn, Turn.state == "done").order_by(Turn.seq)
    )
    name = ""
    if call.contact:
        try:
            name = CallerContact.from_json(call.contact).name
        except (ValueError, TypeError, AttributeError):
            name = ""
    return whisper.text(assistant, [as_dialog_turn(t) for t in history], name)


def accept(session: Session, call_sid: str, turn: int) -> None:
    """The person pressed 1: this transfer is theirs."""
    session.execute(update(Call).where(Call.call_sid == call_sid).values(accepted_transfer=turn))
    session.commit()
    log.info("event=transfer-accepted turn=%s", turn)


def dial_outcome(session: Session, call_sid: str, turn: int | None, status: str) -> str:
    """How a transfer ended, for the caller: a call answered by someone who did not take it (let
    the whisper time out, pressed another key, hung up) is `not-accepted`, like a busy line.
    Twilio reports the dialed leg as answered either way, so our record decides."""
    if status not in ANSWERED_DIAL:
        return status
    # Read in the transaction that goes on to store the turn: no commit of its own.
    accepted = session.connection().execute(_ACCEPTED, {"call_sid": call_sid}).scalar()
    return status if accepted is not None and accepted == turn else NOT_ACCEPTED


_ACCEPTED = select(Call.accepted_transfer).where(Call.call_sid == bindparam("call_sid"))  # built once
