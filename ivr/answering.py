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

import functools
import hashlib
import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as Late
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session, sessionmaker

from ivr import calls
from ivr.assistant import Assistant
from ivr.calls import DONE, Claim, Step
from ivr.contacts import CallerContact
from ivr.dialog import Action, Announce, CallerInput, Engine, FirstWords, Listen, Reply, Wait, respond, ruled
from ivr.dialog import Turn as DialogTurn
from ivr.models import utcnow

log = logging.getLogger("ivr.answering")
LEASE_S = 3.0
RENEW_EVERY_S = 1.0
POLL_S = 0.25  # how often a request waiting for a late answer looks for it
MAX_WAITS = 3
STILL_WORKING = "Thanks for waiting, I'm nearly there."
GAVE_UP = "I'm sorry, that took too long on my side. Could you say that again?"


@dataclass(frozen=True)
class Answerer:
    assistant: Assistant
    engine: Engine
    sessions: sessionmaker[Session]
    executor: ThreadPoolExecutor | None  # None: the engine is fast enough to decide inline
    budget_s: float
    leases: Leases | None = None  # for the turns decided in the background
    first_words: bool = False  # say an answer's first sentence while the engine finishes the rest


def owner() -> str:
    """Who is deciding a turn: this process, on this machine."""
    return f"{socket.gethostname()}:{os.getpid()}"


def take_turn(
    answerer: Answerer, session: Session, details: calls.CallDetails, seq: int | None, said: CallerInput
) -> Step:
    decide_now = functools.partial(decided_at_once, answerer)
    stored = calls.record_turn(session, details, seq, said, decide_now, owner(), LEASE_S)
    if isinstance(stored, Step):
        return stored
    if isinstance(stored, Claim):
        return decide_in_time(answerer, stored)
    return settle(answerer, session, details.call_sid, stored, waits=0)


def decided_at_once(
    answerer: Answerer, history: list[DialogTurn], said: CallerInput, contact: str | None
) -> Reply | None:
    """The answer when it takes no time: a fast engine's, or a turn rule's (silence, the operator,
    a transfer's end). None: the engine must think, in the background."""
    if answerer.executor is None:
        return decide(answerer, history, said, contact)
    return ruled(answerer.assistant, history, said)


def settle(
    answerer: Answerer, session: Session, call_sid: str, answer_seq: int, waits: int, heard: str = ""
) -> Step:
    """The answer at `answer_seq`, waiting up to the budget for it; taken over if its owner died.
    `heard` names the answer's first words when the caller heard them already."""
    give_up_at = time.monotonic() + answerer.budget_s
    while True:
        answer = calls.answer_at(session, call_sid, answer_seq)
        if answer is None:
            return Step(Listen("Sorry, where were we? How can I help?"), answer_seq + 1)
        if answer.state == DONE:
            return Step(rest_of(calls.replayed(answer), heard), answer_seq + 1)
        if answer.deadline is not None and answer.deadline < utcnow():
            claim = calls.take_over(session, answer, owner(), LEASE_S)
            if claim is not None:
                log.warning("event=took-over call_sid=%s seq=%s from=%s", call_sid, answer_seq, answer.owner)
                return decide_in_time(answerer, claim, heard)
        if time.monotonic() >= give_up_at:
            break
        time.sleep(POLL_S)
    if waits + 1 >= MAX_WAITS:
        return Step(Listen(GAVE_UP), answer_seq + 1)
    return Step(Wait(STILL_WORKING, answer_seq, waits + 1, heard), answer_seq)


def decide_in_time(answerer: Answerer, claim: Claim, heard: str = "") -> Step:
    """Decide the claimed answer, and answer with whichever comes first within the budget: the
    whole answer, or (unless the caller heard some of it already) its first sentence; else a filler."""
    if answerer.executor is None:
        return Step(work(answerer, claim).action, claim.answer_seq + 1)
    opening = _Opening() if answerer.first_words and not heard else None
    future = answerer.executor.submit(work, answerer, claim, opening.tell if opening else None)
    if opening is not None:
        future.add_done_callback(opening.finished)
        opening.ready.wait(answerer.budget_s)
    try:
        reply = future.result(timeout=0 if opening else answerer.budget_s)
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


def work(answerer: Answerer, claim: Claim, early: Announce | None = None) -> Reply:
    """Decide the claimed answer and store it, keeping the lease fresh meanwhile."""
    with answerer.leases.hold(claim.answer_id) if answerer.leases else nullcontext():
        reply = decide(answerer, claim.history, claim.said, claim.contact, early)
    with answerer.sessions() as session:
        calls.finish_turn(session, claim, owner(), reply)
    return reply


def decide(
    answerer: Answerer,
    history: list[DialogTurn],
    said: CallerInput,
    contact: str | None,
    early: Announce | None = None,
) -> Reply:
    try:
        caller = CallerContact.from_json(contact).for_model() if contact else ""
        return respond(answerer.assistant, history, said, answerer.engine, caller, early)
    except Exception:  # an engine bug must cost the caller one turn, not the call
        log.exception("event=engine-error")
        return Reply(Listen("Sorry, something went wrong on my side. Could you say that again?"), "error")


class _Opening:
    """An answer's first sentence, told by the engine's thread while it finishes the rest."""

    def __init__(self) -> None:
        self.sentence: str | None = None
        self.ready = threading.Event()  # the first sentence was told, or the whole answer is done

    def tell(self, sentence: str) -> None:
        self.sentence = sentence
        self.ready.set()

    def finished(self, _future: object) -> None:
        self.ready.set()


class Leases:
    """The leases on every turn this process is deciding, renewed together once a second by one
    thread, in one statement: a process deciding hundreds of turns at once costs the database one
    UPDATE a second, not hundreds."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self.held: set[int] = set()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    @contextmanager
    def hold(self, answer_id: int) -> Iterator[None]:
        with self.lock:
            self.held.add(answer_id)
            if self.thread is None:  # started on first use, in the process that serves requests
                self.thread = threading.Thread(target=self._renew, name="leases", daemon=True)
                self.thread.start()
        try:
            yield
        finally:
            with self.lock:
                self.held.discard(answer_id)

    def _renew(self) -> None:
        while True:
            time.sleep(RENEW_EVERY_S)
            with self.lock:
                held = list(self.held)
            if not held:
                continue
            try:
                with self.sessions() as session:
                    calls.renew_leases(session, held, owner(), LEASE_S)
            except Exception:  # a missed renewal risks a second decision, never a lost turn
                log.warning("event=lease-renewal-failed answers=%s", len(held), exc_info=True)
