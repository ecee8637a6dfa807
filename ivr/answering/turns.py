"""Answering a caller's turn in time.

The request that claims a turn decides its answer, once. A fast engine decides inline. A slow one
(a model) works in the background: if its answer is not ready within the reply budget, the caller
hears a short filler and a <Redirect> brings the line back for the answer, which any worker reads
from the database. The worker deciding renews a lease on the turn; if it dies, the lease runs out
and the next request for that turn takes it over and asks again. Waiting is bounded: after a few
fillers the caller hears an apology and is asked to go on, never a loop and never dead air.

A long answer need not wait for its last word: if the engine tells its first sentence before the
whole is ready, the caller hears that sentence at once, and its <Redirect> fetches the rest, which
the model finishes while Twilio speaks. The redirect names the words heard, so the rest is cut
from the stored answer only if that answer really begins with them."""

from __future__ import annotations

import contextvars
import hashlib
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as Late
from contextlib import nullcontext
from dataclasses import dataclass, replace

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ivr.answering import actions
from ivr.answering import texts as texting
from ivr.answering.leases import LEASE_S, Leases, owner
from ivr.assistant import Assistant
from ivr.business.actions import ActionClient
from ivr.business.contacts import CallerContact
from ivr.dialog import wording
from ivr.dialog.notes import Note
from ivr.dialog.rules import engine_reply, respond, ruled
from ivr.dialog.texts import SEND_TEXT
from ivr.dialog.types import Action, Announce, CallerInput, Engine, FirstWords, Listen, PastTurn, Reply, Wait
from ivr.record import turns
from ivr.record.calls import CallDetails
from ivr.record.models import utcnow
from ivr.record.turns import DONE, Claim, Exchange, Step
from ivr.texting import TextSender

log = logging.getLogger("ivr.answering")
POLL_S = 0.25  # how often a request waiting for an answer decided elsewhere looks for it
MAX_WAITS = 3


@dataclass(frozen=True)
class Answerer:
    assistant: Assistant
    engine: Engine
    sessions: sessionmaker[Session]
    executor: ThreadPoolExecutor | None  # None: the engine is fast enough to decide inline
    budget_s: float
    leases: Leases | None = None  # for the turns decided in the background
    first_words: bool = False  # say an answer's first sentence while the engine finishes the rest
    actions: ActionClient | None = None  # the business's declared actions; None: none declared
    decides_inline: bool = False  # the engine answers at once: only a turn running an action waits
    texts: TextSender | None = None  # texts to the caller (Twilio's Messages API); None: not set up


def take_turn(
    answerer: Answerer, session: Session, details: CallDetails, seq: int | None, said: CallerInput
) -> Step:
    at_once = _AtOnce(answerer)
    stored = turns.record_turn(session, details, seq, said, at_once, owner(), LEASE_S)
    if isinstance(stored, Step):
        return stored
    if isinstance(stored, Claim):
        return decide_in_time(answerer, stored, decided=at_once.asking)
    return settle(answerer, session, details.call_sid, stored, waits=0)


class _AtOnce:
    """The answer when it takes no time: a fast engine's (with a text that cannot go out, stored
    with the turn), or a turn rule's (silence, the operator, a transfer's end). None: the engine
    must think, in the background, or the answer asks for an action (kept in `asking`, so the
    claimed turn runs it without asking the engine again)."""

    def __init__(self, answerer: Answerer) -> None:
        self.answerer = answerer
        self.asking: Reply | None = None

    def __call__(
        self, history: list[PastTurn], said: CallerInput, contact: str | None, exchange: Exchange
    ) -> Reply | None:
        answerer = self.answerer
        if answerer.executor is None or answerer.decides_inline:
            reply = decide(answerer, history, said, contact)
            if reply.request is None:
                return reply
            if reply.request.name == SEND_TEXT:
                outcome = texting.not_sent_at_once(answerer, exchange, reply.request)
                if outcome is not None:
                    return actions.answer_after(answerer, history, said, contact, reply, outcome)
            self.asking = reply
            return None
        return ruled(answerer.assistant, history, said)


def settle(
    answerer: Answerer, session: Session, call_sid: str, answer_seq: int, waits: int, heard: str = ""
) -> Step:
    """The answer at `answer_seq`, waiting up to the budget for it; taken over if its owner died.
    `heard` names the answer's first words when the caller heard them already."""
    give_up_at = time.monotonic() + answerer.budget_s
    while True:
        answer = turns.answer_at(session, call_sid, answer_seq)
        if answer is None:
            return Step(Listen(wording.of(answerer.assistant).LOST_PLACE), answer_seq + 1)
        if answer.state == DONE:
            return Step(rest_of(turns.replayed(answer), heard), answer_seq + 1)
        if answer.deadline is not None and answer.deadline < utcnow():
            claim = turns.take_over(session, answer, owner(), LEASE_S)
            if claim is not None:
                log.warning("event=took-over seq=%s from=%s", answer_seq, answer.owner)
                return decide_in_time(answerer, claim, heard, give_up_at - time.monotonic())
        remaining = give_up_at - time.monotonic()
        if remaining <= 0:
            break
        # Decided in this process: woken the moment it is stored. Elsewhere: look again shortly.
        leases = answerer.leases if answer.owner == owner() else None
        if not (leases and leases.wait_released(answer.id, remaining)):
            time.sleep(min(POLL_S, remaining))
    if waits + 1 >= MAX_WAITS:
        return Step(Listen(wording.of(answerer.assistant).GAVE_UP), answer_seq + 1)
    return Step(Wait(wording.of(answerer.assistant).STILL_WORKING, answer_seq, waits + 1, heard), answer_seq)


def decide_in_time(
    answerer: Answerer,
    claim: Claim,
    heard: str = "",
    budget_s: float | None = None,
    decided: Reply | None = None,
) -> Step:
    """Decide the claimed answer, and answer with whichever comes first within the budget (what is
    left of the request's, for a take-over): the whole answer, or (unless the caller heard some of
    it already) its first sentence; else a filler. `decided`: the engine's answer already, which
    asks for an action."""
    budget_s = answerer.budget_s if budget_s is None else max(budget_s, 0.0)
    if answerer.executor is None:
        return Step(work(answerer, claim, decided=decided).action, claim.answer_seq + 1)
    # An action's say_while_waiting is told at once, like a model's first sentence.
    tells = answerer.first_words or answerer.actions is not None
    opening = _Opening() if tells and not heard else None
    # The request's context goes with the work, so that its log lines carry the CallSid.
    context = contextvars.copy_context()
    future = answerer.executor.submit(
        context.run, work, answerer, claim, opening.tell if opening else None, decided
    )
    if opening is not None:
        future.add_done_callback(opening.finished)
        opening.ready.wait(budget_s)
    try:
        reply = future.result(timeout=0 if opening else budget_s)
    except Late:
        if opening is not None and opening.sentence:
            first = FirstWords(opening.sentence, claim.answer_seq, heard_mark(opening.sentence))
            return Step(first, claim.answer_seq)
        return Step(Wait(answerer.assistant.filler, claim.answer_seq, heard=heard), claim.answer_seq)
    return Step(rest_of(reply.action, heard), claim.answer_seq + 1)


def heard_mark(words: str) -> str:
    """How a redirect names the words the caller heard: their length and a digest."""
    return f"{len(words)}-{hashlib.sha256(words.encode()).hexdigest()[:12]}"


def rest_of(action: Action, heard: str) -> Action:
    """The action without the words the caller heard, if it begins with them; otherwise whole,
    as when the model failed mid-answer and the apology was stored, or a take-over decided the
    turn again."""
    length = heard.partition("-")[0]
    if not length.isdigit() or heard_mark(action.say[: int(length)]) != heard:
        return action
    return replace(action, say=action.say[int(length) :].strip())


def work(
    answerer: Answerer, claim: Claim, early: Announce | None = None, decided: Reply | None = None
) -> Reply:
    """Decide the claimed answer (unless `decided` is it already) and store it, keeping the lease
    fresh meanwhile."""
    told = actions.Told(early)
    with answerer.leases.hold(claim.answer_id) if answerer.leases else nullcontext():
        # A turn is claimed only once the turn rules found nothing to say (_AtOnce), so only the
        # engine is asked: the rules' matcher is not run a second time.
        reply = decided or decide(
            answerer,
            claim.history,
            claim.said,
            claim.contact,
            told if answerer.first_words else None,
            rules=False,
        )
        if reply.request is not None:
            reply = actions.carry_out(answerer, claim, reply, told)
        store(answerer, claim, reply)
    return reply


def store(answerer: Answerer, claim: Claim, reply: Reply) -> None:
    """Store a decided answer, trying twice: the caller hears it either way, and an answer that
    could not be stored is left to its lease, for a later request to decide again."""
    for attempt in (1, 2):
        try:
            with answerer.sessions() as session:
                turns.finish_turn(session, claim, owner(), reply)
            return
        except SQLAlchemyError:
            log.warning("event=answer-not-stored seq=%s attempt=%s", claim.answer_seq, attempt, exc_info=True)


def decide(
    answerer: Answerer,
    history: list[PastTurn],
    said: CallerInput,
    contact: str | None,
    early: Announce | None = None,
    rules: bool = True,
) -> Reply:
    """The answer to the caller's turn: the turn rules' (unless `rules` is False: they were
    applied already), else the engine's."""
    try:
        caller = CallerContact.from_json(contact).for_model() if contact else ""
        if not rules:
            return engine_reply(answerer.assistant, history, said, answerer.engine, caller, early)
        return respond(answerer.assistant, history, said, answerer.engine, caller, early)
    except Exception:  # an engine bug must cost the caller one turn, not the call
        log.exception("event=engine-error")
        return Reply(Listen(wording.of(answerer.assistant).ENGINE_ERROR), Note.ERROR)


class _Opening:
    """An answer's first sentence, told by the engine's thread while it finishes the rest."""

    def __init__(self) -> None:
        self.sentence: str | None = None
        self.ready = threading.Event()  # the first sentence was told, or the whole answer is done

    def tell(self, sentence: str) -> None:
        if self.sentence is None:  # the first told is what the caller hears; the rest come after
            self.sentence = sentence
        self.ready.set()

    def finished(self, _future: object) -> None:
        self.ready.set()
