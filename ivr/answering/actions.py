"""Running the business's declared actions for a call: in a turn, when an engine asks for one (the
caller hears say_while_waiting at once, and a slow answer rides the filler-and-redirect path of a
slow model), and at the call's start and end.

Every run is checked against its declaration before anything is sent (a refused one is kept, and
logged, never sent), claimed in the record under an Idempotency-Key unique to the call, the turn
and the action, and finished with what came back. Deciding the same turn again (a take-over after
a worker died) finds the key: a finished run is replayed from the record, and one that was still
running is sent again under the same key, for the business to deduplicate."""

from __future__ import annotations

import contextvars
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from ivr.answering import texts as texting
from ivr.business import events
from ivr.business.contacts import CallerContact
from ivr.dialog import wording
from ivr.dialog.actions import ActionSpec, Outcome, check, spoken_outcome
from ivr.dialog.collecting import region
from ivr.dialog.notes import Note
from ivr.dialog.redaction import redact
from ivr.dialog.rules import checked
from ivr.dialog.texts import SEND_TEXT
from ivr.dialog.types import ActionRequest, Announce, CallerInput, Listen, PastTurn, Reply
from ivr.record import actions as record
from ivr.record.calls import FINAL_STATUSES
from ivr.record.models import Call, Turn

if TYPE_CHECKING:
    from ivr.answering.turns import Answerer
    from ivr.record.turns import Claim

log = logging.getLogger("ivr.answering.actions")
TEST_CALL = "a test call: not sent to the business"


class Told:
    """What the caller was told early in a turn, in order (a model's first sentence, an action's
    say_while_waiting): each passed on to `early` as it comes, and kept to begin the stored answer."""

    def __init__(self, early: Announce | None) -> None:
        self.early = early
        self.sentences: list[str] = []

    def __call__(self, sentence: str) -> None:
        self.sentences.append(sentence)
        if self.early is not None:
            self.early(sentence)


def carry_out(answerer: Answerer, claim: Claim, reply: Reply, told: Told) -> Reply:
    """Run the action `reply` asks for and return what the caller hears after it, beginning with
    what they were told while it ran. An error of ours costs the caller this turn, not the call."""
    request = reply.request
    assert request is not None
    key = ""
    try:
        spec = answerer.assistant.action(request.name)
        if request.name == SEND_TEXT:  # a text to the caller: ours to send, not the business's
            outcome = texting.send(answerer, claim, request)
        elif spec is None or spec.run_on != "request" or answerer.actions is None:
            log.warning("event=action-refused name=%r reason=undeclared", request.name[:40])
            outcome = Outcome("refused", detail=f"{request.name} is not an action you can take")
        else:
            told(spec.say_while_waiting)
            outcome, key = run(answerer, claim.call_id, claim.answer_seq, "turn", spec, request.arguments)
        after = _after(answerer, claim.history, claim.said, claim.contact, request, outcome)
        if spec is not None and key and outcome.status != "refused":
            _note_spoken(answerer, key, spec, outcome, after)
    except Exception:
        after = _failed(answerer, request)
    return _joined(reply, after, told)


def answer_after(
    answerer: Answerer,
    history: list[PastTurn],
    said: CallerInput,
    contact: str | None,
    reply: Reply,
    outcome: Outcome,
) -> Reply:
    """What the caller hears after the action `reply` asked for went as `outcome` without being
    run here: a text that could not go out, decided in the turn's own transaction."""
    assert reply.request is not None
    try:
        after = _after(answerer, history, said, contact, reply.request, outcome)
    except Exception:
        after = _failed(answerer, reply.request)
    return _joined(reply, after, Told(None))


def _after(
    answerer: Answerer,
    history: list[PastTurn],
    said: CallerInput,
    contact: str | None,
    request: ActionRequest,
    outcome: Outcome,
) -> Reply:
    caller = CallerContact.from_json(contact).for_model() if contact else ""
    engine = answerer.engine
    after = engine.after_action(answerer.assistant, history, said, request, outcome, caller)
    return checked(answerer.assistant, replace(after, by=engine.name))


def _failed(answerer: Answerer, request: ActionRequest) -> Reply:
    log.exception("event=action-error name=%r", request.name[:40])
    return Reply(Listen(wording.of(answerer.assistant).ENGINE_ERROR), Note.ERROR)


def _joined(reply: Reply, after: Reply, told: Told) -> Reply:
    """The answer after an action: what the caller was told while it ran, then what follows it."""
    say = " ".join([*told.sentences, after.action.say]).strip()
    # A model that failed stays on the record as such, whatever its fallback went on to do.
    note = reply.note if Note.MODEL_FALLBACK.marks(reply.note) else after.note
    return replace(
        after, action=replace(after.action, say=say), note=note, usage=_added(reply.usage, after.usage)
    )


def run(
    answerer: Answerer,
    call_id: int,
    seq: int | None,
    moment: str,
    spec: ActionSpec,
    arguments: Mapping[str, Any],
    facts: Mapping[str, Any] | None = None,
) -> tuple[Outcome, str]:
    """Check, claim, send (or replay) and store one run; its outcome and its idempotency key."""
    assert answerer.actions is not None
    with answerer.sessions() as session:
        call = record.call_of(session, call_id)
        facts = {**call_facts(call), **(facts or {})}
    key = idempotency_key(call.call_sid, seq, moment, spec.name)
    verdict = check(spec, arguments, facts, region(answerer.assistant))
    parameters = _masked(verdict.values if verdict.ok or not isinstance(arguments, Mapping) else arguments)
    if not verdict.ok:
        why = "; ".join(verdict.problems)
        log.warning("event=action-refused name=%s problems=%r", spec.name, why[:300])
        with answerer.sessions() as session:
            record.refused(session, call_id, seq, moment, spec.name, key, parameters, why)
        return Outcome("refused", detail=why), key
    if call.test:  # a scenario's call (ivr test-calls): the business is never asked
        log.info("event=action-skipped name=%s (test call)", spec.name)
        with answerer.sessions() as session:
            record.refused(session, call_id, seq, moment, spec.name, key, parameters, TEST_CALL)
        return Outcome("failed", detail=TEST_CALL), key
    with answerer.sessions() as session:
        stored = record.begin(session, call_id, seq, moment, spec.name, key, parameters)
    if stored is not None and stored.finished:
        log.info("event=action-replayed name=%s status=%s", spec.name, stored.status)
        status = "ok" if stored.status == "ok" else "refused" if stored.status == "refused" else "failed"
        return Outcome(status, stored.fields, stored.detail), key  # type: ignore[arg-type]
    answer = answerer.actions.send(spec, verdict.values, key)
    with answerer.sessions() as session:
        record.finish(
            session, key, answer.status, answer.http_status, answer.elapsed_ms, answer.fields, answer.detail
        )
    return Outcome("ok" if answer.ok else "failed", answer.fields, answer.detail), key


def idempotency_key(call_sid: str, seq: int | None, moment: str, name: str) -> str:
    """Unique to the call, the turn (or the moment) and the action: CA…-4-book_appointment."""
    return f"{call_sid}-{seq if moment == 'turn' else moment}-{name}"


def call_facts(call: Call) -> dict[str, Any]:
    """What a parameter's `value` may name (ivr.dialog.actions.CALL_FIELDS)."""
    contact = _contact_name(call.contact)
    return {
        "call_sid": call.call_sid,
        "caller": call.from_number or "",
        "called": call.to_number or "",
        "caller_name": contact,
        "started_at": call.started_at.isoformat(timespec="seconds") if call.started_at else "",
    }


def at_call_start(answerer: Answerer, call_sid: str) -> None:
    """Run the call-start actions in the background: the greeting never waits for them."""
    specs = _at(answerer, "call-start")
    if not specs or answerer.executor is None:
        return
    context = contextvars.copy_context()  # its log lines carry the CallSid
    answerer.executor.submit(context.run, _call_started, answerer, call_sid, specs)


def _call_started(answerer: Answerer, call_sid: str, specs: Sequence[ActionSpec]) -> None:
    try:
        with answerer.sessions() as session:
            call = session.scalar(select(Call).where(Call.call_sid == call_sid))
            if call is None or call.test:
                return
            call_id = call.id
        for spec in specs:
            run(answerer, call_id, None, "call-start", spec, {})
    except Exception:  # the call goes on whatever happened to its start-of-call actions
        log.exception("event=action-error moment=call-start")


def before_call_end(answerer: Answerer, call_sid: str, status: str, duration_s: int | None) -> None:
    """Run the call-end actions when `status` ends a call that has not ended yet, before the call
    is closed, so that the post-call event lists them. Nobody is on the line: the status callback
    waits for them (at most each action's timeout_ms)."""
    specs = _at(answerer, "call-end")
    if status not in FINAL_STATUSES or not specs:
        return
    with answerer.sessions() as session:
        call = session.scalar(select(Call).where(Call.call_sid == call_sid))
        if call is None or call.ended_at is not None or call.test:
            return
        turns = list(session.scalars(select(Turn).where(Turn.call_id == call.id).order_by(Turn.seq)))
        options = {o.key: o.name for o in answerer.assistant.menu}
        facts = {
            "outcome": events.outcome(call, turns)["kind"],
            "summary": events.path_summary(call, turns, options),
            "duration_s": "" if duration_s is None else str(duration_s),
        }
        call_id = call.id
    for spec in specs:
        try:
            run(answerer, call_id, None, "call-end", spec, {}, facts)
        except Exception:
            log.exception("event=action-error moment=call-end name=%s", spec.name)


def _at(answerer: Answerer, moment: str) -> list[ActionSpec]:
    if answerer.actions is None:
        return []
    return [spec for spec in answerer.assistant.actions if spec.run_on == moment]


def _note_spoken(answerer: Answerer, key: str, spec: ActionSpec, outcome: Outcome, after: Reply) -> None:
    """Which of the answer's fields the caller heard: say_on_success's, when it was said; all of
    them, when the model was given them to speak from."""
    if not outcome.ok or not outcome.fields:
        return
    said = spoken_outcome(spec.say_on_success, outcome.fields)
    if said is not None and said[0] in after.action.say:
        names: Sequence[str] = said[1]
    elif after.by != "menu":
        names = list(outcome.fields)
    else:
        return
    with answerer.sessions() as session:
        record.note_spoken(session, key, names)


def _masked(values: Mapping[str, Any]) -> str:
    """Parameters as stored: long digit runs masked like transcripts (ivr.dialog.redaction)."""
    masked = {name: redact(value) if isinstance(value, str) else value for name, value in values.items()}
    return json.dumps(masked, ensure_ascii=False, default=str)[:4000]


def _contact_name(contact: str | None) -> str:
    if not contact:
        return ""
    try:
        return CallerContact.from_json(contact).name
    except (ValueError, TypeError, AttributeError):
        return ""


def _added(first: Mapping[str, int], second: Mapping[str, int]) -> dict[str, int]:
    return {name: first.get(name, 0) + second.get(name, 0) for name in {*first, *second}}
