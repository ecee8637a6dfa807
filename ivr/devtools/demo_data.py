"""Demo data: a busy line's worth of plausible calls written straight into the record, to try the
console and to measure it (`ivr demo-data --calls 100000`). A development tool: the runtime never
imports it, and it refuses a database that already holds real calls unless told otherwise."""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ivr.assistant import SAMPLE_PATH, Assistant
from ivr.console import rollup
from ivr.record.models import Call, CallStatus, Delivery, Event, Message, Turn, utcnow

BATCH = 2000
FIRST_NAMES = (
    "Ann Ben Carla Dev Elena Farid Grace Hiro Ines Jonah Kemi Luis Maya Noor Omar Priya Quinn Rosa".split()
)
LAST_NAMES = (
    "Alvarez Brown Chen Diaz Evans Fischer Garcia Hughes Ito Jones Khan Lopez Moore Nguyen Okafor".split()
)
# Calls by hour of day (local): a clinic's line, busiest mid-morning.
HOURS = [0, 0, 0, 0, 0, 0, 1, 3, 10, 14, 13, 11, 8, 9, 10, 9, 8, 6, 3, 2, 1, 1, 0, 0]
WEEKDAYS = [10, 9, 9, 9, 8, 4, 1]  # Monday first


@dataclass
class _Plan:
    """One call being written: its row and its turns, in order."""

    call: dict[str, Any]
    turns: list[dict[str, Any]] = field(default_factory=list)
    message: str | None = None

    def say(self, text: str, action: str, note: str, engine: str, rng: random.Random, **more: Any) -> None:
        claude = engine == "claude" and note not in ("greeting", "transferred")
        model_ms = int(rng.lognormvariate(7.0, 0.35)) if claude else None
        elapsed = (model_ms or 0) + max(1, int(rng.lognormvariate(1.6, 0.6)))
        tokens = (
            {
                "input_tokens": rng.randint(900, 2600),
                "output_tokens": rng.randint(20, 120),
                "cache_read_tokens": rng.randint(0, 2000),
                "cache_write_tokens": 0,
            }
            if claude
            else {}
        )
        self._add("assistant", text=text, action=action, note=note, engine=engine if claude else "menu")
        self.turns[-1].update(
            elapsed_ms=0 if note == "greeting" else elapsed, model_ms=model_ms, **tokens, **more
        )

    def hear(self, kind: str, text: str = "", confidence: float | None = None) -> None:
        self._add("caller", input_kind=kind, text=text, confidence=confidence)

    def _add(self, role: str, **values: Any) -> None:
        at = self.call["started_at"] + timedelta(seconds=6 * len(self.turns))
        self.turns.append({"seq": len(self.turns), "role": role, "created_at": at, **values})


def seed(
    session: Session, assistant: Assistant, calls: int, days: int, seed_value: int = 17, zone: str = "UTC"
) -> int:
    """Write `calls` calls spread over the last `days` days, busiest in office hours in `zone`;
    returns how many were written."""
    rng = random.Random(seed_value)
    said = _utterances()
    next_id = (session.scalar(select(func.max(Call.id))) or 0) + 1
    written = 0
    batch: list[_Plan] = []
    for started in _start_times(rng, calls, days, ZoneInfo(zone)):
        batch.append(_call(rng, assistant, said, next_id + written, started))
        written += 1
        if len(batch) >= BATCH:
            _write(session, batch)
            batch = []
    _write(session, batch)
    _deliveries(session, rng, next_id, written)
    rollup.forget(session)  # the overview's kept days no longer hold every call of theirs
    session.commit()
    return written


def _start_times(rng: random.Random, calls: int, days: int, zone: ZoneInfo) -> Iterator[datetime]:
    """Local office hours, in UTC; a time later than now moves back a week (same weekday and hour)."""
    now = utcnow().astimezone(zone)
    first = (now - timedelta(days=days)).replace(hour=0, minute=0, second=0, microsecond=0)
    weights = [WEEKDAYS[(first + timedelta(days=d)).weekday()] for d in range(days + 1)]
    chosen = []
    for day in rng.choices(range(days + 1), weights, k=calls):
        hour = rng.choices(range(24), HOURS)[0]
        at = first + timedelta(days=day, hours=hour, seconds=rng.randrange(3600))
        chosen.append((at if at < now else at - timedelta(days=7)).astimezone(UTC))
    yield from sorted(chosen)


def _utterances() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    with SAMPLE_PATH.with_suffix(".utterances.csv").open(newline="") as file:
        for row in csv.DictReader(file):
            found.setdefault(row["expected"], []).append(row["utterance"])
    return found


def _call(
    rng: random.Random, assistant: Assistant, said: dict[str, list[str]], id: int, at: datetime
) -> _Plan:
    known = rng.random() < 0.3
    caller = f"+1555{rng.randrange(10_000_000):07d}"
    contact = json.dumps({"name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"}) if known else None
    engine = "claude" if rng.random() < 0.2 else "menu"
    plan = _Plan(
        {
            "id": id,
            "call_sid": f"CA{rng.getrandbits(128):032x}",
            "account_sid": "AC" + "d" * 32,
            "from_number": caller,
            "to_number": "+15555550000",
            "status": "completed",
            "started_at": at,
            "contact": contact,
            "contact_lookup": "found" if known else "unknown",
            "test": False,
        }
    )
    plan.say(assistant.greeting, "listen", "greeting", "rules", rng)
    roll = rng.random()
    if roll < 0.05:  # abandoned while ringing: no turns but the greeting never reached anyone
        plan.turns.clear()
        return _end(plan, rng, "abandoned", status="no-answer")
    transfers = [o for o in assistant.menu if o.transfer]
    if roll < 0.50:
        return _transfer(plan, rng, assistant, said, rng.choice(transfers), engine)
    if roll < 0.58:
        return _message(plan, rng, assistant, engine)
    if roll < 0.68:
        plan.hear("speech", rng.choice(said.get("none", ["um"])), round(rng.uniform(0.5, 0.95), 2))
        plan.say("Sorry, I can't help with that here.", "listen", "no-match", engine, rng)
        return _end(plan, rng, "caller-hung-up")
    info = next((o for o in assistant.menu if o.say), None)
    if rng.random() < 0.15:
        plan.hear("speech", rng.choice(said.get("none", ["um"])), round(rng.uniform(0.2, 0.44), 2))
        plan.say("Sorry, could you say that again?", "listen", "low-confidence", "rules", rng)
    if info is not None:
        plan.hear("speech", rng.choice(said.get(info.name, [info.name])), round(rng.uniform(0.6, 0.97), 2))
        plan.say(info.say or "", "listen", f"option-{info.key}", engine, rng)
    plan.hear("speech", rng.choice(said.get("goodbye", ["bye"])), 0.9)
    plan.say(assistant.goodbye, "hangup", "caller-done", engine, rng)
    return _end(plan, rng, "caller-done")


def _transfer(
    plan: _Plan, rng: random.Random, assistant: Assistant, said: dict, option: Any, engine: str
) -> _Plan:
    if rng.random() < 0.4:
        plan.hear("digits", option.key)
    else:
        plan.hear(
            "speech", rng.choice(said.get(option.name, [option.name])), round(rng.uniform(0.6, 0.97), 2)
        )
    if rng.random() < 0.03:
        plan.turns[-1]["note"] = None
        plan.say("I'm sorry, something went wrong on our side.", "listen", "error", "rules", rng)
        plan.hear("digits", option.key)
    plan.say(f"Connecting you to {option.transfer}.", "transfer", f"option-{option.key}", engine, rng)
    plan.turns[-1]["target"] = option.transfer
    result = rng.choices(["completed", "busy", "no-answer"], [85, 10, 5])[0]
    plan.hear("dial", result)
    if result == "completed":
        plan.say("", "hangup", "transferred", "rules", rng)
        return _end(plan, rng, f"transferred:{option.transfer}")
    plan.say(f"I'm sorry, {option.transfer} is busy right now.", "listen", f"dial-{result}", "rules", rng)
    return _end(plan, rng, "caller-hung-up")


def _message(plan: _Plan, rng: random.Random, assistant: Assistant, engine: str) -> _Plan:
    option = next((o for o in assistant.menu if o.message), None)
    plan.hear("digits", option.key if option else "6")
    plan.say(
        option.message if option and option.message else "Please leave a message.",
        "listen",
        "ask-message",
        engine,
        rng,
    )
    plan.message = rng.choice(
        [
            "Hi, this is about my appointment on Thursday, please call me back.",
            "I need my refill approved before the weekend, thanks.",
            "Question about my bill, I think I was charged twice.",
            "Calling about my mother's test results, please call back after five.",
        ]
    )
    plan.hear("speech", plan.message, 0.9)
    plan.say("Thank you, I've passed your message on.", "listen", "message-taken", engine, rng)
    return _end(plan, rng, "caller-hung-up")


def _end(plan: _Plan, rng: random.Random, outcome: str, status: str = "completed") -> _Plan:
    call = plan.call
    seconds = 8 * len(plan.turns) + rng.randrange(20) if plan.turns else rng.randrange(5, 25)
    call.update(outcome=outcome, status=status, duration_s=seconds)
    call["ended_at"] = call["started_at"] + timedelta(seconds=seconds)
    return plan


def _write(session: Session, plans: list[_Plan]) -> None:
    if not plans:
        return
    session.execute(insert(Call), [p.call for p in plans])
    turn_columns = [c.key for c in Turn.__table__.columns if c.key != "id"]
    rows = [
        {**dict.fromkeys(turn_columns), "state": "done", **turn, "call_id": p.call["id"]}
        for p in plans
        for turn in p.turns
    ]
    for row in rows:
        row["text"] = row["text"] or ""
    if rows:
        session.execute(insert(Turn), rows)
    statuses = [
        {
            "call_id": p.call["id"],
            "status": p.call["status"],
            "sequence": 0,
            "duration_s": p.call["duration_s"],
            "received_at": p.call["ended_at"],
        }
        for p in plans
    ]
    session.execute(insert(CallStatus), statuses)
    notes = [
        {
            "call_id": p.call["id"],
            "text": p.message,
            "created_at": p.call["ended_at"],
            "handled_at": p.call["ended_at"] + timedelta(hours=2) if p.call["id"] % 3 else None,
        }
        for p in plans
        if p.message
    ]
    if notes:
        session.execute(insert(Message), notes)


def _deliveries(session: Session, rng: random.Random, first_id: int, count: int) -> None:
    """A few post-call events for the newest calls, some of them failing, for the health page."""
    for call_id in range(max(first_id, first_id + count - 30), first_id + count):
        event = Event(
            event_id=f"evt_{rng.getrandbits(64):016x}", call_id=call_id, type="call.ended", payload="{}"
        )
        failing = rng.random() < 0.3
        event.deliveries.append(
            Delivery(
                url="https://crm.example.com/hooks/calls",
                state="pending" if failing else "delivered",
                attempts=rng.randint(2, 6) if failing else 1,
                last_error="HTTP 502 Bad Gateway" if failing else None,
                delivered_at=None if failing else utcnow(),
            )
        )
        session.add(event)
