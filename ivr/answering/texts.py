"""Sending a text to the caller during a turn, when an engine asks for one (a menu option's `text`,
Claude's send_text): always to the call's own From number, from the number called (or the
assistant's sms_from), at most MAX_PER_CALL per call, counted in the record so any worker serves
any turn. The text is claimed for its turn before it goes out: deciding the turn again (a repeated
webhook, a take-over after a worker died) finds the claim and never sends it twice. Whatever
happens comes back as an Outcome the engine tells the caller honestly."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from ivr.assistant import TEXT_MAX_CHARS
from ivr.dialog import texts
from ivr.dialog.actions import Outcome
from ivr.dialog.types import ActionRequest
from ivr.record import texts as record

if TYPE_CHECKING:
    from ivr.answering.turns import Answerer
    from ivr.record.turns import Claim, Exchange
    from ivr.texting import TextSender

log = logging.getLogger("ivr.answering.texts")
TEST_CALL = "a test call: no text is sent"
NOT_CONFIGURED = "TWILIO_ACCOUNT_SID is not set: texts cannot be sent"
LIMIT_REACHED = f"a call gets at most {texts.MAX_PER_CALL} texts"
SENT = {"sent_to": "the number the caller is calling from"}  # what the model learns of a success


def send(answerer: Answerer, claim: Claim, request: ActionRequest) -> Outcome:
    """Send the text `request` asks for in the claimed turn (or replay how it went). A text that
    will not go out is decided and stored in one transaction; one that will is claimed first."""
    body = texts.body_of(request.arguments)
    if body is None:
        return _bad_body()
    with answerer.sessions() as session:
        plan = _plan(answerer, session, claim.call_id, claim.answer_seq)
        stored = record.begin(
            session, claim.call_id, claim.answer_seq, plan.to, plan.sender, body, plan.status, plan.detail
        )
    if stored is not None:
        return _replayed(stored)
    sender_api = answerer.texts
    if plan.why is not None or sender_api is None or not plan.to or not plan.sender:
        return _not_sent(plan)
    sent = sender_api.send(plan.to, plan.sender, body)
    with answerer.sessions() as session:
        status = sent.status if sent.ok else record.FAILED
        record.finish(
            session, claim.call_id, claim.answer_seq, status, sent.sid, sent.error_code, sent.detail
        )
    if not sent.ok:
        log.warning("event=text-failed code=%s detail=%r", sent.error_code, sent.detail[:160])
        return Outcome("failed", {"why": texts.FAILED}, sent.detail)
    log.info("event=text-sent sid=%s status=%s ms=%s", sent.sid, sent.status, sent.elapsed_ms)
    return Outcome("ok", dict(SENT))


def not_sent_at_once(answerer: Answerer, exchange: Exchange, request: ActionRequest) -> Outcome | None:
    """How a text that cannot go out went (a withheld number, the limit, a test call, no Twilio
    account), decided and stored with the turn, in its transaction: nothing leaves the process,
    so nothing needs claiming first. None when the text may go out: it is sent once the turn is
    claimed (send)."""
    body = texts.body_of(request.arguments)
    if body is None:
        return _bad_body()
    plan = _plan(answerer, exchange.session, exchange.call_id, exchange.answer_seq)
    if plan.why is None:
        return None
    exchange.also.append(
        record.stored_with(
            exchange.call_id, exchange.answer_seq, plan.to, plan.sender, body, plan.status, plan.detail
        )
    )
    return _not_sent(plan)


@dataclass(frozen=True)
class _Plan:
    """Where a turn's text would go, from which number, and why it must not (None: it may)."""

    to: str | None
    sender: str | None
    why: str | None
    detail: str

    @property
    def status(self) -> str:
        """The status the text is stored with before anything is sent."""
        if self.why is None:
            return record.PENDING
        return record.FAILED if self.why in (texts.FAILED, texts.OFF) else record.REFUSED


def _plan(answerer: Answerer, session: Session, call_id: int, seq: int) -> _Plan:
    call = record.facts(session, call_id, seq)
    sender = answerer.assistant.sms_from or call.to_number
    why, detail = _why_not(call, sent_by=answerer.texts, sender=sender)
    return _Plan(call.from_number, sender, why, detail)


def _not_sent(plan: _Plan) -> Outcome:
    log.warning("event=text-not-sent why=%s detail=%r", plan.why, plan.detail[:120])
    return Outcome("failed" if plan.status == record.FAILED else "refused", {"why": plan.why}, plan.detail)


def _bad_body() -> Outcome:
    log.warning("event=text-refused reason=body")
    return _refused(texts.FAILED, f"the body must be plain text of 1 to {TEXT_MAX_CHARS} characters")


def note_status(session: Session, message_sid: str, status: str, error_code: int | None) -> bool:
    """Twilio's status callback for a text; False when the SID is not one of ours."""
    return record.note_status(session, message_sid, status, error_code)


def _why_not(
    call: record.CallFacts, sent_by: TextSender | None, sender: str | None
) -> tuple[str | None, str]:
    """Why this text must not go out, as (why, detail); (None, "") when it may."""
    unreachable = texts.why_not_textable(call.from_number)
    if unreachable is not None:
        return texts.UNREACHABLE, unreachable
    if call.sent_before >= texts.MAX_PER_CALL:
        return texts.LIMIT, LIMIT_REACHED
    if call.test:  # a scenario's call (ivr test-calls): nobody's phone gets a text
        return texts.FAILED, TEST_CALL
    if sent_by is None:
        return texts.OFF, NOT_CONFIGURED
    if not sender:
        return texts.FAILED, "no number to send from: the call has no To, and sms_from is not set"
    return None, ""


def _replayed(stored: record.Stored) -> Outcome:
    """How the turn's text went the first time; one still pending may or may not have gone, and
    is never sent again."""
    if stored.status == record.PENDING:
        log.warning("event=text-unconfirmed (claimed by a worker that did not finish)")
        return Outcome("failed", {"why": texts.UNCONFIRMED}, "it is not known whether the text was sent")
    if stored.status == record.REFUSED:
        why = texts.LIMIT if stored.detail == LIMIT_REACHED else texts.UNREACHABLE
        return Outcome("refused", {"why": why}, stored.detail)
    if stored.status == record.FAILED and not stored.message_sid:
        why = texts.OFF if stored.detail == NOT_CONFIGURED else texts.FAILED
        return Outcome("failed", {"why": why}, stored.detail)
    return Outcome("ok", dict(SENT))


def _refused(why: str, detail: str) -> Outcome:
    return Outcome("refused", {"why": why}, detail)
